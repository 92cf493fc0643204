"""Random draws shared by the builders: weighted choices and uniform dates."""
from __future__ import annotations

import numpy as np


def uniform_dates(rng: np.random.Generator, lo, hi, n: int) -> np.ndarray:
    """Uniform dates in [lo, hi] (element-wise bounds allowed)."""
    lo = np.broadcast_to(np.asarray(lo, dtype="datetime64[D]"), (n,))
    hi = np.broadcast_to(np.asarray(hi, dtype="datetime64[D]"), (n,))
    span = np.maximum((hi - lo).astype(np.int64), 0)
    return lo + np.floor(rng.random(n) * (span + 1)).astype(np.int64)


def weighted_choice(rng: np.random.Generator, items, weights, n: int) -> np.ndarray:
    w = np.asarray(weights, dtype=float)
    idx = rng.choice(len(items), size=n, p=w / w.sum())
    return np.asarray(items, dtype=object)[idx]
