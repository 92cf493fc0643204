"""Where each placed ASN is drawn on the 9-box: grid units, column/row 0..3.

A value axis maps piecewise-linearly inside its category band, so the cut lines
sit exactly at the grid lines 1 and 2. An axis known only by category (the
predikat) is jittered inside its band, and every dot a little sideways, by a keyed
hash of the NIP (BLAKE2b under a key derived from the installation's secret), so
the picture is the same on every rerun but a dot's place says nothing about whose
it is to anyone without that secret (see docs/decisions/0020-keyed-positions.md).
"""
from __future__ import annotations

import hashlib
import hmac

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from analytics.rules import PERFORMANCE_CATEGORIES, POTENTIAL_CATEGORIES, RuleSet

MARGIN = 0.06   # keep dots off the grid lines
DOT_TOP = 0.78  # dots stay below this fraction of a row; the badge sits above it


def _span(values: pd.Series, mid: float | None, hi: float | None) -> tuple[float, float]:
    """Outer edges of the value axis: the data's range, widened to include the cut-offs."""
    v = values.to_numpy(dtype=float)
    if mid is None or hi is None or np.isnan(v).all():
        return 0.0, 100.0
    return min(float(np.nanmin(v)) - 0.5, mid - 1.0), max(float(np.nanmax(v)) + 0.5, hi + 1.0)


def _key_numbers(keys: pd.Series) -> np.ndarray:
    """One uint64 per key: the number itself for digit keys such as NIPs (no Python string per
    person: 4.7M ASN), else a hash of the text."""
    try:
        return pc.cast(pa.array(keys, from_pandas=True), pa.uint64()).to_numpy(zero_copy_only=False)
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError, pa.ArrowTypeError):
        return pd.util.hash_pandas_object(keys.astype(str), index=False).to_numpy()


MIN_KEY_BYTES = 16
_CHUNK = 1 << 18   # keys hashed per batch: bounds the transient list of digests (~60 bytes a person)


def _position_key(key: bytes, salt: str) -> bytes:
    """The BLAKE2b key of one draw: HMAC of the installation secret, so dot positions and the
    pseudonyms (HMAC of the NIP under the secret itself) never share a key."""
    if not isinstance(key, bytes) or len(key) < MIN_KEY_BYTES:
        raise ValueError(f"a position key of at least {MIN_KEY_BYTES} bytes is required (the installation secret)")
    return hmac.digest(key, b"talenta:posisi-titik:" + salt.encode(), "sha256")


def keyed_units(keys: pd.Series, key: bytes, lanes: int = 1, salt: str = "") -> np.ndarray:
    """``lanes`` independent uniform numbers in [0, 1) per key, shape (len(keys), lanes): keyed
    BLAKE2b (a PRF; one call a person gives every lane) of the key's 8-byte number. Deterministic for
    one secret; without it the numbers cannot be recomputed from the NIP."""
    base = hashlib.blake2b(key=_position_key(key, salt), digest_size=8 * lanes)
    nums = _key_numbers(keys).astype(">u8").view("V8")
    copy = base.copy

    def one(b: bytes) -> bytes:
        h = copy()
        h.update(b)
        return h.digest()

    parts = [b"".join(map(one, nums[i:i + _CHUNK].tolist())) for i in range(0, len(nums), _CHUNK)]
    z = np.frombuffer(b"".join(parts), dtype="<u8").reshape(len(nums), lanes)
    return (z >> np.uint64(11)).astype(np.float64) / float(1 << 53)


def stable_unit(keys: pd.Series, salt: str, key: bytes) -> np.ndarray:
    """One keyed, rerun-stable number in [0, 1) per key; each salt gives an independent draw."""
    return keyed_units(keys, key, 1, salt)[:, 0]


def band_position(values: pd.Series, categories: pd.Series, order: tuple[str, str, str],
                  mid: float | None, hi: float | None, lo: float = 0.0, top: float = 100.0) -> np.ndarray:
    """Grid coordinate of values inside their category's band [i, i+1)."""
    idx = categories.map({c: i for i, c in enumerate(order)}).to_numpy(dtype=float)
    v = values.to_numpy(dtype=float)
    if mid is None or hi is None:
        return idx + 0.5
    edges = np.array([lo, mid, hi, max(top, hi + 1e-9)])
    i = np.nan_to_num(idx, nan=0).astype(int)
    start, end = edges[i], edges[i + 1]
    with np.errstate(invalid="ignore", divide="ignore"):
        frac = np.clip((v - start) / np.where(end > start, end - start, 1.0), 0.0, 1.0)
    return idx + MARGIN + frac * (1 - 2 * MARGIN)


def plot_positions(placed: pd.DataFrame, rules: RuleSet, key: bytes) -> pd.DataFrame:
    """Columns x, y (grid units) for rows that have a box, NaN elsewhere, and ``sampel`` (the unit
    :func:`stable_sample` draws by, also the order dots are sent in). ``key``: the installation secret."""
    units = keyed_units(placed["nip"], key, 3, "titik")   # x jitter, y jitter, sample: one hash a person
    _, p_hi, p_mid = rules.cutoff("potensial")
    lo, top = _span(placed["potensial_nilai"], p_mid, p_hi)
    x = band_position(placed["potensial_nilai"], placed["potensial_kategori"], POTENTIAL_CATEGORIES, p_mid, p_hi,
                      lo, top)
    k_method, k_hi, k_mid = rules.cutoff("kinerja")
    row = placed["kinerja_kategori"].map({c: i for i, c in enumerate(PERFORMANCE_CATEGORIES)}).to_numpy(dtype=float)
    if k_method == "nilai":
        lo, top = _span(placed["kinerja_nilai"], k_mid, k_hi)
        y = band_position(placed["kinerja_nilai"], placed["kinerja_kategori"], PERFORMANCE_CATEGORIES, k_mid, k_hi,
                          lo, top)
        y = np.floor(y) + (y - np.floor(y)) * DOT_TOP  # keep the top strip free for the box badge
    else:
        y = row + MARGIN + units[:, 1] * (DOT_TOP - MARGIN)
    # a little horizontal jitter too, so equal scores do not stack into one dot
    x = x + (units[:, 0] - 0.5) * 0.04
    has_box = placed["kotak"].notna().to_numpy()
    return pd.DataFrame({"x": np.where(has_box, x, np.nan), "y": np.where(has_box, y, np.nan),
                         "sampel": units[:, 2]}, index=placed.index)


def stable_sample(units: pd.Series, limit: int) -> pd.Series:
    """Boolean mask keeping about ``limit`` rows, the same rows on every rerun: those with the smallest
    ``units`` (``plot_positions``' keyed ``sampel``, worked out once with the placements, not per rerun)."""
    n = len(units)
    if n <= limit:
        return pd.Series(True, index=units.index)
    u = units.to_numpy(dtype=float)
    cut = np.partition(u, limit - 1)[limit - 1]
    return pd.Series(u <= cut, index=units.index)
