"""Dates in the usual Indonesian forms, Excel serial numbers included."""
from __future__ import annotations

import math
import re
from datetime import date, datetime, timedelta

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from data.importing.normalise.arrow_text import bools
from data.importing.normalise.cells import Result, text
from data.importing.normalise.columns import per_unique, per_value

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
    codes, vals, msgs = per_unique(series, _date_value, _settle_days)
    days = pd.to_datetime(vals).to_numpy().astype("datetime64[s]")   # dates and None, converted in C
    return pd.Series(days[codes], index=index), pd.Series(msgs[codes], index=index, dtype=object)


# D-M-YYYY and YYYY-M-D with one kind of separator or another, nothing around: the commonest cells,
# read at once (the forms _D_M_Y and _Y_M_D read; the others, spaces and times included, go one by one)
_PLAIN_DATES = (r"^(?P<d>[0-9]{1,2})[-/.](?P<m>[0-9]{1,2})[-/.](?P<y>[0-9]{4})$",
                r"^(?P<y>[0-9]{4})[-/.](?P<m>[0-9]{1,2})[-/.](?P<d>[0-9]{1,2})$")


def _settle_days(texts: pa.Array) -> tuple[np.ndarray, np.ndarray]:
    """The distinct texts written in a plain form that are real days from MIN_YEAR to MAX_YEAR, read at once
    (``per_unique``'s ``settle``), as parse_date reads them; the rest (and every message) is left to it."""
    out = np.full(len(texts), np.datetime64("NaT", "s"))
    settled = np.zeros(len(texts), dtype=bool)
    for pattern in _PLAIN_DATES:
        parts = pc.extract_regex(texts, pattern)
        ok = bools(pc.is_valid(parts)) & ~settled
        if not ok.any():
            continue
        y, m, d = (pc.fill_null(pc.cast(pc.struct_field(parts, k), pa.int64()), 1).to_numpy() for k in "ymd")
        ok &= (y >= MIN_YEAR) & (y <= MAX_YEAR) & (m >= 1) & (m <= 12) & (d >= 1)
        month = np.where(ok, (y - 1970) * 12 + m - 1, 0).astype("datetime64[M]")
        day = month.astype("datetime64[D]") + np.where(ok, d - 1, 0).astype("timedelta64[D]")
        ok &= day.astype("datetime64[M]") == month            # 31-02-2020 is no day: left to parse_date
        out[ok] = day[ok].astype("datetime64[s]")
        settled |= ok
    return out.astype(object), settled


def fmt_date(d: date) -> str:
    return d.strftime("%d-%m-%Y")
