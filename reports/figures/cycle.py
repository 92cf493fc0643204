"""Talent-cycle figures: the funnel from all ASN to those appointed to a target post."""
from __future__ import annotations

import html
from collections.abc import Sequence

import plotly.graph_objects as go

from common.palette import ACCENT, GRID, INK

STAGE_SHADES = ("#9cc9b6", "#7bb89f", "#5aa688", "#3a9471", "#1f7f5b", ACCENT)   # light to dark, stage by stage


def funnel(labels: Sequence[str], values: Sequence[float], texts: Sequence[str], height: int | None = None,
           font: int = 14) -> go.Figure:
    """One horizontal bar per stage, the widest (all ASN) on top, each labelled with ``texts`` (its count
    and its share of the stage before it, the base named: "1.152 · 45,0% dari Diprofil"; written by the
    caller, so a hidden count reads "*" and its bar is drawn at zero)."""
    top = max([*values, 1])
    fig = go.Figure(go.Bar(
        y=[html.escape(x) for x in labels], x=list(values), orientation="h", text=[html.escape(x) for x in texts],
        marker=dict(color=[STAGE_SHADES[min(i, len(STAGE_SHADES) - 1)] for i in range(len(labels))]),
        textposition="outside", textfont=dict(size=font, color=INK), cliponaxis=False,
        hovertemplate="%{y}: %{text}<extra></extra>"))
    fig.update_xaxes(range=[0, top * 1.9], showticklabels=False, gridcolor=GRID, fixedrange=True, zeroline=False)
    fig.update_yaxes(autorange="reversed", tickfont=dict(size=font, color=INK), fixedrange=True, ticklabelstandoff=8)
    fig.update_layout(height=height or 60 + 44 * len(labels), margin=dict(l=10, r=10, t=10, b=10),
                      plot_bgcolor="white", paper_bgcolor="white", showlegend=False, bargap=0.25)
    return fig
