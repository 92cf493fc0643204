"""Backup, restore and recovery (issue 10): ``python -m data backup|restore`` and the message
shown when the database file is damaged.

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
"""
from __future__ import annotations

import glob
import hashlib
import json
import os
import shutil
import tempfile
import time
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import duckdb

from data.store import MIGRATIONS_DIR, DatabaseLocked, Store, StoreError, db_path

FORMAT = "talenta-cadangan"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
BACKUP_DIR = "backups"
KEEP_INFIX = ".sebelum-restore-"
AUDIT_BACKUP, AUDIT_RESTORE = "cadangan:buat", "cadangan:pulihkan"


# -- damaged files ---------------------------------------------------------------------------------

# DuckDB's words for a damaged database file → what we tell the user (Indonesian)
_DAMAGE_REASONS = (
    ("not a valid duckdb database file", "isinya bukan basis data DuckDB yang sah"),
    ("could not read enough bytes", "berkasnya terpotong (lebih pendek dari seharusnya)"),
    ("corrupt database file", "isinya tidak cocok dengan checksum-nya"),
    ("checksum", "isinya tidak cocok dengan checksum-nya"),
    ("magic bytes", "isinya bukan basis data DuckDB yang sah"),
)


def backup_dir(db: Path) -> Path:
    """Default place for snapshots: ``backups/`` next to the database file (git-ignored)."""
    return Path(db).parent / BACKUP_DIR


def latest_backup(db: Path) -> Path | None:
    """The newest snapshot in the default place, if any."""
    try:
        pattern = f"{glob.escape(Path(db).stem)}-{'[0-9]' * 8}-*.zip"  # talenta-20261129-220000.zip
        found = [p for p in backup_dir(db).glob(pattern) if p.is_file()]
    except OSError:
        return None
    return max(found, key=lambda p: p.stat().st_mtime) if found else None


def _restore_command(db: Path) -> str:
    snapshot = latest_backup(db) or "BERKAS-CADANGAN.zip"
    return f"python -m data {_db_option(db)}restore {snapshot}"


def _db_option(db: Path) -> str:
    """``--db FILE `` unless ``db`` is the default database (commands to copy into a terminal)."""
    return "" if Path(db).resolve() == db_path().resolve() else f"--db {db} "


def damage_message(db: Path, error: str) -> str | None:
    """The Indonesian message for a DuckDB error that means the file (or its WAL) is damaged,
    naming the file and the two ways out; None when the error means something else."""
    low = error.lower()
    if "could not set lock" in low or "conflicting lock" in low:
        return None
    db = Path(db)
    if "replaying wal" in low or "corrupt wal" in low:
        wal = db.with_name(db.name + ".wal")
        return (f"Log transaksi {wal} milik basis data {db} rusak dan tidak dapat diputar ulang. Pulihkan "
                f"cadangan terakhir dengan `{_restore_command(db)}`, atau pindahkan berkas {wal.name} ke tempat "
                "lain: basis data lalu terbuka pada keadaan checkpoint terakhir, dan perubahan sesudahnya hilang.")
    reason = next((why for sign, why in _DAMAGE_REASONS if sign in low), None)
    if reason is None:
        return None
    return (f"Berkas basis data {db} rusak: {reason}. Pulihkan cadangan terakhir dengan "
            f"`{_restore_command(db)}`, atau pindahkan berkas itu ke tempat lain lalu mulai lagi dengan data "
            f"peragaan: `python -m data {_db_option(db)}demo`.")


# -- backup ------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class BackupResult:
    path: Path
    tables: int
    rows: int
    bytes: int
    seconds: float


def _stamp(now: datetime) -> str:
    return now.strftime("%Y%m%d-%H%M%S")


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


def _sha256(path: Path) -> str:
    with open(path, "rb") as fh:
        return hashlib.file_digest(fh, "sha256").hexdigest()


def _app_commit() -> str | None:
    """The git commit of this code, read from .git without running git; None when unknown."""
    root = Path(__file__).resolve().parents[1] / ".git"
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


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


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


# -- reading and checking a snapshot -----------------------------------------------------------------

def _latest_migration() -> int:
    return max((int(f.name[:3]) for f in MIGRATIONS_DIR.glob("[0-9][0-9][0-9]_*.sql")), default=0)


def _refuse(snapshot: Path, why: str) -> StoreError:
    return StoreError(f"Cadangan {snapshot} ditolak: {why}. Basis data tidak diubah.")


def _read_manifest(snapshot: Path, z: zipfile.ZipFile) -> dict:
    try:
        manifest = json.loads(z.read(MANIFEST).decode("utf-8"))
    except KeyError:
        raise _refuse(snapshot, f"{MANIFEST} tidak ada, jadi ini bukan cadangan Talenta") from None
    except (ValueError, zipfile.BadZipFile, OSError):
        raise _refuse(snapshot, f"{MANIFEST} rusak dan tidak dapat dibaca") from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise _refuse(snapshot, f"{MANIFEST} bukan manifest cadangan Talenta")
    if manifest.get("format_version") != FORMAT_VERSION:
        raise _refuse(snapshot, f"format cadangan versi {manifest.get('format_version')} tidak dikenal")
    tables = manifest.get("tables")
    if not isinstance(tables, dict) or not tables or not all(
            isinstance(t, dict) and isinstance(t.get("rows"), int) and isinstance(t.get("file"), str)
            and isinstance(t.get("sha256"), str) for t in tables.values()):
        raise _refuse(snapshot, "daftar tabel dalam manifest tidak lengkap")
    for needed in ("schema_migrations", "audit_log"):
        if needed not in tables:
            raise _refuse(snapshot, f"tabel {needed} tidak ada dalam cadangan")
    version = manifest.get("schema_version")
    if not isinstance(version, int) or version > _latest_migration():
        raise _refuse(snapshot, f"cadangan ini dibuat dengan skema versi {version}, sedangkan versi Talenta ini "
                                f"hanya mengenal sampai versi {_latest_migration()}; perbarui Talenta lebih dulu")
    return manifest


def _extract(snapshot: Path, z: zipfile.ZipFile, name: str, sha256: str, folder: Path) -> Path:
    """Copy one member out under its own plain name (never a path from the archive) and check it."""
    if not name or Path(name).name != name or name.startswith("."):
        raise _refuse(snapshot, f"nama berkas {name!r} dalam manifest tidak sah")
    target = folder / name
    try:
        with z.open(name) as src, open(target, "wb") as dst:
            shutil.copyfileobj(src, dst, 1 << 20)
    except KeyError:
        raise _refuse(snapshot, f"berkas {name} tidak ada di dalamnya") from None
    except (zipfile.BadZipFile, OSError, EOFError):
        raise _refuse(snapshot, f"berkas {name} di dalamnya rusak") from None
    if _sha256(target) != sha256:
        raise _refuse(snapshot, f"isi berkas {name} tidak sama dengan saat cadangan dibuat (SHA-256 berbeda)")
    return target


def _parquet_rows(path: Path) -> int | None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        return pq.read_metadata(path).num_rows
    except (OSError, pa.ArrowException):  # reported by the caller as an unreadable file
        return None


@contextmanager
def open_snapshot(snapshot: Path, workdir: Path) -> Iterator[tuple[dict, Path]]:
    """Check a snapshot completely and yield (manifest, folder with its files); the folder (a 0700
    temporary directory inside ``workdir``) is removed afterwards. StoreError when anything is off."""
    snapshot = Path(snapshot)
    if not snapshot.is_file():
        raise _refuse(snapshot, "berkas itu tidak ada")
    if not zipfile.is_zipfile(snapshot):
        raise _refuse(snapshot, "berkas itu bukan arsip .zip cadangan Talenta")
    folder = Path(tempfile.mkdtemp(prefix=".pulih-", dir=workdir))
    try:
        try:
            z = zipfile.ZipFile(snapshot)
        except (zipfile.BadZipFile, OSError):
            raise _refuse(snapshot, "arsip .zip-nya rusak") from None
        with z:
            manifest = _read_manifest(snapshot, z)
            files = manifest.get("files") or {}
            if "schema.sql" not in files:
                raise _refuse(snapshot, "schema.sql tidak tercatat dalam manifest")
            _extract(snapshot, z, "schema.sql", files["schema.sql"], folder)
            for table, info in manifest["tables"].items():
                path = _extract(snapshot, z, info["file"], info["sha256"], folder)
                rows = _parquet_rows(path)
                if rows is None:
                    raise _refuse(snapshot, f"berkas {info['file']} bukan berkas Parquet yang dapat dibaca")
                if rows != info["rows"]:
                    raise _refuse(snapshot, f"tabel {table} berisi {rows} baris, padahal manifest mencatat "
                                            f"{info['rows']}")
        yield manifest, folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


# -- restore -------------------------------------------------------------------------------------------

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
