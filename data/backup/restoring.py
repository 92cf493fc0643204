"""Restoring a snapshot: build a new database beside the current one, verify it, then swap it in."""
from __future__ import annotations

import os
import shutil
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import duckdb

from data.backup.layout import AUDIT_RESTORE, _fsync_dir, _stamp
from data.backup.snapshot_check import open_snapshot
from data.store import DatabaseLocked, Store, StoreError

KEEP_INFIX = ".sebelum-restore-"


@dataclass(frozen=True)
class RestoreResult:
    db: Path
    snapshot: Path
    created_at: str
    schema_version: int
    tables: int
    rows: int
    kept: Path | None
    seconds: float


def _pair(path: Path) -> tuple[Path, Path]:
    return path, path.with_name(path.name + ".wal")


def _check_current(db: Path, checkpoint: bool) -> bool:
    """Refuse (StoreError) when another process holds ``db``; else True when it opened (and, with
    ``checkpoint``, its WAL was folded into the file), False when it is damaged or missing."""
    if not db.exists():
        return False
    try:
        store = Store(db)
    except DatabaseLocked:
        raise
    except StoreError:
        return False  # damaged: it is kept aside as it is
    try:
        if checkpoint:
            store.checkpoint()
        return True
    except duckdb.Error:
        return False
    finally:
        try:
            store.close()
        except duckdb.Error:
            pass  # a damaged file may fail its closing checkpoint; it is kept aside unchanged


def _keep_name(db: Path, now: datetime) -> Path:
    kept, n = db.with_name(f"{db.stem}{KEEP_INFIX}{_stamp(now)}{db.suffix or '.duckdb'}"), 1
    while kept.exists():
        n += 1
        kept = db.with_name(f"{db.stem}{KEEP_INFIX}{_stamp(now)}-{n}{db.suffix or '.duckdb'}")
    return kept


def _build(folder: Path, manifest: dict, target: Path, audit: dict, actor: str) -> None:
    """The new database at ``target``: load, verify against the manifest, upgrade, audit."""
    store = Store(target)
    try:
        store.load_backup(folder, {t: info["file"] for t, info in manifest["tables"].items()})
        got = store.table_checksums()
        same_engine = manifest.get("duckdb_version") == duckdb.__version__
        for table, info in manifest["tables"].items():
            if got[table]["rows"] != info["rows"] or (same_engine and info.get("checksum") not in (
                    None, got[table]["checksum"])):
                raise StoreError(f"Pemulihan dibatalkan: isi tabel {table} setelah dimuat tidak sama dengan "
                                 "cadangan. Basis data tidak diubah.")
        store.migrate()
        # logins open when the backup was taken must not come back to life with it
        store.end_login_sessions("pemulihan cadangan", actor)
        store.audit(actor, AUDIT_RESTORE, None, audit)
    except duckdb.Error as exc:
        raise StoreError(f"Pemulihan dibatalkan: {str(exc).splitlines()[0]}. Basis data tidak diubah.") from None
    finally:
        store.close()


def _swap(new: Path, db: Path, kept: Path | None) -> None:
    """Put ``new`` at ``db``; the previous file (and its WAL) stays under ``kept``."""
    db_file, db_wal = _pair(db)
    if kept is not None and db_file.exists():
        kept_file, kept_wal = _pair(kept)
        try:
            os.link(db_file, kept_file)
        except OSError:  # no hard links here (some shares): a copy, then the same rename
            shutil.copy2(db_file, kept_file)
        if db_wal.exists():
            os.replace(db_wal, kept_wal)
        try:
            shutil.copymode(db_file, new)
        except OSError:
            pass
    else:
        db_wal.unlink(missing_ok=True)
    new_file, new_wal = _pair(new)
    os.replace(new_file, db_file)
    if new_wal.exists():
        os.replace(new_wal, db_wal)
    _fsync_dir(db.parent)


def restore(snapshot: Path, db: Path, actor: str, now: datetime | None = None) -> RestoreResult:
    """Replace database ``db`` by the snapshot's content; see the module docstring for the order."""
    started = time.perf_counter()
    snapshot, db = Path(snapshot).resolve(), Path(db)
    now = now or datetime.now().astimezone()
    try:
        db.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreError(f"Folder {db.parent} tidak dapat dibuat: {exc.strerror or exc}.") from None
    new = db.with_name(f".{db.name}.pulih-{_stamp(now)}-{os.getpid()}.tmp")
    with open_snapshot(snapshot, db.parent) as (manifest, folder):
        _check_current(db, checkpoint=False)  # refuse before the build when the dashboard holds the file
        kept = _keep_name(db, now) if db.exists() else None
        rows = sum(t["rows"] for t in manifest["tables"].values())
        audit = {"cadangan": snapshot.name, "dibuat": manifest.get("created_at"),
                 "skema": manifest["schema_version"], "tabel": len(manifest["tables"]), "baris": rows,
                 "sebelumnya": kept.name if kept else None}
        try:
            _build(folder, manifest, new, audit, actor)
            _check_current(db, checkpoint=True)  # again, right before the swap
            _swap(new, db, kept)
        finally:
            for leftover in _pair(new):
                leftover.unlink(missing_ok=True)
    return RestoreResult(db, snapshot, str(manifest.get("created_at")), int(manifest["schema_version"]),
                         len(manifest["tables"]), rows, kept, time.perf_counter() - started)
