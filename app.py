"""Talenta: the frame shared by every page (config, data check, login gate, language, filters).

Page scripts live in ``app_pages/``, not ``pages/``: with a folder named
``pages/`` Streamlit would run a deep-linked page without this file, and so
without the login gate below. See README.
"""
from __future__ import annotations

from pathlib import Path

import streamlit as st

from common.i18n import t
from data import memory
from ui import chart_preload, frame, privacy, serve, services
from ui import login as login_form
from ui.user import logged_in

# Every page path the app has: each is registered for everyone (a stand-in where the user may not open
# it), so a reload or a shared link never meets Streamlit's English "Page not found" dialog.
PAGE_PATHS = ("beranda", "sembilan-kotak", "pergerakan", "kalibrasi", "impor", "audit", "pengembangan", "suksesi",
              "presentasi", "masuk", "aturan", "siklus")
PRESENTATION = "presentasi"
FAVICON = Path(__file__).parent / "ui" / "assets" / "favicon.png"

# The icon is a file served by this server (a material icon would be fetched from a font host: a request
# that leaves the machine, and an error offline).
st.set_page_config(page_title="Talenta ASN", page_icon=FAVICON, layout="wide")
chart_preload.render()   # the chart library fetched and compiled while this first run computes
memory.return_large_blocks()  # national-size frames go back to the OS when a cache drops them

frame.language_picker()
if not frame.open_database():
    st.stop()
store = services.store()
user = frame.gate(store)
requested = frame.requested_path()  # the path a (re)load asked for; None after a click in the menu
login = st.Page("app_pages/masuk.py", title=t("nav.masuk"), icon=":material/login:", url_path="masuk")
if user is None:  # real data and nobody logged in: every URL shows the login form, nothing else runs
    stand_ins = [st.Page(login_form.stand_in(path), title=t("nav.masuk"), url_path=path)
                 for path in PAGE_PATHS if path != "masuk"]
    st.navigation([login, *stand_ins, *frame.not_found_page(requested, PAGE_PATHS, login)], position="hidden").run()
    st.stop()

frame.user_box(user)
ctx = frame.sidebar_filters(user)
made: dict[str, st.Page] = {}  # url path -> page (a default page's own url_path reads "")


bookmarked_home: list[st.Page] = []  # the home page when this run asked for it by its own path


def add(script: str, title: str, icon: str, url_path: str, default: bool = False) -> st.Page:
    at_own_path = default and requested == url_path
    made[url_path] = st.Page(f"app_pages/{script}.py", title=title, icon=f":material/{icon}:", url_path=url_path,
                             default=default and not at_own_path)
    if at_own_path:
        bookmarked_home.append(made[url_path])
    return made[url_path]


pages: dict[str, list] = {}
if ctx is not None and user.can("lihat"):
    st.session_state["_context"] = ctx
    if ctx.synthetic:
        st.warning(t("app.synthetic_banner"), icon=":material/science:")
    pages[t("nav.section.main")] = [add("beranda", t("nav.beranda"), "home", "beranda", default=True)]
    pages[t("nav.section.analysis")] = [
        add("sembilan_kotak", t("nav.sembilan_kotak"), "grid_on", "sembilan-kotak"),
        add("pergerakan", t("nav.pergerakan"), "swap_vert", "pergerakan"),
        add("pengembangan", t("dev.nav"), "school", "pengembangan"),
        add("suksesi", t("suk.nav"), "account_tree", "suksesi"),
        add("siklus", t("siklus.nav"), "autorenew", "siklus")]
    pages[t("nav.section.main")].append(add("presentasi", t("pres.nav"), "co_present", PRESENTATION))
admin = []
if user.can("impor"):
    admin.append(add("impor", t("nav.impor"), "upload_file", "impor", default=not pages))
if user.can("audit:lihat"):
    admin.append(add("audit", t("nav.audit"), "policy", "audit"))
if user.can("aturan:ubah"):
    admin.append(add("aturan", t("aturan.nav"), "menu_book", "aturan"))
if logged_in() is None:  # demo visitor: admins log in here to import real data
    admin.append(add("masuk", t("nav.masuk_admin"), "login", "masuk", default=not pages))
if ctx is not None and (user.can("kalibrasi") or user.can("penetapan")):
    pages.setdefault(t("nav.section.analysis"), []).append(add("kalibrasi", t("nav.kalibrasi"), "balance", "kalibrasi"))
if admin:
    pages[t("nav.section.admin")] = admin
if not pages:
    st.info(t("app.no_periods"))
    st.stop()
# Paths this user may not open say so (hidden from the menu); an unknown path says it does not exist.
home = made.get("beranda") or made.get("impor") or next(iter(made.values()))
first = next(iter(pages.values()))
first += [frame.unavailable_page(path, home) for path in PAGE_PATHS if path not in made]
first += frame.not_found_page(requested, PAGE_PATHS, home)
first += [frame.root_page(p) for p in bookmarked_home]
page = st.navigation(pages)
presenting = page.url_path == PRESENTATION
if presenting and not st.session_state.get("_presenting"):
    privacy.turn_on()  # entering presentation mode: identities hidden until someone allowed turns it off
st.session_state["_presenting"] = presenting
if presenting:
    frame.presentation_style()  # the page draws the switch in its own control bar
else:
    privacy.switch(st.sidebar)
with services.snapshot():  # the whole page run reads one committed state
    page.run()
serve.after_page_run()  # the server's remaining warm-up waits for the first visitor's page
