"""Real browser: the Pengembangan page — from a heatmap cell (chosen with the OPD + competency
selector under the heatmap, since heatmaps send no click events) to the people behind it.

Expected numbers come from analytics/development.py on the same database copy the server uses,
computed before the server opens it. Screenshots of the page go to tests/artifacts/.
"""
from __future__ import annotations

import re
import shutil

import pytest

from analytics import development as dv
from analytics.engine import place
from data.store import open_store
from tests.browser.support import ARTIFACTS, serve, wait_idle, wait_grid_text

pytestmark = pytest.mark.browser

OPD, OPD_NAME = "DINKES", "Dinas Kesehatan"
KODE, KODE_NAME = "k_pengambilan_keputusan", "Pengambilan Keputusan"


@pytest.fixture(scope="module")
def served(demo_db, tmp_path_factory):
    db = tmp_path_factory.mktemp("served_dev") / "served.duckdb"
    shutil.copy(demo_db, db)
    s = open_store(db)
    try:
        pop, rules = s.population(2025), s.rules(2025)
        min_group = int(s.setting("kelompok_minimal"))
        people = dv.cell_people(pop, rules.skj, KODE, OPD, "opd_id", min_group, rules.skj_codes())
        # a few 2024 actions, so that the closing-the-loop table has rows to show
        before = place(s.population(2024), s.rules(2024))
        for nip in before.loc[before["kotak"] == 5, "nip"].head(12):
            s.add_development_action(2024, nip, "coaching", "Coaching pengambilan keputusan", "uji")
    finally:
        s.close()
    with serve(db) as url:
        yield url, people


def test_heatmap_cell_to_its_people(browser, served):
    url, people = served
    page = browser.new_page(viewport={"width": 1600, "height": 1000})
    page.goto(f"{url}/pengembangan")
    wait_idle(page)
    page.wait_for_selector("[data-testid='stPlotlyChart'] .main-svg", timeout=60_000)
    for key, option in (("dev_opd", OPD_NAME), ("dev_kode", KODE_NAME)):
        page.locator(f".st-key-{key} input").click()
        page.keyboard.type(option)                       # the option list is virtual: filter it first
        page.get_by_role("option", name=option, exact=True).click()
        wait_idle(page)
    heading = page.locator("h4", has_text=f"{OPD_NAME} · {KODE_NAME}").inner_text()
    m = re.search(r": ([\d.]+) ASN dinilai, ([\d.]+) di bawah standar", heading)
    assert m, heading
    assert int(m.group(1).replace(".", "")) == len(people) > 0
    assert int(m.group(2).replace(".", "")) == int((people["selisih"] < 0).sum())
    frame = page.locator(".st-key-dev_drill_box [data-testid='stDataFrame']")
    frame.scroll_into_view_if_needed()
    wait_grid_text(frame)
    grid = frame.locator("table[role='grid']")
    assert int(grid.get_attribute("aria-rowcount")) - 1 == len(people)
    first = grid.locator("tbody tr[aria-rowindex='2'] td[aria-colindex='1']").inner_text()
    assert first == people["nip"].iloc[0]                                 # worst gap first, as in analytics

    # the IDP draft of the worst gap in the cell (the selectbox lists the cell's people)
    page.locator(f".st-key-dev_person_{OPD}_{KODE} input").click()
    page.keyboard.type(people["nama"].iloc[0])
    page.get_by_role("option").first.click()
    wait_idle(page)
    assert f"NIP {people['nip'].iloc[0]}" in page.locator("[data-testid='stMain']").inner_text()

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    content = page.locator("[data-testid='stMainBlockContainer']").evaluate("e => e.scrollHeight")
    page.set_viewport_size({"width": 1600, "height": min(4000, content + 120)})
    page.wait_for_timeout(600)
    page.screenshot(path=str(ARTIFACTS / "pengembangan.png"), full_page=True)
    for tab, name in (("JPM & kebutuhan pelatihan", "pengembangan-jpm.png"),
                      ("Cakupan profiling", "pengembangan-profiling.png"), ("Tindakan & hasil", "pengembangan-hasil.png")):
        page.set_viewport_size({"width": 1600, "height": 1000})
        page.get_by_role("tab", name=tab).click()
        wait_idle(page)
        page.wait_for_timeout(400)
        page.screenshot(path=str(ARTIFACTS / name), full_page=True)
    assert "Naik kotak: dengan tindakan 2024" in page.locator("[data-testid='stMain']").inner_text()
    page.close()
