"""The audit log: one helper writes every entry, inside the transaction of the change it records."""
from __future__ import annotations

import json

import duckdb
import pandas as pd

from data.store.connection import ConnectionBase


def _audit(cur: duckdb.DuckDBPyConnection, actor: str, action: str, entity: str | None = None,
           detail: dict | None = None) -> None:
    """Record one action in ``audit_log`` on the caller's cursor (so it commits or rolls back with it)."""
    cur.execute("INSERT INTO audit_log (actor, action, entity, detail) VALUES (?, ?, ?, ?)",
                [actor, action, entity, json.dumps(detail) if detail is not None else None])


class AuditMixin(ConnectionBase):
    def audit(self, actor: str, action: str, entity: str | None = None, detail: dict | None = None) -> None:
        """Record an action that changes nothing else (a login attempt, a view, a backup) on its own."""
        cur = self._cur()
        try:
            _audit(cur, actor, action, entity, detail)
        finally:
            cur.close()

    def audit_entries(self, actor: str | None = None, action: str | None = None, since=None,
                      limit: int = 2000) -> pd.DataFrame:
        """Audit log, newest first, filtered by actor and action prefix (parameterised)."""
        where, params = ["TRUE"], []
        if actor:
            where.append("actor = ?")
            params.append(actor)
        if action:
            where.append("starts_with(action, ?)")
            params.append(action)
        if since is not None:
            where.append("occurred_at >= ?")
            params.append(since)
        return self._frame(
            f"SELECT audit_id, occurred_at, actor, action, entity, detail FROM audit_log"
            f" WHERE {' AND '.join(where)} ORDER BY audit_id DESC LIMIT ?", [*params, limit])
