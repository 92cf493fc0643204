"""The pension date is the first day of the month after the month BUP is reached, in every BUP figure:
the succession check (one year before BUP), its reason text and the retirement list."""
from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from analytics import retirement, sanctions
from analytics import succession as sc
from analytics.retirement import pension_date

ADM = {"post_id": "T2", "jabatan": "Kepala Bagian Uji", "jenjang_jabatan": "Administrator",
       "bidang_pendidikan": None, "pemangku_nip": None}


def one(birth, bup=58) -> date:
    out = pension_date(pd.Series([pd.Timestamp(birth) if birth else pd.NaT]), bup).iloc[0]
    return None if pd.isna(out) else out.date()


def test_first_of_the_month_after_bup():
    assert one(date(1968, 5, 1)) == date(2026, 6, 1)     # born on the 1st: BUP on 1 May, pension 1 June
    assert one(date(1968, 5, 2)) == date(2026, 6, 1)     # born on the 2nd: the same month's pension
    assert one(date(1968, 5, 31)) == date(2026, 6, 1)
    assert one(date(1968, 4, 30)) == date(2026, 5, 1)    # a day earlier: a month earlier
    assert one(date(1968, 12, 15)) == date(2027, 1, 1)   # across the year
    assert one(date(1968, 2, 29)) == date(2026, 3, 1)    # 29 Feb: BUP on 28 Feb of a common year
    assert one(None) is None


def test_one_bup_per_person():
    births = pd.Series(pd.to_datetime(["1968-05-02", "1966-05-02", None]))
    got = pension_date(births, pd.Series([58.0, 60.0, 58.0]))
    assert got.dt.date.tolist()[:2] == [date(2026, 6, 1), date(2026, 6, 1)] and pd.isna(got.iloc[2])


@pytest.fixture(scope="module")
def srules(rules_store, rules):
    return sc.SuccessionRules(
        eligibility=rules_store.table("rule_eligibility"), retirement=rules_store.table("rule_retirement"),
        job_level=rules_store.table("job_level"), education=rules_store.table("education_level"),
        predikat=rules.predikat, boxes=rules.boxes, skj=rules.skj, skj_codes=rules.skj_codes(),
        jpm_bands=rules.jpm_bands, predikat_pair=rules.predikat_pair, legacy_score=rules.legacy_score,
        discipline=rules_store.table("rule_discipline"))


def candidate(nip: str, birth: date) -> dict:
    base = {"nip": nip, "jenjang_jabatan": "Pengawas", "golongan": "III/d", "tmt_jabatan": date(2020, 1, 1),
            "tmt_cpns": date(1995, 1, 1), "pendidikan_tingkat": "S1", "pendidikan_bidang": "Manajemen",
            "tanggal_lahir": birth, "hukdis_aktif": "tidak ada", "kotak": 9, "kinerja_nilai": 90.0,
            "potensial_nilai": 80.0, sanctions.HISTORY_COLUMN: ()}
    base.update({k: 3.0 for k in ("k_integritas", "k_kerja_sama", "k_komunikasi", "k_orientasi_hasil",
                                  "k_pelayanan_publik", "k_pengembangan_diri", "k_mengelola_perubahan",
                                  "k_pengambilan_keputusan", "k_perekat_bangsa")})
    return base


def bup_checks(srules, births, on):
    c = pd.DataFrame([candidate(chr(65 + i), b) for i, b in enumerate(births)])
    _, checks = sc.evaluate(c, ADM, srules, on, 2025, None)
    return checks[checks["aturan"] == "bup"].set_index("nip")


def test_a_few_weeks_short_under_the_birthday_reading_is_now_included(srules):
    # Administrator: BUP 58. Born 10 Feb 1969: 58 on 10 Feb 2027, 19 days short of a year after
    # 1 Mar 2026, but the pension starts 1 Mar 2027: exactly a year away, so the check passes.
    got = bup_checks(srules, [date(1969, 2, 10), date(1969, 1, 31)], date(2026, 3, 1))
    assert got["hasil"].tolist() == [sc.MEETS, sc.FAILS]          # born in January: pension 1 Feb 2027
    assert "01-03-2027" in got.loc["A", "alasan"]                  # the reason names the pension date
    assert "01-02-2027" in got.loc["B", "alasan"]


def test_born_on_the_first_and_on_the_second_of_a_month(srules):
    # both reach 58 in March 2027 and retire on 1 April 2027; one year before that is 1 April 2026
    got = bup_checks(srules, [date(1969, 3, 1), date(1969, 3, 2)], date(2026, 4, 1))
    assert got["hasil"].tolist() == [sc.MEETS, sc.MEETS]
    got = bup_checks(srules, [date(1969, 3, 1), date(1969, 3, 2)], date(2026, 4, 2))
    assert got["hasil"].tolist() == [sc.FAILS, sc.FAILS]


def test_the_retirement_list_uses_the_pension_date(srules):
    people = pd.DataFrame({"nip": ["A", "B"], "nama": "x", "jabatan": "x", "jenjang_jabatan": "Administrator",
                           "tanggal_lahir": [date(1968, 5, 2), date(1968, 6, 1)]})
    posts = pd.DataFrame(columns=["post_id", "jabatan", "pemangku_nip"])
    out = retirement.retirements(people, posts, srules.retirement, date(2025, 6, 1), 1)  # to 1 June 2026
    assert out["nip"].tolist() == ["A"]
    assert out["tanggal_pensiun"].tolist() == [date(2026, 6, 1)]
    # someone whose BUP birthday has passed but whose pension has not started is still listed
    out = retirement.retirements(people, posts, srules.retirement, date(2026, 5, 20), 1)
    assert out["nip"].tolist() == ["A", "B"]
