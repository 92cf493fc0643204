"""Feeder time rules (Administrator and Pengawas targets, JPT field experience) at their boundaries,
counted across the position history; the shortlist's order by fit to the post and its one-line
reason; on the demo data, the five vacant posts' shortlists differ and explain themselves."""
from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from analytics import career
from analytics import succession as sc

ON = date(2026, 1, 15)


@pytest.fixture(scope="module")
def srules(rules_store, rules):
    return sc.SuccessionRules(
        eligibility=rules_store.table("rule_eligibility"), retirement=rules_store.table("rule_retirement"),
        job_level=rules_store.table("job_level"), education=rules_store.table("education_level"),
        predikat=rules.predikat, boxes=rules.boxes, skj=rules.skj, skj_codes=rules.skj_codes(),
        jpm_bands=rules.jpm_bands, predikat_pair=rules.predikat_pair, legacy_score=rules.legacy_score,
        field_words=rules_store.table("rule_bidang"))


def person(nip: str = "199001012015011001", **over) -> dict:
    base = {"nip": nip, "jabatan": "Kepala Seksi Kedaruratan", "jenjang_jabatan": "Pengawas", "golongan": "III/d",
            "tmt_jabatan": date(2020, 1, 1), "tmt_cpns": date(2005, 1, 1), "pendidikan_tingkat": "S1",
            "pendidikan_bidang": "Manajemen", "tanggal_lahir": date(1980, 6, 1), "hukdis_aktif": "tidak ada",
            "hukdis_riwayat": (), "kotak": 9, "kinerja_nilai": 90.0, "potensial_nilai": 80.0,
            "opd_nama": "Badan Penanggulangan Bencana Daerah", "unit_kerja": "Bidang Kedaruratan dan Logistik"}
    base.update({k: 4.0 for k in ("k_integritas", "k_kerja_sama", "k_komunikasi", "k_orientasi_hasil",
                                  "k_pelayanan_publik", "k_pengembangan_diri", "k_mengelola_perubahan",
                                  "k_pengambilan_keputusan", "k_perekat_bangsa")})
    base.update(over)
    return base


def history_of(srules, people: list[dict], rows: list[tuple]) -> pd.DataFrame:
    """Career spans from (nip, jabatan, jenjang, tmt, opd) rows."""
    h = pd.DataFrame(rows, columns=["nip", "jabatan", "jenjang_jabatan", "tmt_jabatan", "opd_nama"])
    h["tmt_jabatan"] = pd.to_datetime(h["tmt_jabatan"])
    return career.spans(h, pd.DataFrame(people), career.FieldWords(srules.field_words))


def check(srules, people, target, on=ON, spans=None) -> tuple[pd.DataFrame, pd.DataFrame]:
    preds = pd.DataFrame([(p["nip"], y, "Baik") for p in people for y in (2024, 2025)],
                         columns=["nip", "period", "predikat"])
    return sc.evaluate(pd.DataFrame(people), target, srules, on, 2025, preds, career=spans)


def result(checks: pd.DataFrame, aturan: str, nip: str) -> pd.Series:
    return checks[(checks["aturan"] == aturan) & (checks["nip"] == nip)].iloc[0]


ADMIN = {"jenjang_jabatan": "Administrator", "jabatan": "Kepala Bidang Kedaruratan dan Logistik",
         "opd_nama": "Badan Penanggulangan Bencana Daerah"}
PENGAWAS = {"jenjang_jabatan": "Pengawas", "jabatan": "Kepala Seksi Logistik",
            "opd_nama": "Badan Penanggulangan Bencana Daerah"}


def test_pengawas_of_nine_months_is_not_ready_for_an_administrator_post(srules):
    summ, checks = check(srules, [person(tmt_jabatan=date(2025, 4, 15))], ADMIN)
    r = result(checks, "lama_jabatan", person()["nip"])
    assert r["hasil"] == sc.FAILS
    assert r["alasan"].startswith("0,8 tahun sebagai Pengawas / JF Ahli Muda / JF Ahli Madya atau lebih tinggi "
                                  "(dari jabatan sekarang saja); paling sedikit 3,0 tahun")
    assert "PP 11/2017" in r["sumber"] and "Pasal 54" in r["sumber"]
    assert summ["kesiapan"].iloc[0] == sc.POTENSI        # 2.2 years short: beyond "Siap 1–2 Tahun"


@pytest.mark.parametrize("target,level,years", [(ADMIN, "Pengawas", 3), (PENGAWAS, "Pelaksana", 4)])
def test_feeder_years_exact_pass_and_a_day_short_fails(srules, target, level, years):
    tmt = date(2021, 3, 1)
    on = date(2021 + years, 3, 1)
    people = [person(jenjang_jabatan=level, jabatan="Pengadministrasi Umum", tmt_jabatan=tmt)]
    summ, checks = check(srules, people, target, on=on)
    assert result(checks, "lama_jabatan", people[0]["nip"])["hasil"] == sc.MEETS
    assert summ["kesiapan"].iloc[0] == sc.SIAP_SEKARANG
    summ, checks = check(srules, people, target, on=on - pd.Timedelta(days=1))
    r = result(checks, "lama_jabatan", people[0]["nip"])
    assert r["hasil"] == sc.FAILS and r["kekurangan_tahun"] == pytest.approx(1 / 365.25)
    assert summ["kesiapan"].iloc[0] == sc.SIAP_SEGERA


def test_feeder_years_add_up_across_posts_of_equivalent_levels(srules):
    """1.5 years as JF Ahli Muda (the JF of the Pengawas level) then 1.5 years as Pengawas: 3 years."""
    p = person(tmt_jabatan=date(2023, 7, 15))
    spans = history_of(srules, [p], [(p["nip"], "Analis Kebencanaan Ahli Muda", "JF Ahli Muda", "2022-01-15", "BPBD"),
                                     (p["nip"], "Kepala Seksi Kedaruratan", "Pengawas", "2023-07-15", "BPBD")])
    for on, expected in ((date(2025, 1, 15), sc.MEETS), (date(2025, 1, 14), sc.FAILS)):
        _, checks = check(srules, [p], ADMIN, on=on, spans=spans)
        r = result(checks, "lama_jabatan", p["nip"])
        assert r["hasil"] == expected, on
        assert "(dari riwayat jabatan)" in r["alasan"]


def test_jpt_field_experience_exact_five_years_and_a_day_short(srules):
    """JPT Pratama: 5 years cumulative in the post's field (PP 11/2017 jo. PP 17/2020 Pasal 107)."""
    post = {"jenjang_jabatan": "JPT Pratama", "jabatan": "Kepala Badan Penanggulangan Bencana Daerah",
            "bidang_tugas": "kebencanaan;ketertiban"}
    p = person(jenjang_jabatan="Administrator", jabatan="Kepala Bidang Kedaruratan", tmt_jabatan=date(2023, 1, 1),
               pendidikan_tingkat="S2", golongan="IV/a")
    rows = [(p["nip"], "Kepala Bidang Anggaran", "Administrator", "2018-01-01", "BPKAD"),
            (p["nip"], "Kepala Seksi Ketenteraman dan Ketertiban Umum", "Pengawas", "2012-01-01", "Kecamatan Serang"),
            (p["nip"], "Kepala Subbagian Keuangan", "Pengawas", "2015-01-01", "BPKAD"),
            (p["nip"], "Kepala Bidang Kedaruratan", "Administrator", "2023-01-01", "BPBD")]
    spans = history_of(srules, [p], rows)
    # ketertiban 2012-01-01 … 2015-01-01 (3 years, 1,096 days) + kebencanaan from 2023-01-01 (731 days to
    # 2025-01-01): the 1,827 days of the 5 years before 2025-01-01; a day earlier they are a day short
    for on, expected in ((date(2025, 1, 1), sc.MEETS), (date(2024, 12, 31), sc.FAILS)):
        summ, checks = check(srules, [p], post, on=on, spans=spans)
        r = result(checks, "pengalaman_bidang", p["nip"])
        assert r["hasil"] == expected, on
        assert r["alasan"].startswith("5,0 tahun di bidang kebencanaan / ketertiban (dari riwayat jabatan)")
    assert summ["tahun_bidang"].iloc[0] == pytest.approx(5.0, abs=0.01)


def test_shortlist_puts_field_experience_before_talent_score_and_says_why(srules):
    post = {"jenjang_jabatan": "Administrator", "jabatan": "Kepala Bidang Perencanaan Pemerintahan",
            "opd_nama": "Badan Perencanaan Pembangunan Daerah", "bidang_tugas": "perencanaan"}
    planner = person("198001012005011001", jabatan="Kepala Subbidang Perencanaan Ekonomi", opd_nama="Bappeda",
                     unit_kerja="Bidang Perekonomian", tmt_jabatan=date(2018, 1, 1), kinerja_nilai=80.0)
    star = person("198001012005011002", kinerja_nilai=99.0, potensial_nilai=99.0, tmt_jabatan=date(2018, 1, 1))
    ranked, _ = sc.ranked_with_reasons(pd.DataFrame([planner, star]), post, srules, ON, 2025,
                                       pd.DataFrame([(n, y, "Baik") for n in (planner["nip"], star["nip"])
                                                     for y in (2024, 2025)], columns=["nip", "period", "predikat"]))
    assert ranked["kesiapan"].tolist() == [sc.SIAP_SEKARANG, sc.SIAP_SEKARANG]
    assert ranked["nip"].tolist() == [planner["nip"], star["nip"]]       # the higher score comes second
    assert ranked["alasan_urutan"].iloc[0] == ("Siap Sekarang · 8,0 th di bidang perencanaan · JPM 100% pada "
                                               "standar Administrator · skor talenta 80,0 · pensiun 2038 · dari "
                                               "jabatan sekarang saja")
    assert "belum pernah di bidang perencanaan" in ranked["alasan_urutan"].iloc[1]


def test_demo_vacant_posts_get_different_shortlists_each_with_a_readable_reason(demo_db):
    """The five vacant JPT Pratama posts of the demo: their top fives differ between at least four
    posts, and every candidate of a top five has one line that says why."""
    lists = _demo_shortlists(demo_db)
    assert len(lists) == 5
    tops = {post: tuple(head["nip"]) for post, head in lists.items()}
    assert all(len(top) == 5 for top in tops.values())
    assert len(set(tops.values())) >= 4, tops
    for post, head in lists.items():
        assert head["kesiapan"].iloc[0] == sc.SIAP_SEKARANG, post
        for line, ready in zip(head["alasan_urutan"], head["kesiapan"]):
            assert line.startswith(ready + " · "), line
            assert " th di bidang " in line or "belum pernah di bidang " in line, line
            assert "pada standar JPT Pratama" in line and " · pensiun 20" in line, line
            assert "nan" not in line and "None" not in line, line


def _demo_shortlists(demo_db) -> dict[str, pd.DataFrame]:
    from analytics import sanctions
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
        pool = sc.pool_only(cand, sr)
        spans = career.spans(s.position_history(2025, nips=pool["nip"].tolist()), pool,
                             career.FieldWords(s.table("rule_bidang")))
        posts = s.target_posts()
    finally:
        s.close()
    out = {}
    for post in posts[posts["lowong"]].to_dict("records"):
        ranked, _ = sc.ranked_with_reasons(pool, post, sr, date(2026, 1, 2), 2025, hist, limit=5, career=spans)
        out[post["jabatan"]] = ranked.head(5)
    return out
