"""Dates and years as the succession and retirement rules count them: calendar years when whole
(29 Feb + 1 year → 28 Feb), 365.25 days a year otherwise."""
from __future__ import annotations

import numpy as np
import pandas as pd


def dates(values) -> pd.Series:
    return pd.to_datetime(pd.Series(values), errors="coerce")


def plus_years(d: pd.Series, years: float) -> pd.Series:
    """Dates plus a number of years (calendar years when whole, e.g. 29 Feb + 1 → 28 Feb)."""
    if float(years).is_integer():
        return d + pd.DateOffset(years=int(years))
    return d + pd.to_timedelta(years * 365.25, unit="D")


def years_between(start: pd.Series, end: pd.Timestamp) -> np.ndarray:
    return ((end - start).dt.days / 365.25).to_numpy(dtype=float)


def served_since(values, idx: pd.Index, years: float, on_ts: pd.Timestamp
            ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Since a start date (TMT): (ok = at least ``years`` by ``on_ts``, unknown = no date,
    years short of it (0 when ok or unknown), years served)."""
    start = dates(values)
    start.index = idx
    due = plus_years(start, years)
    unk = start.isna().to_numpy()
    ok = (due <= on_ts).to_numpy() & ~unk
    short = np.where(ok | unk, 0.0, np.maximum((due - on_ts).dt.days.to_numpy(dtype=float), 0) / 365.25)
    return ok, unk, short, years_between(start, on_ts)
