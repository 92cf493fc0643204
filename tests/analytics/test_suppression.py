"""Complementary small-cell suppression (analytics.anonymise.suppress_linked, analytics.ninebox.box_suppression):
nothing hidden can be worked out from what the same screen shows, checked by solving the shown numbers."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.optimize import linprog

from analytics.anonymise import Suppression, suppress_linked
from analytics.ninebox import POOL, box_summary, box_suppression

BOXES = list(range(1, 10))
POOL_BOXES = [7, 8, 9]
ATTENTION_BOXES = [1, 2, 3]


def recoverable(values: dict[int, int], s: Suppression, groups: dict[str, list[int]]) -> list[int]:
    """Hidden cells whose value the shown numbers pin down: the shown cells, each shown group's sum and the
    shown total are equations over the hidden cells (each hidden cell is known to be at least 1, as the
    screen shows 0 as 0). A cell is recoverable when its least and greatest feasible values are equal
    (linear programme over the equations), or when its unit vector lies in the equations' row space."""
    hidden = [k for k in values if s.cell_hidden(k)]
    if not hidden:
        return []
    rows, rhs = [], []
    sums = [(list(values), not s.total)] + [(cells, not s.group_hidden(n)) for n, cells in groups.items()]
    for cells, shown in sums:
        if shown:
            rows.append([1.0 if k in cells else 0.0 for k in hidden])
            rhs.append(sum(values[k] for k in cells if s.cell_hidden(k)))  # the sum minus the shown cells
    found = []
    a = np.array(rows) if rows else np.zeros((0, len(hidden)))
    for j, k in enumerate(hidden):
        unit = np.eye(len(hidden))[j]
        if rows and np.linalg.matrix_rank(np.vstack([a, unit])) == np.linalg.matrix_rank(a):
            found.append(k)
            continue
        if not rows:
            continue
        bounds = [(1, None)] * len(hidden)
        lo = linprog(unit, A_eq=a, b_eq=rhs, bounds=bounds)
        hi = linprog(-unit, A_eq=a, b_eq=rhs, bounds=bounds)
        assert lo.status == 0, "the true values are feasible"
        if hi.status == 0 and abs(lo.fun + hi.fun) < 1e-6:  # max (−hi.fun) == min (lo.fun)
            found.append(k)
    return found


cells = st.lists(st.integers(0, 12) | st.sampled_from([0, 1, 1, 2, 4, 5]), min_size=9, max_size=9)


@settings(max_examples=300, deadline=None)
@given(cells, st.sampled_from([5, 3, 10]), st.booleans())
def test_no_hidden_count_can_be_worked_out_from_the_shown_numbers(counts, minimum, with_attention):
    values = dict(zip(BOXES, counts))
    groups = {"pool": POOL_BOXES} | ({"attention": ATTENTION_BOXES} if with_attention else {})
    s = suppress_linked(pd.Series(values), minimum, groups)
    assert recoverable(values, s, groups) == []
    # every small non-empty cell is hidden; empty cells stay shown
    assert all(s.cell_hidden(k) for k, v in values.items() if 0 < v < minimum)
    assert not any(s.cell_hidden(k) for k, v in values.items() if v == 0)
    # a hidden cell's share is hidden; with the total hidden every share is (a share and a count give the total)
    assert all(s.share_hidden(k) for k in values if s.cell_hidden(k) or s.total)


def test_the_finding_one_person_in_box_8_beside_five_in_box_5():
    """One OPD: 6 placed, 5 in box 5 and 1 in box 8. Hiding box 8 alone let the total, box 5 and the
    pool headline give it away; now box 5 and the pool headline are hidden too, the total stays."""
    values = {k: 0 for k in BOXES} | {5: 5, 8: 1}
    s = suppress_linked(pd.Series(values), 5, {"pool": POOL_BOXES})
    assert s.cells == {5, 8} and s.groups == {"pool"} and not s.total
    assert recoverable(values, s, {"pool": POOL_BOXES}) == []


def test_one_small_cell_takes_the_next_smallest_with_it_and_headlines_stay():
    values = {1: 30, 2: 12, 3: 40, 4: 9, 5: 50, 6: 20, 7: 8, 8: 2, 9: 15}
    s = suppress_linked(pd.Series(values), 5, {"pool": POOL_BOXES})
    assert s.cells == {8, 7} and not s.groups and not s.total  # 7 is the smallest shown cell of the pool


def test_two_ones_are_not_enough_their_sum_would_say_each_is_one():
    values = {k: 20 for k in BOXES} | {8: 1, 9: 1}
    s = suppress_linked(pd.Series(values), 5, {"pool": POOL_BOXES})
    assert s.cells == {7, 8, 9} and not s.groups


def test_a_tiny_population_hides_its_total():
    s = suppress_linked(pd.Series({k: 0 for k in BOXES} | {5: 1, 8: 1}), 5, {"pool": POOL_BOXES})
    assert s.total and s.cells == {5, 8}


def test_nothing_is_hidden_when_the_switch_is_off_or_every_group_is_large():
    assert suppress_linked(pd.Series({1: 1, 2: 3}), 0) == Suppression()
    assert suppress_linked(pd.Series({1: 5, 2: 0, 3: 7}), 5) == Suppression()


def test_groups_must_be_disjoint_known_cells():
    with pytest.raises(ValueError):
        suppress_linked(pd.Series({1: 1, 2: 3}), 5, {"a": [1, 2], "b": [2]})
    with pytest.raises(ValueError):
        suppress_linked(pd.Series({1: 1, 2: 3}), 5, {"a": [3]})


def test_box_suppression_links_the_pool_headline_of_the_rule_table(rules):
    summary = box_summary(pd.Series([5] * 5 + [8]), rules.boxes)
    s = box_suppression(summary, 5)
    assert s.cells == {5, 8} and s.group_hidden(POOL)


def test_the_check_itself_catches_cell_by_cell_hiding():
    """The old way (each small cell alone) is caught: box 8 = total − the rest, and two ones by their sum."""
    values = {k: 0 for k in BOXES} | {5: 5, 8: 1}
    assert recoverable(values, Suppression(frozenset({8})), {}) == [8]
    values = {k: 20 for k in BOXES} | {8: 1, 9: 1}
    assert recoverable(values, Suppression(frozenset({8, 9})), {}) == [8, 9]
