"""Akuisisi: target posts falling vacant within 1–5 years, successors against them per level and field,
the feeders to profile first and the CACT quota proposal (hand-made cases and the demo)."""
from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from analytics import cycle, needs
from analytics.career import FieldWords
from analytics.readiness import POTENSI, SIAP_SEGERA, SIAP_SEKARANG
from data.store import open_store

ON = date(2026, 1, 1)
RETIREMENT = pd.DataFrame({"jenjang_jabatan": ["JPT Pratama", "Administrator"], "usia_bup": [60, 58]})
ELIGIBILITY = pd.DataFrame({
    "jenjang_target": ["JPT Pratama", "Administrator", "*"],
    "parameter": ["jabatan_sebelumnya", "jabatan_sebelumnya", "predikat_minimal"],
    "nilai": ["Administrator;JF Ahli Madya", "Pengawas;JF Ahli Muda", "Baik"], "sumber": "uji (R)"})


def posts() -> pd.DataFrame:
    # BUP 60: pension = first of the month after the 60th birthday
    return pd.DataFrame({
        "post_id": ["P1", "P2", "P3", "P4", "P5", "A1"],
        "jabatan": ["Kepala Dinas Kesehatan", "Kepala BKPSDM", "Kepala Dinas Sosial", "Kepala Bappeda",
                    "Kepala Dinas Pendidikan", "Kepala Bagian Hukum"],
        "jenjang_jabatan": ["JPT Pratama"] * 5 + ["Administrator"],
        "opd_id": ["DINKES", "BKPSDM", "DINSOS", "BAPPEDA", "DISDIK", "SETDA"],
        "lowong": [True, False, False, False, False, False], "kritikal": [True, True, False, False, False, True],
        "pemangku_nip": [None, "h2", "h3", "h4", "h5", "h6"],
        "bidang_tugas": ["kesehatan", "kepegawaian", "sosial", "perencanaan", "kesehatan", None]})


def holders() -> pd.DataFrame:
    return pd.DataFrame({"nip": ["h2", "h3", "h4", "h5", "h6"], "tanggal_lahir": pd.to_datetime(
        ["1966-12-10",     # 60 on 10 Dec 2026 → pension 1 Jan 2027 = ON + 1 year exactly → year 1
         "1967-01-10",     # → pension 1 Feb 2027 → year 2
         "1980-01-01",     # → 2040: beyond 5 years
         "1965-06-10",     # → pension 1 Jul 2025, already past → vacant now (year 0)
         "1972-06-01"])})  # Administrator, BUP 58 → pension 1 Jul 2030 → year 5


def test_vacancies_within_1_to_5_years_count_whole_years_to_the_pension_date():
    v = needs.vacancies(posts(), holders(), RETIREMENT, ON, years=5).set_index("post_id")
    assert v["tahun_ke"].to_dict() == {"P1": 0, "P5": 0, "P2": 1, "P3": 2, "A1": 5}
    assert v.loc["P2", "tanggal_lowong"] == pd.Timestamp("2027-01-01")
    assert pd.isna(v.loc["P1", "tanggal_lowong"]) and v.loc["P1", "lowong"]
    assert v.loc["P1", "bidang"] == "kesehatan" and pd.isna(v.loc["A1", "bidang"])
    assert set(needs.vacancies(posts(), holders(), RETIREMENT, ON, years=1)["post_id"]) == {"P1", "P5", "P2"}
    assert set(needs.vacancies(posts(), holders(), RETIREMENT, ON, years=4)["post_id"]) == {"P1", "P5", "P2", "P3"}
    # the field from the post's name when the agency's words are given and bidang_tugas is empty
    words = FieldWords(pd.DataFrame({"bidang": ["hukum"], "kata": ["hukum"], "urutan": [1]}))
    assert needs.vacancy_dates(posts(), holders(), RETIREMENT, words).set_index("post_id").loc["A1", "bidang"] == "hukum"


def test_needs_per_level_and_field_count_distinct_successors_and_the_gap():
    vacant = needs.vacancies(posts(), holders(), RETIREMENT, ON, years=5)
    ready = pd.DataFrame({
        "post_id": ["P1", "P5", "P1", "P5", "P2", "P3", "A1"],
        "nip": ["a", "a", "b", "b", "c", "d", "e"],
        "kesiapan": [SIAP_SEKARANG, SIAP_SEKARANG, SIAP_SEGERA, SIAP_SEKARANG, SIAP_SEGERA, POTENSI, SIAP_SEKARANG]})
    per_post = needs.post_needs(vacant, ready).set_index("post_id")
    assert per_post.loc["P1", ["siap_sekarang", "siap_segera", "tanpa_penerus"]].tolist() == [1, 1, False]
    assert bool(per_post.loc["P3", "tanpa_penerus"]) and not per_post.loc["A1", "tanpa_penerus"]
    table = needs.needs_by_group(vacant, ready).set_index(["jenjang_jabatan", "bidang"])
    # kesehatan: P1, P5 (both vacant now); a is ready now for both (counted once), b now for P5 and soon for
    # P1 (counted as now) → 2 people for 2 posts, no gap
    assert table.loc[("JPT Pratama", "kesehatan")].tolist() == [2, 2, 0, 2, 0, 0]
    assert table.loc[("JPT Pratama", "kepegawaian")].tolist() == [1, 0, 0, 0, 1, 0]
    assert table.loc[("JPT Pratama", "sosial")].tolist() == [1, 0, 1, 0, 0, 1]   # d is only Potensi
    assert table["kesenjangan"].sum() == 1


def feeder_people() -> pd.DataFrame:
    return pd.DataFrame({
        "nip": ["adm1", "adm2", "madya", "pgw", "muda", "staf", "madya2"],
        "jenjang_jabatan": ["Administrator", "Administrator", "JF Ahli Madya", "Pengawas", "JF Ahli Muda",
                            "Pelaksana", "JF Ahli Madya"],
        "opd_id": ["DINKES", "DINSOS", "DINSOS", "SETDA", "SETDA", "DINSOS", "DINKES"],
        "diprofil": [True, False, False, False, True, False, True],
        "asesmen_kedaluwarsa": [False, False, False, False, True, False, False]})


def test_feeders_to_profile_first_and_the_quota_proposal_on_a_hand_made_case():
    gap = ["P3"]                                                 # the Dinas Sosial post has no successor
    f = needs.feeders(feeder_people(), posts(), ELIGIBILITY, gap).set_index("nip")
    assert set(f.index) == {"adm1", "adm2", "madya", "pgw", "muda", "madya2"}     # staf feeds nothing
    assert f.loc["adm1", "jenjang_target"] == "JPT Pratama" and f.loc["pgw", "jenjang_target"] == "Administrator"
    assert f["untuk_kesenjangan"].to_dict() == {"adm1": True, "adm2": True, "madya": True, "pgw": False,
                                                "muda": False, "madya2": True}
    assert f.loc[["adm2", "madya", "adm1"], "opd_kesenjangan"].tolist() == [True, True, False]
    job_level = pd.DataFrame({"jenjang_jabatan": ["Administrator", "JF Ahli Madya"], "urutan": [70, 75]})
    first = needs.profile_first(f.reset_index(), job_level)
    assert first["nip"].tolist() == ["madya", "adm2"]            # both in the gap's OPD; the higher level first
    table = needs.quota_proposal(f.reset_index(), 1152).set_index("jenjang_jabatan")
    assert table.loc["Administrator", ["pengumpan", "sudah_diprofil", "belum_diprofil", "usulan"]].tolist() == \
        [2, 1, 1, 1]
    assert table.loc["JF Ahli Muda", ["belum_diprofil", "kedaluwarsa", "usulan"]].tolist() == [0, 1, 1]
    total = table.loc[needs.TOTAL]
    assert total[["pengumpan", "sudah_diprofil", "belum_diprofil", "kedaluwarsa", "usulan"]].tolist() == \
        [6, 3, 3, 1, 4]
    assert (total["kuota_sekarang"], total["selisih"]) == (1152, 4 - 1152)
    assert table.drop(index=needs.TOTAL)["kuota_sekarang"].isna().all()
    # every unprofiled feeder profiled (and the expiring one again): nothing left to propose
    done = f.reset_index().assign(diprofil=True, asesmen_kedaluwarsa=False)
    assert needs.quota_proposal(done, None).set_index("jenjang_jabatan").loc[needs.TOTAL, "usulan"] == 0


def test_the_feeder_levels_come_from_the_rule_rows():
    assert needs.feeder_levels(ELIGIBILITY, "JPT Pratama") == ["Administrator", "JF Ahli Madya"]
    changed = ELIGIBILITY.assign(nilai=ELIGIBILITY["nilai"].where(
        ELIGIBILITY["jenjang_target"] != "JPT Pratama", "Administrator"))
    f = needs.feeders(feeder_people(), posts(), changed)
    assert "madya" not in set(f["nip"])


@pytest.fixture(scope="module")
def demo(demo_db):
    from tests.conftest import placed_people
    s = open_store(demo_db, read_only=True)
    try:
        return {"placed": placed_people(s, 2025), "posts": cycle.posts_as_of(s.target_posts(), s.appointments(), ON),
                "retirement": s.table("rule_retirement"), "eligibility": s.table("rule_eligibility"),
                "quota": float(s.setting("kuota_cact")), "words": FieldWords(s.table("rule_bidang"))}
    finally:
        s.close()


def test_the_demo_needs_and_quota_show_something_real(demo):
    d = demo
    vacant = needs.vacancies(d["posts"], d["placed"], d["retirement"], ON, years=5, words=d["words"])
    assert (vacant["tahun_ke"] == 0).sum() == 5                  # the five vacant JPT posts of the launch
    assert vacant["tahun_ke"].between(1, 5).any() and vacant["bidang"].notna().all()
    people = d["placed"].assign(diprofil=d["placed"]["status"] != "belum diprofil")
    f = needs.feeders(people, d["posts"], d["eligibility"], vacant["post_id"])
    table = needs.quota_proposal(f, d["quota"]).set_index("jenjang_jabatan")
    total = table.loc[needs.TOTAL]
    assert total["usulan"] == (~f["diprofil"]).sum() > 0
    assert total["pengumpan"] == total["sudah_diprofil"] + total["belum_diprofil"]
    assert total["kuota_sekarang"] == 1152
