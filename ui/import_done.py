"""An import's success, shown once where the user goes on: on Impor Data with a link to Sembilan Kotak of
the imported period, or, after a drop of a period's files, on Sembilan Kotak itself (the import click's
callback switches there: Impor Data does not run in between). Light on purpose: Sembilan Kotak imports it
without the importer."""
from __future__ import annotations

import logging

import streamlit as st

from common.i18n import t
from ui.frame import KEY_PERIOD

LOG = logging.getLogger(__name__)
DONE = "impor_done"          # the success of the last import: {message, period, go}, shown once


NINEBOX = "app_pages/sembilan_kotak.py"


def done_notice() -> None:
    """On Impor Data: the last import's success (once) with a link to Sembilan Kotak of its period. A lone
    file's success stays here (a lone file is most often a correction, checked in the history below); a drop
    of a period's files goes on to Sembilan Kotak, which shows it: from the click (:func:`go_to_period`), or
    from here when the click could not."""
    done = st.session_state.pop(DONE, None)
    if not done:
        return
    if done.get("go"):
        st.session_state[DONE] = {**done, "go": False}
        try:
            st.switch_page(NINEBOX)
        except st.errors.StreamlitAPIException:   # this user has no Sembilan Kotak: the success here
            st.session_state.pop(DONE, None)
            LOG.debug("Impor Data: no Sembilan Kotak to go to", exc_info=True)
    with st.container(key="impor_done"):
        st.success(done["message"])
        if done.get("period") is not None:
            try:
                st.page_link(NINEBOX, label=t("impor.drop_open_ninebox", period=done["period"]),
                             icon=":material/grid_on:", query_params={"periode": str(done["period"])})
            except Exception:   # this user has no Sembilan Kotak (or no period yet): the success alone
                LOG.debug("Impor Data: no link to Sembilan Kotak", exc_info=True)


def go_to_period(period: int) -> None:
    """In the import click's callback: the imported period becomes the sidebar's (it is bound to the URL,
    which a page switch may not set), and the next run is Sembilan Kotak's, which shows the success
    (:func:`done_banner`). Switched here, before the run, Impor Data does not run in between (its frame and
    tabs drawn, then dropped by the switch: server and browser time). Where the callback does not know the
    session's pages (a test's fresh runner), Impor Data's run switches (:func:`done_notice`)."""
    st.session_state[KEY_PERIOD] = period
    try:
        st.switch_page(NINEBOX)   # stops the callback; Streamlit runs Sembilan Kotak next
    except st.errors.StreamlitAPIException:
        st.session_state[DONE]["go"] = True


def done_banner() -> None:
    """On Sembilan Kotak, after a drop went there: its success (once) and the way back to its history."""
    done = st.session_state.pop(DONE, None)
    if not done:
        return
    with st.container(key="impor_done"):
        st.success(done["message"])
        st.page_link("app_pages/impor.py", label=t("impor.drop_back"), icon=":material/history:")
