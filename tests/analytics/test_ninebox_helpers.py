"""Selection events, plot positions, what-if cut-offs and pool checks."""
from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest

from analytics import whatif
from analytics.demography import age_band, age_on
from analytics.engine import place
from analytics.positions import plot_positions, stable_sample, stable_unit
from analytics.selection import selection_from_event
from analytics.talentpool import FAILS, MEETS, UNKNOWN, pool_checks
from data.store import open_store

KEY = b"kunci-uji-posisi-0123456789"


def _event(points):
    return {"selection": {"points": points, "point_indices": [], "box": [], "lasso": []}}


def test_selection_accepts_both_customdata_shapes():
    ev = _event([
        {"curve_number": 1, "point_index": 0, "customdata": ["198601012010011001", "A"]},   # plotly < 6
        {"curve_number": 1, "point_index": 1, "customdata": {"0": "199001012015012002", "1": "B"}},  # plotly ≥ 6
        {"curve_number": 1, "point_index": 1, "customdata": {"0": "199001012015012002"}},  # duplicate
    ])
    sel = selection_from_event(ev)
    assert sel.nips == ("198601012010011001", "199001012015012002") and sel.boxes == () and not sel.empty


def test_selection_falls_back_to_curve_and_index():
    curves = {2: ["n0", "n1", "n2"]}
    sel = selection_from_event(_event([{"curve_number": 2, "point_index": 2}]), curves)
    assert sel.nips == ("n2",)
    # an index outside the curve is ignored rather than guessed
    assert selection_from_event(_event([{"curve_number": 2, "point_index": 9}]), curves).empty


def test_selection_separates_box_badges_from_dots():
    sel = selection_from_event(SimpleNamespace(selection={"points": [
        {"curve_number": 0, "point_index": 8, "customdata": {"0": "kotak:9"}},
        {"curve_number": 0, "point_index": 6, "customdata": ["kotak:7"]}]}))
    assert sel.boxes == (7, 9) and sel.nips == ()


def test_empty_or_missing_event():
    assert selection_from_event(None).empty
    assert selection_from_event({"selection": {"points": []}}).empty


@pytest.fixture(scope="module")
def placed_2025(demo_db):
    s = open_store(demo_db, read_only=True)
    try:
        pop = s.population(2025)
        rules = s.rules(2025)
    finally:
        s.close()
    return pop, place(pop, rules), rules


def test_every_dot_is_drawn_inside_its_own_box(placed_2025):
    _, placed, rules = placed_2025
    pos = plot_positions(placed, rules, KEY)
    cells = rules.boxes.set_index("kotak")
    has = placed["kotak"].notna()
    assert pos.loc[has, ["x", "y"]].notna().all().all() and pos.loc[~has, ["x", "y"]].isna().all().all()
    col = cells.loc[placed.loc[has, "kotak"].astype(int), "kategori_potensial"].map(
        {"rendah": 0, "menengah": 1, "tinggi": 2}).to_numpy()
    row = cells.loc[placed.loc[has, "kotak"].astype(int), "kategori_kinerja"].map(
        {"di bawah": 0, "sesuai": 1, "di atas": 2}).to_numpy()
    assert (np.floor(pos.loc[has, "x"]).to_numpy() == col).all()
    assert (np.floor(pos.loc[has, "y"]).to_numpy() == row).all()
    # same input, same picture
    assert pos.equals(plot_positions(placed, rules, KEY))


def test_higher_potential_is_drawn_further_right_within_a_box(placed_2025):
    _, placed, rules = placed_2025
    pos = plot_positions(placed, rules, KEY)
    box5 = placed["kotak"] == 5
    corr = np.corrcoef(placed.loc[box5, "potensial_nilai"], pos.loc[box5, "x"])[0, 1]
    assert corr > 0.95


def test_stable_sample_is_deterministic_and_sized():
    keys = pd.Series([f"{i:018d}" for i in range(50_000)])
    units = pd.Series(stable_unit(keys, "sampel", KEY))
    a, b = stable_sample(units, 10_000), stable_sample(units.copy(), 10_000)
    assert a.equals(b) and a.sum() == 10_000
    assert set(units[a].nsmallest(10).index) == set(units.nsmallest(10).index)
    assert stable_sample(units.head(10), 10_000).all()


def test_whatif_with_saved_cutoffs_changes_nothing(placed_2025):
    _, placed, rules = placed_2025
    _, hi, mid = rules.cutoff("potensial")
    diff = whatif.compare(placed, rules, hi, mid)
    assert (diff["selisih"] == 0).all() and whatif.moved(placed, rules, hi, mid) == 0
    assert diff["tersimpan"].sum() == placed["kotak"].notna().sum()


def test_whatif_higher_bar_moves_people_out_of_the_top_column(placed_2025):
    _, placed, rules = placed_2025
    _, hi, mid = rules.cutoff("potensial")
    diff = whatif.compare(placed, rules, hi + 5, mid).set_index("kotak")
    assert diff.loc[[6, 8, 9], "selisih"].sum() < 0
    assert diff["simulasi"].sum() == diff["tersimpan"].sum()
    expected = int(((placed["potensial_nilai"] >= hi) & (placed["potensial_nilai"] < hi + 5)).sum())
    assert whatif.moved(placed, rules, hi + 5, mid) == expected
    with pytest.raises(ValueError):
        whatif.compare(placed, rules, 60, 70)


def test_age_and_bands():
    birth = pd.Series(pd.to_datetime(["1966-12-31", "1967-01-01", "2000-06-15"]))
    from datetime import date
    ages = age_on(birth, date(2025, 12, 31))
    assert ages.tolist() == [59, 58, 25]
    assert age_band(pd.Series([25, 30, 49, 50])).tolist() == ["< 30", "30–39", "40–49", "≥ 50"]


def test_pool_checks(rules_store, rules):
    elig = rules_store.table("rule_eligibility")
    res = pool_checks(9, {2024: "Baik", 2025: "Sangat Baik"}, "tidak ada", rules.boxes, elig, rules.predikat)
    r = res.set_index("aturan")["hasil"]
    assert r["Kelompok rencana suksesi"] == MEETS and r["Syarat kotak calon JPT Pratama"] == MEETS
    assert r["Predikat paling rendah Baik 2 tahun terakhir"] == MEETS
    res = pool_checks(7, {2025: "Baik"}, "sedang", rules.boxes, elig, rules.predikat).set_index("aturan")["hasil"]
    assert res["Syarat kotak calon JPT Pratama"] == FAILS and res["Syarat kotak calon Administrator"] == MEETS
    assert res["Predikat paling rendah Baik 2 tahun terakhir"] == UNKNOWN  # one year known: unknown, not fail
    assert res["Tidak sedang menjalani hukuman disiplin"] == FAILS
    res = pool_checks(None, {2024: "Butuh Perbaikan", 2025: "Baik"}, None, rules.boxes, elig, rules.predikat)
    r = res.set_index("aturan")["hasil"]
    assert r["Kelompok rencana suksesi"] == UNKNOWN
    assert r["Predikat paling rendah Baik 2 tahun terakhir"] == FAILS
