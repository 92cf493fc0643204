"""Real browser: no page asks anything of a host other than the app's own.

Talenta runs on a laptop in a meeting room, often offline, with personal data on screen: a font, an
icon or a script fetched from elsewhere is an error offline and a request that leaves the machine
(the favicon came from a Google font host). An admin (who has every page) opens every page of the
demo; every request the pages make is recorded (Chromium runs behind a dead proxy, so an outside
request fails, but the page still makes it and the test still sees it).
"""
from __future__ import annotations

from urllib.parse import urlparse

import pytest
from playwright.sync_api import expect

from tests.browser.actions import HEADING, MAIN, login, new_page, open_page, settled

#: url path → what shows once the page is drawn (every page of app.py's PAGE_PATHS an admin may open)
PAGES = {"beranda": HEADING, "sembilan-kotak": HEADING, "pergerakan": HEADING, "pengembangan": HEADING,
         "suksesi": HEADING, "kalibrasi": HEADING, "presentasi": f"{MAIN} h1", "impor": HEADING, "audit": HEADING,
         "aturan": HEADING}


@pytest.fixture(scope="module")
def served(served_copy):
    with served_copy("demo", users=[("admin", "admin", None)]) as (url, _):
        yield url


def test_every_page_asks_only_the_app_itself(browser, served):
    own = urlparse(served).netloc
    page = new_page(browser, 1366, 768)
    requests: list[tuple[str, str]] = []   # (page it was on, url) for every request off this app
    where = {"path": "masuk"}

    def record(request) -> None:
        u = urlparse(request.url)
        if u.scheme in ("http", "https", "ws", "wss") and u.netloc != own:
            requests.append((where["path"], request.url))

    page.on("request", record)
    open_page(page, served, "masuk")
    login(page, "admin")
    for path, ready in PAGES.items():
        where["path"] = path
        open_page(page, served, path, ready=ready)
        expect(page.get_by_text("Halaman tidak tersedia")).to_have_count(0)   # the admin has this page
        settled(page)
    icon = page.evaluate("() => [...document.querySelectorAll(\"link[rel~='icon']\")].map(l => l.href)")
    assert icon and all(urlparse(h).netloc == own or h.startswith("data:") for h in icon), icon
    assert requests == [], requests
    page.close()


def test_the_chart_library_is_fetched_from_this_server_before_any_chart(browser, served):
    """The login page draws no chart; the session's first run already asked for plotly's chunk (a
    modulepreload of this server's file), so the first page with a chart does not wait for it."""
    own = urlparse(served).netloc
    page = open_page(new_page(browser, 1366, 768), served, "masuk")
    expect(page.locator("link[data-talenta-preload]")).to_have_count(1)
    href = page.locator("link[data-talenta-preload]").get_attribute("href")
    assert urlparse(href).netloc == own and "/static/js/PlotlyChart." in href
    page.wait_for_function("h => performance.getEntriesByType('resource').some(r => r.name === h && r.responseEnd > 0)",
                           arg=href)
    assert page.locator("[data-testid='stPlotlyChart']").count() == 0
    page.close()
