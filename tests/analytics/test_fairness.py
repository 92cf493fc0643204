"""Fairness checks: planted biases are found, balanced data stays quiet, small groups never show.

Fixtures are built here from fixed seeds: performance is a predikat value (100/80/60/40/20,
mostly 80, as in real SKP data), potential a score around 83; categories and boxes follow the
shipped rule table.
"""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analytics import fairness
from analytics.fairness import analyse, analyse_all, holm, level, overview, p_text
from analytics.ninebox import box_number

PREDIKAT = np.array([100.0, 80.0, 60.0, 40.0, 20.0])
USUAL = np.array([0.15, 0.65, 0.12, 0.05, 0.03])
GENEROUS = np.array([0.40, 0.52, 0.05, 0.02, 0.01])  # rated higher on performance


def _people(rng, boxes, groups: dict[str, int], attribute: str = "opd_nama", perf: dict | None = None,
            pot_shift: dict | None = None, **other: list) -> pd.DataFrame:
    """Placed people per group; ``perf`` = predikat probabilities per group, ``pot_shift`` points."""
    perf, pot_shift = perf or {}, pot_shift or {}
    frames = []
    for g, n in groups.items():
        kin = rng.choice(PREDIKAT, size=n, p=perf.get(g, USUAL))
        pot = rng.normal(83.0, 7.0, size=n) + pot_shift.get(g, 0.0)
        frames.append(pd.DataFrame({attribute: g, "kinerja_nilai": kin, "potensial_nilai": pot}))
    df = pd.concat(frames, ignore_index=True)
    df["kinerja_kategori"] = np.where(df["kinerja_nilai"] >= 100, "di atas",
                                      np.where(df["kinerja_nilai"] >= 80, "sesuai", "di bawah"))
    df["potensial_kategori"] = np.where(df["potensial_nilai"] >= 88, "tinggi",
                                        np.where(df["potensial_nilai"] >= 78, "menengah", "rendah"))
    df["kotak"] = box_number(df["kinerja_kategori"], df["potensial_kategori"], boxes)
    df["nip"] = [f"N{i:05d}" for i in range(len(df))]
    for col, values in other.items():
        df[col] = rng.choice(values, size=len(df))
    return df


def _all_text(result: fairness.FairnessResult) -> str:
    """Every cell, column name and message of a result, as one string."""
    parts = [result.message, repr(result)]
    for frame in result.frames().values():
        parts.append(frame.to_csv(index=False))
    return "\n".join(parts)


# -- helpers ----------------------------------------------------------------------------------
def test_holm_matches_a_hand_computation():
    assert np.allclose(holm([0.01, 0.04, 0.03]), [0.03, 0.06, 0.06])
    assert np.allclose(holm([0.5, 0.9]), [1.0, 1.0])
    assert np.allclose(holm([0.001]), [0.001])


@pytest.mark.parametrize("p,effect,measure,df,expected", [
    (0.05, 0.9, "cramer_v", 1, "tidak ada"),           # p must be below alpha
    (0.049, 0.0999, "cramer_v", 1, "sangat kecil"),
    (0.049, 0.10, "cramer_v", 1, "kecil"),
    (0.001, 0.30, "cramer_v", 1, "sedang"),
    (0.001, 0.50, "cramer_v", 1, "besar"),
    (0.001, 0.21, "cramer_v", 2, "sedang"),            # V thresholds shrink with df*
    (0.001, 0.06, "epsilon_squared", 0, "sedang"),
    (0.001, 0.14, "epsilon_squared", 0, "besar"),
    (0.001, -0.31, "rank_biserial", 0, "sedang"),      # direction does not matter
])
def test_effect_size_levels_at_their_thresholds(p, effect, measure, df, expected):
    assert level(p, effect, measure, df) == expected


def test_threshold_table_has_a_source_per_row_and_p_is_written_in_indonesian():
    t = fairness.EFFECT_THRESHOLDS
    assert t["sumber"].str.len().gt(5).all()
    assert ((t["kecil"] < t["sedang"]) & (t["sedang"] < t["besar"])).all()
    assert p_text(0.0423) == "p=0,042" and p_text(0.0004) == "p<0,001"


# -- planted bias is found --------------------------------------------------------------------
def test_women_with_potential_shifted_down_are_flagged(rules):
    rng = np.random.default_rng(11)
    df = _people(rng, rules.boxes, {"L": 400, "P": 400}, attribute="jenis_kelamin", pot_shift={"P": -4.0})
    res = analyse(df, "jenis_kelamin", rules.boxes)
    tests = res.tests.set_index("uji")
    assert res.enough
    assert tests.loc["potensial", "metode"] == "Mann–Whitney U"
    assert tests.loc["potensial", "tingkat"] in ("kecil", "sedang", "besar")
    assert tests.loc["potensial", "p_holm"] < 0.001
    assert tests.loc["potensial", "kesimpulan"].startswith("perbedaan ")
    assert tests.loc["sebaran_kotak", "tingkat"] != "tidak ada"
    assert tests.loc["kinerja", "tingkat"] in ("tidak ada", "sangat kecil")  # same performance distribution
    g = res.groups.set_index("kelompok")
    assert g.loc["P", "rerata_potensial"] < g.loc["L", "rerata_potensial"]
    assert res.flagged == []  # lower potential alone is not "higher performance, lower potential"


def test_an_opd_rated_higher_on_performance_but_lower_on_potential_is_flagged(rules):
    rng = np.random.default_rng(5)
    groups = {f"Dinas {c}": 150 for c in "ABCDEF"}
    df = _people(rng, rules.boxes, groups, perf={"Dinas C": GENEROUS}, pot_shift={"Dinas C": -4.0})
    res = analyse(df, "opd_nama", rules.boxes)
    assert res.flagged == ["Dinas C"]
    row = res.check.set_index("kelompok").loc["Dinas C"]
    assert row["persentil_kinerja"] > 50 > row["persentil_potensial"]
    assert row["selisih"] == pytest.approx(row["persentil_kinerja"] - row["persentil_potensial"])
    assert row["p_kinerja"] < 0.05 and row["p_potensial"] < 0.05
    assert "kinerja lebih tinggi tetapi potensial lebih rendah" in row["kesimpulan"]
    tests = res.tests.set_index("uji")
    assert tests.loc["kinerja", "metode"] == "Kruskal–Wallis H"
    assert tests.loc["kinerja", "efek_nama"] == "ε²"
    assert overview({"opd_nama": res}).iloc[0]["ditandai"] == "Dinas C"


def test_higher_performance_alone_is_not_flagged(rules):
    rng = np.random.default_rng(5)
    df = _people(rng, rules.boxes, {f"Dinas {c}": 150 for c in "ABCDEF"}, perf={"Dinas C": GENEROUS})
    res = analyse(df, "opd_nama", rules.boxes)
    assert res.flagged == []
    assert res.tests.set_index("uji").loc["kinerja", "tingkat"] != "tidak ada"


# -- balanced data stays quiet ----------------------------------------------------------------
def test_balanced_population_stays_quiet_on_every_attribute(rules):
    rng = np.random.default_rng(2026)
    df = _people(rng, rules.boxes, {f"Dinas {i:02d}": 150 for i in range(8)},
                 jenis_kelamin=["L", "P"], kelompok_usia=["< 30", "30–39", "40–49", "≥ 50"],
                 jenis_jabatan=["Administrator", "Pengawas", "Pelaksana", "Fungsional", "JPT"],
                 jenis_asn=["PNS", "PPPK"])
    results = analyse_all(df, rules.boxes)
    assert set(results) == set(fairness.ATTRIBUTES)
    for attribute, res in results.items():
        assert res.enough, attribute
        assert set(res.tests["tingkat"]) <= {"tidak ada", "sangat kecil"}, (attribute, res.tests)
        assert res.flagged == [], attribute
    view = overview(results)
    assert (view["ditandai"] == "").all()


def test_results_are_deterministic_including_monte_carlo(rules):
    rng = np.random.default_rng(3)
    # many groups of 5–7 people: expected counts are tiny, so the Monte Carlo p-value is used
    df = _people(rng, rules.boxes, {f"Unit {i:02d}": 5 + i % 3 for i in range(20)})
    first, second = analyse(df, "opd_nama", rules.boxes), analyse(df.sample(frac=1, random_state=9), "opd_nama",
                                                                   rules.boxes)
    assert first.tests.set_index("uji").loc["sebaran_kotak", "metode"] == "chi-kuadrat (Monte Carlo)"
    for name, frame in first.frames().items():
        pd.testing.assert_frame_equal(frame, second.frames()[name], check_exact=False, rtol=1e-12)


# -- small groups are suppressed everywhere ---------------------------------------------------
SMALL = {"Kecil Satu": 1, "Kecil Dua": 2, "Kecil Tiga": 3, "Kecil Empat": 4}


def _with_small_groups(rules, seed: int = 8) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    groups = {**SMALL, "Pas Lima": 5, "Besar A": 60, "Besar B": 80}
    # the small groups are extreme, so they would change any test they leaked into
    extreme = {g: GENEROUS for g in SMALL}
    return _people(rng, rules.boxes, groups, perf=extreme, pot_shift={g: -25.0 for g in SMALL})


def test_groups_under_five_never_appear_in_any_output(rules):
    df = _with_small_groups(rules)
    res = analyse(df, "opd_nama", rules.boxes, min_group=5)
    assert res.enough and res.suppressed
    text = _all_text(res)
    assert "Kecil" not in text
    for name in ("groups", "shares", "check"):
        assert set(res.frames()[name]["kelompok"]) == {"Pas Lima", "Besar A", "Besar B"}, name
    assert (res.tests["k"] == 3).all()
    assert (res.groups["n"] >= 5).all() and (res.check["n"] >= 5).all()
    assert res.groups["n"].sum() == 145 == res.tests["n"].iloc[0]  # nobody from a small group counted
    shares = res.shares.groupby("kelompok")["jumlah"].sum()
    assert shares.to_dict() == {"Besar A": 60, "Besar B": 80, "Pas Lima": 5}
    # "the rest" in the group-vs-rest check is the kept groups only: same as never having them
    kept = df[~df["opd_nama"].isin(SMALL)]
    clean = analyse(kept, "opd_nama", rules.boxes, min_group=5)
    for name, frame in res.frames().items():
        pd.testing.assert_frame_equal(frame, clean.frames()[name])
    assert "Kecil" not in overview(analyse_all(df, rules.boxes, attributes=("opd_nama",))).to_csv()


def test_min_group_is_a_parameter(rules):
    res = analyse(_with_small_groups(rules), "opd_nama", rules.boxes, min_group=10)
    assert set(res.groups["kelompok"]) == {"Besar A", "Besar B"}
    assert "Pas Lima" not in _all_text(res) and "Kecil" not in _all_text(res)
    assert res.tests.set_index("uji").loc["kinerja", "metode"] == "Mann–Whitney U"  # two groups left
    with pytest.raises(ValueError):
        analyse(_with_small_groups(rules), "opd_nama", rules.boxes, min_group=1)


def test_fewer_than_two_groups_left_means_not_enough_data(rules):
    rng = np.random.default_rng(4)
    df = _people(rng, rules.boxes, {"Satu-satunya": 50, "Kecil Tiga": 3, "Kecil Empat": 4})
    res = analyse(df, "opd_nama", rules.boxes)
    assert not res.enough and res.suppressed
    assert "tidak cukup" in res.message
    assert all(frame.empty for frame in res.frames().values())
    assert "Kecil" not in _all_text(res) and res.flagged == []
    assert overview({"opd_nama": res}).iloc[0]["sebaran_kotak"] == "tidak cukup data"


def test_unplaced_and_unknown_people_are_left_out(rules):
    rng = np.random.default_rng(6)
    df = _people(rng, rules.boxes, {"A": 40, "B": 40})
    df.loc[:4, "kotak"] = pd.NA          # not placed
    df.loc[5:9, "opd_nama"] = None       # attribute unknown
    res = analyse(df, "opd_nama", rules.boxes)
    assert res.groups["n"].sum() == 70
    assert set(res.groups["kelompok"]) == {"A", "B"}


def test_age_bands_keep_their_natural_order(rules):
    rng = np.random.default_rng(1)
    df = _people(rng, rules.boxes, {"≥ 50": 30, "< 30": 30, "40–49": 30, "30–39": 30}, attribute="kelompok_usia")
    res = analyse(df, "kelompok_usia", rules.boxes)
    assert res.groups["kelompok"].tolist() == ["< 30", "30–39", "40–49", "≥ 50"]
