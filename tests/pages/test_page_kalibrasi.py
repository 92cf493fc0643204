"""AppTest: the Kalibrasi page — a move with reason, discussion tracking, lock, export."""
from __future__ import annotations

import io
import json
from pathlib import Path

import openpyxl
import pytest

from analytics.engine import place
from data.store import open_store
from tests.conftest import app_test, widget_token

pytestmark = pytest.mark.slow  # whole-app AppTest runs, 5-10 s each

APP = str(Path(__file__).resolve().parents[2] / "app.py")
PAGE = str(Path(__file__).resolve().parents[2] / "app_pages" / "kalibrasi.py")


@pytest.fixture
def db(real_copy):
    return real_copy


def _box5_person(db):
    s = open_store(db)
    try:
        pop = s.population(2025)
        placed = place(pop, s.rules(2025))
        return placed.loc[placed["kotak"] == 5, "nip"].iloc[0]
    finally:
        s.close()


def _page(db, role="ketua", user="ketua1"):
    at = app_test(db, user, role)
    at.switch_page(PAGE).run()
    assert not at.exception
    return at


def test_full_profile_stays_open_through_reruns_until_closed(db):
    """A live screen reruns itself when someone else saves: an open profile must not vanish then."""
    nip = _box5_person(db)
    at = _page(db)
    at.session_state["kal_open_profile"] = nip
    at.run()
    at.run()   # what the live check does after another laptop's save
    assert not at.exception
    s = open_store(db)
    views = s.audit_entries(action="lihat:profil")
    s.close()
    assert (views["entity"] == f"nip:{nip}").sum() == 2
    assert at.session_state["kal_open_profile"] == nip


def test_move_with_reason_is_saved_audited_and_shown(db):
    nip = _box5_person(db)
    at = _page(db)
    at.session_state["kal_nip"] = nip
    at.run()
    at.segmented_control(key=f"kal_target_{widget_token(db, nip)}").set_value(8)
    at.selectbox(key=f"kal_reason_{widget_token(db, nip)}").set_value("BUKTI_POTENSI")
    at.text_area(key=f"kal_comment_{widget_token(db, nip)}").input("Hasil assessment center 2025 belum masuk")
    at.button[[b.label for b in at.button].index("Simpan")].click().run()
    assert not at.exception
    s = open_store(db)
    calib = s.calibrations(2025)
    entries = s.audit_entries(action="kalibrasi:")
    s.close()
    assert calib[["nip", "kotak_awal", "kotak_baru", "alasan_kode", "oleh"]].values.tolist() == [
        [nip, 5, 8, "BUKTI_POTENSI", "ketua1"]]
    assert {"kalibrasi:pindah", "kalibrasi:dibahas"} == set(entries["action"])
    assert json.loads(entries[entries["action"] == "kalibrasi:pindah"].iloc[0]["detail"])["komentar"] == \
        "Hasil assessment center 2025 belum masuk"
    moved = next(m.value for m in at.metric if m.label == "Dipindah komite")
    assert moved == "1"
    discussed = next(m.value for m in at.metric if m.label == "Sudah dibahas")
    assert discussed.startswith("1 ")
    record = at.dataframe[[("kotak_awal" in d.value.columns) for d in at.dataframe].index(True)].value
    assert record[["nip", "kotak_awal", "kotak"]].values.tolist() == [[nip, 5, 8]]


def test_move_without_reason_is_refused_with_a_message(db):
    nip = _box5_person(db)
    at = _page(db)
    at.session_state["kal_nip"] = nip
    at.run()
    at.segmented_control(key=f"kal_target_{widget_token(db, nip)}").set_value(9)
    at.text_area(key=f"kal_comment_{widget_token(db, nip)}").input("tanpa alasan")
    at.button[[b.label for b in at.button].index("Simpan")].click().run()
    assert at.error[0].value == "Pilih alasan perubahan dari daftar."
    s = open_store(db)
    assert s.calibrations(2025).empty
    s.close()


def test_finalise_then_read_only(db):
    at = _page(db)
    at.checkbox(key="kal_finalise_sure").check().run()
    at.button(key="kal_finalise").click().run()
    assert not at.exception
    assert "sudah **ditetapkan**" in at.success[0].value or "ditetapkan" in at.success[0].value
    nip = _box5_person(db)
    at.session_state["kal_nip"] = nip
    at.run()
    save = at.button[[b.label for b in at.button].index("Simpan")]
    assert save.disabled


def test_calibration_record_and_its_workbook(db):
    from analytics.calibration import apply_calibration, calibration_record
    from reports.masking import SHOW
    from reports.workbook import workbook

    nip = _box5_person(db)
    s = open_store(db)
    try:
        s.calibrate(2025, nip, 5, 7, "BUKTI_KINERJA", '=HYPERLINK("x")', "ketua1")
        other = s.population(2025)["nip"].iloc[-1]
        s.record_discussion(2025, other, 150, True, "ketua1")
        pop = s.population(2025)
        rules = s.rules(2025)
        placed = apply_calibration(place(pop, rules), s.calibrations(2025), rules.boxes)
        placed = placed.assign(nama=pop["nama"], jabatan=pop["jabatan"], opd_nama=pop["opd_nama"])
        reasons = s.calibration_reasons(False)
        record = calibration_record(placed, s.calibrations(2025), s.discussions(2025),
                                    dict(zip(reasons["kode"], reasons["label"])))
    finally:
        s.close()
    moved = record.set_index("nip").loc[nip]
    assert (moved["kotak_awal"], moved["kotak"], moved["oleh"], bool(moved["dibahas"])) == (5, 7, "ketua1", False)
    assert moved["alasan"] == "Bukti kinerja yang belum tercermin di SKP"
    talked = record.set_index("nip").loc[other]
    assert bool(talked["dibahas"]) and talked["menit"] == 2.5
    wb = openpyxl.load_workbook(io.BytesIO(workbook({"Kalibrasi": record}, "Catatan", [("Periode", "2025")], masking=SHOW)))
    sheet = wb["Kalibrasi"]
    header = [c.value for c in sheet[1]]
    komentar = [r[header.index("Komentar")].value for r in sheet.iter_rows(min_row=2)]   # the catalog label
    assert "'=HYPERLINK(\"x\")" in komentar
    assert not [c for row in sheet.iter_rows() for c in row if c.data_type == "f"]
    assert wb["Ringkasan"]["B2"].value == "2025"


def test_pimpinan_has_no_kalibrasi_page(db):
    at = app_test(db, "pimpinan1", "pimpinan")
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page(PAGE)


def test_a_nip_typed_into_a_comment_is_masked_on_screen_with_the_switch_on(db):
    nip = _box5_person(db)
    s = open_store(db)
    try:
        s.calibrate(2025, nip, 5, 8, "BUKTI_POTENSI", f"Sama seperti {nip} tahun lalu", "ketua1")
    finally:
        s.close()
    at = _page(db)
    at.toggle(key="anonim").set_value(True).run()
    assert not at.exception
    record = next(d.value for d in at.dataframe if "komentar" in d.value.columns)
    assert len(record) == 1 and nip not in record["komentar"].iloc[0]
    assert record["komentar"].iloc[0].startswith("Sama seperti ••••••••••")
    assert nip not in set(record["nip"])
