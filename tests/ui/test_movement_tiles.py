"""The movement tiles under the anonymisation switch (ui.movement.Comparison.tiles): up / same / down by
box rank, the total, and the parts (same box, rank +2, into the bottom boxes) never give a hidden cell
away, whatever else of the matrix the screen shows; with the switch off every tile is shown and
up + same + down is the total."""
from __future__ import annotations

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from analytics.movement import DIRECTIONS, DOWN, NAIK, RANK_DOWN, RANK_SAME, RANK_UP, STAYED, TURUN, UP
from tests.analytics.test_table_suppression import recoverable_cells, sparse
from ui.movement import compare

KEYS = list(range(1, 10))
MARK = "*"


def _frames(cells: dict[tuple[int, int], int]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Before and after placements with ``count`` people moving a → b for each cell."""
    nips, a, b = [], [], []
    for (x, y), count in cells.items():
        for i in range(count):
            nips.append(f"{x}{y}-{i:03d}")
            a.append(x)
            b.append(y)
    before = pd.DataFrame({"nip": nips, "kotak": pd.array(a, dtype="Int8")})
    after = pd.DataFrame({"nip": nips, "kotak": pd.array(b, dtype="Int8")})
    return before, after


def _num(text: str) -> int | None:
    return None if MARK in text else int(text.replace(".", ""))


def _shown(cmp, minimum: int):
    """The suppression, the tiles as numbers (None = hidden), and every shown tile as a sum of cells."""
    hidden = cmp.hidden(minimum)
    tiles = cmp.tiles(hidden, "id")
    groups = {d: cmp.headlines[d] for d in DIRECTIONS}
    groups |= {"stayed": cmp.parts[STAYED], NAIK: cmp.parts[UP], TURUN: cmp.parts[DOWN]}
    shown = {k: _num(tiles[k]) for k in [*DIRECTIONS, "stayed", NAIK, TURUN, "total"]}
    return hidden, shown, groups


def _check(cells: dict, rules, minimum: int = 5):
    before, after = _frames(cells)
    cmp = compare(before, after, 2024, 2025, rules.boxes)
    hidden, shown, groups = _shown(cmp, minimum)
    m = cmp.matrix
    for name, ks in groups.items():   # a shown tile is the true sum of its cells
        assert shown[name] is None or shown[name] == sum(int(m.loc[a, b]) for a, b in ks), name
    assert shown["total"] is None or shown["total"] == int(m.to_numpy().sum())
    # every tile shown is a sum the reader knows, next to the shown cells of the heatmap: nothing hidden follows
    as_read = type(hidden)(hidden.cells, hidden.rows, hidden.cols,
                           frozenset(n for n in groups if shown[n] is None), shown["total"] is None)
    assert recoverable_cells(m, as_read, groups) == []
    assert all(hidden.cell_hidden(a, b) for (a, b), v in cells.items() if 0 < v < minimum)
    return cmp, shown


def test_one_small_move_hides_its_tiles_and_what_would_give_it_back(rules):
    """Five stayed in box 5, one moved 5 → 8 (up): up alone would be that one person."""
    cmp, shown = _check({(5, 5): 5, (5, 8): 1}, rules)
    assert cmp.counts == {RANK_UP: 1, RANK_SAME: 5, RANK_DOWN: 0}
    assert shown[RANK_UP] is None and shown[NAIK] == 0   # 5 → 8 is one rank step: not a notable rise
    assert shown["stayed"] is None or shown[RANK_SAME] is None or shown["total"] is None  # else up = total − same


def test_large_groups_stay_shown_beside_a_small_cell(rules):
    cells = {(5, 5): 60, (5, 7): 20, (5, 8): 12, (7, 5): 15, (2, 3): 8, (8, 7): 2, (9, 9): 9, (7, 2): 6}
    cmp, shown = _check(cells, rules)
    assert cmp.hidden(5).cell_hidden(8, 7)
    assert shown["total"] == 132 and shown[RANK_UP] == 32 and shown[RANK_DOWN] == 21
    assert shown[RANK_SAME] is not None or shown[RANK_UP] is not None   # not everything goes


def test_switch_off_shows_every_tile_and_they_add_up(rules):
    cells = {(5, 5): 3, (5, 8): 1, (1, 5): 1, (7, 5): 2, (2, 3): 1, (9, 1): 1}
    before, after = _frames(cells)
    cmp = compare(before, after, 2024, 2025, rules.boxes)
    hidden = cmp.hidden(0)
    tiles = cmp.tiles(hidden, "id")
    assert not hidden.any_hidden and MARK not in "".join(tiles.values())
    assert sum(_num(tiles[d]) for d in DIRECTIONS) == _num(tiles["total"]) == 9
    assert (_num(tiles[NAIK]), _num(tiles[TURUN]), _num(tiles["stayed"])) == (1, 1, 3)


@settings(max_examples=60, deadline=None)
@given(sparse, st.sampled_from([5, 3]))
def test_no_tile_gives_a_hidden_cell_away(rules, cells, minimum):
    _check(cells, rules, minimum)
