"""Backup, restore and recovery: ``python -m data backup|restore``; the message shown when the
database file is damaged is :func:`data.store.damage.damage_message` (re-exported here).

**A snapshot is one ``.zip`` file**, not a directory, because

* it is copied to a USB disk or a file share as one unit, and a half-copied file is caught
  (zip CRC plus a SHA-256 per member in the manifest);
* it is written to a temporary file and renamed into place only when complete, so a backup that
  is killed or runs out of disk never leaves something that looks like a good snapshot;
* it holds personal data, and one file with mode 0600 is easy to keep private;
* the Parquet files are already zstd-compressed, so they are *stored* in the zip (no second
  compression, no CPU cost); unzipped, it is a plain DuckDB ``EXPORT DATABASE`` directory that
  ``IMPORT DATABASE`` in any DuckDB 2 can read, without Talenta.

Inside: ``manifest.json`` (format, created_at, schema version, DuckDB version, app commit when
known, per table the row count, content checksum, file and SHA-256), ``schema.sql``, ``load.sql``
and one Parquet file per table. All SQL is in :mod:`data.store` (``export_backup``,
``load_backup``, ``table_checksums``); this module packs, checks and moves files.

**Restore** checks the whole snapshot first (manifest, every file present with its SHA-256, the
Parquet row counts against the manifest, a schema version this code knows), then builds a new
database file next to the current one, checks its row counts (and checksums when made by the
same DuckDB version) against the manifest, upgrades its schema, records the restore in its audit
log, and only then swaps it in with ``os.replace``. The previous file stays as
``NAME.sebelum-restore-YYYYmmdd-HHMMSS.duckdb`` (a hard link, so there is never a moment without
a database at the path). Nothing is touched when a check fails or the dashboard holds the file.

Modules: :mod:`~data.backup.layout` (format, manifest name, file helpers), :mod:`~data.backup.archive`
(writing a snapshot), :mod:`~data.backup.snapshot_check` (reading and checking one) and
:mod:`~data.backup.restoring` (building and swapping in the restored database).
"""
from __future__ import annotations

from data.backup.archive import BackupResult, backup
from data.backup.layout import AUDIT_BACKUP, AUDIT_RESTORE, FORMAT, FORMAT_VERSION, MANIFEST
from data.backup.restoring import KEEP_INFIX, RestoreResult, restore
from data.backup.snapshot_check import open_snapshot
from data.store.damage import BACKUP_DIR, backup_dir, damage_message, latest_backup

__all__ = [
    "AUDIT_BACKUP", "AUDIT_RESTORE", "BACKUP_DIR", "FORMAT", "FORMAT_VERSION", "KEEP_INFIX", "MANIFEST",
    "BackupResult", "RestoreResult", "backup", "backup_dir", "damage_message", "latest_backup",
    "open_snapshot", "restore",
]
