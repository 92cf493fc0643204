"""Numbered SQL files in ``data/migrations`` applied in order, each in its own transaction."""
from __future__ import annotations

import duckdb

from data.store.connection import ConnectionBase
from data.store.paths import MIGRATIONS_DIR


class MigrationsMixin(ConnectionBase):
    def migrate(self) -> list[str]:
        """Apply pending numbered migrations, each in its own transaction."""
        cur = self._cur()
        try:
            cur.execute(
                "CREATE TABLE IF NOT EXISTS schema_migrations ("
                " version INTEGER PRIMARY KEY, name VARCHAR NOT NULL,"
                " applied_at TIMESTAMP NOT NULL DEFAULT current_timestamp)"
            )
            done = {r[0] for r in cur.execute("SELECT version FROM schema_migrations").fetchall()}
        finally:
            cur.close()
        applied = []
        for f in sorted(MIGRATIONS_DIR.glob("[0-9][0-9][0-9]_*.sql")):
            version = int(f.name[:3])
            if version in done:
                continue
            with self._transaction() as tx:
                tx.execute(f.read_text(encoding="utf-8"))
                tx.execute("INSERT INTO schema_migrations (version, name) VALUES (?, ?)", [version, f.name])
            applied.append(f.name)
        return applied

    def schema_version(self) -> int:
        try:
            return int(self._scalar("SELECT coalesce(max(version), 0) FROM schema_migrations"))
        except duckdb.CatalogException:
            return 0
