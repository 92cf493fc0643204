"""Figures drawn only for Mode Presentasi and its deck: large type for a projector."""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from common import fmt
from common.palette import GRID, INK


def coverage_bars(cov: pd.DataFrame, lang: str) -> go.Figure:
    """Profiling coverage per group (``kelompok``, ``persen``, ``diprofil``, ``n``), one bar each,
    labelled "share (profiled / all)"."""
    fig = go.Figure(go.Bar(
        y=cov["kelompok"], x=cov["persen"], orientation="h", marker=dict(color="#0b6e4f"),
        text=[f"{fmt.pct(p, 0, lang)} ({fmt.num(d, lang=lang)} / {fmt.num(n, lang=lang)})"
              for p, d, n in zip(cov["persen"], cov["diprofil"], cov["n"])],
        # inside a bar long enough to hold it (white), else after it: a label never runs off the picture
        textposition="auto", textfont=dict(size=18), insidetextfont=dict(color="white"),
        outsidetextfont=dict(color=INK), insidetextanchor="end", cliponaxis=False))
    fig.update_xaxes(range=[0, 118], ticksuffix="%", gridcolor=GRID, tickfont=dict(size=16), fixedrange=True)
    fig.update_yaxes(autorange="reversed", tickfont=dict(size=18, color=INK), fixedrange=True, ticklabelstandoff=10)
    fig.update_layout(height=120 + 60 * len(cov), margin=dict(l=10, r=30, t=10, b=10), plot_bgcolor="white",
                      paper_bgcolor="white", showlegend=False)
    return fig
