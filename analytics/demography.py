"""Age, age bands and retirement dates."""
from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd

AGE_BANDS = ((0, 30, "< 30"), (30, 40, "30–39"), (40, 50, "40–49"), (50, 200, "≥ 50"))


def age_on(birth: pd.Series, on: date) -> pd.Series:
    """Completed years of age on a date."""
    b = pd.to_datetime(birth)
    years = on.year - b.dt.year
    before_birthday = (b.dt.month > on.month) | ((b.dt.month == on.month) & (b.dt.day > on.day))
    return (years - before_birthday.astype(int)).astype("Int64")


def age_band(age: pd.Series) -> pd.Series:
    a = age.astype(float).to_numpy()
    labels = np.full(len(a), None, dtype=object)
    for lo, hi, label in AGE_BANDS:
        labels[(a >= lo) & (a < hi)] = label
    return pd.Series(labels, index=age.index, dtype=object)


def band_labels() -> list[str]:
    return [b[2] for b in AGE_BANDS]
