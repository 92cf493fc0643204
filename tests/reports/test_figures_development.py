"""reports/figures/development.py: the gap heatmap and the JPM bars draw what they are given, escaped,
with numbers in the language asked for."""
from __future__ import annotations

import numpy as np
import pandas as pd

from reports.figures import development as figures


def _agg() -> pd.DataFrame:
    return pd.DataFrame({"kelompok": ["A", "A", "B"], "kode": ["k1", "k2", "k1"], "n": [6, 6, 7],
                         "rerata_selisih": [-0.5, 0.25, -1.125], "persen_di_bawah": [50.0, 0.0, 71.4]})


def test_heatmap_cells_text_and_escaped_labels():
    fig = figures.gap_heatmap(_agg(), "rerata_selisih", ["A", "B"], {"A": "<b>A</b>", "B": "B"},
                              {"A": "Dinas A", "B": "Dinas B"}, ["k1", "k2"], {"k1": "Satu dua tiga empat lima"})
    heat = fig.data[0]
    assert list(heat.text[0]) == ["-0,50", "0,25"] and heat.text[1][0] == "-1,12" and heat.text[1][1] == ""
    assert np.isnan(heat.z[1][1])
    assert heat.y[0] == "&lt;b&gt;A&lt;/b&gt;"
    assert "<br>" in heat.x[0]                           # a long competency name is wrapped
    assert heat.zmid == 0 and heat.zmax == 1.125          # symmetric around no gap


def test_heatmap_share_metric_and_english_numbers():
    fig = figures.gap_heatmap(_agg(), "persen_di_bawah", ["A", "B"], {}, {}, ["k1", "k2"], {}, lang="en")
    assert fig.data[0].text[1][0] == "71%" and fig.data[0].zmax == 100
    assert "1,125" not in str(fig.data[0].customdata) and "-1.12" in str(fig.data[0].customdata)


def test_jpm_bars_one_trace_per_band_best_first_hidden_groups_left_out():
    dist = pd.DataFrame({"kelompok": ["X", "X", "Y", "Y", "Z", "Z"], "label": ["Optimal", "Kurang"] * 3,
                         "batas_bawah": [80, 0] * 3, "jumlah": [3, 1, 2, 2, 0, 0], "persen": [75.0, 25.0, 50, 50, 0, 0],
                         "n_kelompok": [4, 4, 4, 4, 1, 1], "disembunyikan": [False] * 4 + [True] * 2})
    fig = figures.jpm_bars(dist, {"X": "Fungsional"})
    assert [tr.name for tr in fig.data] == ["Optimal", "Kurang"]
    assert list(fig.data[0].y) == ["Fungsional (4)", "Y (4)"]
    assert list(fig.data[0].text) == ["75%", "50%"]
