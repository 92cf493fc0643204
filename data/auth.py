"""Users, passwords and login policy. Passwords are hashed with argon2id (argon2-cffi).

No Streamlit here: the login page and the ``python -m data user`` command both
call these functions, and the data layer stores the result.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

import pandas as pd
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from data.store import Scope, Store, StoreError

_hasher = PasswordHasher()  # argon2id with the library's current recommended parameters
_DUMMY_HASH = _hasher.hash("tidak-dipakai-untuk-apa-pun")
USERNAME = re.compile(r"^[a-z0-9._-]{3,40}$")
WRONG = "Nama pengguna atau kata sandi salah."


@dataclass(frozen=True)
class User:
    username: str
    nama: str
    role: str
    opd_id: str | None
    permissions: frozenset[str]
    all_opd: bool

    def can(self, permission: str) -> bool:
        return permission in self.permissions

    @property
    def scope(self) -> Scope:
        """Which OPDs this user may see: all, or only their own (enforced in every query)."""
        return Scope.everything() if self.all_opd else Scope((self.opd_id,) if self.opd_id else ())


# The visitor of a demo (synthetic data only): sees everything, changes nothing.
DEMO_VISITOR = User("tamu-demo", "Tamu peragaan", "pimpinan", None, frozenset({"lihat", "identitas", "ekspor"}), True)


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def password_problem(password: str) -> str | None:
    """Why a new password is not acceptable, or None."""
    if len(password) < 10:
        return "Kata sandi paling sedikit 10 karakter."
    if password.lower() == password or not re.search(r"\d", password):
        return "Kata sandi harus memuat huruf besar, huruf kecil dan angka."
    return None


def _user_from_row(row: dict) -> User:
    opd = row.get("opd_id")
    return User(row["username"], row["nama"], row["role"], opd if isinstance(opd, str) else None,
                frozenset(p for p in str(row["izin"]).split(";") if p), row["lingkup"] == "semua")


def add_user(store: Store, username: str, nama: str, role: str, opd_id: str | None, password: str,
             actor: str) -> None:
    if not USERNAME.match(username):
        raise StoreError("Nama pengguna hanya huruf kecil, angka, titik, garis bawah atau tanda hubung (3–40).")
    roles = store.roles().set_index("role")
    if role not in roles.index:
        raise StoreError(f"Peran {role} tidak dikenal (tersedia: {', '.join(roles.index)}).")
    if roles.loc[role, "lingkup"] == "opd":
        if not opd_id or opd_id not in set(store.opd()["opd_id"]):
            raise StoreError(f"Peran {role} memerlukan --opd dengan kode OPD yang ada.")
    else:
        opd_id = None
    if (problem := password_problem(password)) is not None:
        raise StoreError(problem)
    store.add_user(username, nama, role, opd_id, hash_password(password), actor)


def reset_password(store: Store, username: str, password: str, actor: str) -> None:
    if (problem := password_problem(password)) is not None:
        raise StoreError(problem)
    store.update_user(username, actor, "pengguna:reset", password_hash=hash_password(password))


def set_active(store: Store, username: str, active: bool, actor: str) -> None:
    store.update_user(username, actor, "pengguna:aktifkan" if active else "pengguna:nonaktifkan", aktif=active)


def authenticate(store: Store, username: str, password: str) -> tuple[User | None, str | None]:
    """(user, None) on success, (None, Indonesian message) otherwise. Every attempt is audited."""
    username = (username or "").strip().lower()
    row = store.user(username) if USERNAME.match(username) else None
    if row is None:
        _verify(_DUMMY_HASH, password)  # same work as for a real user: no user enumeration by timing
        store.audit(username[:40] or "?", "login:gagal", "user:tidak-dikenal")
        return None, WRONG
    locked = row.get("terkunci_sampai")
    if locked is not None and not pd.isna(locked) and pd.Timestamp(locked) > pd.Timestamp(store.now()):
        store.audit(username, "login:terkunci", f"user:{username}")
        return None, f"Akun terkunci karena terlalu banyak percobaan gagal sampai pukul {pd.Timestamp(locked):%H.%M}. " \
                     "Coba lagi nanti atau minta admin mengatur ulang kata sandi."
    ok = bool(row["aktif"]) and _verify(row["password_hash"], password)
    store.record_login(username, ok, int(store.setting("login_gagal_maksimal") or 5),
                       int(store.setting("login_kunci_menit") or 15))
    if not ok:
        return None, WRONG
    return _user_from_row(row), None


def _verify(hash_: str, password: str) -> bool:
    try:
        return _hasher.verify(hash_, password or "")
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def idle_expired(last_seen: datetime | None, now: datetime, minutes: int) -> bool:
    return last_seen is not None and (now - last_seen).total_seconds() > minutes * 60
