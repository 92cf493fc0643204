"""Dots coloured by OPD (or any long category): the largest few groups in distinct colours, the rest
one grey "Lainnya", so the legend stays short and every colour means one group."""
from __future__ import annotations

import numpy as np
import pandas as pd

from analytics.ninebox import box_summary
from common.palette import BOX_COLOURS, OTHER
from reports.figures.ninebox import MAX_COLOUR_GROUPS, colour_groups, ninebox_scatter

N_OPD = 37  # the demo city's OPDs: a legend of 37 squashed the plot and reused colours


def _points(sizes: list[int]) -> pd.DataFrame:
    """People of OPD 01 … OPD nn, ``sizes[i]`` of them in the i-th, spread over the nine boxes."""
    opd = np.repeat([f"OPD {i + 1:02d}" for i in range(len(sizes))], sizes)
    n = len(opd)
    kotak = np.arange(n) % 9 + 1
    return pd.DataFrame({"x": (kotak - 1) % 3 + 0.5, "y": (kotak - 1) // 3 + 0.5, "nip": [f"N{i:05d}" for i in range(n)],
                         "nama": "ASN", "jabatan": "JF", "opd_nama": opd, "predikat_efektif": "Baik", "jpm_teks": "–",
                         "kotak": kotak})


def _legend(fig) -> list[tuple[str, str]]:
    """(name, colour) per legend entry, in the order the legend lists them (rank, then trace order)."""
    shown = [(tr.legendrank, i, tr.name, tr.marker.color) for i, tr in enumerate(fig.data) if tr.showlegend]
    return [(name, colour) for _, _, name, colour in sorted(shown)]


def test_colour_by_opd_shows_the_largest_few_and_lainnya_in_grey(rules):
    sizes = [5 + (i * 7) % 40 for i in range(N_OPD)]    # uneven, some ties
    points = _points(sizes)
    fig, curves = ninebox_scatter(points, box_summary(points["kotak"], rules.boxes), "opd_nama", None)
    legend = _legend(fig)
    assert len(legend) <= MAX_COLOUR_GROUPS + 1 and legend[-1] == ("Lainnya", OTHER)
    colours = [c for _, c in legend]
    assert len(set(colours)) == len(colours)                       # distinct: no colour means two groups
    assert OTHER not in colours[:-1] and not set(colours) & set(BOX_COLOURS.values())
    # the named groups are the largest OPDs, largest first
    by_size = points["opd_nama"].value_counts()
    named = [n for n, _ in legend[:-1]]
    assert [by_size[n] for n in named] == sorted(by_size[named], reverse=True)
    assert min(by_size[named]) >= by_size.drop(named).max()
    # every dot is in exactly one trace: nobody dropped by the grouping
    sent = [nip for k, nips in curves.items() if k > 0 for nip in nips]
    assert sorted(sent) == sorted(points["nip"])
    assert fig.data[1].name == "Lainnya"          # drawn first: its grey dots never cover a named group's


def test_a_short_category_keeps_every_group_and_no_lainnya(rules):
    points = _points([10, 3, 7])
    groups = colour_groups(points, "opd_nama")
    assert [name for name, _, _ in groups] == ["OPD 01", "OPD 02", "OPD 03"]
    assert len({c for _, c, _ in groups}) == 3 and OTHER not in {c for _, c, _ in groups}


def test_lainnya_speaks_english(rules, monkeypatch):
    from common import i18n
    monkeypatch.setitem(i18n._source, "session", lambda: "en")
    groups = colour_groups(_points([4] * 12), "opd_nama")
    assert groups[-1][0] == "Other" and len(groups) == MAX_COLOUR_GROUPS + 1
