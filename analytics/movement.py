"""Movement between two periods: transition matrix, notable moves, Sankey links.

Pure functions over the placement frames of two periods (``nip`` and ``kotak`` columns,
``kotak`` NaN for people not placed). Only people placed in *both* periods count: someone
without a box in one of them has no move to report, and is never guessed.

"Up" and "down" are measured on a box rank taken from the rule table's axes, never from the
box numbers: rank = row + column, with row = performance category (0 di bawah … 2 di atas)
and column = potential category (0 rendah … 2 tinggi). A move of one grid step right or up
adds 1; a diagonal step adds 2. With the national numbering the ranks are
1→0 · 2,3→1 · 4,5,6→2 · 7,8→3 · 9→4.

Notable moves:

- ``naik ≥2``: the rank rises by two or more (e.g. 1→5, 2→7, 5→9, 3→8).
- ``turun ke 1–3``: the person lands in the bottom boxes from outside them. The bottom boxes
  are those with rank ≤ 1 (both axes low, or one low and the other middle): with the national
  numbering exactly boxes 1, 2 and 3, derived from ``boxes`` rather than written down.
"""
from __future__ import annotations

import pandas as pd

from analytics.ninebox import grid_position

NAIK = "naik ≥2"
TURUN = "turun ke 1–3"
NAIK_MIN_STEPS = 2     # a rise of at least this many rank steps is notable
BOTTOM_MAX_RANK = 1    # boxes with rank ≤ this are the bottom boxes (1, 2, 3 nationally)


def box_rank(boxes: pd.DataFrame) -> pd.Series:
    """Rank per box (index ``kotak``): performance row + potential column, 0 (box 1) … 4 (box 9)."""
    grid = grid_position(boxes)
    if grid[["baris", "kolom"]].isna().any().any():
        raise ValueError("Tabel kotak memuat kategori yang tidak dikenal.")
    return pd.Series((grid["baris"] + grid["kolom"]).astype(int).to_numpy(), index=grid["kotak"].astype(int),
                     name="peringkat").sort_index()


def bottom_boxes(boxes: pd.DataFrame) -> tuple[int, ...]:
    """The boxes a fall into is notable: rank ≤ BOTTOM_MAX_RANK (1, 2, 3 with the national numbering)."""
    rank = box_rank(boxes)
    return tuple(int(k) for k in rank.index[rank <= BOTTOM_MAX_RANK])


def _placed(frame: pd.DataFrame, which: str) -> pd.Series:
    """Box per NIP of the people placed in one period."""
    placed = frame.loc[frame["kotak"].notna(), ["nip", "kotak"]]
    if placed["nip"].duplicated().any():
        raise ValueError(f"NIP ganda pada periode {which}.")
    return pd.Series(placed["kotak"].astype(int).to_numpy(), index=placed["nip"].to_numpy(), name=which)


def paired(before: pd.DataFrame, after: pd.DataFrame) -> pd.DataFrame:
    """nip, kotak_sebelum, kotak_sesudah for everyone placed in both periods (sorted by NIP)."""
    a, b = _placed(before, "kotak_sebelum"), _placed(after, "kotak_sesudah")
    both = pd.concat([a, b], axis=1, join="inner").sort_index()
    both.index.name = "nip"
    return both.reset_index()


def transition_matrix(before: pd.DataFrame, after: pd.DataFrame, boxes: pd.DataFrame) -> pd.DataFrame:
    """Counts per (earlier box, later box) over NIPs placed in both periods.

    Rows = the earlier period's box, columns = the later one's; every box of ``boxes`` is
    present in both, so the frame is always 9×9 (zeros where nobody moved that way).
    """
    keys = sorted(int(k) for k in boxes["kotak"])
    both = paired(before, after)
    counts = pd.crosstab(both["kotak_sebelum"], both["kotak_sesudah"])
    matrix = counts.reindex(index=keys, columns=keys, fill_value=0).astype(int)
    matrix.index.name, matrix.columns.name = "kotak_sebelum", "kotak_sesudah"
    return matrix


def movers(before: pd.DataFrame, after: pd.DataFrame, boxes: pd.DataFrame) -> pd.DataFrame:
    """The notable moves: nip, kotak_sebelum, kotak_sesudah, langkah (rank change), jenis.

    ``jenis`` is NAIK (rank up by ≥ NAIK_MIN_STEPS) or TURUN (into the bottom boxes from
    outside them). Everyone else is left out. Sorted by kind, then the largest change, then NIP.
    """
    rank = box_rank(boxes)
    bottom = set(bottom_boxes(boxes))
    both = paired(before, after)
    step = both["kotak_sesudah"].map(rank) - both["kotak_sebelum"].map(rank)
    up = step >= NAIK_MIN_STEPS
    down = both["kotak_sesudah"].isin(bottom) & ~both["kotak_sebelum"].isin(bottom) & (step < 0)
    out = both.assign(langkah=step.astype(int))
    out["jenis"] = None
    out.loc[up, "jenis"] = NAIK
    out.loc[down, "jenis"] = TURUN
    out = out[up | down].copy()
    out["_order"] = (out["jenis"] == TURUN).astype(int)
    out["_size"] = out["langkah"].abs()
    out = out.sort_values(["_order", "_size", "nip"], ascending=[True, False, True], kind="stable")
    return out.drop(columns=["_order", "_size"]).reset_index(drop=True)


def sankey_links(matrix: pd.DataFrame) -> pd.DataFrame:
    """Non-zero cells of a transition matrix as Sankey links.

    Nodes 0…n-1 are the earlier boxes (matrix rows, in order), n…2n-1 the later ones
    (matrix columns). Columns: sumber, tujuan (node indices), kotak_sebelum, kotak_sesudah, jumlah.
    """
    n = len(matrix.index)
    col_pos = {k: j for j, k in enumerate(matrix.columns)}
    rows = []
    for i, k_before in enumerate(matrix.index):
        for k_after in matrix.columns:
            value = int(matrix.loc[k_before, k_after])
            if value > 0:
                rows.append((i, n + col_pos[k_after], int(k_before), int(k_after), value))
    return pd.DataFrame(rows, columns=["sumber", "tujuan", "kotak_sebelum", "kotak_sesudah", "jumlah"]).astype(
        {"sumber": int, "tujuan": int, "kotak_sebelum": int, "kotak_sesudah": int, "jumlah": int})


STAYED, UP, DOWN = "tetap", "naik", "turun"


def headline_cells(boxes: pd.DataFrame) -> dict[str, list[tuple[int, int]]]:
    """The (earlier box, later box) cells behind the movement headlines: stayed (the diagonal), up
    (NAIK: rank +NAIK_MIN_STEPS or more) and down (TURUN: into the bottom boxes from outside, lower rank).
    Disjoint, so the anonymisation switch can hide them as linked sums of the matrix."""
    rank = box_rank(boxes)
    bottom = set(bottom_boxes(boxes))
    keys = list(rank.index)
    cells: dict[str, list[tuple[int, int]]] = {STAYED: [], UP: [], DOWN: []}
    for a in keys:
        for b in keys:
            step = int(rank[b] - rank[a])
            if a == b:
                cells[STAYED].append((a, b))
            elif step >= NAIK_MIN_STEPS:
                cells[UP].append((a, b))
            elif b in bottom and a not in bottom and step < 0:
                cells[DOWN].append((a, b))
    return cells


# -- up / same / down by grid rank ------------------------------------------------------------------
# Every person placed in both periods is in exactly one of these three: a rise of the box rank
# (row + column, above), the same rank (stayed in the box, or moved sideways between boxes of one
# rank: 2↔3, 4↔5↔6, 7↔8), or a fall. Their sum is the number placed in both periods.
RANK_UP, RANK_SAME, RANK_DOWN = "naik peringkat", "peringkat sama", "turun peringkat"
DIRECTIONS = (RANK_UP, RANK_SAME, RANK_DOWN)


def direction(step: int) -> str:
    """RANK_UP, RANK_SAME or RANK_DOWN for a change of box rank."""
    return RANK_UP if step > 0 else RANK_DOWN if step < 0 else RANK_SAME


def direction_cells(boxes: pd.DataFrame) -> dict[str, list[tuple[int, int]]]:
    """The (earlier box, later box) cells of each direction: disjoint and together the whole matrix, so
    that the anonymisation switch can solve the three headlines and the total as linked sums."""
    rank = box_rank(boxes)
    cells: dict[str, list[tuple[int, int]]] = {d: [] for d in DIRECTIONS}
    for a in rank.index:
        for b in rank.index:
            cells[direction(int(rank[b] - rank[a]))].append((int(a), int(b)))
    return cells


def directions(matrix: pd.DataFrame, boxes: pd.DataFrame) -> dict[str, int]:
    """People per direction (RANK_UP, RANK_SAME, RANK_DOWN) in a transition matrix; they sum to the
    matrix's total, the people placed in both periods."""
    rank = box_rank(boxes)
    out = dict.fromkeys(DIRECTIONS, 0)
    for a in matrix.index:
        for b in matrix.columns:
            out[direction(int(rank[int(b)] - rank[int(a)]))] += int(matrix.loc[a, b])
    return out
