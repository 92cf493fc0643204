"""Movement between periods: transition matrix, notable moves at their boundaries, Sankey links.

Boxes come from the shipped rule table (``rules.boxes``); one test renumbers the boxes to prove
that ranks and the bottom boxes follow the table's axes, not the box numbers.
"""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analytics.movement import (
    DIRECTIONS,
    NAIK,
    RANK_DOWN,
    RANK_SAME,
    RANK_UP,
    TURUN,
    bottom_boxes,
    box_rank,
    direction,
    direction_cells,
    directions,
    headline_cells,
    movers,
    paired,
    sankey_links,
    transition_matrix,
)
from tests.conftest import placed_people_in


def _frame(rows: dict[str, float | None]) -> pd.DataFrame:
    return pd.DataFrame({"nip": list(rows), "kotak": pd.array(list(rows.values()), dtype="Int8")})


def _move(boxes, before: int, after: int) -> str | None:
    out = movers(_frame({"X": before}), _frame({"X": after}), boxes)
    return out["jenis"].iloc[0] if len(out) else None


def test_rank_and_bottom_boxes_come_from_the_rule_table(rules):
    assert box_rank(rules.boxes).to_dict() == {1: 0, 2: 1, 3: 1, 4: 2, 5: 2, 6: 2, 7: 3, 8: 3, 9: 4}
    assert bottom_boxes(rules.boxes) == (1, 2, 3)


def test_matrix_sums_to_people_placed_in_both_periods(rules):
    before = _frame({"A": 1, "B": 5, "C": 9, "D": None, "E": 5, "ONLY_BEFORE": 7})
    after = _frame({"A": 5, "B": 5, "C": None, "D": 3, "E": 2, "ONLY_AFTER": 8})
    m = transition_matrix(before, after, rules.boxes)
    assert m.shape == (9, 9)
    assert list(m.index) == list(range(1, 10)) and list(m.columns) == list(range(1, 10))
    assert int(m.to_numpy().sum()) == 3  # A, B, E: C and D lack a box in one period, the others a period
    assert m.loc[1, 5] == 1 and m.loc[5, 5] == 1 and m.loc[5, 2] == 1
    assert set(paired(before, after)["nip"]) == {"A", "B", "E"}


def test_matrix_matches_a_count_by_hand_on_random_data(rules):
    rng = np.random.default_rng(7)
    nips = [f"N{i:04d}" for i in range(3000)]
    a = rng.integers(1, 10, 3000).astype(float)
    b = rng.integers(1, 10, 3000).astype(float)
    a[rng.random(3000) < 0.2] = np.nan
    b[rng.random(3000) < 0.3] = np.nan
    before = pd.DataFrame({"nip": nips, "kotak": pd.array(a, dtype="Int8")}).sample(frac=1, random_state=1)
    after = pd.DataFrame({"nip": nips, "kotak": pd.array(b, dtype="Int8")}).iloc[500:]  # 500 left
    m = transition_matrix(before, after, rules.boxes)
    expected = np.zeros((9, 9), dtype=int)
    for i in range(500, 3000):
        if not np.isnan(a[i]) and not np.isnan(b[i]):
            expected[int(a[i]) - 1, int(b[i]) - 1] += 1
    assert (m.to_numpy() == expected).all()
    assert m.to_numpy().sum() == expected.sum() > 0


def test_nobody_in_common_gives_a_full_zero_matrix(rules):
    m = transition_matrix(_frame({"A": 1}), _frame({"B": 9}), rules.boxes)
    assert m.shape == (9, 9) and m.to_numpy().sum() == 0
    assert sankey_links(m).empty
    assert movers(_frame({"A": 1}), _frame({"B": 9}), rules.boxes).empty


@pytest.mark.parametrize("before,after,expected", [
    # up: rank rise ≥ 2 is notable, exactly 1 is not
    (1, 5, NAIK), (1, 9, NAIK), (2, 7, NAIK), (3, 8, NAIK), (5, 9, NAIK), (4, 9, NAIK), (6, 9, NAIK),
    (2, 4, None), (1, 2, None), (1, 3, None), (2, 5, None), (5, 7, None), (5, 8, None), (7, 9, None),
    # sideways (same rank) and unchanged
    (4, 6, None), (5, 4, None), (2, 3, None), (5, 5, None), (1, 1, None),
    # down into 1–3 from outside them is notable…
    (4, 2, TURUN), (5, 3, TURUN), (6, 3, TURUN), (4, 1, TURUN), (9, 1, TURUN), (7, 2, TURUN), (8, 3, TURUN),
    # …down within 1–3, or down but staying outside them, is not
    (3, 1, None), (2, 1, None), (9, 5, None), (8, 4, None), (9, 4, None), (7, 6, None),
])
def test_notable_move_boundaries(rules, before, after, expected):
    assert _move(rules.boxes, before, after) == expected


def test_movers_columns_order_and_exclusions(rules):
    before = _frame({"UP4": 1, "UP2": 5, "DOWN": 9, "SAME": 5, "GONE": 1, "NOBOX": 5})
    after = _frame({"UP4": 9, "UP2": 9, "DOWN": 1, "SAME": 5, "NOBOX": None, "NEW": 9})
    out = movers(before, after, rules.boxes)
    assert list(out.columns) == ["nip", "kotak_sebelum", "kotak_sesudah", "langkah", "jenis"]
    assert out["nip"].tolist() == ["UP4", "UP2", "DOWN"]  # rises first, largest first
    assert out["langkah"].tolist() == [4, 2, -4]
    assert out["jenis"].tolist() == [NAIK, NAIK, TURUN]


def test_ranks_follow_the_axes_not_the_numbers(rules):
    """Renumber the boxes (k → 10 − k): 'bottom' is now 9, 8, 7 and 9 → 5 is a rise of two."""
    boxes = rules.boxes.copy()
    boxes["kotak"] = 10 - boxes["kotak"]
    assert bottom_boxes(boxes) == (7, 8, 9)
    assert _move(boxes, 9, 5) == NAIK
    assert _move(boxes, 1, 5) is None
    assert _move(boxes, 6, 7) == TURUN
    m = transition_matrix(_frame({"A": 9}), _frame({"A": 5}), boxes)
    assert m.loc[9, 5] == 1


def test_duplicate_nip_is_an_error(rules):
    dup = pd.DataFrame({"nip": ["A", "A"], "kotak": pd.array([1, 2], dtype="Int8")})
    with pytest.raises(ValueError):
        transition_matrix(dup, _frame({"A": 1}), rules.boxes)


def test_sankey_links_carry_every_nonzero_cell(rules):
    before = _frame({"A": 1, "B": 1, "C": 5, "D": 9})
    after = _frame({"A": 5, "B": 5, "C": 5, "D": 2})
    m = transition_matrix(before, after, rules.boxes)
    links = sankey_links(m)
    assert links["jumlah"].sum() == m.to_numpy().sum() == 4
    assert len(links) == int((m.to_numpy() > 0).sum()) == 3
    assert (links["sumber"] < 9).all() and (links["tujuan"] >= 9).all() and (links["tujuan"] < 18).all()
    row = links[(links["kotak_sebelum"] == 1) & (links["kotak_sesudah"] == 5)].iloc[0]
    assert (row["sumber"], row["tujuan"], row["jumlah"]) == (0, 9 + 4, 2)


# -- up / same / down by box rank -------------------------------------------------------------------
def test_up_same_down_on_a_hand_made_case(rules):
    """Up, same and down by rank sum to the people placed in both periods, and nobody else counts."""
    before = _frame({"A": 5, "B": 5, "C": 7, "D": 2, "E": 4, "F": 9, "G": 5, "H": None, "I": 1, "ONLY": 3})
    after = _frame({"A": 7, "B": 8, "C": 5, "D": 3, "E": 6, "F": 9, "G": 2, "H": 9, "I": None, "NEW": 9})
    m = transition_matrix(before, after, rules.boxes)
    d = directions(m, rules.boxes)
    # up: A 5→7, B 5→8; same: D 2→3 and E 4→6 (sideways), F 9→9 (stayed); down: C 7→5, G 5→2
    assert d == {RANK_UP: 2, RANK_SAME: 3, RANK_DOWN: 2}
    assert sum(d.values()) == len(paired(before, after)) == int(m.to_numpy().sum()) == 7


def test_direction_of_a_rank_change():
    assert [direction(s) for s in (-4, -1, 0, 1, 3)] == [RANK_DOWN, RANK_DOWN, RANK_SAME, RANK_UP, RANK_UP]


def test_direction_cells_split_the_whole_matrix_and_hold_the_notable_moves(rules):
    cells = direction_cells(rules.boxes)
    every = [c for d in DIRECTIONS for c in cells[d]]
    assert len(every) == len(set(every)) == 81
    assert {(a, b) for a in range(1, 10) for b in range(1, 10) if a == b} <= set(cells[RANK_SAME])
    assert {(2, 3), (3, 2), (4, 6), (6, 4), (7, 8), (8, 7), (4, 5)} <= set(cells[RANK_SAME])  # sideways
    assert (5, 7) in cells[RANK_UP] and (7, 5) in cells[RANK_DOWN] and (5, 8) in cells[RANK_UP]
    notable = headline_cells(rules.boxes)
    assert set(notable["naik"]) <= set(cells[RANK_UP]) and set(notable["turun"]) <= set(cells[RANK_DOWN])


def test_up_same_down_on_the_demo_data_sum_to_those_placed_in_both(demo_db, rules):
    before, after = placed_people_in(demo_db, 2024), placed_people_in(demo_db, 2025)
    m = transition_matrix(before, after, rules.boxes)
    d = directions(m, rules.boxes)
    both = paired(before, after)
    assert sum(d.values()) == len(both) == int(m.to_numpy().sum()) > 0
    rank = box_rank(rules.boxes)
    step = both["kotak_sesudah"].map(rank) - both["kotak_sebelum"].map(rank)
    assert d == {RANK_UP: int((step > 0).sum()), RANK_SAME: int((step == 0).sum()), RANK_DOWN: int((step < 0).sum())}
    assert all(v > 0 for v in d.values())
