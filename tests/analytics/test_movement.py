"""Movement between periods: transition matrix, notable moves at their boundaries, Sankey links.

Boxes come from the shipped rule table (``rules.boxes``); one test renumbers the boxes to prove
that ranks and the bottom boxes follow the table's axes, not the box numbers.
"""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analytics.movement import NAIK, TURUN, bottom_boxes, box_rank, movers, paired, sankey_links, transition_matrix


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
