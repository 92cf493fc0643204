"""Numbers as Indonesian spreadsheets write them ('85,5', '1.234,5', '85 %')."""
from __future__ import annotations

import math
import re
from functools import partial

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from data.importing.normalise.arrow_text import bools
from data.importing.normalise.cells import text
from data.importing.normalise.columns import per_value

_NUM_DOT_THOUSANDS = re.compile(r"^[+-]?\d{1,3}(\.\d{3})+(,\d+)?$")
_NUM_COMMA = re.compile(r"^[+-]?\d+(,\d+)?$")
_NUM_DOT = re.compile(r"^[+-]?\d*\.?\d+$")
_NUM_COMMA_THOUSANDS = re.compile(r"^[+-]?\d{1,3}(,\d{3})+\.\d+$")
# '85' and '85,5' (the commonest cells), read as parse_number reads them: no dot, so never thousands
_PLAIN = r"^-?[0-9]+(,[0-9]+)?$"


def parse_number(v: object) -> float | None:
    """85 / 85.5 / '85,5' / '1.234,5' / '85 %' → float; None when not a number."""
    if isinstance(v, bool):
        return None
    if isinstance(v, (int, np.integer)):
        return float(v)
    if isinstance(v, (float, np.floating)):
        return None if math.isnan(v) or math.isinf(v) else float(v)
    if not isinstance(v, str):
        return None
    s = v.strip().replace("\u00a0", "").replace(" ", "").rstrip("%")
    if not s:
        return None
    if _NUM_DOT_THOUSANDS.match(s):
        s = s.replace(".", "").replace(",", ".")
    elif _NUM_COMMA.match(s):
        s = s.replace(",", ".")
    elif _NUM_COMMA_THOUSANDS.match(s):
        s = s.replace(",", "")
    elif not _NUM_DOT.match(s):
        return None
    try:
        x = float(s)
    except ValueError:
        return None
    return None if math.isnan(x) or math.isinf(x) else x


def _fmt_num(x: float) -> str:
    return (f"{x:g}").replace(".", ",")


def norm_decimal(series: pd.Series, lo: float | None, hi: float | None,
                 integer: bool = False) -> tuple[pd.Series, pd.Series]:
    rng = f"{_fmt_num(lo)}–{_fmt_num(hi)}" if lo is not None and hi is not None else None

    def fn(v):
        x = parse_number(v)
        if x is None:
            return None, f"'{text(v)}' bukan angka" + (f" (harus {rng})." if rng else ".")
        if integer and not float(x).is_integer():
            return None, f"Level '{text(v)}' harus bilangan bulat {rng}."
        if (lo is not None and x < lo) or (hi is not None and x > hi):
            return None, f"Nilai {_fmt_num(x)} di luar rentang {rng}."
        return (int(x) if integer else float(x)), None
    return per_value(series, fn, partial(_settle, lo=lo, hi=hi, integer=integer))


def _settle(texts: pa.Array, lo: float | None, hi: float | None, integer: bool) -> tuple[np.ndarray, np.ndarray]:
    """The distinct texts in the plain form within the range, read at once (``per_unique``'s ``settle``):
    what ``norm_decimal``'s per-value reading gives them; the rest (and every message) is left to it."""
    ok = bools(pc.match_substring_regex(texts, _PLAIN))
    x = np.full(len(texts), np.nan)
    if ok.any():
        x[ok] = pc.cast(pc.replace_substring(texts.filter(pa.array(ok)), ",", "."), pa.float64()).to_numpy()
    ok &= np.isfinite(x)
    if lo is not None:
        ok &= x >= lo
    if hi is not None:
        ok &= x <= hi
    if integer:
        ok &= x == np.floor(x)
        return np.where(ok, x, 0).astype(np.int64).astype(object), ok
    return x.astype(object), ok
