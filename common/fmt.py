"""Numbers, percents and dates as people read them, through babel's CLDR data: Indonesian by
default (1.152; 4,5%; 5 Januari 2026), English on request (1,152; 4.5%; 5 January 2026).

Every text a person reads or downloads is formatted here; nothing else writes thousands separators
or month names by hand."""
from __future__ import annotations

import math
import numbers
import re
from datetime import date, datetime
from decimal import Decimal
from functools import lru_cache

import numpy as np
import pandas as pd
from babel.dates import format_date
from babel.numbers import format_decimal, format_percent

from common.i18n import language, t

MISSING = "–"
_LOCALES = {"id": "id_ID", "en": "en_US"}


def _locale(lang: str) -> str:
    return _LOCALES.get(lang, _LOCALES["id"])


@lru_cache(maxsize=16)
def _pattern(decimals: int, suffix: str = "") -> str:
    return "#,##0" + ("." + "0" * decimals if decimals > 0 else "") + suffix


def _exact(value: float | int) -> Decimal:
    # Decimal(float) is the float's exact binary value, so babel rounds it as Python's own format
    # does (2.675 → 2,67), not as its shortest repr would (2,68).
    return Decimal(int(value)) if isinstance(value, numbers.Integral) else Decimal(float(value))


def _missing(value) -> bool:
    return value is None or (isinstance(value, numbers.Real) and math.isnan(value))


def num(value: float | int | None, decimals: int = 0, lang: str = "id") -> str:
    """1.152 / 1.152,5 (id) · 1,152 / 1,152.5 (en); "–" when there is no value."""
    if _missing(value):
        return MISSING
    return format_decimal(_exact(value), _pattern(decimals), locale=_locale(lang), decimal_quantization=True)


def pct(value: float | None, decimals: int = 1, lang: str = "id") -> str:
    """A share given in percent points: ``pct(4.5)`` → "4,5%" (id) / "4.5%" (en)."""
    if _missing(value):
        return MISSING
    return format_percent(_exact(value) / 100, _pattern(decimals, "%"), locale=_locale(lang),
                          decimal_quantization=True)


def num_column(values: pd.Series, decimals: int = 0, lang: str = "id") -> pd.Series:
    """:func:`num` of a column, formatting each distinct value once (a national column has few distinct
    values and millions of rows); rows with no value read "–"."""
    texts = {v: num(v, decimals, lang) for v in values.dropna().unique()}
    # as objects before filling: with no value at all the mapped column is float, and pandas 4 refuses a text fill
    return values.map(texts).astype(object).fillna(MISSING)


def tanggal(d: date, lang: str | None = None) -> str:
    """5 Januari 2026 (id) / 5 January 2026 (en); without ``lang``, in the page's language."""
    return format_date(d, "d MMMM y", locale=_locale(lang or language()))


_MD_SPECIALS = "\\`*_{}[]()<>#+-.!|~$:"


def plain(text: object) -> str:
    """Escape markdown so a name or post from the data is shown as typed, never interpreted."""
    s = "" if text is None else str(text)
    return "".join("\\" + c if c in _MD_SPECIALS else c for c in s)


def full_name(nama: str, gelar_depan: str | None, gelar_belakang: str | None) -> str:
    parts = [g for g in (gelar_depan,) if isinstance(g, str) and g] + [nama]
    name = " ".join(parts)
    return f"{name}, {gelar_belakang}" if isinstance(gelar_belakang, str) and gelar_belakang else name


def cell(value: object, lang: str | None = None, decimals: int = 2) -> str:
    """Any table value as a person reads it: nothing (None, NaN, NaT, "nan") → "–"; a date, or a time
    stamp at midnight → "5 Januari 2026" (no "00:00:00"); another time stamp → "5 Januari 2026 14:03";
    yes/no in words; a number the language's way (up to ``decimals`` places); text as it is."""
    lang = lang or language()
    if value is None or value is pd.NaT or value is pd.NA:
        return MISSING
    if isinstance(value, (bool, np.bool_)):
        return t("label.yes" if value else "label.no", lang=lang)
    if isinstance(value, (datetime, pd.Timestamp)):
        if pd.isna(value):
            return MISSING
        day = tanggal(value.date(), lang)
        return day if (value.hour, value.minute, value.second) == (0, 0, 0) else f"{day} {value:%H:%M}"
    if isinstance(value, date):
        return tanggal(value, lang)
    if isinstance(value, numbers.Integral):
        return num(int(value), 0, lang)
    if isinstance(value, numbers.Real):
        if _missing(value):
            return MISSING
        shown = round(float(value), decimals)
        places = next((d for d in range(decimals + 1) if round(shown, d) == shown), decimals)
        return num(shown, places, lang)
    text = str(value)
    return MISSING if text.strip() in ("", "nan", "NaN", "None", "NaT", "<NA>") else text


def cells(frame: pd.DataFrame, lang: str | None = None, decimals: int = 2) -> pd.DataFrame:
    """:func:`cell` of every value (a table to read, not to sort by number)."""
    lang = lang or language()

    def column(col: pd.Series) -> pd.Series:
        year = _YEARS.search(str(col.name)) is not None      # 2025, not 2.025
        return col.map(lambda v: str(int(v)) if year and isinstance(v, numbers.Real) and not _missing(v)
                       and float(v).is_integer() else cell(v, lang, decimals)).astype(object)
    return frame.apply(column)


_YEARS = re.compile(r"(?<![a-z])(periode|tahun|period|year)(?![a-z])", re.I)
