"""Real browser: the served demo app shows the 9-box with the engine's counts."""
from __future__ import annotations

import shutil

import pytest

from analytics.engine import STATUS_PLACED, place
from data.store import Filters, open_store
from tests.browser.support import ARTIFACTS, serve, wait_idle

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def served(demo_db, tmp_path_factory):
    db = tmp_path_factory.mktemp("served") / "served.duckdb"
    shutil.copy(demo_db, db)
    s = open_store(db, read_only=True)
    placed = place(s.population(2025), s.rules(2025))
    dinkes_2024 = s.headline(2024, Filters(opd_ids=("DINKES",)))
    s.close()
    with serve(db) as url:
        yield url, placed, dinkes_2024


def test_beranda_shows_ninebox_counts(browser, served):
    url, placed, _ = served
    page = browser.new_page(viewport={"width": 1600, "height": 1000})
    page.goto(url)
    wait_idle(page)
    page.wait_for_selector("[data-testid='stPlotlyChart'] .main-svg", timeout=60_000)
    assert page.get_by_text("Data sintetis").first.is_visible()
    grid_text = page.locator("[data-testid='stPlotlyChart']").first.inner_text()
    counts = placed.loc[placed["status"] == STATUS_PLACED, "kotak"].value_counts()
    for box in range(1, 10):
        assert f"{counts.get(box, 0):,}".replace(",", ".") in grid_text
    metrics = page.locator("[data-testid='stMetricValue']").all_inner_texts()
    assert "1.152 / 1.152" in metrics
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "beranda.png"), full_page=True)
    page.close()


def test_deep_link_restores_filters(browser, served):
    url, _, dinkes_2024 = served
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    # multiselect values travel in the URL as their displayed labels
    page.goto(f"{url}/beranda?periode=2024&opd=Dinas+Kesehatan")
    wait_idle(page)
    page.wait_for_selector("[data-testid='stPlotlyChart'] .main-svg", timeout=60_000)
    assert "sesuai saringan" in page.locator("[data-testid='stMain'] [data-testid='stCaptionContainer']").first.inner_text()
    assert "Periode 2024" in page.locator("[data-testid='stMain'] [data-testid='stCaptionContainer']").first.inner_text()
    metrics = page.locator("[data-testid='stMetricValue']").all_inner_texts()
    assert metrics[0] == f"{dinkes_2024['asn']:,}".replace(",", ".")
    page.close()
