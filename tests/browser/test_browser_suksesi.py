"""Real browser: open a vacant target post on Suksesi and compare two candidates (issue 8).

An admin logs in, opens Suksesi from the sidebar, picks a vacant JPT Pratama post, reads the ranked
shortlist from the grid's accessible table, and sees the overlaid radar: the target standard plus one
trace per compared candidate, with both names in the legend.
"""
from __future__ import annotations

import shutil

import pytest

from tests.browser.support import ARTIFACTS, serve, wait_idle, wait_grid_text
from tests.conftest import make_user

pytestmark = pytest.mark.browser

PASSWORD = "Rahasia-Uji-123"
NAV = "[data-testid='stSidebarNav']"
POST = "Lowong · Kepala Dinas Pariwisata, Pemuda dan Olahraga · JPT Pratama"

_TRACES = """() => {
    const gd = [...document.querySelectorAll("[data-testid='stPlotlyChart'] .js-plotly-plot")]
        .find(g => g._fullData.some(t => t.type === 'scatterpolar'));
    return gd ? gd._fullData.map(t => ({name: t.name, type: t.type, n: t.r.length})) : null;
}"""


@pytest.fixture(scope="module")
def served(real_db, tmp_path_factory):
    db = tmp_path_factory.mktemp("served_suk") / "served-suk.duckdb"
    shutil.copy(real_db, db)
    make_user(db, "admin", "admin")
    with serve(db) as url:
        yield url


def _grid_rows(grid) -> list[dict[str, str]]:
    grid.scroll_into_view_if_needed()
    wait_grid_text(grid)
    return grid.evaluate("""g => {
        const t = g.querySelector("table[role='grid']");
        const head = [...t.querySelectorAll('thead th')].map(h => h.textContent.trim());
        return [...t.querySelectorAll('tbody tr')].map(r => Object.fromEntries(
            [...r.querySelectorAll('td')].map((c, i) => [head[i] ?? String(i), c.textContent])));
    }""")


def test_open_vacant_post_and_compare_two_candidates(browser, served):
    page = browser.new_page(viewport={"width": 1500, "height": 1100})
    page.goto(served)
    page.get_by_role("heading", name="Masuk ke Talenta ASN").wait_for(timeout=60_000)
    page.get_by_label("Nama pengguna").fill("admin")
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk", exact=True).click()
    wait_idle(page)
    page.locator(NAV).get_by_role("link", name="Suksesi", exact=True).click()
    wait_idle(page)
    page.get_by_role("heading", name="Daftar pendek").wait_for(timeout=60_000)

    page.locator(".st-key-suk_post").click()
    page.get_by_role("option", name=POST, exact=True).click()
    wait_idle(page)
    assert page.locator(".st-key-suk_post input").input_value() == POST

    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "suksesi-top.png"))
    rows = _grid_rows(page.locator("[data-testid='stDataFrame']").first)  # the shortlist comes first
    assert len(rows) >= 2, rows
    first, second = rows[0]["Nama"], rows[1]["Nama"]
    assert "Siap Sekarang" in rows[0]["Kesiapan"] and rows[0]["Alasan"]

    picked = page.locator(".st-key-suk_cmp_TP-023").inner_text()
    assert first in picked and second in picked          # two candidates compared by default
    page.locator("[data-testid='stPlotlyChart']").first.scroll_into_view_if_needed()
    page.wait_for_function(f"({_TRACES})() !== null", timeout=30_000)
    traces = page.evaluate(_TRACES)
    assert [t["type"] for t in traces] == ["scatterpolar"] * 3
    assert traces[0]["name"] == "Standar JPT Pratama"
    assert {traces[1]["name"], traces[2]["name"]} == {first, second}
    legend = page.locator("[data-testid='stPlotlyChart'] .legendtext").evaluate_all("els => els.map(e => e.textContent)")
    assert first in legend and second in legend           # both names visible on the chart
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "suksesi.png"))
    page.get_by_role("heading", name="Pensiun dalam beberapa tahun ke depan").scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / "suksesi-bench.png"))
    page.close()
