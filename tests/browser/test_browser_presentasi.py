"""Real browser: Mode Presentasi on a projector-sized window, arrow keys, the switch on, no identity shown."""
from __future__ import annotations

import shutil

import pytest

from data.store import open_store
from tests.browser.support import ARTIFACTS, serve, wait_idle

pytestmark = pytest.mark.browser
SLIDE_TITLE = "[data-testid='stMain'] h1"


@pytest.fixture(scope="module")
def served(demo_db, tmp_path_factory):
    db = tmp_path_factory.mktemp("served_pres") / "served-pres.duckdb"
    shutil.copy(demo_db, db)
    s = open_store(db, read_only=True)
    pop = s.population(2025)
    s.close()
    with serve(db) as url:
        yield url, set(pop["nama"]), set(pop["nip"])


def test_presentation_mode_on_a_projector(browser, served):
    url, names, nips = served
    page = browser.new_page(viewport={"width": 1920, "height": 1080})
    page.goto(f"{url}/presentasi")
    wait_idle(page)
    page.wait_for_selector(SLIDE_TITLE, timeout=60_000)
    assert page.locator(SLIDE_TITLE).inner_text().startswith("Talenta ASN")
    assert not page.locator("[data-testid='stSidebar']").is_visible()      # no sidebar, no toolbar
    assert not page.locator("[data-testid='stToolbar']").is_visible()
    switch = page.locator(".st-key-anonim input[type='checkbox']")
    assert switch.is_checked()                                              # identities hidden on entry
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "presentasi-1.png"))

    page.mouse.click(1900, 1060)  # focus the page, not a widget
    page.keyboard.press("ArrowRight")
    wait_idle(page)
    page.wait_for_function("document.querySelector(\"[data-testid='stMain'] h1\").innerText.startsWith('Sembilan')",
                           timeout=30_000)
    page.wait_for_selector("[data-testid='stPlotlyChart'] .main-svg", timeout=60_000)
    assert "slide=2" in page.url
    page.screenshot(path=str(ARTIFACTS / "presentasi-2.png"))
    for _ in range(3):
        page.get_by_role("button", name="Berikutnya").click()
        wait_idle(page)
    assert page.locator(SLIDE_TITLE).inner_text() == "Suksesi Jabatan Lowong"
    page.screenshot(path=str(ARTIFACTS / "presentasi-5.png"))
    text = page.locator("[data-testid='stMain']").inner_text()
    assert not [n for n in names if len(n) >= 8 and n in text] and not [n for n in nips if n in text]
    page.close()
