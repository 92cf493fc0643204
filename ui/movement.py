"""Movement (the Pergerakan page and its slide): box movement of the same people between two periods.

Boxes are the final ones (``kotak``: after calibration where there was one).
"""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from analytics import movement
from analytics.movement import NAIK, TURUN
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

    def links(self) -> pd.DataFrame:
        """The Sankey's flows."""
        return movement.sankey_links(self.matrix)


def periods() -> list[int]:
    """Every period with data, oldest first."""
    return services.store().periods()


def compare(before: pd.DataFrame, after: pd.DataFrame, p_before: int, p_after: int,
            boxes: pd.DataFrame) -> Comparison:
    """The transition from ``before`` (placements of ``p_before``) to ``after``, by ``boxes`` (the later rules)."""
    low = movement.bottom_boxes(boxes)
    bottom = f"{low[0]}–{low[-1]}" if list(low) == list(range(low[0], low[-1] + 1)) else ", ".join(map(str, low))
    return Comparison(p_before, p_after, movement.transition_matrix(before, after, boxes),
                      movement.movers(before, after, boxes), bottom)


def between(p_before: int, p_after: int, filters: Filters, scope: Scope) -> tuple[Comparison, pd.DataFrame]:
    """The comparison of two periods' placements, and the later placements (shared: do not mutate)."""
    before = services.placements(p_before, filters, scope)
    after = services.placements(p_after, filters, scope)
    return compare(before, after, p_before, p_after, services.rules(p_after).boxes), after
