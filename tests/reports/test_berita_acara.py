"""The berita acara (.docx): moved people with reasons, breaches, attendance and signature lines."""
from __future__ import annotations

import io
from datetime import date

import pandas as pd
import pytest
from docx import Document

from analytics.penetapan import review
from reports.berita_acara import berita_acara, signatories

GUIDE = pd.DataFrame([(None, "9", "Kotak 9", 2.0, 10.0, "uji")],
                     columns=["period", "kotak", "label", "persen_min", "persen_max", "sumber"])
HADIR = [{"nama": "Budi Santoso", "username": "anggota1", "peran": "anggota"},
         {"nama": "Ir. Siti Rahma", "username": "ketua1", "peran": "ketua"},
         {"nama": "Pak Inspektur", "username": None, "peran": "tamu"},
         {"nama": "Dewi Lestari", "username": "sekre1", "peran": "sekretaris"}]


@pytest.fixture
def summary():
    placed = pd.DataFrame({"nip": list("abcd"), "kotak_awal": [5, 5, 9, 1], "kotak": [9, 7, 9, 1],
                           "opd_nama": ["Dinas A"] * 4})
    calib = pd.DataFrame({"nip": ["a", "b"], "kotak_awal": [5, 5], "kotak_baru": [9, 7],
                          "alasan_kode": ["BUKTI_POTENSI", "KOREKSI_DATA"]})
    disc = pd.DataFrame({"nip": ["a", "b"], "dibahas": [True, True], "detik": [300, 120]})
    return {**review(placed, calib, disc, GUIDE), "hadir": HADIR, "periode": 2025}


MOVED = pd.DataFrame({"nama": ["Andi Wijaya", "Rina Kartika"], "nip": ["198001012005011001", "198502022010012002"],
                      "jabatan": ["Analis Kebijakan", "Kepala Seksi"], "opd_nama": ["Dinas A", "Dinas A"],
                      "kotak_awal": [5, 5], "kotak": [9, 7],
                      "alasan": ["Bukti potensi atau asesmen lain", "Koreksi data yang keliru"],
                      "komentar": ["Hasil assessment center", "Nilai SKP salah ketik"]})


def _doc(summary, **kw) -> Document:
    args = dict(period=2025, summary=summary, finalised_on=date(2026, 12, 2), finalised_by="ketua1", moved=MOVED,
                synthetic=False, anonymised=False, made_on=date(2026, 12, 3), made_by="admin")
    return Document(io.BytesIO(berita_acara(**{**args, **kw})))


def _text(doc) -> str:
    cells = [c.text for t in doc.tables for r in t.rows for c in r.cells]
    return "\n".join([p.text for p in doc.paragraphs] + cells)


def _table_with(doc, header: str):
    return next(t for t in doc.tables if header in [c.text for c in t.rows[0].cells])


def test_moved_people_with_boxes_reasons_and_comments(summary):
    doc = _doc(summary)
    moved = _table_with(doc, "Alasan")
    rows = [[c.text for c in r.cells] for r in moved.rows[1:]]
    assert [(r[1], r[2], r[4], r[5], r[6], r[7]) for r in rows] == [
        ("Andi Wijaya", "198001012005011001", "5", "9", "Bukti potensi atau asesmen lain", "Hasil assessment center"),
        ("Rina Kartika", "198502022010012002", "5", "7", "Koreksi data yang keliru", "Nilai SKP salah ketik")]


def test_title_period_date_and_figures(summary):
    doc = _doc(summary)
    text = _text(doc)
    assert doc.paragraphs[0].text == "Berita Acara Penetapan Hasil Pemetaan Talenta"
    assert "Periode 2025" in text and "2 Desember 2026" in text
    figures = {r.cells[0].text: r.cells[1].text for r in _table_with(doc, "Uraian").rows[1:]}
    assert figures["ASN ditempatkan"] == "4" and figures["Dipindah komite"] == "2"
    assert figures["Sudah dibahas"] == "2 (50,0%)" and figures["Menit pembahasan"] == "7,0"
    dist = {r.cells[0].text: (r.cells[1].text, r.cells[2].text) for r in _table_with(doc, "Sebelum").rows[1:]}
    assert list(dist) == [str(k) for k in range(1, 10)]
    assert dist["5"] == ("2", "0") and dist["9"] == ("1", "2") and dist["7"] == ("0", "1")
    assert "DATA SINTETIS" not in text


def test_breaches_acknowledged_are_listed(summary):
    doc = _doc(summary)
    numbered = [p.text for p in doc.paragraphs if p.style.name == "List Number"]
    assert len(numbered) == len(summary["pelanggaran"]) >= 1
    assert numbered[0].startswith("Kotak 9 di atas rentang: 50,0% (pedoman 2–10%)")


def test_attendance_and_signature_lines_chair_first(summary):
    doc = _doc(summary)
    sign = doc.tables[-1]
    lines = [c.text for r in sign.rows for c in r.cells]
    assert [ln.splitlines()[0] for ln in lines] == ["Ketua", "Sekretaris", "Anggota", "Undangan"]
    assert [ln.splitlines()[-1] for ln in lines] == ["( Ir. Siti Rahma )", "( Dewi Lestari )", "( Budi Santoso )",
                                                     "( Pak Inspektur )"]
    present = [[c.text for c in r.cells] for r in _table_with(doc, "Peran").rows[1:]]
    assert present[0] == ["1", "Ir. Siti Rahma", "Ketua"] and len(present) == 4
    assert signatories([{"nama": "X"}]) == [("ba.role.anggota", "X")]


def test_synthetic_marked_and_english(summary):
    doc = _doc(summary, synthetic=True, lang="en")
    text = _text(doc)
    assert "DATA SINTETIS" not in text and "SYNTHETIC DATA" in text
    assert "SYNTHETIC DATA" in doc.sections[0].header.paragraphs[0].text
    assert doc.paragraphs[0].text.startswith("SYNTHETIC DATA")   # above the title
    assert "Minutes of the Penetapan of the Talent Mapping Result" in text
    assert "Kotak 9 above its range" in text
    doc_id = _doc(summary, synthetic=True)
    assert "DATA SINTETIS" in doc_id.sections[0].header.paragraphs[0].text


def test_nobody_moved_and_no_breach():
    s = {"ditempatkan": 0, "dibahas": 0, "dibahas_persen": 0, "dipindah": 0, "menit": 0, "pedoman": [],
         "distribusi": [{"kotak": k, "awal": 0, "akhir": 0} for k in range(1, 10)], "pelanggaran": [], "hadir": []}
    text = _text(_doc(s, moved=MOVED.iloc[0:0]))
    assert "Tidak ada ASN yang dipindah komite." in text and "Tidak ada penyimpangan dari pedoman." in text
