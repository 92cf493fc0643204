"""reports/deck.py: the 16:9 PowerPoint deck of Mode Presentasi.

One deck with three figures is built per module (one Chromium for all three); the tests that need
it carry the ``browser`` marker. A deck without figures never starts a browser.
"""
from __future__ import annotations

import io
from datetime import date

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import pytest
from PIL import Image
from pptx import Presentation
from pptx.util import Emu

from analytics.ninebox import box_summary
from reports import figure_export as fx
from reports.common import ReportError
from reports.deck import TABLE_ROWS, _water_fill, deck
from reports.figures import ninebox
from reports.slides import Slide

MADE_ON = date(2026, 11, 29)
SUB = "Periode: 2025 · OPD: Semua · Jenis ASN: PNS"


def _vacant(n: int) -> pd.DataFrame:
    return pd.DataFrame({"Jabatan yang akan kosong": [f"Kepala Bidang {i}" for i in range(n)],
                         "OPD": ["Dinas Kesehatan"] * n, "Siap sekarang": np.arange(n) * 1000,
                         "Nilai": np.linspace(70, 90, n)})


@pytest.fixture(scope="module")
def slides(rules) -> list[Slide]:
    summary = box_summary(pd.Series([5] * 1152 + [9] * 48 + [1] * 3), rules.boxes)
    legend = summary.sort_values("kotak", ascending=False)
    table = pd.DataFrame({"Kotak": legend["kotak"].astype(int), "Posisi": legend["label"],
                          "Jumlah": ["< 5" if 0 < n < 5 else f"{n:,}".replace(",", ".") for n in legend["jumlah"]]})
    bars = go.Figure(go.Bar(y=["JPT", "Administrator", "Pengawas"], x=[90, 60, 30], orientation="h"))
    bars.update_layout(height=300)
    heat = go.Figure(go.Heatmap(z=np.arange(81).reshape(9, 9)))
    heat.update_layout(height=520)
    return [
        Slide("angka", "Angka utama 2025", SUB, metrics=(("ASN", "6.012"), ("Diprofil CACT", "1.152 / 1.152"),
                                                         ("Kelompok suksesi", "347"), ("Jabatan lowong", "5")),
              notes=("1.239 ditempatkan, 4.773 belum diprofil.",)),
        Slide("sembilan-kotak", "Sembilan kotak 2025", SUB, figure=ninebox.ninebox_grid(summary, height=620),
              table=table),
        Slide("pergerakan", "Pergerakan 2024 → 2025", SUB, metrics=(("Naik", "150"), ("Turun", "40")),
              figure=heat, notes=("Baris: kotak 2024; kolom: kotak 2025.",)),
        Slide("profiling", "Cakupan profiling", SUB, figure=bars, notes=("Catatan A.", "Catatan B.")),
        Slide("suksesi", "Suksesi", SUB, metrics=(("Jabatan lowong", "15"),), table=_vacant(15),
              notes=("Kesiapan per 29 November 2026.",)),
    ]


@pytest.fixture(scope="module")
def pptx(slides) -> Presentation:
    return Presentation(io.BytesIO(deck(slides, "Presentasi Talenta 2025", "BKPSDM Kota Serang", made_on=MADE_ON)))


def _texts(slide) -> list[str]:
    out = []
    for shape in slide.shapes:
        if shape.has_text_frame:
            out.append(shape.text_frame.text)
        if shape.has_table:
            out += [c.text for row in shape.table.rows for c in row.cells]
    return out


@pytest.mark.browser
def test_deck_is_16_9_with_a_title_slide_and_one_slide_per_slide(pptx, slides):
    assert (pptx.slide_width, pptx.slide_height) == (Emu(12192000), Emu(6858000))   # PowerPoint's 16:9
    assert len(pptx.slides) == len(slides) + 1
    first = " ".join(_texts(pptx.slides[0]))
    assert "Presentasi Talenta 2025" in first and "BKPSDM Kota Serang" in first and "Dibuat 29 November 2026" in first
    for n, (page, s) in enumerate(zip(list(pptx.slides)[1:], slides), start=2):
        texts = _texts(page)
        assert s.title in texts and SUB in texts
        assert "Presentasi Talenta 2025 · Dibuat 29 November 2026" in texts
        assert f"{n} / {len(slides) + 1}" in texts
        for label, value in s.metrics:
            assert label in texts and value in texts
        for note in s.notes:
            assert f"• {note}" in "\n".join(texts)
            assert note in page.notes_slide.notes_text_frame.text


@pytest.mark.browser
def test_figures_are_large_pictures_inside_the_slide(pptx, slides):
    for page, s in zip(list(pptx.slides)[1:], slides):
        pictures = [sh for sh in page.shapes if sh.shape_type == 13]
        assert len(pictures) == (1 if s.figure is not None else 0), s.key
        for pic in pictures:
            assert pic.left >= 0 and pic.top >= 0
            assert pic.left + pic.width <= pptx.slide_width and pic.top + pic.height <= pptx.slide_height
            assert pic.width > pptx.slide_width * 0.5                  # large
            with Image.open(io.BytesIO(pic.image.blob)) as im:
                # drawn at the size it is shown (96 px per inch), twice as many pixels
                assert abs(im.size[1] - 2 * pic.height / 914400 * 96) <= 2
                assert len(im.convert("RGB").getcolors(maxcolors=1 << 20)) > 20
                assert abs(im.size[0] / im.size[1] - pic.width / pic.height) < 0.02   # not distorted


@pytest.mark.browser
def test_tables_are_native_capped_and_formatted(pptx):
    ninebox, succession = pptx.slides[2], pptx.slides[5]
    table = next(sh for sh in ninebox.shapes if sh.has_table).table
    assert [c.text for c in table.rows[0].cells] == ["Kotak", "Posisi", "Jumlah"]
    assert [table.cell(i, 2).text for i in (1, 5, 9)] == ["48", "1.152", "< 5"]
    table = next(sh for sh in succession.shapes if sh.has_table).table
    assert len(table.rows) == 1 + TABLE_ROWS + 1
    assert table.cell(len(table.rows) - 1, 0).text == "… dan 3 lainnya"
    assert table.cell(3, 2).text == "2.000" and table.cell(1, 3).text == "70"
    shape = next(sh for sh in succession.shapes if sh.has_table)
    assert shape.left + sum(c.width for c in table.columns) <= pptx.slide_width


@pytest.mark.browser
def test_properties_name_no_person(pptx):
    cp = pptx.core_properties
    assert cp.author == "Talenta" and cp.last_modified_by == "Talenta"
    assert cp.title == "Presentasi Talenta 2025" and cp.comments == "" and cp.subject == ""


def test_deck_without_figures_needs_no_browser(monkeypatch):
    monkeypatch.setattr(fx.shutil, "which", lambda name: None)
    data = deck([Slide("suksesi", "Suksesi", table=_vacant(3), metrics=(("Jabatan lowong", "3"),)),
                 Slide("catatan", "Catatan", notes=("Satu.", "Dua."))], "Judul", lang="en", made_on=MADE_ON)
    prs = Presentation(io.BytesIO(data))
    assert len(prs.slides) == 3
    texts = _texts(prs.slides[1])
    assert "Made on 29 November 2026" in " ".join(_texts(prs.slides[0])) and "2 / 3" in texts
    assert "• Satu.\n• Dua." in _texts(prs.slides[2])


def test_deck_with_a_figure_and_no_chromium_is_a_report_error(monkeypatch):
    monkeypatch.setattr(fx.shutil, "which", lambda name: None)
    with pytest.raises(ReportError, match="Chromium tidak ditemukan"):
        deck([Slide("x", "X", figure=go.Figure(go.Bar(x=[1], y=[2])))], "Judul")


def test_water_fill_gives_short_columns_their_need():
    assert _water_fill([1, 1, 10, 10], 8) == [1, 1, 3, 3]
    assert sum(_water_fill([1, 2, 3], 12)) == pytest.approx(12)
