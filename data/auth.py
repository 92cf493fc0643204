"""Users, passwords, login policy and login sessions. Passwords are hashed with argon2id (argon2-cffi).

No Streamlit here: the login page and the ``python -m data user`` command both
call these functions, and the data layer stores the result.

A login session lives on the server (table ``login_session``): the browser keeps only a random
token (``secrets.token_urlsafe``) in a cookie, the database only its SHA-256. A session is valid
while it is not ended, its user is active and it has not been idle (by the database's clock) longer
than the ``sesi_diam_menit`` setting. See docs/decisions/0017-server-side-login-session.md.
"""
from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from data.store import Scope, Store, StoreError

_hasher = PasswordHasher()  # argon2id with the library's current recommended parameters
_DUMMY_HASH = _hasher.hash("tidak-dipakai-untuk-apa-pun")
USERNAME = re.compile(r"^[a-z0-9._-]{3,40}$")
# One message for every refused login (unknown name, wrong password, disabled account, a source that
# must wait): it never tells whether an account exists.
WRONG = ("Nama pengguna atau kata sandi salah, atau terlalu banyak percobaan gagal dari perangkat ini. "
         "Periksa lalu coba lagi sebentar lagi.")


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
    store.update_user(username, actor, "pengguna:reset", password_hash=hash_password(password),
                      name_key=name_key(store, username))


def set_active(store: Store, username: str, active: bool, actor: str) -> None:
    store.update_user(username, actor, "pengguna:aktifkan" if active else "pengguna:nonaktifkan", aktif=active)


#: The login source when Streamlit gives no address (a browser on this machine, or every browser
#: behind a reverse proxy on this machine).
SOURCE_LOCAL = "lokal"


def name_key(store: Store, typed: str) -> str:
    """The keyed hash (HMAC-SHA256 with the installation's ``kunci_samaran``) under which attempts for a
    typed name are counted: the same name gives the same key, and the text itself is never stored."""
    secret = str(store.setting("kunci_samaran") or "")
    return hmac.new(secret.encode("utf-8"), typed.encode("utf-8"), hashlib.sha256).hexdigest()


def authenticate(store: Store, username: str, password: str,
                 source: str | None = None) -> tuple[User | None, str | None]:
    """(user, None) on success, (None, ``WRONG``) otherwise: the same message whether the name is
    unknown, the password wrong, the account disabled or this source waiting after too many failures,
    so it never tells whether an account exists. Failures are throttled per typed name and
    ``source`` (the browser's address; None = this machine), never by locking the account: a stranger
    cannot keep the real user out from another laptop. Every attempt is audited; the audit names the
    account only when the name is one, otherwise a fixed marker and a short keyed hash (a password
    typed into the name field is never stored)."""
    typed = (username or "").strip().lower()
    source = (source or SOURCE_LOCAL)[:64]
    key = name_key(store, typed)
    row = store.user(typed) if USERNAME.match(typed) else None
    known = typed if row is not None else None
    detail = {"sumber": source, **({} if known else {"nama_samaran": key[:12]})}
    limits = {"free_failures": max(1, _setting_int(store, "login_gagal_maksimal", 5)),
              "first_wait_seconds": max(1, _setting_int(store, "login_tahan_detik", 30)),
              "longest_wait_seconds": max(1, _setting_int(store, "login_kunci_menit", 15) * 60)}
    if store.login_wait(key, source) > 0:  # this source tried this name too often: not even checked
        store.record_login(known, key, source, "ditahan", **limits, detail=detail)
        return None, WRONG
    ok = _verify(row["password_hash"], password) if row is not None else _verify(_DUMMY_HASH, password)
    ok = ok and row is not None and bool(row["aktif"])  # (the dummy hash: same work, no enumeration by timing)
    store.record_login(known, key, source, "berhasil" if ok else "gagal", **limits, detail=detail)
    if not ok:
        return None, WRONG
    return _user_from_row(row), None


def _setting_int(store: Store, key: str, default: int) -> int:
    try:
        return int(store.setting(key) or default)
    except ValueError:
        return default


def _verify(hash_: str, password: str) -> bool:
    try:
        return _hasher.verify(hash_, password or "")
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


# Why a session ended (login_session.alasan_berakhir); the login form explains each one.
ENDED_LOGOUT, ENDED_IDLE, ENDED_DISABLED = "keluar", "diam", "nonaktif"
ENDED_UNKNOWN = "tidak-dikenal"  # no session for this token (never existed, or a database restored since)
#: An open session's last-active time is written at most this often (not on every rerun).
TOUCH_EVERY_SECONDS = 60


@dataclass(frozen=True)
class SessionCheck:
    """The outcome of checking a login session: ``user`` set while it is valid, else ``reason``."""
    session_id: str | None
    user: User | None = None
    reason: str | None = None


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def start_session(store: Store, user: User) -> tuple[str, str]:
    """Open a login session for ``user`` (after a successful login): (token for the cookie, session id).
    Only the token's hash is stored; the id is random and not secret."""
    token, session_id = secrets.token_urlsafe(32), secrets.token_urlsafe(12)
    store.start_login_session(session_id, token_hash(token), user.username)
    return token, session_id


def check_session(store: Store, idle_minutes: float, *, session_id: str | None = None,
                  token: str | None = None) -> SessionCheck:
    """Is the session (by id, or by the cookie's token after a reload) still valid? A session found
    idle too long or whose user was disabled is ended here (audited). The user comes back as the
    database has it now, so a role change applies at once."""
    if (session_id is None) == (token is None):
        raise ValueError("give exactly one of session_id and token")
    wanted = token_hash(token) if token is not None else None
    row = store.login_session(session_id=session_id) if session_id is not None else \
        store.login_session(token_hash=wanted)
    if row is None:
        return SessionCheck(session_id, reason=ENDED_UNKNOWN)
    sid = str(row["id"])
    if wanted is not None and not hmac.compare_digest(wanted, str(row["token_hash"])):  # belt and braces
        return SessionCheck(None, reason=ENDED_UNKNOWN)
    if bool(row["berakhir"]):
        return SessionCheck(sid, reason=str(row["alasan_berakhir"] or ENDED_UNKNOWN))
    reason = ENDED_DISABLED if not bool(row["aktif"]) else \
        ENDED_IDLE if int(row["diam_detik"]) > idle_minutes * 60 else None
    if reason is not None:
        store.end_login_session(sid, reason, str(row["username"]))
        return SessionCheck(sid, reason=reason)
    return SessionCheck(sid, user=_user_from_row(row))


def session_lapsed(store: Store, session_id: str, idle_minutes: float) -> bool:
    """Would :func:`check_session` refuse this session now (ended, idle too long, user disabled)?
    Read only: it neither records activity nor ends anything, so an open screen can ask it on a
    timer without the asking counting as use (the full check then ends and audits it)."""
    row = store.login_session(session_id=session_id)
    return row is None or bool(row["berakhir"]) or not bool(row["aktif"]) or \
        int(row["diam_detik"]) > idle_minutes * 60


def touch_session(store: Store, session_id: str, last_touch: float | None, now: float) -> float | None:
    """Record activity at most every ``TOUCH_EVERY_SECONDS`` (``now``/``last_touch`` from a monotonic
    clock); returns the time to remember as the last touch."""
    if last_touch is not None and now - last_touch < TOUCH_EVERY_SECONDS:
        return last_touch
    return now if store.touch_login_session(session_id) else last_touch


def end_session(store: Store, session_id: str, reason: str, actor: str) -> bool:
    """End one login session (logout). Audited; False if it was no longer open."""
    return store.end_login_session(session_id, reason, actor)


def end_all_sessions(store: Store, actor: str, reason: str = "diakhiri-admin") -> int:
    """End every open login session (everyone must log in again). Audited; returns how many."""
    return store.end_login_sessions(reason, actor)
