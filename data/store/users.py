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
                    aktif: bool | None = None) -> None:
        """Reset a password and/or (de)activate a user; unlocks on reset. Audited. A new password or a
        disabled account ends the user's open login sessions in the same transaction."""
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
            if password_hash is not None or aktif is False:
                self._end_open_sessions(cur, "sandi-diatur-ulang" if password_hash is not None else "nonaktif",
                                        actor, username)

    def record_login(self, username: str, ok: bool, lock_after: int, lock_minutes: int) -> None:
        """Count a login attempt: reset on success, lock after ``lock_after`` failures. Audited."""
        with self._transaction() as cur:
            if ok:
                cur.execute("UPDATE app_user SET gagal_berturut = 0, terkunci_sampai = NULL,"
                            " login_terakhir = current_timestamp WHERE username = ?", [username])
            else:
                cur.execute(
                    "UPDATE app_user SET gagal_berturut = gagal_berturut + 1,"
                    " terkunci_sampai = CASE WHEN gagal_berturut + 1 >= ?"
                    "   THEN current_timestamp + to_minutes(CAST(? AS BIGINT)) ELSE terkunci_sampai END"
                    " WHERE username = ?", [lock_after, lock_minutes, username])
            _audit(cur, username, "login:berhasil" if ok else "login:gagal", f"user:{username}")

    def now(self):
        """The database's clock (lock-out times are compared with it, not with this machine's)."""
        return self._scalar("SELECT current_timestamp::TIMESTAMP")
