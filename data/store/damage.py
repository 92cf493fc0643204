"""The message shown when the database file (or its WAL) is damaged, and where snapshots are found.

Opening the store and writing a backup both report a damaged file with it, naming the file and
the two ways out: restore the latest snapshot or start again with demo data.
"""
from __future__ import annotations

import glob
from pathlib import Path

from data.store.paths import db_path

BACKUP_DIR = "backups"


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
