"""Real browser: an admin drops a period's three exports (personnel, performance, assessment) on Impor
Data at once → one report → one click → the 9-box of that period is drawn, with the boxes
the engine gives for the same files imported on a copy of the same database."""
from __future__ import annotations

import re
import shutil

import pytest
from playwright.sync_api import expect

from data.importing.batch import run_drop
from data.store import open_store
from tests.browser.actions import (
    IMPORT_REPORT,
    badge_counts,
    chart_drawn,
    drop_files,
    import_dropped,
    login,
    nav,
    new_page,
    open_page,
)
from tests.conftest import placed_people
from tests.drop_files import write_drop

N_ASN = 300


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    return write_drop(tmp_path_factory.mktemp("drop"), N_ASN, 2025)


def test_drop_three_files_one_click_then_the_ninebox(browser, served_copy, files, tmp_path):
    def expected(db):
        """The same drop imported on a copy of the served database: the boxes the page must draw."""
        scratch = tmp_path / "scratch.duckdb"
        shutil.copy(db, scratch)
        s = open_store(scratch)
        try:
            result = run_drop(s, [(p.name, p) for p in files], actor="uji")
            assert result.drop.ok, result.drop.messages(5)
            placed = placed_people(s, 2025)
        finally:
            s.close()
        return placed["kotak"].dropna().astype(int).value_counts().to_dict()

    with served_copy("demo", users=[("admin", "admin")], prepare=expected, name="served-drop.duckdb") as (url, boxes):
        page = open_page(new_page(browser, 1400, 1100), url, "masuk")
        login(page, "admin")
        nav(page, "Impor Data")
        report = drop_files(page, files)
        expect(report.get_by_text("3 berkas siap diimpor bersama: 702 baris periode 2025.")).to_be_visible()
        expect(page.locator(IMPORT_REPORT)).to_have_count(1)             # one report for the three files
        page.screenshot(path=str(tmp_path / "impor-drop-report.png"), full_page=True)
        done = import_dropped(page)
        # the click went on to Sembilan Kotak of the period, which says what was imported
        expect(page).to_have_url(re.compile(r"/sembilan-kotak(\?.*)?$"))
        expect(done.get_by_text("Impor #2, #3, #4 selesai: 3 berkas")).to_be_visible()
        expect(done.get_by_role("link", name="Riwayat & pembatalan impor di Impor Data")).to_be_visible()
        chart_drawn(page)
        expect(page.locator(".st-key-nk_chart_counts")).to_have_count(0)   # placed by the click: the dots at once
        expect(page.locator(".st-key-periode input")).to_have_value("2025")   # the sidebar's period
        page.screenshot(path=str(tmp_path / "impor-drop.png"), full_page=True)   # to look at, not kept
        drawn = badge_counts(page)
        assert drawn == {k: boxes.get(k, 0) for k in range(1, 10)}
        assert sum(drawn.values()) > 0
        page.screenshot(path=str(tmp_path / "impor-drop-ninebox.png"))
        page.close()
