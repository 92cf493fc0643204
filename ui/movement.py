"""Movement (the Pergerakan page and its slide): box movement of the same people between two periods.

Boxes are the final ones (``kotak``: after calibration where there was one).
"""
from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from analytics import movement
from analytics.anonymise import TableSuppression, suppress_table
from analytics.movement import DOWN, NAIK, STAYED, TURUN, UP
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
    headlines: dict = field(default_factory=dict)  # stayed / up / down → their cells (movement.headline_cells)

    @property
    def total(self) -> int:
        """People placed in both periods."""
        return int(self.matrix.to_numpy().sum())

    @property
    def stayed(self) -> int:
        return int(sum(self.matrix.loc[k, k] for k in self.matrix.index if k in self.matrix.columns))

    @property
    def up(self) -> int:
        return int((self.moves["jenis"] == NAIK).sum())

    @property
    def down(self) -> int:
        return int((self.moves["jenis"] == TURUN).sum())

    def hidden(self, minimum: int) -> TableSuppression:
        """What the switch hides: small cells and every cell, margin or headline that would give one away
        (``minimum`` 0 = switch off, nothing hidden). One answer for the page, the slide and the deck."""
        # without the row and column totals: with them a sparse 9×9 loses nearly every cell (the Sankey
        # shows no node totals under the switch instead)
        return suppress_table(self.matrix, minimum, self.headlines, margins=False)

    def tiles(self, hidden: TableSuppression, lang: str) -> dict[str, str]:
        """The headline numbers as shown: total, stayed, stayed_pct, up, down ("*" where hidden)."""
        mark = t("privacy.hidden_mark", lang=lang)
        n = lambda v, gone: mark if gone else fmt.num(v, lang=lang)  # noqa: E731
        stayed_gone = hidden.group_hidden(STAYED)
        pct = (mark if stayed_gone or hidden.total
               else fmt.pct(self.stayed / self.total * 100 if self.total else 0, 0, lang))
        return {"total": n(self.total, hidden.total), "stayed": n(self.stayed, stayed_gone), "stayed_pct": pct,
                "up": n(self.up, hidden.group_hidden(UP)), "down": n(self.down, hidden.group_hidden(DOWN))}

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
    return Comparison(p_before, p_after, movement.transition_matrix(before, after, boxes),
                      movement.movers(before, after, boxes), bottom, movement.headline_cells(boxes))


def between(p_before: int, p_after: int, filters: Filters, scope: Scope) -> tuple[Comparison, pd.DataFrame]:
    """The comparison of two periods' placements, and the later placements (shared: do not mutate)."""
    before = services.placements(p_before, filters, scope)
    after = services.placements(p_after, filters, scope)
    return compare(before, after, p_before, p_after, services.rules(p_after).boxes), after
