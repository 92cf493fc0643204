"""Movement (the Pergerakan page and its slide): box movement of the same people between two periods.

Boxes are the final ones (``kotak``: after calibration where there was one).
"""
from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from analytics import movement
from analytics.anonymise import TableSuppression, suppress_table
from analytics.movement import DIRECTIONS, DOWN, NAIK, STAYED, TURUN, UP
from common import fmt
from common.i18n import t
from data.store import Filters, Scope
from ui import services


@dataclass(frozen=True)
class Comparison:
    """The transition between two periods, with the counts the page and the slide show."""
    before: int
    after: int
    matrix: pd.DataFrame   # earlier box × later box: people
    moves: pd.DataFrame    # notable moves (``nip``, ``kotak_sebelum``, ``kotak_sesudah``, ``langkah``, ``jenis``)
    bottom: str            # the bottom boxes as written: "1–3" or "1, 2, 4"
    headlines: dict = field(default_factory=dict)  # up / same / down by rank → their cells (movement.direction_cells)
    parts: dict = field(default_factory=dict)      # stayed / notable up / into the bottom → cells (headline_cells)
    counts: dict = field(default_factory=dict)     # RANK_UP / RANK_SAME / RANK_DOWN → people (movement.directions)
    same_rank: str = ""    # the boxes that share a rank, as written: "2↔3, 4↔5↔6, 7↔8"

    @property
    def total(self) -> int:
        """People placed in both periods."""
        return int(self.matrix.to_numpy().sum())

    @property
    def stayed(self) -> int:
        return int(sum(self.matrix.loc[k, k] for k in self.matrix.index if k in self.matrix.columns))

    @property
    def up(self) -> int:
        """Notable rises (NAIK: rank +2 or more), a part of the rank rises."""
        return int((self.moves["jenis"] == NAIK).sum())

    @property
    def down(self) -> int:
        """Moves into the bottom boxes from outside them (TURUN), a part of the rank falls."""
        return int((self.moves["jenis"] == TURUN).sum())

    def hidden(self, minimum: int) -> TableSuppression:
        """What the switch hides: small cells and every cell, margin or headline that would give one away
        (``minimum`` 0 = switch off, nothing hidden). One answer for the page, the slide and the deck."""
        # without the row and column totals: with them a sparse 9×9 loses nearly every cell (the Sankey
        # shows no node totals under the switch instead)
        return suppress_table(self.matrix, minimum, self.headlines, margins=False)

    def tiles(self, hidden: TableSuppression, lang: str) -> dict[str, str]:
        """The headline numbers as shown ("*" where hidden): ``total``, each direction of
        ``movement.DIRECTIONS`` and its share of ``total`` (``<direction>_pct``), and three parts of them:
        ``stayed`` (same box, with ``stayed_pct``), NAIK (rank +2 or more) and TURUN (into the bottom boxes).

        The directions are the sums the suppression solved (``hidden``). A part is shown only when none
        of its cells is hidden: then it is the sum of cells on screen and tells nothing new."""
        mark = t("privacy.hidden_mark", lang=lang)
        n = lambda v, gone: mark if gone else fmt.num(v, lang=lang)  # noqa: E731
        pct = lambda v, gone: mark if gone or hidden.total else fmt.pct(  # noqa: E731
            v / self.total * 100 if self.total else 0, 0, lang)
        out = {"total": n(self.total, hidden.total)}
        for d in DIRECTIONS:
            gone = hidden.group_hidden(d)
            out[d], out[f"{d}_pct"] = n(self.counts.get(d, 0), gone), pct(self.counts.get(d, 0), gone)
        part_gone = {k: any(hidden.cell_hidden(a, b) for a, b in self.parts.get(k, ())) for k in (STAYED, UP, DOWN)}
        out["stayed"], out["stayed_pct"] = n(self.stayed, part_gone[STAYED]), pct(self.stayed, part_gone[STAYED])
        out[NAIK] = n(self.up, part_gone[UP])
        out[TURUN] = n(self.down, part_gone[DOWN])
        return out

    def links(self, hidden: TableSuppression | None = None) -> pd.DataFrame:
        """The Sankey's flows (without hidden cells: a flow's width is its count)."""
        links = movement.sankey_links(self.matrix)
        if hidden is None or not hidden.cells:
            return links
        keep = [not hidden.cell_hidden(a, b) for a, b in zip(links["kotak_sebelum"], links["kotak_sesudah"])]
        return links[keep].reset_index(drop=True)

    def shown_moves(self, hidden: TableSuppression) -> pd.DataFrame:
        """The notable moves without those in hidden cells (each row is one person of its cell)."""
        if not hidden.cells:
            return self.moves
        keep = [not hidden.cell_hidden(a, b) for a, b in zip(self.moves["kotak_sebelum"], self.moves["kotak_sesudah"])]
        return self.moves[keep]

    def margin_texts(self, hidden: TableSuppression, lang: str) -> dict[tuple[str, int], str]:
        """Row ("a", box) and column ("b", box) totals as shown, "*" where hidden."""
        mark = t("privacy.hidden_mark", lang=lang)
        out = {("a", int(k)): mark if k in hidden.rows else fmt.num(int(v), lang=lang)
               for k, v in self.matrix.sum(axis=1).items()}
        out |= {("b", int(k)): mark if k in hidden.cols else fmt.num(int(v), lang=lang)
                for k, v in self.matrix.sum(axis=0).items()}
        return out


def periods() -> list[int]:
    """Every period with data, oldest first."""
    return services.store().periods()


def compare(before: pd.DataFrame, after: pd.DataFrame, p_before: int, p_after: int,
            boxes: pd.DataFrame) -> Comparison:
    """The transition from ``before`` (placements of ``p_before``) to ``after``, by ``boxes`` (the later rules)."""
    low = movement.bottom_boxes(boxes)
    bottom = f"{low[0]}–{low[-1]}" if list(low) == list(range(low[0], low[-1] + 1)) else ", ".join(map(str, low))
    matrix = movement.transition_matrix(before, after, boxes)
    rank = movement.box_rank(boxes)
    same_rank = ", ".join("↔".join(map(str, sorted(g.index))) for _, g in rank.groupby(rank) if len(g) > 1)
    return Comparison(p_before, p_after, matrix, movement.movers(before, after, boxes), bottom,
                      movement.direction_cells(boxes), movement.headline_cells(boxes),
                      movement.directions(matrix, boxes), same_rank)


def between(p_before: int, p_after: int, filters: Filters, scope: Scope) -> tuple[Comparison, pd.DataFrame]:
    """The comparison of two periods' placements, and the later placements (shared: do not mutate)."""
    before = services.placements(p_before, filters, scope)
    after = services.placements(p_after, filters, scope)
    return compare(before, after, p_before, p_after, services.rules(p_after).boxes), after


_DIRECTION_LABEL = {movement.RANK_UP: "story.mv.up", movement.RANK_SAME: "story.mv.same",
                    movement.RANK_DOWN: "story.mv.down"}


def direction_tiles(cmp: Comparison, tiles: dict[str, str], lang: str) -> list[tuple[str, str, str]]:
    """(label, value, help) of up / same / down by box rank: "812 (17%)", the share of those placed in both."""
    helps = {movement.RANK_UP: t("story.mv.up_help", lang=lang, before=cmp.before, after=cmp.after),
             movement.RANK_SAME: t("story.mv.same_help", lang=lang, boxes=cmp.same_rank or "–"),
             movement.RANK_DOWN: t("story.mv.down_help", lang=lang, before=cmp.before, after=cmp.after)}
    return [(t(_DIRECTION_LABEL[d], lang=lang), t("story.mv.value", lang=lang, n=tiles[d], pct=tiles[f"{d}_pct"]),
             helps[d]) for d in DIRECTIONS]


def sum_line(cmp: Comparison, tiles: dict[str, str], lang: str) -> str:
    """Up + same + down = the people placed in both periods; how many of the same rank kept their box."""
    return t("story.mv.sum", lang=lang, total=tiles["total"], before=cmp.before, after=cmp.after,
             stayed=tiles["stayed"], stayed_pct=tiles["stayed_pct"])


def into_bottom_line(cmp: Comparison, tiles: dict[str, str], lang: str) -> str:
    """The moves into the bottom boxes, always with their full label and as a part of the falls."""
    return t("story.mv.into_bottom", lang=lang, boxes=cmp.bottom, n=tiles[TURUN])
