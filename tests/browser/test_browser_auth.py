"""Real browser, real (non-synthetic) data: login gate, roles, and markup in names shown as text.

The served database is a copy of ``real_db`` with two users (admin, operator of DINKES) and one
box-9 person renamed to an HTML payload. After logging in every move is a sidebar link or a
widget, as a user moves (a reload keeping the login is tests/browser/test_session_reload.py).
"""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from analytics.engine import place
from data.store import Scope, open_store
from tests.browser.actions import (
    CHART,
    GRID,
    NAV,
    SIDEBAR,
    chart_drawn,
    click_point,
    fmt,
    login,
    login_form,
    metric,
    nav,
    new_page,
    open_page,
    pick_radio,
    reran,
    search,
    settled,
    shot,
    steady,
    submit_login,
    to_screen,
    wait_for_rerun,
)
from tests.browser.grids import (
    grid_cells,
)

EVIL = "<img src=x onerror=alert(1)>"
WRONG = "Nama pengguna atau kata sandi salah, atau terlalu banyak percobaan gagal dari perangkat ini."
USERS = [("admin", "admin"), ("op.dinkes", "operator", "DINKES")]


def _prepare(db) -> dict:
    """Plant the evil name on a box-9 person of the copy; the expected numbers."""
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
    return {"evil_nip": evil_nip, "dinkes_asn": dinkes_asn}


@pytest.fixture(scope="module")
def served(served_copy):
    with served_copy("real", users=USERS, prepare=_prepare, name="served-auth.duckdb") as served:
        yield served


@pytest.fixture
def fresh(served_copy):
    """A server nobody has talked to yet (its own copy: DuckDB allows one writer per file)."""
    with served_copy("real", users=USERS, prepare=_prepare, name="fresh-auth.duckdb") as served:
        yield served


# -- helpers --------------------------------------------------------------------------
def _new_page(browser, height: int = 1000):
    return new_page(browser, 1600, height, watch_dialogs=True)


def _no_injection(page) -> None:
    assert page.js_dialogs == []
    assert page.locator("img[src='x']").count() == 0


_DOTS = """() => {  // every dot of the scatter: its data position and its NIP
    const gd = document.querySelector("[data-testid='stPlotlyChart'] .js-plotly-plot");
    if (!gd || !gd._fullData) return null;
    const dots = gd._fullData.filter(t => t.mode === 'markers' && t.type.startsWith('scatter') && t.visible !== false);
    return dots.flatMap(t => Array.from(t.x, (x, i) => ({nip: t.customdata[i][0], x, y: t.y[i]})));
}"""


# -- tests ----------------------------------------------------------------------------
def test_deep_link_on_fresh_server_asks_for_login(browser, fresh):
    url, _ = fresh
    page = open_page(_new_page(browser), url, "sembilan-kotak?kotak=9")  # the very first request this server sees
    login_form(page)
    expect(page.locator(CHART)).to_have_count(0)
    expect(page.locator(GRID)).to_have_count(0)
    expect(page.locator(NAV)).to_have_count(0)  # nothing to navigate to before login
    shot(page, "login-deep-link.png", full_page=True)
    # no "page not found" modal: every path shows the login form while logged out
    expect(page.get_by_role("dialog").filter(has_text="Page not found")).to_have_count(0)
    shot(page, "login.png", full_page=True)

    login(page, "admin")
    # after login the page the link asked for opens, with its filters
    chart_drawn(page)
    expect(page.get_by_role("heading", name="Sembilan Kotak").first).to_be_visible()
    expect(page.get_by_text("Kotak 9 ·").first).to_be_visible()
    _no_injection(page)
    page.close()


def test_markup_name_is_text_in_table_hover_and_profile(browser, served):
    url, exp = served
    page = open_page(_new_page(browser), url)
    login(page, "admin")
    nav(page, "Sembilan Kotak")
    chart_drawn(page)

    search(page, "onerror")  # waits for the rerun (the term is never put in the URL)
    _no_injection(page)

    # (a) the drill-down table of box 9: one row, the name as typed (read from the grid's aria table)
    pick_radio(page, "kotak", "9")
    wait_for_rerun(page, page.get_by_role("heading", name=re.compile(r"^Kotak 9 · ")))
    expect(page.get_by_role("heading", name=re.compile(r"^Kotak 9 · 1 ASN"))).to_have_count(1)
    grid = page.locator(GRID).first
    grid.scroll_into_view_if_needed()
    expect(grid.locator("table[role='grid']")).to_have_attribute("aria-rowcount", "2")
    rows = grid_cells(grid)
    assert len(rows) == 1
    assert EVIL in rows[0] and exp["evil_nip"] in rows[0]
    _no_injection(page)

    # (b) hover over the only dot: the hover card shows the name as typed
    page.locator(CHART).first.scroll_into_view_if_needed()
    dots = steady(page, f"(() => {{ const d = ({_DOTS})(); return d && d.length === 1 ? d : null; }})")
    assert [d["nip"] for d in dots] == [exp["evil_nip"]]
    x, y = to_screen(page, dots[0]["x"], dots[0]["y"])
    page.mouse.move(x - 30, y - 30)
    page.mouse.move(x, y, steps=5)
    hover = page.locator(f"{CHART} .hoverlayer .hovertext").first
    expect(hover).to_contain_text(EVIL)
    _no_injection(page)

    # (c) a click on the dot opens the profile, whose header is the name as typed
    click_point(page, x, y, exp["evil_nip"])
    dialog = page.locator("[data-testid='stDialog']")
    expect(dialog.locator("h3").first).to_have_text(EVIL)
    expect(dialog).to_contain_text(f"NIP {exp['evil_nip']}")
    settled(page)
    _no_injection(page)
    page.mouse.move(5, 5)
    expect(page.locator(f"{CHART} .hoverlayer .hovertext")).to_have_count(0)
    shot(page, "xss-profile.png")
    page.close()


def test_operator_sees_only_own_opd(browser, served):
    url, exp = served
    page = open_page(_new_page(browser), url)
    login(page, "op.dinkes")
    chart_drawn(page)  # Beranda, the default page
    expect(metric(page, "Jumlah ASN")).to_have_text(fmt(exp["dinkes_asn"]))

    page.locator(f"{SIDEBAR} .st-key-opd").click()
    expect(page.get_by_role("option")).to_have_text(["Dinas Kesehatan"])  # the only option
    page.keyboard.press("Escape")

    # a link's text is its icon's ligature name, then its title
    links = [t.strip().split("\n")[-1] for t in page.locator(NAV).get_by_role("link").all_inner_texts()]
    assert "Beranda" in links and "Sembilan Kotak" in links
    assert "Impor Data" not in links and "Log Audit" not in links
    page.close()


def test_wrong_password_is_refused_each_time(browser, served):
    url, _ = served
    page = open_page(_new_page(browser), url)
    login_form(page)
    for attempt in range(3):
        with reran(page):  # the same error again: wait for the rerun itself
            submit_login(page, "admin", f"Salah-Sandi-{attempt}9")
        error = page.locator("[data-testid='stAlert']").filter(has_text=WRONG)
        expect(error).to_have_count(1)
        expect(page.locator(NAV)).to_have_count(0)
    page.close()
