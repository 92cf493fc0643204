"""Development figures: the competency gap heatmap and JPM bands per group.

Figures only draw numbers computed in analytics/development.py. Text from the data (OPD and
competency names) is HTML-escaped before it reaches a Plotly label.
"""
from __future__ import annotations

import html

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from common import fmt
from common.i18n import t
from common.palette import INK

FONT = dict(size=15, color=INK)
# band colours by rank in the scheme (highest band first): presentation only, never a rule
BAND_COLOURS = ("#2e8b57", "#f0b429", "#d64545", "#8c8c8c")


def wrap(text: str, width: int = 14) -> str:
    """Escaped text broken into lines of about ``width`` characters for an axis label."""
    words, lines, line = str(text).split(), [], ""
    for w in words:
        if line and len(line) + 1 + len(w) > width:
            lines.append(line)
            line = w
        else:
            line = f"{line} {w}".strip()
    lines.append(line)
    return "<br>".join(html.escape(x) for x in lines)


def gap_heatmap(agg: pd.DataFrame, metric: str, rows: list[str], row_labels: dict[str, str],
                row_names: dict[str, str], codes: list[str], code_names: dict[str, str], lang: str = "id") -> go.Figure:
    """Annotated heatmap: one row per group (``rows``, top to bottom), one column per competency."""
    cell = agg.set_index(["kelompok", "kode"])
    z = np.array([[cell.loc[(r, c), metric] if (r, c) in cell.index else np.nan for c in codes] for r in rows],
                 dtype=float)
    decimals = 2 if metric == "rerata_selisih" else 0
    text = [["" if np.isnan(v) else (fmt.num(v, decimals, lang) + ("" if decimals else "%")) for v in row]
            for row in z]
    hover = [[t("dev.hover_cell", lang, opd=html.escape(row_names.get(r, r)), komp=html.escape(code_names.get(c, c)),
                n=fmt.num(int(cell.loc[(r, c), "n"]), lang=lang) if (r, c) in cell.index else "–",
                gap=fmt.num(cell.loc[(r, c), "rerata_selisih"], 2, lang) if (r, c) in cell.index else "–",
                pct=fmt.pct(cell.loc[(r, c), "persen_di_bawah"], 0, lang) if (r, c) in cell.index else "–")
              for c in codes] for r in rows]
    if metric == "rerata_selisih":
        bound = max(0.5, float(np.nanmax(np.abs(z))) if np.isfinite(z).any() else 1.0)
        colours = dict(colorscale="RdBu", zmid=0, zmin=-bound, zmax=bound)
    else:
        colours = dict(colorscale=[[0, "#fff5f0"], [0.5, "#fb6a4a"], [1, "#99000d"]], zmin=0, zmax=100)
    fig = go.Figure(go.Heatmap(
        z=z, x=[wrap(code_names.get(c, c)) for c in codes], y=[html.escape(row_labels.get(r, r)) for r in rows],
        text=text, texttemplate="%{text}", textfont=dict(size=14), customdata=hover,
        hovertemplate="%{customdata}<extra></extra>", xgap=2, ygap=2, **colours,
        colorbar=dict(title=dict(text=t(f"dev.metric.{metric}", lang), side="right"), thickness=14, len=0.6)))
    fig.update_xaxes(side="top", tickfont=dict(size=13, color=INK), fixedrange=True, type="category")
    fig.update_yaxes(autorange="reversed", tickfont=FONT, fixedrange=True, type="category")
    fig.update_layout(height=max(320, 110 + 30 * len(rows)), margin=dict(l=10, r=10, t=10, b=10),
                      plot_bgcolor="white", paper_bgcolor="white")
    return fig


def jpm_bars(dist: pd.DataFrame, group_labels: dict[str, str], lang: str = "id") -> go.Figure:
    """Horizontal 100% bars per group, one segment per JPM band in the scheme's order (best first)."""
    shown = dist[~dist["disembunyikan"]]
    groups = sorted(shown["kelompok"].unique())
    bands = shown.drop_duplicates("label").sort_values("batas_bawah", ascending=False)
    fig = go.Figure()
    for i, b in enumerate(bands.itertuples(index=False)):
        part = shown[shown["label"] == b.label].set_index("kelompok").reindex(groups)
        fig.add_trace(go.Bar(
            y=[html.escape(f"{group_labels.get(g, g)} ({fmt.num(int(part.loc[g, 'n_kelompok']), lang=lang)})")
               for g in groups],
            x=part["persen"].to_numpy(), orientation="h", name=html.escape(str(b.label)),
            marker=dict(color=BAND_COLOURS[min(i, len(BAND_COLOURS) - 1)], line=dict(color="white", width=1)),
            text=[fmt.pct(p, 0, lang) if p >= 7 else "" for p in part["persen"]], textposition="inside",
            insidetextanchor="middle", textfont=dict(size=16, color="white" if i != 1 else INK),
            customdata=[t("dev.hover_band", lang, group=html.escape(group_labels.get(g, g)),
                          band=html.escape(str(b.label)), count=fmt.num(int(part.loc[g, "jumlah"]), lang=lang),
                          pct=fmt.pct(part.loc[g, "persen"], 1, lang))
                        for g in groups],
            hovertemplate="%{customdata}<extra></extra>"))
    fig.update_layout(barmode="stack", height=max(260, 90 + 52 * len(groups)), margin=dict(l=10, r=10, t=40, b=10),
                      legend=dict(orientation="h", yanchor="bottom", y=1.02, x=0, font=FONT, traceorder="normal"),
                      plot_bgcolor="white", paper_bgcolor="white")
    fig.update_xaxes(range=[0, 100], ticksuffix="%", tickfont=FONT, fixedrange=True)
    fig.update_yaxes(autorange="reversed", tickfont=FONT, fixedrange=True)
    return fig
