"""Small-cell suppression of a 2-D table with its margins and headlines (analytics.anonymise.suppress_table),
the movement matrix's: nothing hidden can be worked out from the shown cells, row totals, column totals,
grand total and headline groups, checked by solving them (the linear check of test_suppression, over sums
that cross)."""
from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.optimize import linprog

from analytics.anonymise import TableSuppression, suppress_table
from analytics.movement import headline_cells

KEYS = list(range(1, 10))


def pinned(values: dict, hidden: set, sums: list[tuple[set, int]]) -> list:
    """Hidden cells a reader can work out: each shown sum minus its shown cells is an equation over its
    hidden cells, each hidden cell is ≥ 1; a cell is pinned when its unit vector lies in the equations'
    row space or its least and greatest feasible values are equal."""
    keys = [k for k in values if k in hidden]
    rows, rhs = [], []
    for cells, total in sums:
        inside = [k for k in cells if k in hidden]
        if inside:
            rows.append([1.0 if k in cells else 0.0 for k in keys])
            rhs.append(total - sum(values[k] for k in cells if k not in hidden))
    if not rows:
        return []
    a = np.array(rows)
    found = []
    for j, k in enumerate(keys):
        unit = np.eye(len(keys))[j]
        if np.linalg.matrix_rank(np.vstack([a, unit])) == np.linalg.matrix_rank(a):
            found.append(k)
            continue
        lo = linprog(unit, A_eq=a, b_eq=rhs, bounds=[(1, None)] * len(keys))
        hi = linprog(-unit, A_eq=a, b_eq=rhs, bounds=[(1, None)] * len(keys))
        assert lo.status == 0, "the true values are feasible"
        if hi.status == 0 and abs(lo.fun + hi.fun) < 1e-6:
            found.append(k)
    return found


def shown_sums(matrix: pd.DataFrame, s: TableSuppression, groups: dict) -> list[tuple[set, int]]:
    """Every sum the screen shows with its value: rows, columns, groups and the grand total unless hidden."""
    values = {(r, c): int(matrix.loc[r, c]) for r in matrix.index for c in matrix.columns}
    out = [({(r, c) for c in matrix.columns}, int(matrix.loc[r].sum())) for r in matrix.index if r not in s.rows]
    out += [({(r, c) for r in matrix.index}, int(matrix[c].sum())) for c in matrix.columns if c not in s.cols]
    out += [(set(ks), sum(values[k] for k in ks)) for n, ks in groups.items() if not s.group_hidden(n)]
    if not s.total:
        out.append((set(values), sum(values.values())))
    return out


def recoverable_cells(matrix: pd.DataFrame, s: TableSuppression, groups: dict) -> list:
    values = {(r, c): int(matrix.loc[r, c]) for r in matrix.index for c in matrix.columns}
    return pinned(values, set(s.cells), shown_sums(matrix, s, groups))


def _matrix(cells: dict) -> pd.DataFrame:
    m = pd.DataFrame(0, index=KEYS, columns=KEYS)
    for (r, c), v in cells.items():
        m.loc[r, c] = v
    return m


sparse = st.dictionaries(st.tuples(st.sampled_from(KEYS), st.sampled_from(KEYS)),
                         st.integers(1, 12) | st.sampled_from([1, 1, 2, 4, 5]), max_size=14)


@settings(max_examples=150, deadline=None)
@given(sparse, st.sampled_from([5, 3]), st.booleans())
def test_no_hidden_movement_cell_can_be_worked_out(rules, cells, minimum, margins):
    matrix = _matrix(cells)
    groups = headline_cells(rules.boxes)
    s = suppress_table(matrix, minimum, groups, margins=margins)
    assert recoverable_cells(matrix, s, groups) == []
    if not margins and s.cells:  # the totals are not shown at all
        assert s.rows == set(KEYS) and s.cols == set(KEYS)
    assert all(s.cell_hidden(r, c) for (r, c), v in cells.items() if 0 < v < minimum)
    assert not any(matrix.loc[r, c] == 0 for r, c in s.cells)


def test_one_person_moving_hides_more_than_their_cell(rules):
    """Five stayed in box 5, one moved 5 → 8: the cell alone would be total − stayed; everything that
    would give it back is hidden too, and the check finds nothing."""
    matrix = _matrix({(5, 5): 5, (5, 8): 1})
    groups = headline_cells(rules.boxes)
    s = suppress_table(matrix, 5, groups)
    assert s.cell_hidden(5, 8) and s.cell_hidden(5, 5)
    assert recoverable_cells(matrix, s, groups) == []


def test_the_check_catches_cell_by_cell_hiding():
    matrix = _matrix({(5, 5): 5, (5, 8): 1, (2, 2): 7})
    assert recoverable_cells(matrix, TableSuppression(frozenset({(5, 8)})), {}) == [(5, 8)]


def test_a_bridge_between_two_hidden_rectangles_is_caught():
    """Every row and column with a hidden cell has two, yet the cell joining two rectangles is pinned."""
    cells = {(1, 1): 2, (1, 2): 2, (2, 1): 2, (2, 2): 2, (3, 3): 2, (3, 4): 2, (4, 3): 2, (4, 4): 2,
             (2, 3): 3, (5, 5): 9}
    hidden = frozenset(cells) - {(5, 5)}
    matrix = _matrix(cells)
    assert (2, 3) in recoverable_cells(matrix, TableSuppression(hidden), {})
    s = suppress_table(matrix, 5, {})
    assert recoverable_cells(matrix, s, {}) == []


def test_without_margins_only_the_headlines_and_the_total_link_the_cells(rules):
    """5 stayed in box 5, one moved 5 → 8 (one step: no headline), 7 stayed in box 2: without the row and
    column totals, the one cell needs one more hidden cell beside it in the rest (through the total)."""
    matrix = _matrix({(5, 5): 5, (5, 8): 1, (2, 2): 7, (2, 3): 6})
    groups = headline_cells(rules.boxes)
    s = suppress_table(matrix, 5, groups, margins=False)
    assert s.cells == {(5, 8), (2, 3)} and not s.groups and not s.total
    assert recoverable_cells(matrix, s, groups) == []


def test_nothing_hidden_when_off_or_every_cell_large(rules):
    assert suppress_table(_matrix({(1, 1): 2}), 0) == TableSuppression()
    assert suppress_table(_matrix({(1, 1): 5, (2, 3): 6}), 5, headline_cells(rules.boxes)) == TableSuppression()
    assert suppress_table(_matrix({(1, 1): 5}), 5, margins=False) == TableSuppression()  # the totals show


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(KEYS), st.sampled_from(KEYS)), min_size=1, max_size=40))
def test_headline_cells_are_the_movers_counts(rules, pairs):
    """Up and down of the tiles (counted from movers) are the sums of their headline cells; stayed is the diagonal."""
    from analytics.movement import DOWN, NAIK, STAYED, TURUN, UP, movers, transition_matrix

    nips = [f"{i:018d}" for i in range(len(pairs))]
    before = pd.DataFrame({"nip": nips, "kotak": [a for a, _ in pairs]})
    after = pd.DataFrame({"nip": nips, "kotak": [b for _, b in pairs]})
    m = transition_matrix(before, after, rules.boxes)
    moves = movers(before, after, rules.boxes)
    cells = headline_cells(rules.boxes)
    total = lambda name: sum(int(m.loc[a, b]) for a, b in cells[name])  # noqa: E731
    assert total(UP) == (moves["jenis"] == NAIK).sum() and total(DOWN) == (moves["jenis"] == TURUN).sum()
    assert total(STAYED) == sum(a == b for a, b in pairs)
