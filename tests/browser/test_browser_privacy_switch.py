"""Real browser: the anonymisation switch stays on after presentation mode, however the session began.

A launch screen is set up by bookmarking ``/presentasi``: the session's first page is the presentation,
which turns the switch on. Leaving it (Keluar) must not turn it off: box 9's table on Sembilan Kotak
then shows pseudonyms only, until someone allowed to see identities turns the switch off.
"""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from data.store import open_store
from tests.browser.actions import (
    GRID,
    MAIN,
    NAV,
    SIDEBAR,
    chart_drawn,
    nav,
    new_page,
    open_page,
    pick_radio,
    reran,
    wait_for_query,
    wait_for_rerun,
)
from tests.browser.grids import (
    grid_rows,
)

SLIDE_TITLE = f"{MAIN} h1"


@pytest.fixture(scope="module")
def served(served_copy):
    def people(db):
        s = open_store(db, read_only=True)
        try:
            return s.population(2025)
        finally:
            s.close()
    with served_copy("demo", prepare=people) as (url, pop):
        yield url, set(pop["nama"]), set(pop["nip"])


def test_the_switch_stays_on_after_leaving_a_presentation_opened_first(browser, served):
    url, names, nips = served
    page = open_page(new_page(browser, 1600, 1000), url, "presentasi", ready=SLIDE_TITLE)  # the bookmark
    expect(page.locator(f"{MAIN} .st-key-anonim input[type='checkbox']")).to_be_checked()
    with reran(page):
        page.locator("[data-testid='stPageLink'] a").filter(has_text="Keluar").click()
    wait_for_rerun(page, page.locator(NAV))
    switch = page.locator(f"{SIDEBAR} .st-key-anonim input[type='checkbox']")
    expect(switch).to_be_checked()
    nav(page, "Sembilan Kotak")
    chart_drawn(page)
    expect(switch).to_be_checked()
    pick_radio(page, "kotak", "9")
    wait_for_query(page, "kotak", "9")
    rows = grid_rows(page.locator(GRID).first, until="rows => rows.length > 0")
    shown = [cell for row in rows for cell in row.values()]
    assert shown and not [c for c in shown if c in names or c in nips], rows[:3]
    assert any(re.match(r"^ASN [0-9A-Z]{4}-[0-9A-Z]{4}$", c) for c in shown), rows[:3]
    text = page.locator(MAIN).inner_text()
    assert not [n for n in names if len(n) >= 8 and n in text] and not [n for n in nips if n in text]
    expect(switch).to_be_checked()

    # someone allowed turns it off: it stays off from page to page, and on again once turned on
    for on in (False, True):
        with reran(page):
            page.locator(f"{SIDEBAR} .st-key-anonim label").first.click()
        (expect(switch).to_be_checked if on else expect(switch).not_to_be_checked)()
        nav(page, "Suksesi")
        (expect(switch).to_be_checked if on else expect(switch).not_to_be_checked)()
        nav(page, "Sembilan Kotak")
        (expect(switch).to_be_checked if on else expect(switch).not_to_be_checked)()
    page.close()
