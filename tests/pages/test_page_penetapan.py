"""AppTest: penetapan on the Kalibrasi page — the review names every breach, confirmation is refused
until acknowledged, the period locks with its history, reopening needs a reason, the berita acara."""
from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
import streamlit as st
from docx import Document

from analytics.penetapan import review
from data.store import open_store
from tests.conftest import app_test, placed_people_in

pytestmark = pytest.mark.slow  # whole-app AppTest runs, 5-10 s each

PAGE = str(Path(__file__).resolve().parents[2] / "app_pages" / "kalibrasi.py")


@pytest.fixture
def db(real_copy):
    return real_copy


def _page(db, role="ketua", user="ketua1"):
    at = app_test(db, user, role)
    at.switch_page(PAGE).run()
    assert not at.exception
    return at


def _status(db) -> str:
    s = open_store(db)
    try:
        return s.period_status(2025)["status"]
    finally:
        s.close()


def _expected_breaches(db) -> list[str]:
    s = open_store(db)
    try:
        placed = placed_people_in(db, 2025).assign(kotak_awal=lambda f: f["kotak"])
        minimal = s.setting("penetapan_cakupan_minimal")   # the shipped setting row, as the page reads it
        return [b["kalimat"] for b in review(placed, s.calibrations(2025), s.discussions(2025),
                                             s.distribution_rules(2025),
                                             min_coverage=float(minimal) if minimal else None)["pelanggaran"]]
    finally:
        s.close()


def _box_guide(db, label: str, boxes: str, lo: float, hi: float) -> None:
    """Make the period's distribution guide one group that the demo data breaches."""
    import pandas as pd
    s = open_store(db)
    try:
        s.save_rule_rows("rule_distribution", pd.DataFrame([{"kotak": boxes, "label": label, "persen_min": lo,
                                                             "persen_max": hi, "sumber": "uji"}]), "uji",
                         period=2025)
    finally:
        s.close()


def _history(at):
    return next(d.value for d in at.dataframe if "Ditetapkan oleh" in d.value.columns)


def test_review_names_each_breach_and_confirm_is_refused_until_acknowledged(db):
    _box_guide(db, "Kotak 9", "9", 50, 60)   # far below: a named breach
    at = _page(db)
    breaches = _expected_breaches(db)
    assert any(b.startswith("Kotak 9 di bawah rentang") for b in breaches)
    label = at.checkbox(key="kal_finalise_sure").label.replace("\\", "")   # shown markdown-escaped
    warned = " ".join(w.value for w in at.warning).replace("\\", "")
    for sentence in breaches:   # the acknowledgement names every breach, and so does the warning
        assert sentence.rstrip(".") in label and sentence in warned
    assert any("Kotak 9" in str(d.value) for d in at.dataframe)   # the guideline table
    assert at.button(key="kal_finalise").disabled   # a browser cannot click it (AppTest refuses too)
    at.multiselect(key="pen_hadir").set_value([]).run()
    at.checkbox(key="kal_finalise_sure").check().run()
    assert at.button(key="kal_finalise").disabled   # acknowledged, but nobody present
    assert any("daftar hadir" in i.value for i in at.info)
    at.multiselect(key="pen_hadir").set_value(["ketua1"]).run()
    assert _status(db) == "terbuka"

    assert not at.button(key="kal_finalise").disabled
    at.button(key="kal_finalise").click().run()
    assert not at.exception
    assert _status(db) == "ditetapkan"
    assert any("ditetapkan" in s.value for s in at.success)
    s = open_store(db)
    rows = s.finalisations(2025)
    s.close()
    assert len(rows) == 1 and rows.iloc[0]["ditetapkan_oleh"] == "ketua1"
    stored = json.loads(rows.iloc[0]["ringkasan"])
    assert stored["hadir"] == [{"nama": "Pengguna ketua1", "username": "ketua1", "peran": "ketua"}]
    assert [b["kalimat"] for b in stored["pelanggaran"]] == breaches
    history = _history(at)
    assert history.iloc[0]["Ditetapkan oleh"] == "ketua1" and history.iloc[0]["Hadir"] == "Pengguna ketua1"
    assert "kal_finalise_sure" not in [c.key for c in at.checkbox]   # locked: nothing left to confirm


def test_acknowledgement_is_withdrawn_when_the_breaches_change(db):
    _box_guide(db, "Kotak 9", "9", 50, 60)
    at = _page(db)
    at.checkbox(key="kal_finalise_sure").check().run()
    assert not at.button(key="kal_finalise").disabled
    placed = placed_people_in(db, 2025)
    nip = placed.loc[placed["kotak"] == 5, "nip"].iloc[0]
    s = open_store(db)
    s.calibrate(2025, nip, 5, 9, "BUKTI_POTENSI", "dipindah orang lain di rapat", "komite1")   # Kotak 9 share changes
    s.close()
    at.run()
    assert not at.checkbox(key="kal_finalise_sure").value
    assert at.button(key="kal_finalise").disabled
    assert _status(db) == "terbuka"


def test_reopen_needs_a_reason_and_keeps_the_history(db):
    s = open_store(db)
    s.finalise_period(2025, "ketua1", summary={"pelanggaran": [], "hadir": [{"nama": "Ketua", "peran": "ketua"}]})
    s.close()
    ketua = _page(db)
    assert "pen_buka" not in [b.key for b in ketua.button]   # finalising is not reopening
    at = _page(db, "admin", "admin")
    at.button(key="pen_buka").click().run()
    assert any("Tulis alasan" in e.value for e in at.error)
    assert _status(db) == "ditetapkan"
    at.text_area(key="pen_alasan_buka").input("Keberatan ASN dikabulkan").run()
    at.button(key="pen_buka").click().run()
    assert not at.exception
    assert _status(db) == "terbuka"
    history = _history(at)
    assert history.iloc[0]["Alasan dibuka"] == "Keberatan ASN dikabulkan" and history.iloc[0]["Dibuka oleh"] == "admin"
    s = open_store(db)
    entries = s.audit_entries(action="kalibrasi:buka")
    s.close()
    assert json.loads(entries.iloc[0]["detail"])["alasan"] == "Keberatan ASN dikabulkan"


def test_berita_acara_download_lists_the_moved_and_is_audited(db, monkeypatch):
    placed = placed_people_in(db, 2025)
    nip = placed.loc[placed["kotak"] == 5, "nip"].iloc[0]
    name = placed.loc[placed["nip"] == nip, "nama"].iloc[0]
    s = open_store(db)
    s.calibrate(2025, nip, 5, 8, "KOREKSI_DATA", "Nilai SKP salah ketik", "ketua1")
    s.finalise_period(2025, "ketua1", summary={"ditempatkan": 1, "dibahas": 0, "dibahas_persen": 0, "dipindah": 1,
                                               "menit": 0, "pedoman": [], "distribusi": [], "pelanggaran": [],
                                               "hadir": [{"nama": "Ir. Ketua Komite", "peran": "ketua"}]})
    s.close()
    captured = {}
    real = st.download_button

    def fake(label, data=None, file_name=None, **kw):
        if str(file_name).endswith(".docx"):
            captured["data"] = data
            return False
        return real(label, data=data, file_name=file_name, **kw)

    monkeypatch.setattr(st, "download_button", fake)
    at = _page(db)
    assert not at.exception
    assert callable(captured.get("data"))
    doc = Document(io.BytesIO(captured["data"]()))
    text = "\n".join([p.text for p in doc.paragraphs] + [c.text for t in doc.tables for r in t.rows for c in r.cells])
    assert name in text and "Koreksi data yang keliru" in text and "Nilai SKP salah ketik" in text
    assert "( Ir. Ketua Komite )" in text and "DATA SINTETIS" not in text
    s = open_store(db)
    entries = s.audit_entries(action="ekspor:berita_acara")
    s.close()
    assert len(entries) == 1 and entries.iloc[0]["actor"] == "ketua1"

    at.toggle(key="anonim").set_value(True).run()   # the export rule: the switch hides the moved people's names
    doc = Document(io.BytesIO(captured["data"]()))
    text = "\n".join([p.text for p in doc.paragraphs] + [c.text for t in doc.tables for r in t.rows for c in r.cells])
    assert name not in text and nip not in text and "Koreksi data yang keliru" in text
    assert "( Ir. Ketua Komite )" in text and "Ya: nama dan NIP disamarkan" in text


def test_komite_sees_no_penetapan_until_there_is_a_history(db):
    at = _page(db, "komite", "komite1")
    assert "kal_finalise" not in [b.key for b in at.button]
    assert "Penetapan periode" not in [e.label for e in at.expander]
    s = open_store(db)
    s.finalise_period(2025, "ketua1", summary={"pelanggaran": [], "hadir": []})
    s.close()
    at.run()
    assert "Penetapan periode" in [e.label for e in at.expander]
    assert _history(at).iloc[0]["Ditetapkan oleh"] == "ketua1"
    assert not {"kal_finalise", "pen_buka"} & {b.key for b in at.button}
