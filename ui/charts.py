"""Plotly figures. Colours and layout only: every number arrives from analytics/."""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from ui import fmt
from ui.i18n import language, t

# Presentation palette per box (not regulation): warm for attention, green for the pool.
BOX_COLOURS = {1: "#d64545", 2: "#f0a35e", 3: "#f0a35e", 4: "#f4d35e", 5: "#f4d35e", 6: "#f4d35e",
               7: "#7cc47f", 8: "#7cc47f", 9: "#2e8b57"}
AXIS_POT = ("rendah", "menengah", "tinggi")
AXIS_PERF = ("di bawah", "sesuai", "di atas")


def ninebox_grid(summary: pd.DataFrame, height: int = 560) -> go.Figure:
    """3×3 grid: one cell per box with its number, count and share of placed ASN."""
    lang = language()
    fig = go.Figure()
    for r in summary.itertuples(index=False):
        x0, y0 = r.kolom, r.baris
        fig.add_shape(type="rect", x0=x0 + 0.02, x1=x0 + 0.98, y0=y0 + 0.02, y1=y0 + 0.98,
                      fillcolor=BOX_COLOURS.get(r.kotak, "#cccccc"), opacity=0.9,
                      line=dict(color="white", width=2), layer="below")
        fig.add_annotation(x=x0 + 0.08, y=y0 + 0.86, text=f"<b>{r.kotak}</b>", showarrow=False,
                           xanchor="left", font=dict(size=30, color="#1b1b1b"))
        fig.add_annotation(x=x0 + 0.5, y=y0 + 0.46, text=f"<b>{fmt.num(r.jumlah, lang=lang)}</b>",
                           showarrow=False, font=dict(size=34, color="#1b1b1b"))
        fig.add_annotation(x=x0 + 0.5, y=y0 + 0.22, text=fmt.pct(r.persen, lang=lang), showarrow=False,
                           font=dict(size=18, color="#1b1b1b"))
    # an invisible trace carries hover text per cell
    fig.add_trace(go.Scatter(
        x=summary["kolom"] + 0.5, y=summary["baris"] + 0.5, mode="markers",
        marker=dict(size=120, opacity=0), hoverinfo="text",
        text=[f"{t('grid.box', n=k)}<br>{lbl}<br>{t('grid.count', count=fmt.num(c, lang=lang), pct=fmt.pct(p, lang=lang))}"
              for k, lbl, c, p in zip(summary["kotak"], summary["label"], summary["jumlah"], summary["persen"])],
        showlegend=False))
    fig.update_xaxes(range=[0, 3], tickvals=[0.5, 1.5, 2.5], ticktext=[t(f"grid.{c}") for c in AXIS_POT],
                     title=dict(text=f"<b>{t('grid.x')}</b>", font=dict(size=16)), showgrid=False,
                     zeroline=False, fixedrange=True, tickfont=dict(size=15))
    fig.update_yaxes(range=[0, 3], tickvals=[0.5, 1.5, 2.5], ticktext=[t(f"grid.{c}") for c in AXIS_PERF],
                     title=dict(text=f"<b>{t('grid.y')}</b>", font=dict(size=16)), showgrid=False,
                     zeroline=False, fixedrange=True, tickfont=dict(size=15))
    fig.update_layout(height=height, margin=dict(l=10, r=10, t=10, b=10), plot_bgcolor="white",
                      paper_bgcolor="white", dragmode=False)
    return fig
