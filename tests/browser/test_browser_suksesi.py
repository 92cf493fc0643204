"""Real browser: open a vacant target post on Suksesi and compare two candidates.

An admin logs in, opens Suksesi from the sidebar, picks a vacant JPT Pratama post, reads the ranked
shortlist from the grid's accessible table, and sees the overlaid radar: the target standard plus one
trace per compared candidate, with both names in the legend.
"""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.actions import (
    CHART,
    GRID,
    choose,
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

POST = "Lowong · Kepala Dinas Pariwisata, Pemuda dan Olahraga · JPT Pratama"

_TRACES = """() => {
    const gd = [...document.querySelectorAll("[data-testid='stPlotlyChart'] .js-plotly-plot")]
        .find(g => g._fullData && g._fullData.some(t => t.type === 'scatterpolar'));
    return gd ? gd._fullData.map(t => ({name: t.name, type: t.type, n: t.r.length})) : null;
}"""


@pytest.fixture(scope="module")
def served(served_copy):
    with served_copy("real", users=[("admin", "admin")]) as (url, _):
        yield url


def test_open_vacant_post_and_compare_two_candidates(browser, served):
    page = open_page(new_page(browser, 1500, 1100), served)
    login(page, "admin")
    nav(page, "Suksesi")
    expect(page.get_by_role("heading", name="Daftar pendek")).to_be_visible()

    choose(page, "suk_post", POST)
    expect(page.locator(".st-key-suk_post input")).to_have_value(POST)
    # the post's comparison picker appears once the rerun for that post ran
    picked = page.locator(".st-key-suk_cmp_TP-023")
    wait_for_rerun(page, picked)

    shot(page, "suksesi-top.png")
    rows = grid_rows(page.locator(GRID).first)  # the shortlist comes first
    assert len(rows) >= 2, rows
    first, second = rows[0]["Nama"], rows[1]["Nama"]
    # the one-line reason stands next to the name (the checks' reasons are further right, off the grid's view)
    assert "Siap Sekarang" in rows[0]["Kesiapan"] and rows[0]["Alasan urutan"].startswith("Siap Sekarang · ")

    expect(picked).to_contain_text(first)            # two candidates compared by default
    expect(picked).to_contain_text(second)
    page.locator(CHART).first.scroll_into_view_if_needed()
    page.wait_for_function(f"(() => {{ const t = ({_TRACES})(); return t && t.length === 3; }})")
    settled(page)
    traces = page.evaluate(_TRACES)
    assert [t["type"] for t in traces] == ["scatterpolar"] * 3
    assert traces[0]["name"] == "Standar JPT Pratama"
    assert {traces[1]["name"], traces[2]["name"]} == {first, second}
    legend = page.locator(f"{CHART} .legendtext")
    for name in (first, second):                     # both names visible on the chart
        expect(legend.filter(has_text=re.compile(rf"^{re.escape(name)}$")).first).to_be_attached()
    shot(page, "suksesi.png")
    page.get_by_role("heading", name="Pensiun dalam beberapa tahun ke depan").scroll_into_view_if_needed()
    shot(page, "suksesi-bench.png")
    page.close()
