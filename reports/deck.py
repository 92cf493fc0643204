"""The PowerPoint deck of Mode Presentasi: 16:9, high contrast, one slide per ``Slide``.

Figures are rendered to PNG with one Chromium for the whole deck (``render_many``); a deck without
figures never starts a browser. Tables are native PowerPoint tables (the first rows, then
"… dan N lainnya"); notes are bullets on the slide and the speaker notes. Document properties are
neutral: no person's name. No Streamlit here.
"""
from __future__ import annotations

import io
import math
import re
from collections.abc import Sequence
from dataclasses import replace
from datetime import date, datetime

import pandas as pd

from common import fmt
from common.i18n import t
from common.palette import ACCENT, INK
from reports.common import NEUTRAL_AUTHOR, tanggal
from reports.figure_export import SYNTHETIC_RED, png_size, render_many
from reports.slides import Slide

TABLE_ROWS = 12                # rows of a slide table; the rest are counted in the last row
IMAGE_SCALE = 2                # PNG pixels per CSS pixel: sharp on a 1080p projector
PX_PER_INCH = 96               # CSS px per inch of slide: a figure is drawn at the size it is shown
SLIDE_W, SLIDE_H = 12192000 / 914400, 7.5   # inches: PowerPoint's 16:9 (33.867 × 19.05 cm)
MARGIN = 0.5
NOTES_BESIDE = 0.64           # share of the width a figure alone takes when its notes sit beside it
MAX_ASPECT = 2.4               # a figure wider than this (width / height) is drawn at this ratio, centred
BADGE = (SLIDE_W - MARGIN - 3.4, 0.2, 3.4, 0.66)   # the "DATA SINTETIS" badge, top right
MUTED = "#333333"
TILE = "#eef4f1"
ZEBRA = "#f2f2f2"
_NUMBER_TEXT = re.compile(r"^[<>≤≥]?\s*[\d.,]+\s*%?$|^[–*]$")   # "1.152", "4,5%", "< 5", "–", "*" (hidden): right-aligned


def deck(slides: Sequence[Slide], title: str, subtitle: str = "", lang: str = "id", *,
         made_on: date | None = None, synthetic: bool = False) -> bytes:
    """A 16:9 .pptx: a title slide, then one slide per ``Slide`` (title, subtitle, metric tiles, the
    figure as a large PNG, the table, notes), each with the date made and the page number.
    ``synthetic`` (made from demo data): the title slide says so and every slide carries the
    "DATA SINTETIS" badge in its top right corner."""
    from pptx import Presentation
    from pptx.util import Inches

    made_on = made_on or date.today()
    slides = [replace(s, notes=(s.lead, *s.notes)) if s.lead else s for s in slides]  # the lead: first bullet
    prs = Presentation()
    prs.slide_width, prs.slide_height = Inches(SLIDE_W), Inches(SLIDE_H)
    _neutral_properties(prs, title, made_on)
    blank = prs.slide_layouts[6]
    layouts = [_layout(s) for s in slides]
    with_figure = [(s, lay) for s, lay in zip(slides, layouts) if s.figure is not None]
    images = render_many([s.figure for s, _ in with_figure], "png",
                         sizes=[_pixel_size(s.figure, lay["figure"]) for s, lay in with_figure],
                         scale=IMAGE_SCALE, lang=lang) if with_figure else []
    image_of = {id(s): img for (s, _), img in zip(with_figure, images)}
    total = len(slides) + 1
    made = t("rep.made_on", lang=lang, date=tanggal(made_on, lang))

    cover = prs.slides.add_slide(blank)
    _title_slide(cover, title, subtitle, made)
    if synthetic:
        _text(cover, (MARGIN + 0.2, 5.7, SLIDE_W - 2 * MARGIN - 0.4, 1.0), t("file.synthetic_cover", lang=lang), 18,
              bold=True, colour=SYNTHETIC_RED)
        _badge(cover, lang)
    for n, (s, lay) in enumerate(zip(slides, layouts), start=2):
        page = prs.slides.add_slide(blank)
        _header(page, s, BADGE[2] + 0.2 if synthetic else 0.0)
        if synthetic:
            _badge(page, lang)
        if s.metrics:
            _tiles(page, s.metrics, lay["metrics"])
        if s.figure is not None:
            _picture(page, image_of[id(s)], lay["figure"])
        if s.table is not None:
            _table(page, s.table, lay["table"], lang)
        if s.notes:
            _bullets(page, s.notes, lay["notes"], 20 if s.figure is None and s.table is None else
                     16 if s.table is None else 15)
        _footer(page, f"{title} · {made}", t("rep.deck.page", lang=lang, n=n, total=total))
        page.notes_slide.notes_text_frame.text = "\n".join([s.subtitle, *s.notes] if s.subtitle else s.notes)
    buf = io.BytesIO()
    prs.save(buf)
    return buf.getvalue()


# -- layout (inches: left, top, width, height) -------------------------------------------------

Box = tuple[float, float, float, float]


def _layout(s: Slide) -> dict[str, Box | None]:
    """Where each part of a slide goes: metrics under the subtitle, notes above the footer, the
    figure and the table share the rest (figure 58% on the left when both). A figure alone keeps the
    full height with its notes beside it (a matrix squeezed under three lines of notes reads badly;
    its picture would not use the width anyway)."""
    width = SLIDE_W - 2 * MARGIN
    top = 1.6
    metrics = None
    if s.metrics:
        metrics = (MARGIN, top, width, 1.3)
        top += 1.5
    bottom = SLIDE_H - 0.6
    notes = None
    has_content = s.figure is not None or s.table is not None
    beside = s.figure is not None and s.table is None and bool(s.notes)
    if s.notes and not beside:
        if has_content:
            h = min(0.38 * len(s.notes) + 0.1, 1.25)
            notes = (MARGIN, bottom - h, width, h)
            bottom -= h + 0.1
        else:
            notes = (MARGIN, top, width, bottom - top)
    height = max(bottom - top, 1.0)
    figure = table = None
    if s.figure is not None and s.table is not None:
        fig_w = width * 0.58
        figure = (MARGIN, top, fig_w, height)
        table = (MARGIN + fig_w + 0.3, top, width - fig_w - 0.3, height)
    elif beside:
        fig_w = width * NOTES_BESIDE
        figure = (MARGIN, top, fig_w, height)
        notes = (MARGIN + fig_w + 0.3, top, width - fig_w - 0.3, height)
    elif s.figure is not None:
        figure = (MARGIN, top, width, height)
    elif s.table is not None:
        table = (MARGIN, top, width, height)
    return {"metrics": metrics, "figure": figure, "table": table, "notes": notes}


def _pixel_size(fig, box: Box) -> tuple[int, int]:
    """Render at the box's own size on the slide (CSS px at 96 per inch), so a figure's font sizes in
    px read as points at 3/4 (16 px = 12 pt) whatever room the slide leaves it, and its labels are
    placed for that size (not drawn for a taller figure and shrunk); a very wide box gets a picture of
    at most :data:`MAX_ASPECT` (a matrix stretched across the slide reads badly), centred in it."""
    height = max(int(round(box[3] * PX_PER_INCH)), 200)
    return max(int(round(height * min(box[2] / box[3], MAX_ASPECT))), 200), height


# -- drawing --------------------------------------------------------------------------------------

def _rgb(hex_colour: str):
    from pptx.dml.color import RGBColor

    return RGBColor.from_string(hex_colour.lstrip("#").upper())


def _text(slide, box: Box, text: str, size: float, *, bold: bool = False, colour: str = INK,
          align: str = "left", anchor: str = "top") -> None:
    from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
    from pptx.util import Inches, Pt

    shape = slide.shapes.add_textbox(*(Inches(v) for v in box))
    frame = shape.text_frame
    frame.word_wrap = True
    frame.vertical_anchor = {"top": MSO_ANCHOR.TOP, "middle": MSO_ANCHOR.MIDDLE, "bottom": MSO_ANCHOR.BOTTOM}[anchor]
    for i, line in enumerate(str(text).split("\n")):
        p = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        p.alignment = {"left": PP_ALIGN.LEFT, "right": PP_ALIGN.RIGHT, "center": PP_ALIGN.CENTER}[align]
        run = p.add_run()
        run.text = line
        run.font.size, run.font.bold, run.font.color.rgb = Pt(size), bold, _rgb(colour)


def _rect(slide, box: Box, colour: str) -> None:
    from pptx.enum.shapes import MSO_SHAPE
    from pptx.util import Inches

    shape = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, *(Inches(v) for v in box))
    shape.fill.solid()
    shape.fill.fore_color.rgb = _rgb(colour)
    shape.line.fill.background()
    shape.shadow.inherit = False


def _title_slide(slide, title: str, subtitle: str, made: str) -> None:
    _rect(slide, (0, 0, SLIDE_W, 4.6), ACCENT)
    _text(slide, (MARGIN + 0.2, 1.2, SLIDE_W - 2 * MARGIN - 0.4, 1.8), title, 44, bold=True, colour="#ffffff",
          anchor="bottom")
    if subtitle:
        _text(slide, (MARGIN + 0.2, 3.1, SLIDE_W - 2 * MARGIN - 0.4, 1.3), subtitle, 22, colour="#ffffff")
    _text(slide, (MARGIN + 0.2, 5.0, SLIDE_W - 2 * MARGIN - 0.4, 0.6), made, 20, colour=INK)


def _fit(text: str, width: float, largest: int, smallest: int, lines: int = 1, em: float = 0.55) -> int:
    """The largest size (pt) from ``largest`` down to ``smallest`` at which ``text`` takes at most
    ``lines`` lines of a box ``width`` inches wide (estimate: a character is ``em`` of the size, plus
    the text frame's 0.1-inch insets); ``smallest`` when none does."""
    for size in range(largest, smallest - 1, -1):
        per_line = max((width - 0.2) * 72 / (em * size), 1.0)
        if math.ceil(len(text) / per_line) <= lines:
            return size
    return smallest


def _header(slide, s: Slide, keep_right: float = 0.0) -> None:
    _rect(slide, (0, 0, SLIDE_W, 0.12), ACCENT)
    width = SLIDE_W - 2 * MARGIN - keep_right
    _text(slide, (MARGIN, 0.28, width, 0.75), s.title, _fit(s.title, width, 30, 20), bold=True)
    if s.subtitle:
        _text(slide, (MARGIN, 1.0, SLIDE_W - 2 * MARGIN, 0.5), s.subtitle,
              _fit(s.subtitle, SLIDE_W - 2 * MARGIN, 15, 11, em=0.5), colour=MUTED)


def _badge(slide, lang: str) -> None:
    """The "DATA SINTETIS" badge: red on pale red, framed, two lines (the mark and what it means)."""
    from pptx.enum.shapes import MSO_SHAPE
    from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
    from pptx.util import Inches, Pt

    shape = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, *(Inches(v) for v in BADGE))
    shape.name = "DATA SINTETIS"
    shape.fill.solid()
    shape.fill.fore_color.rgb = _rgb("#fff0f2")
    shape.line.color.rgb = _rgb(SYNTHETIC_RED)
    shape.line.width = Pt(2)
    shape.shadow.inherit = False
    frame = shape.text_frame
    frame.word_wrap = True
    frame.vertical_anchor = MSO_ANCHOR.MIDDLE
    frame.margin_top = frame.margin_bottom = Inches(0.02)
    for i, (text, size, bold) in enumerate(((t("file.synthetic", lang=lang), 16, True),
                                             (t("file.synthetic_note", lang=lang), 9, False))):
        p = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        p.alignment = PP_ALIGN.CENTER
        run = p.add_run()
        run.text = text
        run.font.size, run.font.bold, run.font.color.rgb = Pt(size), bold, _rgb(SYNTHETIC_RED)


def _tiles(slide, metrics: Sequence[tuple[str, str]], box: Box) -> None:
    left, top, width, height = box
    n, gap = len(metrics), 0.25
    tile_w = (width - gap * (n - 1)) / n
    for i, (label, value) in enumerate(metrics):
        x = left + i * (tile_w + gap)
        _rect(slide, (x, top, tile_w, height), TILE)
        _rect(slide, (x, top, 0.09, height), ACCENT)
        _text(slide, (x + 0.2, top + 0.08, tile_w - 0.3, 0.75), str(value),
              _fit(str(value), tile_w - 0.3, 36 if n <= 4 else 30, 18), bold=True)
        _text(slide, (x + 0.2, top + 0.8, tile_w - 0.3, height - 0.85), str(label),
              _fit(str(label), tile_w - 0.3, 14, 10, lines=2, em=0.5), colour=MUTED)


def _picture(slide, png: bytes, box: Box) -> None:
    from pptx.util import Inches

    left, top, width, height = box
    w_px, h_px = png_size(png)
    ratio = min(width / w_px, height / h_px)
    w, h = w_px * ratio, h_px * ratio
    slide.shapes.add_picture(io.BytesIO(png), Inches(left + (width - w) / 2), Inches(top), Inches(w), Inches(h))


def _table(slide, frame: pd.DataFrame, box: Box, lang: str) -> None:
    from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
    from pptx.util import Inches, Pt

    left, top, width, height = box
    shown = frame.head(TABLE_ROWS)
    rest = len(frame) - len(shown)
    headers = [str(c) for c in frame.columns]
    texts = [[_cell_text(v, lang) for v in shown[c].tolist()] for c in frame.columns]
    numeric = [(pd.api.types.is_numeric_dtype(frame[c]) and not pd.api.types.is_bool_dtype(frame[c]))
               or (len(col) > 0 and all(_NUMBER_TEXT.match(x) for x in col)) for c, col in zip(frame.columns, texts)]
    size, widths, heights = _table_geometry(headers, texts, width, height, rest > 0)
    n_rows, n_cols = len(heights), max(len(headers), 1)
    shape = slide.shapes.add_table(n_rows, n_cols, Inches(left), Inches(top), Inches(width), Inches(sum(heights)))
    table = shape.table
    for j, w in enumerate(widths):
        table.columns[j].width = Inches(w)
    for i, h in enumerate(heights):
        table.rows[i].height = Inches(h)

    def put(cell, text: str, *, bold=False, colour=INK, fill=None, align=PP_ALIGN.LEFT, italic=False) -> None:
        cell.text = text
        cell.vertical_anchor = MSO_ANCHOR.MIDDLE
        cell.margin_left = cell.margin_right = Inches(0.08)
        cell.margin_top = cell.margin_bottom = Inches(0.02)
        if fill:
            cell.fill.solid()
            cell.fill.fore_color.rgb = _rgb(fill)
        for p in cell.text_frame.paragraphs:
            p.alignment = align
            for run in p.runs:
                run.font.size, run.font.bold, run.font.italic = Pt(size), bold, italic
                run.font.color.rgb = _rgb(colour)

    for j, col in enumerate(frame.columns):
        put(table.cell(0, j), str(col), bold=True, colour="#ffffff", fill=ACCENT,
            align=PP_ALIGN.RIGHT if numeric[j] else PP_ALIGN.LEFT)
    for i in range(len(shown)):
        for j in range(n_cols):
            put(table.cell(i + 1, j), texts[j][i], fill="#ffffff" if i % 2 == 0 else ZEBRA,
                align=PP_ALIGN.RIGHT if numeric[j] else PP_ALIGN.LEFT)
    if rest > 0:
        last = table.cell(n_rows - 1, 0)
        if n_cols > 1:
            last.merge(table.cell(n_rows - 1, n_cols - 1))
        put(last, t("rep.deck.more", lang=lang, n=fmt.num(rest, lang=lang)), italic=True, colour=MUTED,
            fill="#ffffff")


_CELL_PAD = 0.16   # inches of left + right cell margin


def _table_geometry(headers: list[str], texts: list[list[str]], width: float, height: float,
                    more_row: bool) -> tuple[int, list[float], list[float]]:
    """Font size, column widths and row heights (inches) so the table fits its box: the largest of
    16/14/12/11/10 pt whose estimated wrapped height fits. Short columns get what they need; long
    text columns share the rest equally (water-filling)."""
    n_body = len(texts[0]) if texts else 0
    for size in (16, 14, 12, 11, 10):
        char_w, line_h = size / 72 * 0.55, size / 72 * 1.2   # average character (Calibri ≈ 0.5 em, margin), line pitch
        need = [max([len(h)] + [len(x) for x in col]) * char_w + _CELL_PAD for h, col in zip(headers, texts)]
        widths = _water_fill(need, width)

        def lines(text: str, w: float, char_w: float = char_w) -> int:
            return max(1, math.ceil(len(text) * char_w / max(w - _CELL_PAD, 0.2)))

        heights = [max(lines(h, w) for h, w in zip(headers, widths)) * line_h + 0.1]
        heights += [max(lines(col[i], w) for col, w in zip(texts, widths)) * line_h + 0.1 for i in range(n_body)]
        heights += [line_h + 0.1] if more_row else []
        if sum(heights) <= height:
            return size, widths, heights
    return size, widths, heights


def _water_fill(need: list[float], width: float) -> list[float]:
    """Column widths summing to ``width``: every column its need when that fits (extra shared in
    proportion), else a common cap on the widest ones."""
    if not need:
        return []
    total = sum(need)
    if total <= width:
        return [n * width / total for n in need]
    order = sorted(need)
    left, cap = width, width / len(need)
    for i, n in enumerate(order):
        share = left / (len(order) - i)
        if n <= share:
            left -= n
        else:
            cap = share
            break
    return [min(n, cap) for n in need]


def _cell_text(v, lang: str) -> str:
    """A table value as shown on a slide: Indonesian numbers and dates, '–' for missing."""
    if v is None or v is pd.NaT or v is pd.NA or (isinstance(v, float) and math.isnan(v)):
        return "–"
    if isinstance(v, bool):
        return t("rep.yes" if v else "rep.no", lang=lang)
    if isinstance(v, (datetime, pd.Timestamp)):
        return tanggal(v.date(), lang)
    if isinstance(v, date):
        return tanggal(v, lang)
    if isinstance(v, int) or (hasattr(v, "dtype") and getattr(v.dtype, "kind", "") in "iu"):
        return fmt.num(int(v), lang=lang)
    if isinstance(v, float) or (hasattr(v, "dtype") and getattr(v.dtype, "kind", "") == "f"):
        v = float(v)
        return fmt.num(v, 0 if v == round(v) else 1, lang)
    return str(v)


def _bullets(slide, notes: Sequence[str], box: Box, size: float) -> None:
    _text(slide, box, "\n".join(f"• {n}" for n in notes), size, colour=INK)


def _footer(slide, left_text: str, right_text: str) -> None:
    y = SLIDE_H - 0.45
    _text(slide, (MARGIN, y, SLIDE_W - 2 * MARGIN - 1.5, 0.35), left_text, 11, colour="#555555")
    _text(slide, (SLIDE_W - MARGIN - 1.5, y, 1.5, 0.35), right_text, 11, colour="#555555", align="right")


def _neutral_properties(prs, title: str, made_on: date) -> None:
    """Core properties without names (python-pptx's template says 'Steve Canny' and
    'generated using python-pptx')."""
    cp = prs.core_properties
    cp.author = cp.last_modified_by = NEUTRAL_AUTHOR
    cp.title = title
    cp.subject = cp.keywords = cp.comments = cp.category = cp.content_status = cp.identifier = ""
    cp.revision = 1
    cp.created = cp.modified = datetime(made_on.year, made_on.month, made_on.day)
