"""Users, roles and login attempts (password hashing and policy are in :mod:`data.auth`)."""
from __future__ import annotations

import duckdb
import pandas as pd

from data.store.audit import _audit
from data.store.errors import StoreError
from data.store.sessions import SessionsMixin


class UsersMixin(SessionsMixin):  # disabling a user or resetting a password ends their sessions
    def roles(self) -> pd.DataFrame:
        return self._frame("SELECT * FROM role ORDER BY role")

    def user(self, username: str) -> dict | None:
        """The user row with the role's permissions and scope, or None."""
        f = self._frame(
            "SELECT u.*, r.izin, r.lingkup, r.nama AS role_nama FROM app_user u JOIN role r USING (role)"
            " WHERE u.username = ?", [username])
        return None if f.empty else f.iloc[0].to_dict()

    def users(self) -> pd.DataFrame:
        return self._frame(
            "SELECT username, nama, role, opd_id, aktif, gagal_berturut, terkunci_sampai, login_terakhir"
            " FROM app_user ORDER BY username")

    def user_count(self) -> int:
        return int(self._scalar("SELECT count(*) FROM app_user WHERE aktif"))

    def add_user(self, username: str, nama: str, role: str, opd_id: str | None, password_hash: str,
                 actor: str) -> None:
        """Create a user (the password already hashed by :mod:`data.auth`). Audited."""
        try:
            with self._transaction() as cur:
                cur.execute("INSERT INTO app_user (username, nama, role, opd_id, password_hash) VALUES (?,?,?,?,?)",
                            [username, nama, role, opd_id, password_hash])
                _audit(cur, actor, "pengguna:tambah", f"user:{username}", {"role": role, "opd": opd_id})
        except duckdb.ConstraintException:
            raise StoreError(f"Pengguna {username} sudah ada.") from None

    def update_user(self, username: str, actor: str, action: str, *, password_hash: str | None = None,
                    aktif: bool | None = None, name_key: str | None = None) -> None:
        """Reset a password and/or (de)activate a user. Audited. A new password or a disabled account
        ends the user's open login sessions in the same transaction; ``name_key`` (the name's keyed
        hash) also forgets every source's failed attempts for it."""
        sets, params = ["gagal_berturut = 0", "terkunci_sampai = NULL"], []
        if password_hash is not None:
            sets.append("password_hash = ?")
            params.append(password_hash)
        if aktif is not None:
            sets.append("aktif = ?")
            params.append(aktif)
        with self._transaction() as cur:
            n = cur.execute(f"UPDATE app_user SET {', '.join(sets)} WHERE username = ? RETURNING username",
                            [*params, username]).fetchall()
            if not n:
                raise StoreError(f"Pengguna {username} tidak ditemukan.")
            _audit(cur, actor, action, f"user:{username}")
            if name_key is not None:
                cur.execute("DELETE FROM login_attempt WHERE nama_kunci = ?", [name_key])
            if password_hash is not None or aktif is False:
                self._end_open_sessions(cur, "sandi-diatur-ulang" if password_hash is not None else "nonaktif",
                                        actor, username)

    def login_wait(self, name_key: str, source: str) -> float:
        """Seconds ``source`` must still wait before trying the name ``name_key`` again (0: it may)."""
        ms = self._scalar("SELECT date_diff('millisecond', current_timestamp::TIMESTAMP, tahan_sampai)"
                          " FROM login_attempt WHERE nama_kunci = ? AND sumber = ?", [name_key, source])
        return max(0.0, (ms or 0) / 1000)

    def record_login(self, username: str | None, name_key: str, source: str, outcome: str, *,
                     free_failures: int, first_wait_seconds: int, longest_wait_seconds: int,
                     detail: dict) -> None:
        """Record one login attempt and audit it. ``outcome``: ``berhasil`` (clears this source's
        count for this name), ``gagal`` (counts; from the ``free_failures``-th failure in a row the
        source waits ``first_wait_seconds``, doubling each further failure up to
        ``longest_wait_seconds``; a streak older than the longest wait starts again) or ``ditahan``
        (refused while waiting: audited only). ``username`` is the account when the name is one (the
        audit names it), else None (the audit gets a fixed marker and ``detail``). Never locks the
        account itself: the same name from another source is not affected."""
        actor, entity = (username, f"user:{username}") if username else ("?", "user:tidak-dikenal")
        with self._transaction() as cur:
            if outcome == "berhasil":
                cur.execute("DELETE FROM login_attempt WHERE nama_kunci = ? AND sumber = ?", [name_key, source])
                cur.execute("UPDATE app_user SET gagal_berturut = 0, terkunci_sampai = NULL,"
                            " login_terakhir = current_timestamp WHERE username = ?", [username])
            elif outcome == "gagal":
                # failures older than a day are forgotten (the table stays small)
                cur.execute("DELETE FROM login_attempt WHERE terakhir_gagal < current_timestamp - INTERVAL 1 DAY")
                row = cur.execute(
                    "SELECT gagal, date_diff('second', terakhir_gagal, current_timestamp::TIMESTAMP)"
                    " FROM login_attempt WHERE nama_kunci = ? AND sumber = ?", [name_key, source]).fetchone()
                failures = 1 if row is None or row[1] > longest_wait_seconds else int(row[0]) + 1
                wait = None
                if failures >= free_failures:
                    wait = min(first_wait_seconds * 2 ** min(failures - free_failures, 30), longest_wait_seconds)
                cur.execute(
                    "INSERT OR REPLACE INTO login_attempt (nama_kunci, sumber, gagal, terakhir_gagal, tahan_sampai)"
                    " VALUES (?, ?, ?, current_timestamp, CASE WHEN ? IS NULL THEN NULL"
                    "  ELSE current_timestamp + to_seconds(CAST(? AS BIGINT)) END)",
                    [name_key, source, failures, wait, wait])
                if username:
                    cur.execute("UPDATE app_user SET gagal_berturut = gagal_berturut + 1 WHERE username = ?",
                                [username])
                detail = {**detail, "gagal_berturut": failures, **({"tunggu_detik": wait} if wait else {})}
            _audit(cur, actor, f"login:{outcome}", entity, detail)

    def now(self):
        """The database's clock (login waits and idle times are measured with it, not this machine's)."""
        return self._scalar("SELECT current_timestamp::TIMESTAMP")
