"""Frames of the synthetic tables: object text while building, Arrow-backed text at the end."""
from __future__ import annotations

import numpy as np
import pandas as pd


def objframe(data: dict) -> pd.DataFrame:
    """DataFrame keeping text in plain object columns: pandas 3 would convert every text column
    to Arrow strings at once, which is slow for the many intermediate frames; :func:`clean`
    converts the final frames once."""
    n = next(len(v) for v in data.values() if isinstance(v, (np.ndarray, list, pd.Series)))
    cols = {}
    for k, v in data.items():
        if isinstance(v, np.ndarray) and v.dtype.kind in "OU":
            cols[k] = pd.Series(v.astype(object), dtype=object)
        elif isinstance(v, list):
            cols[k] = pd.Series(np.array(v, dtype=object), dtype=object)
        elif isinstance(v, str) or v is None:
            cols[k] = pd.Series(np.full(n, v, dtype=object), dtype=object)
        else:
            cols[k] = v
    return pd.DataFrame(cols)


def text_or_none(value: object) -> str | None:
    return value if isinstance(value, str) and value else None


def clean(frame: pd.DataFrame) -> pd.DataFrame:
    """Text columns as pandas ``str`` (Arrow-backed, NaN for missing), built straight through Arrow.

    Builds a new frame column by column (no copy of the whole frame, and no re-assignment into
    its consolidated object block, which pandas copies on every column replaced)."""
    cols = {}
    for col in frame.columns:
        s = frame[col]
        if s.dtype == object:
            try:
                import pyarrow as pa
                arr = pa.array(s.to_numpy(), type=pa.large_string(), from_pandas=True)
                s = pd.Series(pd.array(arr, dtype=pd.StringDtype("pyarrow", na_value=np.nan)), index=frame.index)
            except Exception:  # pragma: no cover - without pyarrow
                s = s.astype("str")
        cols[col] = s
    return pd.DataFrame(cols, index=frame.index)
