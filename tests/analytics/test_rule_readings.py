"""The readings of the rules where the texts allow two: the current reading is a rule row the checks read
(56 years and a day; the "Masih Memenuhi Syarat" band), and the Suksesi page lists every reading."""
from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from analytics import sanctions
from analytics import succession as sc
from common.i18n import catalog

JPT = {"post_id": "T1", "jabatan": "Kepala Dinas Uji", "jenjang_jabatan": "JPT Pratama", "bidang_pendidikan": None,
       "pemangku_nip": None}


@pytest.fixture(scope="module")
def srules(rules_store, rules):
    return sc.SuccessionRules(
        eligibility=rules_store.table("rule_eligibility"), retirement=rules_store.table("rule_retirement"),
        job_level=rules_store.table("job_level"), education=rules_store.table("education_level"),
        predikat=rules.predikat, boxes=rules.boxes, skj=rules.skj, skj_codes=rules.skj_codes(),
        jpm_bands=rules.jpm_bands, predikat_pair=rules.predikat_pair, legacy_score=rules.legacy_score,
        discipline=rules_store.table("rule_discipline"))


def with_row(srules, parameter: str, nilai: str) -> sc.SuccessionRules:
    e = srules.eligibility.copy()
    e.loc[(e["jenjang_target"] == "*") & (e["parameter"] == parameter), "nilai"] = nilai
    return sc.SuccessionRules(**{**srules.__dict__, "eligibility": e})


def candidate(**over) -> dict:
    base = {"nip": "A", "jenjang_jabatan": "Administrator", "golongan": "IV/a", "tmt_jabatan": date(2020, 1, 1),
            "tmt_cpns": date(2005, 1, 1), "pendidikan_tingkat": "S2", "pendidikan_bidang": "Manajemen",
            "tanggal_lahir": date(1970, 3, 1), "hukdis_aktif": "tidak ada", "kotak": 9, "kinerja_nilai": 90.0,
            "potensial_nilai": 80.0, sanctions.HISTORY_COLUMN: ()}
    base.update({k: 4.0 for k in ("k_integritas", "k_kerja_sama", "k_komunikasi", "k_orientasi_hasil",
                                  "k_pelayanan_publik", "k_pengembangan_diri", "k_mengelola_perubahan",
                                  "k_pengambilan_keputusan", "k_perekat_bangsa")})
    base.update(over)
    return base


def check(rules, aturan, on=date(2026, 3, 2), **over):
    c = pd.DataFrame([candidate(**over)])
    hist = pd.DataFrame([{"nip": "A", "period": p, "predikat": "Baik"} for p in (2024, 2025)])
    _, checks = sc.evaluate(c, JPT, rules, on, 2025, hist)
    return checks.set_index("aturan").loc[aturan, "hasil"]


def test_the_shipped_rows_keep_the_current_readings(srules):
    p = srules.params("JPT Pratama")
    assert p["usia_maksimal_cara"][0] == "tepat" and p["jpm_pita_kedua"][0] == "siap_1_2_tahun"
    # born 1 March 1970: 56 on 1 March 2026; on 2 March 2026 "56 years and a day" fails
    assert check(srules, "usia", date(2026, 3, 1)) == sc.MEETS
    assert check(srules, "usia", date(2026, 3, 2)) == sc.FAILS
    assert check(srules, "kompetensi", **{k: 3.0 for k in candidate() if k.startswith("k_")}) == sc.FAILS


def test_the_other_readings_are_one_row_away(srules):
    genap = with_row(srules, "usia_maksimal_cara", "genap")
    assert check(genap, "usia", date(2027, 2, 28)) == sc.MEETS     # still 56 until the day before 57
    assert check(genap, "usia", date(2027, 3, 1)) == sc.FAILS
    band = with_row(srules, "jpm_pita_kedua", "memenuhi")
    levels = {k: 3.0 for k in candidate() if k.startswith("k_")}  # 75 %: the second band
    assert check(band, "kompetensi", **levels) == sc.MEETS


def test_the_page_lists_every_reading_in_both_languages(srules, rules_store):
    from ui.succession import readings

    rows = rules_store.table("rule_reading")
    for lang in ("id", "en"):
        keys = {k for k in catalog(lang) if k.startswith("suk.rule_")}
        assert {f"suk.rule_{k}" for k in rows["kode"]} <= keys, lang
        jpt = readings(srules, "JPT Pratama", rows, lang)
        adm = readings(srules, "Administrator", rows, lang)
        assert len(jpt) == len(rows)                                 # every reading for JPT Pratama
        assert len(adm) == len(rows) - 2                             # no age limit, no look-back row
        assert all("{" not in line and "rule_" not in line for line in jpt)
    text = " ".join(readings(srules, "JPT Pratama", rows, "id"))
    assert "1 Juni 2026" in text and "12 bulan" in text and "3 tahun terakhir" in text and "Cukup" in text
