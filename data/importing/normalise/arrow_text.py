r"""Columns of many distinct strings (the csv reader's pyarrow-backed "str" columns).

Done by pyarrow for the cells that are plain ASCII, where Python's own rules (str.strip,
str.lower, \s) are simple and written out below; the other cells go through the same Python
function as every other column, once per distinct value.
"""
from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from data.importing.normalise.cells import EMPTY_TEXT, text

_RE_SPACE = r"[\t\n\x0b\x0c\r\x1c-\x1f ]"         # str.isspace() below 128
_RE_BLANK = "^" + _RE_SPACE + "*(" + "|".join(sorted(EMPTY_TEXT)) + ")" + _RE_SPACE + "*$"


def arrow_text(series: pd.Series):
    """The cells as a pyarrow ChunkedArray (no copy) when ``series`` is a pyarrow-backed string
    column, else None."""
    if isinstance(series.dtype, pd.StringDtype) and series.dtype.storage == "pyarrow":
        return series.array.__arrow_array__()
    return None


def bools(arr) -> np.ndarray:
    """A pyarrow boolean array as numpy (null → False)."""
    return pc.fill_null(arr, False).to_numpy(zero_copy_only=False)


def python_rows(arr, rows: np.ndarray, fn: Callable[[object], object]) -> tuple[np.ndarray, np.ndarray]:
    """(positions, fn(value)) for the cells of ``arr`` at ``rows`` (a mask), once per distinct value."""
    where = np.flatnonzero(rows)
    if not len(where):
        return where, np.empty(0, dtype=object)
    codes, uniques = arrow_codes(arr.take(pa.array(where)))
    out = np.empty(len(uniques) + 1, dtype=object)
    for i, u in enumerate(uniques):
        out[i] = fn(u)
    out[-1] = fn(None)
    return where, out[codes]


def blank_arrow(arr) -> np.ndarray:
    ascii_ = bools(pc.string_is_ascii(arr))
    blank = bools(pc.match_substring_regex(arr, _RE_BLANK, ignore_case=True)) & ascii_
    blank |= bools(pc.is_null(arr))
    where, out = python_rows(arr, ~ascii_ & ~blank, lambda v: v is None or str(v).strip().lower() in EMPTY_TEXT)
    blank[where] = out.astype(bool)
    return blank


def arrow_codes(arr) -> tuple[np.ndarray, list]:
    """(codes, distinct values) of pyarrow text, NA as -1: hashed by pyarrow, whose dictionary
    holds each distinct text once (pd.factorize would make a Python object of each)."""
    coded = arr.dictionary_encode()
    if not coded.num_chunks:
        return np.zeros(0, dtype=np.int64), []
    codes = np.concatenate([np.asarray(ch.indices.fill_null(-1)) for ch in coded.chunks]).astype(np.int64)
    return codes, coded.chunk(0).dictionary.to_pylist()


def text_arrow(arr, max_len: int, index: pd.Index) -> tuple[pd.Series, pd.Series]:
    """:func:`norm_text` of a pyarrow string column: values as a "str" column (NaN for none)."""
    blank = blank_arrow(arr)
    ascii_ = bools(pc.string_is_ascii(arr))
    # text(v) is v itself unless it has whitespace to squeeze or strip
    plain = ascii_ & ~bools(pc.match_substring_regex(arr, r"[\t\n\x0b\x0c\r\x1c-\x1f]|  |^ | $")) & ~blank
    length = pc.fill_null(pc.utf8_length(arr), 0).to_numpy(zero_copy_only=False)
    long_ = plain & (length > max_len)

    def one(v):
        s = text(v)
        if len(s) > max_len:
            return None, f"Teks terlalu panjang ({len(s)} karakter; paling banyak {max_len})."
        return s, None

    where, out = python_rows(arr, ~plain & ~blank, one)
    values = arr.to_pandas()
    values.index = index
    if not (plain & ~long_).all():
        values = values.where(plain & ~long_)
    messages = pd.Series(None, index=index, dtype=object)
    if long_.any():
        at = np.flatnonzero(long_)
        messages.iloc[at] = [f"Teks terlalu panjang ({n} karakter; paling banyak {max_len})." for n in length[at]]
    if len(where):
        values.iloc[where] = [v for v, _ in out]
        messages.iloc[where] = [m for _, m in out]
    return values, messages
