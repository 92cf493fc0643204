"""What the browser tests do to the app, and how they wait for it: one place, one way.

Every wait states what it waits for. A test never sleeps and never reads the page "after a while":
it asserts the state it expects with Playwright's auto-retrying ``expect`` (a generous timeout, set
once below, so a busy machine only makes a test slower, never red), or, for a value only JavaScript
can read (plotly's ``_fullData``, the data grid's accessible table), ``page.wait_for_function`` on
a condition that says what is expected.

After an action that reruns the script, wait for something the rerun changes (the URL, a heading,
a metric), then for the app to settle (:func:`wait_for_rerun`): waiting for ``notRunning`` alone
can pass before the rerun has even started.

Same shape as Streamlit's own ``e2e_playwright/shared/app_utils.py``.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import parse_qs, urlparse

from playwright.sync_api import Locator, Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from tests.browser.support import ARTIFACTS

#: One timeout for every wait, in ms: the slowest step (a national-size first run on a loaded 2-core
#: machine) stays well inside it, and a real failure still ends the test.
TIMEOUT = 120_000
expect.set_options(timeout=TIMEOUT)

PASSWORD = "Rahasia-Uji-123"
APP = "[data-testid='stApp']"
MAIN = "[data-testid='stMain']"
SIDEBAR = "[data-testid='stSidebar']"
NAV = "[data-testid='stSidebarNav']"
CHART = "[data-testid='stPlotlyChart']"
GRID = "[data-testid='stDataFrame']"
HEADING = "[data-testid='stHeading']"
DIALOG = "[role='dialog']"

#: sidebar title → url path of the page (``app.py``); Beranda is also the default page, at ``/``
PATHS = {"Beranda": "(beranda)?", "Sembilan Kotak": "sembilan-kotak", "Pergerakan": "pergerakan",
         "Pengembangan": "pengembangan", "Suksesi": "suksesi", "Siklus Talenta": "siklus", "Mode Presentasi": "presentasi",
         "Impor Data": "impor", "Log Audit": "audit", "Kalibrasi": "kalibrasi", "Masuk": "masuk"}


# -- pages, reruns ---------------------------------------------------------------------------------
def new_page(browser, width: int = 1600, height: int = 1000, watch_dialogs: bool = False) -> Page:
    """A page in its own browser context (own cookies, own Streamlit session). With
    ``watch_dialogs`` every JavaScript dialog is dismissed and recorded in ``page.js_dialogs``."""
    page = browser.new_page(viewport={"width": width, "height": height})
    page.set_default_timeout(TIMEOUT)
    # the app's websocket (the newest, after a reload): reran() waits on its frames
    page.on("websocket", lambda socket: setattr(page, "streamlit_socket", socket))
    if watch_dialogs:
        dialogs: list[str] = []

        def on_dialog(d):
            dialogs.append(f"{d.type}: {d.message}")
            d.dismiss()

        page.on("dialog", on_dialog)
        page.js_dialogs = dialogs
    return page


def settled(page: Page) -> None:
    """The script is not running and nothing waits to be drawn. Passes at once between reruns:
    call it after seeing a change the rerun makes (:func:`wait_for_rerun`), or after ``goto``."""
    expect(page.locator(APP)).to_have_attribute("data-test-script-state", "notRunning")
    expect(page.locator("[data-testid='stSkeleton']")).to_have_count(0)


def wait_for_rerun(page: Page, *changes: Locator | Callable[[], None]) -> None:
    """Wait for what the rerun shows (each a locator that becomes visible, or a callable that makes
    an ``expect`` assertion), then for the app to settle."""
    for change in changes:
        if isinstance(change, Locator):
            expect(change.first).to_be_visible()
        else:
            change()
    settled(page)


@contextmanager
def reran(page: Page) -> Iterator[None]:
    """Wait for a rerun that the block's action starts: ``with reran(page): button.click()``.
    For an action whose rerun shows nothing new (the same error again), or whose visible effect the
    browser makes before the server has it (a widget bound to the URL writes the URL itself): the
    server answers a rerun request on the app's websocket, so wait for a frame received after the
    action, then settle. (The script-state attribute is no such signal: under load React may draw
    "running" and "notRunning" in one render, and the attribute never changes.) Starts by settling,
    so that a frame of an earlier rerun is not taken for this one."""
    settled(page)
    with page.streamlit_socket.expect_event("framereceived", timeout=TIMEOUT):
        yield
    settled(page)


def query(page: Page) -> dict[str, list[str]]:
    return parse_qs(urlparse(page.url).query)


def wait_for_query(page: Page, key: str, value: str) -> None:
    """Wait until ``key=value`` is in the URL (the server has the widget's new value), then settle."""
    page.wait_for_function("([k, v]) => new URLSearchParams(location.search).getAll(k).includes(v)",
                           arg=[key, value])
    settled(page)


def open_page(page: Page, url: str, path: str = "", ready: str | Locator | None = None) -> Page:
    """Open ``url/path`` and wait for the first run to finish (and for ``ready``, if given)."""
    page.goto(f"{url.rstrip('/')}/{path.lstrip('/')}")
    wait_for_rerun(page, *([page.locator(ready) if isinstance(ready, str) else ready] if ready else []))
    return page


def chart_drawn(page: Page) -> Locator:
    """The first plotly chart, once plotly has drawn it."""
    expect(page.locator(f"{CHART} .main-svg").first).to_be_visible()
    return page.locator(CHART).first


def margins_grown(chart: Locator) -> dict:
    """How far plotly had to grow the chart's margins for its axis labels (0 and 0: the room reserved by
    ``reports.figures.margins`` held, and the chart was drawn once, not a second time with wider margins)."""
    return chart.locator(".js-plotly-plot").first.evaluate(
        "gd => ({l: gd._fullLayout._size.l - gd.layout.margin.l, b: gd._fullLayout._size.b - gd.layout.margin.b})")


# -- login, navigation -----------------------------------------------------------------------------
def login_form(page: Page) -> None:
    expect(page.get_by_role("heading", name="Masuk ke Talenta ASN")).to_be_visible()
    settled(page)


def submit_login(page: Page, user: str, password: str = PASSWORD) -> None:
    """Fill in and send the login form (shown); the caller waits for what follows."""
    page.get_by_label("Nama pengguna").fill(user)
    page.get_by_label("Kata sandi").fill(password)
    page.get_by_role("button", name="Masuk", exact=True).click()


def login(page: Page, user: str, password: str = PASSWORD, landed: str = NAV) -> None:
    """Log in on the shown login form and wait for ``landed`` (the navigation exists only once
    logged in; the presentation has none: pass its slide title). Logged in at ``/masuk``, the app
    draws the navigation there first and then switches to the home page in a further run: wait
    for the address to leave ``/masuk`` too, or a click made in between is lost to that switch."""
    login_form(page)
    submit_login(page, user, password)
    wait_for_rerun(page, page.locator(landed), lambda: expect(page.get_by_role(
        "heading", name="Masuk ke Talenta ASN")).to_have_count(0),
        lambda: expect(page).not_to_have_url(re.compile(r"/masuk(\?.*)?$")))


def open_logged_in(browser, url: str, user: str, path: str = "", **viewport) -> Page:
    page = new_page(browser, **viewport)
    open_page(page, url, path)
    login(page, user)
    return page


def nav(page: Page, title: str) -> None:
    """Follow a sidebar link (the way a user moves; a reload keeps the login, but reruns from the start)."""
    settled(page)
    with reran(page):
        page.locator(NAV).get_by_role("link", name=title, exact=True).click()
    expect(page).to_have_url(re.compile(rf"/{PATHS[title]}(\?.*)?$"))


# -- widgets ---------------------------------------------------------------------------------------
def choose(page: Page, key: str, option: str, text: str | None = None, within: str = "") -> None:
    """Open the selectbox / multiselect with widget key ``key``, type ``text`` (the option itself by
    default) and choose ``option``. Typing first because long option lists are virtual and scroll under
    the pointer as it moves and presses, so that under load a click's release can land on another option
    and choose nothing; a filtered list does not scroll. The page must be settled (a rerun redraws the
    widget and can swallow the click); the caller waits for what the choice changes."""
    settled(page)
    page.locator(f"{within} .st-key-{key}".strip()).click()
    page.keyboard.type(option if text is None else text)
    page.get_by_role("option", name=option, exact=True).click()


def choose_bound(page: Page, key: str, option: str, multi: bool = False, within: str = "",
                 text: str | None = None) -> None:
    """Choose ``option`` in a widget bound to the URL (``bind="query-params"``) and wait until the
    rerun it started has finished. (The browser writes a bound widget's value into the URL itself,
    before any rerun: the URL alone does not say the server has it.)"""
    with reran(page):
        choose(page, key, option, text, within)
    if multi:
        page.keyboard.press("Escape")  # close the multiselect's list
    wait_for_query(page, key, option)


def choose_in_sidebar(page: Page, key: str, option: str, multi: bool = False) -> None:
    """Choose a sidebar filter (bound to the URL) and wait until the server has it."""
    choose_bound(page, key, option, multi, within=SIDEBAR)


def pick_radio(page: Page, key: str, name: str) -> None:
    """Click the option ``name`` of the radio / segmented control with widget key ``key`` (a
    widget outside a form: the click reruns the script) and wait for that rerun."""
    settled(page)
    with reran(page):
        page.locator(f".st-key-{key}").get_by_role("radio", name=name, exact=True).click()


def search(page: Page, text: str, label: str = "Cari nama atau NIP") -> None:
    """Type into the search box and send it; wait for the rerun. The term never goes into the URL."""
    settled(page)
    box = page.get_by_label(label)
    box.fill(text)
    with reran(page):
        box.press("Enter")
    assert "cari" not in query(page), page.url


def metric(page: Page, label: str) -> Locator:
    """The value of the metric whose label holds ``label``."""
    return page.locator("[data-testid='stMetric']").filter(has_text=label) \
        .locator("[data-testid='stMetricValue']").first


def heading_number(page: Page, pattern: str) -> int:
    """The number in the heading matching ``pattern`` (one group), once such a heading is shown."""
    heading = page.locator(HEADING).filter(has_text=re.compile(pattern)).first
    expect(heading).to_have_text(re.compile(pattern))
    m = re.search(pattern, heading.inner_text().strip())
    return number(m.group(1))


def number(text: str) -> int:
    return int(text.strip().replace(".", ""))


def fmt(n: int) -> str:
    """A count as the app writes it (Indonesian thousands separator)."""
    return f"{n:,}".replace(",", ".")


# -- plotly ----------------------------------------------------------------------------------------
def steady(page: Page, fn: str, arg=None):
    """Wait until the JS function ``fn(arg)`` returns the same non-null value in two animation frames
    running (the chart has been drawn and stopped laying itself out), and return that value."""
    page.evaluate("() => { window.__talentaSteady = undefined }")
    handle = page.wait_for_function(
        f"""arg => {{ const v = ({fn})(arg); if (v === null || v === undefined) return null;
            const k = JSON.stringify(v), same = window.__talentaSteady === k;
            window.__talentaSteady = k; return same ? v : null; }}""", arg=arg, polling="raf")
    return handle.json_value()


def still(locator: Locator) -> None:
    """Wait until an element (one React keeps, like the data grid's canvas) has stopped moving."""
    steady(locator.page, "el => { const r = el.getBoundingClientRect(); "
                         "return r.width > 0 ? [r.x, r.y, r.width, r.height] : null; }",
           locator.element_handle())


_PLOT = """(i) => {  // the i-th plotly chart, once drawn: its figure and its plot area on screen
    const gd = document.querySelectorAll("[data-testid='stPlotlyChart'] .js-plotly-plot")[i];
    const drag = gd && gd._fullLayout && gd._fullData && gd.querySelector('.nsewdrag');
    if (!drag) return null;
    const r = drag.getBoundingClientRect();
    return r.width > 0 ? {gd, fl: gd._fullLayout, r} : null;
}"""


def plot_area(page: Page, chart: int = 0) -> dict:
    """The plot area (plotly's drag layer) of the ``chart``-th chart on screen, once it stopped moving."""
    return steady(page, f"i => {{ const p = ({_PLOT})(i); return p && "
                        "{x: p.r.left, y: p.r.top, width: p.r.width, height: p.r.height}; }", chart)


_HOVERED = """([i, want]) => {  // plotly's hover has found the point whose id (customdata[0]) is want
    const gd = document.querySelectorAll("[data-testid='stPlotlyChart'] .js-plotly-plot")[i];
    return !!(gd && gd._hoverdata) && gd._hoverdata.some(
        p => (Array.isArray(p.customdata) ? p.customdata[0] : p.customdata) === want);
}"""


def to_screen(page: Page, x: float, y: float, chart: int = 0) -> tuple[float, float]:
    """Where the data point (x, y) of the ``chart``-th chart is on screen, once the chart stopped moving."""
    page.locator(CHART).nth(chart).scroll_into_view_if_needed()
    at = steady(page, f"""([i, x, y]) => {{ const p = ({_PLOT})(i);
        return p && [p.r.left + p.fl.xaxis.l2p(x), p.r.top + p.fl.yaxis.l2p(y)]; }}""", [chart, x, y])
    return at[0], at[1]


def click_point(page: Page, x: float, y: float, want: str, chart: int = 0) -> None:
    """Click the point whose id (``customdata[0]``: a NIP, ``kotak:9``) is ``want``, at screen (x, y),
    as a user does: hover it, wait until plotly's hover has found that point (a click in select mode
    selects what the hover found; before it has, the click selects nothing), then click."""
    page.mouse.move(x - 3, y - 3)
    page.mouse.move(x, y, steps=3)
    page.wait_for_function(_HOVERED, arg=[chart, want])
    page.mouse.click(x, y)


_BADGE_AT = f"""box => {{  // where the badge of a box is drawn on screen (trace 0 holds the nine badges)
    const p = ({_PLOT})(0);
    if (!p) return null;
    const t = p.gd._fullData[0], i = (t.text || []).findIndex(s => String(s).replace(/<\\/?b>/g, '') === box);
    if (i < 0) return null;
    return {{x: p.r.left + p.fl.xaxis.l2p(t.x[i]), y: p.r.top + p.fl.yaxis.l2p(t.y[i])}};
}}"""


def click_box(page: Page, box: int) -> None:
    """Click the badge of ``box`` on the 9-box scatter; wait until the box is in the URL and drawn.
    On Sembilan Kotak's first run the counts-only chart stands where the dots will be: its badges look
    the same but are not the chart that answers a click, so wait until the dots' chart has replaced it."""
    settled(page)
    expect(page.locator(".st-key-nk_chart_counts")).to_have_count(0)
    expect(page.locator(".st-key-nk_chart")).to_have_count(1)
    page.locator(CHART).first.scroll_into_view_if_needed()
    at = steady(page, _BADGE_AT, str(box))
    click_point(page, at["x"], at["y"], f"kotak:{box}")
    wait_for_query(page, "kotak", str(box))


def box_select(page: Page, x0: float, y0: float, x1: float, y1: float) -> dict:
    """Drag a box-select over the first chart's data rectangle (x0, y0)–(x1, y1), in axis units
    (the toolbar's Box Select first). Returns the plot area the drag used, on screen."""
    settled(page)
    page.locator(CHART).first.hover()  # shows the toolbar (and may scroll the chart into view)
    page.locator("[data-title='Box Select']").first.click()
    area = plot_area(page)
    corners = page.evaluate(f"""([x0, y0, x1, y1]) => {{ const p = ({_PLOT})(0);
        return [[p.r.left + p.fl.xaxis.l2p(x0), p.r.top + p.fl.yaxis.l2p(y1)],
                [p.r.left + p.fl.xaxis.l2p(x1), p.r.top + p.fl.yaxis.l2p(y0)]]; }}""", [x0, y0, x1, y1])
    (sx0, sy0), (sx1, sy1) = corners
    page.mouse.move(sx0, sy0)
    page.mouse.down()
    page.mouse.move((sx0 + sx1) / 2, (sy0 + sy1) / 2, steps=4)
    page.mouse.move(sx1, sy1, steps=4)
    page.mouse.up()
    return area


_BADGES = """() => {
    const gd = document.querySelector("[data-testid='stPlotlyChart'] .js-plotly-plot");
    if (!gd || !gd._fullData || !gd._fullData.length || !gd._fullLayout) return null;
    const badges = gd._fullData[0], anns = gd._fullLayout.annotations || [], out = {};
    if (!badges.text || !badges.x) return null;
    for (let i = 0; i < badges.x.length; i++) {
        const a = anns.find(a => Math.abs(a.x - badges.x[i]) < 1e-6 && Math.abs(a.y - badges.y[i]) < 1e-6);
        out[badges.text[i].replace(/<\\/?b>/g, '')] = a ? a.text : null;
    }
    return out;
}"""


def badge_counts(page: Page) -> dict[int, int]:
    """Sembilan Kotak / Kalibrasi scatter: box → the count written next to its badge ('<b>163</b> · 2,7%'),
    once plotly has drawn all nine."""
    page.wait_for_function(f"(() => {{ const t = ({_BADGES})(); return t && Object.keys(t).length === 9 "
                           "&& Object.values(t).every(Boolean); })")
    texts = page.evaluate(_BADGES)
    return {int(k): number(re.match(r"<b>([\d.]+)</b>", v).group(1)) for k, v in texts.items()}


def wait_for_badges(page: Page, expected: dict[int, int]) -> dict[int, int]:
    """The badge counts, once they are ``expected`` (a rerun redraws them a moment after it ends);
    returns what is drawn, for the caller's assertion."""
    want = {str(k): fmt(v) for k, v in expected.items()}
    try:
        page.wait_for_function(
            f"""want => {{ const t = ({_BADGES})(); return t && Object.keys(t).length === 9 && Object.entries(want)
                .every(([k, v]) => t[k] && t[k].replace(/<\\/?b>/g, '').split(' ')[0] === v); }}""",
            arg=want, timeout=30_000)
    except PlaywrightTimeout:  # the caller's assertion shows what is drawn instead
        pass
    return badge_counts(page)


# -- Impor Data: one drop of a period's files --------------------------------------------------------
#: the page's stable hooks (widget/container keys): the uploader, the one report, the button, the success
IMPORT_UPLOADER = "[data-testid='stFileUploader'] input[type='file']"
IMPORT_REPORT = ".st-key-impor_drop_report"
IMPORT_SUBMIT = ".st-key-impor_submit button"
IMPORT_DONE = ".st-key-impor_done"


def drop_files(page: Page, paths: list) -> Locator:
    """Drop files on the Impor Data uploader (shown) at once and wait until the one report names
    every file; returns the report."""
    settled(page)
    page.locator(IMPORT_UPLOADER).first.set_input_files([str(p) for p in paths])
    report = page.locator(IMPORT_REPORT)
    expect(report).to_be_visible()
    for p in paths:
        expect(report).to_contain_text(Path(p).name)
    settled(page)
    return report


def import_dropped(page: Page) -> Locator:
    """Click the one import button of the shown report (first confirming, on the demo, that the
    first real import removes it) and wait for the success; returns the success block. A drop of several
    files goes on to Sembilan Kotak of its period (the block is there, with a link back to Impor Data); a lone
    file's success stays on Impor Data, with a link to that 9-box."""
    submit = page.locator(IMPORT_SUBMIT)
    confirm = page.locator(".st-key-impor_demo_confirm label")
    if confirm.count():
        confirm.click()
        wait_for_rerun(page, lambda: expect(submit).to_be_enabled())
    expect(submit).to_be_enabled()
    submit.click()
    done = page.locator(IMPORT_DONE)
    wait_for_rerun(page, done)
    return done


# -- artifacts -------------------------------------------------------------------------------------
def shot(page: Page, name: str, full_page: bool = False) -> Path:
    """A screenshot in tests/artifacts/ (mouse out of the way, so no hover card covers the page)."""
    page.mouse.move(5, 5)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / name
    page.screenshot(path=str(path), full_page=full_page)
    return path


def shot_whole(page: Page, name: str, width: int = 1600, back_to: int | None = 1000) -> Path:
    """The whole page: Streamlit scrolls inside its main block, so grow the viewport to the content,
    wait for the layout to settle there, shoot, then (``back_to``) shrink it again."""
    page.mouse.move(5, 5)
    content = page.locator("[data-testid='stMainBlockContainer']").evaluate("e => e.scrollHeight")
    page.set_viewport_size({"width": width, "height": min(4000, content + 120)})
    settled(page)
    # every chart in view has been laid out for its container
    page.wait_for_function("""() => [...document.querySelectorAll("[data-testid='stPlotlyChart'] .js-plotly-plot")]
        .filter(gd => gd.getBoundingClientRect().width > 0)
        .every(gd => gd._fullLayout && Math.abs(gd._fullLayout.width - gd.getBoundingClientRect().width) < 2)""")
    path = shot(page, name, full_page=True)
    if back_to:
        page.set_viewport_size({"width": width, "height": back_to})
    return path
