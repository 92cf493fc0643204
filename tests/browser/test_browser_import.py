"""Real browser: an admin logs in on the demo, uploads a filled-in template on Impor Data, imports
it, and sees the people on Beranda. Login lives in the websocket session: after logging in, move
with the sidebar links, never page.goto."""
from __future__ import annotations

import shutil

import pytest

from tests.browser.support import ARTIFACTS, serve, wait_idle
from tests.conftest import make_user
from tests.import_helpers import filled_personnel_template, new_nips

pytestmark = pytest.mark.browser


def test_template_upload_reaches_beranda(browser, demo_db, tmp_path):
    db = tmp_path / "served-impor.duckdb"
    shutil.copy(demo_db, db)
    nips = new_nips(9)
    upload = tmp_path / "pegawai-baru.xlsx"
    upload.write_bytes(filled_personnel_template(nips))
    make_user(db, "admin", "admin")
    with serve(db) as url:
        page = browser.new_page(viewport={"width": 1400, "height": 1100})
        nav = page.locator("[data-testid='stSidebarNav']")
        page.goto(f"{url}/masuk")  # demo mode: "Masuk (admin)" in the navigation
        wait_idle(page)
        page.get_by_role("heading", name="Masuk ke Talenta ASN").wait_for(timeout=60_000)
        page.get_by_label("Nama pengguna").fill("admin")
        page.get_by_label("Kata sandi").fill("Rahasia-Uji-123")
        page.get_by_role("button", name="Masuk", exact=True).click()
        wait_idle(page)
        nav.get_by_role("link", name="Impor Data", exact=True).click()
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

        nav.get_by_role("link", name="Beranda", exact=True).click()  # a reload would log out
        wait_idle(page)
        page.wait_for_selector("[data-testid='stPlotlyChart'] .main-svg", timeout=60_000)
        metrics = page.locator("[data-testid='stMetricValue']").all_inner_texts()
        assert metrics[0] == "9"                                   # Jumlah ASN
        captions = " ".join(page.locator("[data-testid='stCaptionContainer']").all_inner_texts())
        assert "0 ASN ditempatkan · 9 belum diprofil" in captions  # the 9-box counts them (not yet profiled)
        page.close()
