"""Penetapan (finalising a period), its history, and reopening it with a reason.

The lock itself is checked in one place, ``ConnectionBase._transaction(period=...)``: every write
that changes a period's data passes its period there. Here the lock is set and lifted.
"""
from __future__ import annotations

import json

import duckdb
import pandas as pd

from data.store.audit import _audit
from data.store.errors import StoreError
from data.store.periods import PeriodsMixin

# Per-period-capable rule tables and the key a period's own rows replace the defaults by (see
# ``RulesMixin.rules`` and ``distribution_rules``): a period that has any row for a key keeps only its own.
_FROZEN_RULES: tuple[tuple[str, str | None], ...] = (
    ("rule_cutoff", "sumbu"), ("rule_axis_weight", "sumbu"), ("rule_distribution", None))


class FinalisationMixin(PeriodsMixin):
    def finalise_period(self, period: int, actor: str, summary: dict | None = None) -> None:
        """Penetapan: from now on the period's data and rules are read-only (checked by every write's
        transaction). The default rules the period follows are copied into rows of the period, so a
        later edit of a default never changes a finalised result. Refused when already finalised."""
        with self._transaction(period=period) as cur:
            copied = self._freeze_rules(cur, int(period))
            cur.execute("UPDATE period SET status = 'ditetapkan', finalised_at = current_timestamp,"
                        " finalised_by = ? WHERE period = ?", [actor, period])
            cur.execute("INSERT INTO period_finalisation (period, ditetapkan_oleh, ringkasan) VALUES (?, ?, ?)",
                        [period, actor, None if summary is None else json.dumps(summary, default=str)])
            n = cur.execute("SELECT count(*) FROM calibration WHERE period = ?", [period]).fetchone()[0]
            _audit(cur, actor, "kalibrasi:penetapan", f"periode:{period}",
                   {"dikalibrasi": int(n), "aturan_disalin": copied})

    def _freeze_rules(self, cur: duckdb.DuckDBPyConnection, period: int) -> dict[str, int]:
        """Copy the default rows a period still follows into rows of that period; {table: rows copied}."""
        copied = {}
        note = f" (salinan aturan bawaan saat penetapan periode {period})"
        for table, key in _FROZEN_RULES:
            cols = [r[0] for r in cur.execute(
                "SELECT column_name FROM duckdb_columns() WHERE table_name = ? AND schema_name = 'main'"
                " ORDER BY column_index", [table]).fetchall()]
            values = ", ".join("?" if c == "period" else ("sumber || ?" if c == "sumber" else f'd."{c}"')
                               for c in cols)
            own = (f" AND d.{key} NOT IN (SELECT {key} FROM {table} WHERE period = ?)" if key
                   else f" AND NOT EXISTS (SELECT 1 FROM {table} WHERE period = ?)")
            params = [note if c == "sumber" else period for c in cols if c in ("period", "sumber")]
            n = cur.execute(f"INSERT INTO {table} ({', '.join(cols)}) SELECT {values} FROM {table} d"
                            f" WHERE d.period IS NULL{own}", [*params, period]).fetchone()[0]
            copied[table] = int(n)
        return copied

    def reopen_period(self, period: int, reason: str, actor: str) -> None:
        """Lift a penetapan (admin, with a reason): the period is open again; its finalisation row
        records who reopened it, when and why (history is kept). The rules copied at penetapan stay
        the period's own rows. Audited with the reason."""
        reason = (reason or "").strip()
        if not reason:
            raise StoreError("Alasan membuka kembali penetapan wajib diisi.")
        with self._transaction() as cur:   # the period is locked: this is the one write that lifts the lock
            row = cur.execute("SELECT status FROM period WHERE period = ?", [period]).fetchone()
            if row is None:
                raise StoreError(f"Periode {period} tidak ada.")
            if row[0] != "ditetapkan":
                raise StoreError(f"Periode {period} belum ditetapkan; tidak ada yang dibuka kembali.")
            cur.execute("UPDATE period SET status = 'terbuka', finalised_at = NULL, finalised_by = NULL"
                        " WHERE period = ?", [period])
            last = cur.execute("SELECT max(id) FROM period_finalisation WHERE period = ? AND dibuka_pada IS NULL",
                               [period]).fetchone()[0]
            if last is None:   # finalised outside this history (should not happen after migration 009)
                last = cur.execute("INSERT INTO period_finalisation (period, ditetapkan_oleh) VALUES (?, '-')"
                                   " RETURNING id", [period]).fetchone()[0]
            cur.execute("UPDATE period_finalisation SET dibuka_pada = current_timestamp, dibuka_oleh = ?,"
                        " alasan_buka = ? WHERE id = ?", [actor, reason, last])
            _audit(cur, actor, "kalibrasi:buka", f"periode:{period}", {"alasan": reason, "penetapan": int(last)})

    def finalisations(self, period: int) -> pd.DataFrame:
        """Every penetapan of the period, newest first, with its reopening when there was one."""
        return self._frame("SELECT id, period, ditetapkan_pada, ditetapkan_oleh, ringkasan, dibuka_pada,"
                           " dibuka_oleh, alasan_buka FROM period_finalisation WHERE period = ?"
                           " ORDER BY id DESC", [period])
