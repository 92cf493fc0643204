"""AppTest: the login survives a reload through its server-side session; logout and other ends revoke it.

A reload is a new Streamlit session that sends the session cookie; AppTest cannot send cookies, so
these tests hand the token to ``ui.session_cookie.read`` (the real cookie is covered in
tests/browser/test_session_reload.py).
"""
from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from data.store import open_store
from tests.conftest import APP, APP_TIMEOUT, make_user
from ui import drafts, session_cookie
from ui.user import KEY_SESSION, KEY_TOKEN, KEY_USER

PASSWORD = "Rahasia-Uji-123"
LOGIN_TITLE = "Masuk ke Talenta ASN"


def _logged_in_through_the_form(username: str = "komite1") -> AppTest:
    at = AppTest.from_file(APP, default_timeout=APP_TIMEOUT).run()
    at.text_input(key="masuk_username").input(username)
    at.text_input(key="masuk_password").input(PASSWORD)
    at.button[0].click().run()
    assert not at.exception and at.title[0].value == "Beranda"
    return at


def _reload(monkeypatch, cookie: str | None) -> AppTest:
    """A browser reload: a new session whose connection carried ``cookie``."""
    monkeypatch.setattr(session_cookie, "read", lambda: cookie)
    return AppTest.from_file(APP, default_timeout=APP_TIMEOUT).run()


def _session_row(db, session_id: str) -> dict:
    s = open_store(db)
    try:
        return s.login_session(session_id=session_id)
    finally:
        s.close()


@pytest.fixture
def komite(real_copy):
    make_user(real_copy, "komite1", "komite")
    return real_copy


def test_a_reload_keeps_the_login_and_its_session_id(komite, monkeypatch):
    at = _logged_in_through_the_form()
    sid, token = at.session_state[KEY_SESSION], at.session_state[KEY_TOKEN]
    assert sid and token and sid not in token
    again = _reload(monkeypatch, token)
    assert not again.exception
    assert again.title[0].value == "Beranda"
    assert again.session_state[KEY_USER].username == "komite1"
    assert again.session_state[KEY_SESSION] == sid  # drafts of the calibration reason key on it


def test_logout_revokes_the_cookie_and_drops_the_drafts(komite, monkeypatch):
    at = _logged_in_through_the_form()
    sid, token = at.session_state[KEY_SESSION], at.session_state[KEY_TOKEN]
    drafts._DRAFTS[sid] = {"alasan": "belum disimpan"}
    at.sidebar.button(key="keluar").click().run()
    assert at.title[0].value == LOGIN_TITLE and at.info[0].value == "Anda telah keluar."
    assert sid not in drafts._DRAFTS
    assert _session_row(komite, sid)["alasan_berakhir"] == "keluar"
    again = _reload(monkeypatch, token)  # a cookie the browser failed to delete opens nothing
    assert again.title[0].value == LOGIN_TITLE
    assert KEY_USER not in again.session_state


def test_a_logout_in_another_tab_ends_this_tab_too(komite, monkeypatch):
    tab1 = _logged_in_through_the_form()
    tab2 = _reload(monkeypatch, tab1.session_state[KEY_TOKEN])  # a second tab of the same browser
    assert tab2.title[0].value == "Beranda"
    tab1.sidebar.button(key="keluar").click().run()
    tab2.run()
    assert tab2.title[0].value == LOGIN_TITLE
    assert not tab2.exception


def test_disabling_the_user_logs_an_open_tab_out(komite):
    at = _logged_in_through_the_form()
    # the dashboard's own store (this process holds the file): as the user admin would
    from data.auth import set_active
    from ui import services
    set_active(services.store(), "komite1", False, "admin")
    at.run()
    assert at.title[0].value == LOGIN_TITLE
    assert at.info[0].value == "Akun Anda dinonaktifkan. Hubungi admin BKPSDM."


def test_a_role_change_applies_without_logging_in_again(komite):
    at = _logged_in_through_the_form()
    at.switch_page("app_pages/kalibrasi.py").run()  # a komite member may calibrate
    assert not at.exception
    from ui import services
    services.store()._con.execute("UPDATE app_user SET role = 'pimpinan' WHERE username = 'komite1'")
    at.run()
    assert at.session_state[KEY_USER].role == "pimpinan"
    # the page it was on is now one it may not open: said so in Indonesian, with a way back
    assert at.title[0].value == "Halaman tidak tersedia untuk Anda"
    assert not at.exception and not at.get("plotly_chart")
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page("app_pages/kalibrasi.py")


def test_a_stale_or_forged_cookie_shows_the_login_form(komite, monkeypatch):
    at = _reload(monkeypatch, "A" * 43)
    assert at.title[0].value == LOGIN_TITLE and not at.exception
    assert KEY_USER not in at.session_state


def test_a_reload_after_the_idle_limit_asks_for_the_login_again(komite, monkeypatch):
    at = _logged_in_through_the_form()
    token, sid = at.session_state[KEY_TOKEN], at.session_state[KEY_SESSION]
    from ui import services
    services.store()._con.execute("UPDATE login_session SET terakhir_aktif = terakhir_aktif - INTERVAL 3 HOUR")
    again = _reload(monkeypatch, token)
    assert again.title[0].value == LOGIN_TITLE
    assert again.info[0].value == "Sesi berakhir karena lama tidak aktif. Silakan masuk lagi."
    assert _session_row(komite, sid)["alasan_berakhir"] == "diam"


def test_a_page_run_asks_for_the_session_once(komite, monkeypatch):
    """The gate checks the login at the top of every run; the idle timer drawn in that run does not ask the
    database again (its own reruns, on its timer, do: tests/browser/test_session_idle.py)."""
    from data import auth
    at = _logged_in_through_the_form()
    asked = []
    real = auth.session_lapsed
    monkeypatch.setattr(auth, "session_lapsed", lambda *a, **k: asked.append(a) or real(*a, **k))
    at.run()
    assert at.title[0].value == "Beranda" and not at.exception
    assert asked == []
