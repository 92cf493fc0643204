"""Normalisers: raw cells → the values the schema stores, with an Indonesian message per bad cell.

Every normaliser takes a pandas Series of raw cells (strings, floats, dates, booleans, as
read) and returns ``(values, messages)``: two Series on the same index; ``messages`` holds a
message where the cell is unusable and NA elsewhere. Empty cells give ``None`` and no message
(whether a value is required is decided by the caller).

Speed: most columns have few distinct values, so the work is done once per distinct value
(``pd.factorize``, a categorical's own codes) and mapped back; 100k rows take milliseconds per
column. Columns of many distinct texts (the csv reader gives those as pyarrow-backed strings)
are done by pyarrow where Python's rules are simple (plain ASCII), the rest once per distinct
value. Memory: inside :func:`compact_values` (validation uses it) text results come back as
categoricals, a code of one or two bytes a row, so a national file (4.7M rows) fits.
"""
from __future__ import annotations

import contextvars
import math
import re
from contextlib import contextmanager
from datetime import date, datetime, timedelta
from typing import Callable, Iterable

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

_EMPTY_TEXT = {"", "-", "--", "n/a", "na", "null", "none", "nan", "#n/a"}
Result = tuple[object, str | None]


# -- plumbing ------------------------------------------------------------------------------------

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


def is_blank(v: object) -> bool:
    if v is None:
        return True
    if isinstance(v, float) and math.isnan(v):
        return True
    if isinstance(v, str) and v.strip().lower() in _EMPTY_TEXT:
        return True
    return v is pd.NaT or v is pd.NA


def blank_mask(series: pd.Series) -> np.ndarray:
    """True where a cell is empty (None, NaN, '', whitespace, '-', 'NULL', …), vectorised."""
    if len(series) == 0:
        return np.zeros(0, dtype=bool)
    arr = arrow_text(series)
    if arr is not None:
        return _blank_arrow(arr)
    try:
        codes, uniques = factor(series)
    except TypeError:  # unhashable cells (never from our readers)
        missing = series.isna().to_numpy(dtype=bool)
        texts = series.astype(object).where(~missing, "").astype(str).str.strip().str.lower()
        return missing | texts.isin(_EMPTY_TEXT).to_numpy(dtype=bool)
    blank = np.array([str(u).strip().lower() in _EMPTY_TEXT for u in uniques] + [True], dtype=bool)
    return blank[codes]


def map_unique(series: pd.Series, fn: Callable[[object], object]) -> pd.Series:
    """``series.map(fn)`` computed once per distinct value (NA cells give ``fn(None)``)."""
    if len(series) == 0:
        return pd.Series([], index=series.index, dtype=object)
    codes, uniques = _factor_or_text(series)
    out = np.empty(len(uniques) + 1, dtype=object)
    for i, u in enumerate(uniques):
        out[i] = fn(u)
    out[-1] = fn(None)
    return column(out, codes, series.index)


def per_value(series: pd.Series, fn: Callable[[object], Result]) -> tuple[pd.Series, pd.Series]:
    """Apply ``fn(value) -> (normalised, message | None)`` once per distinct non-blank value."""
    index = series.index
    if len(series) == 0:
        return pd.Series([], index=index, dtype=object), pd.Series([], index=index, dtype=object)
    codes, vals, msgs = _per_unique(series, fn)
    return column(vals, codes, index), column(msgs, codes, index)


def _per_unique(series: pd.Series, fn: Callable[[object], Result]):
    """(codes, values, messages): ``fn`` of each distinct value; the last entry (code -1) is NA."""
    codes, uniques = _factor_or_text(series)
    vals = np.empty(len(uniques) + 1, dtype=object)
    msgs = np.empty(len(uniques) + 1, dtype=object)
    vals[-1] = None
    msgs[-1] = None
    for i, u in enumerate(uniques):
        if is_blank(u):
            vals[i], msgs[i] = None, None
            continue
        try:
            vals[i], msgs[i] = fn(u)
        except Exception:  # a normaliser must never crash an import
            vals[i], msgs[i] = None, f"Nilai '{text(u)}' tidak dapat dibaca."
    return codes, vals, msgs


def factor(series: pd.Series) -> tuple[np.ndarray, Iterable]:
    """(codes, distinct values) of a column, NA as code -1 (``pd.factorize``; a categorical's
    own codes and categories, which may include values no cell holds)."""
    if isinstance(series.dtype, pd.CategoricalDtype):
        return series.cat.codes.to_numpy(), list(series.cat.categories)
    if series.dtype == object:
        return pd.factorize(series.to_numpy(dtype=object), use_na_sentinel=True)
    return pd.factorize(series, use_na_sentinel=True)


def _factor_or_text(series: pd.Series):
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
        codes, _ = _arrow_codes(arr)
    elif isinstance(series.dtype, pd.CategoricalDtype):
        codes = series.cat.codes.to_numpy().astype(np.int64)
    else:
        codes, _ = pd.factorize(series.to_numpy(dtype=object), use_na_sentinel=False)
    codes = codes + 1                     # NA (-1) is one more value
    return np.bincount(codes)[codes] > 1


def _arrow_codes(arr) -> tuple[np.ndarray, list]:
    """(codes, distinct values) of pyarrow text, NA as -1: hashed by pyarrow, whose dictionary
    holds each distinct text once (pd.factorize would make a Python object of each)."""
    coded = arr.dictionary_encode()
    if not coded.num_chunks:
        return np.zeros(0, dtype=np.int64), []
    codes = np.concatenate([np.asarray(ch.indices.fill_null(-1)) for ch in coded.chunks]).astype(np.int64)
    return codes, coded.chunk(0).dictionary.to_pylist()


def _codes(series: pd.Series) -> tuple[np.ndarray, list]:
    """(codes, distinct values) with NA as -1; pyarrow's hashing for pyarrow-backed text."""
    arr = arrow_text(series)
    if arr is None:
        codes, uniques = _factor_or_text(series)
        return np.asarray(codes), list(uniques)
    return _arrow_codes(arr)


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


# -- columns of many distinct strings (the csv reader's pyarrow-backed "str" columns) -------------
#
# Done by pyarrow for the cells that are plain ASCII, where Python's own rules (str.strip,
# str.lower, \s) are simple and written out below; the other cells go through the same Python
# function as every other column, once per distinct value.

_RE_SPACE = r"[\t\n\x0b\x0c\r\x1c-\x1f ]"         # str.isspace() below 128
_RE_BLANK = "^" + _RE_SPACE + "*(" + "|".join(sorted(_EMPTY_TEXT)) + ")" + _RE_SPACE + "*$"


def arrow_text(series: pd.Series):
    """The cells as a pyarrow ChunkedArray (no copy) when ``series`` is a pyarrow-backed string
    column, else None."""
    if isinstance(series.dtype, pd.StringDtype) and series.dtype.storage == "pyarrow":
        return series.array.__arrow_array__()
    return None


def _np(arr) -> np.ndarray:
    """A pyarrow boolean array as numpy (null → False)."""
    return pc.fill_null(arr, False).to_numpy(zero_copy_only=False)


def _python_rows(arr, rows: np.ndarray, fn: Callable[[object], object]) -> tuple[np.ndarray, np.ndarray]:
    """(positions, fn(value)) for the cells of ``arr`` at ``rows`` (a mask), once per distinct value."""
    where = np.flatnonzero(rows)
    if not len(where):
        return where, np.empty(0, dtype=object)
    codes, uniques = _arrow_codes(arr.take(pa.array(where)))
    out = np.empty(len(uniques) + 1, dtype=object)
    for i, u in enumerate(uniques):
        out[i] = fn(u)
    out[-1] = fn(None)
    return where, out[codes]


def _blank_arrow(arr) -> np.ndarray:
    ascii_ = _np(pc.string_is_ascii(arr))
    blank = _np(pc.match_substring_regex(arr, _RE_BLANK, ignore_case=True)) & ascii_
    blank |= _np(pc.is_null(arr))
    where, out = _python_rows(arr, ~ascii_ & ~blank, lambda v: v is None or str(v).strip().lower() in _EMPTY_TEXT)
    blank[where] = out.astype(bool)
    return blank


def key_equals(series: pd.Series, key: str) -> np.ndarray:
    """True where a cell is a string whose :func:`header_key` is ``key`` (a repeated header row)."""
    from data.importing.fields import header_key

    def same(v) -> bool:
        return isinstance(v, str) and header_key(v) == key

    arr = arrow_text(series)
    if arr is None:
        return map_unique(series, same).to_numpy(dtype=bool)
    other = "[^A-Za-z0-9]*"                 # header_key of an ASCII text: its letters and digits, lower case
    pattern = "^" + other + other.join(f"[{c}{c.upper()}]" if c.isalpha() else c for c in key) + other + "$"
    ascii_ = _np(pc.string_is_ascii(arr))
    hit = _np(pc.match_substring_regex(arr, pattern)) & ascii_
    where, out = _python_rows(arr, ~ascii_ & _np(pc.is_valid(arr)), same)
    hit[where] = out.astype(bool)
    return hit


def _text_arrow(arr, max_len: int, index: pd.Index) -> tuple[pd.Series, pd.Series]:
    """:func:`norm_text` of a pyarrow string column: values as a "str" column (NaN for none)."""
    blank = _blank_arrow(arr)
    ascii_ = _np(pc.string_is_ascii(arr))
    # text(v) is v itself unless it has whitespace to squeeze or strip
    plain = ascii_ & ~_np(pc.match_substring_regex(arr, r"[\t\n\x0b\x0c\r\x1c-\x1f]|  |^ | $")) & ~blank
    length = pc.fill_null(pc.utf8_length(arr), 0).to_numpy(zero_copy_only=False)
    long_ = plain & (length > max_len)

    def one(v):
        s = text(v)
        if len(s) > max_len:
            return None, f"Teks terlalu panjang ({len(s)} karakter; paling banyak {max_len})."
        return s, None

    where, out = _python_rows(arr, ~plain & ~blank, one)
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


def text(v: object) -> str:
    """Display text of a raw cell (integral floats without '.0', dates as DD-MM-YYYY)."""
    if v is None:
        return ""
    if isinstance(v, bool):
        return "Ya" if v else "Tidak"
    if isinstance(v, float):
        if math.isnan(v):
            return ""
        if v.is_integer() and abs(v) < 1e15:
            return str(int(v))
        return repr(v)
    if isinstance(v, datetime):
        return v.strftime("%d-%m-%Y") if (v.hour, v.minute, v.second) == (0, 0, 0) else v.strftime("%d-%m-%Y %H:%M")
    if isinstance(v, date):
        return v.strftime("%d-%m-%Y")
    return re.sub(r"\s+", " ", str(v)).strip()


def _key(v: object) -> str:
    """Lower-case letters and digits only: 'Sangat  Baik ' → 'sangatbaik'."""
    return re.sub(r"[^a-z0-9]", "", text(v).lower())


# -- plain text ----------------------------------------------------------------------------------

def norm_text(series: pd.Series, max_len: int = 500) -> tuple[pd.Series, pd.Series]:
    arr = arrow_text(series)
    if arr is not None:
        return _text_arrow(arr, max_len, series.index)

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


# -- numbers -------------------------------------------------------------------------------------

_NUM_DOT_THOUSANDS = re.compile(r"^[+-]?\d{1,3}(\.\d{3})+(,\d+)?$")
_NUM_COMMA = re.compile(r"^[+-]?\d+(,\d+)?$")
_NUM_DOT = re.compile(r"^[+-]?\d*\.?\d+$")
_NUM_COMMA_THOUSANDS = re.compile(r"^[+-]?\d{1,3}(,\d{3})+\.\d+$")


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
    return per_value(series, fn)


# -- dates ---------------------------------------------------------------------------------------

BULAN = {
    "jan": 1, "januari": 1, "january": 1, "feb": 2, "februari": 2, "pebruari": 2, "peb": 2, "february": 2,
    "mar": 3, "maret": 3, "march": 3, "apr": 4, "april": 4, "mei": 5, "may": 5, "jun": 6, "juni": 6,
    "june": 6, "jul": 7, "juli": 7, "july": 7, "agu": 8, "agt": 8, "ags": 8, "agus": 8, "agustus": 8,
    "aug": 8, "august": 8, "sep": 9, "sept": 9, "september": 9, "okt": 10, "oktober": 10, "oct": 10,
    "october": 10, "nov": 11, "nop": 11, "november": 11, "nopember": 11, "des": 12, "desember": 12,
    "dec": 12, "december": 12,
}
_D_M_Y = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$")
_Y_M_D = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$")
_D_NAME_Y = re.compile(r"^(\d{1,2})[\s.\-/]*([a-z]+)\.?[\s.\-/]*(\d{4})$")
_SHORT_YEAR = re.compile(r"^\d{1,2}[-/.]\d{1,2}[-/.]\d{2}$")
MIN_YEAR, MAX_YEAR = 1900, 2100
MSG_DATE = "Tanggal '{v}' tidak dikenali. Gunakan bentuk HH-BB-TTTT, misalnya 05-01-2026."


def parse_date(v: object) -> date | None:
    """A date from the usual Indonesian forms; None when not a date."""
    if isinstance(v, datetime):
        return v.date()
    if isinstance(v, date):
        return v
    if isinstance(v, bool):
        return None
    if isinstance(v, (int, float, np.integer, np.floating)):
        x = float(v)
        if math.isnan(x) or not x.is_integer():
            if 1 <= x < 80000:   # Excel serial with a time part
                x = math.floor(x)
            else:
                return None
        n = int(x)
        if 19000101 <= n <= 21001231:
            return _safe_date(n // 10000, n // 100 % 100, n % 100)
        if 1 <= n < 80000:        # Excel serial day number (1900 date system)
            return date(1899, 12, 30) + timedelta(days=n)
        return None
    s = re.sub(r"\s+", " ", str(v)).strip().lower()
    if m := _D_M_Y.match(s):
        return _safe_date(int(m[3]), int(m[2]), int(m[1]))
    if m := _Y_M_D.match(s):
        return _safe_date(int(m[1]), int(m[2]), int(m[3]))
    if m := _D_NAME_Y.match(s):
        month = BULAN.get(m[2])
        return _safe_date(int(m[3]), month, int(m[1])) if month else None
    if re.fullmatch(r"\d{8}", s):
        n = int(s)
        if s[:2] in ("19", "20"):
            return _safe_date(n // 10000, n // 100 % 100, n % 100)
        return _safe_date(n % 10000, n // 10000 % 100, n // 1000000)
    return None


def _safe_date(y: int, m: int | None, d: int) -> date | None:
    if m is None or not MIN_YEAR <= y <= MAX_YEAR:
        return None
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _date_value(v) -> Result:
    d = parse_date(v)
    if d is None:
        if isinstance(v, str) and _SHORT_YEAR.match(v.strip()):
            return None, (f"Tanggal '{text(v)}' memakai tahun dua digit; tulis tahun lengkap, "
                          "misalnya 05-01-2026.")
        return None, MSG_DATE.format(v=text(v))
    return d, None


def norm_date(series: pd.Series) -> tuple[pd.Series, pd.Series]:
    return per_value(series, _date_value)


def norm_date_days(series: pd.Series) -> tuple[pd.Series, pd.Series]:
    """:func:`norm_date` with the dates as datetime64[s] (NaT for none): 8 bytes a row."""
    index = series.index
    if len(series) == 0:
        return pd.Series([], index=index, dtype="datetime64[s]"), pd.Series([], index=index, dtype=object)
    codes, vals, msgs = _per_unique(series, _date_value)
    nat = np.datetime64("NaT", "s")
    days = np.array([nat if v is None else np.datetime64(v, "s") for v in vals], dtype="datetime64[s]")
    return pd.Series(days[codes], index=index), pd.Series(msgs[codes], index=index, dtype=object)


def fmt_date(d: date) -> str:
    return d.strftime("%d-%m-%Y")


# -- golongan ------------------------------------------------------------------------------------

PNS_GOLONGAN = tuple(f"{g}/{r}" for g, rs in (("I", "abcd"), ("II", "abcd"), ("III", "abcd"), ("IV", "abcde"))
                     for r in rs)
ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV",
         "XVI", "XVII")
PPPK_GOLONGAN = ROMAN
PANGKAT = {
    "jurumuda": "I/a", "jurumudatingkati": "I/b", "jurumudatki": "I/b", "juru": "I/c",
    "jurutingkati": "I/d", "jurutki": "I/d", "pengaturmuda": "II/a", "pengaturmudatingkati": "II/b",
    "pengaturmudatki": "II/b", "pengatur": "II/c", "pengaturtingkati": "II/d", "pengaturtki": "II/d",
    "penatamuda": "III/a", "penatamudatingkati": "III/b", "penatamudatki": "III/b", "penata": "III/c",
    "penatatingkati": "III/d", "penatatki": "III/d", "pembina": "IV/a", "pembinatingkati": "IV/b",
    "pembinatki": "IV/b", "pembinautamamuda": "IV/c", "pembinautamamadya": "IV/d", "pembinautama": "IV/e",
}
_ARABIC_GROUP = {"1": "I", "2": "II", "3": "III", "4": "IV"}
_PNS_RE = re.compile(r"(?<![A-Z])(IV|III|II|I|[1-4])\s*[/\-.]?\s*([A-E])(?![A-Z])")
_PPPK_RE = re.compile(r"^(?:GOL(?:ONGAN)?\.?\s*)?(XVII|XVI|XV|XIV|XIII|XII|XI|X|IX|VIII|VII|VI|V|IV|III|II|I|\d{1,2})$")
MSG_GOLONGAN = ("Golongan '{v}' tidak dikenali. Tulis seperti III/a (PNS, I/a–IV/e) atau IX (PPPK, I–XVII).")


def parse_golongan(v: object) -> tuple[str | None, str | None]:
    """(golongan, 'PNS' | 'PPPK') from 'III/a', 'III-A', '3a', 'Penata Muda (III/a)', 'IX', '9'."""
    raw = text(v)
    up = raw.upper().strip()
    if m := _PNS_RE.search(up):
        group = _ARABIC_GROUP.get(m[1], m[1])
        g = f"{group}/{m[2].lower()}"
        return (g, "PNS") if g in PNS_GOLONGAN else (None, None)
    if m := _PPPK_RE.match(re.sub(r"\s+", " ", up)):
        token = m[1]
        if token.isdigit():
            n = int(token)
            return (ROMAN[n - 1], "PPPK") if 1 <= n <= 17 else (None, None)
        return token, "PPPK"
    k = re.sub(r"[^a-z]", "", raw.lower().replace("tk.", "tk"))
    if k in PANGKAT:
        return PANGKAT[k], "PNS"
    return None, None


def norm_golongan(series: pd.Series) -> tuple[pd.Series, pd.Series]:
    def fn(v):
        g, _ = parse_golongan(v)
        return (g, None) if g else (None, MSG_GOLONGAN.format(v=text(v)))
    return per_value(series, fn)


def golongan_kind(g: str | None) -> str | None:
    if g is None:
        return None
    return "PNS" if "/" in g else "PPPK"


# -- categories ----------------------------------------------------------------------------------

PREDIKAT_SYNONYMS = {
    "sangatbaik": "Sangat Baik", "sb": "Sangat Baik", "istimewa": "Sangat Baik",
    "baik": "Baik", "b": "Baik",
    "butuhperbaikan": "Butuh Perbaikan", "bp": "Butuh Perbaikan", "perluperbaikan": "Butuh Perbaikan",
    "kurang": "Kurang", "k": "Kurang", "kurangmisconduct": "Kurang", "misconduct": "Kurang",
    "sangatkurang": "Sangat Kurang", "sk": "Sangat Kurang",
}


def norm_predikat(series: pd.Series, allowed: Iterable[str]) -> tuple[pd.Series, pd.Series]:
    allowed = list(allowed)
    lookup = {**{_key(a): a for a in allowed}, **{k: v for k, v in PREDIKAT_SYNONYMS.items() if v in allowed}}
    msg = "Predikat '{v}' tidak dikenali. Gunakan salah satu: " + ", ".join(allowed) + "."

    def fn(v):
        p = lookup.get(_key(v))
        return (p, None) if p else (None, msg.format(v=text(v)))
    return per_value(series, fn)


RATING = {"diatasekspektasi": "di atas", "diatas": "di atas", "atas": "di atas", "melebihiekspektasi": "di atas",
          "sesuaiekspektasi": "sesuai", "sesuai": "sesuai",
          "dibawahekspektasi": "di bawah", "dibawah": "di bawah", "bawah": "di bawah"}


def norm_rating(series: pd.Series) -> tuple[pd.Series, pd.Series]:
    def fn(v):
        r = RATING.get(_key(v))
        return (r, None) if r else (None, f"Rating '{text(v)}' tidak dikenali. Gunakan di atas ekspektasi, "
                                          "sesuai ekspektasi atau di bawah ekspektasi.")
    return per_value(series, fn)


SEX = {"l": "L", "lakilaki": "L", "laki": "L", "pria": "L", "m": "L", "male": "L", "1": "L",
       "p": "P", "perempuan": "P", "wanita": "P", "f": "P", "female": "P", "w": "P", "2": "P"}


def norm_sex(series: pd.Series) -> tuple[pd.Series, pd.Series]:
    def fn(v):
        s = SEX.get(_key(v))
        return (s, None) if s else (None, f"Jenis kelamin '{text(v)}' tidak dikenali (L/P).")
    return per_value(series, fn)


def norm_jenis_asn(series: pd.Series) -> tuple[pd.Series, pd.Series]:
    def fn(v):
        k = _key(v)
        if "pppk" in k or "p3k" in k:
            return "PPPK", None
        if "pns" in k:
            return "PNS", None
        return None, f"Jenis ASN '{text(v)}' tidak dikenali (PNS atau PPPK)."
    return per_value(series, fn)


def norm_status(series: pd.Series) -> tuple[pd.Series, pd.Series]:
    def fn(v):
        k = _key(v)
        if "paruh" in k or "partime" in k:
            return "paruh waktu", None
        if "penuh" in k or "fulltime" in k:
            return "penuh waktu", None
        return text(v)[:100], None
    return per_value(series, fn)


SUMBER = {"cact": "CACT", "computerassistedcompetencytest": "CACT", "bkn": "CACT",
          "ac": "AC", "assessmentcenter": "AC", "assessmentcentre": "AC", "asesmencenter": "AC",
          "pusatasesmen": "AC", "penilaiankompetensi": "AC",
          "lain": "LAIN", "lainnya": "LAIN", "lainlain": "LAIN"}


def norm_sumber(series: pd.Series) -> tuple[pd.Series, pd.Series]:
    def fn(v):
        s = SUMBER.get(_key(v))
        return (s, None) if s else (None, f"Sumber asesmen '{text(v)}' tidak dikenali (CACT, AC atau LAIN).")
    return per_value(series, fn)


# PP 94/2021 art. 8: kinds of sanction per level
HUKDIS_JENIS = (
    ("berat", ("penurunanjabatan", "pembebasandarijabatan", "pemberhentian", "diberhentikan")),
    ("sedang", ("pemotongantunjangan", "pemotongantpp", "pemotongantukin")),
    ("ringan", ("tegurantertulis", "teguranlisan", "pernyataantidakpuas")),
)


def hukdis_level(v: object) -> str | None:
    k = _key(v)
    for level in ("ringan", "sedang", "berat"):
        if level in k:
            return level
    for level, words in HUKDIS_JENIS:
        if any(w in k for w in words):
            return level
    return None


def norm_tingkat_hukdis(series: pd.Series) -> tuple[pd.Series, pd.Series]:
    def fn(v):
        lv = hukdis_level(v)
        return (lv, None) if lv else (None, f"Tingkat hukuman '{text(v)}' tidak dikenali (ringan, sedang atau berat).")
    return per_value(series, fn)


BOOL_TRUE = {"ya", "y", "yes", "true", "1", "v", "x", "benar", "lowong", "kosong", "kritikal", "kritis", "iya"}
BOOL_FALSE = {"tidak", "t", "no", "n", "false", "0", "terisi", "bukan", "tdk", "salah"}


def norm_bool(series: pd.Series) -> tuple[pd.Series, pd.Series]:
    def fn(v):
        if isinstance(v, bool):
            return v, None
        k = _key(v) if text(v) not in ("✓", "✔") else "ya"
        if k in BOOL_TRUE:
            return True, None
        if k in BOOL_FALSE:
            return False, None
        return None, f"'{text(v)}' harus Ya atau Tidak."
    return per_value(series, fn)


# -- education -----------------------------------------------------------------------------------

_EDU_RE = re.compile(
    r"^(S ?-? ?[123]|STRATA ?-? ?(?:III|II|I|[123])|D ?-? ?(?:IV|III|II|I|[1-4])|DIPLOMA ?-? ?(?:IV|III|II|I|[1-4])|"
    r"SARJANA TERAPAN|SARJANA|MAGISTER|DOKTOR(?:AL)?|PASCASARJANA|SD|SMP|SLTP|SMA|SLTA|SMK|SMU|STM|SMEA|MA|MTS|MI)"
    r"(?![A-Z])")
_EDU_MAP = {"SD": "SD", "MI": "SD", "SMP": "SMP", "SLTP": "SMP", "MTS": "SMP", "SMA": "SMA", "SLTA": "SMA",
            "SMK": "SMA", "SMU": "SMA", "STM": "SMA", "SMEA": "SMA", "MA": "SMA", "SARJANA": "S1",
            "SARJANATERAPAN": "D4", "MAGISTER": "S2", "PASCASARJANA": "S2", "DOKTOR": "S3", "DOKTORAL": "S3"}
_ROMAN_NUM = {"I": "1", "II": "2", "III": "3", "IV": "4"}


def parse_pendidikan(v: object) -> tuple[str | None, str]:
    """(tingkat, rest) from 'S1', 'S-1 Ilmu Pemerintahan', 'D-III Keperawatan', 'SLTA/SMA IPS'."""
    raw = text(v)
    up = raw.upper().replace(".", " ").strip()
    m = _EDU_RE.match(up)
    if not m:
        return None, raw
    token = re.sub(r"[\s-]", "", m[1])
    rest = raw[m.end():].strip(" -/,:")
    rest = re.sub(r"^(SMA|SMK|SLTA)\b[\s/-]*", "", rest, flags=re.I).strip()
    if token in _EDU_MAP:
        return _EDU_MAP[token], rest
    for prefix, letter in (("STRATA", "S"), ("DIPLOMA", "D"), ("S", "S"), ("D", "D")):
        if token.startswith(prefix):
            num = token[len(prefix):]
            return f"{letter}{_ROMAN_NUM.get(num, num)}", rest
    return None, raw


def norm_pendidikan(series: pd.Series, allowed: Iterable[str]) -> tuple[pd.Series, pd.Series]:
    allowed = set(allowed)
    listing = ", ".join(sorted(allowed, key=lambda a: (a[0] not in "S" or len(a) > 2, a)))

    def fn(v):
        t, _ = parse_pendidikan(v)
        if t and t in allowed:
            return t, None
        return None, f"Tingkat pendidikan '{text(v)}' tidak dikenali ({listing})."
    return per_value(series, fn)


def strip_pendidikan(series: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Field of study without a leading level ('S-1 Ilmu Pemerintahan' → 'Ilmu Pemerintahan'),
    and the level found there (None when none)."""
    def fn(v):
        t, rest = parse_pendidikan(v)
        return (rest or None, t), None
    if len(series) == 0:
        return pd.Series([], index=series.index, dtype=object), pd.Series([], index=series.index, dtype=object)
    codes, pairs, _ = _per_unique(series, fn)
    bidang = np.array([None if p is None else p[0] for p in pairs], dtype=object)
    tingkat = np.array([None if p is None else p[1] for p in pairs], dtype=object)
    return (pd.Series(bidang[codes], index=series.index, dtype=object),
            pd.Series(tingkat[codes], index=series.index, dtype=object))


# -- eselon and job level ------------------------------------------------------------------------

_ESELON_RE = re.compile(r"^(?:ESELON\s*)?(IV|III|II|I|V|[1-5])\s*[.\-/ ]?\s*([AB])?$")
_NON_ESELON = {"", "noneselon", "nonesselon", "non", "tidakada", "0", "00", "99", "jft", "jfu", "pelaksana",
               "fungsional", "tidak"}


def parse_eselon(v: object) -> tuple[str | None, bool]:
    """('II.b', True) for 'II.b', 'II/b', 'IIb', 'Eselon II.b', '22'; (None, True) for non-eselon
    markers; (None, False) when not recognised."""
    raw = text(v)
    k = _key(raw)
    if k in _NON_ESELON:
        return None, True
    up = raw.upper().strip()
    if re.fullmatch(r"[1-5][1-2]", up):            # SIASN eselon ids: 21 = II.a, 22 = II.b
        return f"{ROMAN[int(up[0]) - 1]}.{'ab'[int(up[1]) - 1]}", True
    m = _ESELON_RE.match(up)
    if not m:
        return None, False
    group = m[1] if not m[1].isdigit() else ROMAN[int(m[1]) - 1]
    return (f"{group}.{m[2].lower()}" if m[2] else group), True


def norm_eselon(series: pd.Series) -> tuple[pd.Series, pd.Series]:
    def fn(v):
        e, ok = parse_eselon(v)
        return (e, None) if ok else (None, f"Eselon '{text(v)}' tidak dikenali (misalnya II.b, III.a, IV.a).")
    return per_value(series, fn)


ESELON_JENJANG = {"I.a": "JPT Utama", "I.b": "JPT Madya", "I": "JPT Madya", "II": "JPT Pratama",
                  "III": "Administrator", "IV": "Pengawas", "V": "Pengawas"}
_JF_SUFFIX = re.compile(r"(ahli\s+utama|ahli\s+madya|ahli\s+muda|ahli\s+pertama|penyelia|mahir|terampil|pemula)"
                        r"\s*\)?\s*$", re.I)
_JENJANG_WORDS = {
    "jptutama": "JPT Utama", "jptmadya": "JPT Madya", "jptpratama": "JPT Pratama",
    "pimpinantinggiutama": "JPT Utama", "pimpinantinggimadya": "JPT Madya",
    "pimpinantinggipratama": "JPT Pratama", "jabatanpimpinantinggipratama": "JPT Pratama",
    "administrator": "Administrator", "jabatanadministrator": "Administrator",
    "pengawas": "Pengawas", "jabatanpengawas": "Pengawas",
    "pelaksana": "Pelaksana", "jabatanpelaksana": "Pelaksana", "fungsionalumum": "Pelaksana", "jfu": "Pelaksana",
    "ahliutama": "JF Ahli Utama", "ahlimadya": "JF Ahli Madya", "ahlimuda": "JF Ahli Muda",
    "ahlipertama": "JF Ahli Pertama", "penyelia": "JF Penyelia", "mahir": "JF Mahir", "terampil": "JF Terampil",
    "eselonii": "JPT Pratama", "eseloniii": "Administrator", "eseloniv": "Pengawas",
}


def jenjang_from_words(v: object, levels: Iterable[str]) -> str | None:
    """A job level from its own name or a common form ('JF Ahli Muda', 'Ahli Muda', 'Eselon III')."""
    levels = list(levels)
    k = _key(v)
    direct = {_key(lv): lv for lv in levels}
    if k in direct:
        return direct[k]
    for prefix in ("jabatanfungsional", "fungsional", "jf", "jft"):
        if k.startswith(prefix) and k[len(prefix):] in _JENJANG_WORDS:
            k = k[len(prefix):]
            break
    found = _JENJANG_WORDS.get(k)
    return found if found in levels else None


MSG_ASSUMED_PELAKSANA = ("Jenjang jabatan tidak diisi; dianggap Pelaksana (tanpa eselon dan nama jabatan tanpa "
                         "jenjang fungsional). Isi kolom Jenjang Jabatan bila keliru.")


def derive_jenjang(jenjang: pd.Series | None, jenis: pd.Series | None, eselon: pd.Series | None,
                   jabatan: pd.Series | None, levels: Iterable[str], index: pd.Index
                   ) -> tuple[pd.Series, pd.Series, pd.Series]:
    """Job level per row from (in this order) a job-level column, the eselon, the job kind and
    the functional suffix of the post name. Returns (jenjang, error message, warning message).

    A row with an eselon column left blank, no job kind and no functional suffix is taken as
    Pelaksana, with a warning."""
    has_eselon_column = eselon is not None
    levels = list(levels)

    def jf_suffix(v) -> str:
        m = _JF_SUFFIX.search(v) if isinstance(v, str) else None
        return m[1] if m else ""

    def parts(s: pd.Series | None, fn) -> tuple[np.ndarray, list[str]]:
        """codes (NA as the last entry) and fn of each distinct value of ``s`` ('' when no column)."""
        if s is None or len(s) == 0:
            return np.zeros(len(index), dtype=np.int64), [""]
        codes, uniques = _factor_or_text(s)
        out = [fn(u) for u in uniques] + [fn(None)]
        return np.where(codes < 0, len(out) - 1, codes).astype(np.int64), out

    # the key of a row is its four texts; each distinct combination is worked out once
    columns = [parts(jenjang, text), parts(jenis, text), parts(eselon, text), parts(jabatan, jf_suffix)]
    combo = np.zeros(len(index), dtype=np.int64)
    for codes, out in columns:
        combo, _ = pd.factorize(combo * len(out) + codes)
        combo = combo.astype(np.int64)
    first = np.unique(combo, return_index=True)[1] if len(combo) else np.zeros(0, dtype=np.int64)
    keys = ["\x1f".join(out[codes[i]] for codes, out in columns) for i in first]
    listing = ", ".join(levels)

    def one(key: str) -> Result:
        j, k, e, s = key.split("\x1f")
        if j:
            lv = jenjang_from_words(j, levels)
            return (lv, None) if lv else (None, f"Jenjang jabatan '{j}' tidak dikenali. Gunakan salah satu: {listing}.")
        es, ok = parse_eselon(e) if e else (None, True)
        if es:
            lv = ESELON_JENJANG.get(es) or ESELON_JENJANG.get(es.split(".")[0])
            if lv in levels:
                return lv, None
        if k:
            lv = jenjang_from_words(k, levels)
            if lv:
                return lv, None
            kk = _key(k)
            if any(w in kk for w in ("fungsionalumum", "pelaksana", "jfu")):
                return "Pelaksana", None
            if "fungsional" in kk or kk in ("jft", "jf"):
                lv = jenjang_from_words(s, levels) if s else None
                if lv:
                    return lv, None
                return None, (f"Jenjang jabatan fungsional tidak dapat ditentukan dari nama jabatan "
                              f"(akhiran Ahli Pertama/Muda/Madya/Utama, Terampil, Mahir atau Penyelia "
                              f"tidak ada). Isi kolom Jenjang Jabatan ({listing}).")
            if "struktural" in kk:
                return None, "Jabatan struktural tanpa eselon: isi kolom Eselon atau Jenjang Jabatan."
        if s:
            lv = jenjang_from_words(s, levels)
            if lv:
                return lv, None
        if has_eselon_column and not (j or k or e) and "Pelaksana" in levels:
            return "Pelaksana", "!" + MSG_ASSUMED_PELAKSANA
        if not (j or k or e or s):
            return None, f"Jenjang jabatan kosong. Isi kolom Jenjang Jabatan ({listing})."
        return None, f"Jenjang jabatan tidak dapat ditentukan. Isi kolom Jenjang Jabatan ({listing})."

    results = [one(u) for u in keys]
    vals = np.array([r[0] for r in results] + [None], dtype=object)
    errs = np.array([r[1] if r[1] and not r[1].startswith("!") else None for r in results] + [None], dtype=object)
    warns = np.array([r[1][1:] if r[1] and r[1].startswith("!") else None for r in results] + [None], dtype=object)
    return column(vals, combo, index), column(errs, combo, index), column(warns, combo, index)
