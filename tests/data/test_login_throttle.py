"""Login throttling per typed name and source (never an account lock-out), one message for every
refused login, and failed attempts audited without the typed text of an unknown name."""
from __future__ import annotations

import pytest

from data import auth
from data.store import open_store

PASSWORD = "Kota-Serang-2026"
STRANGER, OFFICE = "10.0.0.66", "10.0.0.7"


@pytest.fixture
def store(tmp_path):
    s = open_store(tmp_path / "throttle.duckdb")
    auth.add_user(s, "admin", "Admin", "admin", None, PASSWORD, "uji")
    with s._transaction() as cur:  # fewer free failures than shipped: each try costs an argon2 hash
        cur.execute("UPDATE setting SET value = '3' WHERE key = 'login_gagal_maksimal'")
    yield s
    s.close()


def _limit(store) -> int:
    return int(store.setting("login_gagal_maksimal"))


def _fail(store, name: str, source: str | None, times: int) -> None:
    for _ in range(times):
        assert auth.authenticate(store, name, "Salah-Tebak-1", source) == (None, auth.WRONG)


def test_same_message_for_unknown_name_wrong_password_disabled_and_throttled(store):
    auth.add_user(store, "op.lama", "Operator", "pimpinan", None, PASSWORD, "uji")
    auth.set_active(store, "op.lama", False, "uji")
    unknown = auth.authenticate(store, "tidakada", "Salah-Tebak-1", STRANGER)
    wrong = auth.authenticate(store, "admin", "Salah-Tebak-1", STRANGER)
    disabled = auth.authenticate(store, "op.lama", PASSWORD, STRANGER)
    _fail(store, "admin", STRANGER, _limit(store))
    throttled = auth.authenticate(store, "admin", PASSWORD, STRANGER)  # the right password, while waiting
    _fail(store, "tidakada", STRANGER, _limit(store))
    throttled_unknown = auth.authenticate(store, "tidakada", "Salah-Tebak-1", STRANGER)
    assert unknown == wrong == disabled == throttled == throttled_unknown == (None, auth.WRONG)
    assert "terkunci" not in auth.WRONG.lower()


def test_a_stranger_cannot_lock_the_admin_out_from_another_source(store):
    _fail(store, "admin", STRANGER, _limit(store) + 3)
    assert store.login_wait(auth.name_key(store, "admin"), STRANGER) > 0
    user, problem = auth.authenticate(store, "admin", PASSWORD, OFFICE)
    assert problem is None and user.username == "admin"
    user, problem = auth.authenticate(store, "admin", PASSWORD)  # this machine (no address) too
    assert problem is None and user.username == "admin"
    assert store.user("admin")["terkunci_sampai"] is None or str(store.user("admin")["terkunci_sampai"]) == "NaT"


def test_throttled_source_is_refused_even_with_the_right_password_and_waits_grow(store):
    key = auth.name_key(store, "admin")
    _fail(store, "admin", STRANGER, _limit(store) - 1)
    assert store.login_wait(key, STRANGER) == 0  # below the limit: no wait yet
    _fail(store, "admin", STRANGER, 1)
    first = store.login_wait(key, STRANGER)
    first_setting = int(store.setting("login_tahan_detik"))
    assert 0 < first <= first_setting
    assert auth.authenticate(store, "admin", PASSWORD, STRANGER) == (None, auth.WRONG)
    actions = store.audit_entries(action="login:")["action"].tolist()
    assert actions[0] == "login:ditahan"  # refused without checking the password
    # after the wait the next failure doubles it, up to the longest wait
    with store._transaction() as cur:  # the wait is over (by the database's clock)
        cur.execute("UPDATE login_attempt SET tahan_sampai = current_timestamp - INTERVAL 1 SECOND")
    _fail(store, "admin", STRANGER, 1)
    assert first_setting < store.login_wait(key, STRANGER) <= 2 * first_setting
    with store._transaction() as cur:
        cur.execute("UPDATE login_attempt SET tahan_sampai = current_timestamp - INTERVAL 1 SECOND, gagal = 60")
    _fail(store, "admin", STRANGER, 1)
    assert store.login_wait(key, STRANGER) <= int(store.setting("login_kunci_menit")) * 60
    # once it may try again, the right password works and clears the count
    with store._transaction() as cur:
        cur.execute("UPDATE login_attempt SET tahan_sampai = NULL")
    assert auth.authenticate(store, "admin", PASSWORD, STRANGER)[0] is not None
    assert store.login_wait(key, STRANGER) == 0


def test_password_reset_clears_the_waits_for_that_name(store):
    _fail(store, "admin", STRANGER, _limit(store))
    auth.reset_password(store, "admin", "Baru-Sekali-2027", "uji")
    assert store.login_wait(auth.name_key(store, "admin"), STRANGER) == 0
    assert auth.authenticate(store, "admin", "Baru-Sekali-2027", STRANGER)[0] is not None


def test_audit_never_keeps_a_typed_unknown_name(store):
    typed = "Rahasia-Salah-Ketik-99"  # e.g. a password typed into the name field
    auth.authenticate(store, typed, "apa saja", STRANGER)
    _fail(store, typed, STRANGER, _limit(store))
    auth.authenticate(store, typed, "apa saja", STRANGER)  # throttled now
    auth.authenticate(store, "admin", "Salah-Tebak-1", STRANGER)
    log = store.audit_entries(limit=100_000)
    text = log.to_string() + " ".join(log["detail"].dropna())
    assert typed.lower() not in text.lower()
    failed = log[log["action"].isin(["login:gagal", "login:ditahan"])]
    unknown = failed[failed["entity"] == "user:tidak-dikenal"]
    assert set(unknown["actor"]) == {"?"} and set(unknown["action"]) == {"login:gagal", "login:ditahan"}
    assert all("nama_samaran" in d for d in unknown["detail"])  # a keyed hash marks repeated attempts of one unknown name
    assert auth.name_key(store, typed.lower())[:12] in unknown["detail"].iloc[0]
    known = failed[failed["entity"] == "user:admin"]
    assert list(known["actor"]) == ["admin"] and STRANGER in known["detail"].iloc[0]
    # nor is the typed text in the throttling table
    assert typed.lower() not in str(store._frame("SELECT * FROM login_attempt").to_dict())
