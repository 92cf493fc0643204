"""Sanctions dated on a day: in force from start to end, a ringan sanction without an end date dated by
rule_discipline, the look-back check per target level, and the 9-box integrity on the period's end."""
from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from analytics import sanctions
from analytics import succession as sc
from analytics.potential import potential_components
from data.store import open_store

RULE = pd.DataFrame({"tingkat": ["ringan", "sedang", "berat"], "lama_bulan": [12, None, None]})
JPT = {"post_id": "T1", "jabatan": "Kepala Dinas Uji", "jenjang_jabatan": "JPT Pratama", "bidang_pendidikan": None,
       "pemangku_nip": None}


def frame(*rows) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["nip", "tingkat", "tanggal_mulai", "tanggal_selesai"])


def state(rows: pd.DataFrame, on: date, rule=RULE) -> str:
    return sanctions.state_on(rows, ["A"], on, rule).iloc[0]


# -- the state on a day ----------------------------------------------------------------------------
def test_in_force_from_its_first_to_its_last_day():
    s = frame(("A", "sedang", date(2026, 1, 10), date(2026, 7, 31)))
    assert state(s, date(2026, 1, 9)) == "tidak ada"          # the day before it starts
    assert state(s, date(2026, 1, 10)) == "sedang"            # active on the day it starts
    assert state(s, date(2026, 7, 31)) == "sedang"            # and on its last day
    assert state(s, date(2026, 8, 1)) == "tidak ada"          # ended the day before


def test_ringan_without_an_end_date_lasts_the_rule_months():
    s = frame(("A", "ringan", date(2025, 3, 1), None))
    assert state(s, date(2026, 2, 28)) == "ringan"            # 12 months: last day 28 Feb 2026
    assert state(s, date(2026, 3, 1)) == "tidak ada"
    # the rule is data: 0 months = no effect at all once dated (start + 0 months − 1 day)
    zero = RULE.assign(lama_bulan=[0, None, None])
    assert state(s, date(2025, 3, 1), zero) == "tidak ada"
    # without a rule row, a sanction without an end date stays in force
    assert state(s, date(2030, 1, 1), RULE.iloc[1:]) == "ringan"


def test_ringan_with_an_end_date_ends_then():
    s = frame(("A", "ringan", date(2025, 3, 1), date(2025, 3, 1)))
    assert state(s, date(2025, 3, 1)) == "ringan"
    assert state(s, date(2025, 3, 2)) == "tidak ada"


def test_sedang_or_berat_without_an_end_date_stay_in_force_and_the_heaviest_wins():
    s = frame(("A", "sedang", date(2020, 1, 1), None), ("A", "berat", date(2026, 1, 1), date(2026, 12, 31)),
              ("A", "ringan", date(2026, 2, 1), None))
    assert state(s, date(2025, 12, 31)) == "sedang"
    assert state(s, date(2026, 3, 1)) == "berat"
    assert state(s, date(2027, 1, 1)) == "sedang"


def test_look_back_at_n_years_exactly_and_a_day_inside():
    on = date(2026, 3, 1)
    exactly = frame(("A", "sedang", date(2023, 3, 1), date(2023, 9, 1)))
    inside = frame(("A", "berat", date(2023, 3, 2), date(2024, 3, 1)))
    light = frame(("A", "ringan", date(2025, 3, 2), None))
    assert pd.isna(sanctions.imposed_within(exactly, ["A"], on, 3, ["sedang", "berat"]).iloc[0])
    assert sanctions.imposed_within(inside, ["A"], on, 3, ["sedang", "berat"]).iloc[0] == pd.Timestamp(2023, 3, 2)
    assert pd.isna(sanctions.imposed_within(light, ["A"], on, 3, ["sedang", "berat"]).iloc[0])


# -- the succession checks -------------------------------------------------------------------------
@pytest.fixture(scope="module")
def srules(rules_store, rules):
    return sc.SuccessionRules(
        eligibility=rules_store.table("rule_eligibility"), retirement=rules_store.table("rule_retirement"),
        job_level=rules_store.table("job_level"), education=rules_store.table("education_level"),
        predikat=rules.predikat, boxes=rules.boxes, skj=rules.skj, skj_codes=rules.skj_codes(),
        jpm_bands=rules.jpm_bands, predikat_pair=rules.predikat_pair, legacy_score=rules.legacy_score,
        discipline=rules_store.table("rule_discipline"))


def candidate(nip: str, items: tuple) -> dict:
    """Meets every JPT Pratama rule in 2026 (see tests/analytics/test_succession.py), with ``items``
    as their sanctions."""
    base = {"nip": nip, "jenjang_jabatan": "Administrator", "golongan": "IV/a", "tmt_jabatan": date(2020, 1, 1),
            "tmt_cpns": date(2005, 1, 1), "pendidikan_tingkat": "S2", "pendidikan_bidang": "Manajemen",
            "tanggal_lahir": date(1975, 6, 1), "hukdis_aktif": "tidak ada", "kotak": 9, "kinerja_nilai": 90.0,
            "potensial_nilai": 80.0, sanctions.HISTORY_COLUMN: items}
    base.update({k: 4.0 for k in ("k_integritas", "k_kerja_sama", "k_komunikasi", "k_orientasi_hasil",
                                  "k_pelayanan_publik", "k_pengembangan_diri", "k_mengelola_perubahan",
                                  "k_pengambilan_keputusan", "k_perekat_bangsa")})
    return base


def run(srules, people, on):
    c = pd.DataFrame(people)
    hist = pd.DataFrame([{"nip": n, "period": p, "predikat": "Baik"} for n in c["nip"] for p in (2024, 2025)])
    summ, checks = sc.evaluate(c, JPT, srules, on, 2025, hist)
    res = checks.pivot(index="nip", columns="aturan", values="hasil")
    return summ.set_index("nip"), res, checks


def ts(y, m, d):
    return pd.Timestamp(y, m, d)


def test_the_sanction_is_read_on_the_appointment_date(srules):
    people = [candidate("A", (("sedang", ts(2026, 1, 1), ts(2026, 7, 31)),)),        # Jan–Jul 2026
              candidate("B", (("ringan", ts(2025, 6, 1), pd.NaT),)),                 # reprimand, no end date
              candidate("C", ())]
    summ, res, checks = run(srules, people, date(2026, 3, 2))
    assert res.loc["A", "hukdis"] == sc.FAILS and summ.loc["A", "kesiapan"] == sc.BUKAN
    assert res.loc["B", "hukdis"] == sc.FAILS                  # ringan, 12 months: until 31 May 2026
    assert res.loc["C", "hukdis"] == sc.MEETS and summ.loc["C", "kesiapan"] == sc.SIAP_SEKARANG
    why = checks[(checks["nip"] == "A") & (checks["aturan"] == "hukdis")]["alasan"].iloc[0]
    assert "02-03-2026" in why and "sedang" in why
    summ, res, _ = run(srules, people, date(2026, 8, 1))
    assert res.loc["A", "hukdis"] == sc.MEETS                  # ended the day before
    assert res.loc["B", "hukdis"] == sc.MEETS                  # the reprimand's year is over
    # ...but a sedang sanction of this year is inside the JPT look-back: its own check, a time gap
    assert res.loc["A", "hukdis_riwayat"] == sc.FAILS
    assert summ.loc["A", "kesiapan"] == sc.POTENSI             # closes in 2029: beyond the 2-year horizon
    assert res.loc["B", "hukdis_riwayat"] == sc.MEETS          # ringan does not count for the look-back


def test_look_back_check_at_its_boundary(srules):
    on = date(2026, 3, 2)
    people = [candidate("A", (("sedang", ts(2023, 3, 2), ts(2023, 9, 1)),)),          # exactly 3 years ago
              candidate("B", (("berat", ts(2023, 3, 3), ts(2024, 3, 2)),))]           # a day inside
    summ, res, checks = run(srules, people, on)
    assert res.loc["A", "hukdis_riwayat"] == sc.MEETS and summ.loc["A", "kesiapan"] == sc.SIAP_SEKARANG
    assert res.loc["B", "hukdis_riwayat"] == sc.FAILS and res.loc["B", "hukdis"] == sc.MEETS
    assert summ.loc["B", "kesiapan"] == sc.SIAP_SEGERA        # closes tomorrow: a time gap
    assert checks["syarat"][checks["aturan"] == "hukdis_riwayat"].iloc[0] != \
        checks["syarat"][checks["aturan"] == "hukdis"].iloc[0]  # its own label
    # levels without the rule row have no look-back check
    adm = {**JPT, "jenjang_jabatan": "Administrator"}
    c = pd.DataFrame([candidate("B", (("berat", ts(2023, 3, 3), ts(2024, 3, 2)),))]).assign(jenjang_jabatan="Pengawas")
    _, checks = sc.evaluate(c, adm, srules, on, 2025, None)
    assert "hukdis_riwayat" not in set(checks["aturan"])


# -- integrity on the period's end (the 9-box) -----------------------------------------------------
def test_integrity_reads_the_state_on_31_december_of_the_period(demo_copy):
    store = open_store(demo_copy)
    try:
        nips = store.population(2025, columns=["nip"])["nip"].head(5).tolist()
        rows = frame((nips[0], "ringan", date(2025, 3, 1), None),             # 12 months: in force on 31 Dec
                     (nips[1], "ringan", date(2024, 6, 1), None),             # over on 31 May 2025
                     (nips[2], "sedang", date(2025, 1, 1), date(2025, 12, 30)),  # ended the day before
                     (nips[3], "berat", date(2025, 6, 1), date(2025, 12, 31)),   # in force on its last day
                     (nips[4], "sedang", date(2025, 2, 1), None))             # no end date: in force
        with store._transaction() as cur:
            cur.execute("DELETE FROM discipline WHERE nip IN (SELECT unnest(?::VARCHAR[]))", [nips])
            for r in rows.itertuples(index=False):
                cur.execute("INSERT INTO discipline (nip, tingkat, tanggal_mulai, tanggal_selesai) VALUES (?, ?, ?, ?)",
                            [r.nip, r.tingkat, r.tanggal_mulai, r.tanggal_selesai])
        pop = store.population(2025, nips=nips).set_index("nip").loc[nips]
        rs = store.rules(2025)
        rule = store.table("rule_discipline")
    finally:
        store.close()
    expected = ["ringan", "tidak ada", "tidak ada", "berat", "sedang"]
    assert pop["hukdis_aktif"].tolist() == expected
    # the store's SQL and analytics/sanctions.py date them the same way
    assert sanctions.state_on(rows, nips, sanctions.period_end(2025), rule).tolist() == expected
    integ = dict(zip(rs.integrity["tingkat_hukdis"], rs.integrity["nilai"]))
    got = potential_components(pop.reset_index(), rs)["integritas"].tolist()
    assert got == [integ[x] for x in expected]
    assert got[1] == integ["tidak ada"]          # a 2024 reprimand no longer lowers the 2025 integrity
