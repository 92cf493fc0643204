"""The frame every page shares: database check, login gate, language, period and global filters."""
from __future__ import annotations

import logging
import time
from dataclasses import dataclass

import streamlit as st

from common.fmt import plain
from common.i18n import LANGUAGES, t
from data import auth
from data.auth import DEMO_VISITOR, User
from data.store import DatabaseDamaged, DatabaseLocked, Filters, Scope, Store, StoreError
from ui import drafts, services, session_cookie
from ui.user import KEY_NOTICE, KEY_TOUCHED, KEY_TRIED, KEY_USER, log_in, log_out, logged_in, session_id, session_token

_log = logging.getLogger(__name__)

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
        # The full message names files and folders: for the server log (and the command line, which
        # prints the same), never for a page anyone can open before logging in.
        _log.error("Basis data tidak dapat dibuka: %s", exc)
        key = "app.db_locked" if isinstance(exc, DatabaseLocked) else \
            "app.db_damaged" if isinstance(exc, DatabaseDamaged) else "app.db_unavailable"
        st.error(f"**{t('app.db_error')}**\n\n{t(key)}")
        return False


def gate(store: Store) -> User | None:
    """Who may proceed: the logged-in user, the demo visitor (synthetic data only), or nobody.

    A login is a server-side session checked on every run (ended elsewhere, idle too long, user
    disabled: logged out here with a notice). Without one, the session cookie a reload sent is
    tried once; the cookie is then written or deleted to match."""
    idle = _setting_number(store, "sesi_diam_menit", 120)
    sid = session_id()
    if sid is not None:
        check = auth.check_session(store, idle, session_id=sid)
        if check.user is None:
            _logged_out(sid, session_token(), check.reason)
        else:
            st.session_state[KEY_USER] = check.user  # the role as the database has it now
            st.session_state[_CHECKED_AT] = time.monotonic()
            st.session_state[KEY_TOUCHED] = auth.touch_session(store, sid, st.session_state.get(KEY_TOUCHED),
                                                               time.monotonic())
    elif logged_in() is not None:  # a user without a server-side session is not logged in
        log_out()
    elif (token := session_cookie.read()) is not None and st.session_state.get(KEY_TRIED) != token:
        st.session_state[KEY_TRIED] = token  # the cookie stays as sent at connection: try it once
        check = auth.check_session(store, idle, token=token)
        if check.user is not None:
            log_in(check.user, str(check.session_id), token)
            st.session_state[KEY_TOUCHED] = auth.touch_session(store, str(check.session_id), None,
                                                               time.monotonic())
        else:
            if check.reason != auth.ENDED_LOGOUT:  # why the login form is back (idle, disabled, ended)
                st.session_state[KEY_NOTICE] = t(_NOTICES.get(check.reason or "", "masuk.ended"))
            session_cookie.delete_later(token)
    session_cookie.render(session_token())
    user = logged_in()
    if user is not None:
        _idle_watch(idle, max(1.0, _setting_number(store, "sesi_periksa_detik", 30)))
        return user
    return None if store.has_real_data() else DEMO_VISITOR


def _setting_number(store: Store, key: str, default: float) -> float:
    try:
        return float(store.setting(key) or default)
    except ValueError:
        return default


_watchers: dict[float, object] = {}
_CHECKED_AT = "_sesi_diperiksa"   # when this session's gate last found the login valid (monotonic seconds)


def _idle_watch(idle_minutes: float, every_seconds: float) -> None:
    """Clear the screen by itself once the login lapses (idle too long, ended in another tab or by an
    admin, user disabled), instead of leaving the data on screen until the next click: a fragment
    asks every ``every_seconds`` (setting ``sesi_periksa_detik``) and, when the session has lapsed,
    reruns the app, whose gate ends it and shows the login form with the reason. The asking is read
    only: it does not count as activity. Drawn inside a full run, right after the gate's own check,
    it does not ask again."""
    watch = _watchers.get(every_seconds)
    if watch is None:
        @st.fragment(run_every=every_seconds)
        def watch(idle: float) -> None:
            checked = st.session_state.get(_CHECKED_AT)
            if checked is not None and time.monotonic() - checked < every_seconds / 2:
                return
            sid = session_id()
            if sid is not None and auth.session_lapsed(services.store(), sid, idle):
                st.rerun(scope="app")
        _watchers[every_seconds] = watch
    with st.sidebar:
        watch(idle_minutes)


_NOTICES = {auth.ENDED_IDLE: "masuk.idle", auth.ENDED_DISABLED: "masuk.disabled", auth.ENDED_LOGOUT: "masuk.bye",
            auth.ENDED_UNKNOWN: "masuk.ended"}


def _logged_out(sid: str, token: str | None, reason: str | None, notice: str | None = None) -> None:
    """Forget this browser session's login (its server-side session already ended): drafts, state, cookie."""
    tried = session_cookie.read()
    drafts.drop_session(sid)
    log_out(notice or t(_NOTICES.get(reason or "", "masuk.ended")))
    st.session_state[KEY_TRIED] = tried  # the cookie sent at connection is spent: do not try it again
    session_cookie.delete_later(token)


def requested_path() -> str | None:
    """The page path a page (re)load asked for (``impor`` for ``/impor``), or None (a click in the menu,
    the root URL). Streamlit keeps it as the run's intended page name; read defensively, as it is not
    a public API: without it an unknown path falls back to Streamlit's own dialog."""
    try:
        from streamlit.runtime.scriptrunner import get_script_run_ctx
        name = get_script_run_ctx().pages_manager.intended_page_name
    except Exception:
        return None
    return name if isinstance(name, str) and 0 < len(name) <= 100 and "/" not in name else None


def unavailable_page(url_path: str, home: st.Page) -> st.Page:
    """A menu-hidden page under the path of a page this user may not open: it says so (Indonesian)
    and links back. ``masuk`` for someone logged in simply goes to ``home``."""
    def page() -> None:
        if url_path == "masuk":
            st.switch_page(home)
        st.title(t("app.unavailable_title"))
        st.info(t("app.unavailable_body"), icon=":material/lock:")
        st.page_link(home, label=t("app.back_home", page=home.title), icon=":material/arrow_back:")
    page.__name__ = "tidak_tersedia_" + url_path.replace("-", "_")
    return st.Page(page, title=t("app.unavailable_title"), url_path=url_path, visibility="hidden")


def root_page(home: st.Page) -> st.Page:
    """The root's page for a run asked for the home page by its own path (``/beranda``, a bookmark).
    Streamlit serves its default page only at the root and answers its path with an English "Page not
    found" dialog; so in such a run the home page is registered under its path and this menu-hidden
    page takes the root, leading to it."""
    def page() -> None:
        st.switch_page(home)
    page.__name__ = "akar"
    return st.Page(page, title=home.title, url_path="akar", default=True, visibility="hidden")


def not_found_page(requested: str | None, known: tuple[str, ...], home: st.Page) -> list[st.Page]:
    """For a path the app does not have, a menu-hidden page under that path saying so, instead of
    Streamlit's English "Page not found" dialog (none when the path is known)."""
    if requested is None or requested in known:
        return []

    def page() -> None:
        st.title(t("app.not_found_title"))
        st.info(t("app.not_found_body"), icon=":material/travel_explore:")
        st.page_link(home, label=t("app.back_home", page=home.title), icon=":material/arrow_back:")
    try:
        return [st.Page(page, title=t("app.not_found_title"), url_path=requested, visibility="hidden")]
    except Exception:  # a path Streamlit itself refuses as a page path
        return []


def language_picker() -> None:
    """The language, in the URL as its name (``lang=English``); a link may also say the code (``lang=en``),
    which the widget alone would refuse: a session's first run takes it."""
    asked = st.query_params.get(KEY_LANG)
    if asked in LANGUAGES and KEY_LANG not in st.session_state:
        st.session_state[KEY_LANG] = asked
    st.sidebar.selectbox(t("sidebar.language"), list(LANGUAGES), format_func=LANGUAGES.get, key=KEY_LANG,
                         bind="query-params")


def user_box(user: User) -> None:
    sb = st.sidebar
    if logged_in() is None:
        sb.caption(t("sidebar.demo_visitor"))
        return
    sb.caption(t("sidebar.user", nama=plain(user.nama), role=user.role))
    if sb.button(t("sidebar.logout"), key="keluar", icon=":material/logout:"):
        store, sid = services.store(), session_id()
        store.audit(user.username, "logout", f"user:{user.username}")
        if sid is not None:
            auth.end_session(store, sid, auth.ENDED_LOGOUT, user.username)
            _logged_out(sid, session_token(), auth.ENDED_LOGOUT, t("masuk.bye"))
        else:
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


#: The presentation stage is laid out at this size in CSS px and zoomed as a whole to the largest
#: 16:9 box that fits the window (letterboxed), so what fits at 1920x1080 fits on every screen
#: (decision 0023). A chart is the exception: Streamlit sizes it from the zoomed box, so it is
#: zoomed back (its own px are screen px) and fills its place; its text stays STAGE_MIN_FONT px.
STAGE_WIDTH, STAGE_HEIGHT = 1920, 1080
#: The smallest text on a slide, in stage px: 24 px on a 1920-wide screen, 24 * scale elsewhere
#: (17 px at 1366x768). Figures on a slide are raised to it by reports.slides.for_stage.
STAGE_MIN_FONT = 24

PRESENTATION_CSS = f"""
<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stHeader"],
[data-testid="stToolbar"], [data-testid="stDecoration"], [data-testid="stExpandSidebarButton"] {{display: none;}}
:root {{--stage-scale: 1;}}
html, body, [data-testid="stApp"], [data-testid="stAppViewContainer"], [data-testid="stMain"] {{overflow: hidden;}}
[data-testid="stMain"] {{background: #f2f4f3;}}
[data-testid="stMain"] .block-container, [data-testid="stMainBlockContainer"] {{
  position: fixed; width: {STAGE_WIDTH}px; height: {STAGE_HEIGHT}px; max-width: none; min-width: 0;
  margin: 0; padding: 20px 48px 12px; background: #fff; box-sizing: border-box; overflow: clip;
  zoom: var(--stage-scale);
  left: calc((100vw - {STAGE_WIDTH}px * var(--stage-scale)) / 2 / var(--stage-scale));
  top: calc((100vh - {STAGE_HEIGHT}px * var(--stage-scale)) / 2 / var(--stage-scale));}}
[data-testid="stMainBlockContainer"] > [data-testid="stVerticalBlock"] {{height: 100%; gap: 12px;
  flex-wrap: nowrap;}}
[data-testid="stMainBlockContainer"] > [data-testid="stVerticalBlock"] > * {{flex: 0 0 auto;}}
[data-testid="stMainBlockContainer"] [data-testid="stAlert"] p {{font-size: 24px;}}
[data-testid="stMainBlockContainer"] [data-testid="stAlert"] > div {{padding: 6px 16px;}}
[data-testid="stMainBlockContainer"] > [data-testid="stVerticalBlock"] > [data-testid="stLayoutWrapper"]:has(
  > [class*="st-key-slide-"]) {{flex: 1 1 0; min-height: 0; overflow: clip;}}
[data-testid="stMainBlockContainer"] > [data-testid="stVerticalBlock"] > [data-testid="stLayoutWrapper"]:has(
  > .st-key-pres-bar) {{order: 10;}}
[class*="st-key-slide-"] {{gap: 14px; flex-wrap: nowrap; min-height: 0; overflow: clip;}}
[class*="st-key-slide-"] > * {{flex: 0 0 auto;}}
[class*="st-key-slide-"] > [data-testid="stElementContainer"]:has([data-testid="stPlotlyChart"]),
[class*="st-key-slide-"] > [data-testid="stLayoutWrapper"]:has([data-testid="stPlotlyChart"]) {{
  flex: 1 1 0; min-height: 0;}}
[class*="st-key-slide-"] > [data-testid="stLayoutWrapper"]:has(> .st-key-pres-metrics-alone) {{margin-top: auto;}}
[class*="st-key-slide-"]:has(.st-key-pres-metrics-alone) > :last-child {{margin-bottom: auto;}}
[class*="st-key-slide-"] [data-testid="stPlotlyChart"] {{zoom: calc(1 / var(--stage-scale));}}  /* see STAGE_WIDTH */
[class*="st-key-slide-"] h1 {{font-size: 60px; color: #0b3d2e; line-height: 1.12; padding: 0;}}
[class*="st-key-slide-"] h3 {{font-size: 34px; color: #1b1b1b; line-height: 1.25; padding: 0; font-weight: 600;}}
[class*="st-key-slide-"] [data-testid="stCaptionContainer"] {{font-size: 24px; color: #333;}}
[class*="st-key-slide-"] [data-testid="stCaptionContainer"] p {{font-size: 24px; color: #3a3a3a;}}
[data-testid="stMetricValue"], [data-testid="stMetricValue"] * {{font-size: 56px !important; font-weight: 700;
  color: #0b3d2e; line-height: 1.15;}}
[data-testid="stMetricLabel"] p {{font-size: 24px !important; color: #1b1b1b;}}
[class*="st-key-slide-"] [data-testid="stMetricLabel"], [class*="st-key-slide-"] [data-testid="stMetricLabel"] * {{
  white-space: normal !important; overflow: visible !important; height: auto;}}
[class*="st-key-slide-"] li, [class*="st-key-slide-"] p {{font-size: 24px; line-height: 1.35;}}
[class*="st-key-slide-"] [data-testid="stTable"] table {{font-size: 24px;}}
[class*="st-key-slide-"] [data-testid="stTable"] th, [class*="st-key-slide-"] [data-testid="stTable"] td {{
  font-size: 24px; padding: 6px 12px;}}
[data-testid="stTable"] th {{background: #0b6e4f; color: #fff;}}
[class*="st-key-slide-"] [data-testid="stTable"]:not(:has(tbody tr:nth-child(5))) :is(th, td) {{
  font-size: 28px; padding: 10px 14px;}}
.st-key-pres-metrics-alone {{align-items: stretch;}}
.st-key-pres-metrics > *, .st-key-pres-metrics-alone > * {{flex: 1 1 0; min-width: 0;}}
.st-key-pres-metrics-alone [data-testid="stMetric"] {{padding: 28px 32px;}}
.st-key-pres-metrics-alone [data-testid="stMetricValue"], .st-key-pres-metrics-alone [data-testid="stMetricValue"] * {{
  font-size: 88px !important;}}
.st-key-pres-metrics-alone [data-testid="stMetricLabel"] p {{font-size: 30px !important;}}
.st-key-pres-metrics-alone:has(> :nth-child(5)) [data-testid="stMetricValue"],
.st-key-pres-metrics-alone:has(> :nth-child(5)) [data-testid="stMetricValue"] * {{font-size: 72px !important;}}
.st-key-pres-metrics-alone:has(> :nth-child(5)) [data-testid="stMetricLabel"] p {{font-size: 26px !important;}}
.st-key-pres-bar {{overflow: visible; order: 10; opacity: .45; transition: opacity .2s; border-top: 1px solid #e3e7e5; padding-top: 6px;}}
.st-key-pres_prev, .st-key-pres_next {{order: -1;}}
[data-testid="stPopoverBody"]:has(.st-key-pres_exp_xlsx) {{width: min(1000px, 92vw) !important;
  max-width: 92vw !important;}}
.st-key-pres-bar [data-testid="stElementContainer"]:has([data-testid="stCaption"]),
.st-key-pres-bar [data-testid="stElementContainer"]:has([data-testid="stCaptionContainer"]) {{min-width: 0; flex: 1 1 0;}}
.st-key-pres-bar [data-testid="stCaptionContainer"] p {{white-space: nowrap; overflow: hidden; text-overflow: ellipsis;}}
.st-key-pres-bar:hover {{opacity: 1;}}
.st-key-pres-bar p, .st-key-pres-bar button, .st-key-pres-bar label, .st-key-pres-bar a {{font-size: 18px;}}
[data-testid="stElementContainer"]:has(> .stHtml .stage-js), [data-testid="stElementContainer"]:has(.stage-js) {{
  display: none;}}
</style>
"""

#: Keeps ``--stage-scale`` = the largest scale at which the stage fits the window (runs in the page).
STAGE_JS = f"""
<span class="stage-js"></span>
<script>
(() => {{
  const fit = () => document.documentElement.style.setProperty("--stage-scale",
    String(Math.min(window.innerWidth / {STAGE_WIDTH}, window.innerHeight / {STAGE_HEIGHT})));
  fit();
  if (!window.__talentaStage) {{ window.__talentaStage = true; window.addEventListener("resize", fit); }}
}})();
</script>
"""


def presentation_style() -> None:
    """Projector layout: no sidebar, header or toolbar; the page is a 16:9 stage scaled to the window."""
    st.html(PRESENTATION_CSS)
    st.html(STAGE_JS, unsafe_allow_javascript=True)
