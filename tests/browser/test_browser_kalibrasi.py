"""Real browser: one calibration move end to end.

The chair of the talent committee (role ketua) logs in, opens Kalibrasi, finds a box-5 person
with the search box, moves them to box 8 with a reason and a comment, and sees the move on the
chart (ring trace, badge counts), in the metrics and in the calibration record. An admin then
finds the move in the audit log and the person in box 8 on Sembilan Kotak.

After logging in, move with sidebar links, as a user does.
"""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from analytics.engine import place
from data.store import open_store
from tests.browser.actions import (
    GRID,
    HEADING,
    SIDEBAR,
    badge_counts,
    chart_drawn,
    choose,
    login,
    metric,
    nav,
    new_page,
    open_page,
    pick_radio,
    reran,
    search,
    settled,
    shot_whole,
    wait_for_badges,
    wait_for_query,
    wait_for_rerun,
)
from tests.browser.grids import (
    grid_rows,
)
from tests.conftest import widget_token

REASON = "Bukti potensi atau asesmen lain"
COMMENT = "Uji peramban"


def _prepare(db) -> dict:
    """The person to move (box 5, a name the search finds once) and the engine's counts."""
    s = open_store(db)
    try:
        pop = s.population(2025)
        placed = place(pop, s.rules(2025))
        assert s.calibrations(2025).empty
    finally:
        s.close()
    unique = ~pop["nama"].duplicated(keep=False)  # a name the search finds once
    person = pop[(placed["kotak"] == 5) & unique].iloc[0]
    counts = placed["kotak"].value_counts()
    return {"nip": person["nip"], "token": widget_token(db, person["nip"]), "nama": person["nama"],
            "label": f"{person['nama']} · {person['jabatan']}", "box5": int(counts[5]), "box8": int(counts[8])}


@pytest.fixture(scope="module")
def served(served_copy):
    """A copy of real_db with a ketua and an admin; the person to move and the engine's counts."""
    with served_copy("real", users=[("ketua1", "ketua"), ("admin", "admin")], prepare=_prepare,
                     name="served-kal.duckdb") as served:
        yield served


_MOVED = """() => {
    const gd = document.querySelector("[data-testid='stPlotlyChart'] .js-plotly-plot");
    return gd._fullData.filter(t => t.name === 'Dipindah komite').map(t => ({
        x: Array.from(t.x), y: Array.from(t.y), nip: Array.from(t.customdata, c => c[0]),
        symbol: t.marker.symbol, visible: t.visible}));
}"""


def _heading_count(page, pattern: str) -> int:
    """The number in the heading matching ``pattern`` (one group, the whole heading)."""
    heading = page.locator(HEADING).filter(has_text=re.compile(pattern)).first
    expect(heading).to_have_text(re.compile(pattern))
    return int(re.fullmatch(pattern, heading.inner_text().strip()).group(1).replace(".", ""))


# -- the test ---------------------------------------------------------------------------
def test_calibration_move_end_to_end(browser, served):
    url, exp = served
    nip = exp["nip"]
    page = open_page(new_page(browser), url)

    # -- the chair moves one person from box 5 to box 8 -----------------------------------
    login(page, "ketua1")
    nav(page, "Kalibrasi")
    chart_drawn(page)
    before = badge_counts(page)
    assert (before[5], before[8]) == (exp["box5"], exp["box8"])
    expect(metric(page, "Dipindah komite")).to_have_text("0")
    assert page.evaluate(_MOVED) == []

    choose(page, "kal_search", exp["label"], text=exp["nama"])
    wait_for_rerun(page, page.get_by_role("heading", name=exp["nama"], exact=True))
    expect(page.get_by_text(f"NIP {nip}")).to_have_count(1)
    target = page.locator(f".st-key-kal_target_{exp['token']}")
    expect(target.get_by_role("radio", name="5", exact=True)) \
        .to_have_attribute("aria-checked", "true")  # the form opens at the current box
    with reran(page):  # the form is a fragment: the choice reruns it alone
        target.get_by_role("radio", name="8", exact=True).click()
    choose(page, f"kal_reason_{exp['token']}", REASON, text=REASON[:12])  # typing opens the list
    expect(page.locator(f".st-key-kal_reason_{exp['token']} input")).to_have_value(REASON)
    settled(page)
    page.locator(f".st-key-kal_comment_{exp['token']} textarea").fill(COMMENT)
    page.locator(f".st-key-kal_save_{exp['token']}").get_by_role("button", name="Simpan").click()
    # the toast lives a few seconds: look for it before waiting for the rerun (slow on a busy machine)
    expect(page.get_by_text("Tersimpan (kotak 8)").first).to_be_visible()
    # the save reruns the script: wait for its figures below the chart too
    wait_for_rerun(page, lambda: expect(metric(page, "Dipindah komite")).to_have_text("1"))
    page.wait_for_function(f"() => ({_MOVED})().length === 1")

    # metrics: one moved, one discussed (the checkbox is ticked by default)
    expect(metric(page, "Dipindah komite")).to_have_text("1")
    expect(metric(page, "Sudah dibahas")).to_have_text(re.compile(r"^1 "))

    # the chart: a diamond ring on exactly that person, drawn inside box 8 (column 2, row 1)
    [ring] = page.evaluate(_MOVED)
    assert ring["nip"] == [nip] and ring["symbol"] == "diamond-open" and ring["visible"] is True
    assert 2 <= ring["x"][0] < 3 and 1 <= ring["y"][0] < 2, ring
    # ... and their own dot moved with them
    dot = page.evaluate("""nip => {
        const gd = document.querySelector("[data-testid='stPlotlyChart'] .js-plotly-plot");
        for (const t of gd._fullData.filter(t => t.mode === 'markers' && t.type.startsWith('scatter') && t.name !== 'Dipindah komite')) {
            const i = Array.from(t.customdata, c => c[0]).indexOf(nip);
            if (i >= 0) return [t.x[i], t.y[i], t.name];
        }
        return null;
    }""", nip)
    assert dot is not None and abs(dot[0] - ring["x"][0]) < 1e-5 and abs(dot[1] - ring["y"][0]) < 1e-5
    assert dot[2] == "Kotak 8"
    after = wait_for_badges(page, {**before, 5: before[5] - 1, 8: before[8] + 1})
    assert after[8] == before[8] + 1 and after[5] == before[5] - 1
    assert {k: v for k, v in after.items() if k not in (5, 8)} == {k: v for k, v in before.items() if k not in (5, 8)}

    # the calibration record lists the person: box 5 → box 8, with reason, comment and author
    record = page.locator(GRID).filter(has_text="Kotak awal")
    expect(record).to_have_count(1)
    rows = grid_rows(record)
    assert len(rows) == 1, rows
    row = rows[0]
    assert (row["NIP"] if "NIP" in row else row.get("nip")) == nip, row
    assert (row["Kotak awal"], row["Kotak akhir"]) == ("5", "8"), row
    assert row["Alasan"] == REASON and row["Komentar"] == COMMENT and row["Oleh"] == "ketua1", row

    shot_whole(page, "kalibrasi.png")  # the artifact: the whole page

    # -- log out; the admin finds the move in the audit log ---------------------------------
    page.locator(SIDEBAR).get_by_role("button", name="Keluar").click()
    login(page, "admin")
    nav(page, "Log Audit")
    expect(page.get_by_role("heading", name="Log Audit")).to_be_visible()
    choose(page, "audit_action", "Kalibrasi")
    rows = grid_rows(page.locator(GRID).first, until="rows => rows.every(r => r.Tindakan.startsWith('Kalibrasi'))")
    moves = [r for r in rows if r["Tindakan"] == "Kalibrasi: ASN dipindah kotak"]
    assert len(moves) == 1, rows
    assert moves[0]["Pengguna"] == "ketua1" and moves[0]["Objek"] == f"NIP {nip}", moves
    detail = moves[0]["Rincian"]   # in words: the reason by its name, not its code or the stored JSON
    assert "Dari kotak: 5 · Ke kotak: 8 · " in detail, detail
    assert f"Alasan: {REASON}" in detail and f"Komentar: {COMMENT}" in detail, detail
    settled(page)

    # -- Sembilan Kotak counts the person in box 8 -------------------------------------------
    nav(page, "Sembilan Kotak")
    chart_drawn(page)
    assert badge_counts(page)[8] == exp["box8"] + 1
    pick_radio(page, "kotak", "8")
    wait_for_query(page, "kotak", "8")
    assert _heading_count(page, r"Kotak 8 · ([\d.]+) ASN") == exp["box8"] + 1
    search(page, nip)
    expect(page.locator(HEADING).filter(has_text=re.compile(r"^Kotak 8 · "))).to_have_text("Kotak 8 · 1 ASN")
    [row] = grid_rows(page.locator(GRID).first, until="rows => rows.length === 1")
    assert nip in row.values() and "8" in row.values(), row
    page.close()
