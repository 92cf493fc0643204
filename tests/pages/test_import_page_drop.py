"""AppTest: Impor Data takes a period's files in one drop — each recognised, one report, one click
writes them all (one transaction), then one link to Sembilan Kotak of that period."""
from __future__ import annotations

import hashlib

import pytest

from data.store import open_store
from tests.conftest import app_test, open_tab
from tests.import_helpers import PERSONNEL_HEADER, assert_same, csv_bytes, new_nips, personnel_rows, snapshot, xlsx

pytestmark = pytest.mark.slow  # whole-app AppTest runs through an import

MIME = "application/octet-stream"


def impor_page(db):
    at = app_test(db, timeout=60)
    at.switch_page("app_pages/impor.py").run()
    assert not at.exception
    return at


def drop(nips, perf_nips=None):
    return [
        ("kinerja.xlsx", xlsx([["NIP", "Nama", "Predikat Kinerja", "Periode"]]
                              + [[n, "x", "Baik", 2025] for n in (perf_nips or nips)]), MIME),
        ("pegawai.csv", csv_bytes([(*PERSONNEL_HEADER, "Periode")] + [[*r, 2025] for r in personnel_rows(nips)]), MIME),
        ("cact.xlsx", xlsx([["NIP", "Sumber Asesmen", "Integritas", "Nilai Potensi"]]
                           + [[n, "CACT", 3, 70] for n in nips]), MIME),
    ]


def report(at):
    """The one report's per-file table (file, kind, period, rows, errors, warnings)."""
    table = next(d.value for d in at.table if "Jenis data" in d.value.columns)
    return table.assign(Berkas=table["Berkas"].str.replace("\\", "", regex=False))   # names escaped for Markdown


def test_three_files_one_report_one_click_then_the_ninebox_of_the_period(real_copy):
    at = impor_page(real_copy)
    nips = new_nips(5)
    at.file_uploader[0].set_value(drop(nips)).run()
    assert not at.exception, at.exception
    table = report(at)
    assert table["Berkas"].tolist() == ["pegawai.csv", "kinerja.xlsx", "cact.xlsx"]     # personnel first
    assert table["Jenis data"].tolist() == ["Data kepegawaian", "Kinerja (SKP)",
                                            "Asesmen kompetensi & potensi (CACT/AC)"]
    assert table["Periode"].tolist() == ["2025"] * 3 and table["Galat"].tolist() == ["0"] * 3
    assert at.success[0].value == "3 berkas siap diimpor bersama: 15 baris periode 2025."
    assert len([b for b in at.button if b.key == "impor_submit"]) == 1
    at.button(key="impor_submit").click().run()
    assert not at.exception, at.exception
    # the click goes straight on to Sembilan Kotak of the imported period, which says what was imported
    assert at.title[0].value == "Sembilan Kotak" and at.selectbox(key="periode").value == 2025
    assert at.success[0].value == ("Impor #2, #3, #4 selesai: 3 berkas, 15 baris periode 2025, dalam satu transaksi. "
                                   "Dasbor sudah memakai data baru.")
    back = at.get("page_link")[0].proto
    assert back.label == "Riwayat & pembatalan impor di Impor Data" and back.page.endswith("impor")
    # the period was placed and stored by the click: the page drew the dots at once (no counts-only chart)
    charts = [c.proto.id for c in at.get("plotly_chart")]
    assert len(charts) == 1 and "nk_chart_counts" not in charts[0]
    s = open_store(real_copy)
    try:
        got = s._frame("SELECT kind, drop_id FROM import_batch WHERE batch_id > 1 ORDER BY batch_id")
        assert s.placements_stored(2025, s.data_version())
    finally:
        s.close()
    assert got["kind"].tolist() == ["personnel", "performance", "assessment"] and got["drop_id"].tolist() == [2] * 3
    at.run()
    assert not at.get("stSuccess") or all("selesai" not in x.value for x in at.success)   # once
    # back on Impor Data: the uploader is empty again, and the history offers the drop once, to undo as one step
    at.switch_page("app_pages/impor.py").run()
    assert not at.get("data_editor")
    open_tab(at, "impor_tab", "Riwayat & pembatalan")
    undo = at.selectbox(key="impor_undo_pick")
    assert len(undo.options) == 1 and undo.options[0].startswith("#2, #3, #4 · satu unggahan: Data kepegawaian, "
                                                                 "Kinerja (SKP), Asesmen")
    at.checkbox(key="impor_undo_confirm").check().run()
    at.button(key="impor_undo_button").click().run()
    assert not at.exception
    assert at.success[0].value.startswith("Impor #4 dibatalkan")


def test_a_cross_file_error_names_file_row_and_column_and_blocks_the_drop(real_copy):
    at = impor_page(real_copy)
    before = snapshot(open_store(real_copy))
    nips = new_nips(4)
    stranger = new_nips(6)[5]
    at.file_uploader[0].set_value(drop(nips[:3], perf_nips=[*nips[:3], stranger])).run()
    assert not at.exception, at.exception
    assert at.error[0].value.startswith("1 galat harus diperbaiki sebelum berkas-berkas ini dapat diimpor.")
    issues = next(d.value for d in at.dataframe if "pesan" in d.value.columns)
    row = issues.iloc[0]
    assert (row["berkas"], row["baris"], row["kolom"]) == ("kinerja.xlsx", "5", "NIP")
    assert row["pesan"].startswith(f"NIP {stranger} tidak ada dalam data kepegawaian periode 2025 (berkas "
                                   "kepegawaian 'pegawai.csv' yang diunggah bersamanya).")
    assert at.button(key="impor_submit").disabled
    assert_same(before, snapshot(open_store(real_copy)))


def test_one_file_is_the_same_flow_with_its_mapping_open(real_copy):
    at = impor_page(real_copy)
    at.file_uploader[0].set_value(drop(new_nips(3))[1]).run()
    assert not at.exception
    assert len(at.get("data_editor")) == 1   # the editor open, not folded in a per-file expander
    assert not [e for e in at.expander if e.label.startswith("Pemetaan kolom")]
    assert at.success[0].value == "Berkas siap diimpor: 3 baris data kepegawaian periode 2025."


def test_a_problem_of_the_drop_is_said_in_words(real_copy):
    at = impor_page(real_copy)
    files = drop(new_nips(3))
    twice = ("pegawai-lagi.csv", drop(new_nips(5)[3:])[1][1], MIME)
    same = ("salinan.csv", files[1][1], MIME)
    at.file_uploader[0].set_value([files[1], twice, same, ("rusak.xlsx", b"bukan excel", MIME)]).run()
    assert not at.exception, at.exception
    assert at.warning[0].value == "Berkas 'salinan.csv' sama isinya dengan 'pegawai.csv': dipakai sekali saja."
    errors = [e.value for e in at.error]
    assert errors[0] == ("Dua berkas berisi data kepegawaian: 'pegawai-lagi.csv', 'pegawai.csv'. Satu unggahan memuat "
                         "satu berkas per jenis data: buang salah satunya, atau gabungkan isinya dalam satu berkas.")
    assert errors[1].startswith("Berkas 'rusak.xlsx' bukan lembar kerja Excel")
    assert errors[2].startswith("2 galat harus diperbaiki sebelum berkas-berkas ini dapat diimpor.")
    assert at.button(key="impor_submit").disabled


def test_a_folded_files_mapping_is_the_proposal_and_what_was_last_chosen_in_its_editor(real_copy):
    """Each file of a drop folds its mapping editor (not built while folded); the check uses the proposal,
    and after the editor was opened and changed, the change, also once it is folded again."""
    at = impor_page(real_copy)
    files = drop(new_nips(4))
    at.file_uploader[0].set_value(files).run()
    assert not at.exception, at.exception
    assert not at.get("data_editor")                      # three files, three folded editors: none built
    assert report(at)["Galat"].tolist() == ["0"] * 3
    digest = hashlib.sha256(files[0][1]).hexdigest()[:16]   # the performance file
    at.session_state[f"impor_mapping_{digest}_performance"] = True    # opened (a click on it reruns)
    at.run()
    assert len(at.get("data_editor")) == 1
    # its predikat column ignored: the performance file lacks a required field
    at.session_state[f"impor_map_{digest}_performance"] = {
        "edited_rows": {2: {"bidang": "— abaikan —"}}, "added_rows": [], "deleted_rows": []}
    at.run()
    assert not at.exception, at.exception
    assert report(at)["Galat"].tolist()[1] != "0"
    at.session_state[f"impor_mapping_{digest}_performance"] = False   # folded again: the change holds
    at.run()
    assert not at.get("data_editor")
    assert report(at)["Galat"].tolist()[1] != "0"
