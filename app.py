"""Talenta: the frame shared by every page (config, data check, login gate, language, filters).

Page scripts live in ``app_pages/``, not ``pages/``: with a folder named
``pages/`` Streamlit would run a deep-linked page without this file, and so
without the login gate below. See README.
"""
from __future__ import annotations

import streamlit as st

from common.i18n import t
from data import memory
from ui import frame, privacy, services
from ui import login as login_form
from ui.user import logged_in

PAGE_PATHS = ("beranda", "sembilan-kotak", "pergerakan", "kalibrasi", "impor", "audit", "pengembangan", "suksesi",
              "presentasi")
PRESENTATION = "presentasi"

st.set_page_config(page_title="Talenta ASN", page_icon=":material/grid_view:", layout="wide")
memory.return_large_blocks()  # national-size frames go back to the OS when a cache drops them

frame.language_picker()
if not frame.open_database():
    st.stop()
store = services.store()
user = frame.gate(store)
login = st.Page("app_pages/masuk.py", title=t("nav.masuk"), icon=":material/login:", url_path="masuk")
if user is None:  # real data and nobody logged in: every URL shows the login form, nothing else runs
    stand_ins = [st.Page(login_form.stand_in(path), title=t("nav.masuk"), url_path=path) for path in PAGE_PATHS]
    st.navigation([login, *stand_ins], position="hidden").run()
    st.stop()

frame.user_box(user)
ctx = frame.sidebar_filters(user)
pages: dict[str, list] = {}
if ctx is not None and user.can("lihat"):
    st.session_state["_context"] = ctx
    if ctx.synthetic:
        st.warning(t("app.synthetic_banner"), icon=":material/science:")
    pages[t("nav.section.main")] = [
        st.Page("app_pages/beranda.py", title=t("nav.beranda"), icon=":material/home:", url_path="beranda",
                default=True)]
    pages[t("nav.section.analysis")] = [
        st.Page("app_pages/sembilan_kotak.py", title=t("nav.sembilan_kotak"), icon=":material/grid_on:",
                url_path="sembilan-kotak"),
        st.Page("app_pages/pergerakan.py", title=t("nav.pergerakan"), icon=":material/swap_vert:",
                url_path="pergerakan"),
        st.Page("app_pages/pengembangan.py", title=t("dev.nav"), icon=":material/school:",
                url_path="pengembangan"),
        st.Page("app_pages/suksesi.py", title=t("suk.nav"), icon=":material/account_tree:",
                url_path="suksesi")]
    pages[t("nav.section.main")].append(
        st.Page("app_pages/presentasi.py", title=t("pres.nav"), icon=":material/co_present:",
                url_path=PRESENTATION))
admin = []
if user.can("impor"):
    admin.append(st.Page("app_pages/impor.py", title=t("nav.impor"), icon=":material/upload_file:",
                         url_path="impor", default=not pages))
if user.can("audit:lihat"):
    admin.append(st.Page("app_pages/audit.py", title=t("nav.audit"), icon=":material/policy:", url_path="audit"))
if logged_in() is None:  # demo visitor: admins log in here to import real data
    admin.append(st.Page("app_pages/masuk.py", title=t("nav.masuk_admin"), icon=":material/login:",
                         url_path="masuk", default=not pages))
if ctx is not None and (user.can("kalibrasi") or user.can("penetapan")):
    pages.setdefault(t("nav.section.analysis"), []).append(
        st.Page("app_pages/kalibrasi.py", title=t("nav.kalibrasi"), icon=":material/balance:", url_path="kalibrasi"))
if admin:
    pages[t("nav.section.admin")] = admin
if not pages:
    st.info(t("app.no_periods"))
    st.stop()
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
