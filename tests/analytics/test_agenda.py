"""The calibration agenda: orders and who comes next."""
from __future__ import annotations

import pandas as pd
import pytest

from analytics.agenda import border_distance, ranked, upcoming


@pytest.fixture
def people() -> pd.DataFrame:
    return pd.DataFrame({
        "nip": ["a", "b", "c", "d", "e"],
        "nama": ["Ani", "Budi", "Citra", "Dedi", "Eka"],
        "kotak": pd.array([5, 9, 5, 1, None], dtype="Int8"),
        "opd_nama": ["Dinkes", "Bappeda", "Bappeda", "Dinkes", "Dinkes"],
        "kinerja_nilai": [None, None, None, None, None],
        "potensial_nilai": [80.0, 89.5, 60.0, 77.0, None],
    })


def test_border_distance_uses_the_numeric_cut_offs_of_the_rules(people, rules):
    _, hi, mid = rules.cutoff("potensial")
    assert rules.cutoff("kinerja")[1] is None  # categorised from the predikat: no numeric cut-off
    dist = border_distance(people, rules)
    assert dist.iloc[0] == pytest.approx(min(abs(80 - hi), abs(80 - mid)))
    assert dist.iloc[1] == pytest.approx(min(abs(89.5 - hi), abs(89.5 - mid)))
    assert pd.isna(dist.iloc[4])


def test_orders(people, rules):
    assert ranked(people, "kotak", rules) == ["b", "a", "c", "d", "e"]   # box 9 first, ties by name, no box last
    assert ranked(people, "opd", rules) == ["b", "c", "a", "d", "e"]
    by_border = ranked(people, "batas", rules)
    assert by_border[-1] == "e" and by_border[0] in {"b", "d"}  # 0,5 and 1,0 from 90 and 78
    with pytest.raises(ValueError):
        ranked(people, "acak", rules)


def test_upcoming_skips_the_discussed_and_the_open_person_and_wraps():
    order = ["a", "b", "c", "d", "e"]
    assert upcoming(order, set(), None, 2) == ["a", "b"]
    assert upcoming(order, {"b", "d"}, "c", 10) == ["e", "a"]              # after the open one, then around
    assert upcoming(order, {"a", "c", "e"}, "b", 1) == ["d"]
    assert upcoming(order, {"a", "b", "d", "e"}, "c", 3) == []             # only the open one is left
    assert upcoming(order, set(order), "x", 3) == []
