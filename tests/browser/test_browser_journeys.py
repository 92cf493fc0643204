"""Real browser: five user journeys across pages, roles and sessions on ONE served app.

The served database is a copy of ``real_db`` (real data, so login is required) with an admin, the
chair of the talent committee (ketua1), an operator of Dinas Kesehatan (op.dinkes) and a broadcast
screen user (tamu1, role ``tamu``: sees everything, never identities). Every expected number comes
from the store and the engine on that copy, computed before the server opens it (DuckDB lets one
process hold the file), and the import journey's "after" figures come from the same import run
on a scratch copy.

Journeys that write (2: a 2024 performance import, 4: a calibration move in 2025) touch data the
others do not read, or record what they changed in ``app.moves`` so a later journey can account
for it: the file passes in any order.

After logging in, move with sidebar links (or the presentation bar), as a user does; a deep
link is opened *before* logging in.
Screenshots: ``tests/artifacts/journey-*.png``.
"""
from __future__ import annotations

import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import expect

from analytics.anonymise import MASK
from analytics.engine import STATUS_PLACED
from data.importing import pipeline
from data.store import Scope, open_store
from tests.browser.actions import (
    CHART,
    GRID,
    MAIN,
    NAV,
    SIDEBAR,
    chart_drawn,
    choose,
    choose_in_sidebar,
    click_box,
    fmt,
    heading_number,
    login,
    metric,
    nav,
    new_page,
    number,
    open_logged_in,
    open_page,
    pick_radio,
    reran,
    settled,
    shot,
    wait_for_badges,
    wait_for_query,
    wait_for_rerun,
)
from tests.browser.grids import (
    grid_rows,
    grid_size,
    open_profile,
)
from tests.conftest import placed_people, widget_token
from tests.import_helpers import xlsx

SLIDE_TITLE = f"{MAIN} h1"
REASON = "Bukti potensi atau asesmen lain"
COMMENT = "Perjalanan uji: dibahas komite"
MOVED = "Kalibrasi: ASN dipindah kotak"   # the audit log's words for a calibration move
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


def _prepare(db: Path) -> dict:
    """What every journey expects, from the store and the engine on the copy about to be served."""
    folder = db.parent
    s = open_store(db)
    try:
        assert not s.has_synthetic_data() and s.has_real_data() and s.calibrations(2025).empty
        now = placed_people(s, 2025)
        dinkes_asn = s.headline(2025, scope=Scope(("DINKES",)))["asn"]
        pop_2024 = placed_people(s, IMPORT_PERIOD)
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
        after_2024 = _figures(placed_people(s, IMPORT_PERIOD))
    finally:
        s.close()
    assert after_2024 != before_2024

    # journey 4: a box-5 person outside DINKES (journey 3 counts DINKES) whose name the search finds once
    unique = ~now["nama"].duplicated(keep=False)
    person = now[(now["kotak"] == 5) & unique & (now["opd_id"] != "DINKES")].sort_values("nip").iloc[0]
    token = widget_token(db, person["nip"])  # the person's stand-in in widget keys (opens the file: before serving)

    return dict(
        db=db,
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


USERS = [("admin", "admin"), ("ketua1", "ketua"), ("op.dinkes", "operator", "DINKES"), ("tamu1", "tamu")]


@pytest.fixture(scope="module")
def app(served_copy) -> App:
    with served_copy("real", users=USERS, prepare=_prepare, name="served-journeys.duckdb") as (url, fields):
        yield App(url=url, **fields)


# -- helpers --------------------------------------------------------------------------------------
def _open_logged_in(browser, app: App, username: str, path: str = "", **viewport):
    return open_logged_in(browser, app.url, username, path, **viewport)


def _shot(page, name: str, full_page: bool = False) -> Path:
    return shot(page, f"journey-{name}.png", full_page=full_page)


_GRID_CELLS = """() => {
    const gd = document.querySelector("[data-testid='stPlotlyChart'] .js-plotly-plot");
    if (!gd || !gd._fullLayout || !gd._fullLayout.annotations) return null;
    const cells = {};
    for (const a of gd._fullLayout.annotations) {
        const k = Math.floor(a.x) + ',' + Math.floor(a.y);
        (cells[k] = cells[k] || {})[Math.round((a.y - Math.floor(a.y)) * 100)] = a.text.replace(/<\\/?b>/g, '');
    }
    return Object.fromEntries(Object.values(cells).map(c => [c[86], c[46]]));
}"""


def _beranda_counts(page, expected: dict[int, int]) -> dict[int, int]:
    """Beranda's 9-box: box → the count written in its cell, once the chart shows ``expected``
    (a rerun redraws it a moment after it ends); the caller asserts what is drawn."""
    want = {str(k): fmt(v) for k, v in expected.items()}
    try:
        page.wait_for_function(f"""want => {{ const c = ({_GRID_CELLS})();
            return c && Object.entries(want).every(([k, v]) => c[k] === v); }}""", arg=want, timeout=30_000)
    except PlaywrightTimeout:  # the assertion shows what the chart holds instead
        pass
    cells = page.evaluate(_GRID_CELLS)
    assert cells and len(cells) == 9, cells
    return {int(k): number(v) for k, v in cells.items()}


_DOT_NIPS = """() => {
    const gd = document.querySelector("[data-testid='stPlotlyChart'] .js-plotly-plot");
    return gd._fullData.filter(t => t.mode === 'markers' && t.type.startsWith('scatter') && t.name !== 'Dipindah komite')
        .flatMap(t => Array.from(t.customdata, c => c[0]));
}"""


BOX_ROWS = "(rows, box) => rows.length > 0 && rows.every(r => r.Kotak === box)"  # a drill-down of one box


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
    chart_drawn(page)  # Beranda is the default page
    expected = _expected_boxes(app)
    assert _beranda_counts(page, expected) == expected
    expect(metric(page, "Jumlah ASN")).to_have_text(fmt(len(app.people)))

    nav(page, "Sembilan Kotak")
    chart_drawn(page)
    assert wait_for_badges(page, expected) == expected
    click_box(page, 9)  # waits until kotak=9 is in the URL
    assert "kotak=9" in page.url
    n9 = heading_number(page, r"^Kotak 9 · ([\d.]+) ASN$")
    assert n9 == expected[9]
    grid = page.locator(GRID).first
    first = grid_rows(grid, until=BOX_ROWS, arg="9")[0]
    assert grid_size(grid) == n9
    nip = first["NIP"]
    person = app.people.loc[nip]
    assert first["Nama"] == person["nama"] and first["Kotak"] == "9", first

    dialog = open_profile(page, grid, 0, re.compile(re.escape(person["nama"])))
    expect(dialog).to_contain_text(f"NIP {nip}")
    expect(dialog.locator("[data-testid='stMetric']").filter(has_text="Kotak")
           .locator("[data-testid='stMetricValue']").first).to_have_text("9")
    _shot(page, "1-profil")
    page.close()


# -- 2. Import → new data visible ----------------------------------------------------------------
def test_journey_import_shows_new_figures_without_restart(browser, app):
    before, after = app.imp["before"], app.imp["after"]
    page = _open_logged_in(browser, app, "admin", height=1100)
    chart_drawn(page)
    choose_in_sidebar(page, "periode", str(IMPORT_PERIOD))
    caption = page.locator("[data-testid='stCaptionContainer']")
    expect(caption.filter(has_text=f"Periode {IMPORT_PERIOD}").first).to_be_visible()
    assert _beranda_counts(page, before["boxes"]) == before["boxes"]
    expect(caption.filter(has_text=f"{fmt(before['placed'])} ASN ditempatkan").first).to_be_visible()

    nav(page, "Impor Data")
    expect(page.get_by_role("heading", name="Impor Data")).to_be_visible()
    period_input = page.locator(".st-key-impor_period input")
    period_input.fill(str(IMPORT_PERIOD))
    with reran(page):
        period_input.press("Enter")
    expect(period_input).to_have_value(str(IMPORT_PERIOD))
    page.locator("[data-testid='stFileUploader'] input[type='file']").set_input_files(str(app.imp["file"]))
    rows = app.imp["rows"]
    expect(page.get_by_text(f"Berkas siap diimpor: {rows} baris data kinerja periode {IMPORT_PERIOD}.")).to_be_visible()
    wait_for_rerun(page, page.get_by_text(re.compile(r"^Impor ini menggantikan [\d.]+ baris data kinerja periode "
                                                     rf"{IMPORT_PERIOD}")))
    page.get_by_role("button", name="Impor", exact=True).click()
    wait_for_rerun(page, page.get_by_text(
        re.compile(rf"^Impor #\d+ selesai: {rows} baris data kinerja periode {IMPORT_PERIOD}\.")))

    nav(page, "Beranda")
    chart_drawn(page)
    assert f"periode={IMPORT_PERIOD}" in page.url  # the sidebar's period travels with the session
    expect(caption.filter(has_text=f"Periode {IMPORT_PERIOD}").first).to_be_visible()
    assert _beranda_counts(page, after["boxes"]) == after["boxes"]
    expect(caption.filter(has_text=f"{fmt(after['placed'])} ASN ditempatkan · {fmt(after['unprofiled'])} belum "
                                   f"diprofil · {fmt(after['noperf'])} belum ada kinerja").first).to_be_visible()
    _shot(page, "2-beranda-setelah-impor", full_page=True)
    page.close()


# -- 3. Login → scoped view ----------------------------------------------------------------------
def test_journey_operator_sees_only_own_opd_even_through_a_deep_link(browser, app):
    other = app.other["name"]
    # a link to another OPD's people, opened by the DINKES operator (it asks for the login first)
    page = open_page(new_page(browser), app.url, f"sembilan-kotak?opd={other.replace(' ', '+')}&kotak=5")
    login(page, "op.dinkes")
    chart_drawn(page)
    expect(page.get_by_role("heading", name="Sembilan Kotak").first).to_be_visible()
    assert wait_for_badges(page, app.dinkes["boxes"]) == app.dinkes["boxes"]
    dots = page.evaluate(_DOT_NIPS)
    assert len(dots) == len(set(dots)) and set(dots) == app.dinkes["placed"]   # exactly DINKES's placed people
    n5 = heading_number(page, r"^Kotak 5 · ([\d.]+) ASN$")
    assert n5 == app.dinkes["boxes"][5]
    grid = page.locator(GRID).first
    rows = grid_rows(grid, until=BOX_ROWS, arg="5")
    assert grid_size(grid) == n5
    assert rows and {r["OPD"] for r in rows} == {"Dinas Kesehatan"}, rows[:3]
    text = page.locator("body").inner_text()
    assert other not in text
    assert not [n for n in app.other["names"] if n in text] and not [n for n in app.other["nips"] if n in text]
    _shot(page, "3-operator-tautan")

    nav(page, "Beranda")
    chart_drawn(page)
    expect(metric(page, "Jumlah ASN")).to_have_text(fmt(app.dinkes["asn"]))
    page.locator(f"{SIDEBAR} .st-key-opd").click()
    expect(page.get_by_role("option")).to_have_text(["Dinas Kesehatan"])  # the only option
    page.keyboard.press("Escape")
    page.close()


# -- 4. Calibration move → audit log -------------------------------------------------------------
def test_journey_calibration_move_reaches_the_audit_log(browser, app):
    cal, nip = app.cal, app.cal["nip"]
    chair = _open_logged_in(browser, app, "ketua1")
    nav(chair, "Kalibrasi")
    chart_drawn(chair)
    moved_before = number(metric(chair, "Dipindah komite").inner_text())
    choose(chair, "kal_search", cal["label"], text=cal["nama"])
    wait_for_rerun(chair, chair.get_by_role("heading", name=cal["nama"], exact=True))
    target = chair.locator(f".st-key-kal_target_{cal['token']}")
    expect(target.get_by_role("radio", name="5", exact=True)).to_have_attribute("aria-checked", "true")
    with reran(chair):  # the decision form is a fragment: the choice reruns it alone
        target.get_by_role("radio", name="8", exact=True).click()
    choose(chair, f"kal_reason_{cal['token']}", REASON, text=REASON[:12])  # typing opens the list
    expect(chair.locator(f".st-key-kal_reason_{cal['token']} input")).to_have_value(REASON)
    settled(chair)
    chair.locator(f".st-key-kal_comment_{cal['token']} textarea").fill(COMMENT)
    chair.locator(f".st-key-kal_save_{cal['token']}").get_by_role("button", name="Simpan").click()
    # the confirmation is a toast (shown for a few seconds, so look for it before anything else)
    expect(chair.locator("[data-testid='stToast']").filter(has_text="Tersimpan (kotak 8)")).to_be_visible()
    wait_for_rerun(chair, lambda: expect(metric(chair, "Dipindah komite")).to_have_text(str(moved_before + 1)))
    app.moves.append((nip, 5, 8))
    _shot(chair, "4-kalibrasi")
    chair.close()

    admin = _open_logged_in(browser, app, "admin")  # another browser context: another session
    nav(admin, "Log Audit")
    expect(admin.get_by_role("heading", name="Log Audit")).to_be_visible()
    choose(admin, "audit_action", "Kalibrasi")
    rows = grid_rows(admin.locator(GRID).first, until="rows => rows.every(r => r.Tindakan.startsWith('Kalibrasi'))")
    settled(admin)
    rows = [r for r in rows if r["Tindakan"] == MOVED]
    assert len(rows) == 1, rows
    row = rows[0]
    assert row["Pengguna"] == "ketua1" and row["Objek"] == f"NIP {nip}", row
    # the detail in words: the reason by its name, never its code or the stored JSON
    assert "Dari kotak: 5 · Ke kotak: 8 · " in row["Rincian"], row
    assert f"Alasan: {REASON}" in row["Rincian"] and f"Komentar: {COMMENT}" in row["Rincian"], row
    _shot(admin, "4-audit")

    # with the anonymisation switch on, the same entry names a masked NIP
    with reran(admin):  # the browser writes the switch into the URL itself: wait for the rerun
        admin.locator(f"{SIDEBAR} .st-key-anonim label").first.click()
    wait_for_query(admin, "anonim", "true")
    rows = grid_rows(admin.locator(GRID).first, until="rows => rows.some(r => r.Objek.startsWith('NIP •'))")
    rows = [r for r in rows if r["Tindakan"] == MOVED]
    assert [r["Objek"] for r in rows] == [f"NIP {MASK}{cal['token']}"], rows
    expect(admin.locator(GRID).first).not_to_contain_text(nip)
    admin.close()


# -- 5. Presentation mode with anonymisation ------------------------------------------------------
def test_journey_presentation_hides_identities_and_tamu_cannot_reveal(browser, app):
    # the link asks for the login, then opens the presentation
    page = open_page(new_page(browser, 1920, 1080), app.url, "presentasi")
    login(page, "ketua1", landed=SLIDE_TITLE)
    title = page.locator(SLIDE_TITLE)
    expect(title).to_have_text(re.compile(r"^Talenta ASN"))
    expect(page.locator(SIDEBAR)).to_be_hidden()
    expect(page.locator(NAV)).to_be_hidden()
    switch = page.locator(".st-key-anonim input[type='checkbox']")
    expect(switch).to_be_checked()
    expect(switch).to_be_enabled()

    titles = []
    page.mouse.click(1900, 1060)  # focus the page, not a widget
    while True:
        shown = title.inner_text()
        titles.append(shown)
        expect(page.locator(f"{CHART} .main-svg, [data-testid='stTable'], [data-testid='stMetric']").first) \
            .to_be_visible()
        assert _leaks(page.locator("body").inner_text(), app) == [], shown
        if page.get_by_role("button", name="Berikutnya").is_disabled():
            break
        page.keyboard.press("ArrowRight")
        wait_for_rerun(page, lambda: expect(title).not_to_have_text(shown))  # noqa: B023 (called at once)
        assert f"slide={len(titles) + 1}" in page.url
    # key figures, 9-box, movement, profiling, vacant posts, then one slide per vacant post
    assert len(titles) >= 6 and titles[4] == "Suksesi Jabatan Lowong", titles
    _shot(page, "5-presentasi-ketua")

    # the chair may show identities: the switch turns off
    page.locator(".st-key-anonim label").first.click()
    expect(switch).not_to_be_checked()
    wait_for_rerun(page, page.get_by_text("identitas ditampilkan"))
    page.close()

    # a broadcast screen (role tamu, no 'identitas'): locked on, in the presentation and elsewhere
    screen = _open_logged_in(browser, app, "tamu1", width=1920, height=1080)
    nav(screen, "Mode Presentasi")
    expect(screen.locator(SLIDE_TITLE)).to_be_visible()
    locked = screen.locator(".st-key-anonim_terkunci input[type='checkbox']")
    expect(locked).to_be_checked()
    expect(locked).to_be_disabled()
    expect(screen.locator(".st-key-anonim")).to_have_count(0)
    assert _leaks(screen.locator("body").inner_text(), app) == []
    screen.locator("[data-testid='stPageLink'] a").filter(has_text="Keluar").click()
    wait_for_rerun(screen, screen.locator(NAV))
    chart_drawn(screen)
    nav(screen, "Sembilan Kotak")
    chart_drawn(screen)
    locked = screen.locator(f"{SIDEBAR} .st-key-anonim_terkunci input[type='checkbox']")
    expect(locked).to_be_checked()
    expect(locked).to_be_disabled()
    pick_radio(screen, "kotak", "9")
    wait_for_query(screen, "kotak", "9")
    n9 = heading_number(screen, r"^Kotak 9 · ([\d.]+) ASN$")
    assert n9 == _expected_boxes(app)[9]
    grid = screen.locator(GRID).first
    rows = grid_rows(grid, until=BOX_ROWS, arg="9")
    assert rows, "no rows in the drill-down"
    assert all(PSEUDONYM.match(r["Nama"]) for r in rows), [r["Nama"] for r in rows]
    assert all(r["NIP"].startswith("•") and len(r["NIP"]) == 18 for r in rows), [r["NIP"] for r in rows]
    dots = screen.evaluate(_DOT_NIPS)
    assert dots and all(d.startswith(MASK) for d in dots)   # the chart's data carries no NIP either
    assert _leaks(screen.locator("body").inner_text(), app) == []
    _shot(screen, "5-tamu-sembilan-kotak")
    screen.close()
