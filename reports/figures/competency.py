"""Competency figures: attained levels against the SKJ standard."""
from __future__ import annotations

import plotly.graph_objects as go


def radar(labels: list[str], attained: list[float], required: list[float], attained_name: str,
          required_name: str) -> go.Figure:
    """Competency radar: attained vs SKJ standard, levels 1–5."""
    fig = go.Figure()
    closed = labels + labels[:1]
    fig.add_trace(go.Scatterpolar(r=required + required[:1], theta=closed, name=required_name,
                                  line=dict(color="#888", dash="dash"), fill=None))
    fig.add_trace(go.Scatterpolar(r=attained + attained[:1], theta=closed, name=attained_name,
                                  line=dict(color="#0b6e4f", width=3), fill="toself",
                                  fillcolor="rgba(11,110,79,0.2)"))
    fig.update_layout(polar=dict(radialaxis=dict(range=[0, 5], tickvals=[1, 2, 3, 4, 5])), height=380,
                      margin=dict(l=40, r=40, t=20, b=20), legend=dict(orientation="h"))
    return fig
