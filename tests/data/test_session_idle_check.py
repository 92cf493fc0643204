"""The idle check an open screen runs on a timer (data.auth.session_lapsed): it tells a lapsed login
apart without counting as activity and without ending anything itself."""
from __future__ import annotations

import pytest

from data import auth
from data.store import open_store

PASSWORD = "Kota-Serang-2026"


@pytest.fixture
def store(tmp_path):
    s = open_store(tmp_path / "diam.duckdb")
    auth.add_user(s, "komite1", "Komite Satu", "komite", None, PASSWORD, "uji")
    yield s
    s.close()


def _session(store) -> str:
    user, _ = auth.authenticate(store, "komite1", PASSWORD)
    return auth.start_session(store, user)[1]


def _idle_seconds(store, sid: str, seconds: int) -> None:
    with store._transaction() as cur:
        cur.execute("UPDATE login_session SET terakhir_aktif = current_timestamp - to_seconds(CAST(? AS BIGINT))"
                    " WHERE id = ?", [seconds, sid])


def test_the_check_is_read_only_and_sees_each_way_a_login_lapses(store):
    sid = _session(store)
    _idle_seconds(store, sid, 20)
    before = store.login_session(session_id=sid)
    audit_before = len(store.audit_entries(limit=100_000))
    for _ in range(3):  # a timer asking again and again
        assert not auth.session_lapsed(store, sid, 1)  # 20 s idle, limit 60 s
    after = store.login_session(session_id=sid)
    assert after["diam_detik"] >= before["diam_detik"] >= 20  # not touched: asking is no activity
    assert len(store.audit_entries(limit=100_000)) == audit_before  # and nothing recorded

    assert auth.session_lapsed(store, sid, 0.25)  # fractional minutes: 15 s limit
    assert store.login_session(session_id=sid)["berakhir"] == False  # noqa: E712 — the full check ends it
    assert auth.check_session(store, 0.25, session_id=sid).reason == auth.ENDED_IDLE
    assert auth.session_lapsed(store, sid, 60)  # ended: lapsed whatever the limit

    other = _session(store)
    auth.set_active(store, "komite1", False, "admin")
    assert auth.session_lapsed(store, other, 60)
    assert auth.session_lapsed(store, "tidak-ada", 60)
