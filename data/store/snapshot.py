"""Consistent reads: a snapshot runs every read of a page rerun in one read-only transaction.

A page rerun reads in several queries (headline, population, rules, calibrations). An import
committing between two of them gave a mix of old and new data, cached under a version it did
not belong to. A snapshot runs every read on one cursor inside one read-only transaction:
DuckDB's MVCC shows each of its queries the state its first query saw, and that first query
reads the data_version, so the snapshot's version names exactly the data it returns.
"""
from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Self

import duckdb

from data.store.connection import ConnectionBase
from data.store.errors import StoreError


class _PinnedCursor:
    """The snapshot's cursor as read methods see it: ``close()`` only drops a pending result
    (DuckDB 2 refuses new work on a connection holding one) and keeps the transaction open."""

    def __init__(self, cur: duckdb.DuckDBPyConnection):
        self._c = cur

    def close(self) -> None:
        self._c.abort()

    def __getattr__(self, name: str):
        return getattr(self._c, name)


class _NoWrites:
    """A snapshot's write lock: every locked write method is refused before it starts."""

    def __enter__(self):
        raise StoreError("Snapshot hanya untuk membaca; perubahan ditulis lewat Store.")

    def __exit__(self, *exc) -> bool:
        return False


# What data_version reads: import batches, and the last audit id of a rule, import or calibration change
VERSION_SQL = ("SELECT (SELECT count(*) FROM import_batch), (SELECT coalesce(max(audit_id), 0) FROM audit_log"
               " WHERE action LIKE 'aturan:%' OR action LIKE 'impor:%'"
               " OR action IN ('hapus-data', 'kalibrasi:pindah', 'kalibrasi:penetapan'))")


class SnapshotMixin(ConnectionBase):
    _held = threading.local()  # per thread: id(connection) -> the snapshot open on it

    def data_version(self) -> tuple:
        """Changes whenever imported data or rules change: a cache key for pages.

        While this thread holds a :meth:`snapshot`, the version of that snapshot."""
        if (held := self._open_snapshot()) is not None:
            return held.version
        cur = self._cur()
        try:
            return tuple(cur.execute(VERSION_SQL).fetchone())
        finally:
            cur.close()

    @contextmanager
    def snapshot(self) -> Iterator[Self]:
        """A read-only Store that sees one committed state of the database until the block ends.

        Every read method works on it; ``.version`` is the data_version of that state (use it as
        the cache key). For this thread only, and re-entrant: inside an open snapshot it yields
        that one, and this store's ``data_version()`` returns its version. Writes still go through
        the store, each in its own transaction; the open snapshot does not see them.
        """
        held = SnapshotMixin._held.__dict__.setdefault("by_con", {})
        if id(self._con) in held:
            yield held[id(self._con)]
            return
        cur = self._con.cursor()
        try:
            cur.execute("BEGIN TRANSACTION READ ONLY")
            pinned = _PinnedCursor(cur)
            view = object.__new__(type(self))  # same file and connection: reads on the pinned cursor,
            view.__dict__.update(self.__dict__, _cur=lambda: pinned, _write_lock=_NoWrites(),
                                 close=lambda: None)  # locked writes refused, close() leaves the connection
            view.version = type(self).data_version(view)  # the first read fixes the state
            held[id(self._con)] = view
            try:
                yield view
            finally:
                del held[id(self._con)]
        finally:
            cur.close()  # ends the read-only transaction

    def _open_snapshot(self) -> Self | None:
        return getattr(SnapshotMixin._held, "by_con", {}).get(id(self._con))
