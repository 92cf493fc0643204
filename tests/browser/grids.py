"""Shared actions on Streamlit's canvas data grids: read the accessible table the grid keeps beside its
canvas (rows by header, cells by position, its size), wait until it shows what a rerun put in it, and click
a row (the profile side panel opens from one)."""
from __future__ import annotations

import re
from collections.abc import Callable

from playwright.sync_api import Locator, Page, expect

from tests.browser.actions import DIALOG, settled, still


def wait_grid_text(grid: Locator) -> None:
    """Streamlit's canvas data grid fills its accessible table a moment after creating it: wait until
    a cell holds text before reading it. ``grid`` is the stDataFrame locator (or any ancestor)."""
    expect(grid.locator("table[role='grid'] tbody td").first).to_be_attached()
    grid.page.wait_for_function(
        """g => [...g.querySelectorAll("table[role='grid'] tbody td")].some(c => c.textContent.trim())""",
        arg=grid.element_handle())


def expect_grid_size(grid: Locator, rows: int) -> None:
    """The grid holds ``rows`` data rows (aria-rowcount counts the header too)."""
    expect(grid.locator("table[role='grid']")).to_have_attribute("aria-rowcount", str(rows + 1))


def grid_size(grid: Locator) -> int:
    expect(grid.locator("table[role='grid']")).to_be_attached()
    return int(grid.locator("table[role='grid']").get_attribute("aria-rowcount")) - 1


_ROWS = """g => {
    const t = g.querySelector("table[role='grid']");
    const head = [...t.querySelectorAll('thead th')].map(h => h.textContent.trim());
    return [...t.querySelectorAll('tbody tr')].map(r => Object.fromEntries(
        [...r.querySelectorAll('td')].map((c, i) => [head[i] ?? String(i), c.textContent])));
}"""


def grid_rows(grid: Locator, until: str | None = None, arg=None) -> list[dict[str, str]]:
    """The visible rows of a data grid's accessible table, keyed by column header. The canvas grid
    refreshes that table a moment after a rerun changed its data: with ``until`` (a JS function of
    the rows and ``arg`` that states what the rows must show), wait for that before reading."""
    settled(grid.page)   # a rerun still drawing may replace the grid under the scroll
    grid.scroll_into_view_if_needed()
    wait_grid_text(grid)
    if until is not None:
        grid.page.wait_for_function(f"([g, arg]) => ({until})(({_ROWS})(g), arg)",
                                    arg=[grid.element_handle(), arg])
    return grid.evaluate(_ROWS)


def grid_cells(grid: Locator) -> list[list[str]]:
    """Text of the data grid's accessible table (the visible part of the canvas grid), by position."""
    wait_grid_text(grid)
    return grid.evaluate("""g => [...g.querySelectorAll("table[role='grid'] tbody tr")].map(
        r => [...r.querySelectorAll('td')].map(c => c.textContent))""")


def click_row(page: Page, grid: Locator, row: int, row_px: int = 35) -> None:
    """Select a row (0-based) by its row marker, scrolling it into view first."""
    settled(page)
    grid.scroll_into_view_if_needed()
    wait_grid_text(grid)
    scroller = grid.locator(".dvn-scroller").first
    top = scroller.evaluate("(e, top) => { e.scrollTop = top; return e.scrollTop }", row * row_px)
    # the grid draws the scrolled rows: wait until the row is in its accessible table
    page.wait_for_function("([g, i]) => !!g.querySelector(`tbody tr[aria-rowindex='${i}']`)",
                           arg=[grid.element_handle(), row + 2])
    canvas = grid.locator("[data-testid='data-grid-canvas']")
    still(canvas)
    box = canvas.bounding_box()
    page.mouse.click(box["x"] + 15, box["y"] + row_px + row * row_px - top + row_px / 2)


def open_profile(page: Page, grid: Locator, row: int, name: str | Callable[[str], bool] | re.Pattern) -> Locator:
    """Click a grid row that opens the profile side panel; wait until its header shows ``name``
    (text, or a pattern) and the app settled. Returns the dialog."""
    click_row(page, grid, row)
    dialog = page.locator(DIALOG)
    expect(dialog.locator("h3").first).to_have_text(name)
    settled(page)
    return dialog
