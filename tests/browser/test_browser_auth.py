"""Real browser, real (non-synthetic) data: login gate, roles, and markup in names shown as text.

The served database is a copy of ``real_db`` with two users (admin, operator of DINKES) and one
box-9 person renamed to an HTML payload. Streamlit keeps the login in the websocket session, so
after logging in every move is a sidebar link or a widget, never ``page.goto``.
"""
from __future__ import annotations

import re
import shutil

import pytest

from analytics.engine import place
from data.store import Scope, open_store
from tests.browser.support import ARTIFACTS, serve, wait_idle, wait_grid_text
from tests.conftest import make_user

pytestmark = pytest.mark.browser

EVIL = "<img src=x onerror=alert(1)>"
PASSWORD = "Rahasia-Uji-123"
WRONG = "Nama pengguna atau kata sandi salah."
CHART = "[data-testid='stPlotlyChart']"
NAV = "[data-testid='stSidebarNav']"


def _prepare(real_db, folder) -> tuple:
    """A copy of real_db with the two users and the evil name; returns (path, expected)."""
    db = folder / "served-auth.duckdb"
    shutil.copy(real_db, db)
    make_user(db, "admin", "admin")
    make_user(db, "op.dinkes", "operator", "DINKES")
    s = open_store(db)
    try:
        pop = s.population(2025)
        placed = place(pop, s.rules(2025))
        evil_nip = placed.loc[placed["kotak"] == 9, "nip"].iloc[0]
        cur = s._cur()  # the only SQL a test writes: plant the payload as a person's name
        try:
            cur.execute("UPDATE asn SET nama = ?, gelar_depan = NULL, gelar_belakang = NULL WHERE nip = ?",
                        [EVIL, evil_nip])
        finally:
            cur.close()
        dinkes_asn = s.headline(2025, scope=Scope(("DINKES",)))["asn"]
        assert not s.has_synthetic_data() and s.has_real_data()
    finally:
        s.close()
    return db, {"evil_nip": evil_nip, "dinkes_asn": dinkes_asn}


@pytest.fixture(scope="module")
def served(real_db, tmp_path_factory):
    db, expected = _prepare(real_db, tmp_path_factory.mktemp("served_auth"))
    with serve(db) as url:
        yield url, expected


@pytest.fixture
def fresh(real_db, tmp_path):
    """A server nobody has talked to yet (its own copy: DuckDB allows one writer per file)."""
    db, expected = _prepare(real_db, tmp_path)
    with serve(db) as url:
        yield url, expected


# -- helpers --------------------------------------------------------------------------
def _new_page(browser, height: int = 1000):
    page = browser.new_page(viewport={"width": 1600, "height": height})
    dialogs: list[str] = []

    def on_dialog(d):
        dialogs.append(f"{d.type}: {d.message}")
        d.dismiss()

    page.on("dialog", on_dialog)
    page.js_dialogs = dialogs
    return page


def _login_form(page):
    page.get_by_role("heading", name="Masuk ke Talenta ASN").wait_for(timeout=60_000)


def _submit(page, username: str, password: str) -> None:
    page.get_by_label("Nama pengguna").fill(username)
    page.get_by_label("Kata sandi").fill(password)
    page.get_by_role("button", name="Masuk", exact=True).click()
    wait_idle(page)


def _log_in(page, username: str) -> None:
    _login_form(page)
    _submit(page, username, PASSWORD)
    page.locator(NAV).wait_for(timeout=60_000)  # the navigation exists only once logged in


def _nav(page, title: str) -> None:
    page.locator(NAV).get_by_role("link", name=title, exact=True).click()
    wait_idle(page)


def _no_injection(page) -> None:
    assert page.js_dialogs == []
    assert page.locator("img[src='x']").count() == 0


_DOT_PX = """() => {
    const gd = document.querySelector("[data-testid='stPlotlyChart'] .js-plotly-plot");
    const fl = gd._fullLayout;
    const dots = gd._fullData.filter(t => t.type === 'scattergl' && t.visible !== false);
    const pts = dots.flatMap(t => Array.from(t.x, (x, i) => [x, t.y[i], t.customdata[i][0]]));
    const r = gd.querySelector('.nsewdrag').getBoundingClientRect();
    return pts.map(([x, y, nip]) => ({nip, x: r.left + fl.xaxis.l2p(x), y: r.top + fl.yaxis.l2p(y)}));
}"""


def _grid_cells(grid) -> list[list[str]]:
    """Text of the data grid's accessible table (the visible part of the canvas grid)."""
    wait_grid_text(grid)
    return grid.evaluate("""g => [...g.querySelectorAll("table[role='grid'] tbody tr")].map(
        r => [...r.querySelectorAll('td')].map(c => c.textContent))""")


# -- tests ----------------------------------------------------------------------------
def test_deep_link_on_fresh_server_asks_for_login(browser, fresh):
    url, _ = fresh
    page = _new_page(browser)
    page.goto(f"{url}/sembilan-kotak?kotak=9")  # the very first request this server sees
    wait_idle(page)
    _login_form(page)
    assert page.locator(CHART).count() == 0
    assert page.locator("[data-testid='stDataFrame']").count() == 0
    assert page.locator(NAV).count() == 0  # nothing to navigate to before login
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "login-deep-link.png"), full_page=True)
    # no "page not found" modal: every path shows the login form while logged out
    assert page.get_by_role("dialog").filter(has_text="Page not found").count() == 0
    page.screenshot(path=str(ARTIFACTS / "login.png"), full_page=True)

    _log_in(page, "admin")
    # after login the page the link asked for opens, with its filters
    page.wait_for_selector(f"{CHART} .main-svg", timeout=60_000)
    assert page.get_by_role("heading", name="Sembilan Kotak").count() >= 1
    page.get_by_text("Kotak 9 ·").first.wait_for(timeout=30_000)
    _no_injection(page)
    page.close()


def test_markup_name_is_text_in_table_hover_and_profile(browser, served):
    url, exp = served
    page = _new_page(browser)
    page.goto(url)
    wait_idle(page)
    _log_in(page, "admin")
    _nav(page, "Sembilan Kotak")
    page.wait_for_selector(f"{CHART} .main-svg", timeout=60_000)

    search = page.get_by_label("Cari nama atau NIP")
    search.fill("onerror")
    search.press("Enter")
    wait_idle(page)
    assert "cari=onerror" in page.url
    _no_injection(page)

    # (a) the drill-down table of box 9: one row, the name as typed (read from the grid's aria table)
    page.locator(".st-key-kotak").get_by_role("radio", name="9", exact=True).click()
    wait_idle(page)
    assert page.get_by_role("heading", name=re.compile(r"^Kotak 9 · 1 ASN")).count() == 1
    grid = page.locator("[data-testid='stDataFrame']").first
    grid.scroll_into_view_if_needed()
    rows = _grid_cells(grid)
    assert len(rows) == 1
    assert EVIL in rows[0] and exp["evil_nip"] in rows[0]
    _no_injection(page)

    # (b) hover over the only dot: the hover card shows the name as typed
    chart = page.locator(CHART).first
    chart.scroll_into_view_if_needed()
    page.wait_for_timeout(300)
    dots = page.evaluate(_DOT_PX)
    assert [d["nip"] for d in dots] == [exp["evil_nip"]]
    x, y = dots[0]["x"], dots[0]["y"]
    page.mouse.move(x - 30, y - 30)
    page.mouse.move(x, y, steps=5)
    hover = page.locator(f"{CHART} .hoverlayer .hovertext")
    hover.first.wait_for(timeout=10_000)
    assert EVIL in hover.first.text_content()
    _no_injection(page)

    # (c) a click on the dot opens the profile, whose header is the name as typed
    page.mouse.click(x, y)
    wait_idle(page)
    dialog = page.locator("[data-testid='stDialog']")
    dialog.wait_for(timeout=30_000)
    dialog.locator("h3").first.wait_for(timeout=30_000)
    assert dialog.locator("h3").first.inner_text() == EVIL
    assert f"NIP {exp['evil_nip']}" in dialog.inner_text()
    _no_injection(page)
    page.mouse.move(5, 5)
    page.wait_for_timeout(300)
    page.screenshot(path=str(ARTIFACTS / "xss-profile.png"))
    page.close()


def test_operator_sees_only_own_opd(browser, served):
    url, exp = served
    page = _new_page(browser)
    page.goto(url)
    wait_idle(page)
    _log_in(page, "op.dinkes")
    page.wait_for_selector(f"{CHART} .main-svg", timeout=60_000)  # Beranda, the default page
    asn = page.locator("[data-testid='stMetric']").filter(has_text="Jumlah ASN") \
        .locator("[data-testid='stMetricValue']").inner_text()
    assert asn == f"{exp['dinkes_asn']:,}".replace(",", ".")

    page.locator("[data-testid='stSidebar'] .st-key-opd").click()
    page.get_by_role("option").first.wait_for(timeout=10_000)
    assert page.get_by_role("option").all_inner_texts() == ["Dinas Kesehatan"]
    page.keyboard.press("Escape")

    # a link's text is its icon's ligature name, then its title
    links = [t.strip().split("\n")[-1] for t in page.locator(NAV).get_by_role("link").all_inner_texts()]
    assert "Beranda" in links and "Sembilan Kotak" in links
    assert "Impor Data" not in links and "Log Audit" not in links
    page.close()


def test_wrong_password_is_refused_each_time(browser, served):
    url, _ = served
    page = _new_page(browser)
    page.goto(url)
    wait_idle(page)
    _login_form(page)
    for attempt in range(3):
        _submit(page, "admin", f"Salah-Sandi-{attempt}9")
        error = page.locator("[data-testid='stAlert']").filter(has_text=WRONG)
        error.wait_for(timeout=10_000)
        assert error.count() == 1, attempt
        assert page.locator(NAV).count() == 0
    page.close()
