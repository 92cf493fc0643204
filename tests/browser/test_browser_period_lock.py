"""Real browser: on Impor Data → Riwayat & pembatalan, an import of a finalised period is not offered
for undo (with the reason and who can reopen it); an import of an open period still is.

Login lives in the websocket session: after logging in, move with the sidebar links, never page.goto."""
from __future__ import annotations

import re

from playwright.sync_api import expect

from data.importing import pipeline
from data.store import open_store
from tests.browser.actions import login, nav, new_page, open_page, settled, shot
from tests.import_helpers import xlsx


def _prepare(db) -> dict:
    """A performance import of 2025 (then finalised) and one of 2024 (open); their batch ids."""
    s = open_store(db)
    try:
        ids = {}
        for period in (2025, 2024):
            nips = s._frame("SELECT nip FROM asn_period WHERE period = ? ORDER BY nip LIMIT 3", [period])["nip"]
            rows = [["NIP", "Nama", "Predikat Kinerja", "Nilai SKP"]] + [[n, "x", "Baik", None] for n in nips]
            result = pipeline.run(s, xlsx(rows), f"kinerja-{period}.xlsx", period=period, actor="uji")
            assert result.batch_id is not None, result.outcome.messages()
            ids[period] = result.batch_id
        s.finalise_period(2025, "ketua")
        return ids
    finally:
        s.close()


def test_undo_is_not_offered_for_a_finalised_period(browser, served_copy):
    with served_copy("real", users=[("admin", "admin")], prepare=_prepare,
                     name="served-lock.duckdb") as (url, ids):
        page = new_page(browser, 1400, 1100)
        open_page(page, url)
        login(page, "admin")
        nav(page, "Impor Data")
        page.get_by_role("tab", name="Riwayat & pembatalan").click()
        locked = page.get_by_text(
            f"Tidak dapat dibatalkan karena periodenya sudah ditetapkan: #{ids[2025]} · Kinerja (SKP) · 2025. "
            "Admin dapat membuka kembali penetapan periode itu di halaman Kalibrasi.")
        expect(locked).to_be_visible()
        settled(page)
        # the open period's import is the one offered; the finalised one is not among the options
        pick = page.get_by_role("combobox", name="Impor yang dibatalkan")
        expect(pick).to_have_value(re.compile(rf"^#{ids[2024]} · Kinerja \(SKP\) · 2024 · "))
        pick.click()
        options = page.get_by_role("option")
        expect(options).to_have_count(1)
        expect(options.first).to_contain_text(f"#{ids[2024]}")
        page.keyboard.press("Escape")
        shot(page, "impor-undo-locked.png", full_page=True)
        page.close()
