"""Shared fixtures: a migrated empty database for rules, and the demo database."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from data.store import open_store  # noqa: E402


@pytest.fixture(scope="session")
def rules_store(tmp_path_factory):
    store = open_store(tmp_path_factory.mktemp("rules") / "rules.duckdb")
    yield store
    store.close()


@pytest.fixture(scope="session")
def rules(rules_store):
    """The shipped default rule set, as an admin would find it after installation."""
    return rules_store.rules(2025)


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory) -> Path:
    """A demo database (6k ASN, default seed) built once per test session."""
    from data.synthetic import load_demo

    path = tmp_path_factory.mktemp("demo") / "demo.duckdb"
    store = open_store(path)
    load_demo(store)
    store.close()
    return path


@pytest.fixture(scope="session")
def real_db(tmp_path_factory) -> Path:
    """The demo content recorded as if it had been imported (not synthetic): a base for tests of
    real-data behaviour (imports on top of existing data, login required)."""
    from data.synthetic import build_demo

    path = tmp_path_factory.mktemp("real") / "real.duckdb"
    store = open_store(path)
    store.replace_dataset(build_demo(), kind="dasar-uji", period=None, source="impor", actor="uji",
                          file_name="uji-dasar.xlsx")
    store.close()
    return path


def make_user(db_path: Path, username: str, role: str, opd_id: str | None = None,
              password: str = "Rahasia-Uji-123"):
    """Create a user in the database at ``db_path`` and return the User the app would hold."""
    from data import auth

    store = open_store(db_path)
    try:
        if store.user(username) is None:
            auth.add_user(store, username, f"Pengguna {username}", role, opd_id, password, "uji")
        row = store.user(username)
    finally:
        store.close()
    return auth._user_from_row(row)


def login_as(at, db_path: Path, username: str = "admin", role: str = "admin", opd_id: str | None = None):
    """Seed an AppTest session with a logged-in user (as the login page would)."""
    from ui.user import KEY_USER
    at.session_state[KEY_USER] = make_user(db_path, username, role, opd_id)
    return at


@pytest.fixture(autouse=True)
def _fresh_streamlit_caches():
    """Streamlit caches leak between AppTest runs in one process: clear both around every test."""
    if "streamlit" in sys.modules:
        import streamlit as st
        st.cache_data.clear()
        st.cache_resource.clear()
    yield
    if "streamlit" in sys.modules:
        import streamlit as st
        st.cache_data.clear()
        st.cache_resource.clear()


@pytest.fixture(scope="session")
def browser():
    """One headless Debian Chromium for every browser test (Playwright, no browser download)."""
    from playwright.sync_api import sync_playwright

    from tests.browser.support import CHROMIUM_ARGS, chromium_path
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS, headless=True)
        yield b
        b.close()


def widget_token(db_path: Path, nip: str) -> str:
    """The stand-in for ``nip`` in widget keys (ui.privacy.token): keys reach the browser, NIPs must not."""
    from analytics.anonymise import code
    store = open_store(db_path)
    try:
        return code(nip, store.setting("kunci_samaran").encode())
    finally:
        store.close()


def use_copy(source: Path, tmp_path: Path, monkeypatch, name: str = "app.duckdb") -> Path:
    """A private copy of a fixture database, made the app's database (``TALENTA_DB``) for this test."""
    import shutil
    path = tmp_path / name
    shutil.copy(source, path)
    monkeypatch.setenv("TALENTA_DB", str(path))
    return path
