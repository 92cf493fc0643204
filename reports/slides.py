"""One slide of the presentation: shown by the Mode Presentasi page and written to the PowerPoint deck."""
from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd
import plotly.graph_objects as go

from common.palette import INK


@dataclass(frozen=True)
class Slide:
    key: str                                   # stable id, e.g. "angka", "sembilan-kotak"
    title: str
    subtitle: str = ""                         # e.g. period and filters
    metrics: tuple[tuple[str, str], ...] = ()  # (label, value already formatted the Indonesian way)
    figure: go.Figure | None = None
    table: pd.DataFrame | None = None          # already anonymised when the switch is on
    notes: tuple[str, ...] = field(default=())  # short bullet lines under the figure
    lead: str = ""                             # the slide's message in one sentence, under the title


def for_stage(fig: go.Figure, min_font: int) -> go.Figure:
    """A copy of ``fig`` for the presentation stage: every text it draws (axis ticks and titles,
    annotations, bar and cell labels, legend, hover) at least ``min_font`` px, axis labels dark, and
    no fixed size (the chart fills the room its slide leaves it). The deck keeps the original."""
    out = go.Figure(fig)
    lift = lambda size: max(size or 0, min_font)  # noqa: E731
    out.update_layout(font_size=lift(out.layout.font.size), height=None, width=None, autosize=True,
                      hoverlabel_font_size=lift(out.layout.hoverlabel.font.size),
                      legend_font_size=lift(out.layout.legend.font.size))
    def axis(ax) -> None:  # axis labels read from the back of the room: large and dark
        ax.tickfont.size = lift(ax.tickfont.size)
        ax.tickfont.color = INK
        ax.title.font.size = lift(ax.title.font.size)
        ax.title.font.color = INK
    out.for_each_xaxis(axis)
    out.for_each_yaxis(axis)
    for note in out.layout.annotations:
        note.font.size = lift(note.font.size)
    for trace in out.data:
        if "textfont" in trace:
            size = trace.textfont.size
            trace.textfont.size = [lift(v) for v in size] if isinstance(size, (list, tuple)) else lift(size)
        if "colorbar" in trace:
            trace.colorbar.tickfont.size = lift(trace.colorbar.tickfont.size)
    return out
