"""Periods: their list and status, and the scope guard of writes about a person.

The period lock itself is in ``ConnectionBase._transaction(period=...)`` (one place).
"""
from __future__ import annotations

import duckdb

from data.store.errors import StoreError
from data.store.filters import Scope, in_scope
from data.store.reference import ReferenceMixin


class PeriodsMixin(ReferenceMixin):
    def periods(self) -> list[int]:
        return list(self._remember(("periods",), lambda: tuple(
            self._frame("SELECT period FROM period ORDER BY period")["period"].tolist())))

    def next_period(self, period: int) -> int | None:
        """The first period after ``period`` (for closing the loop), or None."""
        return self._scalar("SELECT min(period) FROM period WHERE period > ?", [period])

    def previous_period(self, period: int) -> int | None:
        return self._scalar("SELECT max(period) FROM period WHERE period < ?", [period])

    def period_status(self, period: int) -> dict:
        f = self._frame("SELECT status, finalised_at, finalised_by FROM period WHERE period = ?", [period])
        if f.empty:
            raise StoreError(f"Periode {period} tidak ada.")
        return f.iloc[0].to_dict()

    def _require_in_scope(self, cur: duckdb.DuckDBPyConnection, period: int, nip: str, scope: Scope) -> None:
        ok = cur.execute("SELECT count(*) FROM asn_period WHERE period = ? AND nip = ?"
                         f" AND {in_scope('opd_id')}",
                         [period, nip, *scope.params]).fetchone()[0]
        if not ok:
            raise StoreError(f"ASN {nip} tidak ada pada periode {period} dalam lingkup Anda.")
