"""The data layer: the only package that holds SQL statements.

:class:`Store` is one facade over a mixin per topic (see ``docs/architecture-data.md``); every
name callers import from ``data.store`` is re-exported here. Every write runs in
``with self._transaction() as cur:`` and records itself with ``_audit(cur, ...)``; a write that
changes a period's data passes the period, ``self._transaction(period=p)``, where the period lock
(:class:`PeriodLocked`) is checked.
"""
from __future__ import annotations

from pathlib import Path

import duckdb

from data.store.audit import AuditMixin
from data.store.backup_sql import BackupSqlMixin
from data.store.calibration import CalibrationMixin
from data.store.connection import DUCKDB_MEMORY, DUCKDB_WRITE_MEMORY, ConnectionBase, _friendly
from data.store.cycle import CycleMixin
from data.store.damage import damage_message
from data.store.development import DevelopmentMixin
from data.store.errors import DatabaseDamaged, DatabaseLocked, PeriodLocked, StaleWrite, StoreError
from data.store.filters import EVERYTHING, Filters, Scope, in_scope
from data.store.finalisation import FinalisationMixin
from data.store.history import HistoryMixin
from data.store.imports import ImportsMixin
from data.store.migrations import MigrationsMixin
from data.store.paths import DEFAULT_DB, MIGRATIONS_DIR, db_path
from data.store.people import PeopleMixin
from data.store.placements import PlacementsMixin
from data.store.rules import RulesMixin
from data.store.snapshot import SnapshotMixin
from data.store.succession import SuccessionMixin
from data.store.users import UsersMixin

__all__ = [
    "DEFAULT_DB", "DUCKDB_MEMORY", "DUCKDB_WRITE_MEMORY", "EVERYTHING", "MIGRATIONS_DIR",
    "DatabaseDamaged", "DatabaseLocked", "Filters", "PeriodLocked", "Scope", "StaleWrite", "Store", "StoreError",
    "damage_message", "db_path", "in_scope", "open_store",
]


class Store(PeopleMixin, PlacementsMixin, RulesMixin, CalibrationMixin, FinalisationMixin, DevelopmentMixin,
            CycleMixin, SuccessionMixin, HistoryMixin, UsersMixin, ImportsMixin, BackupSqlMixin, SnapshotMixin,
            AuditMixin, MigrationsMixin, ConnectionBase):
    """Owns one DuckDB connection and every SQL statement of the product."""


def open_store(path: Path | str | None = None, read_only: bool = False) -> Store:
    """Open (and, when writable, migrate) the database."""
    store = Store(path, read_only=read_only)
    try:  # a damaged file often opens and fails at its first read
        if not read_only:
            store.migrate()
        store.schema_version()
    except duckdb.Error as exc:
        store.close()
        raise _friendly(exc, store.path) from None
    return store
