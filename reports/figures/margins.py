"""The margins a 9-box chart's axis labels take, reserved when the figure is made.

Plotly draws a chart with the margins it is given, then measures its tick labels and axis titles and, when
they need more room (``automargin``), draws the whole chart again: on Sembilan Kotak that second pass was a
third of plotly's time. Reserving the room up front leaves plotly nothing to grow, so it draws once. The
estimate only decides speed, never what is shown: a label wider than estimated still gets its room (plotly
grows the margin and draws again); one narrower leaves a few pixels of white.

Widths are the advances of Source Sans (Streamlit's font, the app's theme), in em, measured in Chromium
(canvas ``measureText``); the constants were measured on plotly's own margins for the sizes the 9-box uses.
"""
from __future__ import annotations

import re

#: advance width in em of Source Sans regular, per character (grouped by width); others count as WIDE
_ADVANCES = {
    0.20: " ", 0.24: "|", 0.25: "',.:;ij·", 0.26: "Il", 0.29: "!f", 0.30: "()[]{}", 0.31: "-", 0.34: "t",
    0.35: "/\\r", 0.42: "*?sz", 0.43: '"', 0.45: "x", 0.46: "c", 0.47: "vy", 0.48: "JY–", 0.49: "FLk",
    0.50: "0123456789#$+<=>^_aeg~≥≤éè", 0.51: "X", 0.52: "V", 0.53: "ESÉ", 0.54: "ATZ`houÀü", 0.55: "bn",
    0.56: "dpq", 0.57: "CPR", 0.58: "K", 0.59: "B", 0.61: "&D", 0.62: "G", 0.65: "HNUÜ", 0.66: "OQ",
    0.72: "w", 0.73: "M", 0.79: "W", 0.82: "%", 0.83: "m", 0.85: "@"}
ADVANCE = {ch: em for em, chars in _ADVANCES.items() for ch in chars}
WIDE = 0.85
#: what plotly puts beside a y axis's tick labels (tick standoff, title's line and gap), measured with tick
#: labels of 15 px: 55.6 px with an 18 px title, 54.2 px with a 16 px one
Y_TITLE_BASE, Y_TITLE_PER_PX = 43.0, 0.7
#: below an x axis: 52.1 px with an 18 px title and 50.7 px with a 16 px one, plus 1.3 line heights a tick line
X_TITLE_BASE, X_TITLE_PER_PX, LINE_HEIGHT = 39.5, 0.7, 1.3
SLACK = 4   # px: rounding, and the bold fallback of a missing glyph

_TAG = re.compile(r"<[^>]+>")


def text_px(text: str, size: float) -> float:
    """Width in px of one line of ``text`` at ``size`` px (HTML tags such as <b> are not drawn)."""
    return sum(ADVANCE.get(ch, WIDE) for ch in _TAG.sub("", text)) * size


def lines(text: str) -> list[str]:
    return re.split(r"<br\s*/?>", text)


def axis_margins(y_ticks: list[str], x_ticks: list[str], title_size: int, tick_size: int = 15,
                 base: int = 10) -> dict[str, int]:
    """Left and bottom margins for a chart whose y axis shows ``y_ticks`` and x axis ``x_ticks`` (tick font
    ``tick_size`` px, both titles ``title_size`` px), plus ``base`` on the other sides."""
    widest = max((text_px(line, tick_size) for tick in y_ticks for line in lines(tick)), default=0.0)
    rows = max((len(lines(tick)) for tick in x_ticks), default=1)
    left = widest + Y_TITLE_BASE + Y_TITLE_PER_PX * title_size
    bottom = X_TITLE_BASE + X_TITLE_PER_PX * title_size + LINE_HEIGHT * tick_size * rows
    return dict(l=round(left + SLACK), r=base, t=base, b=round(bottom + SLACK))
