"""reports/figures/margins.py: the room a 9-box chart's axis labels take, reserved so plotly draws it once.

The needs below were measured in Chromium on plotly's own margins (``_pushmargin``) with Streamlit's font, for
tick labels of 15 px: the estimate must cover each (else plotly draws the chart a second time) and waste
little (else the chart shrinks)."""
from __future__ import annotations

import pandas as pd
import pytest

from analytics.ninebox import box_summary
from common.i18n import t
from reports.figures import ninebox
from reports.figures.margins import axis_margins, text_px

ID_Y = ["Di bawah ekspektasi", "Sesuai ekspektasi", "Di atas ekspektasi"]
EN_Y = ["Below expectations", "Meets expectations", "Above expectations"]
CUTS_X = ["Rendah<br>< 2,5", "Menengah<br>2,5 – < 3,5", "Tinggi<br>≥ 3,5"]
PLAIN_X = ["Rendah", "Menengah", "Tinggi"]
# (y ticks, x ticks, title px) → plotly's measured (left, bottom) need
MEASURED = [
    (ID_Y, CUTS_X, 18, 182.8, 91.1), (EN_Y, CUTS_X, 18, 177.5, 91.1), (ID_Y, PLAIN_X, 18, 182.8, 71.6),
    (["Rendah", "Sedang", "Tinggi"], PLAIN_X, 18, 103.7, 71.6), (["WWWWWWWW"], PLAIN_X, 18, 149.9, 71.6),
    (["iiiiiiiiiiiiiiiiii"], PLAIN_X, 18, 122.0, 71.6), (["Kurang sekali ekspektasi kerja"], CUTS_X, 18, 242.9, 91.1),
    (["Baik", "Sangat baik", "Butuh perbaikan"], PLAIN_X, 18, 160.3, 71.6),
    (ID_Y, CUTS_X, 16, 181.4, 89.7), (EN_Y, PLAIN_X, 16, 176.1, 70.2)]


@pytest.mark.parametrize(("y", "x", "title", "left", "bottom"), MEASURED)
def test_reserved_margins_cover_what_plotly_measured_and_waste_little(y, x, title, left, bottom):
    m = axis_margins(y, x, title_size=title)
    assert left <= m["l"] <= left + 10
    assert bottom <= m["b"] <= bottom + 10
    assert m["r"] == m["t"] == 10


def test_text_width_ignores_markup_and_counts_unknown_glyphs_wide():
    assert text_px("<b>Kinerja</b>", 15) == text_px("Kinerja", 15)
    assert text_px("iii", 15) < text_px("WWW", 15)
    assert text_px("漢", 10) == pytest.approx(8.5)   # wider than most Latin letters: never under-reserved


@pytest.fixture(scope="module")
def summary(rules) -> pd.DataFrame:
    return box_summary(pd.Series([5, 5, 9, 1]), rules.boxes)


@pytest.mark.parametrize("lang", ["id", "en"])
def test_the_grid_reserves_its_labels_room_in_its_language(summary, lang):
    fig = ninebox.ninebox_grid(summary, lang=lang)
    y = [t(f"grid.{c}", lang=lang) for c in ninebox.AXIS_PERF]
    assert fig.layout.margin.l == axis_margins(y, list(fig.layout.xaxis.ticktext), 16)["l"]
    assert fig.layout.margin.l >= {"id": 181.4, "en": 176.1}[lang]


def test_the_dots_chart_reserves_two_tick_lines_under_the_axis_with_cut_offs(summary):
    one = pd.DataFrame({"x": [0.5], "y": [0.5], "nip": ["N1"], "nama": ["A"], "jabatan": ["J"], "opd_nama": ["O"],
                        "predikat_efektif": ["Baik"], "jpm_teks": ["80"], "kotak": [1]})
    with_cuts, _ = ninebox.ninebox_scatter(one, summary, None, (2.5, 3.5))
    plain, _ = ninebox.ninebox_scatter(one, summary, None, None)
    assert with_cuts.layout.margin.b >= 91.1 and 71.6 <= plain.layout.margin.b < with_cuts.layout.margin.b
    assert with_cuts.layout.margin.l >= 182.8
