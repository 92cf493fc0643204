"""Succession figures: candidates' competency levels against the target level's standard."""
from __future__ import annotations

import html
from collections.abc import Mapping, Sequence

import plotly.graph_objects as go

from common.i18n import t

COLOURS = ("#0b6e4f", "#c2410c", "#1d4ed8", "#7e22ce")   # one per compared candidate (at most four)
STANDARD_COLOUR = "#888"


def wrap(label: str, width: int = 16) -> str:
    """Break a long axis label over lines of about ``width`` characters (escaped: Plotly shows it)."""
    words, lines, line = html.escape(label).split(" "), [], ""
    for w in words:
        if line and len(line) + len(w) + 1 > width:
            lines.append(line)
            line = w
        else:
            line = f"{line} {w}".strip()
    return "<br>".join(lines + [line])


def comparison_radar(codes: Sequence[str], names: Mapping[str, str], standard: Sequence[float], level: str,
                     candidates: Sequence[tuple[str, Sequence[float]]], lang: str = "id") -> go.Figure:
    """A radar of competency levels (1–5): the standard of ``level`` dashed, then one filled trace per
    candidate (``candidates``: (shown name, level per code in ``codes`` order) pairs)."""
    theta = [wrap(names.get(k, k)) for k in codes]
    theta = theta + theta[:1]
    std = list(standard)
    fig = go.Figure()
    fig.add_trace(go.Scatterpolar(r=std + std[:1], theta=theta, name=html.escape(t("suk.standard", lang, level=level)),
                                  line=dict(color=STANDARD_COLOUR, dash="dash")))
    for i, (name, values) in enumerate(candidates):
        vals = list(values)
        fig.add_trace(go.Scatterpolar(r=vals + vals[:1], theta=theta, name=html.escape(str(name)),
                                      line=dict(color=COLOURS[i % len(COLOURS)], width=2.5), fill="toself",
                                      opacity=0.55))
    fig.update_layout(polar=dict(radialaxis=dict(range=[0, 5], tickvals=[1, 2, 3, 4, 5])), height=460,
                      margin=dict(l=120, r=120, t=30, b=30), legend=dict(orientation="h"))
    return fig
