"""Real browser: the Pengembangan page — from a heatmap cell (chosen with the OPD + competency
selector under the heatmap, since heatmaps send no click events) to the people behind it.

Expected numbers come from analytics/development.py on the same database copy the server uses,
computed before the server opens it. Screenshots of the page go to tests/artifacts/.
"""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from analytics import development as dv
from analytics.engine import place
from data.store import open_store
from tests.browser.actions import (
    MAIN,
    chart_drawn,
    choose,
    fmt,
    new_page,
    open_page,
    reran,
    settled,
    shot,
    shot_whole,
    wait_for_rerun,
)
from tests.browser.grids import (
    expect_grid_size,
    wait_grid_text,
)

OPD, OPD_NAME = "DINKES", "Dinas Kesehatan"
KODE, KODE_NAME = "k_pengambilan_keputusan", "Pengambilan Keputusan"


def _prepare(db):
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
    return people


@pytest.fixture(scope="module")
def served(served_copy):
    with served_copy("demo", prepare=_prepare) as (url, people):
        yield url, people


def test_heatmap_cell_to_its_people(browser, served):
    url, people = served
    page = open_page(new_page(browser), url, "pengembangan")
    chart_drawn(page)
    with reran(page):  # nothing shows the choice until both are made: wait for the rerun itself
        choose(page, "dev_opd", OPD_NAME, text=OPD_NAME)  # the option list is virtual: filter it first
    expect(page.locator(".st-key-dev_opd input")).to_have_value(OPD_NAME)
    choose(page, "dev_kode", KODE_NAME, text=KODE_NAME)
    heading = page.locator("h4", has_text=f"{OPD_NAME} · {KODE_NAME}")
    # the cell's heading: how many were assessed, how many are under the standard (analytics' answer)
    expect(heading).to_contain_text(f": {fmt(len(people))} ASN dinilai, "
                                    f"{fmt(int((people['selisih'] < 0).sum()))} di bawah standar")
    m = re.search(r": ([\d.]+) ASN dinilai, ([\d.]+) di bawah standar", heading.inner_text())
    assert m and int(m.group(1).replace(".", "")) == len(people) > 0
    settled(page)
    frame = page.locator(".st-key-dev_drill_box [data-testid='stDataFrame']")
    frame.scroll_into_view_if_needed()
    wait_grid_text(frame)
    expect_grid_size(frame, len(people))
    first = frame.locator("table[role='grid'] tbody tr[aria-rowindex='2'] td[aria-colindex='1']")
    expect(first).to_have_text(people["nip"].iloc[0])                    # worst gap first, as in analytics

    # the IDP draft of the worst gap in the cell (the selectbox lists the cell's people)
    settled(page)
    page.locator(f".st-key-dev_person_{OPD}_{KODE} input").click()
    page.keyboard.type(people["nama"].iloc[0])
    page.get_by_role("option").first.click()
    wait_for_rerun(page, lambda: expect(page.locator(MAIN)).to_contain_text(f"NIP {people['nip'].iloc[0]}"))

    shot_whole(page, "pengembangan.png")
    for tab, name in (("JPM & kebutuhan pelatihan", "pengembangan-jpm.png"),
                      ("Cakupan profiling", "pengembangan-profiling.png"), ("Tindakan & hasil", "pengembangan-hasil.png")):
        page.get_by_role("tab", name=tab).click()
        expect(page.get_by_role("tab", name=tab)).to_have_attribute("aria-selected", "true")
        settled(page)
        shot(page, name, full_page=True)
    expect(page.locator(MAIN)).to_contain_text("Naik kotak: dengan tindakan 2024")
    page.close()
