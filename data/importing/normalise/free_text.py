"""Free text and codes."""
from __future__ import annotations

import re

import pandas as pd

from data.importing.normalise.arrow_text import arrow_text, text_arrow
from data.importing.normalise.cells import text
from data.importing.normalise.columns import per_value


def norm_text(series: pd.Series, max_len: int = 500) -> tuple[pd.Series, pd.Series]:
    arr = arrow_text(series)
    if arr is not None:
        return text_arrow(arr, max_len, series.index)

    def fn(v):
        s = text(v)
        if len(s) > max_len:
            return None, f"Teks terlalu panjang ({len(s)} karakter; paling banyak {max_len})."
        return s, None
    return per_value(series, fn)


def norm_code(series: pd.Series) -> tuple[pd.Series, pd.Series]:
    def fn(v):
        s = re.sub(r"\s+", "-", text(v).upper())
        if len(s) > 60:
            return None, f"Kode '{text(v)}' terlalu panjang (paling banyak 60 karakter)."
        return s, None
    return per_value(series, fn)
