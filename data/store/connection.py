"""The store's connection: opening the file, one cursor per query, the write gate, transactions.

One DuckDB connection per process (the file can only be opened read-write by one process), one
cursor per query so that Streamlit sessions on different threads never share a busy connection.
Results come back as pandas frames through Arrow, which is several times faster than ``.df()``.
"""
from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

from data.store.damage import damage_message
from data.store.errors import DatabaseDamaged, DatabaseLocked, PeriodLocked, StoreError
from data.store.paths import db_path

# DuckDB's own working memory (it spills to ``<db>.tmp`` beyond it). Bounded so that a national-size
# query leaves room for the frames it returns: the dashboard fits 4 GB at 4.7M ASN.
DUCKDB_MEMORY = os.environ.get("TALENTA_DUCKDB_MEMORY", "512MB")
# ... and while this process writes: the primary-key indexes a write touches cannot spill, and a national
# roll's (9M period rows) need more than the read-time bound (the 4.7M build failed at 1GB). Default: 80% of
# RAM, DuckDB's own default. Reads running meanwhile may use it too; writes are rare admin steps.
DUCKDB_WRITE_MEMORY = os.environ.get("TALENTA_DUCKDB_WRITE_MEMORY") or (
    f"{int(os.sysconf('SC_PAGE_SIZE') * os.sysconf('SC_PHYS_PAGES') * 0.8) // 2**20}MB")
# DuckDB writes the log (WAL) into the database file inside the COMMIT of the write that takes the log past
# ``checkpoint_threshold`` (16 MiB by default): a 100,000-row import's commit took 1.07 s, 0.52 s of it
# waiting on that. The log is durable already, so the file is brought up to date instead CHECKPOINT_DELAY_S
# after the last write, on a background thread (``Store.checkpoint_soon``); the threshold stays as a bound
# on the log should that thread never get its turn.
CHECKPOINT_THRESHOLD = "1GB"
CHECKPOINT_DELAY_S = 5.0


def _friendly(exc: Exception, path: Path) -> StoreError:
    text = str(exc)
    if "could not set lock" in text.lower() or "conflicting lock" in text.lower():  # not "block"
        return DatabaseLocked(
            f"Basis data {path} sedang dipakai proses lain (misalnya dashboard yang sedang "
            "berjalan): lakukan impor lewat halaman Impor Data di dashboard itu, atau hentikan "
            "proses itu lalu coba lagi."
        )
    if (damaged := damage_message(path, text)) is not None:
        return DatabaseDamaged(damaged)
    return StoreError(f"Basis data {path} tidak dapat dibuka: {text.splitlines()[0]}")


def _ident(name: str) -> str:
    if not name.replace("_", "").isalnum():
        raise StoreError(f"Nama kolom atau tabel tidak sah: {name!r}")
    return f'"{name}"'


class ConnectionBase:
    """Owns one DuckDB connection; every topic mixin of :class:`data.store.Store` builds on it."""

    def __init__(self, path: Path | str | None = None, read_only: bool = False):
        self.path = Path(path) if path is not None else db_path()
        self.read_only = read_only
        self._write_lock: Any = _WriteGate(self)
        self._checkpoint_timer: threading.Timer | None = None
        self._writes = 0   # moves as every write through the gate starts and ends: the key of _remembered
        self._remembered: dict[tuple, tuple[int, Any]] = {}
        self.checkpoint_delay_s = CHECKPOINT_DELAY_S
        try:
            if not read_only:
                _private_files()
                self.path.parent.mkdir(parents=True, exist_ok=True)
            self._con = duckdb.connect(str(self.path), read_only=read_only, config={
                "memory_limit": DUCKDB_MEMORY, "allocator_background_threads": True,
                **({} if read_only else {"checkpoint_threshold": CHECKPOINT_THRESHOLD})})
        except duckdb.Error as exc:  # lock held elsewhere, damaged file, ...
            raise _friendly(exc, self.path) from None
        if not read_only:
            _tighten(self.path)

    def close(self) -> None:
        """Close the file (DuckDB checkpoints a pending log as it closes)."""
        with self._write_lock._lock:
            self._cancel_checkpoint()
        self._con.close()

    def checkpoint_soon(self) -> None:
        """Checkpoint the log ``checkpoint_delay_s`` from now, on a background thread; a later write moves
        it on (every write calls this as it ends)."""
        timer = threading.Timer(self.checkpoint_delay_s, self._checkpoint_quietly)
        timer.daemon = True
        with self._write_lock._lock:
            self._cancel_checkpoint()
            self._checkpoint_timer = timer
        timer.start()

    def _cancel_checkpoint(self) -> None:
        if self._checkpoint_timer is not None:
            self._checkpoint_timer.cancel()
            self._checkpoint_timer = None

    def _checkpoint_quietly(self) -> None:
        """DuckDB 2 checkpoints while other transactions are open (reads, and the autocommitted session
        touch or audit row outside the gate), so nothing is retried: should it fail, the next write's
        timer or closing the store checkpoints."""
        with self._write_lock._lock:   # no write in progress; none starts meanwhile
            if self._checkpoint_timer is None or threading.current_thread() is not self._checkpoint_timer:
                return   # closed, or a later write scheduled its own
            self._checkpoint_timer = None
            try:
                cur = self._cur()
                try:
                    cur.execute("CHECKPOINT")
                finally:
                    cur.close()
            except duckdb.Error:   # closed meanwhile, or refused: see above
                pass

    def _cur(self) -> duckdb.DuckDBPyConnection:
        return self._con.cursor()

    def _frame(self, sql: str, params: Sequence | None = None) -> pd.DataFrame:
        cur = self._cur()
        try:
            return cur.sql(sql, params=params).to_arrow_table().to_pandas()
        finally:
            cur.close()

    def _remember(self, key: tuple, load: Callable[[], Any]) -> Any:
        """``load()``, kept until this process's next write (this process is the file's only writer, and
        every write passes the write gate): small reference reads (settings, OPDs, periods) that every
        page run asks for, a query of a few milliseconds each, a dozen per run. A value read while a
        write was under way is kept under that write's count, which its end moves on. Callers get the
        kept object: frames are returned as copies by the methods that keep them."""
        writes = self._writes
        kept = self._remembered.get(key)
        if kept is not None and kept[0] == writes:
            return kept[1]
        value = load()
        self._remembered[key] = (writes, value)
        return value

    def _scalar(self, sql: str, params: Sequence | None = None):
        cur = self._cur()
        try:
            row = cur.execute(sql, params or []).fetchone()
            return None if row is None else row[0]
        finally:
            cur.close()

    @contextmanager
    def _transaction(self, period: int | None = None, *, new_period_ok: bool = False
                     ) -> Iterator[duckdb.DuckDBPyConnection]:
        """One write transaction on its own cursor, serialised within this process: all or nothing.

        Every write method runs inside it (and records itself with :func:`data.store.audit._audit`).
        A write that changes a period's data passes ``period``: the period lock is checked here,
        inside the transaction and under the write gate, so a penetapan cannot slip in between the
        check and the write (:class:`PeriodLocked`). ``new_period_ok`` lets a period that does not
        exist yet through (an import that adds it); otherwise a missing period is refused.
        A failed ROLLBACK (the connection already gave up the transaction) never hides the error."""
        with self._write_lock:
            cur = self._cur()
            try:
                cur.execute("BEGIN TRANSACTION")
                if period is not None:
                    _guard_period(cur, int(period), new_period_ok)
                yield cur
                cur.execute("COMMIT")
            except BaseException:
                try:
                    cur.execute("ROLLBACK")
                except duckdb.Error:
                    pass
                raise
            finally:
                cur.close()

    def checkpoint(self) -> None:
        """Write everything in the WAL into the database file (before the file is moved)."""
        cur = self._cur()
        try:
            cur.execute("CHECKPOINT")
        finally:
            cur.close()


def _private_files() -> None:
    """From now on this process creates files only its own user may read (umask 077): the database
    holds personal data, and DuckDB creates its ``.wal`` again after every checkpoint and its
    ``.tmp`` spill folder when it needs one, each with the process's umask. Only ever tightens; the
    umask is process-wide, which suits a process that serves this data (exports, backups alike)."""
    current = os.umask(0o077)
    os.umask(current | 0o077)


def _tighten(path: Path) -> None:
    """Make an existing database file, its WAL and its spill folder private (files made before the
    umask above, e.g. by an older version, were world-readable). Best effort: a file owned by
    someone else or on a share without modes stays as it is."""
    for file, mode in ((path, 0o600), (path.with_name(path.name + ".wal"), 0o600),
                       (path.with_name(path.name + ".tmp"), 0o700)):
        try:
            if file.exists() and (file.stat().st_mode & 0o777) != mode:
                os.chmod(file, mode)
        except OSError:
            pass


def _guard_period(cur: duckdb.DuckDBPyConnection, period: int, new_period_ok: bool) -> None:
    """The one period lock: refuses a write to a finalised (ditetapkan) period."""
    row = cur.execute("SELECT status FROM period WHERE period = ?", [period]).fetchone()
    if row is None:
        if new_period_ok:
            return
        raise StoreError(f"Periode {period} tidak ada.")
    if row[0] == "ditetapkan":
        raise PeriodLocked(period)


class _WriteGate:
    """The process's write lock (writes are serialised); while it is held DuckDB may use
    ``DUCKDB_WRITE_MEMORY`` instead of ``DUCKDB_MEMORY``."""

    def __init__(self, store: ConnectionBase):
        self._lock = threading.Lock()
        self._store = store

    def _limit(self, value: str) -> None:
        cur = self._store._cur()
        try:
            cur.execute(f"SET memory_limit = '{value}'")
        finally:
            cur.close()

    def __enter__(self) -> _WriteGate:
        self._lock.acquire()
        self._store._writes += 1
        try:
            self._limit(DUCKDB_WRITE_MEMORY)
        except BaseException:
            self._lock.release()
            raise
        return self

    def __exit__(self, *exc) -> bool:
        try:
            self._store._writes += 1
            self._limit(DUCKDB_MEMORY)
        finally:
            self._lock.release()
        self._store.checkpoint_soon()
        return False
