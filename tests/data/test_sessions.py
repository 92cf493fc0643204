"""Server-side login sessions (data.auth + the store's login_session table): resume, revoke, idle, audit."""
from __future__ import annotations

import json
import threading

import pytest

from data import auth
from data.store import open_store

PASSWORD = "Kota-Serang-2026"
IDLE = 120


@pytest.fixture
def store(tmp_path):
    s = open_store(tmp_path / "sesi.duckdb")
    auth.add_user(s, "komite1", "Komite Satu", "komite", None, PASSWORD, "uji")
    yield s
    s.close()


def _login(store, username: str = "komite1") -> tuple[str, str]:
    user, problem = auth.authenticate(store, username, PASSWORD)
    assert problem is None
    return auth.start_session(store, user)


def _row(store, session_id: str) -> dict:
    return store.login_session(session_id=session_id)


def _idle_for(store, session_id: str, minutes: int) -> None:
    store._con.execute("UPDATE login_session SET terakhir_aktif = current_timestamp - to_minutes(CAST(? AS BIGINT))"
                       " WHERE id = ?", [minutes, session_id])


def _session_audit(store) -> list[tuple[str, str, str, dict]]:
    log = store.audit_entries(action="sesi:")
    return [(r.actor, r.action, r.entity, json.loads(r.detail) if isinstance(r.detail, str) else {})
            for r in log.sort_values("audit_id").itertuples()]


def test_a_token_resumes_the_same_session_and_user(store):
    token, sid = _login(store)
    check = auth.check_session(store, IDLE, token=token)
    assert check.session_id == sid and check.reason is None
    assert check.user.username == "komite1" and check.user.can("kalibrasi") and not check.user.can("impor")
    assert auth.check_session(store, IDLE, session_id=sid).user == check.user
    other_token, other_sid = _login(store)  # a second login is a second session
    assert other_sid != sid and other_token != token


def test_a_token_never_reaches_the_database_or_the_audit_log(store):
    token, sid = _login(store)
    row = _row(store, sid)
    assert row["token_hash"] == auth.token_hash(token) and token not in row["token_hash"]
    assert len(token) >= 43  # secrets.token_urlsafe(32)
    assert _session_audit(store) == [("komite1", "sesi:mulai", f"sesi:{sid}", {})]
    auth.end_session(store, sid, auth.ENDED_LOGOUT, "komite1")
    log = store.audit_entries(limit=100_000)
    assert not log.astype(str).apply(lambda col: col.str.contains(token, regex=False)).any().any()
    store.checkpoint()
    assert token.encode() not in store.path.read_bytes()


def test_an_unknown_or_altered_token_resumes_nothing(store):
    token, _ = _login(store)
    for wrong in ("x" * 43, token[:-1] + ("A" if token[-1] != "A" else "B")):
        check = auth.check_session(store, IDLE, token=wrong)
        assert check.user is None and check.reason == auth.ENDED_UNKNOWN


def test_logout_revokes_the_token(store):
    token, sid = _login(store)
    assert auth.end_session(store, sid, auth.ENDED_LOGOUT, "komite1")
    check = auth.check_session(store, IDLE, token=token)
    assert check.user is None and check.reason == auth.ENDED_LOGOUT
    assert auth.check_session(store, IDLE, session_id=sid).user is None  # another tab of the same login
    assert not auth.end_session(store, sid, auth.ENDED_LOGOUT, "komite1")  # ending twice records nothing
    assert [a[1:] for a in _session_audit(store)] == [
        ("sesi:mulai", f"sesi:{sid}", {}), ("sesi:akhir", f"sesi:{sid}", {"alasan": "keluar", "pengguna": "komite1"})]


def test_an_idle_session_ends_by_the_database_clock(store):
    token, sid = _login(store)
    _idle_for(store, sid, IDLE - 1)
    assert auth.check_session(store, IDLE, token=token).user is not None  # 119 minutes: still valid
    _idle_for(store, sid, IDLE + 1)
    check = auth.check_session(store, IDLE, token=token)
    assert check.user is None and check.reason == auth.ENDED_IDLE
    assert _row(store, sid)["alasan_berakhir"] == "diam"
    _idle_for(store, sid, 0)  # ended stays ended, even if it were touched again
    assert auth.check_session(store, IDLE, session_id=sid).reason == auth.ENDED_IDLE
    assert [a[1] for a in _session_audit(store)] == ["sesi:mulai", "sesi:akhir"]


def test_touch_is_throttled_and_keeps_a_session_alive(store):
    token, sid = _login(store)
    _idle_for(store, sid, 30)
    before = _row(store, sid)["diam_detik"]
    assert auth.touch_session(store, sid, last_touch=1000.0, now=1030.0) == 1000.0  # within a minute: no write
    assert _row(store, sid)["diam_detik"] >= before
    assert auth.touch_session(store, sid, last_touch=1000.0, now=1061.0) == 1061.0
    assert _row(store, sid)["diam_detik"] < 5
    assert auth.touch_session(store, sid, last_touch=None, now=5.0) == 5.0


def test_touch_does_not_wait_for_a_running_write(store):
    """A long import holds the write gate: a touch must not stall the other users' reruns meanwhile."""
    _, sid = _login(store)
    done = threading.Event()
    with store._write_lock:
        worker = threading.Thread(target=lambda: (store.touch_login_session(sid), done.set()))
        worker.start()
        assert done.wait(20), "touch waited for the write gate"
    worker.join()


def test_disabling_a_user_ends_their_sessions(store):
    token, sid = _login(store)
    auth.add_user(store, "pimpinan1", "Pimpinan", "pimpinan", None, PASSWORD, "uji")
    _, other = _login(store, "pimpinan1")
    auth.set_active(store, "komite1", False, "admin")
    check = auth.check_session(store, IDLE, token=token)
    assert check.user is None and check.reason == auth.ENDED_DISABLED
    assert auth.check_session(store, IDLE, session_id=other).user.username == "pimpinan1"
    assert ("admin", "sesi:akhir", "user:komite1", {"alasan": "nonaktif", "jumlah": 1}) in _session_audit(store)


def test_a_user_disabled_behind_the_store_is_caught_at_the_next_check(store):
    token, sid = _login(store)
    store._con.execute("UPDATE app_user SET aktif = FALSE WHERE username = 'komite1'")
    assert auth.check_session(store, IDLE, session_id=sid).reason == auth.ENDED_DISABLED
    assert _row(store, sid)["alasan_berakhir"] == "nonaktif"


def test_a_password_reset_ends_the_sessions(store):
    token, _ = _login(store)
    auth.reset_password(store, "komite1", "Sandi-Baru-2027", "admin")
    assert auth.check_session(store, IDLE, token=token).reason == "sandi-diatur-ulang"


def test_a_role_change_applies_at_the_next_check(store):
    _, sid = _login(store)
    store._con.execute("UPDATE app_user SET role = 'pimpinan' WHERE username = 'komite1'")
    user = auth.check_session(store, IDLE, session_id=sid).user
    assert user.role == "pimpinan" and not user.can("kalibrasi")


def test_an_admin_ends_every_session(store):
    tokens = [_login(store)[0] for _ in range(3)]
    assert store.open_login_sessions() == 3
    assert auth.end_all_sessions(store, "cli:admin") == 3
    assert store.open_login_sessions() == 0
    assert all(auth.check_session(store, IDLE, token=t).reason == "diakhiri-admin" for t in tokens)
    assert ("cli:admin", "sesi:akhir", "sesi:semua", {"alasan": "diakhiri-admin", "jumlah": 3}) in _session_audit(store)
