"""Real browser: the served demo app shows the 9-box with the engine's counts."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

from analytics.engine import STATUS_PLACED, place
from data.store import Filters, open_store
from tests.browser.actions import MAIN, chart_drawn, fmt, margins_grown, new_page, open_page, shot


@pytest.fixture(scope="module")
def served(served_copy):
    def expected(db):
        s = open_store(db, read_only=True)
        try:
            return place(s.population(2025), s.rules(2025)), s.headline(2024, Filters(opd_ids=("DINKES",)))
        finally:
            s.close()
    with served_copy("demo", prepare=expected) as (url, (placed, dinkes_2024)):
        yield url, placed, dinkes_2024


def test_beranda_shows_ninebox_counts(browser, served):
    url, placed, _ = served
    page = open_page(new_page(browser), url)
    chart = chart_drawn(page)
    assert margins_grown(chart) == {"l": 0, "b": 0}   # the labels' room was reserved: one draw
    expect(page.get_by_text("Data sintetis").first).to_be_visible()
    counts = placed.loc[placed["status"] == STATUS_PLACED, "kotak"].value_counts()
    for box in range(1, 10):
        expect(chart).to_contain_text(fmt(counts.get(box, 0)))
    quota = page.locator("[data-testid='stMetric']").filter(has_text="Kuota CACT terpakai")
    expect(quota.locator("[data-testid='stMetricValue']")).to_have_text("1.152")
    expect(quota.locator("[data-testid='stMetricDelta']")).to_have_text("100% dari kuota 1.152")   # its base
    shot(page, "beranda.png", full_page=True)
    page.close()


def test_deep_link_restores_filters(browser, served):
    url, _, dinkes_2024 = served
    # multiselect values travel in the URL as their displayed labels
    page = open_page(new_page(browser, 1400, 900), url, "beranda?periode=2024&opd=Dinas+Kesehatan")
    chart_drawn(page)
    caption = page.locator(f"{MAIN} [data-testid='stCaptionContainer']").first
    expect(caption).to_contain_text("sesuai saringan")
    expect(caption).to_contain_text("Periode 2024")
    expect(page.locator("[data-testid='stMetricValue']").first).to_have_text(fmt(dinkes_2024["asn"]))
    page.close()
