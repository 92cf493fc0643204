"""The penetapan review: counts, guidelines with people over/under, groups nobody discussed, breaches."""
from __future__ import annotations

import json

import pandas as pd
import pytest

from analytics.penetapan import breach_sentence, guidelines, review

GUIDE = pd.DataFrame([
    (None, "9", "Kotak 9", 2.0, 10.0, "uji"),
    (None, "7;8;9", "Kelompok suksesi (7–9)", 10.0, 30.0, "uji"),
    (None, "5", "Kotak 5", 25.0, 50.0, "uji"),
    (None, "1;2;3", "Perlu perhatian (1–3)", 15.0, 30.0, "uji"),
], columns=["period", "kotak", "label", "persen_min", "persen_max", "sumber"])


@pytest.fixture
def meeting():
    """20 people: p0–p9 in OPD A (box 5), p10–p13 in B (box 9), p14–p15 in B (box 1), p16–p19 in C
    (box 6). The committee moved p0 5→9 and p1 5→8 and discussed only those two."""
    awal = [5] * 10 + [9] * 4 + [1] * 2 + [6] * 4
    opd = ["Dinas A"] * 10 + ["Badan B"] * 6 + ["Kecamatan C"] * 4
    placed = pd.DataFrame({"nip": [f"p{i}" for i in range(20)], "kotak_awal": awal, "opd_nama": opd})
    final = list(awal)
    final[0], final[1] = 9, 8
    placed["kotak"] = pd.array(final, dtype="Int8")
    placed.loc[20] = ["outside", None, "Dinas A", pd.NA]   # never placed: ignored
    calib = pd.DataFrame({"nip": ["p0", "p1", "someone-else"], "kotak_awal": [5, 5, 3], "kotak_baru": [9, 8, 4],
                          "alasan_kode": ["BUKTI_POTENSI", "BUKTI_KINERJA", "LAINNYA"]})
    disc = pd.DataFrame({"nip": ["p0", "p1", "p10", "someone-else"], "dibahas": [True, True, False, True],
                         "detik": [120, 60, 30, 600]})
    return placed, calib, disc


def test_counts_minutes_and_reasons(meeting):
    placed, calib, disc = meeting
    s = review(placed, calib, disc, GUIDE, {"BUKTI_POTENSI": "Bukti potensi", "BUKTI_KINERJA": "Bukti kinerja"})
    assert (s["ditempatkan"], s["dibahas"], s["dibahas_persen"], s["dipindah"]) == (20, 2, 10.0, 2)
    assert s["menit"] == 3.5   # 120 + 60 + 30 seconds of placed people; the outsider's 600 s not counted
    assert sorted((a["label"], a["jumlah"]) for a in s["alasan"]) == [("Bukti kinerja", 1), ("Bukti potensi", 1)]


def test_before_and_after_per_box(meeting):
    placed, calib, disc = meeting
    dist = {d["kotak"]: (d["awal"], d["akhir"]) for d in review(placed, calib, disc, GUIDE)["distribusi"]}
    assert list(dist) == list(range(1, 10))
    assert dist == {1: (2, 2), 2: (0, 0), 3: (0, 0), 4: (0, 0), 5: (10, 8), 6: (4, 4), 7: (0, 0), 8: (0, 1),
                    9: (4, 5)}


def test_guidelines_give_people_over_and_under(meeting):
    placed, calib, disc = meeting
    g = {r["kelompok"]: r for r in review(placed, calib, disc, GUIDE)["pedoman"]}
    assert (g["Kotak 9"]["jumlah"], g["Kotak 9"]["persen"], g["Kotak 9"]["status"]) == (5, 25.0, "di atas rentang")
    assert (g["Kotak 9"]["lebih"], g["Kotak 9"]["kurang"]) == (3, 0)        # 10% of 20 = 2 allowed
    assert g["Kelompok suksesi (7–9)"]["status"] == "sesuai"                 # 30% is the top, inside
    assert g["Kelompok suksesi (7–9)"]["lebih"] == 0
    below = g["Perlu perhatian (1–3)"]
    assert (below["status"], below["lebih"], below["kurang"]) == ("di bawah rentang", 0, 1)   # 15% of 20 = 3


def test_guideline_bounds_have_no_float_slack():
    kotak = pd.Series([9] * 3 + [5] * 27)   # 10% of 30 exactly: inside, nobody over
    g = guidelines(kotak, GUIDE.iloc[[0]])[0]
    assert (g["status"], g["lebih"], g["kurang"]) == ("sesuai", 0, 0)


def test_groups_and_boxes_nobody_discussed(meeting):
    placed, calib, disc = meeting
    silent = review(placed, calib, disc, GUIDE)["belum_dibahas"]
    assert silent["kelompok"] == [{"nama": "Badan B", "ditempatkan": 6}, {"nama": "Kecamatan C", "ditempatkan": 4}]
    assert silent["kotak"] == [1, 5, 6]   # box 9 and 8 hold a discussed person; empty boxes are not listed


def test_every_breach_is_named(meeting):
    placed, calib, disc = meeting
    s = review(placed, calib, disc, GUIDE, min_coverage=25)
    kinds = [b["jenis"] for b in s["pelanggaran"]]
    assert kinds == ["pedoman", "pedoman", "cakupan", "kelompok_belum_dibahas", "kotak_belum_dibahas"]
    sentences = [b["kalimat"] for b in s["pelanggaran"]]
    assert sentences[0].startswith("Kotak 9 di atas rentang: 25,0% (pedoman 2–10%), 3 orang")
    assert sentences[1].startswith("Perlu perhatian (1–3) di bawah rentang") and "kurang 1 orang" in sentences[1]
    assert "Baru 2 dari 20 ASN dibahas (10,0%)" in sentences[2] and "25%" in sentences[2]
    assert "2 OPD" in sentences[3] and "Badan B" in sentences[3] and "Kecamatan C" in sentences[3]
    assert sentences[4] == "Belum ada yang dibahas di kotak 1, 5, 6."
    assert breach_sentence(s["pelanggaran"][0], "en").startswith("Kotak 9 above its range: 25.0%")


def test_counts_in_breach_sentences_are_written_the_languages_way():
    b = {"jenis": "cakupan", "kode": "pen.breach.coverage",
         "param": {"cakupan": 0.2, "minimal": 10, "dibahas": 3, "ditempatkan": 1239}}
    assert breach_sentence(b, "id") == "Baru 3 dari 1.239 ASN dibahas (0,2%), di bawah cakupan minimal 10%."
    assert "1,239" in breach_sentence(b, "en")


def test_no_coverage_breach_without_a_minimum_and_a_clean_meeting(meeting):
    placed, calib, disc = meeting
    assert "cakupan" not in [b["jenis"] for b in review(placed, calib, disc, GUIDE)["pelanggaran"]]
    everyone = pd.DataFrame({"nip": placed["nip"][:20], "dibahas": True, "detik": 60})
    kotak9_ok = GUIDE.assign(persen_max=100.0, persen_min=0.0)
    assert review(placed, calib, everyone, kotak9_ok, min_coverage=50)["pelanggaran"] == []


def test_summary_is_json_and_holds_no_nips(meeting):
    placed, calib, disc = meeting
    s = review(placed, calib, disc, GUIDE, min_coverage=25)
    text = json.dumps(s)
    assert json.loads(text) == s
    assert "p0" not in text and "p10" not in text


def test_empty_meeting():
    placed = pd.DataFrame({"nip": ["a"], "kotak_awal": [5], "kotak": [5], "opd_nama": ["X"]})
    s = review(placed, pd.DataFrame(), pd.DataFrame(), GUIDE)
    assert (s["ditempatkan"], s["dibahas"], s["dipindah"], s["menit"]) == (1, 0, 0, 0.0)
    assert s["belum_dibahas"] == {"kelompok": [{"nama": "X", "ditempatkan": 1}], "kotak": [5]}
