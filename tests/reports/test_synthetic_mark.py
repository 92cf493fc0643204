"""A file made from demo data says so: "DATA SINTETIS" on the 9-box PNG and PDF, on every slide of the
deck (and its title slide), on every sheet of the Excel report and in the berita acara; a file made
from real data carries no such mark (and the Excel summary no longer claims demo names are real).

The files are the ones behind the download buttons (``ui/export_menu.py``), built from a demo database
and from the same content recorded as imported (``real_db``), one set each per module.
"""
from __future__ import annotations

import io
import shutil
from datetime import date

import numpy as np
import pandas as pd
import pytest
from docx import Document
from openpyxl import load_workbook
from PIL import Image
from pptx import Presentation
from pypdf import PdfReader

from analytics.penetapan import review
from common.i18n import t
from data.store import EVERYTHING, Filters, open_store
from reports import figure_export as fx
from reports.berita_acara import berita_acara
from ui import export_menu
from ui.frame import Context

pytestmark = pytest.mark.slow        # two sets of files, one Chromium per PNG/PDF/deck: about 40 s

MARK = t("file.synthetic", lang="id")
OPD = "DINKES"                       # one OPD keeps the workbook small
RED = (0xB0, 0x00, 0x20)


def _files(db, tmp_path_factory, name: str) -> dict:
    path = tmp_path_factory.mktemp(f"mark-{name}") / f"{name}.duckdb"
    shutil.copy(db, path)
    s = open_store(path)
    try:
        key, synthetic = s.setting("kunci_samaran").encode(), s.has_synthetic_data()
    finally:
        s.close()
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("TALENTA_DB", str(path))
        ctx = Context(period=2025, filters=Filters(opd_ids=(OPD,)), synthetic=synthetic, scope=EVERYTHING)
        r = export_menu.Request(ctx, "id", "admin", False, 0, key)
        return {"synthetic": synthetic, "png": export_menu.ninebox(r, "png"), "pdf": export_menu.ninebox(r, "pdf"),
                "pdf_layar": export_menu.ninebox(r, "pdf", "layar"),
                "svg": fx.render(export_menu.ninebox_figure(r, "png"), "svg"),
                "pptx": export_menu.slides(r), "xlsx": export_menu.report(r)}


@pytest.fixture(scope="module")
def demo(demo_db, tmp_path_factory) -> dict:
    return _files(demo_db, tmp_path_factory, "demo")


@pytest.fixture(scope="module")
def real(real_db, tmp_path_factory) -> dict:
    return _files(real_db, tmp_path_factory, "real")


def _red_pixels(png: bytes) -> int:
    """Pixels of the mark's red in the top right quarter of the picture (where the badge sits)."""
    img = Image.open(io.BytesIO(png)).convert("RGB")
    w, h = img.size
    corner = img.crop((w // 2, 0, w, h // 4))
    px = np.asarray(corner, dtype=int)
    return int((np.abs(px - np.array(RED)).max(axis=2) <= 24).sum())


def _pdf_text(data: bytes) -> str:
    return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)


def _slide_texts(data: bytes) -> list[str]:
    prs = Presentation(io.BytesIO(data))
    return ["\n".join(sh.text_frame.text for sh in slide.shapes if sh.has_text_frame) for slide in prs.slides]


def _sheets(data: bytes) -> dict[str, tuple[list[str], str]]:
    """Sheet name → (the text of its first five rows, its printed page header)."""
    wb = load_workbook(io.BytesIO(data))
    return {ws.title: ([str(c.value) for row in ws.iter_rows(max_row=5) for c in row if c.value is not None],
                       ws.oddHeader.center.text or "") for ws in wb.worksheets}


def test_the_databases_are_what_the_test_says(demo, real):
    assert demo["synthetic"] and not real["synthetic"]


def test_png_and_pdf_of_demo_data_carry_the_mark(demo):
    assert MARK in demo["svg"].decode()                     # the text drawn on the canvas
    assert _red_pixels(demo["png"]) > 500                   # the badge, in the top right corner
    for kind in ("pdf", "pdf_layar"):
        assert MARK in _pdf_text(demo[kind]), kind


def test_pdf_is_a4_landscape_by_default_and_the_screen_size_on_request(demo):
    a4 = PdfReader(io.BytesIO(demo["pdf"])).pages[0].mediabox
    assert (round(float(a4.width)), round(float(a4.height))) == (842, 595)
    screen = PdfReader(io.BytesIO(demo["pdf_layar"])).pages[0].mediabox
    assert (round(float(screen.width)), round(float(screen.height))) == (1200, 750)
    assert len(PdfReader(io.BytesIO(demo["pdf"])).pages) == 1


def test_every_slide_of_a_demo_deck_carries_the_mark_and_the_title_slide_says_so(demo):
    texts = _slide_texts(demo["pptx"])
    assert len(texts) >= 4
    assert [i for i, text in enumerate(texts) if MARK not in text] == []
    assert t("file.synthetic_cover", lang="id") in texts[0]


def test_every_sheet_of_a_demo_report_carries_the_mark_and_the_summary_does_not_claim_real_names(demo):
    sheets = _sheets(demo["xlsx"])
    assert len(sheets) >= 10                                  # summary, nine boxes, shortlists …
    unmarked = [name for name, (cells, header) in sheets.items()
                if not any(MARK in c for c in cells) or MARK not in header]
    assert unmarked == []
    summary = next(iter(sheets.values()))[0]
    assert t("file.synthetic_cover", lang="id") in summary
    wb = load_workbook(io.BytesIO(demo["xlsx"]))
    every = [str(c.value) for row in wb.worksheets[0].iter_rows() for c in row if c.value is not None]
    assert t("rep.wb.anonymised_no", lang="id") not in every
    assert t("file.anonymised_synthetic", lang="id") in every


def test_files_from_real_data_carry_no_mark(real):
    assert MARK not in real["svg"].decode()
    assert _red_pixels(real["png"]) == 0
    assert MARK not in _pdf_text(real["pdf"])
    assert all(MARK not in text for text in _slide_texts(real["pptx"]))
    assert all(not any(MARK in c for c in cells) and MARK not in header
               for cells, header in _sheets(real["xlsx"]).values())
    wb = load_workbook(io.BytesIO(real["xlsx"]))
    every = [str(c.value) for row in wb.worksheets[0].iter_rows() for c in row if c.value is not None]
    assert t("rep.wb.anonymised_no", lang="id") in every     # real names and NIPs: said as before


@pytest.mark.parametrize("synthetic", [True, False])
def test_berita_acara_carries_the_mark_only_from_demo_data(synthetic):
    placed = pd.DataFrame({"nip": ["a", "b"], "kotak_awal": [5, 5], "kotak": [9, 5], "opd_nama": ["Dinas A"] * 2})
    calib = pd.DataFrame({"nip": ["a"], "kotak_awal": [5], "kotak_baru": [9], "alasan_kode": ["BUKTI_POTENSI"]})
    disc = pd.DataFrame({"nip": ["a"], "dibahas": [True], "detik": [300]})
    guide = pd.DataFrame([(None, "9", "Kotak 9", 2.0, 10.0, "uji")],
                         columns=["period", "kotak", "label", "persen_min", "persen_max", "sumber"])
    summary = {**review(placed, calib, disc, guide), "hadir": [{"nama": "Ketua Komite", "peran": "ketua"}],
               "periode": 2025}
    moved = pd.DataFrame({"nama": ["Andi"], "nip": ["198001012005011001"], "jabatan": ["Analis"],
                          "opd_nama": ["Dinas A"], "kotak_awal": [5], "kotak": [9], "alasan": ["Bukti potensi"],
                          "komentar": [""]})
    data = berita_acara(period=2025, summary=summary, finalised_on=date(2026, 12, 2), finalised_by="ketua",
                        moved=moved, synthetic=synthetic, anonymised=False, made_on=date(2026, 12, 3), made_by="admin")
    doc = Document(io.BytesIO(data))
    header = "\n".join(p.text for p in doc.sections[0].header.paragraphs)
    body = "\n".join(p.text for p in doc.paragraphs)
    assert (MARK in header, MARK in body) == (synthetic, synthetic)


def test_every_shape_of_the_demo_deck_lies_on_its_slide_and_the_badge_covers_no_text(demo):
    prs = Presentation(io.BytesIO(demo["pptx"]))
    W, H = prs.slide_width, prs.slide_height
    off, covered = [], []
    for n, slide in enumerate(prs.slides, start=1):
        shapes = list(slide.shapes)
        off += [(n, sh.name) for sh in shapes
                if sh.left < 0 or sh.top < 0 or sh.left + sh.width > W or sh.top + sh.height > H]
        badge = [sh for sh in shapes if sh.has_text_frame and sh.text_frame.text.split("\n")[0] == MARK]
        assert len(badge) == 1, n
        b = badge[0]
        for sh in shapes:
            if sh is b or not (sh.has_text_frame and sh.text_frame.text.strip()):
                continue
            if (min(b.left + b.width, sh.left + sh.width) > max(b.left, sh.left)
                    and min(b.top + b.height, sh.top + sh.height) > max(b.top, sh.top)):
                covered.append((n, sh.text_frame.text[:40]))
    assert off == [] and covered == []
