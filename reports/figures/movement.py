"""Plotly figures for movement between periods: the transition heatmap and the Sankey.

Colours and layout only: every number arrives from analytics/.
"""
from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from analytics.anonymise import TableSuppression
from common import fmt
from common.i18n import language, t
from common.palette import INK, SHARE_COLOURS

FONT = dict(size=15, color=INK)


def _rgba(hex_colour: str, alpha: float) -> str:
    h = hex_colour.lstrip("#")
    r, g, b = (int(h[i:i + 2], 16) for i in (0, 2, 4))
    return f"rgba({r},{g},{b},{alpha})"


def transition_heatmap(matrix: pd.DataFrame, before: int, after: int, height: int = 520,
                       hidden: TableSuppression | None = None) -> go.Figure:
    """Annotated counts, rows = earlier box (1 at the top), columns = later box; diagonal outlined.
    With the anonymisation switch, ``hidden`` (``analytics.anonymise.suppress_table``) names the cells that
    read ``*``: their counts are not in the figure at all (z is empty there, so neither the colour nor
    the data sent to the browser carries them)."""
    lang = language()
    mark = t("privacy.hidden_mark")
    rows, cols = [int(k) for k in matrix.index], [int(k) for k in matrix.columns]
    counts = matrix.to_numpy()
    gone = np.array([[hidden is not None and hidden.cell_hidden(a, b) for b in matrix.columns]
                     for a in matrix.index], dtype=bool).reshape(counts.shape)
    z = np.where(gone, np.nan, counts.astype(float))
    label = np.array([[mark if gone[i, j] else fmt.num(int(counts[i, j]), lang=lang) for j in range(len(cols))]
                      for i in range(len(rows))], dtype=object).reshape(counts.shape)
    text = np.where(gone | (counts > 0), label, "")
    z = [[None if np.isnan(v) else int(v) for v in row] for row in z]  # no value at all for a hidden cell
    hover = [[t("pg.hover_cell", before=before, after=after, a=a, b=b, count=label[i, j])
              for j, b in enumerate(cols)] for i, a in enumerate(rows)]
    fig = go.Figure(go.Heatmap(
        z=z, x=[str(k) for k in cols], y=[str(k) for k in rows], text=text, texttemplate="%{text}",
        textfont=dict(size=16), customdata=hover, hovertemplate="%{customdata}<extra></extra>",
        # stretched low end: the diagonal (often one big cell) must not wash out the moves off it
        colorscale=[[0, "#f7fbff"], [0.03, "#deebf7"], [0.12, "#a9cce6"], [0.35, "#4a90c8"], [1, "#08306b"]],
        showscale=False, zmin=0, zmax=max([v for row in z for v in row if v is not None] + [1]),
        xgap=2, ygap=2))
    for k in set(rows) & set(cols):  # the diagonal: nobody moved
        fig.add_shape(type="rect", x0=cols.index(k) - 0.5, x1=cols.index(k) + 0.5, y0=rows.index(k) - 0.5,
                      y1=rows.index(k) + 0.5, line=dict(color=INK, width=2))
    fig.update_xaxes(title=dict(text=f"<b>{t('pg.axis_after', period=after)}</b>", font=FONT), side="top",
                     tickfont=FONT, fixedrange=True, type="category", ticklabelstandoff=4)
    fig.update_yaxes(title=dict(text=f"<b>{t('pg.axis_before', period=before)}</b>", font=FONT),
                     autorange="reversed", tickfont=FONT, fixedrange=True, type="category", ticklabelstandoff=8)
    fig.update_layout(height=height, margin=dict(l=10, r=10, t=10, b=10), plot_bgcolor="white",
                      paper_bgcolor="white")
    return fig


def transition_sankey(links: pd.DataFrame, before: int, after: int, height: int = 520,
                      node_counts: dict[tuple[str, int], str] | None = None) -> go.Figure:
    """Flows from the earlier boxes (left) to the later ones (right), box 9 at the top of each side.
    ``node_counts`` ("a"/"b", box) → text replaces the node totals in the hover (the switch: the row and
    column totals as shown, while ``links`` hold only the shown flows)."""
    lang = language()
    left = sorted(set(links["kotak_sebelum"]), reverse=True)
    right = sorted(set(links["kotak_sesudah"]), reverse=True)
    nodes = [("a", k) for k in left] + [("b", k) for k in right]
    index = {n: i for i, n in enumerate(nodes)}
    out_sum = links.groupby("kotak_sebelum")["jumlah"].sum()
    in_sum = links.groupby("kotak_sesudah")["jumlah"].sum()
    total = float(links["jumlah"].sum()) or 1.0

    def ys(keys, sums) -> list[float]:  # node centres, stacked top to bottom in box order
        pad = 0.02
        free = 1 - pad * (len(keys) - 1)
        pos, y = [], 0.0
        for k in keys:
            h = sums[k] / total * free
            pos.append(min(max(y + h / 2, 0.001), 0.999))
            y += h + pad
        return pos

    label = [t("grid.box", n=k) for _, k in nodes]
    node_hover = [t("pg.hover_node", period=before if side == "a" else after, n=k,
                    count=node_counts[(side, int(k))] if node_counts is not None
                    else fmt.num(out_sum[k] if side == "a" else in_sum[k], lang=lang)) for side, k in nodes]
    link_hover = [t("pg.hover_cell", before=before, after=after, a=a, b=b, count=fmt.num(c, lang=lang))
                  for a, b, c in zip(links["kotak_sebelum"], links["kotak_sesudah"], links["jumlah"])]
    fig = go.Figure(go.Sankey(
        arrangement="fixed",
        node=dict(label=label, pad=8, thickness=22, line=dict(color="white", width=1),
                  color=[SHARE_COLOURS.get(k, "#999999") for _, k in nodes],
                  x=[0.001] * len(left) + [0.999] * len(right),
                  y=ys(left, out_sum) + ys(right, in_sum),
                  customdata=node_hover, hovertemplate="%{customdata}<extra></extra>"),
        link=dict(source=[index[("a", k)] for k in links["kotak_sebelum"]],
                  target=[index[("b", k)] for k in links["kotak_sesudah"]],
                  value=links["jumlah"].tolist(),
                  color=[_rgba(SHARE_COLOURS.get(int(k), "#999999"), 0.5) for k in links["kotak_sebelum"]],
                  customdata=link_hover, hovertemplate="%{customdata}<extra></extra>"),
        textfont=dict(size=14, color=INK)))
    for x, anchor, period in ((0, "left", before), (1, "right", after)):
        fig.add_annotation(x=x, y=1.06, xref="paper", yref="paper", text=f"<b>{period}</b>", showarrow=False,
                           xanchor=anchor, font=dict(size=16, color=INK))
    fig.update_layout(height=height, margin=dict(l=10, r=10, t=40, b=10), paper_bgcolor="white")
    return fig
