"""The Sembilan Kotak page's light first draw: the nine boxes with their counts (no dots), drawn before the
people are read, and when it is not drawn (a page filter chosen: its counts would be the sidebar's)."""
from __future__ import annotations

import pandas as pd

from analytics.ninebox import box_summary
from reports.figures.ninebox import ninebox_scatter
from ui import ninebox


def test_the_counts_figure_has_every_badge_and_count_and_no_dot(rules):
    kotak = pd.Series([9] * 12 + [5] * 1_234 + [1] * 3)
    summary = box_summary(kotak, rules.boxes)
    fig, curves = ninebox_scatter(ninebox.NO_DOTS, summary, "kotak", (78.0, 90.0))
    assert [tr.type for tr in fig.data] == ["scatter"]                       # the badges only: no WebGL dots
    assert list(curves) == [0]
    assert sorted(fig.data[0].text) == sorted(f"<b>{k}</b>" for k in range(1, 10))
    # one annotation per box: "<b>1.234</b> · 98,8%"
    shown = sorted(a.text.split("</b>")[0].removeprefix("<b>") for a in fig.layout.annotations)
    assert shown == sorted(["0"] * 6 + ["12", "1.234", "3"])


def test_the_counts_figure_hides_small_boxes_under_the_switch(rules):
    summary = box_summary(pd.Series([9] * 12 + [5] * 40 + [1] * 3), rules.boxes)
    fig, _ = ninebox_scatter(ninebox.NO_DOTS, summary, "kotak", None, min_count=5)
    assert not any(a.text.startswith("<b>3</b>") for a in fig.layout.annotations)   # box 1's 3 people read '*'


def test_a_page_filter_in_the_url_or_the_session_skips_the_counts_first():
    assert not ninebox.page_filtered({}, {})
    assert not ninebox.page_filtered({"warna": "opd_nama", "kotak": "9"}, {"nk_mode": "klik"})
    assert ninebox.page_filtered({"jk": "P"}, {})
    assert ninebox.page_filtered({}, {"gol": ["III/a"]})
    assert ninebox.page_filtered({}, {"cari": "Siti"})
    assert not ninebox.page_filtered({}, {"cari": ""})
