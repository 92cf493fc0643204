"""The talent engine against the regulation tables shipped in the migrations."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analytics.competency import gaps, jpm, jpm_band, required_levels
from analytics.engine import STATUS_NO_PERFORMANCE, STATUS_NOT_PROFILED, STATUS_PLACED, input_columns, place
from analytics.ninebox import box_number, box_summary
from analytics.performance import performance_axis, predikat_from_pair
from analytics.potential import potential_axis

NATIONAL = {  # (kinerja, potensial) -> kotak, domain.md §3
    ("di atas", "rendah"): 4, ("di atas", "menengah"): 7, ("di atas", "tinggi"): 9,
    ("sesuai", "rendah"): 2, ("sesuai", "menengah"): 5, ("sesuai", "tinggi"): 8,
    ("di bawah", "rendah"): 1, ("di bawah", "menengah"): 3, ("di bawah", "tinggi"): 6,
}


@pytest.mark.parametrize(("kinerja", "potensial"), list(NATIONAL))
def test_every_combination_gets_its_national_box(rules, kinerja, potensial):
    got = box_number(pd.Series([kinerja]), pd.Series([potensial]), rules.boxes)
    assert got.iloc[0] == NATIONAL[(kinerja, potensial)]


def test_missing_category_gives_no_box(rules):
    got = box_number(pd.Series(["sesuai", None]), pd.Series([None, "tinggi"]), rules.boxes)
    assert got.isna().all()


PAIRS = {  # (hasil kerja, perilaku) -> predikat, Permen PANRB 6/2022
    ("di atas", "di bawah"): "Kurang", ("di atas", "sesuai"): "Baik", ("di atas", "di atas"): "Sangat Baik",
    ("sesuai", "di bawah"): "Kurang", ("sesuai", "sesuai"): "Baik", ("sesuai", "di atas"): "Baik",
    ("di bawah", "di bawah"): "Sangat Kurang", ("di bawah", "sesuai"): "Butuh Perbaikan",
    ("di bawah", "di atas"): "Butuh Perbaikan",
}


@pytest.mark.parametrize(("hasil", "perilaku"), list(PAIRS))
def test_rating_pair_gives_predikat(rules, hasil, perilaku):
    got = predikat_from_pair(pd.Series([hasil]), pd.Series([perilaku]), rules.predikat_pair)
    assert got.iloc[0] == PAIRS[(hasil, perilaku)]


@pytest.mark.parametrize(("predikat", "kategori", "nilai"), [
    ("Sangat Baik", "di atas", 100), ("Baik", "sesuai", 80), ("Butuh Perbaikan", "di bawah", 60),
    ("Kurang", "di bawah", 40), ("Sangat Kurang", "di bawah", 20),
])
def test_predikat_gives_category_and_value(rules, predikat, kategori, nilai):
    got = performance_axis(pd.DataFrame({"predikat": [predikat]}), rules).iloc[0]
    assert (got["kinerja_kategori"], got["kinerja_nilai"], got["kinerja_formula"]) == (kategori, nilai, "predikat")


def test_pair_used_only_when_predikat_missing(rules):
    frame = pd.DataFrame({"predikat": [None, "Baik"], "hasil_kerja": ["di atas", "di atas"],
                          "perilaku": ["di atas", "di atas"]})
    got = performance_axis(frame, rules)
    assert got["predikat_efektif"].tolist() == ["Sangat Baik", "Baik"]


@pytest.mark.parametrize(("score", "sebutan", "kategori"), [
    (100, "Sangat Baik", "di atas"), (91, "Sangat Baik", "di atas"), (90.99, "Baik", "sesuai"),
    (76, "Baik", "sesuai"), (75.5, "Cukup", "di bawah"), (61, "Cukup", "di bawah"),
    (51, "Kurang", "di bawah"), (50, "Buruk", "di bawah"), (0, "Buruk", "di bawah"),
])
def test_legacy_scores_follow_pp_46_2011(rules, score, sebutan, kategori):
    got = performance_axis(pd.DataFrame({"predikat": [None], "nilai_legacy": [score]}), rules).iloc[0]
    assert (got["predikat_efektif"], got["kinerja_kategori"], got["kinerja_nilai"]) == (sebutan, kategori, score)
    assert got["kinerja_formula"] == "nilai_skp_lama"


def test_supporting_items_enter_the_composite_with_their_weights(rules):
    frame = pd.DataFrame({"predikat": ["Baik", "Baik"], "penghargaan": [100.0, np.nan],
                          "penugasan_tim": [100.0, np.nan], "umpan_balik": [50.0, np.nan]})
    got = performance_axis(frame, rules)
    # 60·80 + 15·100 + 15·100 + 10·50 = 8300 → /100
    assert got["kinerja_nilai"].tolist() == [83.0, 80.0]
    assert got["kinerja_formula"].tolist() == ["predikat+penghargaan+penugasan_tim+umpan_balik", "predikat"]
    # the category still comes from the predikat under the default rule
    assert got["kinerja_kategori"].tolist() == ["sesuai", "sesuai"]


def test_supporting_items_alone_do_not_place(rules):
    got = performance_axis(pd.DataFrame({"predikat": [None], "penghargaan": [100.0]}), rules).iloc[0]
    assert pd.isna(got["kinerja_nilai"]) and pd.isna(got["kinerja_kategori"])


def _person(jenjang="Administrator", level=3, aspects=4.0, edu="S1", hukdis="tidak ada", **extra):
    row = {"nip": "x", "jenjang_jabatan": jenjang, "pendidikan_tingkat": edu, "hukdis_aktif": hukdis,
           "predikat": "Baik"}
    for code in ["k_integritas", "k_kerja_sama", "k_komunikasi", "k_orientasi_hasil", "k_pelayanan_publik",
                 "k_pengembangan_diri", "k_mengelola_perubahan", "k_pengambilan_keputusan", "k_perekat_bangsa"]:
        row[code] = level
    for code in ["p_kemampuan_intelektual", "p_interpersonal", "p_kesadaran_diri", "p_berpikir_kritis",
                 "p_problem_solving", "p_kecerdasan_emosi", "p_growth_mindset", "p_motivasi_komitmen"]:
        row[code] = aspects
    row.update(extra)
    return row


def test_potential_composite_reweights_over_available_components(rules):
    # JPM 100 (level 3 = standard 3), aspects 4/5 = 80, S1 = 80, clean record = 100
    # weights 20, 25, 10, 15 of the BKN model; others absent → (2000+2000+800+1500)/70
    got = potential_axis(pd.DataFrame([_person()]), rules).iloc[0]
    assert got["potensial_nilai"] == pytest.approx(90.0, abs=0.01)
    assert got["potensial_kategori"] == "tinggi"
    assert got["potensial_formula"] == "asesmen_kompetensi+aspek_potensi+tingkat_pendidikan+integritas"


@pytest.mark.parametrize(("value", "kategori"), [(77.0, "tinggi"), (76.99, "menengah"), (68.0, "menengah"),
                                                 (67.99, "rendah")])
def test_potential_cutoffs_are_inclusive(rules, value, kategori):
    got = potential_axis(pd.DataFrame([{"nip": "x", "jenjang_jabatan": "Pelaksana", "nilai_potensi": value}]),
                         rules.with_cutoff("potensial", 77, 68))
    # only the source potential score is present, so the composite equals it
    assert got.iloc[0]["potensial_nilai"] == pytest.approx(value)
    assert got.iloc[0]["potensial_kategori"] == kategori


def test_unassessed_person_is_never_guessed(rules):
    frame = pd.DataFrame([
        _person(),
        {"nip": "y", "jenjang_jabatan": "Pelaksana", "pendidikan_tingkat": "S2", "hukdis_aktif": "tidak ada",
         "predikat": "Sangat Baik"},
        _person(predikat=None),
    ])
    got = place(frame, rules)
    assert got["status"].tolist() == [STATUS_PLACED, STATUS_NOT_PROFILED, STATUS_NO_PERFORMANCE]
    assert got["kotak"].iloc[0] == 8  # Baik = sesuai, potential tinggi
    assert got["kotak"].iloc[1:].isna().all()
    assert pd.isna(got["potensial_nilai"].iloc[1])


def test_jpm_and_gaps_by_hand(rules):
    codes = rules.skj_codes()
    attained = pd.DataFrame([[4, 3, 3, 2, 3, 3, 3, 3, 3]], columns=codes)
    required = required_levels(pd.Series(["Administrator"]), rules.skj, codes)
    assert required.iloc[0].tolist() == [3.0] * 9
    # Σ attained = 27, Σ required = 27
    assert jpm(attained, required).iloc[0] == 100.0
    g = gaps(attained, required).iloc[0]
    assert g["k_integritas"] == 1 and g[codes[3]] == -1
    low = pd.DataFrame([[2] * 9], columns=codes)
    assert jpm(low, required).iloc[0] == pytest.approx(66.67)
    high = pd.DataFrame([[5] * 9], columns=codes)
    assert jpm(high, required).iloc[0] == pytest.approx(166.67)
    assert jpm(high, required, cap=True).iloc[0] == 100.0


@pytest.mark.parametrize(("value", "pemetaan", "seleksi"), [
    (90.0, "Optimal", "Memenuhi Syarat"), (89.99, "Cukup Optimal", "Memenuhi Syarat"),
    (80.0, "Cukup Optimal", "Memenuhi Syarat"), (79.99, "Cukup Optimal", "Masih Memenuhi Syarat"),
    (78.0, "Cukup Optimal", "Masih Memenuhi Syarat"), (77.99, "Kurang Optimal", "Masih Memenuhi Syarat"),
    (68.0, "Kurang Optimal", "Masih Memenuhi Syarat"), (67.99, "Kurang Optimal", "Kurang Memenuhi Syarat"),
    (0.0, "Kurang Optimal", "Kurang Memenuhi Syarat"),
])
def test_jpm_bands_at_their_boundaries(rules, value, pemetaan, seleksi):
    v = pd.Series([value])
    assert jpm_band(v, rules.jpm_bands, "pemetaan").iloc[0] == pemetaan
    assert jpm_band(v, rules.jpm_bands, "seleksi").iloc[0] == seleksi


def test_jpm_band_of_missing_is_missing(rules):
    assert pd.isna(jpm_band(pd.Series([np.nan]), rules.jpm_bands, "pemetaan").iloc[0])


def test_box_summary_lists_every_box_with_shares(rules):
    s = box_summary(pd.Series([9, 9, 5, None], dtype="Int8"), rules.boxes)
    assert s["kotak"].tolist() == list(range(1, 10))
    assert s.set_index("kotak")["jumlah"].to_dict()[9] == 2
    assert s["jumlah"].sum() == 3
    assert s.set_index("kotak")["persen"][9] == pytest.approx(66.7)


def test_placing_on_the_declared_input_columns_changes_nothing(demo_db):
    """Pages load only ``input_columns`` (national scale): a column the engine read but did not
    declare would silently change placements. Optional inputs the demo lacks are added here."""
    from data.store import open_store

    store = open_store(demo_db, read_only=True)
    try:
        rules = store.rules(2025)
        full = store.population(2025)
    finally:
        store.close()
    rng = np.random.default_rng(3)
    for extra in ("pengembangan_kompetensi", "pengalaman_jabatan", "kesesuaian_bidang"):
        full[extra] = rng.uniform(0, 100, len(full))
    declared = [c for c in input_columns(rules) if c in full.columns]
    assert len(declared) < len(full.columns) - 20   # the point: most columns are not loaded
    expected = place(full, rules)
    pd.testing.assert_frame_equal(place(full[declared], rules), expected)
    assert expected["kotak"].notna().sum() > 1000
