"""Fast lookups of small rule tables by string keys over large columns."""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

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


def isin(values: pd.Series, among: pd.Series) -> np.ndarray:
    """``values.isin(among)`` as a boolean array. Two Arrow-backed text columns go through pyarrow's
    ``is_in`` (2M NIPs against 52k: 0.04 s instead of 0.27 s); anything else through pandas."""
    if isinstance(values.dtype, pd.StringDtype) and isinstance(among.dtype, pd.StringDtype) \
            and values.dtype.storage == "pyarrow" and among.dtype.storage == "pyarrow":
        import pyarrow as pa
        import pyarrow.compute as pc

        found = pc.is_in(pa.chunked_array(values.array._pa_array), value_set=pa.chunked_array(
            among.array._pa_array).combine_chunks())
        return found.to_numpy(zero_copy_only=False).astype(bool)
    return values.isin(among).to_numpy(dtype=bool)
