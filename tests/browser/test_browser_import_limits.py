"""Real browser: on Impor Data, a 5 KB workbook with one cell at XFD1048576 (which used to abort the
server) is refused in Indonesian and the server keeps serving; a 60 MB file (above our 50 MB
setting, under Streamlit's 200 MB) gets our Indonesian sentence, not Streamlit's English one."""
from __future__ import annotations

from playwright.sync_api import expect

from tests.browser.actions import chart_drawn, login, nav, new_page, open_page, wait_for_rerun
from tests.data.test_read_limits import MSG_DIED, SPARSE_UNDECLARED


def test_hostile_and_oversized_uploads_are_refused_and_the_server_stays_up(browser, served_copy, tmp_path):
    sparse = tmp_path / "jarang.xlsx"
    sparse.write_bytes(SPARSE_UNDECLARED)
    big = tmp_path / "besar.csv"
    big.write_bytes((b"NIP;Nama\r\n" + b"198609262015051001;Siti Aminah\r\n" * (2 << 20))[:60 << 20])
    with served_copy("demo", users=[("admin", "admin")], name="served-impor-batas.duckdb") as (url, _):
        page = open_page(new_page(browser, 1400, 1100), url, "masuk")
        login(page, "admin")
        nav(page, "Impor Data")
        uploader = page.locator("[data-testid='stFileUploader'] input[type='file']")
        uploader.set_input_files(str(sparse))
        wait_for_rerun(page, page.get_by_text(MSG_DIED))
        uploader.set_input_files(str(big))
        wait_for_rerun(page, page.get_by_text(
            "Berkas 'besar.csv' berukuran 60 MB, di atas batas unggah 50 MB: impor berkas sebesar itu lewat "
            "perintah python -m data import di server, atau bagi berkasnya."))
        expect(page.get_by_text("or smaller", exact=False)).to_have_count(0)    # Streamlit's own English message
        nav(page, "Beranda")                 # the same server still serves
        chart_drawn(page)
        page.close()
