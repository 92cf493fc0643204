"""The login form (used by the Masuk page and by the stand-ins for deep links while logged out)."""
from __future__ import annotations

import streamlit as st

from common.i18n import t
from data.auth import WRONG, authenticate, start_session
from ui import services
from ui.user import KEY_NOTICE, log_in


def render() -> None:
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
        user, problem = authenticate(store, username, password, _source())
        if user is None:
            st.error(t("masuk.wrong") if problem == WRONG else problem)
        else:
            token, session = start_session(store, user)  # the cookie gets the token on the next run
            log_in(user, session, token)
            st.rerun()


def _source() -> str | None:
    """The browser's address for login throttling (None on this machine: Streamlit gives none for
    localhost, nor through a reverse proxy on this machine, where every login shares one source)."""
    try:
        ip = st.context.ip_address
    except Exception:  # no browser behind this run (AppTest)
        return None
    return ip if isinstance(ip, str) and ip else None


def stand_in(url_path: str):
    """A page function that shows the login form under another page's URL, so a deep link asked
    for while logged out gets the form (not Streamlit's 'page not found') and, after login, the
    page it asked for."""
    def page() -> None:
        render()
    page.__name__ = "masuk_" + url_path.replace("-", "_")
    return page
