"""The frame every page shares: database check, login gate, language, period and global filters."""
from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from common.fmt import plain
from common.i18n import LANGUAGES, t
from data.auth import DEMO_VISITOR, User
from data.store import Filters, Scope, Store, StoreError
from ui import services
from ui.user import log_out, logged_in, touch

# Rows a list of people sends to the browser; above it a page shows the first ones and says how many
# there are (a national roll must not travel to the browser on every rerun).
LIST_LIMIT = 5_000

KEY_LANG, KEY_PERIOD, KEY_OPD, KEY_JENIS, KEY_ASN = "lang", "periode", "opd", "jabatan", "asn"


@dataclass(frozen=True)
class Context:
    period: int
    filters: Filters
    synthetic: bool
    scope: Scope


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


def gate(store: Store) -> User | None:
    """Who may proceed: the logged-in user, the demo visitor (synthetic data only), or nobody."""
    if not touch(int(store.setting("sesi_diam_menit") or 120)):
        log_out(t("masuk.idle"))
    user = logged_in()
    if user is not None:
        row = store.user(user.username)
        if row is None or not bool(row["aktif"]):  # disabled while logged in
            log_out(t("masuk.disabled"))
            return None if store.has_real_data() else DEMO_VISITOR
        return user
    return None if store.has_real_data() else DEMO_VISITOR


def language_picker() -> None:
    st.sidebar.selectbox(t("sidebar.language"), list(LANGUAGES), format_func=LANGUAGES.get, key=KEY_LANG,
                         bind="query-params")


def user_box(user: User) -> None:
    sb = st.sidebar
    if logged_in() is None:
        sb.caption(t("sidebar.demo_visitor"))
        return
    sb.caption(t("sidebar.user", nama=plain(user.nama), role=user.role))
    if sb.button(t("sidebar.logout"), key="keluar", icon=":material/logout:"):
        services.store().audit(user.username, "logout", f"user:{user.username}")
        log_out(t("masuk.bye"))
        st.rerun()


def sidebar_filters(user: User) -> Context | None:
    s = services.store()
    periods = s.periods()
    if not periods:
        return None
    scope = user.scope
    sb = st.sidebar
    period = sb.selectbox(t("sidebar.period"), periods[::-1], key=KEY_PERIOD, bind="query-params")
    sb.markdown(f"**{t('sidebar.filters')}**")
    opd = s.opd()
    if scope.opd_ids is not None:
        opd = opd[opd["opd_id"].isin(scope.opd_ids)]
    names = dict(zip(opd["opd_id"], opd["nama"]))
    opd_ids = sb.multiselect(t("sidebar.opd"), list(names), format_func=lambda k: names.get(k, k),
                             key=KEY_OPD, placeholder=t("sidebar.all"), bind="query-params")
    kinds = s.job_levels()["jenis_jabatan"].drop_duplicates().tolist()
    jenis = sb.multiselect(t("sidebar.jenis_jabatan"), kinds, key=KEY_JENIS, placeholder=t("sidebar.all"),
                           bind="query-params")
    asn = sb.multiselect(t("sidebar.jenis_asn"), ["PNS", "PPPK"], key=KEY_ASN, placeholder=t("sidebar.all"),
                         bind="query-params")
    return Context(period=int(period), filters=Filters(tuple(opd_ids), tuple(jenis), tuple(asn)),
                   synthetic=s.has_synthetic_data(), scope=scope)


def context() -> Context:
    """The shared context set up by app.py for the page being run."""
    return st.session_state["_context"]


PRESENTATION_CSS = """
<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stHeader"],
[data-testid="stToolbar"], [data-testid="stDecoration"], [data-testid="stExpandSidebarButton"] {display: none;}
.block-container, [data-testid="stMainBlockContainer"] {padding-top: 1.2rem; max-width: 100%;}
[data-testid="stMain"] h1 {font-size: 2.9rem; color: #0b3d2e; line-height: 1.15;}
[data-testid="stMain"] [data-testid="stCaptionContainer"] {font-size: 1.15rem; color: #333;}
[data-testid="stMetricValue"], [data-testid="stMetricValue"] * {font-size: 3.4rem !important; font-weight: 700;
  color: #0b3d2e; line-height: 1.2;}
[data-testid="stMetricLabel"] p {font-size: 1.35rem !important; color: #1b1b1b;}
[data-testid="stMain"] li, [data-testid="stMain"] p {font-size: 1.3rem;}
[data-testid="stTable"] table {font-size: 1.25rem;}
[data-testid="stTable"] th {background: #0b6e4f; color: #fff;}
</style>
"""


def presentation_style() -> None:
    """Projector layout: no sidebar, header or toolbar; large type and strong contrast."""
    st.html(PRESENTATION_CSS)
