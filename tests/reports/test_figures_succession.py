"""reports/figures/succession.py: the comparison radar closes each trace and escapes names."""
from __future__ import annotations

from reports.figures import succession as figures


def test_radar_standard_then_one_closed_trace_per_candidate():
    fig = figures.comparison_radar(["k1", "k2", "k3"], {"k1": "Integritas", "k2": "Kerja sama"}, [3, 3, 4],
                                   "JPT Pratama", [("<Ani>", [3, 4, 2]), ("Budi", [2, 2, 5])])
    assert [tr.name for tr in fig.data] == ["Standar JPT Pratama", "&lt;Ani&gt;", "Budi"]
    assert [list(tr.r) for tr in fig.data] == [[3, 3, 4, 3], [3, 4, 2, 3], [2, 2, 5, 2]]
    assert list(fig.data[1].theta) == ["Integritas", "Kerja sama", "k3", "Integritas"]
    assert fig.data[0].line.dash == "dash" and fig.data[1].fill == "toself"


def test_long_labels_wrap_and_are_escaped():
    assert figures.wrap("Orientasi pada hasil kerja", 16) == "Orientasi pada<br>hasil kerja"
    assert figures.wrap("<b>", 16) == "&lt;b&gt;"
