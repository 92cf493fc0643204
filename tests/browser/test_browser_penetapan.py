"""Real browser: the chair opens *Penetapan periode* on Kalibrasi, reads the breaches, cannot finalise
before ticking the acknowledgement that names them, finalises, and downloads the berita acara.

Login lives in the websocket session: after logging in, move with the sidebar links, never page.goto."""
from __future__ import annotations

import re

from docx import Document
from playwright.sync_api import expect

from data.store import open_store
from tests.browser.actions import login, nav, new_page, open_page, reran, settled, shot
from tests.conftest import placed_people


def _prepare(db) -> dict:
    """One person moved 5 → 9 with a reason and comment; their name."""
    s = open_store(db)
    try:
        placed = placed_people(s, 2025)
        person = placed.loc[placed["kotak"] == 5].iloc[0]
        s.calibrate(2025, person["nip"], 5, 9, "BUKTI_POTENSI", "Hasil assessment center 2025", "ketua1")
        return {"nama": person["nama"]}
    finally:
        s.close()


def test_chair_acknowledges_breaches_finalises_and_downloads_the_minutes(browser, served_copy, tmp_path):
    with served_copy("real", users=[("ketua1", "ketua")], prepare=_prepare,
                     name="served-penetapan.duckdb") as (url, moved):
        page = new_page(browser, 1400, 1100)
        open_page(page, url)
        login(page, "ketua1")
        nav(page, "Kalibrasi")
        section = page.get_by_test_id("stExpander").filter(has_text="Penetapan periode")
        with reran(page):
            section.get_by_text("Penetapan periode", exact=True).click()
        warning = section.get_by_text(re.compile(r"penyimpangan.*akan ikut ditetapkan"))
        expect(warning).to_be_visible()
        expect(section.get_by_text(re.compile(r"OPD belum ada satu pun ASN-nya yang dibahas")).first).to_be_visible()
        button = section.get_by_role("button", name="Tetapkan periode 2025")
        expect(button).to_be_disabled()
        ack = section.get_by_text(re.compile(r"^Saya memahami dan menyetujui penetapan beserta penyimpangan berikut"))
        expect(ack).to_contain_text("Belum ada yang dibahas di kotak")
        with reran(page):
            ack.click()
        expect(button).to_be_enabled()
        shot(page, "kalibrasi-penetapan-review.png", full_page=True)
        button.click()
        expect(page.get_by_text("Riwayat penetapan")).to_be_visible()
        settled(page)
        with page.expect_download() as info:
            page.get_by_role("button", name="Unduh berita acara penetapan (docx)").click()
        path = tmp_path / "berita-acara.docx"
        info.value.save_as(path)
        assert info.value.suggested_filename == "berita-acara-penetapan-2025.docx"
        doc = Document(str(path))
        text = "\n".join([p.text for p in doc.paragraphs] + [c.text for t in doc.tables for r in t.rows
                                                             for c in r.cells])
        assert "Berita Acara Penetapan Hasil Pemetaan Talenta" in text
        assert moved["nama"] in text and "Hasil assessment center 2025" in text
        assert "( Pengguna ketua1 )" in text
        shot(page, "kalibrasi-penetapan-locked.png", full_page=True)
        page.close()
