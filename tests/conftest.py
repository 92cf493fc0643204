"""Shared fixtures.

Databases: ``rules_store`` / ``rules`` (a migrated empty database), ``demo_db`` (synthetic demo, built
once) and ``real_db`` (the same content recorded as imported), and per test a private copy made the
app's database: ``demo_copy`` / ``real_copy``.
Pages (AppTest): ``app_as(db, user, role, opd)`` builds ``app.py`` logged in (or not) and runs it.
Browser: ``browser`` (one Chromium per session) and ``served_copy`` (serve a copy of a database for
a module). Tests under tests/browser/ are marked ``browser`` by their path; ``slow`` marks tests
that take more than a few seconds each (see pytest.ini).
"""
from __future__ import annotations

import shutil
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from data.store import open_store  # noqa: E402

APP = str(ROOT / "app.py")
#: AppTest's default_timeout for a whole-app run (3 s by default; a first DuckDB-heavy run on a
#: loaded machine takes far longer)
APP_TIMEOUT = 60
BROWSER_DIR = Path(__file__).resolve().parent / "browser"


def pytest_collection_modifyitems(config, items):
    """Every test under tests/browser/ drives Chromium: mark it ``browser`` by its path."""
    for item in items:
        if BROWSER_DIR in Path(str(item.path)).parents:
            item.add_marker(pytest.mark.browser)


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


def placed_people(store, period: int, filters=None) -> pd.DataFrame:
    """The period's population joined with the engine's placement: the reference tests compare a
    page with (``store`` an open Store)."""
    from analytics.engine import place
    from data.store import Filters

    pop = store.population(period, filters or Filters())
    return pd.concat([pop, place(pop, store.rules(period)).drop(columns=["nip"])], axis=1)


def placed_people_in(path: Path, period: int, filters=None) -> pd.DataFrame:
    """:func:`placed_people` of the database at ``path`` (opened and closed here)."""
    store = open_store(path)
    try:
        return placed_people(store, period, filters)
    finally:
        store.close()


def login_as(at, db_path: Path, username: str = "admin", role: str = "admin", opd_id: str | None = None):
    """Seed an AppTest session with a logged-in user and its server-side login session (as the
    login page would)."""
    seed_login(at, db_path, make_user(db_path, username, role, opd_id))
    return at


def seed_login(at, db_path: Path, user) -> str:
    """Open a login session for ``user`` in the database at ``db_path`` (before the app opens it) and
    hold it in the AppTest's session state; returns the session's cookie token."""
    from data.auth import start_session
    from ui.user import KEY_SESSION, KEY_TOKEN, KEY_USER

    store = open_store(db_path)
    try:
        token, session = start_session(store, user)
    finally:
        store.close()
    at.session_state[KEY_USER], at.session_state[KEY_SESSION], at.session_state[KEY_TOKEN] = user, session, token
    return token


def app_test(db: Path | None = None, user: str | None = "admin", role: str = "admin", opd: str | None = None,
             run: bool = True, timeout: float = APP_TIMEOUT):
    """``app.py`` as AppTest, logged in as ``user`` (with ``role``, ``opd``) in the database at ``db``
    (not logged in with ``user=None``), and run (``run=False``: seed query params or session state
    first, then ``.run()``). The app reads its database from ``TALENTA_DB``: use ``demo_copy`` /
    ``real_copy``."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(APP, default_timeout=timeout)
    if user is not None:
        login_as(at, db, user, role, opd)
    return at.run() if run else at


def open_tab(at, key: str, label: str):
    """Open the tab ``label`` of the tabs ``key`` (tabs that build only their open tab), as a click does: the
    run that follows builds it."""
    at.session_state[key] = label
    return at.run()


@pytest.fixture
def app_as():
    """:func:`app_test` as a fixture: ``app_as(db, "ketua1", "ketua")``."""
    return app_test


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
    path = tmp_path / name
    shutil.copy(source, path)
    monkeypatch.setenv("TALENTA_DB", str(path))
    return path


@pytest.fixture
def demo_copy(demo_db, tmp_path, monkeypatch) -> Path:
    """A private copy of the demo database, the app's database (``TALENTA_DB``) for this test."""
    return use_copy(demo_db, tmp_path, monkeypatch)


@pytest.fixture
def real_copy(real_db, tmp_path, monkeypatch) -> Path:
    """A private copy of ``real_db`` (real data: login required), the app's database for this test."""
    return use_copy(real_db, tmp_path, monkeypatch)


def _open_copy(source: Path, tmp_path: Path, name: str):
    path = tmp_path / name
    shutil.copy(source, path)
    store = open_store(path)
    yield store
    store.close()


@pytest.fixture
def real_store(real_db, tmp_path):
    """An open store on a private copy of ``real_db`` (closed after the test)."""
    yield from _open_copy(real_db, tmp_path, "real-store.duckdb")


@pytest.fixture
def demo_store(demo_db, tmp_path):
    """An open store on a private copy of the demo database (closed after the test)."""
    yield from _open_copy(demo_db, tmp_path, "demo-store.duckdb")


@pytest.fixture(scope="module")
def served_copy(request, tmp_path_factory):
    """Serve the app on a private copy of a fixture database: a context manager factory.

    ``served_copy(source, users=(), prepare=None)`` copies ``demo_db`` or ``real_db`` (``source``
    "demo" or "real"), adds ``users`` (``(username, role, opd_id)`` each), then calls
    ``prepare(path)`` (plant test data, compute expected numbers: DuckDB lets one process hold the
    file, so before the server opens it) and yields ``(url, what prepare returned)`` while
    ``streamlit run`` serves that copy. Use it in a module-scoped fixture: one server per module."""
    from tests.browser.support import serve

    @contextmanager
    def served(source: str = "demo", users=(), prepare: Callable[[Path], object] | None = None,
               name: str = "served.duckdb") -> Iterator[tuple[str, object]]:
        db = tmp_path_factory.mktemp(f"served-{source}") / name
        shutil.copy(request.getfixturevalue(f"{source}_db"), db)
        for user in users:
            make_user(db, *user)
        expected = prepare(db) if prepare else None
        with serve(db) as url:
            yield url, expected

    return served
