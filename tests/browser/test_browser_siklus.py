"""Real browser: a committee member walks Siklus Talenta at 1366x768 — the funnel, akuisisi, retensi and
penempatan — and records an appointment to a vacant target post through the form; the penempatan
indicators count it. Screenshots of each section go to tests/artifacts/siklus-*.png.
"""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.actions import (
    GRID,
    MAIN,
    chart_drawn,
    login,
    nav,
    new_page,
    open_page,
    settled,
    shot,
    wait_for_rerun,
)
from tests.browser.grids import (
    grid_rows,
)

FILLED = re.compile(r"^(\d+) dari (\d+) jabatan target yang diisi$")


@pytest.fixture(scope="module")
def served(served_copy):
    with served_copy("demo", users=[("komite1", "komite")], name="served-siklus.duckdb") as (url, _):
        yield url


def _tab(page: Page, name: str) -> None:
    page.get_by_role("tab", name=name).click()
    expect(page.get_by_role("tab", name=name)).to_have_attribute("aria-selected", "true")
    settled(page)


def _filled(page: Page) -> tuple[int, int]:
    """(filled from the pool, target posts filled): the first indicator's base, as the page writes it."""
    caption = page.locator(MAIN).get_by_text(FILLED).first
    expect(caption).to_be_visible()
    k, n = FILLED.match(caption.inner_text().strip()).groups()
    return int(k), int(n)


def test_walk_the_cycle_and_record_an_appointment(browser, served):
    page = open_page(new_page(browser, 1366, 768), served, "masuk")   # demo mode: "Masuk (admin)"
    login(page, "komite1")
    nav(page, "Siklus Talenta")
    expect(page.get_by_role("heading", name="Siklus Talenta · 2025")).to_be_visible()
    chart_drawn(page)
    bars = page.locator("[data-testid='stPlotlyChart'] text.bartext")
    expect(bars.first).to_be_visible()
    texts = bars.evaluate_all("els => els.map(e => e.textContent)")
    assert len(texts) == 6 and all(" dari " in x for x in texts[1:]), texts   # each share names its base
    expect(page.get_by_role("button", name="Monev (Excel)")).to_be_visible()
    settled(page)
    shot(page, "siklus-1-corong.png")

    _tab(page, "Akuisisi")
    expect(page.get_by_role("heading", name="Usulan kuota CACT")).to_be_attached()
    page.get_by_role("heading", name="Kebutuhan talenta per jenjang dan bidang").scroll_into_view_if_needed()
    shot(page, "siklus-2-akuisisi.png")

    _tab(page, "Retensi")
    heading = page.get_by_role("heading", name="Register kelompok talenta")
    expect(heading).to_be_visible()
    heading.scroll_into_view_if_needed()
    shot(page, "siklus-3-retensi.png")

    _tab(page, "Penempatan")
    from_pool, filled = _filled(page)
    post = page.locator(".st-key-siklus_pl_post")
    post.scroll_into_view_if_needed()
    settled(page)
    post.click()
    page.get_by_role("option", name=re.compile(r" · lowong$")).first.click()
    person = page.locator("[class*='st-key-siklus_pl_person_']")
    wait_for_rerun(page, person)
    person.click()
    option = page.get_by_role("option", name=re.compile(r" · Siap Sekarang$")).first
    name = option.inner_text().rsplit(" · ", 1)[0]
    option.click()
    page.locator(".st-key-siklus_pl_date [role='spinbutton']").first.click()
    page.keyboard.type("03112025")       # day, month, year: the segments move on by themselves
    expect(page.locator(".st-key-siklus_pl_date input[type='date']")).to_have_value("2025-11-03")
    page.locator(".st-key-siklus_pl_sk input").fill("800/321/BKPSDM/2025")
    page.locator(".st-key-siklus_pl_how").get_by_text("Kelompok talenta", exact=True).click()
    page.get_by_role("button", name="Catat pengangkatan").click()
    wait_for_rerun(page, lambda: expect(page.locator(MAIN).get_by_text(
        f"{from_pool + 1} dari {filled + 1} jabatan target yang diisi").first).to_be_attached())
    _tab(page, "Penempatan")
    grid = page.locator("[role='tabpanel']:visible").locator(GRID).first     # the period's appointments
    rows = grid_rows(grid, until="(rows, name) => rows.some(r => r['Nama'] === name)", arg=name)
    row = next(r for r in rows if r["Nama"] == name)
    assert (row["Cara pengisian"], row["Kesiapan saat diangkat"]) == ("Kelompok talenta", "Siap Sekarang"), row
    grid.scroll_into_view_if_needed()
    shot(page, "siklus-4-penempatan.png")
    page.close()
