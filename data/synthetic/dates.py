"""Date arithmetic on numpy ``datetime64[D]`` arrays."""
from __future__ import annotations

import numpy as np


def day(text: str) -> np.datetime64:
    return np.datetime64(text, "D")


def month_start(d: np.ndarray) -> np.ndarray:
    return d.astype("datetime64[M]").astype("datetime64[D]")


def add_months(d: np.ndarray, months) -> np.ndarray:
    return (d.astype("datetime64[M]") + np.asarray(months, dtype=np.int64)).astype("datetime64[D]")


def year_of(d: np.ndarray) -> np.ndarray:
    return d.astype("datetime64[Y]").astype(np.int64) + 1970


def month_of(d: np.ndarray) -> np.ndarray:
    return d.astype("datetime64[M]").astype(np.int64) % 12 + 1


def ymd(y, m, d=1) -> np.ndarray:
    ym = (np.asarray(y, dtype=np.int64) - 1970) * 12 + np.asarray(m, dtype=np.int64) - 1
    return ym.astype("datetime64[M]").astype("datetime64[D]") + (np.asarray(d, dtype=np.int64) - 1)


def snap_gol_date(d: np.ndarray) -> np.ndarray:
    """Golongan promotions take effect on 1 April or 1 October."""
    y, m = year_of(d), month_of(d)
    return ymd(y, np.where(m <= 6, 4, 10))
