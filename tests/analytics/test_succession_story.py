"""The per-post story of the succession slides (analytics.succession_story): posts at risk first, and what
sets each candidate apart (JPM against the standard, whole years to BUP at the post's level, field)."""
from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd

from analytics import succession_story as story

BANDS = pd.DataFrame({"skema": ["pemetaan", "seleksi", "seleksi", "seleksi"],
                      "label": ["Optimal", "Memenuhi Syarat", "Masih Memenuhi Syarat", "Kurang"],
                      "batas_bawah": [90.0, 80.0, 68.0, 0.0]})
RETIREMENT = pd.DataFrame({"jenjang_jabatan": ["JPT Pratama", "Administrator"], "usia_bup": [60, 58]})


def _bench(rows: list[tuple]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["post_id", "jabatan", "lowong", "siap_sekarang", "siap_1_2_tahun",
                                       "potensi_masa_depan", "tanpa_penerus"])


def test_posts_at_risk_come_first_then_those_waiting_then_the_ready():
    bench = _bench([
        (1, "Ready many", True, 4, 1, 9, False), (2, "Ready one", True, 1, 0, 3, False),
        (3, "At risk", True, 0, 0, 7, True), (4, "Filled", False, 0, 0, 0, True),
        (5, "Waiting", True, 0, 2, 5, False), (6, "At risk too", True, 0, 0, 0, True)])
    out = story.post_order(bench)
    assert out["jabatan"].tolist() == ["At risk", "At risk too", "Waiting", "Ready one", "Ready many"]
    assert out["keadaan"].tolist() == [story.AT_RISK, story.AT_RISK, story.NOT_NOW, story.READY, story.READY]


def test_the_jpm_standard_is_the_top_selection_band():
    assert story.jpm_standard(BANDS) == 80.0
    assert story.jpm_standard(BANDS[BANDS["skema"] == "pemetaan"]) is None


def test_years_to_bup_are_whole_years_at_the_posts_level():
    birth = pd.Series(["1970-06-01", "1980-01-01", None, "1965-12-31"])
    years = story.years_to_bup(birth, story.bup_age(RETIREMENT, "JPT Pratama"), date(2026, 1, 1))
    # 60 on 2030-06-01: 4 years and 5 months → 4; 2040-01-01: exactly 14; unknown; 2025-12-31: already past
    assert years.tolist()[:2] == [4.0, 14.0] and np.isnan(years.iloc[2]) and years.iloc[3] < 0
    assert story.bup_age(RETIREMENT, "JF Ahli Utama") is None
    assert story.years_to_bup(birth, None, date(2026, 1, 1)).isna().all()


def test_field_fits_only_when_the_post_asks_for_fields():
    fields = pd.Series(["Teknik Sipil", "hukum ", None, ""])
    assert story.field_fits(fields, "Hukum; Ilmu Pemerintahan").tolist() == [False, True, None, None]
    assert story.field_fits(fields, None).tolist() == [None] * 4
    assert story.field_fits(fields, " ; ").tolist() == [None] * 4


def test_candidate_facts_keep_the_shortlists_order_and_mark_the_standard():
    head = pd.DataFrame({"peringkat": [1, 2, 3], "nip": ["B", "A", "C"],
                         "kesiapan": ["Siap Sekarang", "Siap 1–2 Tahun", "Potensi Masa Depan"],
                         "kotak": [9, 8, 7], "jpm_target": [85.0, 72.5, np.nan]})
    people = pd.DataFrame({"nip": ["A", "B", "C", "D"],
                           "tanggal_lahir": ["1980-01-01", "1970-06-01", None, "1990-01-01"],
                           "pendidikan_bidang": ["Hukum", "Teknik Sipil", None, "Hukum"]})
    post = {"jenjang_jabatan": "JPT Pratama", "bidang_pendidikan": "Hukum"}
    out = story.candidate_facts(head, people, post, RETIREMENT, BANDS, date(2026, 1, 1))
    assert out["nip"].tolist() == ["B", "A", "C"] and out["peringkat"].tolist() == [1, 2, 3]
    assert out["jpm_standar"].tolist() == [80.0] * 3
    assert out["jpm_memenuhi"].tolist() == [True, False, None]
    assert out["tahun_ke_bup"].tolist()[:2] == [4.0, 14.0] and np.isnan(out["tahun_ke_bup"].iloc[2])
    assert out["bidang"].tolist()[:2] == ["Teknik Sipil", "Hukum"] and pd.isna(out["bidang"].iloc[2])
    assert out["bidang_sesuai"].tolist() == [False, True, None]


def test_standouts_name_the_one_candidate_ahead_and_nobody_on_a_tie():
    facts = pd.DataFrame({"peringkat": [1, 2, 3], "jpm_target": [92.0, 85.0, np.nan],
                          "tahun_ke_bup": [4.0, 11.0, 11.0], "bidang_sesuai": [False, True, None]})
    # the highest JPM is #1; #2 and #3 tie on years to BUP: nobody; only #2's field fits
    assert story.standouts(facts) == [("jpm", 1, 92.0), ("bidang", 2, None)]
    assert story.standouts(facts.head(1)) == []
    none_asked = facts.assign(bidang_sesuai=[None, None, None], tahun_ke_bup=[4.0, 11.0, 3.0])
    assert story.standouts(none_asked) == [("jpm", 1, 92.0), ("bup", 2, 11.0)]
