"""Masuk: the login form."""
from __future__ import annotations

import streamlit as st

from data.auth import authenticate
from ui import services
from ui.i18n import t
from ui.user import KEY_NOTICE, log_in

st.title(t("masuk.title"))
if notice := st.session_state.pop(KEY_NOTICE, None):
    st.info(notice)
store = services.store()
if store.user_count() == 0:
    st.warning(t("masuk.no_users"))
with st.form("masuk", border=True, enter_to_submit=True):
    username = st.text_input(t("masuk.username"), key="masuk_username", max_chars=40, autocomplete="username")
    password = st.text_input(t("masuk.password"), key="masuk_password", type="password", max_chars=200,
                             autocomplete="current-password")
    submitted = st.form_submit_button(t("masuk.submit"), type="primary")
if submitted:
    user, problem = authenticate(store, username, password)
    if user is None:
        st.error(problem)
    else:
        log_in(user)
        st.rerun()
