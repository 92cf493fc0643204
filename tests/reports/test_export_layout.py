"""Every chart that leaves the app as a file is drawn for its final size: no text outside the canvas,
no two labels on top of each other.

The charts are the ones the export menu and the deck draw (the framed 9-box for PNG, A4 PDF and the
screen PDF, the Sembilan Kotak dots with an OPD legend, every figure of every slide at the size the
deck renders it), built with Streamlit imported as in the app (its plotly template is then the
default), rendered to SVG through the same offline kaleido path as the files, and measured in
Chromium: ``getBoundingClientRect`` of every drawn ``<text>``.
"""
from __future__ import annotations

import shutil
from datetime import date
from itertools import combinations

import numpy as np
import pandas as pd
import pytest

from data.store import EVERYTHING, Filters, open_store
from reports import deck
from reports import figure_export as fx
from reports.figures import ninebox as ninebox_figures
from ui import export_menu, presentation
from ui.frame import Context

pytestmark = pytest.mark.slow        # a demo deck's figures through kaleido, then Chromium: about 30 s

TOLERANCE = 1.0                      # px: anti-aliasing and rounding of text boxes

TEXT_BOXES = """() => {
  const root = document.querySelector('svg.main-svg').getBoundingClientRect();
  const out = [];
  for (const el of document.querySelectorAll('svg text')) {
    const text = (el.textContent || '').trim();
    const style = getComputedStyle(el);
    if (!text || style.display === 'none' || style.visibility === 'hidden' || Number(style.opacity) === 0) continue;
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) continue;
    out.push({text, x: r.left - root.left, y: r.top - root.top, w: r.width, h: r.height});
  }
  return {w: root.width, h: root.height, texts: out};
}"""


def _points(summary: pd.DataFrame, n: int = 400, seed: int = 7) -> pd.DataFrame:
    """Dots for the scatter: ``n`` people spread over the boxes, in eight OPDs with long names."""
    rng = np.random.default_rng(seed)
    cells = summary[["kotak", "kolom", "baris"]].to_numpy()
    pick = cells[rng.integers(0, len(cells), n)]
    opd = [f"Dinas Pekerjaan Umum dan Penataan Ruang Wilayah {i}" for i in range(12)]
    return pd.DataFrame({
        "nip": [f"19800101200501{i:04d}" for i in range(n)], "nama": [f"ASN {i}" for i in range(n)],
        "jabatan": "Analis", "opd_nama": [opd[i % len(opd)] for i in range(n)], "predikat_efektif": "Baik",
        "jpm_teks": "75", "kotak": pick[:, 0], "x": pick[:, 1] + rng.uniform(0.05, 0.95, n),
        "y": pick[:, 2] + rng.uniform(0.05, 0.95, n), "sampel": np.arange(n)})


@pytest.fixture(scope="module")
def charts(demo_db, tmp_path_factory) -> list[tuple[str, bytes]]:
    path = tmp_path_factory.mktemp("layout") / "demo.duckdb"
    shutil.copy(demo_db, path)
    s = open_store(path)
    try:
        key, rules = s.setting("kunci_samaran").encode(), s.rules(2025)
    finally:
        s.close()
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("TALENTA_DB", str(path))
        ctx = Context(period=2025, filters=Filters(), synthetic=True, scope=EVERYTHING)
        r = export_menu.Request(ctx, "id", "admin", False, 0, key)
        named: list[tuple[str, object, tuple[int | None, int | None]]] = [
            (f"9-kotak {kind} {page}", export_menu.ninebox_figure(r, kind, page), (None, None))
            for kind, page in (("png", "a4"), ("pdf", "a4"), ("pdf", "layar"))]
        english = export_menu.Request(ctx, "en", "admin", False, 0, key)
        hidden = export_menu.Request(ctx, "id", "admin", True, 30, key)   # the switch on: small boxes read *
        named += [("9-kotak png en", export_menu.ninebox_figure(english, "png"), (None, None)),
                  ("9-kotak pdf a4 en", export_menu.ninebox_figure(english, "pdf"), (None, None)),
                  ("9-kotak png disamarkan", export_menu.ninebox_figure(hidden, "png"), (None, None))]
        summary = export_menu._summary(r)
        _, hi, mid = rules.cutoff("potensial")
        for colour in ("kotak", "opd_nama"):
            dots, _ = ninebox_figures.ninebox_scatter(_points(summary), summary, colour, (mid, hi))
            named.append((f"sebaran {colour}", fx.framed_ninebox(
                dots, "Sembilan Kotak Talenta ASN — Periode 2025", presentation.filter_lines(ctx, "id"),
                date(2026, 12, 3), ninebox_figures.with_count_labels(summary, 0, "id"), synthetic=True), (None, None)))
        for s in presentation.build(ctx, "id", date(2026, 12, 3), min_count=0):
            if s.figure is not None:
                named.append((f"slide {s.key}", s.figure, deck._pixel_size(s.figure, deck._layout(s)["figure"])))
        svgs = fx.render_many([f for _, f, _ in named], "svg", sizes=[size for *_, size in named])
    return [(name, svg) for (name, *_), svg in zip(named, svgs)]


@pytest.fixture(scope="module")
def measured(charts, browser) -> list[tuple[str, dict]]:
    page = browser.new_page()
    out = []
    for name, svg in charts:
        page.set_content(f"<html><body style='margin:0'>{svg.decode()}</body></html>")
        out.append((name, page.evaluate(TEXT_BOXES)))
    page.close()
    return out


def _overlap(a: dict, b: dict) -> float:
    dx = min(a["x"] + a["w"], b["x"] + b["w"]) - max(a["x"], b["x"])
    dy = min(a["y"] + a["h"], b["y"] + b["h"]) - max(a["y"], b["y"])
    return min(dx, dy)


def test_the_exported_charts_are_all_there(measured):
    names = [name for name, _ in measured]
    assert {"slide sembilan-kotak", "slide pergerakan", "slide profiling"} <= set(names), names
    assert all(len(m["texts"]) >= 5 for _, m in measured)


def test_every_text_lies_inside_the_canvas(measured):
    outside = [(name, t["text"], round(t["x"]), round(t["y"]), round(t["w"]), round(t["h"]))
               for name, m in measured for t in m["texts"]
               if t["x"] < -TOLERANCE or t["y"] < -TOLERANCE or t["x"] + t["w"] > m["w"] + TOLERANCE
               or t["y"] + t["h"] > m["h"] + TOLERANCE]
    assert outside == []


def test_no_two_labels_overlap(measured):
    clashes = [(name, a["text"], b["text"]) for name, m in measured for a, b in combinations(m["texts"], 2)
               if _overlap(a, b) > TOLERANCE]
    assert clashes == []


def test_axis_labels_of_the_movement_matrix_name_the_boxes(measured):
    texts = {t["text"] for name, m in measured if name == "slide pergerakan" for t in m["texts"]}
    assert {str(k) for k in range(1, 10)} <= texts


def test_an_english_file_names_the_boxes_in_english(measured):
    """The builders run on the click, outside the page run: the file's language is the request's."""
    texts = [t["text"] for name, m in measured if name == "9-kotak png en" for t in m["texts"]]
    assert texts and not [x for x in texts if "ekspektasi" in x or "Kinerja" in x or "Potensial" in x]
