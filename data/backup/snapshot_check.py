"""Reading and checking a snapshot before anything is restored from it."""
from __future__ import annotations

import json
import shutil
import tempfile
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from data.backup.layout import FORMAT, FORMAT_VERSION, MANIFEST, _sha256
from data.store import MIGRATIONS_DIR, StoreError


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
