"""Every predikat label the data can hold has a rank; legacy "Cukup" and "Buruk" (PP 46/2011) are known
and fail a "minimal Baik" rule instead of counting as unknown."""
from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from analytics import sanctions
from analytics import succession as sc
from analytics.performance import predikat_rank
from data.importing.normalise.categories import PREDIKAT_SYNONYMS

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


def test_every_accepted_label_has_a_rank(rules):
    rank = predikat_rank(rules.predikat, rules.legacy_score)
    labels = (set(rules.predikat["predikat"]) | set(PREDIKAT_SYNONYMS.values())
              | set(rules.legacy_score["sebutan"]) | set(rules.predikat_pair["predikat"]))
    assert labels <= set(rank), labels - set(rank)
    assert rank["Cukup"] < rank["Baik"] and rank["Buruk"] < rank["Baik"]
    assert rank["Sangat Baik"] > rank["Baik"]
    assert rank["Buruk"] < rank["Cukup"]


def candidate(nip: str) -> dict:
    base = {"nip": nip, "jenjang_jabatan": "Administrator", "golongan": "IV/a", "tmt_jabatan": date(2020, 1, 1),
            "tmt_cpns": date(2005, 1, 1), "pendidikan_tingkat": "S2", "pendidikan_bidang": "Manajemen",
            "tanggal_lahir": date(1975, 6, 1), "hukdis_aktif": "tidak ada", "kotak": 9, "kinerja_nilai": 90.0,
            "potensial_nilai": 80.0, sanctions.HISTORY_COLUMN: ()}
    base.update({k: 4.0 for k in ("k_integritas", "k_kerja_sama", "k_komunikasi", "k_orientasi_hasil",
                                  "k_pelayanan_publik", "k_pengembangan_diri", "k_mengelola_perubahan",
                                  "k_pengambilan_keputusan", "k_perekat_bangsa")})
    return base


def test_cukup_and_buruk_fail_minimal_baik(srules):
    hist = pd.DataFrame([
        {"nip": "A", "period": 2024, "predikat": "Cukup"}, {"nip": "A", "period": 2025, "predikat": "Baik"},
        {"nip": "B", "period": 2024, "predikat": "Baik"}, {"nip": "B", "period": 2025, "predikat": "Buruk"},
        # typed as a legacy score (PP 46/2011): 70 → Cukup, 45 → Buruk
        {"nip": "C", "period": 2024, "nilai_legacy": 70.0}, {"nip": "C", "period": 2025, "predikat": "Baik"},
        {"nip": "D", "period": 2024, "nilai_legacy": 45.0},
        {"nip": "E", "period": 2024, "nilai_legacy": 80.0}, {"nip": "E", "period": 2025, "predikat": "Baik"},
    ])
    c = pd.DataFrame([candidate(n) for n in "ABCDE"])
    summ, checks = sc.evaluate(c, JPT, srules, date(2026, 3, 2), 2025, hist)
    res = checks[checks["aturan"] == "predikat"].set_index("nip")["hasil"]
    assert res.to_dict() == {"A": sc.FAILS, "B": sc.FAILS, "C": sc.FAILS, "D": sc.FAILS, "E": sc.MEETS}
    # D has no 2025 record, but a known 2024 "Buruk" already fails (not unknown)
    why = checks[(checks["aturan"] == "predikat") & (checks["nip"] == "A")]["alasan"].iloc[0]
    assert "Cukup" in why
    assert summ.set_index("nip").loc["A", "kesiapan"] == sc.SIAP_SEGERA   # earnable within the horizon
