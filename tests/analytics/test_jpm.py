"""JPM: the assessment file's official JPM is the person's JPM; a computed one only where it is missing,
with attained levels capped at the standard per competency by default (setting jpm_maksimal_100)."""
from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd
import pytest

from analytics import succession as sc
from analytics.competency import JPM_COMPUTED, JPM_OFFICIAL, jpm, person_jpm_detail
from analytics.engine import input_columns, place
from analytics.potential import potential_components
from analytics.rules import RuleSet

CODES = ["k_integritas", "k_kerja_sama", "k_komunikasi", "k_orientasi_hasil", "k_pelayanan_publik",
         "k_pengembangan_diri", "k_mengelola_perubahan", "k_pengambilan_keputusan", "k_perekat_bangsa"]
# An Administrator (standard 3 on all nine) with levels 5,5,5,1,1,1,1,1,1: Σ 21 of Σ 27.
# Uncapped 21/27 = 77,78; capped per competency (3·3 + 6·1)/27 = 15/27 = 55,56; a capped total would say 77,78.
SPIKY = [5, 5, 5, 1, 1, 1, 1, 1, 1]


def person(levels=None, jpm_sumber=np.nan, jenjang="Administrator", **extra) -> dict:
    row = {"nip": "x", "jenjang_jabatan": jenjang, "predikat": "Baik", "pendidikan_tingkat": "S1",
           "hukdis_aktif": "tidak ada", "jpm_sumber": jpm_sumber}
    row.update(dict(zip(CODES, levels if levels is not None else [np.nan] * 9)))
    row.update(extra)
    return row


def detail(rules: RuleSet, *people: dict, cap: bool | None = None) -> pd.DataFrame:
    frame = pd.DataFrame(list(people))
    return person_jpm_detail(frame, rules.skj, rules.skj_codes(), rules.jpm_cap if cap is None else cap)


# -- the cap rule -------------------------------------------------------------------------------

def test_shipped_default_caps(rules, rules_store):
    assert rules_store.setting("jpm_maksimal_100") == "ya"
    assert rules.jpm_cap is True
    # the setting row keeps its source, like every rule row
    assert "per kompetensi" in rules_store.table("setting").set_index("key").loc["jpm_maksimal_100", "sumber"]
    # a RuleSet built without the setting caps too
    fields = {k: v for k, v in rules.__dict__.items() if k != "jpm_cap"}
    assert RuleSet(**fields).jpm_cap is True


def test_cap_is_per_competency_not_on_the_total():
    required = pd.DataFrame([[3.0] * 9])
    spiky = pd.DataFrame([[float(v) for v in SPIKY]])
    assert jpm(spiky, required).iloc[0] == pytest.approx(77.78)           # uncapped: surplus hides the gaps
    assert jpm(spiky, required, cap=True).iloc[0] == pytest.approx(55.56)  # 15/27: each level at most 3
    high = pd.DataFrame([[5.0] * 9])
    assert jpm(high, required).iloc[0] == pytest.approx(166.67)
    assert jpm(high, required, cap=True).iloc[0] == 100.0


def test_cap_ignores_competencies_without_a_level_or_a_standard():
    required = pd.DataFrame([[3.0, 3.0, np.nan]])
    attained = pd.DataFrame([[5.0, np.nan, 4.0]])
    # only the first competency has both: min(5, 3) / 3
    assert jpm(attained, required, cap=True).iloc[0] == 100.0
    assert jpm(attained, required).iloc[0] == pytest.approx(166.67)


def test_computed_jpm_of_the_engine_follows_the_setting(rules):
    capped = detail(rules, person(SPIKY)).iloc[0]
    assert capped["jpm"] == pytest.approx(55.56) and capped["jpm_asal"] == JPM_COMPUTED
    assert detail(rules, person(SPIKY), cap=False).iloc[0]["jpm"] == pytest.approx(77.78)
    # above the standard everywhere: 100 capped (166,67 uncapped)
    assert detail(rules, person([5] * 9)).iloc[0]["jpm"] == 100.0
    assert detail(rules, person([5] * 9), cap=False).iloc[0]["jpm"] == pytest.approx(166.67)


# -- official wins ------------------------------------------------------------------------------

def test_official_jpm_wins_over_the_levels(rules):
    # the reported case: file JPM 57,86 (Kurang Optimal); levels at or above an Administrator's standard
    got = detail(rules, person([5, 5, 5, 3, 3, 3, 3, 3, 3], jpm_sumber=57.86)).iloc[0]
    assert got["jpm"] == 57.86 and got["jpm_asal"] == JPM_OFFICIAL
    assert got["jpm_hitung"] == 100.0          # the computed value, kept beside it because it differs
    uncapped = detail(rules, person([5, 5, 5, 3, 3, 3, 3, 3, 3], jpm_sumber=57.86), cap=False).iloc[0]
    assert uncapped["jpm"] == 57.86 and uncapped["jpm_hitung"] == pytest.approx(122.22)


def test_computed_only_where_the_file_has_none(rules):
    got = detail(rules,
                 person([3] * 8 + [1], jpm_sumber=np.nan),      # levels only: computed (25/27)
                 person(None, jpm_sumber=81.5),                  # official only
                 person([3] * 9, jpm_sumber=100.0),              # both, equal: no second value
                 person(None),                                   # nothing: no JPM, no origin
                 person([2] * 9, jpm_sumber=70.0, jenjang="Tidak dikenal"))   # no standard: official only
    assert got["jpm"].tolist()[:3] == [pytest.approx(92.59), 81.5, 100.0]
    asal = got["jpm_asal"]
    assert asal.drop(index=3).tolist() == [JPM_COMPUTED, JPM_OFFICIAL, JPM_OFFICIAL, JPM_OFFICIAL]
    assert pd.isna(asal.iloc[3])
    assert got["jpm_hitung"].isna().all()
    assert np.isnan(got["jpm"].iloc[3]) and got["jpm"].iloc[4] == 70.0


def test_official_above_100_reads_100_only_under_the_cap(rules):
    # the importer refuses such values; an older database may still hold one
    assert detail(rules, person(None, jpm_sumber=120.0)).iloc[0]["jpm"] == 100.0
    assert detail(rules, person(None, jpm_sumber=120.0), cap=False).iloc[0]["jpm"] == 120.0


def test_placement_carries_the_official_jpm_its_origin_bands_and_potential(rules):
    frame = pd.DataFrame([person([5, 5, 5, 3, 3, 3, 3, 3, 3], jpm_sumber=57.86, nilai_potensi=80.0),
                          person(SPIKY, nilai_potensi=80.0)])
    got = place(frame[[c for c in input_columns(rules) if c in frame.columns]], rules)
    assert got["jpm"].tolist() == [57.86, pytest.approx(55.56)]
    assert got["jpm_asal"].tolist() == [JPM_OFFICIAL, JPM_COMPUTED]
    assert got["jpm_hitung"].iloc[0] == 100.0 and np.isnan(got["jpm_hitung"].iloc[1])
    # the bands are those of the official value (57,86: Kurang Optimal / Kurang Memenuhi Syarat)
    assert got["jpm_pemetaan"].tolist() == ["Kurang Optimal", "Kurang Optimal"]
    assert got["jpm_seleksi"].tolist() == ["Kurang Memenuhi Syarat", "Kurang Memenuhi Syarat"]
    # the potential axis uses the same JPM
    comps = potential_components(frame, rules)
    assert comps["asesmen_kompetensi"].tolist() == [57.86, pytest.approx(55.56)]


# -- succession: always computed against the target post, same cap ----------------------------

def test_jpm_target_is_computed_and_capped(rules_store, rules):
    srules = sc.SuccessionRules(
        eligibility=rules_store.table("rule_eligibility"), retirement=rules_store.table("rule_retirement"),
        job_level=rules_store.table("job_level"), education=rules_store.table("education_level"),
        predikat=rules.predikat, boxes=rules.boxes, skj=rules.skj, skj_codes=rules.skj_codes(),
        jpm_bands=rules.jpm_bands, predikat_pair=rules.predikat_pair, legacy_score=rules.legacy_score)
    assert srules.jpm_cap is True
    target = {"post_id": "T1", "jabatan": "Kepala Bidang Uji", "jenjang_jabatan": "Administrator",
              "bidang_pendidikan": None, "pemangku_nip": None}
    base = {"jenjang_jabatan": "Pengawas", "golongan": "III/d", "tmt_jabatan": date(2018, 1, 1),
            "tmt_cpns": date(2005, 1, 1), "pendidikan_tingkat": "S1", "pendidikan_bidang": "Manajemen",
            "tanggal_lahir": date(1980, 6, 1), "hukdis_aktif": "tidak ada", "kotak": 9, "kinerja_nilai": 90.0,
            "potensial_nilai": 80.0}
    people = pd.DataFrame([{**base, **dict(zip(CODES, [5] * 9)), "jpm_sumber": 40.0},
                           {**base, **dict(zip(CODES, SPIKY)), "jpm_sumber": 99.0}])
    people["nip"] = [f"{i:018d}" for i in range(len(people))]
    hist = pd.DataFrame([{"nip": n, "period": p, "predikat": "Baik"} for n in people["nip"] for p in (2024, 2025)])
    summ, checks = sc.evaluate(people, target, srules, date(2026, 1, 15), 2025, hist)
    # against the Administrator standard (3), from the levels, never the file's JPM of the own post
    assert summ["jpm_target"].tolist() == [100.0, pytest.approx(55.56)]
    uncapped = sc.SuccessionRules(**{**srules.__dict__, "jpm_cap": False})
    summ_u, _ = sc.evaluate(people, target, uncapped, date(2026, 1, 15), 2025, hist)
    assert summ_u["jpm_target"].tolist() == [pytest.approx(166.67), pytest.approx(77.78)]
    why = checks[(checks["aturan"] == "kompetensi")]["alasan"].iloc[0]
    assert "dihitung dari level" in why


# -- the demo data: no JPM above 100 anywhere ---------------------------------------------------

def test_demo_data_has_no_jpm_above_100(demo_db):
    from analytics.calibration import apply_calibration
    from data.store import open_store

    s = open_store(demo_db, read_only=True)
    try:
        periods = s.periods()
        posts = s.target_posts()
        history = {p: s.predikat_history(p, 2) for p in periods}
        frames = {p: (s.population(p), s.rules(p), s.calibrations(p)) for p in periods}
        sr_tables = {t: s.table(t) for t in ("rule_eligibility", "rule_retirement", "job_level", "education_level")}
    finally:
        s.close()
    assert periods
    for period, (pop, rs, calibrations) in frames.items():
        placed = apply_calibration(place(pop, rs), calibrations, rs.boxes)
        assert placed["jpm"].notna().any()
        assert placed["jpm"].max() <= 100, period
        assert placed["jpm_hitung"].isna().all() or placed["jpm_hitung"].max() <= 100
        official = placed["jpm_asal"] == JPM_OFFICIAL
        assert official.any() and (placed["jpm_asal"] == JPM_COMPUTED).any()
        # the demo's CACT files report the JPM by the same rule the engine computes by: the two differ only
        # for someone assessed in an earlier period on another post (then the file's JPM still counts)
        differs = placed["jpm_hitung"].notna()
        assert (differs <= official).all()
        assert (pop.loc[differs, "periode_asesmen"] < period).all()
        srules = sc.SuccessionRules(
            eligibility=sr_tables["rule_eligibility"], retirement=sr_tables["rule_retirement"],
            job_level=sr_tables["job_level"], education=sr_tables["education_level"], predikat=rs.predikat,
            boxes=rs.boxes, skj=rs.skj, skj_codes=rs.skj_codes(), jpm_bands=rs.jpm_bands,
            predikat_pair=rs.predikat_pair, legacy_score=rs.legacy_score, jpm_cap=rs.jpm_cap)
        placed["usia"] = 0
        cand = sc.candidate_frame(pop, placed)
        # jpm_target depends on the target level only: one post per level, every candidate
        for post in posts.drop_duplicates("jenjang_jabatan").to_dict("records"):
            summ, _ = sc.evaluate(cand, post, srules, date(period + 1, 1, 2), period, history[period],
                                  reasons=False)
            assert summ["jpm_target"].notna().any(), post["jenjang_jabatan"]
            assert summ["jpm_target"].max() <= 100, (period, post["jenjang_jabatan"])
