"""Real browser: Mode Presentasi on a projector-sized window, arrow keys, the switch on, no identity shown.

(Screenshots of every slide: test_browser_presentation_fit.py.)"""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from data.store import open_store
from tests.browser.actions import CHART, MAIN, SIDEBAR, new_page, open_page, settled, wait_for_rerun

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


def test_presentation_mode_on_a_projector(browser, served):
    url, names, nips = served
    page = open_page(new_page(browser, 1920, 1080), url, "presentasi", ready=SLIDE_TITLE)
    title = page.locator(SLIDE_TITLE)
    expect(title).to_have_text(re.compile(r"^Talenta ASN"))
    expect(page.locator(SIDEBAR)).to_be_hidden()                            # no sidebar, no toolbar
    expect(page.locator("[data-testid='stToolbar']")).to_be_hidden()
    expect(page.locator(".st-key-anonim input[type='checkbox']")).to_be_checked()  # identities hidden on entry

    page.mouse.click(1910, 160)  # focus the page, not a widget (the stage's margin; the controls are at the bottom)
    page.keyboard.press("ArrowRight")
    wait_for_rerun(page, lambda: expect(title).to_have_text(re.compile(r"^Sembilan")),
                   page.locator(f"{CHART} .main-svg"))
    assert "slide=2" in page.url
    for slide in (3, 4, 5):
        shown = title.inner_text()
        page.get_by_role("button", name="Berikutnya").click()
        expect(page).to_have_url(re.compile(rf"[?&]slide={slide}(&|$)"))
        expect(title).not_to_have_text(shown)
        settled(page)
    expect(title).to_have_text("Suksesi Jabatan Lowong")
    text = page.locator(MAIN).inner_text()
    assert not [n for n in names if len(n) >= 8 and n in text] and not [n for n in nips if n in text]
    page.close()
