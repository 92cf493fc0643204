"""Whole datasets: a batch written in one go (the demo data) and wiping every personal row."""
from __future__ import annotations

import duckdb
import pandas as pd

from data.store.audit import _audit
from data.store.connection import _ident
from data.store.reference import ReferenceMixin


class DatasetsMixin(ReferenceMixin):
    def replace_dataset(
        self,
        frames: dict[str, pd.DataFrame],
        *,
        kind: str,
        period: int | None,
        source: str,
        actor: str,
        file_name: str | None = None,
        file_hash: str | None = None,
        warning_count: int = 0,
        replace_where: dict[str, str] | None = None,
    ) -> int:
        """Write several tables as one import batch in one transaction.

        ``frames`` maps table name to rows (columns named as in the schema).
        ``replace_where`` maps table name to a WHERE clause (using ``?`` for the
        period) whose rows are deleted first; tables not listed are appended.
        Returns the new batch id. All or nothing.
        """
        replace_where = replace_where or {}
        with self._transaction() as cur:
            batch_id = int(cur.execute(
                "SELECT coalesce(max(batch_id), 0) + 1 FROM import_batch").fetchone()[0])
            rows = int(sum(len(f) for f in frames.values()))
            cur.execute(
                "INSERT INTO import_batch (batch_id, kind, period, source, file_name,"
                " file_hash, row_count, warning_count, created_by) VALUES (?,?,?,?,?,?,?,?,?)",
                [batch_id, kind, period, source, file_name, file_hash, rows, warning_count, actor],
            )
            for table, where in replace_where.items():
                params = [period] * where.count("?")
                cur.execute(f"DELETE FROM {_ident(table)} WHERE {where}", params)
            for table, frame in frames.items():
                if frame.empty:
                    continue
                frame = frame.copy()
                if "batch_id" in self.columns(table):
                    frame["batch_id"] = batch_id
                cur.register("_incoming", frame)
                cols = ", ".join(_ident(c) for c in frame.columns)
                cur.execute(f"INSERT INTO {_ident(table)} ({cols}) SELECT {cols} FROM _incoming")
                cur.unregister("_incoming")
            _audit(cur, actor, f"impor:{kind}", f"batch:{batch_id}",
                   {"period": period, "rows": rows, "file": file_name, "source": source})
        return batch_id

    # every table holding rows about people or their periods; a demo rebuild or the first real
    # import empties them all, so synthetic and real records never mix
    _PERSONAL_TABLES = ("placement", "calibration", "discussion", "development_action", "assessment",
                        "performance", "discipline", "target_post", "position_history", "asn_period", "asn", "opd",
                        "period", "appointment", "retention_action")

    def _clear_personal(self, cur: duckdb.DuckDBPyConnection, actor: str, reason: str,
                        keep_reference: bool = False) -> None:
        """Inside a caller's transaction: delete all personal rows, retire every batch, audit it.

        ``keep_reference`` keeps the OPD and period lists, which an import validated against;
        :meth:`write_import` removes the ones left unused afterwards.
        """
        for table in self._PERSONAL_TABLES:
            if keep_reference and table in ("opd", "period"):
                continue
            cur.execute(f"DELETE FROM {table}")
        for (table,) in cur.execute(
                "SELECT table_name FROM information_schema.tables WHERE table_name LIKE 'import_replaced_%'"
        ).fetchall():
            cur.execute(f"DELETE FROM {_ident(table)}")
        cur.execute("UPDATE import_batch SET undone_at = current_timestamp WHERE undone_at IS NULL")
        _audit(cur, actor, "hapus-data", None, {"alasan": reason})

    def wipe_personal_data(self, actor: str) -> None:
        """Remove every personnel, performance, assessment and post row (demo rebuild)."""
        with self._transaction() as cur:
            self._clear_personal(cur, actor, "bangun ulang data")
