"""Real browser: one calibration move end to end (issue 6).

The chair of the talent committee (role ketua) logs in, opens Kalibrasi, finds a box-5 person
with the search box, moves them to box 8 with a reason and a comment, and sees the move on the
chart (ring trace, badge counts), in the metrics and in the calibration record. An admin then
finds the move in the audit log and the person in box 8 on Sembilan Kotak.

Login lives in the websocket session: after logging in, move with sidebar links, never page.goto.
"""
from __future__ import annotations

import json
import re
import shutil

import pytest

from analytics.engine import place
from data.store import open_store
from tests.browser.support import badge_counts, ARTIFACTS, serve, wait_idle, wait_grid_text
from tests.conftest import make_user, widget_token

pytestmark = pytest.mark.browser

PASSWORD = "Rahasia-Uji-123"
CHART = "[data-testid='stPlotlyChart']"
NAV = "[data-testid='stSidebarNav']"
GRID = "[data-testid='stDataFrame']"
REASON = "Bukti potensi atau asesmen lain"
COMMENT = "Uji peramban"


@pytest.fixture(scope="module")
def served(real_db, tmp_path_factory):
    """A copy of real_db with a ketua and an admin; the person to move and the engine's counts."""
    db = tmp_path_factory.mktemp("served_kal") / "served-kal.duckdb"
    shutil.copy(real_db, db)
    make_user(db, "ketua1", "ketua")
    make_user(db, "admin", "admin")
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
    expected = {"nip": person["nip"], "token": widget_token(db, person["nip"]), "nama": person["nama"], "label": f"{person['nama']} · {person['jabatan']}",
                "box5": int(counts[5]), "box8": int(counts[8])}
    with serve(db) as url:
        yield url, expected


# -- helpers --------------------------------------------------------------------------
def _log_in(page, username: str) -> None:
    page.get_by_role("heading", name="Masuk ke Talenta ASN").wait_for(timeout=60_000)
    page.get_by_label("Nama pengguna").fill(username)
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk", exact=True).click()
    wait_idle(page)
    page.locator(NAV).wait_for(timeout=60_000)  # the navigation exists only once logged in


def _nav(page, title: str) -> None:
    page.locator(NAV).get_by_role("link", name=title, exact=True).click()
    wait_idle(page)


def _pick(page, key: str, option: str, text: str | None = None) -> None:
    """Open the selectbox with widget key ``key``, optionally type, and choose ``option``."""
    page.locator(f".st-key-{key}").click()
    if text is not None:
        page.keyboard.type(text)
    page.get_by_role("option", name=option, exact=True).click()
    wait_idle(page)


def _metric(page, label: str) -> str:
    return page.locator("[data-testid='stMetric']").filter(has_text=label) \
        .locator("[data-testid='stMetricValue']").inner_text()



_MOVED = """() => {
    const gd = document.querySelector("[data-testid='stPlotlyChart'] .js-plotly-plot");
    return gd._fullData.filter(t => t.name === 'Dipindah komite').map(t => ({
        x: Array.from(t.x), y: Array.from(t.y), nip: Array.from(t.customdata, c => c[0]),
        symbol: t.marker.symbol, visible: t.visible}));
}"""




def _grid_rows(grid) -> list[dict[str, str]]:
    """The visible rows of a data grid's accessible table, keyed by column header."""
    grid.scroll_into_view_if_needed()
    wait_grid_text(grid)
    return grid.evaluate("""g => {
        const t = g.querySelector("table[role='grid']");
        const head = [...t.querySelectorAll('thead th')].map(h => h.textContent.trim());
        return [...t.querySelectorAll('tbody tr')].map(r => Object.fromEntries(
            [...r.querySelectorAll('td')].map((c, i) => [head[i] ?? String(i), c.textContent])));
    }""")


def _heading_count(page, pattern: str) -> int:
    for h in page.locator("[data-testid='stHeading']").all_inner_texts():
        if m := re.fullmatch(pattern, h.strip()):
            return int(m.group(1).replace(".", ""))
    raise AssertionError(f"no heading matching {pattern!r}")


# -- the test ---------------------------------------------------------------------------
def test_calibration_move_end_to_end(browser, served):
    url, exp = served
    nip = exp["nip"]
    page = browser.new_page(viewport={"width": 1600, "height": 1000})
    page.goto(url)
    wait_idle(page)

    # -- the chair moves one person from box 5 to box 8 -----------------------------------
    _log_in(page, "ketua1")
    _nav(page, "Kalibrasi")
    page.wait_for_selector(f"{CHART} .main-svg", timeout=60_000)
    before = badge_counts(page)
    assert (before[5], before[8]) == (exp["box5"], exp["box8"])
    assert _metric(page, "Dipindah komite") == "0"
    assert page.evaluate(_MOVED) == []

    _pick(page, "kal_search", exp["label"], text=exp["nama"])
    page.get_by_role("heading", name=exp["nama"], exact=True).wait_for(timeout=30_000)
    assert page.get_by_text(f"NIP {nip}").count() == 1
    form = page.locator("[data-testid='stForm']")
    assert form.locator(f".st-key-kal_target_{exp['token']}").get_by_role("radio", name="5", exact=True) \
        .get_attribute("aria-checked") == "true"  # the form opens at the current box
    form.locator(f".st-key-kal_target_{exp['token']}").get_by_role("radio", name="8", exact=True).click()
    _pick(page, f"kal_reason_{exp['token']}", REASON)
    form.get_by_label("Komentar").fill(COMMENT)
    form.get_by_role("button", name="Simpan").click()
    # the toast lives a few seconds: look for it before waiting for the rerun (slow on a busy machine)
    page.get_by_text("Tersimpan (kotak 8)").first.wait_for(timeout=30_000)
    wait_idle(page)
    page.wait_for_function(f"() => ({_MOVED})().length === 1", timeout=30_000)
    wait_idle(page)  # the save reruns the script: let the rerun finish below the chart too

    # metrics: one moved, one discussed (the checkbox is ticked by default)
    assert _metric(page, "Dipindah komite") == "1"
    assert _metric(page, "Sudah dibahas").startswith("1 ")

    # the chart: a diamond ring on exactly that person, drawn inside box 8 (column 2, row 1)
    [ring] = page.evaluate(_MOVED)
    assert ring["nip"] == [nip] and ring["symbol"] == "diamond-open" and ring["visible"] is True
    assert 2 <= ring["x"][0] < 3 and 1 <= ring["y"][0] < 2, ring
    # ... and their own dot moved with them
    dot = page.evaluate("""nip => {
        const gd = document.querySelector("[data-testid='stPlotlyChart'] .js-plotly-plot");
        for (const t of gd._fullData.filter(t => t.type === 'scattergl' && t.name !== 'Dipindah komite')) {
            const i = Array.from(t.customdata, c => c[0]).indexOf(nip);
            if (i >= 0) return [t.x[i], t.y[i], t.name];
        }
        return null;
    }""", nip)
    assert dot is not None and abs(dot[0] - ring["x"][0]) < 1e-5 and abs(dot[1] - ring["y"][0]) < 1e-5
    assert dot[2] == "Kotak 8"
    after = badge_counts(page)
    assert after[8] == before[8] + 1 and after[5] == before[5] - 1
    assert {k: v for k, v in after.items() if k not in (5, 8)} == {k: v for k, v in before.items() if k not in (5, 8)}

    # the calibration record lists the person: box 5 → box 8, with reason, comment and author
    record = page.locator(GRID).filter(has_text="Kotak awal")
    assert record.count() == 1
    rows = _grid_rows(record)
    assert len(rows) == 1, rows
    row = rows[0]
    assert (row["NIP"] if "NIP" in row else row.get("nip")) == nip, row
    assert (row["Kotak awal"], row["Kotak akhir"]) == ("5", "8"), row
    assert row["Alasan"] == REASON and row["Komentar"] == COMMENT and row["Oleh"] == "ketua1", row

    # the artifact: the whole page (Streamlit scrolls inside, so grow the viewport)
    page.mouse.move(5, 5)
    content = page.locator("[data-testid='stMainBlockContainer']").evaluate("e => e.scrollHeight")
    page.set_viewport_size({"width": 1600, "height": min(4000, content + 120)})
    page.wait_for_timeout(600)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "kalibrasi.png"), full_page=True)
    page.set_viewport_size({"width": 1600, "height": 1000})

    # -- log out; the admin finds the move in the audit log ---------------------------------
    page.locator("[data-testid='stSidebar']").get_by_role("button", name="Keluar").click()
    wait_idle(page)
    _log_in(page, "admin")
    _nav(page, "Log Audit")
    page.get_by_role("heading", name="Log Audit").wait_for(timeout=30_000)
    _pick(page, "audit_action", "kalibrasi")
    rows = _grid_rows(page.locator(GRID).first)
    moves = [r for r in rows if r["Tindakan"] == "kalibrasi:pindah"]
    assert len(moves) == 1, rows
    assert moves[0]["Pengguna"] == "ketua1" and moves[0]["Objek"] == f"nip:{nip}", moves
    detail = json.loads(moves[0]["Rincian"])
    assert (detail["kotak_awal"], detail["ke"], detail["alasan"], detail["komentar"]) == \
        (5, 8, "BUKTI_POTENSI", COMMENT)

    # -- Sembilan Kotak counts the person in box 8 -------------------------------------------
    _nav(page, "Sembilan Kotak")
    page.wait_for_selector(f"{CHART} .main-svg", timeout=60_000)
    assert badge_counts(page)[8] == exp["box8"] + 1
    page.locator(".st-key-kotak").get_by_role("radio", name="8", exact=True).click()
    wait_idle(page)
    assert _heading_count(page, r"Kotak 8 · ([\d.]+) ASN") == exp["box8"] + 1
    search = page.get_by_label("Cari nama atau NIP")
    search.fill(nip)
    search.press("Enter")
    wait_idle(page)
    assert _heading_count(page, r"Kotak 8 · ([\d.]+) ASN") == 1
    [row] = _grid_rows(page.locator(GRID).first)
    assert nip in row.values() and "8" in row.values(), row
    page.close()
