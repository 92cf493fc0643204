"""Real browser: a click on a person's name in a table opens their profile (not only the small row marker)."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.actions import (
    DIALOG,
    GRID,
    chart_drawn,
    new_page,
    open_page,
    pick_radio,
    settled,
    still,
    wait_for_query,
)
from tests.browser.grids import (
    grid_rows,
)

ROW_PX = 35


@pytest.fixture(scope="module")
def served(served_copy):
    with served_copy("demo") as (url, _):
        yield url


def click_name(page, grid, row: int = 0, x: int = 90) -> None:
    """Click the ``row``-th row's name cell (the first column, right of the row marker)."""
    settled(page)
    grid.scroll_into_view_if_needed()
    canvas = grid.locator("[data-testid='data-grid-canvas']")
    still(canvas)
    box = canvas.bounding_box()
    page.mouse.click(box["x"] + x, box["y"] + ROW_PX + row * ROW_PX + ROW_PX / 2)


def test_a_name_in_the_box_list_opens_the_profile(browser, served):
    page = open_page(new_page(browser, 1600, 1000), served, "sembilan-kotak")
    chart_drawn(page)
    pick_radio(page, "kotak", "9")
    wait_for_query(page, "kotak", "9")
    grid = page.locator(GRID).first
    first = grid_rows(grid)[0]
    click_name(page, grid)
    dialog = page.locator(DIALOG)
    expect(dialog.locator("h3").first).to_contain_text(first["Nama"])
    page.close()


def test_a_name_in_the_succession_shortlist_opens_the_profile(browser, served):
    page = open_page(new_page(browser, 1600, 1000), served, "suksesi")
    grid = page.locator(GRID).first                     # the shortlist of the first post
    first = grid_rows(grid)[0]
    click_name(page, grid, x=120)   # past the narrow rank column: the name
    expect(page.locator(DIALOG).locator("h3").first).to_contain_text(first["Nama"])
    page.close()
