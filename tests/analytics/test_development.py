"""Development analytics (gaps, JPM bands, training needs, IDP, profile-next, loop) and the
development-action store methods. Hand-computed fixtures; the demo database for invariants."""
from __future__ import annotations

import json
import shutil
from datetime import date

import numpy as np
import pandas as pd
import pytest

from analytics import development as dv
from data.store import Scope, StoreError, open_store

SKJ = pd.DataFrame({"jenjang_jabatan": ["Pengawas", "Pengawas", "Administrator", "Administrator"],
                    "kode": ["k_integritas", "k_kerja_sama"] * 2, "level": [2, 2, 3, 3]})
CODES = ["k_integritas", "k_kerja_sama"]
NA = np.nan


def _gap_pop() -> pd.DataFrame:
    rows = [  # nip, opd, jenjang, integritas, kerja sama
        ("x1", "X", "Pengawas", 1, 3),       # -1 +1
        ("x2", "X", "Pengawas", 2, 2),       #  0  0
        ("x3", "X", "Administrator", 2, NA),  # -1  .
        ("x4", "X", "Administrator", 4, 1),   # +1 -2
        ("x5", "X", "Pengawas", 1, 1),       # -1 -1
        ("x6", "X", "Pengawas", NA, NA),     # not assessed
        ("y1", "Y", "Pengawas", 1, 1),       # -1 -1
        ("y2", "Y", "Administrator", 3, 3),  #  0  0
    ]
    f = pd.DataFrame(rows, columns=["nip", "opd_id", "jenjang_jabatan", *CODES])
    f["nama"] = f["nip"].str.upper()
    f["jabatan"] = "Jabatan " + f["nip"]
    return f


def test_gap_by_group_hand_computed_and_small_groups_suppressed():
    out = dv.gap_by_group(_gap_pop(), SKJ, CODES, by="opd_id", min_group=5).set_index(["kelompok", "kode"])
    x_int, x_ks = out.loc[("X", "k_integritas")], out.loc[("X", "k_kerja_sama")]
    assert (x_int["n_kelompok"], x_int["n"], x_int["n_di_bawah"]) == (5, 5, 3)
    assert x_int["rerata_selisih"] == pytest.approx(-0.4) and x_int["persen_di_bawah"] == pytest.approx(60.0)
    assert (x_ks["n"], x_ks["n_di_bawah"]) == (4, 2)
    assert x_ks["rerata_selisih"] == pytest.approx(-0.5) and x_ks["persen_di_bawah"] == pytest.approx(50.0)
    y = out.loc["Y"]
    assert y["disembunyikan"].all() and (y["n_kelompok"] == 2).all()
    assert y["rerata_selisih"].isna().all() and y["persen_di_bawah"].isna().all() and y["n"].isna().all()
    # with a lower threshold Y shows: one of two below standard on both competencies
    y2 = dv.gap_by_group(_gap_pop(), SKJ, CODES, min_group=2).set_index(["kelompok", "kode"]).loc["Y"]
    assert y2["persen_di_bawah"].tolist() == [50.0, 50.0] and y2["rerata_selisih"].tolist() == [-0.5, -0.5]


def test_cell_people_equals_the_aggregate_and_refuses_suppressed_cells():
    pop = _gap_pop()
    agg = dv.gap_by_group(pop, SKJ, CODES, min_group=5).set_index(["kelompok", "kode"])
    people = dv.cell_people(pop, SKJ, "k_kerja_sama", "X", min_group=5, codes=CODES)
    assert people["nip"].tolist() == ["x4", "x5", "x2", "x1"]          # worst gap first
    assert people["selisih"].tolist() == [-2, -1, 0, 1]
    assert len(people) == agg.loc[("X", "k_kerja_sama"), "n"]
    assert int((people["selisih"] < 0).sum()) == agg.loc[("X", "k_kerja_sama"), "n_di_bawah"]
    assert dv.cell_people(pop, SKJ, "k_integritas", "Y", min_group=5, codes=CODES).empty


def test_training_needs_ranked_by_headcount_below_standard():
    comp = pd.DataFrame({"kode": CODES, "nama": ["Integritas", "Kerja Sama"], "kelompok": "manajerial",
                         "urutan": [1, 2]})
    out = dv.training_needs(_gap_pop(), SKJ, comp, min_group=5)
    assert out["kode"].tolist() == ["k_integritas", "k_kerja_sama"]
    assert out["n_di_bawah"].tolist() == [4, 3] and out["n"].tolist() == [7, 6]
    assert out["rerata_selisih"].tolist() == pytest.approx([-3 / 7, -0.5])
    assert out["rerata_selisih_di_bawah"].tolist() == pytest.approx([-1.0, -4 / 3])
    assert dv.training_needs(_gap_pop(), SKJ, comp, min_group=8).empty  # only 7 assessed


def test_jpm_distribution_bands_hand_computed():
    bands = pd.DataFrame({"skema": ["pemetaan"] * 3 + ["seleksi"], "label": ["Optimal", "Cukup Optimal",
                          "Kurang Optimal", "Memenuhi Syarat"], "batas_bawah": [90.0, 78.0, 0.0, 80.0]})
    f = pd.DataFrame({"jenis_jabatan": ["A"] * 6 + ["B"] * 2,
                      "jpm": [95, 90, 89.99, 78, 77.9, NA, 50, 100]})
    out = dv.jpm_distribution(f, bands, min_group=5).set_index(["kelompok", "label"])
    a = out.loc["A"]
    assert a.index.tolist() == ["Optimal", "Cukup Optimal", "Kurang Optimal"]   # band order, high first
    assert a["jumlah"].tolist() == [2, 2, 1] and a["persen"].tolist() == pytest.approx([40, 40, 20])
    assert (a["n_kelompok"] == 5).all()
    assert out.loc["B", "disembunyikan"].all() and out.loc["B", "jumlah"].isna().all()


def test_idp_draft_three_largest_negative_gaps_and_box_followups(rules):
    person = pd.Series({"jenjang_jabatan": "Administrator", "kotak": 5, "k_integritas": 3, "k_kerja_sama": 1,
                        "k_komunikasi": 2, "k_orientasi_hasil": 2, "k_pelayanan_publik": 4,
                        "k_pengembangan_diri": 1, "k_mengelola_perubahan": 3, "k_pengambilan_keputusan": NA,
                        "k_perekat_bangsa": 3})
    d = dv.idp_draft(person, rules.skj, rules.competencies, rules.boxes, diklat_gap=-2)
    assert d["kotak"] == 5
    assert d["tindak_lanjut"] == rules.boxes.set_index("kotak").loc[5, "rekomendasi"].split(";")
    k = d["kesenjangan"]
    # gaps vs level 3: kerja sama −2, pengembangan diri −2, komunikasi −1, orientasi −1 → ties by SKJ order
    assert k["kode"].tolist() == ["k_kerja_sama", "k_pengembangan_diri", "k_komunikasi"]
    assert k["selisih"].tolist() == [-2, -2, -1] and k["saran"].tolist() == ["diklat", "diklat", "coaching"]
    unplaced = dv.idp_draft(person.drop("kotak"), rules.skj, rules.competencies, rules.boxes)
    assert unplaced["kotak"] is None and unplaced["tindak_lanjut"] == []


# -- who to profile next ---------------------------------------------------------------------
def _levels():
    return pd.DataFrame({"jenjang_jabatan": ["JPT Pratama", "Administrator", "JF Ahli Madya", "JF Ahli Muda",
                                             "Pengawas", "JF Ahli Pertama", "Pelaksana"],
                         "jenis_jabatan": ["JPT", "Administrator", "Fungsional", "Fungsional", "Pengawas",
                                           "Fungsional", "Pelaksana"],
                         "urutan": [80, 60, 65, 45, 40, 30, 10]})


def test_profile_next_order_and_the_one_year_boundary():
    retirement = pd.DataFrame({"jenjang_jabatan": _levels()["jenjang_jabatan"],
                               "usia_bup": [60, 58, 60, 58, 58, 58, 58]})
    rows = [  # nip, jenjang, jenis, opd, born, sumber
        # pension = 1st of the month after BUP: 58 on 30 Nov 2026 → 1 Dec 2026, within a year of 31 Dec 2025
        ("A_tepat_setahun", "Pelaksana", "Pelaksana", "O1", "1968-11-30", None),
        ("B_sehari_lagi", "Pelaksana", "Pelaksana", "O2", "1968-12-01", None),   # 1 Jan 2027: kept, near → last
        ("C_sudah", "Pengawas", "Pengawas", "O1", "1985-05-05", "CACT"),
        ("D_pengawas", "Pengawas", "Pengawas", "O2", "1985-05-05", None),
        ("E_pengumpan", "Pelaksana", "Pelaksana", "O1", "1990-01-01", None),
        ("F_lain", "Pelaksana", "Pelaksana", "O2", "1990-01-01", None),
        ("G_jf_muda", "JF Ahli Muda", "Fungsional", "O2", "1988-01-01", None),
        ("H_jpt_59", "JPT Pratama", "JPT", "O2", "1966-06-01", None),           # 59 of 60: within a year
        ("I_jf_pertama", "JF Ahli Pertama", "Fungsional", "O2", "1995-01-01", None),
    ]
    f = pd.DataFrame(rows, columns=["nip", "jenjang_jabatan", "jenis_jabatan", "opd_id", "tanggal_lahir", "sumber"])
    f["tanggal_lahir"] = pd.to_datetime(f["tanggal_lahir"]).dt.date
    f["nama"], f["jabatan"], f["opd_nama"] = f["nip"], f["jenjang_jabatan"], f["opd_id"]
    posts = pd.DataFrame({"opd_id": ["O1"], "jenjang_jabatan": ["Pengawas"]})
    out = dv.profile_next(f, 2025, _levels(), retirement, posts, quota=2, min_years_to_bup=1, near_years=3)
    assert out["nip"].tolist() == ["G_jf_muda", "D_pengawas", "E_pengumpan", "I_jf_pertama", "F_lain",
                                   "B_sehari_lagi"]
    assert out["alasan"].tolist() == [dv.WHY_JF, dv.WHY_OFFICIAL, dv.WHY_FEEDER, dv.WHY_OTHER, dv.WHY_OTHER,
                                      dv.WHY_NEAR]
    assert out["prioritas"].tolist() == [1, 1, 1, 2, 2, 3]
    assert out["dalam_kuota"].tolist() == [True, True, False, False, False, False]
    assert out.set_index("nip").loc["B_sehari_lagi", "tahun_ke_bup"] == 1     # 31 Dec 2025 → 1 Jan 2027
    assert out["urutan"].tolist() == list(range(1, 7))


def test_profile_next_on_demo_never_lists_profiled_or_within_a_year_of_bup(demo_db):
    s = open_store(demo_db, read_only=True)
    try:
        pop, ref, posts = s.population(2025), s.development_rules(), s.target_posts()
        # an independent answer in SQL: the pension date (1st of the month after BUP) by 31 December 2026
        blocked = set(s._frame(
            "SELECT ap.nip FROM asn_period ap JOIN asn a USING (nip) JOIN rule_retirement r USING (jenjang_jabatan)"
            " WHERE ap.period = 2025 AND date_trunc('month', a.tanggal_lahir + to_years(r.usia_bup))"
            " + INTERVAL 1 MONTH <= DATE '2026-12-31'"
        )["nip"])
    finally:
        s.close()
    out = dv.profile_next(pop, 2025, ref["job_level"], ref["retirement"], posts, ref["eligibility"], quota=1152)
    profiled = set(pop.loc[pop["sumber"].notna(), "nip"])
    assert len(out) > 1000 and blocked and profiled
    assert not set(out["nip"]) & profiled
    assert not set(out["nip"]) & blocked
    assert set(out["nip"]) == set(pop["nip"]) - profiled - blocked     # nobody else is dropped
    assert out["prioritas"].is_monotonic_increasing and int(out["dalam_kuota"].sum()) == min(1152, len(out))


def test_coverage_and_skill_summary():
    f = pd.DataFrame({"opd_id": ["A"] * 6 + ["B"] * 2, "sumber": ["CACT", "AC", None, None, "CACT", "CACT", None, "AC"],
                      "dl_digital_skills": [60, 70, NA, NA, 80, 90, NA, 50.0]})
    cov = dv.coverage(f, "opd_id").set_index("kelompok")
    assert cov.loc["A", ["n", "diprofil", "belum"]].tolist() == [6, 4, 2] and cov.loc["A", "persen"] == pytest.approx(400 / 6)
    sk = dv.skill_summary(f, ["dl_digital_skills"], "opd_id", min_group=4).set_index("kelompok")
    assert sk.loc["A", "n"] == 4 and sk.loc["A", "dl_digital_skills"] == pytest.approx(75.0)
    assert sk.loc["B", "disembunyikan"] and pd.isna(sk.loc["B", "dl_digital_skills"])
    assert dv.skill_summary(f.assign(dl_digital_skills=NA), ["dl_digital_skills"]).empty


def test_loop_outcome_uses_box_rank_from_the_rule_table(rules):
    actions = pd.DataFrame({"nip": ["a", "a", "b", "c", "d", "e"],
                            "jenis": ["diklat", "coaching", "diklat", "rotasi", "mentoring", "diklat"],
                            "status": ["selesai", "berjalan", "rencana", "selesai", "selesai", "batal"]})
    before = pd.DataFrame({"nip": ["a", "b", "c", "d", "e", "z"], "kotak": pd.array([5, 7, 8, 2, 1, 1], dtype="Int8")})
    after = pd.DataFrame({"nip": ["a", "b", "c", "e", "z"], "kotak": pd.array([9, 8, 7, 5, 2], dtype="Int8")})
    out = dv.loop_outcome(actions, before, after, rules.boxes).set_index("nip")
    assert "e" not in out.index                                   # cancelled actions do not count
    assert out.loc["a", ["jumlah_aksi", "jenis", "selesai", "hasil", "langkah"]].tolist() == \
        [2, "coaching, diklat", 1, dv.UP, 2]                      # rank 2 → 4
    assert out.loc["b", "hasil"] == dv.SAME and out.loc["b", "langkah"] == 0   # 7 → 8: both rank 3
    assert out.loc["c", "hasil"] == dv.SAME                                      # 8 → 7: same rank
    assert out.loc["d", "hasil"] == dv.UNPLACED
    summ = dv.loop_summary(out.reset_index(), before, after, rules.boxes)
    assert (summ["n_aksi"], summ["naik_aksi"], summ["n_lain"], summ["naik_lain"]) == (3, 1, 2, 2)  # e, z moved up


# -- store: development actions ----------------------------------------------------------------
@pytest.fixture
def db(demo_db, tmp_path):
    path = tmp_path / "dev.duckdb"
    shutil.copy(demo_db, path)
    s = open_store(path)
    yield s
    s.close()


def test_action_crud_is_audited_scoped_and_refused_once_finalised(db):
    row = db._frame("SELECT nip, opd_id FROM asn_period WHERE period = 2024 ORDER BY nip LIMIT 1").iloc[0]
    nip, opd = row["nip"], row["opd_id"]
    demo = db.development_actions(2024)                 # the demo's own actions of 2024 stay as they are
    types = db.development_action_types()
    assert {"diklat", "coaching", "mentoring", "rotasi", "tugas_belajar"} <= set(types["kode"])
    assert types["sumber"].str.len().gt(0).all()
    new_id = db.add_development_action(2024, nip, "diklat", "Pelatihan kepemimpinan pengawas", "komite1",
                                       target_tanggal=date(2024, 11, 30), scope=Scope((opd,)))
    acts = db.development_actions(2024)
    assert len(demo) > 0 and new_id not in set(demo["id"]) and len(acts) == len(demo) + 1
    assert acts[acts["id"] == new_id][["id", "nip", "jenis", "status", "dibuat_oleh"]].values.tolist() == [
        [new_id, nip, "diklat", "rencana", "komite1"]]
    assert db.development_actions(2024, scope=Scope(("TIDAK-ADA",))).empty
    with pytest.raises(StoreError):
        db.add_development_action(2024, nip, "diklat", "x", "komite1", scope=Scope(("TIDAK-ADA",)))
    with pytest.raises(StoreError):
        db.add_development_action(2024, nip, "bukan-jenis", "x", "komite1")
    with pytest.raises(StoreError):
        db.add_development_action(2024, nip, "diklat", "   ", "komite1")
    db.update_development_action(new_id, "selesai", "komite2")
    acts = db.development_actions(2024).set_index("id")
    assert acts.loc[new_id, "status"] == "selesai"
    assert acts.drop(index=new_id)["status"].to_dict() == demo.set_index("id")["status"].to_dict()
    with pytest.raises(StoreError):
        db.update_development_action(new_id, "hilang", "komite2")
    log = db.audit_entries(action="pengembangan:")
    assert log["action"].tolist() == ["pengembangan:status", "pengembangan:tambah"]
    assert json.loads(log.iloc[0]["detail"]) == {"periode": 2024, "id": new_id, "sebelum": "rencana",
                                                 "sesudah": "selesai"}
    db.finalise_period(2024, "ketua1")   # actions stay allowed after penetapan, and say so
    after_id = db.add_development_action(2024, nip, "coaching", "Coaching", "komite1")
    db.update_development_action(new_id, "batal", "komite1")
    acts = db.development_actions(2024).set_index("id").loc[[after_id, new_id]]
    assert acts["status"].to_dict() == {after_id: "rencana", new_id: "batal"}
    assert acts["setelah_penetapan"].to_dict() == {after_id: True, new_id: False}
    assert len(db.audit_entries(action="pengembangan:")) == 4
    assert db.next_period(2024) == 2025 and db.next_period(2025) is None and db.previous_period(2025) == 2024


def test_profile_next_head_is_the_head_of_the_whole_list_and_counts_it(demo_db):
    """The page asks for the head only (a national roll has millions not profiled): same rows, same
    order and ranks as the whole list's first rows, and the whole list's length."""
    s = open_store(demo_db, read_only=True)
    try:
        pop, ref, posts = s.population(2025), s.development_rules(), s.target_posts()
    finally:
        s.close()
    args = (pop, 2025, ref["job_level"], ref["retirement"], posts, ref["eligibility"])
    whole = dv.profile_next(*args, quota=300)
    head, total = dv.profile_next_head(*args, quota=300, limit=500)
    assert total == len(whole) > 500
    pd.testing.assert_frame_equal(head, whole.head(500))
    shuffled = pop.sample(frac=1, random_state=3)      # the order does not come from the frame's order
    pd.testing.assert_frame_equal(dv.profile_next_head(shuffled, *args[1:], quota=300, limit=500)[0], head)
