"""Plotly figure for fairness: the share of each box per group.

Colours and layout only: every number arrives from analytics/. Group names come from the data and
are HTML-escaped (Plotly renders a subset of HTML in labels and hovers). The bars need every box
distinguishable side by side: the grid's palette (one hue per band) with a lighter and a darker
shade inside each band (``SHARE_COLOURS``).
"""
from __future__ import annotations

import html

import pandas as pd
import plotly.graph_objects as go

from common import fmt
from common.i18n import language, t
from common.palette import GRID, INK, SHARE_COLOURS


def box_share_bars(shares: pd.DataFrame, order: list[str], labels: dict[str, str],
                   sizes: dict[str, int] | None = None) -> go.Figure:
    """Horizontal 100% bars: share of each box per group (groups in ``order``, top to bottom).

    Axis labels are the group names cut to fit, with the group size when ``sizes`` is given."""
    lang = language()
    short = {g: _shorten(labels.get(g, g)) for g in order}
    if len(set(short.values())) < len(order):  # two names cut to the same text: keep them whole
        short = {g: labels.get(g, g) for g in order}
    if sizes:
        short = {g: f"{short[g]} ({fmt.num(sizes[g], lang=lang)})" for g in order}
    fig = go.Figure()
    for k in sorted(shares["kotak"].unique()):
        part = shares[shares["kotak"] == k].set_index("kelompok").reindex(order)
        fig.add_trace(go.Bar(
            y=[html.escape(short[g]) for g in order], x=part["persen"].to_numpy(), orientation="h",
            name=t("grid.box", n=int(k)), marker=dict(color=SHARE_COLOURS.get(int(k), "#999999"),
                                                       line=dict(color="white", width=1)),
            text=[fmt.num(p, 0, lang) if p >= 8 else "" for p in part["persen"]], textposition="inside",
            insidetextanchor="middle", textfont=dict(size=13, color=INK),
            customdata=[t("fair.hover_share", group=html.escape(labels.get(g, g)), n=int(k),
                          pct=fmt.pct(p, 1, lang), count=fmt.num(c, lang=lang))
                        for g, p, c in zip(order, part["persen"], part["jumlah"])],
            hovertemplate="%{customdata}<extra></extra>"))
    fig.update_layout(barmode="stack", height=90 + 32 * len(order), margin=dict(l=10, r=10, t=40, b=30),
                      plot_bgcolor="white", paper_bgcolor="white", font=dict(size=14, color=INK),
                      legend=dict(orientation="h", x=0, y=1, yanchor="bottom", traceorder="normal",
                                  font=dict(size=14)), uniformtext=dict(minsize=11, mode="hide"))
    fig.update_xaxes(range=[0, 100], ticksuffix="%", fixedrange=True, gridcolor=GRID, tickfont=dict(size=14))
    fig.update_yaxes(autorange="reversed", fixedrange=True, automargin=True, tickfont=dict(size=15, color=INK))
    return fig


def _shorten(text: str, limit: int = 34) -> str:
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"
