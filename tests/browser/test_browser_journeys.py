"""Real browser: five user journeys across pages, roles and sessions on ONE served app (issue 10).

The served database is a copy of ``real_db`` (real data, so login is required) with an admin, the
chair of the talent committee (ketua1), an operator of Dinas Kesehatan (op.dinkes) and a broadcast
screen user (tamu1, role ``tamu``: sees everything, never identities). Every expected number comes
from the store and the engine on that copy, computed before the server opens it (DuckDB lets one
process hold the file), and the import journey's "after" figures come from the same import run
on a scratch copy.

Journeys that write (2: a 2024 performance import, 4: a calibration move in 2025) touch data the
others do not read, or record what they changed in ``app.moves`` so a later journey can account
for it: the file passes in any order.

Login lives in the websocket session: after logging in, move with sidebar links (or the
presentation bar), never ``page.goto``; a deep link is opened *before* logging in.
Screenshots: ``tests/artifacts/journey-*.png``.
"""
from __future__ import annotations

import json
import re
import shutil
import warnings
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from analytics.anonymise import MASK
from analytics.engine import STATUS_PLACED, place
from data.importing import pipeline
from data.store import Scope, open_store
from tests.browser.support import badge_counts, ARTIFACTS, serve, wait_grid_text, wait_idle
from tests.conftest import make_user, widget_token
from tests.import_helpers import xlsx

pytestmark = pytest.mark.browser

PASSWORD = "Rahasia-Uji-123"
CHART = "[data-testid='stPlotlyChart']"
NAV = "[data-testid='stSidebarNav']"
GRID = "[data-testid='stDataFrame']"
SIDEBAR = "[data-testid='stSidebar']"
SLIDE_TITLE = "[data-testid='stMain'] h1"
REASON = "Bukti potensi atau asesmen lain"
COMMENT = "Perjalanan uji: dibahas komite"
IMPORT_PERIOD = 2024
PSEUDONYM = re.compile(r"^ASN [0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$")


@dataclass
class App:
    url: str
    db: Path
    box_counts: dict[int, int]            # 2025, engine, everyone placed
    names: set[str]                       # 2025 names (8+ characters) and NIPs: never shown anonymised
    nips: set[str]
    people: pd.DataFrame                  # 2025 population + placement, indexed by NIP
    dinkes: dict                          # operator's OPD: ASN count, placed NIPs, box counts
    other: dict                           # another OPD: name, NIPs
    imp: dict                             # the import: file, rows, before / after figures of 2024
    cal: dict                             # the person the chair moves
    moves: list[tuple[str, int, int]] = field(default_factory=list)  # (nip, from, to) made by journeys


def _figures(placed: pd.DataFrame) -> dict:
    status = placed["status"].value_counts()
    return {"boxes": {k: int(((placed["status"] == STATUS_PLACED) & (placed["kotak"] == k)).sum())
                      for k in range(1, 10)},
            "placed": int(status.get("ditempatkan", 0)), "unprofiled": int(status.get("belum diprofil", 0)),
            "noperf": int(status.get("belum ada kinerja", 0))}


def _placed(s, period: int) -> pd.DataFrame:
    pop = s.population(period)
    return pd.concat([pop, place(pop, s.rules(period)).drop(columns=["nip"])], axis=1)


@pytest.fixture(scope="module")
def app(real_db, tmp_path_factory) -> App:
    folder = tmp_path_factory.mktemp("journeys")
    db = folder / "served-journeys.duckdb"
    shutil.copy(real_db, db)
    for name, role, opd in (("admin", "admin", None), ("ketua1", "ketua", None),
                            ("op.dinkes", "operator", "DINKES"), ("tamu1", "tamu", None)):
        make_user(db, name, role, opd)
    s = open_store(db)
    try:
        assert not s.has_synthetic_data() and s.has_real_data() and s.calibrations(2025).empty
        now = _placed(s, 2025)
        dinkes_asn = s.headline(2025, scope=Scope(("DINKES",)))["asn"]
        pop_2024 = _placed(s, IMPORT_PERIOD)
        before_2024 = _figures(pop_2024)
        opd_names = dict(zip(s.opd()["opd_id"], s.opd()["nama"]))
    finally:
        s.close()

    dinkes = now[now["opd_id"] == "DINKES"]
    other_id = now.loc[now["opd_id"] != "DINKES", "opd_id"].value_counts().index[0]  # the biggest other OPD
    other = now[now["opd_id"] == other_id]

    # journey 2: six people placed in 2024 get a new predikat; the file replaces the period's results
    chosen = pop_2024[pop_2024["status"] == STATUS_PLACED].sort_values("nip").head(6)
    content = xlsx([["NIP", "Nama", "Predikat Kinerja"]] + [[n, m, "Sangat Baik"] for n, m in
                                                           zip(chosen["nip"], chosen["nama"])])
    upload = folder / "kinerja-2024.xlsx"
    upload.write_bytes(content)
    scratch = folder / "scratch.duckdb"
    shutil.copy(db, scratch)
    s = open_store(scratch)
    try:
        result = pipeline.run(s, content, upload.name, period=IMPORT_PERIOD, actor="admin")
        assert result.batch_id is not None, result.outcome.messages()
        after_2024 = _figures(_placed(s, IMPORT_PERIOD))
    finally:
        s.close()
    assert after_2024 != before_2024

    # journey 4: a box-5 person outside DINKES (journey 3 counts DINKES) whose name the search finds once
    unique = ~now["nama"].duplicated(keep=False)
    person = now[(now["kotak"] == 5) & unique & (now["opd_id"] != "DINKES")].sort_values("nip").iloc[0]
    token = widget_token(db, person["nip"])  # the person's stand-in in widget keys (opens the file: before serving)

    with serve(db) as url:
        yield App(
            url=url, db=db,
            box_counts={k: int((now["kotak"] == k).sum()) for k in range(1, 10)},
            names={n for n in now["nama"] if len(n) >= 8}, nips=set(now["nip"]),
            people=now.set_index("nip", drop=False),
            dinkes={"asn": int(dinkes_asn), "placed": set(dinkes.loc[dinkes["kotak"].notna(), "nip"]),
                    "boxes": {k: int((dinkes["kotak"] == k).sum()) for k in range(1, 10)}},
            other={"name": opd_names[other_id], "nips": set(other["nip"]),
                   "names": {n for n in other["nama"] if len(n) >= 8} - set(dinkes["nama"])},
            imp={"file": upload, "rows": len(chosen), "before": before_2024, "after": after_2024},
            cal={"nip": person["nip"], "token": token, "nama": person["nama"],
                 "label": f"{person['nama']} · {person['jabatan']}"})


# -- helpers --------------------------------------------------------------------------------------
def _page(browser, width: int = 1600, height: int = 1000):
    """A new page in its own browser context: its own cookies, its own Streamlit session."""
    return browser.new_page(viewport={"width": width, "height": height})


def _log_in(page, username: str, landed: str = NAV) -> None:
    page.get_by_role("heading", name="Masuk ke Talenta ASN").wait_for(timeout=60_000)
    page.get_by_label("Nama pengguna").fill(username)
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk", exact=True).click()
    wait_idle(page)
    page.locator(landed).first.wait_for(timeout=60_000)  # the navigation exists only once logged in
    wait_idle(page)


def _open_logged_in(browser, app: App, username: str, path: str = "", **viewport):
    page = _page(browser, **viewport)
    page.goto(f"{app.url}/{path}")
    wait_idle(page)
    _log_in(page, username)
    return page


def _nav(page, title: str) -> None:
    page.locator(NAV).get_by_role("link", name=title, exact=True).click()
    wait_idle(page)


def _chart(page) -> None:
    page.wait_for_selector(f"{CHART} .main-svg", timeout=60_000)


def _shot(page, name: str, full_page: bool = False) -> Path:
    page.mouse.move(5, 5)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"journey-{name}.png"
    page.screenshot(path=str(path), full_page=full_page)
    return path


def _num(text: str) -> int:
    return int(text.strip().replace(".", ""))


def _fmt(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def _metric(page, label: str) -> str:
    return page.locator("[data-testid='stMetric']").filter(has_text=label) \
        .locator("[data-testid='stMetricValue']").first.inner_text()


def _pick_period(page, period: int) -> None:
    page.locator(f"{SIDEBAR} .st-key-periode").click()
    page.get_by_role("option", name=str(period), exact=True).click()
    page.wait_for_function("p => new URLSearchParams(location.search).get('periode') === p", arg=str(period),
                           timeout=30_000)
    wait_idle(page)


_GRID_CELLS = """() => {
    const gd = document.querySelector("[data-testid='stPlotlyChart'] .js-plotly-plot");
    const cells = {};
    for (const a of gd._fullLayout.annotations) {
        const k = Math.floor(a.x) + ',' + Math.floor(a.y);
        (cells[k] = cells[k] || {})[Math.round((a.y - Math.floor(a.y)) * 100)] = a.text.replace(/<\\/?b>/g, '');
    }
    return Object.fromEntries(Object.values(cells).map(c => [c[86], c[46]]));
}"""


def _beranda_counts(page) -> dict[int, int]:
    """Beranda's 9-box: box → the count written in its cell."""
    cells = page.evaluate(_GRID_CELLS)
    assert len(cells) == 9, cells
    return {int(k): _num(v) for k, v in cells.items()}






_DOT_NIPS = """() => {
    const gd = document.querySelector("[data-testid='stPlotlyChart'] .js-plotly-plot");
    return gd._fullData.filter(t => t.type === 'scattergl' && t.name !== 'Dipindah komite')
        .flatMap(t => Array.from(t.customdata, c => c[0]));
}"""


def _click_badge(page, box: int, attempts: int = 3) -> None:
    """Click the badge of ``box`` on the 9-box scatter until the page takes it (the box reaches the URL).
    A click that is not taken is retried and reported as a warning with a screenshot: seen once, on a
    loaded machine, right after the page had opened."""
    badge = page.locator(f"{CHART} g.scatterlayer g.trace").first \
        .locator("g.textpoint text", has_text=re.compile(rf"^{box}$"))
    for attempt in range(1, attempts + 1):
        badge.scroll_into_view_if_needed()
        bb = badge.bounding_box()
        x, y = bb["x"] + bb["width"] / 2, bb["y"] + bb["height"] / 2
        page.mouse.move(x, y)  # the drag layer sits over the markers: click where the badge is, as a user does
        page.wait_for_timeout(150)
        page.mouse.click(x, y)
        try:
            page.wait_for_function("b => new URLSearchParams(location.search).get('kotak') === b", arg=str(box),
                                   timeout=10_000)
            break
        except PlaywrightTimeout:
            _shot(page, f"badge-{box}-not-taken-{attempt}")
            warnings.warn(f"click {attempt} on the badge of box {box} was not taken", stacklevel=2)
            wait_idle(page)
    else:
        raise AssertionError(f"the badge of box {box} never took a click")
    wait_idle(page)


def _heading_count(page, pattern: str) -> int:
    page.locator("[data-testid='stHeading']").filter(has_text=re.compile(pattern)).first.wait_for(timeout=30_000)
    for h in page.locator("[data-testid='stHeading']").all_inner_texts():
        if m := re.fullmatch(pattern, h.strip()):
            return _num(m.group(1))
    raise AssertionError(f"no heading matching {pattern!r}")


_ROWS = """g => {
    const t = g.querySelector("table[role='grid']");
    const head = [...t.querySelectorAll('thead th')].map(h => h.textContent.trim());
    return [...t.querySelectorAll('tbody tr')].map(r => Object.fromEntries(
        [...r.querySelectorAll('td')].map((c, i) => [head[i] ?? String(i), c.textContent])));
}"""


def _grid_rows(grid, until: str | None = None, arg=None) -> list[dict[str, str]]:
    """The visible rows of a data grid's accessible table, keyed by column header. The canvas grid
    refreshes that table a moment after a rerun changed its data: with ``until`` (a JS function of
    the rows and ``arg``), wait until the rows satisfy it before reading them."""
    grid.scroll_into_view_if_needed()
    wait_grid_text(grid)
    if until is not None:
        try:
            grid.page.wait_for_function(f"([g, arg]) => ({until})(({_ROWS})(g), arg)",
                                        arg=[grid.element_handle(), arg], timeout=30_000)
        except PlaywrightTimeout:
            pass  # the caller's assertion shows what the grid holds instead
    return grid.evaluate(_ROWS)


BOX_ROWS = "(rows, box) => rows.length > 0 && rows.every(r => r.Kotak === box)"  # a drill-down of one box


def _grid_size(grid) -> int:
    return int(grid.locator("table[role='grid']").get_attribute("aria-rowcount")) - 1  # minus the header


def _click_first_row(page, grid, row_px: int = 35) -> None:
    grid.scroll_into_view_if_needed()
    wait_grid_text(grid)
    grid.locator(".dvn-scroller").first.evaluate("e => { e.scrollTop = 0 }")
    page.wait_for_timeout(150)
    canvas = grid.locator("[data-testid='data-grid-canvas']").bounding_box()
    page.mouse.click(canvas["x"] + 15, canvas["y"] + row_px + row_px / 2)  # the row marker of row 1
    wait_idle(page)


def _leaks(text: str, app: App) -> list[str]:
    return sorted(x for x in app.names | app.nips if x in text)


def _expected_boxes(app: App) -> dict[int, int]:
    """The engine's 2025 counts, after the calibration moves journeys made so far."""
    counts = dict(app.box_counts)
    for _, a, b in app.moves:
        counts[a] -= 1
        counts[b] += 1
    return counts


# -- 1. Beranda → box → profile -------------------------------------------------------------------
def test_journey_beranda_box_profile(browser, app):
    page = _open_logged_in(browser, app, "admin")
    _chart(page)  # Beranda is the default page
    expected = _expected_boxes(app)
    assert _beranda_counts(page) == expected
    assert _metric(page, "Jumlah ASN") == _fmt(len(app.people))

    _nav(page, "Sembilan Kotak")
    _chart(page)
    assert badge_counts(page) == expected
    _click_badge(page, 9)
    assert "kotak=9" in page.url
    n9 = _heading_count(page, r"Kotak 9 · ([\d.]+) ASN")
    assert n9 == expected[9]
    grid = page.locator(GRID).first
    assert _grid_size(grid) == n9
    first = _grid_rows(grid, until=BOX_ROWS, arg="9")[0]
    nip = first["NIP"]
    person = app.people.loc[nip]
    assert first["Nama"] == person["nama"] and first["Kotak"] == "9", first

    _click_first_row(page, grid)
    dialog = page.locator("[role='dialog']")
    dialog.locator("h3").first.wait_for(timeout=30_000)
    assert person["nama"] in dialog.locator("h3").first.inner_text()
    assert f"NIP {nip}" in dialog.inner_text()
    assert dialog.locator("[data-testid='stMetric']").filter(has_text="Kotak") \
        .locator("[data-testid='stMetricValue']").first.inner_text() == "9"
    _shot(page, "1-profil")
    page.close()


# -- 2. Import → new data visible ----------------------------------------------------------------
def test_journey_import_shows_new_figures_without_restart(browser, app):
    before, after = app.imp["before"], app.imp["after"]
    page = _open_logged_in(browser, app, "admin", height=1100)
    _chart(page)
    _pick_period(page, IMPORT_PERIOD)
    caption = " ".join(page.locator("[data-testid='stCaptionContainer']").all_inner_texts())
    assert f"Periode {IMPORT_PERIOD}" in caption
    assert _beranda_counts(page) == before["boxes"]
    assert f"{_fmt(before['placed'])} ASN ditempatkan" in caption

    _nav(page, "Impor Data")
    page.get_by_role("heading", name="Impor Data").wait_for(timeout=60_000)
    period_input = page.locator(".st-key-impor_period input")
    period_input.fill(str(IMPORT_PERIOD))
    period_input.press("Enter")
    wait_idle(page)
    page.locator("[data-testid='stFileUploader'] input[type='file']").set_input_files(str(app.imp["file"]))
    rows = app.imp["rows"]
    page.get_by_text(f"Berkas siap diimpor: {rows} baris data kinerja periode {IMPORT_PERIOD}.") \
        .wait_for(timeout=60_000)
    page.get_by_text(re.compile(r"^Impor ini menggantikan [\d.]+ baris data kinerja periode "
                                rf"{IMPORT_PERIOD}")).wait_for(timeout=30_000)
    wait_idle(page)
    page.get_by_role("button", name="Impor", exact=True).click()
    page.get_by_text(re.compile(rf"^Impor #\d+ selesai: {rows} baris data kinerja periode {IMPORT_PERIOD}\.")) \
        .wait_for(timeout=60_000)
    wait_idle(page)

    _nav(page, "Beranda")  # a reload would log out; the server was never restarted
    _chart(page)
    assert f"periode={IMPORT_PERIOD}" in page.url  # the sidebar's period travels with the session
    caption = " ".join(page.locator("[data-testid='stCaptionContainer']").all_inner_texts())
    assert f"Periode {IMPORT_PERIOD}" in caption
    assert _beranda_counts(page) == after["boxes"]
    assert (f"{_fmt(after['placed'])} ASN ditempatkan · {_fmt(after['unprofiled'])} belum diprofil · "
            f"{_fmt(after['noperf'])} belum ada kinerja") in caption
    _shot(page, "2-beranda-setelah-impor", full_page=True)
    page.close()


# -- 3. Login → scoped view ----------------------------------------------------------------------
def test_journey_operator_sees_only_own_opd_even_through_a_deep_link(browser, app):
    other = app.other["name"]
    page = _page(browser)
    # a link to another OPD's people, opened by the DINKES operator (it asks for the login first)
    page.goto(f"{app.url}/sembilan-kotak?opd={other.replace(' ', '+')}&kotak=5")
    wait_idle(page)
    _log_in(page, "op.dinkes")
    _chart(page)
    assert page.get_by_role("heading", name="Sembilan Kotak").count() >= 1
    dots = page.evaluate(_DOT_NIPS)
    assert len(dots) == len(set(dots)) and set(dots) == app.dinkes["placed"]   # exactly DINKES's placed people
    assert badge_counts(page) == app.dinkes["boxes"]
    n5 = _heading_count(page, r"Kotak 5 · ([\d.]+) ASN")
    assert n5 == app.dinkes["boxes"][5]
    grid = page.locator(GRID).first
    assert _grid_size(grid) == n5
    rows = _grid_rows(grid, until=BOX_ROWS, arg="5")
    assert rows and {r["OPD"] for r in rows} == {"Dinas Kesehatan"}, rows[:3]
    text = page.locator("body").inner_text()
    assert other not in text
    assert not [n for n in app.other["names"] if n in text] and not [n for n in app.other["nips"] if n in text]
    _shot(page, "3-operator-tautan")

    _nav(page, "Beranda")
    _chart(page)
    assert _metric(page, "Jumlah ASN") == _fmt(app.dinkes["asn"])
    page.locator(f"{SIDEBAR} .st-key-opd").click()
    page.get_by_role("option").first.wait_for(timeout=10_000)
    assert page.get_by_role("option").all_inner_texts() == ["Dinas Kesehatan"]
    page.keyboard.press("Escape")
    page.close()


# -- 4. Calibration move → audit log -------------------------------------------------------------
def test_journey_calibration_move_reaches_the_audit_log(browser, app):
    cal, nip = app.cal, app.cal["nip"]
    chair = _open_logged_in(browser, app, "ketua1")
    _nav(chair, "Kalibrasi")
    _chart(chair)
    moved_before = _num(_metric(chair, "Dipindah komite"))
    chair.locator(".st-key-kal_search").click()
    chair.keyboard.type(cal["nama"])
    chair.get_by_role("option", name=cal["label"], exact=True).click()
    wait_idle(chair)
    chair.get_by_role("heading", name=cal["nama"], exact=True).wait_for(timeout=30_000)
    form = chair.locator("[data-testid='stForm']")
    target = form.locator(f".st-key-kal_target_{cal['token']}")
    assert target.get_by_role("radio", name="5", exact=True).get_attribute("aria-checked") == "true"
    target.get_by_role("radio", name="8", exact=True).click()
    chair.locator(f".st-key-kal_reason_{cal['token']}").click()
    chair.get_by_role("option", name=REASON, exact=True).click()
    wait_idle(chair)
    form.get_by_label("Komentar").fill(COMMENT)
    form.get_by_role("button", name="Simpan").click()
    # the confirmation is a toast (shown for a few seconds, so look for it before anything else)
    chair.locator("[data-testid='stToast']").filter(has_text="Tersimpan (kotak 8)").wait_for(timeout=30_000)
    chair.wait_for_function(
        """n => [...document.querySelectorAll("[data-testid='stMetric']")]
                .some(m => m.innerText.includes('Dipindah komite') &&
                           m.querySelector("[data-testid='stMetricValue']").innerText.trim() === n)""",
        arg=str(moved_before + 1), timeout=60_000)
    app.moves.append((nip, 5, 8))
    wait_idle(chair)
    _shot(chair, "4-kalibrasi")
    chair.close()

    admin = _open_logged_in(browser, app, "admin")  # another browser context: another session
    _nav(admin, "Log Audit")
    admin.get_by_role("heading", name="Log Audit").wait_for(timeout=30_000)
    admin.locator(".st-key-audit_action").click()
    admin.get_by_role("option", name="kalibrasi", exact=True).click()
    wait_idle(admin)
    rows = _grid_rows(admin.locator(GRID).first, until="rows => rows.every(r => r.Tindakan.startsWith('kalibrasi'))")
    rows = [r for r in rows if r["Tindakan"] == "kalibrasi:pindah"]
    assert len(rows) == 1, rows
    row = rows[0]
    assert row["Pengguna"] == "ketua1" and row["Objek"] == f"nip:{nip}", row
    detail = json.loads(row["Rincian"])
    assert (detail["kotak_awal"], detail["ke"], detail["alasan"], detail["komentar"]) == \
        (5, 8, "BUKTI_POTENSI", COMMENT), detail
    _shot(admin, "4-audit")

    # with the anonymisation switch on, the same entry names a masked NIP
    admin.locator(f"{SIDEBAR} .st-key-anonim label").first.click()
    admin.wait_for_function("() => new URLSearchParams(location.search).get('anonim') === 'true'", timeout=30_000)
    wait_idle(admin)
    rows = _grid_rows(admin.locator(GRID).first, until="rows => rows.some(r => r.Objek.startsWith('nip:•'))")
    rows = [r for r in rows if r["Tindakan"] == "kalibrasi:pindah"]
    assert [r["Objek"] for r in rows] == [f"nip:{MASK}{cal['token']}"], rows
    assert nip not in admin.locator(GRID).first.inner_text()
    admin.close()


# -- 5. Presentation mode with anonymisation ------------------------------------------------------
def test_journey_presentation_hides_identities_and_tamu_cannot_reveal(browser, app):
    page = _page(browser, width=1920, height=1080)
    page.goto(f"{app.url}/presentasi")  # the link asks for the login, then opens the presentation
    wait_idle(page)
    _log_in(page, "ketua1", landed=SLIDE_TITLE)
    assert page.locator(SLIDE_TITLE).inner_text().startswith("Talenta ASN")
    assert not page.locator(SIDEBAR).is_visible() and not page.locator(NAV).is_visible()
    switch = page.locator(".st-key-anonim input[type='checkbox']")
    assert switch.is_checked() and switch.is_enabled()

    titles = []
    page.mouse.click(1900, 1060)  # focus the page, not a widget
    while True:
        title = page.locator(SLIDE_TITLE).inner_text()
        titles.append(title)
        _chart_or_table = page.locator(f"{CHART} .main-svg, [data-testid='stTable'], [data-testid='stMetric']")
        _chart_or_table.first.wait_for(timeout=60_000)
        assert _leaks(page.locator("body").inner_text(), app) == [], title
        if page.get_by_role("button", name="Berikutnya").is_disabled():
            break
        page.keyboard.press("ArrowRight")
        page.wait_for_function("t => document.querySelector(\"[data-testid='stMain'] h1\").innerText !== t",
                               arg=title, timeout=30_000)
        wait_idle(page)
        assert f"slide={len(titles) + 1}" in page.url
    assert len(titles) == 5 and titles[-1] == "Suksesi Jabatan Lowong", titles
    _shot(page, "5-presentasi-ketua")

    # the chair may show identities: the switch turns off
    page.locator(".st-key-anonim label").first.click()
    page.wait_for_function("() => !document.querySelector(\".st-key-anonim input[type='checkbox']\").checked",
                           timeout=30_000)
    wait_idle(page)
    page.get_by_text("identitas ditampilkan").first.wait_for(timeout=30_000)
    assert not switch.is_checked()
    page.close()

    # a broadcast screen (role tamu, no 'identitas'): locked on, in the presentation and elsewhere
    screen = _open_logged_in(browser, app, "tamu1", width=1920, height=1080)
    _nav(screen, "Mode Presentasi")
    screen.locator(SLIDE_TITLE).wait_for(timeout=60_000)
    locked = screen.locator(".st-key-anonim_terkunci input[type='checkbox']")
    assert locked.is_checked() and locked.is_disabled()
    assert screen.locator(".st-key-anonim").count() == 0
    assert _leaks(screen.locator("body").inner_text(), app) == []
    screen.locator("[data-testid='stPageLink'] a").filter(has_text="Keluar").click()
    wait_idle(screen)
    _chart(screen)
    _nav(screen, "Sembilan Kotak")
    _chart(screen)
    locked = screen.locator(f"{SIDEBAR} .st-key-anonim_terkunci input[type='checkbox']")
    assert locked.is_checked() and locked.is_disabled()
    screen.locator(".st-key-kotak").get_by_role("radio", name="9", exact=True).click()
    wait_idle(screen)
    n9 = _heading_count(screen, r"Kotak 9 · ([\d.]+) ASN")
    assert n9 == _expected_boxes(app)[9]
    grid = screen.locator(GRID).first
    rows = _grid_rows(grid, until=BOX_ROWS, arg="9")
    assert rows, "no rows in the drill-down"
    assert all(PSEUDONYM.match(r["Nama"]) for r in rows), [r["Nama"] for r in rows]
    assert all(r["NIP"].startswith("•") and len(r["NIP"]) == 18 for r in rows), [r["NIP"] for r in rows]
    dots = screen.evaluate(_DOT_NIPS)
    assert dots and all(d.startswith(MASK) for d in dots)   # the chart's data carries no NIP either
    assert _leaks(screen.locator("body").inner_text(), app) == []
    _shot(screen, "5-tamu-sembilan-kotak")
    screen.close()
