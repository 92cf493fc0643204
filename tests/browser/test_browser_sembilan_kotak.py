"""Real browser: the Sembilan Kotak page — box click, box-select, deep link, screenshot.

Expected numbers come from the store and the engine on the same database copy the
server uses, computed before the server opens it.
"""
from __future__ import annotations

import re
import shutil
from urllib.parse import parse_qs, urlparse

import duckdb
import pandas as pd
import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from analytics.engine import STATUS_NOT_PROFILED, place
from analytics.positions import plot_positions
from data.store import Filters, open_store
from tests.browser.support import ARTIFACTS, serve, wait_idle, wait_grid_text

pytestmark = pytest.mark.browser

MARKUP_NAME = "<img src=x onerror=alert(1)> **bold**"
DEEP = {"periode": "2024", "opd": "Dinas Kesehatan", "jk": "Perempuan", "kotak": "8"}
CHART = "[data-testid='stPlotlyChart']"


def _placed(s, period: int, filters: Filters = Filters()) -> pd.DataFrame:
    pop = s.population(period, filters)
    return pd.concat([pop, place(pop, s.rules(period)).drop(columns=["nip"])], axis=1)


@pytest.fixture(scope="module")
def served(demo_db, tmp_path_factory):
    """A served copy of the demo data (one box-9 name holds markup) and the engine's answers."""
    db = tmp_path_factory.mktemp("served_nk") / "served.duckdb"
    shutil.copy(demo_db, db)
    s = open_store(db)
    try:
        now = _placed(s, 2025)
        rules = s.rules(2025)
        dinkes = _placed(s, 2024, Filters(opd_ids=("DINKES",)))
    finally:
        s.close()
    markup_nip = now.loc[now["kotak"] == 9, "nip"].iloc[0]
    con = duckdb.connect(str(db))
    con.execute("UPDATE asn SET nama = ?, gelar_depan = NULL, gelar_belakang = NULL WHERE nip = ?",
                [MARKUP_NAME, markup_nip])
    con.close()
    women = dinkes[dinkes["jenis_kelamin"] == "P"]
    expected = {
        "box9": set(now.loc[now["kotak"] == 9, "nip"]),
        "positions": pd.concat([now[["nip", "kotak"]], plot_positions(now, rules)], axis=1),
        "deep_box8": int((women["kotak"] == 8).sum()),
        "deep_unprofiled": int((women["status"] == STATUS_NOT_PROFILED).sum()),
        "markup_nip": markup_nip,
    }
    with serve(db) as url:
        yield url, expected


# -- helpers --------------------------------------------------------------------------
def _open(browser, url: str, height: int = 1000):
    page = browser.new_page(viewport={"width": 1600, "height": height})
    page.goto(url)
    wait_idle(page)
    page.wait_for_selector(f"{CHART} .main-svg", timeout=60_000)
    return page


def _headings(page) -> list[str]:
    return page.locator("[data-testid='stHeading']").all_inner_texts()


def _count(page, pattern: str) -> int:
    """The number in the drill-down subheader, e.g. 'Kotak 9 · (82) ASN'."""
    for h in _headings(page):
        if m := re.fullmatch(pattern, h.strip()):
            return int(m.group(1).replace(".", ""))
    raise AssertionError(f"no heading matching {pattern!r} in {_headings(page)}")


def _drill_grid(page):
    grid = page.locator("[data-testid='stDataFrame']").first  # left column: the drill-down table
    grid.scroll_into_view_if_needed()
    wait_grid_text(grid)
    return grid


def _grid_rows(grid) -> int:
    return int(grid.locator("table[role='grid']").get_attribute("aria-rowcount")) - 1  # minus header


_VISIBLE_ROWS = """g => Object.fromEntries([...g.querySelectorAll('tbody tr[aria-rowindex]')].map(r =>
    [r.getAttribute('aria-rowindex'), Object.fromEntries([...r.querySelectorAll('td[aria-colindex]')].map(
        c => [c.getAttribute('aria-colindex'), c.textContent]))]))"""


def _grid_table(page, grid, rows: int) -> pd.DataFrame:
    """The table's visible columns, every row. The grid is a canvas that keeps only the rows
    in view in its accessibility table, so scroll it a screen at a time and collect."""
    scroller = grid.locator(".dvn-scroller").first
    step = scroller.evaluate("e => e.clientHeight - 70")
    seen: dict[str, dict] = {}
    for i in range(rows * 35 // step + 3):
        scroller.evaluate("(e, top) => { e.scrollTop = top }", i * step)
        if i:  # wait until the accessibility table shows rows not seen yet
            page.wait_for_function(f"([g, seen]) => Object.keys(({_VISIBLE_ROWS})(g)).some(k => !seen.includes(k))",
                                   arg=[grid.element_handle(), list(seen)], timeout=5_000)
        seen.update(grid.evaluate(_VISIBLE_ROWS))
        if len(seen) >= rows:
            break
    scroller.evaluate("e => { e.scrollTop = 0 }")
    return pd.DataFrame.from_dict(seen, orient="index")


def _click_row(page, grid, row: int, row_px: int = 35) -> None:
    """Select a row (0-based) by its row marker, scrolling it into view first."""
    scroller = grid.locator(".dvn-scroller").first
    top = scroller.evaluate("(e, top) => { e.scrollTop = top; return e.scrollTop }", row * row_px)
    page.wait_for_timeout(150)
    canvas = grid.locator("[data-testid='data-grid-canvas']").bounding_box()
    page.mouse.click(canvas["x"] + 15, canvas["y"] + row_px + row * row_px - top + row_px / 2)
    wait_idle(page)


def _tray(page) -> str:
    return page.locator("[data-testid='stMetric']").filter(has_text="ASN tanpa asesmen") \
        .locator("[data-testid='stMetricValue']").inner_text()


def _click_badge(page, box: int) -> None:
    badge = page.locator(f"{CHART} g.scatterlayer g.trace").first \
        .locator("g.textpoint text", has_text=re.compile(rf"^{box}$"))
    bb = badge.bounding_box()
    x, y = bb["x"] + bb["width"] / 2, bb["y"] + bb["height"] / 2
    # the drag layer sits over the markers: click where the badge is, as a user does
    page.mouse.move(x, y)
    page.wait_for_timeout(150)
    page.mouse.click(x, y)
    wait_idle(page)


# -- tests ----------------------------------------------------------------------------
def test_click_box_9_lists_exactly_its_people(browser, served):
    url, exp = served
    page = _open(browser, f"{url}/sembilan-kotak")
    assert "Pilih kotak atau titik" in page.locator("[data-testid='stAlert']").last.inner_text()
    _click_badge(page, 9)
    assert _count(page, r"Kotak 9 · ([\d.]+) ASN") == len(exp["box9"])
    assert parse_qs(urlparse(page.url).query).get("kotak") == ["9"]  # the view is linkable

    grid = _drill_grid(page)
    assert _grid_rows(grid) == len(exp["box9"])
    table = _grid_table(page, grid, len(exp["box9"]))
    assert len(table) == len(exp["box9"]) and set(table["2"]) == exp["box9"]  # column 2 = NIP
    # the markup name is text in the grid (column 1), and nothing was injected into the page
    assert table.set_index("2").loc[exp["markup_nip"], "1"] == MARKUP_NAME
    assert page.locator("img[src='x']").count() == 0

    # the artifact: the whole page (Streamlit scrolls inside, so grow the viewport)
    page.mouse.move(5, 5)
    content = page.locator("[data-testid='stMainBlockContainer']").evaluate("e => e.scrollHeight")
    page.set_viewport_size({"width": 1600, "height": min(4000, content + 120)})
    page.wait_for_timeout(600)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "sembilan-kotak.png"), full_page=True)

    # clicking that person's row opens the profile, whose header shows the name as typed
    page.set_viewport_size({"width": 1600, "height": 1000})
    grid = _drill_grid(page)
    row = int(table.index[table["2"] == exp["markup_nip"]][0]) - 2  # aria-rowindex 1 is the header
    _click_row(page, grid, row)
    dialog = page.locator("[role='dialog']")
    assert dialog.locator("h3").inner_text() == MARKUP_NAME
    assert f"NIP {exp['markup_nip']}" in dialog.inner_text()
    assert page.locator("img[src='x']").count() == 0 and dialog.locator("strong", has_text="bold").count() == 0
    page.screenshot(path=str(ARTIFACTS / "sembilan-kotak-profil.png"))
    page.close()


def test_dot_click_opens_profile_and_box_select_lists_the_dots_inside(browser, served):
    url, exp = served
    page = _open(browser, f"{url}/sembilan-kotak")
    chart = page.locator(CHART).first
    area = chart.locator(".nsewdrag").first.bounding_box()

    def px(x: float, y: float) -> tuple[float, float]:  # data (axes 0..3) → screen
        return area["x"] + x / 3 * area["width"], area["y"] + (1 - y / 3) * area["height"]

    # one click on a dot (the loneliest one, so the click cannot hit a neighbour) → its profile
    pos = exp["positions"].dropna(subset=["x", "y"]).reset_index(drop=True)
    xy = pos[["x", "y"]].to_numpy()
    gap = ((xy[:, None, :] - xy[None, :, :]) ** 2).sum(-1)
    gap[range(len(xy)), range(len(xy))] = 9.0
    lonely = pos.iloc[int(gap.min(1).argmax())]
    page.mouse.move(*px(lonely["x"], lonely["y"]))
    page.wait_for_timeout(150)
    page.mouse.click(*px(lonely["x"], lonely["y"]))
    wait_idle(page)
    dialog = page.locator("[role='dialog']")
    assert f"NIP {lonely['nip']}" in dialog.inner_text()
    page.keyboard.press("Escape")
    dialog.wait_for(state="detached")

    chart.hover()
    page.locator("[data-title='Box Select']").click()
    area = chart.locator(".nsewdrag").first.bounding_box()  # the page may have scrolled

    X0, X1, Y0, Y1 = 1.35, 1.6, 1.3, 1.55  # part of box 5 (centre cell): a few dozen dots
    (x0, y0), (x1, y1) = px(X0, Y1), px(X1, Y0)
    page.mouse.move(x0, y0)
    page.mouse.down()
    page.mouse.move((x0 + x1) / 2, (y0 + y1) / 2, steps=4)
    page.mouse.move(x1, y1, steps=4)
    page.mouse.up()
    wait_idle(page)

    n = _count(page, r"([\d.]+) ASN terpilih")
    # dots strictly inside / touching the dragged rectangle, with 2 px of slack for rounding
    sx, sy = 2 * 3 / area["width"], 2 * 3 / area["height"]

    def inside(pad_x: float, pad_y: float) -> pd.Series:
        return pos["x"].between(X0 - pad_x, X1 + pad_x) & pos["y"].between(Y0 - pad_y, Y1 + pad_y)

    surely, maybe = pos[inside(-sx, -sy)], pos[inside(sx, sy)]
    assert 0 < len(surely) <= n <= len(maybe)
    grid = _drill_grid(page)
    assert _grid_rows(grid) == n
    nips = set(_grid_table(page, grid, n)["2"])
    assert set(surely["nip"]) <= nips <= set(maybe["nip"])
    page.close()


def _until_in_url(page, fragment: str) -> None:
    """Wait until the widget's new value reached the URL (the server has it), then for the rerun."""
    page.wait_for_function("f => decodeURIComponent(location.search).includes(f)", arg=fragment, timeout=30_000)
    wait_idle(page)


def _pick_option(page, key: str, option: str, tries: int = 3) -> None:
    """Pick a multiselect option and wait for it to reach the URL. On a busy machine a click can land
    while a rerun redraws the widget and be lost: then pick it again (never twice once it is in)."""
    for attempt in range(tries):
        page.locator(f".st-key-{key}").click()
        page.get_by_role("option", name=option, exact=True).click()
        page.keyboard.press("Escape")
        try:
            page.wait_for_function("f => decodeURIComponent(location.search).includes(f)", arg=f"{key}=",
                                   timeout=15_000)
            wait_idle(page)
            return
        except PlaywrightTimeout:
            wait_idle(page)
            if attempt == tries - 1:
                raise


def test_deep_link_matches_filters_set_by_hand(browser, served):
    url, exp = served
    # a copied link: multiselect values travel as their displayed labels
    linked = _open(browser, f"{url}/sembilan-kotak?periode=2024&opd=Dinas+Kesehatan&jk=Perempuan&kotak=8")
    linked_box8 = _count(linked, r"Kotak 8 · ([\d.]+) ASN")
    linked_tray = _tray(linked)
    linked.close()

    page = _open(browser, f"{url}/sembilan-kotak")
    sidebar = page.locator("[data-testid='stSidebar']")
    sidebar.locator(".st-key-periode").click()
    page.get_by_role("option", name="2024", exact=True).click()
    _until_in_url(page, "periode=2024")
    for key, option in (("opd", "Dinas Kesehatan"), ("jk", "Perempuan")):
        _pick_option(page, key, option)
    page.locator(".st-key-kotak").get_by_role("radio", name="8", exact=True).click()
    _until_in_url(page, "kotak=8")

    hand_box8, hand_tray = _count(page, r"Kotak 8 · ([\d.]+) ASN"), _tray(page)
    assert (linked_box8, linked_tray) == (hand_box8, hand_tray)
    assert hand_box8 == exp["deep_box8"]
    assert hand_tray == f"{exp['deep_unprofiled']:,}".replace(",", ".")
    # and setting them by hand writes the same link
    query = parse_qs(urlparse(page.url).query)
    assert {k: v[0] for k, v in query.items() if k in DEEP} == DEEP
    page.close()
