"""Small-cell suppression of the movement views (AppTest): with the switch on and one small OPD chosen,
nothing Pergerakan or the movement slide shows — heatmap cells, tiles, Sankey flows and node totals,
the notable-moves list — can be combined into a hidden count, and the heatmap sends no value for a
hidden cell.

DISHUB in the demo data has 3 ASN placed in both 2024 and 2025: 2 stayed in box 5, 1 moved to or from
another box (the synthetic data decides which): every one of its cells is small.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from analytics.anonymise import TableSuppression
from analytics.movement import (
    DIRECTIONS,
    DOWN,
    NAIK,
    RANK_DOWN,
    RANK_SAME,
    RANK_UP,
    STAYED,
    TURUN,
    UP,
    direction_cells,
    headline_cells,
)
from data.store import Filters
from tests.analytics.test_table_suppression import recoverable_cells
from tests.conftest import placed_people_in

pytestmark = pytest.mark.slow  # whole-app AppTest runs

TIMEOUT = 90
APP = str(Path(__file__).resolve().parents[2] / "app.py")
OPD = "DISHUB"
MARK = "*"
KEYS = list(range(1, 10))


def _truth(path, opd: str | None = OPD) -> pd.DataFrame:
    """The transition matrix from the store (not through the page's helpers)."""
    f = Filters(opd_ids=(opd,) if opd else ())
    a, b = placed_people_in(path, 2024, f), placed_people_in(path, 2025, f)
    both = a[a["kotak"].notna()][["nip", "kotak"]].merge(b[b["kotak"].notna()][["nip", "kotak"]], on="nip")
    return pd.crosstab(both["kotak_x"].astype(int), both["kotak_y"].astype(int)).reindex(
        index=KEYS, columns=KEYS, fill_value=0)


def _app(page: str, opd: str | None = OPD) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.query_params["anonim"] = "true"
    at.run()
    if opd:
        at.sidebar.multiselect(key="opd").set_value([opd]).run()
    at.switch_page(page).run()
    assert not at.exception, at.exception
    return at


def _num(text: str) -> int | None:
    text = text.strip()
    return None if text == MARK or text.startswith("<") else int(text.replace(".", "") or 0)


def _heatmap(at: AppTest) -> dict:
    specs = [json.loads(c.proto.spec) for c in at.get("plotly_chart")]
    return next(s["data"][0] for s in specs if s["data"][0]["type"] == "heatmap")


def _cells_shown(heat: dict) -> dict[tuple[int, int], int | None]:
    """(before, after) → the count as the heatmap shows it (None = hidden), checking z says no more."""
    rows, cols = [int(y) for y in heat["y"]], [int(x) for x in heat["x"]]
    out = {}
    for i, a in enumerate(rows):
        for j, b in enumerate(cols):
            shown = _num(heat["text"][i][j])
            z = heat["z"][i][j]
            assert (z is None) == (shown is None), (a, b, z, shown)   # a hidden cell has no value at all
            assert MARK in heat["customdata"][i][j] if shown is None else True
            assert z is None or int(z) == shown
            out[(a, b)] = shown
    return out


def _check(truth: pd.DataFrame, cells: dict, rows: dict, cols: dict, tiles: dict, groups: dict) -> TableSuppression:
    """What a screen shows as one linked table: shown numbers are true, small cells hidden, nothing derivable."""
    for (a, b), v in cells.items():
        assert v is None or v == truth.loc[a, b], (a, b)
        if 0 < truth.loc[a, b] < 5:
            assert v is None, (a, b)
    for k, v in rows.items():
        assert v is None or v == truth.loc[k].sum()
    for k, v in cols.items():
        assert v is None or v == truth[k].sum()
    sums = {name: sum(truth.loc[a, b] for a, b in ks) for name, ks in groups.items()}
    for name, v in tiles.items():
        assert v is None or v == (sums[name] if name in sums else truth.to_numpy().sum()), name
    s = TableSuppression(frozenset(k for k, v in cells.items() if v is None),
                         frozenset(k for k in KEYS if rows.get(k) is None),   # a total not on screen is no sum
                         frozenset(k for k in KEYS if cols.get(k) is None),
                         frozenset(n for n in groups if tiles.get(n, 0) is None), tiles.get("total", 0) is None)
    assert recoverable_cells(truth, s, groups) == []
    return s


LABELS = {RANK_UP: "Naik peringkat kotak", RANK_SAME: "Peringkat kotak sama", RANK_DOWN: "Turun peringkat kotak"}


def _groups(rules) -> dict:
    """Every sum the movement views show: up / same / down by rank, and the parts same box, rank +2 and
    into the bottom boxes."""
    parts = headline_cells(rules.boxes)
    return direction_cells(rules.boxes) | {STAYED: parts[STAYED], NAIK: parts[UP], TURUN: parts[DOWN]}


def _tiles(metric: dict, lines: list[str]) -> dict:
    """The tiles (total and the directions, each with its share) and the parts written in ``lines``."""
    tiles = {"total": _num(metric["Ditempatkan di kedua periode"])}
    for d in DIRECTIONS:
        tiles[d] = _num(metric[LABELS[d]].split(" (")[0])
        if tiles[d] is None or tiles["total"] is None:
            assert metric[LABELS[d]].endswith(f"({MARK})")  # its share would give it back
    text = "\n".join(lines)
    tiles[STAYED] = _num(re.search(r"Tetap di kotak yang sama: (\S+) \(", text).group(1))
    into = re.search(r"Masuk kotak 1–3 dari kotak lebih tinggi:? \(?(\S+?)\)?(?: orang|$)", text, re.M)
    if into:
        tiles[TURUN] = _num(into.group(1))
    up2 = re.search(r"Naik ≥ 2 langkah \((\S+)\)", text)
    if up2:
        tiles[NAIK] = _num(up2.group(1))
    return tiles


def _pergerakan(at: AppTest, truth: pd.DataFrame, rules) -> TableSuppression:
    """Every number of Pergerakan's movement part, checked as one linked table; the answer read off the page."""
    metric = {m.label: m.value for m in at.metric}
    kinds = [o for c in at.get("segmented_control") for o in c.options]   # "Naik ≥ 2 langkah (7)"
    tiles = _tiles(metric, [c.value for c in at.caption] + kinds)
    assert NAIK in tiles and TURUN in tiles
    cells = _cells_shown(_heatmap(at))
    # the Sankey: flows only for shown cells, node totals as the row and column totals
    sankey = next(json.loads(c.proto.spec)["data"][0] for c in at.get("plotly_chart")
                  if json.loads(c.proto.spec)["data"][0]["type"] == "sankey")
    flows = [re.match(r"Kotak (\d) \(2024\) → kotak (\d) \(2025\): (\S+) orang", h).groups()
             for h in sankey["link"].get("customdata", [])]
    assert all(cells[(int(a), int(b))] == _num(c) for a, b, c in flows)   # no flow of a hidden cell
    assert len(flows) == sum(1 for v in cells.values() if v)
    rows, cols = {}, {}
    for h in sankey["node"].get("customdata", []):
        k, period, c = re.match(r"Kotak (\d) \((\d{4})\): (\S+) orang", h).groups()
        (rows if period == "2024" else cols)[int(k)] = _num(c)
    s = _check(truth, cells, rows, cols, tiles, _groups(rules))
    # the notable moves list nobody of a hidden cell (each row is one person of its cell)
    for table in (d.value for d in at.dataframe if "langkah" in d.value.columns):
        assert not [r for r in table.itertuples() if s.cell_hidden(int(r.kotak_sebelum), int(r.kotak_sesudah))]
    return s


def _small(truth: pd.DataFrame) -> list[tuple[int, int]]:
    return [(a, b) for a in KEYS for b in KEYS if 0 < truth.loc[a, b] < 5]


def test_pergerakan_shows_nothing_that_gives_a_small_move_away(demo_copy, rules):
    truth = _truth(demo_copy)
    small = _small(truth)
    assert truth.to_numpy().sum() == 3 and len(small) == 2  # the data's shape: three people, two small cells
    at = _app("app_pages/pergerakan.py")
    s = _pergerakan(at, truth, rules)
    assert all(s.cell_hidden(a, b) for a, b in small)
    assert any("disembunyikan" in c.value for c in at.caption)


def test_pergerakan_of_every_opd_links_cells_margins_and_headlines(demo_copy, rules):
    """The whole demo population: many small cells among large ones, row and column totals on the Sankey."""
    truth = _truth(demo_copy, None)
    assert ((truth > 0) & (truth < 5)).to_numpy().sum() >= 5, "the demo data must hold small moves"
    at = _app("app_pages/pergerakan.py", None)
    s = _pergerakan(at, truth, rules)
    assert s.cells and not s.total


def test_movement_slide_shows_nothing_that_gives_a_small_move_away(demo_copy, rules):
    truth = _truth(demo_copy)
    at = _app("app_pages/presentasi.py")
    assert at.toggle(key="anonim").value is True
    at.button(key="pres_next").click().run()
    at.button(key="pres_next").click().run()
    assert not at.exception
    assert any("Pergerakan" in m.value for m in at.markdown if m.value.startswith("# "))
    metric = {m.label: m.value for m in at.metric}
    tiles = _tiles(metric, [m.value for m in at.markdown if m.value.startswith("- ")])
    assert TURUN in tiles
    cells = _cells_shown(_heatmap(at))
    s = _check(truth, cells, {}, {}, tiles, _groups(rules))
    assert _small(truth) and all(s.cell_hidden(a, b) for a, b in _small(truth))
    assert any("disembunyikan" in m.value for m in at.markdown)


def test_switch_off_shows_the_counts(demo_copy):
    truth = _truth(demo_copy)
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.run()
    at.sidebar.multiselect(key="opd").set_value([OPD]).run()
    at.switch_page("app_pages/pergerakan.py").run()
    assert not at.exception
    cells = _cells_shown(_heatmap(at))
    assert cells == {(a, b): int(truth.loc[a, b]) for a in KEYS for b in KEYS}
