"""One raw cell: its display text, its comparison key, and whether it is empty."""
from __future__ import annotations

import math
import re
from datetime import date, datetime

import pandas as pd

EMPTY_TEXT = {"", "-", "--", "n/a", "na", "null", "none", "nan", "#n/a"}
Result = tuple[object, str | None]


def is_blank(v: object) -> bool:
    if v is None:
        return True
    if isinstance(v, float) and math.isnan(v):
        return True
    if isinstance(v, str) and v.strip().lower() in EMPTY_TEXT:
        return True
    return v is pd.NaT or v is pd.NA


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


def plain_key(v: object) -> str:
    """Lower-case letters and digits only: 'Sangat  Baik ' → 'sangatbaik'."""
    return re.sub(r"[^a-z0-9]", "", text(v).lower())
