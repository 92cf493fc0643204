"""Real browser: upload a filled-in template on Impor Data, import it, see the people on Beranda."""
from __future__ import annotations

import shutil

import pytest

from tests.browser import ARTIFACTS, CHROMIUM_ARGS, chromium_path, serve, wait_idle
from tests.import_helpers import filled_personnel_template, new_nips

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS, headless=True)
        yield b
        b.close()


def test_template_upload_reaches_beranda(browser, demo_db, tmp_path):
    db = tmp_path / "served-impor.duckdb"
    shutil.copy(demo_db, db)
    nips = new_nips(9)
    upload = tmp_path / "pegawai-baru.xlsx"
    upload.write_bytes(filled_personnel_template(nips))
    with serve(db) as url:
        page = browser.new_page(viewport={"width": 1400, "height": 1100})
        page.goto(f"{url}/impor")
        wait_idle(page)
        page.get_by_role("heading", name="Impor Data").wait_for(timeout=60_000)
        page.locator("[data-testid='stFileUploader'] input[type='file']").set_input_files(str(upload))
        page.get_by_text("Berkas siap diimpor: 9 baris data kepegawaian periode 2025.").wait_for(timeout=60_000)
        wait_idle(page)
        page.get_by_role("button", name="Impor", exact=True).click()
        page.get_by_text("Impor #2 selesai: 9 baris data kepegawaian periode 2025.").wait_for(timeout=60_000)
        wait_idle(page)
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "impor.png"), full_page=True)

        page.goto(f"{url}/beranda")
        wait_idle(page)
        page.wait_for_selector("[data-testid='stPlotlyChart'] .main-svg", timeout=60_000)
        metrics = page.locator("[data-testid='stMetricValue']").all_inner_texts()
        assert metrics[0] == "9"                                   # Jumlah ASN
        captions = " ".join(page.locator("[data-testid='stCaptionContainer']").all_inner_texts())
        assert "0 ASN ditempatkan · 9 belum diprofil" in captions  # the 9-box counts them (not yet profiled)
        page.close()
