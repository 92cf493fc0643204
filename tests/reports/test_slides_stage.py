"""A chart on the presentation stage: every text it draws raised to the stage minimum, its size left to
the stage, and the figure the deck uses left as it was."""
from __future__ import annotations

import plotly.graph_objects as go

from reports.slides import for_stage


def _small() -> go.Figure:
    fig = go.Figure(go.Bar(x=[1, 2], y=["a", "b"], orientation="h", text=["1", "2"], textfont=dict(size=14)))
    fig.add_trace(go.Scatter(x=[1, 2], y=["a", "b"], mode="text", text=["x", "y"], textfont=dict(size=[12, 30])))
    fig.add_trace(go.Heatmap(z=[[1, 2]], texttemplate="%{z}", textfont=dict(size=9), showscale=True,
                             colorbar=dict(tickfont=dict(size=10))))
    fig.add_annotation(x=1, y="a", text="kecil", font=dict(size=12))
    fig.add_annotation(x=2, y="b", text="besar", font=dict(size=34))
    fig.update_xaxes(tickfont=dict(size=15), title=dict(text="Potensial", font=dict(size=16)))
    fig.update_yaxes(tickfont=dict(size=30))
    fig.update_layout(height=620, width=900, font=dict(size=12), legend=dict(font=dict(size=11)))
    return fig


def test_every_text_reaches_the_minimum_and_larger_text_stays():
    out = for_stage(_small(), 24)
    assert out.layout.font.size == 24 and out.layout.legend.font.size == 24
    assert out.layout.hoverlabel.font.size == 24
    assert [a.font.size for a in out.layout.annotations] == [24, 34]
    assert out.layout.xaxis.tickfont.size == 24 and out.layout.xaxis.title.font.size == 24
    assert out.layout.yaxis.tickfont.size == 30                      # already large: unchanged
    assert out.data[0].textfont.size == 24
    assert list(out.data[1].textfont.size) == [24, 30]
    assert out.data[2].textfont.size == 24 and out.data[2].colorbar.tickfont.size == 24


def test_the_stage_sizes_the_chart_and_the_deck_keeps_its_figure():
    fig = _small()
    out = for_stage(fig, 24)
    assert out.layout.height is None and out.layout.width is None and out.layout.autosize
    assert fig.layout.height == 620 and fig.layout.annotations[0].font.size == 12   # the original is untouched
    assert fig.layout.xaxis.tickfont.size == 15
