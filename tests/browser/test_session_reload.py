"""Real browser: a reload keeps the login (server-side session + cookie), a logout ends it, and
paths a visitor may not open, or that do not exist, say so in Indonesian instead of Streamlit's
English "Page not found" dialog."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.actions import (
    NAV,
    SIDEBAR,
    login,
    login_form,
    nav,
    new_page,
    open_page,
    settled,
    shot,
    wait_for_rerun,
)

COOKIE = "talenta_sesi"
NOT_FOUND_EN = "Page not found"


@pytest.fixture(scope="module")
def real(served_copy):
    with served_copy("real", users=[("komite1", "komite")]) as (url, _):
        yield url


@pytest.fixture(scope="module")
def demo(served_copy):
    with served_copy("demo") as (url, _):
        yield url


def _session_cookie(page) -> dict | None:
    return next((c for c in page.context.cookies() if c["name"] == COOKIE), None)


def _no_english_dialog(page) -> None:
    expect(page.get_by_role("dialog").filter(has_text=NOT_FOUND_EN)).to_have_count(0)
    expect(page.get_by_text(NOT_FOUND_EN)).to_have_count(0)


def test_a_reload_keeps_the_login_until_logout(browser, real):
    page = new_page(browser, watch_dialogs=True)
    open_page(page, real)
    login(page, "komite1")
    nav(page, "Sembilan Kotak")
    title = page.get_by_role("heading", name="Sembilan Kotak", exact=True)
    expect(title).to_be_visible()
    page.wait_for_function(f"document.cookie.includes('{COOKIE}=')")  # written by the bundled component
    cookie = _session_cookie(page)
    assert cookie["path"] == "/" and cookie["sameSite"] == "Strict" and cookie["expires"] == -1  # browser session
    assert not cookie["secure"]  # plain http here; the component adds Secure on https
    assert cookie["value"] not in page.url  # nothing about the login in the URL

    page.reload()
    wait_for_rerun(page, title, page.locator(NAV))
    expect(page).to_have_url(re.compile(r"/sembilan-kotak(\?.*)?$"))
    expect(page.get_by_role("heading", name="Masuk ke Talenta ASN")).to_have_count(0)
    expect(page.locator(SIDEBAR)).to_contain_text("komite1")
    component = page.locator(".st-key-talenta_sesi_cookie")
    expect(component).to_have_count(1)
    expect(component).to_be_hidden()  # mounted, yet takes no room on the page

    page.locator(SIDEBAR).get_by_role("button", name="Keluar").click()
    login_form(page)
    expect(page.get_by_text("Anda telah keluar.")).to_be_visible()
    page.wait_for_function(f"!document.cookie.includes('{COOKIE}=')")
    page.reload()
    login_form(page)
    expect(page.locator(NAV)).to_have_count(0)
    _no_english_dialog(page)
    assert page.js_dialogs == []


def test_a_revoked_cookie_put_back_opens_nothing(browser, real):
    """The server ends the session at logout: a copy of the old cookie is worthless."""
    page = new_page(browser)
    open_page(page, real)
    login(page, "komite1")
    page.wait_for_function(f"document.cookie.includes('{COOKIE}=')")
    stolen = _session_cookie(page)
    page.locator(SIDEBAR).get_by_role("button", name="Keluar").click()
    login_form(page)
    page.context.add_cookies([{k: stolen[k] for k in ("name", "value", "domain", "path", "sameSite")}])
    page.reload()
    login_form(page)
    expect(page.locator(NAV)).to_have_count(0)


def test_demo_visitor_gets_indonesian_messages_for_forbidden_and_unknown_paths(browser, demo):
    page = new_page(browser, watch_dialogs=True)
    open_page(page, demo, "impor")
    expect(page.get_by_role("heading", name="Halaman tidak tersedia untuk Anda")).to_be_visible()
    _no_english_dialog(page)
    shot(page, "halaman-tidak-tersedia.png")
    expect(page.locator(NAV).get_by_role("link", name="Impor Data")).to_have_count(0)  # still not in the menu
    page.get_by_role("link", name="Kembali ke Beranda").click()
    wait_for_rerun(page, page.get_by_role("heading", name="Beranda", exact=True))

    open_page(page, demo, "beranda")   # the home page's own path, as a bookmark keeps it, leads home
    wait_for_rerun(page, page.get_by_role("heading", name="Beranda", exact=True))
    _no_english_dialog(page)

    open_page(page, demo, "nonexistent")
    expect(page.get_by_role("heading", name="Halaman tidak ditemukan")).to_be_visible()
    settled(page)
    _no_english_dialog(page)
    expect(page.locator(NAV)).to_be_visible()  # the menu is there to go on

    open_page(page, demo, "kalibrasi")
    expect(page.get_by_role("heading", name="Halaman tidak tersedia untuk Anda")).to_be_visible()
    _no_english_dialog(page)

    open_page(page, demo, "aturan")   # the rules' sources are for admins
    expect(page.get_by_role("heading", name="Halaman tidak tersedia untuk Anda")).to_be_visible()
    _no_english_dialog(page)
    assert page.js_dialogs == []


def test_logged_out_unknown_path_says_so_and_leads_to_the_login(browser, real):
    page = new_page(browser)
    open_page(page, real, "tidak-ada")
    expect(page.get_by_role("heading", name="Halaman tidak ditemukan")).to_be_visible()
    _no_english_dialog(page)
    page.get_by_role("link", name=re.compile("^Kembali ke")).click()
    login_form(page)
