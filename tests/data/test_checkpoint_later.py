"""A write's COMMIT does not bring the database file up to date with the log (DuckDB does, inside the commit,
once the log passes 16 MiB: a 100,000-row import waited half a second on it); the store checkpoints a few
seconds after the last write, on a background thread, and closing still leaves a complete file."""
from __future__ import annotations

from pathlib import Path

from data.store import open_store


def _wal_bytes(db: Path) -> int:
    wal = db.with_name(db.name + ".wal")
    return wal.stat().st_size if wal.exists() else 0


def _checkpointed(store) -> None:
    """Wait for the pending checkpoint's thread to end (it checkpoints, then ends)."""
    timer = store._checkpoint_timer
    assert timer is not None, "no checkpoint was scheduled"
    timer.join(60)
    assert not timer.is_alive(), "the checkpoint did not run in time"


def _write(store, entity: str) -> None:
    """A write through the store's write gate (as every write method's): it schedules the checkpoint."""
    with store._transaction() as cur:
        cur.execute("INSERT INTO audit_log (actor, action, entity) VALUES ('uji', 'uji:tulis', ?)", [entity])


def test_a_big_write_commits_without_checkpointing_and_is_checkpointed_soon_after(tmp_path):
    db = tmp_path / "besar.duckdb"
    store = open_store(db)
    try:
        store.checkpoint_delay_s = 3600   # far off: nothing checkpoints until the test says so
        columns = [f"c{i}" for i in range(24)]
        with store._transaction() as cur:
            cur.execute(f"CREATE TABLE uji (i BIGINT PRIMARY KEY, {', '.join(c + ' BIGINT' for c in columns)})")
        with store._transaction() as cur:   # about 20 MB: DuckDB alone checkpoints inside this commit
            cur.execute(f"INSERT INTO uji SELECT range, {', '.join(f'range * {i}' for i in range(24))}"
                        " FROM range(100000)")
        assert _wal_bytes(db) > 16 * 2**20, "the commit checkpointed the log itself"
        store.checkpoint_delay_s = 0.05
        _write(store, "uji")   # a later write moves the checkpoint on: now soon
        _checkpointed(store)
        assert _wal_bytes(db) == 0
        assert store._scalar("SELECT count(*) FROM uji") == 100_000
    finally:
        store.close()


def test_closing_cancels_the_pending_checkpoint_and_the_file_has_every_write(tmp_path):
    db = tmp_path / "tutup.duckdb"
    store = open_store(db)
    store.checkpoint_delay_s = 3600
    _write(store, "satu")
    assert store._checkpoint_timer is not None and store._checkpoint_timer.is_alive()
    timer = store._checkpoint_timer
    store.close()
    timer.join(5)
    assert not timer.is_alive() and store._checkpoint_timer is None
    again = open_store(db)
    try:
        assert again._scalar("SELECT count(*) FROM audit_log WHERE entity = 'satu'") == 1
    finally:
        again.close()


def test_a_checkpoint_runs_while_a_read_transaction_is_open(tmp_path):
    db = tmp_path / "baca.duckdb"
    store = open_store(db)
    try:
        store.checkpoint_delay_s = 3600
        _write(store, "uji")
        assert _wal_bytes(db) > 0
        with store.snapshot() as snap:   # a page's reads, in one transaction, while the timer fires
            snap.data_version()
            store.checkpoint_delay_s = 0.05
            store.checkpoint_soon()
            _checkpointed(store)
        assert _wal_bytes(db) == 0
    finally:
        store.close()
