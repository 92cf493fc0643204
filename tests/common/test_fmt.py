"""Indonesian (and English) numbers, percents and dates come from one module backed by babel."""
from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd
import pytest

from common import fmt


@pytest.mark.parametrize("value, decimals, lang, expected", [
    (1152, 0, "id", "1.152"),
    (4_700_000, 0, "id", "4.700.000"),
    (1152.55, 1, "id", "1.152,5"),      # the float is 1152.549999…: rounded as Python rounds it
    (2.675, 2, "id", "2,67"),
    (-3.25, 1, "id", "-3,2"),
    (1152, 0, "en", "1,152"),
    (1152.5, 1, "en", "1,152.5"),
    (np.int64(7), 0, "id", "7"),
    (np.float32(2.5), 1, "id", "2,5"),
])
def test_num(value, decimals, lang, expected):
    assert fmt.num(value, decimals, lang) == expected


def test_num_agrees_with_python_rounding_on_many_values():
    rng = np.random.default_rng(3)
    for v in rng.uniform(-1e6, 1e6, 2000):
        for d in range(3):
            assert fmt.num(float(v), d, "en") == f"{v:,.{d}f}"


def test_pct_takes_percent_points():
    assert fmt.pct(4.5) == "4,5%"
    assert fmt.pct(100, 0) == "100%"
    assert fmt.pct(33.333, 1, "en") == "33.3%"


@pytest.mark.parametrize("missing", [None, float("nan"), np.float32("nan")])
def test_no_value_reads_as_a_dash_never_nan(missing):
    assert fmt.num(missing) == "–"
    assert fmt.pct(missing) == "–"


def test_dates():
    assert fmt.tanggal(date(2026, 1, 5)) == "5 Januari 2026"
    assert fmt.tanggal(date(2026, 8, 17), "en") == "17 August 2026"


def test_num_column_formats_each_value_and_dashes_the_missing_without_a_pandas_warning(recwarn):
    values = pd.Series([57.857, np.nan, 57.857, 100.0])
    assert fmt.num_column(values, 1).tolist() == ["57,9", "–", "57,9", "100,0"]
    assert fmt.num_column(pd.Series([np.nan, np.nan]), 1).tolist() == ["–", "–"]   # no JPM in the period
    assert not [w for w in recwarn if "fill" in str(w.message)]
