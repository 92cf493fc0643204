"""Writing a snapshot: export, manifest, one private .zip renamed into place when complete."""
from __future__ import annotations

import json
import os
import shutil
import tempfile
import time
import zipfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import duckdb

from data.backup.layout import AUDIT_BACKUP, FORMAT, FORMAT_VERSION, MANIFEST, _fsync_dir, _sha256, _stamp
from data.store import Store, StoreError
from data.store.damage import backup_dir, damage_message


@dataclass(frozen=True)
class BackupResult:
    path: Path
    tables: int
    rows: int
    bytes: int
    seconds: float


def _private_dir(path: Path, enforce: bool) -> None:
    """Create ``path`` as 0700 (umask notwithstanding); ``enforce`` also tightens an existing one."""
    existed = path.is_dir()
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    if enforce or not existed:
        os.chmod(path, 0o700)


def _target_file(db: Path, out: Path | None, now: datetime) -> Path:
    """Where the snapshot goes: ``out`` if it names a .zip, else a new name inside the ``out``
    directory (default ``backups/`` next to the database)."""
    if out is not None and out.suffix.lower() == ".zip":
        _private_dir(out.parent, enforce=False)
        return out
    folder = out if out is not None else backup_dir(db)
    _private_dir(folder, enforce=out is None)
    name, n = f"{db.stem}-{_stamp(now)}", 1
    target = folder / f"{name}.zip"
    while target.exists():
        n += 1
        target = folder / f"{name}-{n}.zip"
    return target


def _app_commit() -> str | None:
    """The git commit of this code, read from .git without running git; None when unknown."""
    root = Path(__file__).resolve().parents[2] / ".git"
    try:
        head = (root / "HEAD").read_text().strip()
        if not head.startswith("ref: "):
            return head[:12]
        ref = head[5:]
        if (root / ref).is_file():
            return (root / ref).read_text().strip()[:12]
        for line in (root / "packed-refs").read_text().splitlines():
            if line.endswith(" " + ref):
                return line.split()[0][:12]
    except OSError:
        pass
    return None


def _manifest(db: Path, export: Path, sums: dict[str, dict], schema_version: int, now: datetime) -> dict:
    tables = {}
    for table, info in sums.items():
        file = export / f"{table}.parquet"
        if not file.is_file():
            raise StoreError(f"Cadangan gagal: DuckDB tidak menulis berkas untuk tabel {table}.")
        tables[table] = {**info, "file": file.name, "sha256": _sha256(file)}
    return {"format": FORMAT, "format_version": FORMAT_VERSION, "created_at": now.isoformat(timespec="seconds"),
            "database": db.name, "schema_version": schema_version, "duckdb_version": duckdb.__version__,
            "app_commit": _app_commit(), "tables": tables,
            "files": {name: _sha256(export / name) for name in ("schema.sql", "load.sql")}}


def _write_zip(export: Path, manifest: dict, target: Path) -> int:
    """Write the snapshot to a 0600 temporary file beside ``target``, then rename it into place."""
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)  # mode 0600
    try:
        with os.fdopen(fd, "wb") as fh:
            with zipfile.ZipFile(fh, "w") as z:
                for file in sorted(export.iterdir()):
                    kind = zipfile.ZIP_STORED if file.suffix == ".parquet" else zipfile.ZIP_DEFLATED
                    z.write(file, file.name, compress_type=kind)
                z.writestr(MANIFEST, json.dumps(manifest, indent=2, ensure_ascii=False),
                           compress_type=zipfile.ZIP_DEFLATED)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    _fsync_dir(target.parent)
    return target.stat().st_size


def backup(db: Path, out: Path | None, actor: str, now: datetime | None = None) -> BackupResult:
    """Write a snapshot of the whole database ``db`` and record it in the audit log.

    The database is opened read-write (so the dashboard must not be running: DuckDB lets one
    process hold the file) but not migrated: the snapshot is the file as it is.
    """
    started = time.perf_counter()
    db = Path(db)
    if not db.is_file():
        raise StoreError(f"Basis data {db} tidak ada; tidak ada yang dicadangkan.")
    now = now or datetime.now().astimezone()
    store = Store(db)
    try:
        try:
            version = store.schema_version()
        except duckdb.Error as exc:  # opened, but its first read failed: damaged
            raise StoreError(damage_message(db, str(exc))
                             or f"Basis data {db} tidak dapat dibaca: {str(exc).splitlines()[0]}") from None
        if version == 0:
            raise StoreError(f"Basis data {db} belum berisi skema Talenta; tidak ada yang dicadangkan.")
        try:
            target = _target_file(db, out, now)
            staging = Path(tempfile.mkdtemp(prefix=".cadangan-", dir=target.parent))  # mode 0700
        except OSError as exc:
            raise StoreError(f"Folder cadangan {out or backup_dir(db)} tidak dapat dibuat: "
                             f"{exc.strerror or exc}.") from None
        try:
            export = staging / "ekspor"
            sums = store.export_backup(export)
            manifest = _manifest(db, export, sums, version, now)
            size = _write_zip(export, manifest, target)
        except OSError as exc:
            raise StoreError(f"Cadangan {target} tidak dapat ditulis: {exc.strerror or exc}.") from None
        finally:
            shutil.rmtree(staging, ignore_errors=True)
        rows = sum(t["rows"] for t in sums.values())
        try:
            store.audit(actor, AUDIT_BACKUP, None, {"berkas": str(target), "tabel": len(sums), "baris": rows})
        except duckdb.Error as exc:  # e.g. a damaged index block the export never reads
            raise StoreError(f"Cadangan sudah ditulis ke {target} dan semua tabelnya terbaca utuh, tetapi basis "
                             "data gagal mencatatnya di log audit. "
                             + (damage_message(db, str(exc)) or str(exc).splitlines()[0])) from None
    finally:
        store.close()
    return BackupResult(target, len(sums), rows, size, time.perf_counter() - started)
