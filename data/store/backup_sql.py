"""The SQL of ``python -m data backup|restore``; packaging, checks and file moves are in :mod:`data.backup`.

A snapshot is DuckDB's own EXPORT DATABASE (schema.sql, load.sql, one Parquet file per table). A
restore never runs load.sql: it runs the CREATE statements of schema.sql (first tried in a sandbox
without file access) and loads each table from its file by name.
"""
from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import duckdb

from data.store.connection import ConnectionBase, _ident
from data.store.damage import damage_message
from data.store.errors import StoreError


class BackupSqlMixin(ConnectionBase):
    # export_backup reads in one READ ONLY transaction of its own; load_backup writes through _transaction
    _TABLES_SQL = ("SELECT table_name FROM duckdb_tables() WHERE database_name = current_database()"
                   " AND schema_name = 'main' AND NOT temporary ORDER BY table_name")

    def table_checksums(self, ignore_columns: Sequence[str] = ()) -> dict[str, dict]:
        """Per table ``{"rows": n, "checksum": s}``: the checksum is the sum of the rows' hashes,
        so it does not depend on row order. ``ignore_columns`` leaves such columns out everywhere
        (e.g. timestamps when comparing two runs of the same import)."""
        cur = self._cur()
        try:
            return self._checksums(cur, ignore_columns)
        finally:
            cur.close()

    def _checksums(self, cur: duckdb.DuckDBPyConnection, ignore_columns: Sequence[str] = ()) -> dict[str, dict]:
        out = {}
        for (table,) in cur.execute(self._TABLES_SQL).fetchall():
            cols = [r[0] for r in cur.execute(
                "SELECT column_name FROM duckdb_columns() WHERE database_name = current_database()"
                " AND schema_name = 'main' AND table_name = ? ORDER BY column_index", [table]).fetchall()
                if r[0] not in ignore_columns]
            rows, checksum = cur.execute(
                f"SELECT count(*), coalesce(sum(hash(t)::HUGEINT), 0)::VARCHAR"
                f" FROM (SELECT {', '.join(_ident(c) for c in cols)} FROM {_ident(table)}) t").fetchone()
            out[table] = {"rows": int(rows), "checksum": checksum}
        return out

    def export_backup(self, directory: Path) -> dict[str, dict]:
        """EXPORT DATABASE into ``directory`` (which must not exist yet) as zstd Parquet, and the
        row count and checksum of every table, all read in one transaction (one consistent state).
        Reading every block also finds a damaged file (StoreError with the recovery steps)."""
        target = str(directory).replace("'", "''")
        cur = self._cur()
        try:
            cur.execute("BEGIN TRANSACTION READ ONLY")
            cur.execute(f"EXPORT DATABASE '{target}' (FORMAT parquet, COMPRESSION zstd)")
            sums = self._checksums(cur)
            cur.execute("COMMIT")
            return sums
        except duckdb.Error as exc:
            try:
                cur.execute("ROLLBACK")
            except duckdb.Error:
                pass
            raise StoreError(damage_message(self.path, str(exc))
                             or f"Cadangan gagal ditulis: {str(exc).splitlines()[0]}") from None
        finally:
            cur.close()

    def load_backup(self, directory: Path, files: dict[str, str]) -> None:
        """Into this (new, empty) database: the schema of ``directory/schema.sql`` and every table
        of ``files`` (table → Parquet file in ``directory``), in one transaction, indexes last."""
        statements = self._snapshot_schema((directory / "schema.sql").read_text(encoding="utf-8"))
        indexes = [s for s in statements if s.lstrip().upper().startswith(("CREATE INDEX", "CREATE UNIQUE INDEX"))]
        try:
            with self._transaction() as cur:
                for statement in statements:
                    if statement not in indexes:
                        cur.execute(statement)
                created = {r[0] for r in cur.execute(self._TABLES_SQL).fetchall()}
                if created != set(files):
                    raise StoreError("Cadangan tidak utuh: tabel dalam skema tidak sama dengan tabel dalam "
                                     f"manifest ({', '.join(sorted(created ^ set(files)))}).")
                for table, name in files.items():
                    cur.execute(f"INSERT INTO {_ident(table)} BY NAME SELECT * FROM read_parquet(?)",
                                [str(directory / name)])
                for statement in indexes:
                    cur.execute(statement)
        except duckdb.Error as exc:
            raise StoreError(f"Cadangan tidak dapat dipulihkan: {str(exc).splitlines()[0]}") from None

    @staticmethod
    def _snapshot_schema(sql: str) -> list[str]:
        """The statements of a snapshot's schema.sql: CREATE only, and each one must run in an
        in-memory sandbox without file access (so a crafted snapshot cannot read or write files)."""
        sandbox = duckdb.connect(":memory:", config={"enable_external_access": False})
        try:
            statements = sandbox.extract_statements(sql)
            for statement in statements:
                if statement.type != duckdb.StatementType.CREATE:
                    raise StoreError("Cadangan ditolak: schema.sql memuat perintah selain CREATE.")
                sandbox.execute(statement.query)
            return [s.query for s in statements]
        except duckdb.Error as exc:
            raise StoreError(f"Cadangan ditolak: schema.sql tidak sah ({str(exc).splitlines()[0]}).") from None
        finally:
            sandbox.close()
