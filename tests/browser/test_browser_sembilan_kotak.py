"""Real browser: the Sembilan Kotak page — box click, box-select, deep link, screenshot.

Expected numbers come from the store and the engine on the same database copy the
server uses, computed before the server opens it.
"""
from __future__ import annotations

import re

import duckdb
import pandas as pd
import pytest
from playwright.sync_api import expect

from analytics.engine import STATUS_NOT_PROFILED
from analytics.positions import plot_positions
from data.store import Filters, open_store
from tests.browser.actions import (
    GRID,
    HEADING,
    box_select,
    chart_drawn,
    choose_bound,
    choose_in_sidebar,
    click_box,
    click_point,
    fmt,
    heading_number,
    margins_grown,
    metric,
    new_page,
    open_page,
    pick_radio,
    query,
    settled,
    shot,
    shot_whole,
    to_screen,
    wait_for_query,
)
from tests.browser.grids import (
    expect_grid_size,
    open_profile,
    wait_grid_text,
)
from tests.conftest import placed_people

MARKUP_NAME = "<img src=x onerror=alert(1)> **bold**"
DEEP = {"periode": "2024", "opd": "Dinas Kesehatan", "jk": "Perempuan", "kotak": "8"}


def _prepare(db) -> dict:
    """One box-9 name gets markup; the engine's answers on this copy."""
    s = open_store(db)
    try:
        now = placed_people(s, 2025)
        rules = s.rules(2025)
        key = s.setting("kunci_samaran").encode()   # dots are placed under the installation's secret
        dinkes = placed_people(s, 2024, Filters(opd_ids=("DINKES",)))
    finally:
        s.close()
    markup_nip = now.loc[now["kotak"] == 9, "nip"].iloc[0]
    con = duckdb.connect(str(db))
    con.execute("UPDATE asn SET nama = ?, gelar_depan = NULL, gelar_belakang = NULL WHERE nip = ?",
                [MARKUP_NAME, markup_nip])
    con.close()
    women = dinkes[dinkes["jenis_kelamin"] == "P"]
    return {
        "box9": set(now.loc[now["kotak"] == 9, "nip"]),
        "positions": pd.concat([now[["nip", "kotak"]], plot_positions(now, rules, key)], axis=1),
        "deep_box8": int((women["kotak"] == 8).sum()),
        "deep_unprofiled": int((women["status"] == STATUS_NOT_PROFILED).sum()),
        "markup_nip": markup_nip,
    }


@pytest.fixture(scope="module")
def served(served_copy):
    """A served copy of the demo data (one box-9 name holds markup) and the engine's answers."""
    with served_copy("demo", prepare=_prepare) as (url, expected):
        yield url, expected


# -- helpers --------------------------------------------------------------------------
def _open(browser, url: str, path: str = "sembilan-kotak"):
    page = open_page(new_page(browser), url, path)
    chart_drawn(page)
    return page


def _drill_grid(page):
    grid = page.locator(GRID).first  # left column: the drill-down table
    grid.scroll_into_view_if_needed()
    wait_grid_text(grid)
    return grid


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
                                   arg=[grid.element_handle(), list(seen)])
        seen.update(grid.evaluate(_VISIBLE_ROWS))
        if len(seen) >= rows:
            break
    scroller.evaluate("e => { e.scrollTop = 0 }")
    return pd.DataFrame.from_dict(seen, orient="index")


def _tray(page):
    return metric(page, "ASN tanpa asesmen")


# -- tests ----------------------------------------------------------------------------
def test_click_box_9_lists_exactly_its_people(browser, served):
    url, exp = served
    page = _open(browser, url)
    # the dots chart drawn once: the room its axis labels take was reserved (plotly grew no margin)
    assert margins_grown(chart_drawn(page)) == {"l": 0, "b": 0}
    expect(page.locator("[data-testid='stAlert']").last).to_contain_text("Pilih kotak atau titik")
    click_box(page, 9)
    expect(page.locator(HEADING).filter(has_text=re.compile(r"^Kotak 9 · "))).to_have_text(
        re.compile(rf"^Kotak 9 · {re.escape(fmt(len(exp['box9'])))} ASN$"))
    assert query(page).get("kotak") == ["9"]  # the view is linkable

    grid = _drill_grid(page)
    expect_grid_size(grid, len(exp["box9"]))
    table = _grid_table(page, grid, len(exp["box9"]))
    assert len(table) == len(exp["box9"]) and set(table["2"]) == exp["box9"]  # column 2 = NIP
    # the markup name is text in the grid (column 1), and nothing was injected into the page
    assert table.set_index("2").loc[exp["markup_nip"], "1"] == MARKUP_NAME
    assert page.locator("img[src='x']").count() == 0

    shot_whole(page, "sembilan-kotak.png")  # the artifact: the whole page

    # clicking that person's row opens the profile, whose header shows the name as typed
    grid = _drill_grid(page)
    row = int(table.index[table["2"] == exp["markup_nip"]][0]) - 2  # aria-rowindex 1 is the header
    dialog = open_profile(page, grid, row, MARKUP_NAME)
    expect(dialog).to_contain_text(f"NIP {exp['markup_nip']}")
    assert page.locator("img[src='x']").count() == 0 and dialog.locator("strong", has_text="bold").count() == 0
    shot(page, "sembilan-kotak-profil.png")
    page.close()


def test_dot_click_opens_profile_and_box_select_lists_the_dots_inside(browser, served):
    url, exp = served
    page = _open(browser, url)

    # one click on a dot (the loneliest one, so the click cannot hit a neighbour) → its profile
    pos = exp["positions"].dropna(subset=["x", "y"]).reset_index(drop=True)
    xy = pos[["x", "y"]].to_numpy()
    gap = ((xy[:, None, :] - xy[None, :, :]) ** 2).sum(-1)
    gap[range(len(xy)), range(len(xy))] = 9.0
    lonely = pos.iloc[int(gap.min(1).argmax())]
    click_point(page, *to_screen(page, lonely["x"], lonely["y"]), lonely["nip"])
    dialog = page.locator("[role='dialog']")
    expect(dialog).to_contain_text(f"NIP {lonely['nip']}")
    settled(page)
    page.keyboard.press("Escape")
    expect(dialog).to_have_count(0)
    settled(page)

    X0, X1, Y0, Y1 = 1.35, 1.6, 1.3, 1.55  # part of box 5 (centre cell): a few dozen dots
    area = box_select(page, X0, Y0, X1, Y1)
    # dots strictly inside / touching the dragged rectangle, with 2 px of slack for rounding
    sx, sy = 2 * 3 / area["width"], 2 * 3 / area["height"]

    def inside(pad_x: float, pad_y: float) -> pd.Series:
        return pos["x"].between(X0 - pad_x, X1 + pad_x) & pos["y"].between(Y0 - pad_y, Y1 + pad_y)

    surely, maybe = pos[inside(-sx, -sy)], pos[inside(sx, sy)]
    # the heading names the selection: wait for a count the rectangle allows (the dot clicked above
    # left "1 ASN terpilih" until this rerun)
    allowed = "|".join(re.escape(fmt(k)) for k in range(len(surely), len(maybe) + 1))
    n = heading_number(page, rf"^({allowed}) ASN terpilih$")
    settled(page)
    assert 0 < len(surely) <= n <= len(maybe)
    grid = _drill_grid(page)
    expect_grid_size(grid, n)
    nips = set(_grid_table(page, grid, n)["2"])
    assert set(surely["nip"]) <= nips <= set(maybe["nip"])
    page.close()


def test_deep_link_matches_filters_set_by_hand(browser, served):
    url, exp = served
    box8 = re.compile(rf"^Kotak 8 · {re.escape(fmt(exp['deep_box8']))} ASN$")
    tray = fmt(exp["deep_unprofiled"])
    # a copied link: multiselect values travel as their displayed labels
    linked = _open(browser, url, "sembilan-kotak?periode=2024&opd=Dinas+Kesehatan&jk=Perempuan&kotak=8")
    expect(linked.locator(HEADING).filter(has_text=re.compile(r"^Kotak 8 · "))).to_have_text(box8)
    expect(_tray(linked)).to_have_text(tray)
    linked.close()

    page = _open(browser, url)
    choose_in_sidebar(page, "periode", "2024")
    choose_bound(page, "opd", "Dinas Kesehatan", multi=True, text="Dinas Kesehatan")  # a long list: filter it
    choose_bound(page, "jk", "Perempuan", multi=True)
    pick_radio(page, "kotak", "8")
    wait_for_query(page, "kotak", "8")

    # set by hand, the filters give what the link gives: the engine's numbers
    expect(page.locator(HEADING).filter(has_text=re.compile(r"^Kotak 8 · "))).to_have_text(box8)
    expect(_tray(page)).to_have_text(tray)
    # and setting them by hand writes the same link
    assert {k: v[0] for k, v in query(page).items() if k in DEEP} == DEEP
    page.close()
