"""The frame every page shares: database check, language, period and global filters."""
from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from data.store import Filters, StoreError
from ui import services
from ui.i18n import LANGUAGES, t

KEY_LANG, KEY_PERIOD, KEY_OPD, KEY_JENIS, KEY_ASN = "lang", "periode", "opd", "jabatan", "asn"


@dataclass(frozen=True)
class Context:
    period: int
    filters: Filters
    synthetic: bool


def open_database() -> bool:
    """Open the database, building the demo data when it holds none. False = error shown."""
    try:
        s = services.store()
        if not s.periods() and not s.has_real_data():
            from data.synthetic import load_demo
            with st.spinner(t("app.db_building")):
                load_demo(s)
        return True
    except StoreError as exc:
        st.error(f"**{t('app.db_error')}**\n\n{exc}")
        return False


def language_picker() -> None:
    st.sidebar.selectbox(t("sidebar.language"), list(LANGUAGES), format_func=LANGUAGES.get, key=KEY_LANG,
                         bind="query-params")


def sidebar_filters() -> Context | None:
    s = services.store()
    periods = s.periods()
    if not periods:
        st.info(t("app.no_periods"))
        return None
    sb = st.sidebar
    period = sb.selectbox(t("sidebar.period"), periods[::-1], key=KEY_PERIOD, bind="query-params")
    sb.markdown(f"**{t('sidebar.filters')}**")
    opd = s.opd()
    names = dict(zip(opd["opd_id"], opd["nama"]))
    opd_ids = sb.multiselect(t("sidebar.opd"), list(names), format_func=lambda k: names.get(k, k),
                             key=KEY_OPD, placeholder=t("sidebar.all"), bind="query-params")
    kinds = s.job_levels()["jenis_jabatan"].drop_duplicates().tolist()
    jenis = sb.multiselect(t("sidebar.jenis_jabatan"), kinds, key=KEY_JENIS, placeholder=t("sidebar.all"),
                           bind="query-params")
    asn = sb.multiselect(t("sidebar.jenis_asn"), ["PNS", "PPPK"], key=KEY_ASN, placeholder=t("sidebar.all"),
                         bind="query-params")
    return Context(period=int(period), filters=Filters(tuple(opd_ids), tuple(jenis), tuple(asn)),
                   synthetic=s.has_synthetic_data())


def context() -> Context:
    """The shared context set up by app.py for the page being run."""
    return st.session_state["_context"]
