"""Plotly figures to PNG or PDF, offline, with kaleido and the system Chromium.

Offline by construction, three layers:

1. The page kaleido loads into Chromium is ours (:func:`page_generator`): plotly.js from the
   installed plotly package as a ``file://`` URL and **no MathJax** (kaleido's default adds the
   MathJax CDN script, which is what ``fig.to_image`` leaves in). Missing plotly.js is an error,
   never the CDN fallback kaleido would choose by itself.
2. Chromium is told every request goes through a proxy on a loopback port nothing listens on, and
   host names resolve to nothing. Measured with a listening trap instead of the dead port, Debian's
   Chromium still reaches for www.google.com, accounts.google.com and clients2.google.com (network
   time) on start, whatever the background-networking flags say: those requests die on the machine.
3. The browser is always the one ``shutil.which("chromium")`` finds, passed explicitly, so neither
   ``BROWSER_PATH`` nor a Chrome downloaded by ``kaleido_get_chrome`` is ever used.

Each render starts Chromium (about 2 s): :func:`render_many` renders a list with one browser.
No Streamlit here.
"""
from __future__ import annotations

import asyncio
import html
import io
import shutil
import struct
import textwrap
import threading
from collections.abc import Sequence
from copy import deepcopy
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

import pandas as pd
import plotly
import plotly.graph_objects as go

from common.i18n import t
from common.palette import INK, box_colour
from reports.common import NEUTRAL_AUTHOR, ReportError, ink_on, legend_texts, tanggal

FORMATS = ("png", "pdf", "svg")          # svg: for the layout tests (text boxes)
PLOTLY_JS = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
# Port 9 is the discard port: nothing listens on it on our machines, so a request sent to this
# "proxy" is refused on the loopback interface and never leaves the machine.
DEAD_PROXY = "http://127.0.0.1:9"
EXTRA_CHROMIUM_FLAGS = (
    "--disable-background-networking",
    "--disable-features=NetworkTimeServiceQuerying",
    "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
)
RENDER_TIMEOUT_S = 60
EXPORT_SIZE = (1600, 1000)          # framed 9-box: width, height in px (PNG; the "screen" PDF, 1200×750 pt)
# The A4 landscape PDF: drawn on a canvas of A4's proportions, then the page scaled to exactly A4
A4_PT = (841.89, 595.28)
A4_CANVAS = (1400, 990)
PDF_PAGES = ("a4", "layar")         # the PDF sizes offered: A4 landscape (default), the 1200×750 pt screen page
SYNTHETIC_RED = "#b00020"
FONT_FAMILY = "Liberation Sans, Arial, DejaVu Sans, sans-serif"
# PNG chunks kept: image data and colour information; text (tEXt/zTXt/iTXt), EXIF and time go
_PNG_KEEP = {b"IHDR", b"PLTE", b"IDAT", b"IEND", b"tRNS", b"gAMA", b"cHRM", b"sRGB", b"iCCP", b"sBIT", b"pHYs"}
_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


# -- browser and page -------------------------------------------------------------------------

def chromium_path(lang: str = "id") -> str:
    """The system Chromium (Debian package ``chromium``), or a ReportError saying how to install it."""
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if not path:
        raise ReportError(t("rep.err.no_chromium", lang=lang))
    return path


def page_generator(lang: str = "id"):
    """The HTML page kaleido renders in: local plotly.js, no MathJax, no other script."""
    from kaleido import PageGenerator

    if not PLOTLY_JS.is_file():
        raise ReportError(t("rep.err.plotlyjs", lang=lang))
    return PageGenerator(plotly=(PLOTLY_JS.as_uri(), "utf-8"), mathjax=False)


@cache
def _offline_chromium():
    """choreographer's Chromium with the extra offline flags (``browser_cls`` of choreographer's
    Browser is how a caller chooses the launcher; its own kwargs have no free-form flags)."""
    from choreographer.browsers.chromium import Chromium

    class OfflineChromium(Chromium):
        def get_cli(self):
            return [*super().get_cli(), *EXTRA_CHROMIUM_FLAGS]

    return OfflineChromium


def kaleido_options(lang: str = "id") -> dict[str, Any]:
    """Keyword arguments for ``kaleido.Kaleido``: our page, the system Chromium, the dead proxy."""
    return {"page_generator": page_generator(lang), "path": chromium_path(lang), "proxy_server": DEAD_PROXY,
            "browser_cls": _offline_chromium(), "enable_extensions": False, "timeout": RENDER_TIMEOUT_S, "n": 1}


# -- rendering --------------------------------------------------------------------------------

def render(fig: go.Figure | dict, fmt: str = "png", *, width: int | None = None, height: int | None = None,
           scale: float = 1, lang: str = "id") -> bytes:
    """One figure as PNG or PDF bytes (starts and stops one Chromium, about 2 s)."""
    return render_many([fig], fmt, sizes=[(width, height)], scale=scale, lang=lang)[0]


def render_many(figs: Sequence[go.Figure | dict], fmt: str = "png", *,
                sizes: Sequence[tuple[int | None, int | None]] | None = None, scale: float = 1,
                lang: str = "id") -> list[bytes]:
    """Several figures with one Chromium, in order. ``sizes`` gives (width, height) in px per figure;
    None (or a None in a pair) keeps the figure's own layout size (plotly's 700×500 when unset).

    Kaleido is driven through its ``Kaleido`` async context directly, never through
    ``kaleido.calc_fig_sync``: that one silently drops its ``kopts`` (our offline page and browser
    included, only a warning) whenever anything in the process has started kaleido's global sync
    server."""
    if fmt not in FORMATS:
        raise ReportError(t("rep.err.format", lang=lang, fmt=fmt))
    if not figs:
        return []
    sizes = list(sizes) if sizes is not None else [(None, None)] * len(figs)
    if len(sizes) != len(figs):
        raise ValueError("sizes must have one (width, height) per figure")
    kopts = kaleido_options(lang)
    dicts = [_fig_dict(f) for f in figs]
    specs = [(d, _opts(d, fmt, w, h, scale)) for d, (w, h) in zip(dicts, sizes)]
    try:
        raw = _run_in_thread(_render_all(kopts, specs, lang))
    except ReportError:
        raise
    except Exception as e:  # anything else from kaleido/choreographer: one sentence for the user
        raise ReportError(t("rep.err.render", lang=lang, detail=str(e)[:200] or type(e).__name__)) from e
    clean = {"png": _clean_png, "pdf": _clean_pdf, "svg": _as_bytes}[fmt]
    return [clean(b) for b in raw]


async def _render_all(kopts: dict[str, Any], specs: list[tuple[dict, dict]], lang: str) -> list[bytes]:
    import kaleido
    from choreographer.errors import BrowserFailedError, ChromeNotFoundError

    try:
        async with kaleido.Kaleido(**kopts) as k:
            return [await k.calc_fig(fig, opts=opts) for fig, opts in specs]
    except ChromeNotFoundError as e:
        raise ReportError(t("rep.err.no_chromium", lang=lang)) from e
    except (BrowserFailedError, TimeoutError) as e:   # asyncio.TimeoutError is TimeoutError since 3.11
        raise ReportError(t("rep.err.render", lang=lang, detail=type(e).__name__)) from e


def _run_in_thread(coro) -> Any:
    """Run a coroutine to completion on a fresh event loop in its own thread, so it works whether
    or not the caller already runs an event loop (Streamlit script threads, notebooks, tests)."""
    box: dict[str, Any] = {}

    def target() -> None:
        try:
            box["value"] = asyncio.run(coro)
        except BaseException as e:  # noqa: BLE001 handed to the caller's thread
            box["error"] = e

    th = threading.Thread(target=target, name="talenta-kaleido", daemon=True)
    th.start()
    th.join()
    if "error" in box:
        raise box["error"]
    return box["value"]


def _fig_dict(fig: go.Figure | dict) -> dict:
    """The figure as a dict with the export template: plotly's white template, our font and ink.

    A figure built in the app carries Streamlit's template once Streamlit is imported: placeholder
    colours the web page swaps and no ``automargin``, so a file drawn from it cuts axis labels at the
    edge (margins of 10 px). The export template gives every axis ``automargin``: labels push the
    margins instead of being cut."""
    import plotly.io as pio

    d = fig.to_dict() if hasattr(fig, "to_dict") else deepcopy(fig)
    layout = d.setdefault("layout", {})
    template = pio.templates["plotly_white"].to_plotly_json()
    template["layout"]["font"] = {**template["layout"].get("font", {}), "family": FONT_FAMILY, "color": INK}
    layout["template"] = template
    for key, axis in layout.items():
        if key[:5] in ("xaxis", "yaxis") and isinstance(axis, dict):
            axis.setdefault("automargin", True)
    return d


def _opts(fig: dict, fmt: str, width: int | None, height: int | None, scale: float) -> dict:
    layout = fig.get("layout", {})
    return {"format": fmt, "width": int(width or layout.get("width") or 700),
            "height": int(height or layout.get("height") or 500), "scale": scale}


def _clean_png(data: bytes) -> bytes:
    """The PNG with only image and colour chunks: no text, EXIF or time chunk can carry anything."""
    if not data.startswith(_PNG_SIGNATURE):
        raise ReportError(t("rep.err.render", lang="id", detail="PNG"))
    out, i = [_PNG_SIGNATURE], len(_PNG_SIGNATURE)
    while i + 8 <= len(data):
        (length,) = struct.unpack(">I", data[i:i + 4])
        kind = data[i + 4:i + 8]
        end = i + 12 + length
        if kind in _PNG_KEEP:
            out.append(data[i:end])
        i = end
        if kind == b"IEND":
            break
    return b"".join(out)


def _as_bytes(data: bytes | str) -> bytes:
    return data.encode("utf-8") if isinstance(data, str) else data


def png_size(data: bytes) -> tuple[int, int]:
    """(width, height) in pixels from a PNG's header."""
    if not data.startswith(_PNG_SIGNATURE) or data[12:16] != b"IHDR":
        raise ValueError("not a PNG")
    return struct.unpack(">II", data[16:24])


def _clean_pdf(data: bytes, title: str = NEUTRAL_AUTHOR) -> bytes:
    """The PDF with a document info of one neutral title (Chromium writes its page title, user agent,
    producer and dates) and no XMP metadata."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import NameObject

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    writer.metadata = None
    writer.add_metadata({"/Title": title})
    root = writer.root_object
    if NameObject("/Metadata") in root:
        del root[NameObject("/Metadata")]
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


# -- the 9-box framed for export ----------------------------------------------------------------

def framed_ninebox(fig: go.Figure, title: str, filter_lines: Sequence[str], made_on: date,
                   legend_rows: pd.DataFrame, lang: str = "id", *, size: tuple[int, int] = EXPORT_SIZE,
                   synthetic: bool = False) -> go.Figure:
    """A copy of the page's 9-box figure (grid or scatter) sized for export (``size`` px, 1600×1000 by
    default; :data:`A4_CANVAS` for the A4 PDF): title, a subtitle with the filters and the date made,
    and a legend of the nine boxes (number, name, count, share; 9 at the top) drawn inside the image.
    ``legend_rows`` is like ``analytics.ninebox.box_summary`` (kotak, label, jumlah, persen; optional
    ``jumlah_teks`` and ``persen_teks`` when small groups are suppressed). ``synthetic``: the
    "DATA SINTETIS" badge in the top right corner. Text from the data is HTML-escaped."""
    width, height = size
    with_legend = fig.layout.showlegend is not False and any(getattr(tr, "showlegend", None) for tr in fig.data)
    margin = dict(l=120, r=40, t=170, b=150 if with_legend else 110)   # the legend's rows under the axis title
    plot_w, plot_h = width - margin["l"] - margin["r"], height - margin["t"] - margin["b"]
    grid_share, gap = 0.58, 0.04                    # the grid takes the left 58% of the plot area
    out = go.Figure(fig)
    out.update_layout(width=width, height=height, margin=margin, autosize=False, plot_bgcolor="white",
                      paper_bgcolor="white", font=dict(family=FONT_FAMILY, color=INK),
                      dragmode=False, hovermode=False)
    out.update_layout(uirevision=None)
    out.update_xaxes(domain=[0, grid_share], automargin=True)
    out.update_yaxes(automargin=True)
    if with_legend:
        out.update_layout(legend=dict(orientation="h", x=0, xanchor="left", y=-0.13, yanchor="top",
                                      font=dict(size=15)))

    # title and subtitle in the top margin, aligned with the image's left edge
    filters = " · ".join(html.escape(str(s)) for s in filter_lines if str(s).strip())
    made = html.escape(t("rep.made_on", lang=lang, date=tanggal(made_on, lang)))
    badge_w = 330 if synthetic else 0             # px the badge takes from the title block's width
    subtitle = "<br>".join([*textwrap.wrap(filters, max(60, int((width - 80 - badge_w) / 9))), made])
    out.update_layout(title=dict(
        text=f"<b>{html.escape(title)}</b>", x=0.025, xref="container", xanchor="left", y=0.965, yref="container",
        yanchor="top", font=dict(size=32, color=INK), subtitle=dict(text=subtitle, font=dict(size=17, color="#333333"))))
    out.update_yaxes(title_standoff=18)

    # legend table in paper coordinates over the right part of the plot area, box 9 at the top
    legend = legend_rows.sort_values("kotak", ascending=False).reset_index(drop=True)
    counts, shares = legend_texts(legend, lang)
    px = lambda v: v / plot_w  # noqa: E731  px → paper x
    py = lambda v: v / plot_h  # noqa: E731  px → paper y
    x0, x_name, x_count, x_share = grid_share + gap, grid_share + gap + px(62), 1.0 - px(110), 1.0
    row_h = min(70.0, plot_h / (len(legend) + 1.3))

    def note(x: float, y: float, text: str, anchor: str = "left", size: int = 15, colour: str = INK) -> None:
        out.add_annotation(xref="paper", yref="paper", x=x, y=y, xanchor=anchor, yanchor="middle", align=anchor
                           if anchor != "center" else "center", showarrow=False, text=text,
                           font=dict(size=size, color=colour))

    def rule(y: float, colour: str, width: float) -> None:
        out.add_shape(type="line", xref="paper", yref="paper", x0=x0, x1=1.0, y0=y, y1=y,
                      line=dict(color=colour, width=width))

    header_y = 1.0 - py(row_h * 0.5)
    for x, key, anchor in ((x0, "rep.col.box", "left"), (x_name, "rep.col.name", "left"),
                           (x_count, "rep.col.count", "right"), (x_share, "rep.col.share", "right")):
        note(x, header_y, f"<b>{html.escape(t(key, lang=lang))}</b>", anchor, 15, "#333333")
    rule(1.0 - py(row_h), INK, 1.5)
    for i, r in enumerate(legend.itertuples(index=False)):
        y_mid = 1.0 - py(row_h * (i + 1.5))
        colour = box_colour(r.kotak)
        out.add_shape(type="rect", xref="paper", yref="paper", x0=x0, x1=x0 + px(46), y0=y_mid - py(21),
                      y1=y_mid + py(21), fillcolor=colour, line=dict(width=0))
        note(x0 + px(23), y_mid, f"<b>{int(r.kotak)}</b>", "center", 20, ink_on(colour))
        note(x_name, y_mid, "<br>".join(html.escape(line) for line in textwrap.wrap(str(r.label), 30)[:2]))
        note(x_count, y_mid, f"<b>{html.escape(counts[i])}</b>", "right", 18)
        note(x_share, y_mid, html.escape(shares[i]), "right", 16)
        rule(y_mid - py(row_h / 2), "#d0d0d0", 1)
    if synthetic:
        out.add_annotation(xref="paper", yref="paper", x=1.0, y=1.0 + py(margin["t"] - 30), xanchor="right",
                           yanchor="top", showarrow=False, align="center", text=synthetic_badge(lang),
                           font=dict(size=20, color=SYNTHETIC_RED), bgcolor="#fff0f2", bordercolor=SYNTHETIC_RED,
                           borderwidth=2, borderpad=8)
    return out


def synthetic_badge(lang: str = "id") -> str:
    """The mark of a file made from demo data: "DATA SINTETIS" and what it means (two lines)."""
    return (f"<b>{html.escape(t('file.synthetic', lang=lang))}</b><br>"
            f"<span style='font-size:14px'>{html.escape(t('file.synthetic_note', lang=lang))}</span>")


def a4_pdf(data: bytes) -> bytes:
    """A one-page PDF rendered on a canvas of A4's proportions, its page scaled to exactly A4
    landscape (842 × 595 pt): Chromium's page is the canvas in CSS px at 0.75 pt each."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    for page in writer.pages:
        page.scale_to(*A4_PT)
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


def ninebox_file(framed: go.Figure, kind: str, page: str = "a4", lang: str = "id") -> bytes:
    """A framed 9-box as PNG, or as PDF on ``page`` ("a4": A4 landscape; "layar": 1200×750 pt).
    The figure must have been framed for that page (:func:`frame_size`)."""
    if kind == "pdf" and page not in PDF_PAGES:
        raise ReportError(t("rep.err.format", lang=lang, fmt=page))
    data = render(framed, kind, lang=lang)
    return a4_pdf(data) if kind == "pdf" and page == "a4" else data


def frame_size(kind: str, page: str = "a4") -> tuple[int, int]:
    """The canvas (px) a framed 9-box is drawn on for ``kind`` and PDF ``page``."""
    return A4_CANVAS if kind == "pdf" and page == "a4" else EXPORT_SIZE
