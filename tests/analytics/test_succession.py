"""Succession: eligibility for target posts, every rule at its boundaries, readiness, demo shortlists."""
from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd
import pytest

from analytics import career, retirement, sanctions
from analytics import succession as sc

ON = date(2026, 1, 15)
JPT = {"post_id": "T1", "jabatan": "Kepala Dinas Uji", "jenjang_jabatan": "JPT Pratama", "bidang_pendidikan": None,
       "pemangku_nip": None}


@pytest.fixture(scope="module")
def srules(rules_store, rules):
    return sc.SuccessionRules(
        eligibility=rules_store.table("rule_eligibility"), retirement=rules_store.table("rule_retirement"),
        job_level=rules_store.table("job_level"), education=rules_store.table("education_level"),
        predikat=rules.predikat, boxes=rules.boxes, skj=rules.skj, skj_codes=rules.skj_codes(),
        jpm_bands=rules.jpm_bands, predikat_pair=rules.predikat_pair, legacy_score=rules.legacy_score)


def person(**over) -> dict:
    """A candidate who meets every JPT Pratama rule on ON."""
    base = {"nip": "199001012015011001", "jenjang_jabatan": "Administrator", "golongan": "IV/a",
            "tmt_jabatan": date(2020, 1, 1), "tmt_cpns": date(2005, 1, 1), "pendidikan_tingkat": "S2",
            "pendidikan_bidang": "Manajemen", "tanggal_lahir": date(1975, 6, 1), "hukdis_aktif": "tidak ada",
            "kotak": 9, "kinerja_nilai": 90.0, "potensial_nilai": 80.0, "hukdis_riwayat": ()}
    base.update({k: 4.0 for k in ("k_integritas", "k_kerja_sama", "k_komunikasi", "k_orientasi_hasil",
                                  "k_pelayanan_publik", "k_pengembangan_diri", "k_mengelola_perubahan",
                                  "k_pengambilan_keputusan", "k_perekat_bangsa")})
    base.update(over)
    return base


def good_history(nips, periods=(2024, 2025), predikat="Baik"):
    return pd.DataFrame([{"nip": n, "period": p, "predikat": predikat} for n in nips for p in periods])


def run(srules, people, target=JPT, on=ON, history=None):
    frame = pd.DataFrame(people)
    frame["nip"] = [f"{i:018d}" for i in range(len(frame))]
    hist = good_history(frame["nip"]) if history is None else history(frame["nip"])
    return sc.evaluate(frame, target, srules, on, 2025, hist)


def result(checks, aturan, i=0):
    row = checks[(checks["aturan"] == aturan) & (checks["nip"] == f"{i:018d}")]
    assert len(row) == 1, f"no check {aturan}"
    return row.iloc[0]["hasil"]


def test_the_reference_person_is_ready_now(srules):
    summ, checks = run(srules, [person()])
    assert set(checks["hasil"]) == {sc.MEETS}
    assert summ["kesiapan"].tolist() == [sc.SIAP_SEKARANG]
    assert summ["alasan"].tolist() == ["Memenuhi semua syarat."]
    assert summ["skor_talenta"].tolist() == [85.0]
    assert summ["jpm_target"].tolist() == [100.0]


def test_no_candidates_gives_empty_results(srules):
    """A post with nobody to weigh (a city of a few people just imported) is an empty shortlist, not a crash."""
    empty = pd.DataFrame([person()]).iloc[0:0]
    summary, checks = sc.evaluate(empty, JPT, srules, ON, 2025, good_history(["x"]).iloc[0:0])
    assert summary.empty and checks.empty


def test_age_56_exactly_passes_and_one_day_more_fails(srules):
    summ, checks = run(srules, [person(tanggal_lahir=date(1970, 1, 15)), person(tanggal_lahir=date(1970, 1, 14)),
                                person(tanggal_lahir=None)])
    assert [result(checks, "usia", i) for i in range(3)] == [sc.MEETS, sc.FAILS, sc.UNKNOWN]
    assert summ["kesiapan"].tolist()[:2] == [sc.SIAP_SEKARANG, sc.BUKAN]
    assert summ["kesiapan"].iloc[2] == sc.SIAP_SEGERA          # missing birth date: unknown, not a fail


def test_two_years_in_post_exactly_passes(srules):
    summ, checks = run(srules, [person(tmt_jabatan=date(2024, 1, 15)), person(tmt_jabatan=date(2024, 1, 16)),
                                person(tmt_jabatan=None)])
    assert [result(checks, "lama_jabatan", i) for i in range(3)] == [sc.MEETS, sc.FAILS, sc.UNKNOWN]
    assert summ["kesiapan"].tolist() == [sc.SIAP_SEKARANG, sc.SIAP_SEGERA, sc.SIAP_SEGERA]


def test_prior_post_level(srules):
    _, checks = run(srules, [person(jenjang_jabatan="JF Ahli Madya"), person(jenjang_jabatan="JPT Pratama"),
                             person(jenjang_jabatan="Pengawas"), person(jenjang_jabatan=None)])
    assert [result(checks, "jabatan_sebelumnya", i) for i in range(4)] == [sc.MEETS, sc.MEETS, sc.FAILS, sc.UNKNOWN]
    assert result(checks, "lama_jabatan", 2) == sc.FAILS        # a lower level never counts its years


def test_experience_five_years_exactly_passes(srules):
    _, checks = run(srules, [person(tmt_cpns=date(2021, 1, 15)), person(tmt_cpns=date(2021, 1, 16)),
                             person(tmt_cpns=None)])
    assert [result(checks, "pengalaman", i) for i in range(3)] == [sc.MEETS, sc.FAILS, sc.UNKNOWN]


def test_education_minimum_from_education_level(srules):
    summ, checks = run(srules, [person(pendidikan_tingkat="S1"), person(pendidikan_tingkat="D3"),
                                person(pendidikan_tingkat=None), person(pendidikan_tingkat="S3")])
    assert [result(checks, "pendidikan", i) for i in range(4)] == [sc.MEETS, sc.FAILS, sc.UNKNOWN, sc.MEETS]
    assert summ["kesiapan"].iloc[1] == sc.POTENSI


def test_predikat_last_two_periods_needs_both(srules):
    def hist(nips):
        rows = [{"nip": nips[0], "period": 2024, "predikat": "Baik"}, {"nip": nips[0], "period": 2025, "predikat": "Sangat Baik"},
                {"nip": nips[1], "period": 2024, "predikat": "Butuh Perbaikan"}, {"nip": nips[1], "period": 2025, "predikat": "Baik"},
                {"nip": nips[2], "period": 2025, "predikat": "Baik"},
                {"nip": nips[3], "period": 2023, "predikat": "Baik"}, {"nip": nips[3], "period": 2025, "predikat": "Baik"},
                {"nip": nips[4], "period": 2024, "hasil_kerja": "sesuai", "perilaku": "sesuai"},
                {"nip": nips[4], "period": 2025, "nilai_legacy": 95.0}]
        return pd.DataFrame(rows)
    summ, checks = run(srules, [person()] * 5, history=hist)
    assert [result(checks, "predikat", i) for i in range(5)] == [sc.MEETS, sc.FAILS, sc.UNKNOWN, sc.UNKNOWN, sc.MEETS]
    assert summ["kesiapan"].iloc[1] == sc.SIAP_SEGERA        # a rating can be earned within the horizon


def test_active_discipline_fails_and_missing_is_unknown(srules):
    # candidates without their dated sanctions (no hukdis_riwayat): the frame's hukdis_aktif as read
    summ, checks = run(srules, [person(hukdis_aktif="ringan", hukdis_riwayat=None),
                                person(hukdis_aktif=None, hukdis_riwayat=None)])
    assert [result(checks, "hukdis", i) for i in range(2)] == [sc.FAILS, sc.UNKNOWN]
    assert summ["kesiapan"].tolist() == [sc.BUKAN, sc.SIAP_SEGERA]


def test_bup_exactly_one_year_away_passes(srules):
    # Administrator target: BUP 58 (rule_retirement), no age limit row; pension = 1st of the month after
    # BUP: born 1 Jan 1969 → 1 Feb 2027, exactly a year after 1 Feb 2026; born 31 Dec 1968 → 1 Jan 2027
    adm = {**JPT, "jenjang_jabatan": "Administrator"}
    summ, checks = run(srules, [person(tanggal_lahir=date(1969, 1, 1), jenjang_jabatan="Pengawas"),
                                person(tanggal_lahir=date(1968, 12, 31), jenjang_jabatan="Pengawas")], target=adm,
                       on=date(2026, 2, 1))
    assert [result(checks, "bup", i) for i in range(2)] == [sc.MEETS, sc.FAILS]
    assert summ["kesiapan"].tolist() == [sc.SIAP_SEKARANG, sc.BUKAN]
    assert "usia" not in set(checks["aturan"])               # no usia_maksimal row for Administrator


def test_field_of_study_match_and_mismatch(srules):
    tech = {**JPT, "bidang_pendidikan": "Teknik Sipil; Arsitektur"}
    summ, checks = run(srules, [person(pendidikan_bidang="arsitektur"), person(pendidikan_bidang="Hukum"),
                                person(pendidikan_bidang=None)], target=tech)
    assert [result(checks, "bidang", i) for i in range(3)] == [sc.MEETS, sc.FAILS, sc.UNKNOWN]
    assert summ["kesiapan"].tolist() == [sc.SIAP_SEKARANG, sc.BUKAN, sc.SIAP_SEGERA]
    _, anyfield = run(srules, [person(pendidikan_bidang=None)])
    assert result(anyfield, "bidang") == sc.MEETS               # no field required by the post


def test_box_rule_per_target_level_and_pool(srules):
    summ, checks = run(srules, [person(kotak=9), person(kotak=8), person(kotak=5), person(kotak=np.nan)])
    assert [result(checks, "kotak", i) for i in range(4)] == [sc.MEETS, sc.FAILS, sc.FAILS, sc.UNKNOWN]
    assert summ["kesiapan"].tolist() == [sc.SIAP_SEKARANG, sc.POTENSI, sc.BUKAN, sc.BUKAN]
    adm = {**JPT, "jenjang_jabatan": "Administrator"}
    _, checks = run(srules, [person(kotak=7, jenjang_jabatan="Pengawas")], target=adm)
    assert result(checks, "kotak") == sc.MEETS


def test_golongan_only_when_a_rule_row_exists(srules):
    _, checks = run(srules, [person()])
    assert "golongan" not in set(checks["aturan"])
    extra = pd.concat([srules.eligibility, pd.DataFrame([{"jenjang_target": "JPT Pratama", "parameter": "golongan_minimal",
                                                          "nilai": "IV/a", "sumber": "uji"}])], ignore_index=True)
    with_gol = sc.SuccessionRules(**{**srules.__dict__, "eligibility": extra})
    _, checks = run(with_gol, [person(golongan="IV/a"), person(golongan="III/d"), person(golongan="IX")])
    assert [result(checks, "golongan", i) for i in range(3)] == [sc.MEETS, sc.FAILS, sc.UNKNOWN]


def test_thresholds_come_from_the_rule_frames(srules):
    e = srules.eligibility.copy()
    e.loc[(e["jenjang_target"] == "JPT Pratama") & (e["parameter"] == "usia_maksimal"), "nilai"] = "50"
    _, checks = run(sc.SuccessionRules(**{**srules.__dict__, "eligibility": e}), [person()])
    assert result(checks, "usia") == sc.FAILS                   # born 1975: 50 on 1 June 2025


def test_jpm_bands_drive_the_competency_check(srules):
    low = {k: 3.0 for k in person() if k.startswith("k_")}       # 75% of level 4: second band
    lower = {k: 2.0 for k in person() if k.startswith("k_")}     # 50%: lowest band
    summ, checks = run(srules, [person(**low), person(**lower)])
    assert [result(checks, "kompetensi", i) for i in range(2)] == [sc.FAILS, sc.FAILS]
    assert summ["kesiapan"].tolist() == [sc.SIAP_SEGERA, sc.POTENSI]


def test_shortlist_order_and_reasons(srules):
    summ, _ = run(srules, [person(kotak=8), person(potensial_nilai=60.0), person(), person(kotak=3)])
    ranked = sc.shortlist(summ)
    assert ranked["nip"].tolist() == [f"{i:018d}" for i in (2, 1, 0)]
    assert ranked["kesiapan"].tolist() == [sc.SIAP_SEKARANG, sc.SIAP_SEKARANG, sc.POTENSI]
    assert "kotak" in ranked["alasan"].iloc[2].lower()


def test_retirements_list_the_posts_they_empty(srules):
    people = pd.DataFrame([{"nip": "A", "nama": "A", "jabatan": "x", "jenjang_jabatan": "JPT Pratama",
                            "tanggal_lahir": date(1966, 6, 1)},
                           {"nip": "B", "nama": "B", "jabatan": "y", "jenjang_jabatan": "Pelaksana",
                            "tanggal_lahir": date(1990, 6, 1)}])
    posts = pd.DataFrame([{"post_id": "P1", "jabatan": "Kepala", "pemangku_nip": "A"}])
    out = retirement.retirements(people, posts, srules.retirement, ON, 1)
    assert out[["nip", "post_id", "usia_bup"]].values.tolist() == [["A", "P1", 60]]
    assert out["tanggal_pensiun"].iloc[0] == date(2026, 7, 1)   # BUP on 1 June: pension from 1 July


def test_retirements_at_the_edges_of_the_window(srules):
    """Born 29 Feb: BUP falls on 28 Feb of a common year, the pension on 1 March, the last day of the
    window (it counts); born 1 March: pension 1 April, after the window; a young ASN is never listed (the
    pre-filter must not drop edge cases)."""
    bup = dict(zip(srules.retirement["jenjang_jabatan"], srules.retirement["usia_bup"]))
    level = min(bup, key=bup.get)   # the lowest BUP: the pre-filter's bound
    age = int(bup[level])
    y = next(y for y in range(1956, 1990) if y % 4 == 0 and (y + age) % 4)  # leap birth year, common BUP year
    people = pd.DataFrame({"nip": ["E1", "E2", "Y"], "nama": "x", "jabatan": "x", "jenjang_jabatan": level,
                           "tanggal_lahir": [date(y, 2, 29), date(y, 3, 1), date(1995, 1, 1)]})
    on = date(y + age - 2, 3, 1)                     # a 2-year window ending 1 March of the BUP year
    out = retirement.retirements(people, pd.DataFrame(columns=["post_id", "jabatan", "pemangku_nip"]), srules.retirement,
                         on, 2)
    assert out["nip"].tolist() == ["E1"]
    assert out["tanggal_pensiun"].iloc[0] == date(y + age, 3, 1)


# -- the demo data's five vacant JPT Pratama posts -------------------------------------------------
def test_demo_vacant_posts_each_get_a_ranked_shortlist_with_reasons(demo_db):
    from analytics.calibration import apply_calibration
    from analytics.engine import place
    from data.store import open_store

    s = open_store(demo_db, read_only=True)
    try:
        rs = s.rules(2025)
        pop = s.population(2025)
        placed = apply_calibration(place(pop, rs), s.calibrations(2025), rs.boxes)
        placed["usia"] = 0
        cand = sc.candidate_frame(pop, placed)
        cand[sanctions.HISTORY_COLUMN] = sanctions.as_column(s.sanctions(2025), cand["nip"])
        hist = s.predikat_history(2025, 2)
        sr = sc.SuccessionRules(
            eligibility=s.table("rule_eligibility"), retirement=s.table("rule_retirement"),
            job_level=s.table("job_level"), education=s.table("education_level"), predikat=rs.predikat,
            boxes=rs.boxes, skj=rs.skj, skj_codes=rs.skj_codes(), jpm_bands=rs.jpm_bands,
            predikat_pair=rs.predikat_pair, legacy_score=rs.legacy_score, discipline=s.table("rule_discipline"),
            field_words=s.table("rule_bidang"))
        spans = career.spans(s.position_history(2025), cand, career.FieldWords(s.table("rule_bidang")))
        vacant = s.target_posts()
        vacant = vacant[vacant["lowong"]]
    finally:
        s.close()
    assert len(vacant) == 5
    for post in vacant.to_dict("records"):
        summ, checks = sc.evaluate(sc.pool_only(cand, sr), post, sr, date(2026, 1, 2), 2025, hist, career=spans)
        ranked = sc.shortlist(summ)
        assert len(ranked) >= 3, post["jabatan"]
        assert (ranked["kesiapan"] == sc.SIAP_SEKARANG).sum() >= 1, post["jabatan"]
        assert ranked["alasan"].str.len().gt(0).all()
        top = ranked.iloc[0]
        assert set(checks.loc[checks["nip"] == top["nip"], "hasil"]) == {sc.MEETS}
        # the page's path: reasons and checks for the head only, the same ranking and the same texts
        fast, head_checks = sc.ranked_with_reasons(sc.pool_only(cand, sr), post, sr, date(2026, 1, 2), 2025, hist,
                                                   limit=3, career=spans)
        pd.testing.assert_frame_equal(fast.drop(columns=["alasan", "alasan_urutan"]), ranked.drop(columns="alasan"))
        assert fast["alasan"].head(3).tolist() == ranked["alasan"].head(3).tolist()
        assert (fast["alasan"].iloc[3:] == "").all()
        assert set(head_checks["nip"]) == set(ranked["nip"].head(3))
