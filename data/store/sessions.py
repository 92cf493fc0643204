"""Login sessions kept on the server (table ``login_session``, migration 011).

The browser keeps only a random token in a cookie; this table keeps its hash. Tokens are made and
hashed in :mod:`data.auth`; here is only the SQL. Idle time is measured with the database's clock.
"""
from __future__ import annotations

import duckdb

from data.store.audit import _audit
from data.store.connection import ConnectionBase

# One row: the session with its user's current state and role (so a role change or a disabled
# account takes effect on the next rerun) and the seconds since it was last active.
_SESSION_SQL = (
    "SELECT s.id, s.token_hash, s.username, s.berakhir_pada IS NOT NULL AS berakhir, s.alasan_berakhir,"
    " date_diff('second', s.terakhir_aktif, current_timestamp::TIMESTAMP) AS diam_detik,"
    " u.nama, u.role, u.opd_id, coalesce(u.aktif, FALSE) AS aktif, r.izin, r.lingkup"
    " FROM login_session s LEFT JOIN app_user u USING (username) LEFT JOIN role r ON r.role = u.role")


class SessionsMixin(ConnectionBase):
    def start_login_session(self, session_id: str, token_hash: str, username: str) -> None:
        """Record a new open session (after a successful login). Audited, without the token."""
        with self._transaction() as cur:
            cur.execute("INSERT INTO login_session (id, token_hash, username) VALUES (?, ?, ?)",
                        [session_id, token_hash, username])
            _audit(cur, username, "sesi:mulai", f"sesi:{session_id}")

    def login_session(self, *, session_id: str | None = None, token_hash: str | None = None) -> dict | None:
        """The session (by id or by token hash) joined with its user and role, or None."""
        column, value = ("s.id", session_id) if session_id is not None else ("s.token_hash", token_hash)
        cur = self._cur()   # one row, asked on every page run: plain values, no frame
        try:
            row = cur.execute(f"{_SESSION_SQL} WHERE {column} = ?", [value]).fetchone()
            return None if row is None else dict(zip([d[0] for d in cur.description], row, strict=True))
        finally:
            cur.close()

    def touch_login_session(self, session_id: str) -> bool:
        """Mark an open session active now. One autocommitted statement outside the write gate (like
        :meth:`audit`): a long import holding the gate must not stall every other user's rerun. A
        missed touch only makes the session look idle a minute earlier, so failures return False."""
        cur = self._cur()
        try:
            cur.execute("UPDATE login_session SET terakhir_aktif = current_timestamp"
                        " WHERE id = ? AND berakhir_pada IS NULL", [session_id])
            return True
        except duckdb.Error:
            return False
        finally:
            cur.close()

    def end_login_session(self, session_id: str, reason: str, actor: str) -> bool:
        """End one open session (logout, idle, disabled user). Audited; False if it was not open."""
        with self._transaction() as cur:
            ended = cur.execute(
                "UPDATE login_session SET berakhir_pada = current_timestamp, alasan_berakhir = ?"
                " WHERE id = ? AND berakhir_pada IS NULL RETURNING username", [reason, session_id]).fetchall()
            if ended:
                _audit(cur, actor, "sesi:akhir", f"sesi:{session_id}", {"alasan": reason, "pengguna": ended[0][0]})
        return bool(ended)

    def end_login_sessions(self, reason: str, actor: str, username: str | None = None) -> int:
        """End every open session (of ``username``, or of everyone). Audited; returns how many."""
        with self._transaction() as cur:
            n = self._end_open_sessions(cur, reason, actor, username)
        return n

    @staticmethod
    def _end_open_sessions(cur: duckdb.DuckDBPyConnection, reason: str, actor: str, username: str | None) -> int:
        """Inside the caller's transaction: end the open sessions of ``username`` (None: everyone)."""
        where, params = "berakhir_pada IS NULL", []
        if username is not None:
            where += " AND username = ?"
            params.append(username)
        n = len(cur.execute(f"UPDATE login_session SET berakhir_pada = current_timestamp, alasan_berakhir = ?"
                            f" WHERE {where} RETURNING id", [reason, *params]).fetchall())
        if n:
            _audit(cur, actor, "sesi:akhir", f"user:{username}" if username else "sesi:semua",
                   {"alasan": reason, "jumlah": n})
        return n

    def open_login_sessions(self) -> int:
        """How many sessions are open (not ended; some may be idle past the limit until next seen)."""
        return int(self._scalar("SELECT count(*) FROM login_session WHERE berakhir_pada IS NULL"))
