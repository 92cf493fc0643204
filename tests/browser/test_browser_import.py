"""Real browser: an admin logs in on the demo, uploads a filled-in template on Impor Data, confirms
that the first real import removes the demo, imports it, and sees the people on Beranda. After logging in, move
with the sidebar links, as a user does."""
from __future__ import annotations

from playwright.sync_api import expect

from tests.browser.actions import chart_drawn, login, nav, new_page, open_page, settled, shot, wait_for_rerun
from tests.import_helpers import filled_personnel_template, new_nips


def test_template_upload_reaches_beranda(browser, served_copy, tmp_path):
    upload = tmp_path / "pegawai-baru.xlsx"
    upload.write_bytes(filled_personnel_template(new_nips(9)))
    with served_copy("demo", users=[("admin", "admin")], name="served-impor.duckdb") as (url, _):
        page = open_page(new_page(browser, 1400, 1100), url, "masuk")  # demo mode: "Masuk (admin)"
        login(page, "admin")
        nav(page, "Impor Data")
        expect(page.get_by_role("heading", name="Impor Data")).to_be_visible()
        page.locator("[data-testid='stFileUploader'] input[type='file']").set_input_files(str(upload))
        wait_for_rerun(page, page.get_by_text("Berkas siap diimpor: 9 baris data kepegawaian periode 2025."))
        # the first real import says what it removes and waits for the confirmation
        expect(page.get_by_text("Impor data nyata pertama menghapus seluruh data peragaan (sintetis):")).to_be_visible()
        submit = page.get_by_role("button", name="Impor", exact=True)
        expect(submit).to_be_disabled()
        page.locator(".st-key-impor_demo_confirm label").click()
        wait_for_rerun(page, lambda: expect(submit).to_be_enabled())
        submit.click()
        wait_for_rerun(page, page.get_by_text("Impor #2 selesai: 9 baris data kepegawaian periode 2025."))
        shot(page, "impor.png", full_page=True)

        nav(page, "Beranda")
        chart_drawn(page)
        settled(page)
        expect(page.locator("[data-testid='stMetricValue']").first).to_have_text("9")   # Jumlah ASN
        # the 9-box counts them (not yet profiled)
        expect(page.locator("[data-testid='stCaptionContainer']").filter(
            has_text="0 ASN ditempatkan · 9 belum diprofil").first).to_be_visible()
        page.close()
