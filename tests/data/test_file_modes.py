"""The database holds personal data: its file, its WAL, its spill folder and backups are private
(0600 / 0700), whatever the umask of the shell that started the process."""
from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from data.backup import backup, restore
from data.store import open_store


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def open_umask():
    """The usual shell umask (022: files 0644) for the test, restored afterwards."""
    before = os.umask(0o022)
    yield
    os.umask(before)


def test_new_database_file_and_wal_are_0600(open_umask, tmp_path):
    db = tmp_path / "baru.duckdb"
    store = open_store(db)
    try:
        store.audit("uji", "uji:tulis", "uji")  # a write: DuckDB creates the .wal now
        wal = db.with_name(db.name + ".wal")
        assert wal.exists(), "the test must see a WAL, or it proves nothing about it"
        assert _mode(db) == 0o600
        assert _mode(wal) == 0o600
        assert os.umask(0o077) & 0o077 == 0o077  # later files of this process are private too
    finally:
        store.close()


def test_world_readable_database_of_an_older_version_is_tightened(open_umask, tmp_path):
    db = tmp_path / "lama.duckdb"
    open_store(db).close()
    os.chmod(db, 0o644)
    tmp = db.with_name(db.name + ".tmp")
    tmp.mkdir(mode=0o755)
    os.chmod(tmp, 0o755)
    open_store(db).close()
    assert _mode(db) == 0o600
    assert _mode(tmp) == 0o700


def test_backup_zip_and_restored_database_are_private(open_umask, tmp_path):
    db = tmp_path / "talenta.duckdb"
    open_store(db).close()
    snapshot = backup(db, tmp_path / "cadangan", "uji").path
    assert _mode(snapshot) == 0o600
    assert _mode(snapshot.parent) == 0o700
    target = tmp_path / "pulih" / "talenta.duckdb"
    restore(snapshot, target, "uji")
    assert _mode(target) == 0o600
