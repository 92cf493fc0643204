"""reports/figure_export.py: the framed 9-box, offline rendering (PNG/PDF) with the system Chromium.

Tests that start Chromium carry the ``browser`` marker; they share one PNG render (two figures, one
browser) and one PDF render per module.
"""
from __future__ import annotations

import io
import re
import socket
import struct
import threading
from datetime import date

import pandas as pd
import pytest
from PIL import Image, PngImagePlugin

from analytics.ninebox import box_summary
from reports import figure_export as fx
from reports.common import ReportError
from reports.figures import ninebox

MADE_ON = date(2026, 11, 29)
TITLE = "Sembilan Kotak Talenta — Periode 2025"
FILTERS = ["Periode: 2025", "OPD: Dinas <b>Kesehatan</b>", "Jenis ASN: PNS"]
# 1,152 people in box 5 so the legend shows a thousands separator; box 6 holds 52 of 1,280 (4,1%)
COUNTS = {1: 10, 2: 20, 3: 6, 4: 4, 5: 1152, 6: 52, 7: 20, 8: 10, 9: 6}


@pytest.fixture(scope="module")
def summary(rules) -> pd.DataFrame:
    kotak = pd.Series([k for k, n in COUNTS.items() for _ in range(n)])
    return box_summary(kotak, rules.boxes)


@pytest.fixture(scope="module")
def framed(summary):
    return fx.framed_ninebox(ninebox.ninebox_grid(summary), TITLE, FILTERS, MADE_ON, summary)


def _texts(fig) -> str:
    return " ".join([fig.layout.title.text or "", fig.layout.title.subtitle.text or ""]
                    + [a.text for a in fig.layout.annotations])


# -- no browser --------------------------------------------------------------------------------

def test_framed_ninebox_carries_title_filters_date_and_legend(summary, framed):
    assert (framed.layout.width, framed.layout.height) == fx.EXPORT_SIZE
    text = _texts(framed)
    assert TITLE in text and "Dibuat 29 November 2026" in text
    assert "Periode: 2025" in text and "Jenis ASN: PNS" in text
    assert "Dinas &lt;b&gt;Kesehatan&lt;/b&gt;" in text          # data text is escaped, not rendered
    assert "<b>1.152</b>" in text and "4,1%" in text             # Indonesian number formats
    for label in summary["label"]:
        assert label.split(",")[0] in text
    legend_numbers = [a.text for a in framed.layout.annotations if a.xref == "paper" and a.xanchor == "center"]
    assert legend_numbers == [f"<b>{k}</b>" for k in range(9, 0, -1)]


@pytest.mark.slow  # about 7 s
def test_framed_ninebox_is_a_copy_and_takes_suppressed_texts(summary):
    grid = ninebox.ninebox_grid(summary)
    before = grid.to_plotly_json()
    shown = summary.assign(jumlah_teks=["< 5" if 0 < n < 5 else str(n) for n in summary["jumlah"]],
                           persen_teks=["–" if 0 < n < 5 else "x" for n in summary["jumlah"]])
    out = fx.framed_ninebox(grid, "T", [], MADE_ON, shown, lang="en")
    assert grid.to_plotly_json() == before
    text = _texts(out)
    assert "&lt; 5" in text and "Made on 29 November 2026" in text and "<b>Box</b>" in text


def test_the_kaleido_page_loads_nothing_from_the_network():
    page = fx.page_generator().generate_index()
    assert not re.search(r"https?://", page), page
    assert "mathjax" not in page.lower()
    assert fx.PLOTLY_JS.as_uri() in page
    # what the guard is for: kaleido's own default page pulls MathJax from a CDN
    from kaleido import PageGenerator
    assert "https://" in PageGenerator().generate_index()


def test_kaleido_options_use_the_system_chromium_and_a_dead_proxy(monkeypatch):
    monkeypatch.setattr(fx.shutil, "which", lambda name: "/usr/bin/chromium" if name == "chromium" else None)
    opts = fx.kaleido_options()
    assert opts["path"] == "/usr/bin/chromium" and opts["proxy_server"] == fx.DEAD_PROXY
    assert opts["proxy_server"].startswith("http://127.0.0.1:")
    assert opts["browser_cls"].__mro__[1].__name__ == "Chromium"
    assert not re.search(r"https?://", opts["page_generator"].generate_index())   # the page kaleido gets
    assert any(f.startswith("--host-resolver-rules=MAP * ~NOTFOUND") for f in fx.EXTRA_CHROMIUM_FLAGS)


def test_missing_chromium_is_a_report_error_in_indonesian(monkeypatch, framed):
    monkeypatch.setattr(fx.shutil, "which", lambda name: None)
    with pytest.raises(ReportError, match="Chromium tidak ditemukan.*apt-get install chromium"):
        fx.render(framed)
    with pytest.raises(ReportError, match="Chromium was not found"):
        fx.render_many([framed], "pdf", lang="en")


def test_unknown_format_is_a_report_error(framed):
    with pytest.raises(ReportError, match="jpeg"):
        fx.render(framed, "jpeg")


def test_png_text_chunks_are_stripped():
    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", "Nama: Budi Santoso, NIP 196601301992031004")
    buf = io.BytesIO()
    Image.new("RGB", (40, 30), "#2e8b57").save(buf, "PNG", pnginfo=info)
    assert b"Budi" in buf.getvalue()
    clean = fx._clean_png(buf.getvalue())
    assert b"Budi" not in clean and _chunks(clean) == [b"IHDR", b"IDAT", b"IEND"]
    with Image.open(io.BytesIO(clean)) as im:
        assert im.size == (40, 30) and im.getpixel((5, 5)) == (0x2E, 0x8B, 0x57)
    assert fx.png_size(clean) == (40, 30)


def test_pdf_metadata_is_one_neutral_title():
    from pypdf import PdfReader, PdfWriter

    w = PdfWriter()
    w.add_blank_page(200, 100)
    w.add_metadata({"/Author": "Budi Santoso", "/Title": "Kaleido-fier", "/Creator": "HeadlessChrome"})
    buf = io.BytesIO()
    w.write(buf)
    reader = PdfReader(io.BytesIO(fx._clean_pdf(buf.getvalue())))
    assert dict(reader.metadata) == {"/Title": "Talenta"} and len(reader.pages) == 1


def _chunks(png: bytes) -> list[bytes]:
    out, i = [], 8
    while i < len(png):
        (n,) = struct.unpack(">I", png[i:i + 4])
        out.append(png[i + 4:i + 8])
        i += 12 + n
    return out


# -- Chromium (like the other browser tests, these fail when Chromium is missing: ./dev.sh test installs it)

@pytest.fixture(scope="module")
def pngs(framed, summary):
    """The framed grid at its export size and the plain grid at 800×500: one browser for both."""
    return fx.render_many([framed, ninebox.ninebox_grid(summary)], "png", sizes=[(None, None), (800, 500)])


@pytest.fixture(scope="module")
def pdf(framed):
    return fx.render(framed, "pdf")


@pytest.mark.browser
def test_png_has_the_size_and_real_content(pngs):
    framed_png, small = pngs
    with Image.open(io.BytesIO(framed_png)) as im:
        assert im.format == "PNG" and im.size == fx.EXPORT_SIZE
        assert not {k for k in im.info if k not in ("dpi", "gamma", "srgb", "transparency")}
        rgb = im.convert("RGB")
        colours = rgb.getcolors(maxcolors=1 << 20)
        assert len(colours) > 200                                         # text, boxes, antialiasing
        box9 = tuple(int(ninebox.BOX_COLOURS[9][i:i + 2], 16) for i in (1, 3, 5))
        assert any(c == box9 for _, c in colours)                       # the legend swatch of box 9
        white = sum(n for n, c in colours if c == (255, 255, 255))
        assert white < 0.8 * im.size[0] * im.size[1]
    assert set(_chunks(framed_png)) <= fx._PNG_KEEP
    assert fx.png_size(small) == (800, 500)


@pytest.mark.browser
def test_pdf_opens_holds_the_text_and_only_a_neutral_title(pdf):
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (1200, 750)   # 1600×1000 px at 96 dpi
    text = reader.pages[0].extract_text()
    for needle in ("Sembilan Kotak Talenta", "Dibuat 29 November 2026", "Jenis ASN: PNS", "1.152", "4,1%"):
        assert needle in text, needle
    assert dict(reader.metadata) == {"/Title": "Talenta"}
    assert reader.xmp_metadata is None


@pytest.mark.browser
def test_rendering_needs_no_network_and_the_page_asks_for_no_cdn(monkeypatch, summary):
    """Every request Chromium makes goes to a loopback trap instead of the dead proxy: the image still
    comes out, and nothing the page needs was asked for (Chromium's own start-up calls to Google
    services do reach the trap; in production they die on the closed port)."""
    trap = socket.socket()
    trap.bind(("127.0.0.1", 0))
    trap.listen(32)
    trap.settimeout(0.2)
    seen: list[bytes] = []
    stop = threading.Event()

    def accept() -> None:
        while not stop.is_set():
            try:
                conn, _ = trap.accept()
            except OSError:
                continue
            with conn:
                conn.settimeout(1)
                try:
                    seen.append(conn.recv(512))
                except OSError:
                    pass

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    monkeypatch.setattr(fx, "DEAD_PROXY", f"http://127.0.0.1:{trap.getsockname()[1]}")
    try:
        png = fx.render(ninebox.ninebox_grid(summary), width=600, height=400)
    finally:
        stop.set()
        thread.join()
        trap.close()
    assert fx.png_size(png) == (600, 400)
    asked = b"\n".join(seen).lower()
    for cdn in (b"mathjax", b"cdnjs", b"cloudflare", b"plot.ly", b"jsdelivr", b"unpkg", b"googleapis.com/css"):
        assert cdn not in asked, asked[:500]
