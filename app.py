"""Talenta: the frame shared by every page (config, data check, language, filters).

Page scripts live in ``app_pages/``, not ``pages/``: with a folder named
``pages/`` Streamlit would run a deep-linked page without this file (and
without any gate placed here). See README.
"""
from __future__ import annotations

import streamlit as st

from ui import frame
from ui.i18n import t

st.set_page_config(page_title="Talenta ASN", page_icon=":material/grid_view:", layout="wide")

frame.language_picker()
if frame.open_database():
    ctx = frame.sidebar_filters()
    if ctx is not None:
        st.session_state["_context"] = ctx
        if ctx.synthetic:
            st.warning(t("app.synthetic_banner"), icon=":material/science:")
        pages = {
            t("nav.section.main"): [
                st.Page("app_pages/beranda.py", title=t("nav.beranda"), icon=":material/home:", url_path="beranda",
                        default=True),
            ],
            t("nav.section.analysis"): [
                st.Page("app_pages/sembilan_kotak.py", title=t("nav.sembilan_kotak"), icon=":material/grid_on:",
                        url_path="sembilan-kotak"),
            ],
            t("nav.section.admin"): [
                st.Page("app_pages/impor.py", title=t("nav.impor"), icon=":material/upload_file:", url_path="impor"),
            ],
        }
        st.navigation(pages).run()
