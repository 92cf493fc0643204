"""The 9-box figures under the anonymisation switch: hidden boxes read "*" and draw no dots or rings."""
from __future__ import annotations

import pandas as pd

from analytics.ninebox import box_summary
from reports.figures.ninebox import ninebox_grid, ninebox_scatter, with_count_labels

BOXES = [5] * 5 + [8] + [9] * 12


def _points() -> pd.DataFrame:
    n = len(BOXES)
    return pd.DataFrame({"x": [0.5] * n, "y": [0.5] * n, "nip": [f"N{i:02d}" for i in range(n)],
                         "nama": "ASN", "jabatan": "JF", "opd_nama": "OPD", "predikat_efektif": "Baik",
                         "jpm_teks": "–", "kotak": BOXES})


def test_labels_hide_the_small_box_and_the_one_that_would_give_it_away(rules):
    shown = with_count_labels(box_summary(pd.Series(BOXES), rules.boxes), 5, "id").set_index("kotak")
    # the pool headline (boxes 7–9) is 13: with box 9 shown it would give box 8 away, so box 9 goes too
    assert shown.loc[8, "jumlah_teks"] == "*" and shown.loc[9, "jumlah_teks"] == "*"
    assert shown.loc[5, "jumlah_teks"] == "5" and shown.loc[8, "persen_teks"] == "*"
    assert shown["ditekan"].sum() == 2
    off = with_count_labels(box_summary(pd.Series(BOXES), rules.boxes), 0, "id").set_index("kotak")
    assert off.loc[8, "jumlah_teks"] == "1" and not off["ditekan"].any()


def test_a_hidden_box_sends_no_dot_and_no_ring(rules):
    summary = box_summary(pd.Series(BOXES), rules.boxes)
    points = _points()
    marked = points.loc[[0, 5, 6], ["x", "y", "nip"]]  # rings on a box-5, the box-8 and a box-9 person
    fig, curves = ninebox_scatter(points, summary, "kotak", None, marked=marked, min_count=5)
    sent = [nip for nips in curves.values() for nip in nips]
    assert set(sent) == set(points.loc[points["kotak"] == 5, "nip"])   # box 5's dots and ring only
    assert "N05" not in fig.to_json() and "N06" not in fig.to_json()
    fig_off, _ = ninebox_scatter(points, summary, "kotak", None, marked=marked, min_count=0)
    assert "N05" in fig_off.to_json()


def test_the_grid_says_the_same(rules):
    fig = ninebox_grid(box_summary(pd.Series(BOXES), rules.boxes), min_count=5, lang="id")
    hover = {t.split("<br>")[0]: t.split("<br>")[2] for t in fig.data[0].text}
    assert hover["Kotak 8"] == "* orang · *" and hover["Kotak 9"] == "* orang · *"
