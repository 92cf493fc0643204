"""Column plumbing: work done once per distinct value and mapped back to the rows, and the
compact (categorical) form of text columns."""
from __future__ import annotations

import contextvars
from collections.abc import Callable, Iterable
from contextlib import contextmanager

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from data.importing.fields import header_key
from data.importing.normalise.arrow_text import arrow_codes, arrow_text, blank_arrow, bools, python_rows
from data.importing.normalise.cells import EMPTY_TEXT, Result, is_blank, text

_COMPACT = contextvars.ContextVar("talenta_import_compact", default=False)


@contextmanager
def compact_values():
    """Inside, columns of text (values and messages) come back as categoricals: a code of one or
    two bytes a row instead of an 8-byte pointer (validation of a national file uses this)."""
    token = _COMPACT.set(True)
    try:
        yield
    finally:
        _COMPACT.reset(token)


def column(values: np.ndarray, codes: np.ndarray, index: pd.Index) -> pd.Series:
    """``values[codes]`` on ``index`` (code -1 takes the last value): a categorical inside
    :func:`compact_values` when every value is text or None, else objects."""
    if _COMPACT.get() and all(v is None or type(v) is str for v in values) and any(v is not None for v in values):
        inverse, cats = pd.factorize(np.array(values, dtype=object), use_na_sentinel=True)
        return pd.Series(pd.Categorical.from_codes(inverse.astype(code_type(len(cats)))[codes],
                                                   categories=pd.Index(cats, dtype=object).astype(str)),
                         index=index)
    return pd.Series(values[codes], index=index, dtype=object)


def code_type(n: int):
    """The smallest signed integer type for categorical codes of ``n`` categories."""
    return np.int8 if n < 127 else np.int16 if n < 32767 else np.int32


def compact_text(series: pd.Series) -> pd.Series:
    """A pyarrow-backed text column as a categorical (meant for few distinct values; other
    columns are returned as they are)."""
    arr = arrow_text(series)
    if arr is None or len(series) == 0:
        return series
    out = arr.dictionary_encode().to_pandas()
    out.index = series.index
    return out


def compact(series: pd.Series) -> pd.Series:
    """An object column of texts as a categorical inside :func:`compact_values` (else as is)."""
    if not _COMPACT.get() or series.dtype != object or len(series) == 0:
        return series
    codes, uniques = pd.factorize(series.to_numpy(dtype=object), use_na_sentinel=True)
    values = np.array(list(uniques) + [None], dtype=object)
    if not all(v is None or type(v) is str for v in values):
        return series
    return column(values, codes, series.index)


def blank_mask(series: pd.Series) -> np.ndarray:
    """True where a cell is empty (None, NaN, '', whitespace, '-', 'NULL', …), vectorised."""
    if len(series) == 0:
        return np.zeros(0, dtype=bool)
    arr = arrow_text(series)
    if arr is not None:
        return blank_arrow(arr)
    try:
        codes, uniques = factor(series)
    except TypeError:  # unhashable cells (never from our readers)
        missing = series.isna().to_numpy(dtype=bool)
        texts = series.astype(object).where(~missing, "").astype(str).str.strip().str.lower()
        return missing | texts.isin(EMPTY_TEXT).to_numpy(dtype=bool)
    blank = np.array([str(u).strip().lower() in EMPTY_TEXT for u in uniques] + [True], dtype=bool)
    return blank[codes]


def map_unique(series: pd.Series, fn: Callable[[object], object]) -> pd.Series:
    """``series.map(fn)`` computed once per distinct value (NA cells give ``fn(None)``)."""
    if len(series) == 0:
        return pd.Series([], index=series.index, dtype=object)
    codes, uniques = factor_or_text(series)
    out = np.empty(len(uniques) + 1, dtype=object)
    for i, u in enumerate(uniques):
        out[i] = fn(u)
    out[-1] = fn(None)
    return column(out, codes, series.index)


def per_value(series: pd.Series, fn: Callable[[object], Result],
              settle: Callable[[pa.Array], tuple[np.ndarray, np.ndarray]] | None = None) -> tuple[pd.Series, pd.Series]:
    """Apply ``fn(value) -> (normalised, message | None)`` once per distinct non-blank value (``settle``:
    see :func:`per_unique`)."""
    index = series.index
    if len(series) == 0:
        return pd.Series([], index=index, dtype=object), pd.Series([], index=index, dtype=object)
    codes, vals, msgs = per_unique(series, fn, settle)
    return column(vals, codes, index), column(msgs, codes, index)


def per_unique(series: pd.Series, fn: Callable[[object], Result],
               settle: Callable[[pa.Array], tuple[np.ndarray, np.ndarray]] | None = None):
    """(codes, values, messages): ``fn`` of each distinct value; the last entry (code -1) is NA.
    ``settle(distinct values as text) -> (values, settled)`` may give at once, vectorised, the values of the
    distinct texts in the commonest form: exactly what ``fn`` gives them, with no message; ``fn`` does the
    rest (and every message). A city's dates or scores are thousands of distinct texts."""
    codes, uniques = factor_or_text(series)
    vals = np.empty(len(uniques) + 1, dtype=object)
    msgs = np.empty(len(uniques) + 1, dtype=object)
    vals[-1] = None
    msgs[-1] = None
    todo = range(len(uniques))
    if settle is not None and len(uniques) and (texts := as_arrow_text(uniques)) is not None:
        settled_vals, settled = settle(texts)
        vals[:-1][settled] = settled_vals[settled]
        todo = np.flatnonzero(~settled)
    uniques = np.asarray(uniques, dtype=object)   # one conversion (a pyarrow array's own iteration is slow)
    for i in todo:
        u = uniques[i]
        if is_blank(u):
            vals[i], msgs[i] = None, None
            continue
        try:
            vals[i], msgs[i] = fn(u)
        except Exception:  # a normaliser must never crash an import
            vals[i], msgs[i] = None, f"Nilai '{text(u)}' tidak dapat dibaca."
    return codes, vals, msgs


def as_arrow_text(values) -> pa.Array | None:
    """Distinct values as a pyarrow string array when they are all text (None when any is not)."""
    try:
        arr = pa.array(values, from_pandas=True)
    except (pa.ArrowInvalid, pa.ArrowTypeError, TypeError):
        return None
    if isinstance(arr, pa.ChunkedArray):
        arr = arr.combine_chunks()
    return arr if pa.types.is_string(arr.type) or pa.types.is_large_string(arr.type) else None


def factor(series: pd.Series) -> tuple[np.ndarray, Iterable]:
    """(codes, distinct values) of a column, NA as code -1 (``pd.factorize``; a categorical's
    own codes and categories, which may include values no cell holds)."""
    if isinstance(series.dtype, pd.CategoricalDtype):
        # as an object array: pyarrow-backed categories turned into Python texts at once, not one by one
        return series.cat.codes.to_numpy(), series.cat.categories.to_numpy(dtype=object)
    if series.dtype == object:
        return pd.factorize(series.to_numpy(dtype=object), use_na_sentinel=True)
    if (arr := arrow_text(series)) is not None:   # hashed by pyarrow (pd.factorize: ten times slower)
        codes, uniques = arrow_codes(arr)
        return codes, np.array(uniques, dtype=object)
    return pd.factorize(series, use_na_sentinel=True)


def factor_or_text(series: pd.Series):
    try:
        return factor(series)
    except TypeError:  # unhashable cells (never from our readers): fall back to text
        return pd.factorize(np.array([str(v) for v in series.to_numpy(dtype=object)], dtype=object),
                            use_na_sentinel=True)


def repeated(series: pd.Series) -> np.ndarray:
    """True for the cells whose value (NA included) is in the column more than once, as
    ``series.duplicated(keep=False)``: by numbers for digit strings of one length (NIPs), else
    by pyarrow's or pandas' hashing; never a Python object a cell."""
    n = len(series)
    if n == 0:
        return np.zeros(0, dtype=bool)
    arr = arrow_text(series)
    if arr is not None:
        lengths = pc.min_max(pc.binary_length(arr))
        if arr.null_count == 0 and lengths["min"].as_py() == lengths["max"].as_py() and \
                0 < lengths["max"].as_py() <= 18 and pc.all(pc.ascii_is_decimal(arr)).as_py():
            numbers = pc.cast(arr, pa.int64()).to_numpy()
            order = np.argsort(numbers, kind="stable")
            same = numbers[order[1:]] == numbers[order[:-1]]
            out = np.zeros(n, dtype=bool)
            out[order[1:][same]] = True
            out[order[:-1][same]] = True
            return out
        codes, _ = arrow_codes(arr)
    elif isinstance(series.dtype, pd.CategoricalDtype):
        codes = series.cat.codes.to_numpy().astype(np.int64)
    else:
        codes, _ = pd.factorize(series.to_numpy(dtype=object), use_na_sentinel=False)
    codes = codes + 1                     # NA (-1) is one more value
    return np.bincount(codes)[codes] > 1


def _codes(series: pd.Series) -> tuple[np.ndarray, list]:
    """(codes, distinct values) with NA as -1; pyarrow's hashing for pyarrow-backed text."""
    arr = arrow_text(series)
    if arr is None:
        codes, uniques = factor_or_text(series)
        return np.asarray(codes), list(uniques)
    return arrow_codes(arr)


def same_values(a: pd.Series, b: pd.Series) -> np.ndarray:
    """True where ``a`` and ``b`` (same length) hold the same value, neither NA; compared through
    their distinct values, not a Python object a row."""
    ca, ua = _codes(a)
    cb, ub = _codes(b)
    position = {}
    for i, v in enumerate(ua):
        position.setdefault(v, i)
    mapped = np.array([position.get(v, -2) for v in ub] + [-3], dtype=np.int64)
    ca = np.asarray(ca, dtype=np.int64)
    if len(set(ua)) != len(ua):             # equal values under two codes (never from factorize)
        canon = np.array([position[v] for v in ua] + [-1], dtype=np.int64)
        ca = canon[ca]
    return (ca >= 0) & (ca == mapped[np.asarray(cb, dtype=np.int64)])


def key_equals(series: pd.Series, key: str) -> np.ndarray:
    """True where a cell is a string whose :func:`header_key` is ``key`` (a repeated header row)."""
    def same(v) -> bool:
        return isinstance(v, str) and header_key(v) == key

    arr = arrow_text(series)
    if arr is None:
        return map_unique(series, same).to_numpy(dtype=bool)
    other = "[^A-Za-z0-9]*"                 # header_key of an ASCII text: its letters and digits, lower case
    pattern = "^" + other + other.join(f"[{c}{c.upper()}]" if c.isalpha() else c for c in key) + other + "$"
    ascii_ = bools(pc.string_is_ascii(arr))
    hit = bools(pc.match_substring_regex(arr, pattern)) & ascii_
    where, out = python_rows(arr, ~ascii_ & bools(pc.is_valid(arr)), same)
    hit[where] = out.astype(bool)
    return hit
