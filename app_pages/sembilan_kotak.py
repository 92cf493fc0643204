"""Sembilan Kotak: the interactive 9-box with filters, drill-down, profile, tray and what-if."""
from __future__ import annotations

import hashlib

import pandas as pd
import streamlit as st

from analytics.demography import band_labels
from analytics.selection import selection_from_event
from analytics.positions import stable_sample
from analytics import whatif
from analytics.ninebox import box_summary
from analytics.rules import RuleSet
from data.store import Scope, StoreError
from common import fmt
from reports.figures import ninebox
from ui import export_menu, privacy, profile, services
from ui.frame import LIST_LIMIT, context
from common.i18n import language, t
from ui.user import acting_user, can

DOT_LIMIT = 20_000           # above this, a stated, stable sample of dots is drawn
LIST_COLUMNS = ["nama", "nip", "kotak", "predikat_efektif", "potensial_nilai", "jpm", "jabatan", "opd_nama", "golongan"]
CHART_KEY = "nk_chart"
COLOUR_OPTIONS = {"kotak": "nk.colour.kotak", "opd_nama": "nk.colour.opd", "jenis_jabatan": "nk.colour.jenis",
                  "jenis_kelamin": "nk.colour.jk", "kelompok_usia": "nk.colour.usia", "jenis_asn": "nk.colour.asn"}


def _dots(everyone: pd.DataFrame, has_box: pd.Series) -> tuple[pd.DataFrame, int]:
    """The placed people drawn (all, or a stable sample above DOT_LIMIT) and how many are placed."""
    units = everyone.loc[has_box, "sampel"]
    return everyone.loc[units.index[stable_sample(units, DOT_LIMIT).to_numpy()]], len(units)


def _listed(everyone: pd.DataFrame, where: pd.Series) -> tuple[pd.DataFrame, int]:
    """The list's rows (highest box and potential first, at most LIST_LIMIT, chosen before the columns
    are taken) and how many people it stands for."""
    key = everyone.loc[where, ["kotak", "potensial_nilai"]].sort_values(["kotak", "potensial_nilai"], ascending=False)
    return everyone.loc[key.index[:LIST_LIMIT], LIST_COLUMNS], len(key)


def _tray(everyone: pd.DataFrame, in_view: pd.Series) -> tuple[pd.DataFrame, int]:
    """The not-yet-profiled in view: the first LIST_LIMIT by NIP, sorted by name, and how many there are."""
    idx = everyone.index[(in_view & (everyone["status"] == "belum diprofil")).to_numpy()]
    return everyone.loc[idx[:LIST_LIMIT], ["nama", "jabatan", "opd_nama"]].sort_values("nama"), len(idx)


def _whatif(everyone: pd.DataFrame, has_box: pd.Series, rules: RuleSet, hi: float,
            mid: float) -> tuple[pd.DataFrame, int]:
    placed = everyone.loc[has_box, ["kotak", "kinerja_kategori", "potensial_nilai"]]
    return whatif.compare(placed, rules, hi, mid), whatif.moved(placed, rules, hi, mid)


def _on_chart_select() -> None:
    sel = selection_from_event(st.session_state.get(CHART_KEY), st.session_state.get("nk_curves"))
    if sel.boxes and not sel.nips:
        st.session_state["kotak"] = sel.boxes[0]
        st.session_state["nk_nips"] = ()
    elif sel.nips:
        st.session_state["nk_nips"] = sel.nips
        if len(sel.nips) == 1:
            st.session_state["nk_open_profile"] = sel.nips[0]


def _on_box_pick() -> None:
    st.session_state["nk_nips"] = ()  # a box picked by hand replaces a dot selection


@st.dialog(t("profil.title"), width="large")
def _profile_dialog(nip: str, period: int, scope: Scope) -> None:
    profile.render(privacy.real_nip(nip), period, scope)


def main() -> None:
    ctx = context()
    lang = language()
    rules = services.rules(ctx.period)
    everyone = privacy.placements(ctx.period, ctx.filters, ctx.scope)  # names/NIPs hidden when the switch is on

    st.title(t("nk.title"))

    # -- page filters (all bound to the URL) -------------------------------------------
    with st.container(border=True):
        f1, f2, f3, f4, f5 = st.columns([2, 1, 1, 1, 1])
        search = f1.text_input(t("nk.search"), key="cari", placeholder=t("nk.search_hint_anon" if privacy.is_on() else "nk.search_hint"), bind="query-params",
                               max_chars=60)
        gol = f2.multiselect(t("nk.golongan"), sorted(everyone["golongan"].dropna().unique()), key="gol",
                             placeholder=t("sidebar.all"), bind="query-params")
        jk = f3.multiselect(t("nk.jk"), ["L", "P"], key="jk", placeholder=t("sidebar.all"), bind="query-params",
                            format_func=lambda v: t(f"nk.jk.{v}"))
        usia = f4.multiselect(t("nk.usia"), band_labels(), key="usia", placeholder=t("sidebar.all"), bind="query-params")
        pend = f5.multiselect(t("nk.pendidikan"), sorted(everyone["pendidikan_tingkat"].dropna().unique()), key="pend",
                              placeholder=t("sidebar.all"), bind="query-params")

    # Who is in view, as a mask over the shared frame: the page never copies the (national) frame; what it
    # shows is taken from it in small functions, so nothing large outlives a rerun in this script's names
    # (widget callbacks keep them alive until the session's next rerun, one copy per session).
    in_view = pd.Series(True, index=everyone.index)
    if gol:
        in_view &= everyone["golongan"].isin(gol)
    if jk:
        in_view &= everyone["jenis_kelamin"].isin(jk)
    if usia:
        in_view &= everyone["kelompok_usia"].isin(usia)
    if pend:
        in_view &= everyone["pendidikan_tingkat"].isin(pend)
    if search and search.strip():
        q = search.strip()
        in_view &= everyone["nama"].str.contains(q, case=False, regex=False, na=False) | everyone["nip"].str.startswith(q)
    has_box = in_view & everyone["kotak"].notna()
    summary = box_summary(everyone.loc[has_box, "kotak"], rules.boxes)

    # a selection made under other filters would point at other people: forget it
    signature = (ctx.period, ctx.filters, tuple(gol), tuple(jk), tuple(usia), tuple(pend), search)
    if st.session_state.get("nk_signature") != signature:
        st.session_state["nk_signature"] = signature
        st.session_state["nk_nips"] = ()

    # -- chart ------------------------------------------------------------------------------
    top = st.columns([5, 4, 2])
    colour = top[0].segmented_control(t("nk.colour"), list(COLOUR_OPTIONS), key="warna", bind="query-params",
                                      format_func=lambda k: t(COLOUR_OPTIONS[k]), default="kotak")
    chosen_box = top[1].segmented_control(t("nk.box_pick"), list(range(1, 10)), key="kotak", bind="query-params",
                                          format_func=str, on_change=_on_box_pick)
    mode = top[2].segmented_control(t("nk.mode"), ["klik", "seret"], key="nk_mode", default="klik", required=True,
                                    format_func=lambda m: t(f"nk.mode.{m}"), help=t("nk.mode_help"))

    shown, n_placed = _dots(everyone, has_box)
    if len(shown) < n_placed:
        st.caption(t("nk.sampled", shown=fmt.num(len(shown), lang=lang), total=fmt.num(n_placed, lang=lang)))
    _, hi, mid = rules.cutoff("potensial")
    fig, curves = ninebox.ninebox_scatter(shown, summary, colour or "kotak", (mid, hi), drag_select=mode == "seret",
                                         min_count=privacy.min_group() if privacy.is_on() else 0)
    st.session_state["nk_curves"] = curves
    st.plotly_chart(fig, key=CHART_KEY, on_select=_on_chart_select, selection_mode=("points", "box"),
                    config={"displaylogo": False, "modeBarButtonsToRemove": ["lasso2d", "toImage"]})
    st.caption(t("nk.help_chart"))
    page_filters = [f"{label}: {', '.join(map(str, values))}" for label, values in (
        (t("nk.golongan"), gol), (t("nk.jk"), [t(f"nk.jk.{v}") for v in jk]), (t("nk.usia"), usia),
        (t("nk.pendidikan"), pend), (t("nk.search"), [search.strip()] if search and search.strip() else [])) if values]
    with st.expander(t("exp.title"), icon=":material/download:"):
        export_menu.view_menu(ctx, lang, "nk_exp", fig, summary, page_filters)

    if (nip := st.session_state.pop("nk_open_profile", None)) is not None:
        _profile_dialog(nip, ctx.period, ctx.scope)

    # -- drill-down and the not-yet-profiled tray ------------------------------------------
    left, right = st.columns([3, 1])
    with left:
        nips = st.session_state.get("nk_nips", ())
        if nips:
            rows, total = _listed(everyone, in_view & everyone["nip"].isin(nips))
            st.subheader(t("nk.drill_selected", n=fmt.num(total, lang=lang)))
        elif chosen_box:
            rows, total = _listed(everyone, in_view & (everyone["kotak"] == chosen_box))
            box = rules.boxes.set_index("kotak").loc[chosen_box]
            st.subheader(t("nk.drill_box", n=chosen_box, count=fmt.num(total, lang=lang)))
            st.caption(f"{box['label']} · {t('profil.followup')}: {box['rekomendasi'].replace(';', ' · ')}")
        else:
            rows = None
            st.info(t("nk.drill_hint"))
        if rows is not None:
            if total > len(rows):  # the highest potential first; the count in the heading is everyone
                st.caption(t("nk.list_limited", shown=fmt.num(len(rows), lang=lang), total=fmt.num(total, lang=lang)))
            table = rows
            # a row selection belongs to the list it was made in (it holds positions, not NIPs):
            # a different list gets a different key, so no profile opens for someone never clicked
            view = hashlib.sha1(repr((signature, chosen_box, tuple(nips))).encode()).hexdigest()[:12]
            table_key = f"nk_table_{view}"
            event = st.dataframe(
                table, hide_index=True, width="stretch", height=min(420, 38 + 35 * len(table)), key=table_key,
                on_select="rerun", selection_mode="single-row", column_config={
                    "nama": t("col.nama"), "nip": "NIP", "jabatan": t("col.jabatan"), "opd_nama": t("col.opd"),
                    "golongan": t("col.golongan"), "predikat_efektif": t("col.predikat"),
                    "potensial_nilai": st.column_config.NumberColumn(t("col.potensial"), format="%.1f"),
                    "kotak": st.column_config.NumberColumn(t("col.kotak"), format="%d"),
                    "jpm": st.column_config.NumberColumn("JPM", format="%.1f")})
            picked = event.selection.rows if event is not None else []
            nip = table.iloc[picked[0]]["nip"] if picked else None
            if st.session_state.get("nk_table_last") != (table_key, nip):
                st.session_state["nk_table_last"] = (table_key, nip)
                if nip is not None:
                    _profile_dialog(nip, ctx.period, ctx.scope)
    with right:
        unprofiled, n_unprofiled = _tray(everyone, in_view)
        st.subheader(t("nk.tray"))
        st.metric(t("nk.tray_count"), fmt.num(n_unprofiled, lang=lang),
                  help=t("nk.tray_help"), border=True)
        with st.expander(t("nk.tray_who")):
            if n_unprofiled > len(unprofiled):  # in NIP order: no sort of millions of names per rerun
                st.caption(t("nk.tray_limited", shown=fmt.num(len(unprofiled), lang=lang),
                             total=fmt.num(n_unprofiled, lang=lang)))
            st.dataframe(unprofiled, hide_index=True,
                         width="stretch", height=300, column_config={
                             "nama": t("col.nama"), "jabatan": t("col.jabatan"), "opd_nama": t("col.opd")})

    # -- what-if cut-offs -------------------------------------------------------------------
    with st.expander(t("nk.whatif"), expanded=False):
        st.caption(t("nk.whatif_help", hi=fmt.num(hi, 1, lang), mid=fmt.num(mid, 1, lang)))
        w1, w2 = st.columns(2)
        new_mid, new_hi = w1.slider(t("nk.whatif_range"), 0.0, 100.0, (float(mid), float(hi)), step=0.5, key="nk_whatif")
        diff, moved = _whatif(everyone, has_box, rules, new_hi, new_mid)
        w2.metric(t("nk.whatif_moved"), fmt.num(moved, lang=lang), border=True)
        st.dataframe(diff, hide_index=True, width="stretch", column_config={
            "kotak": st.column_config.NumberColumn(t("col.kotak"), format="%d"), "label": t("beranda.legend_label"),
            "tersimpan": t("nk.whatif_saved"), "simulasi": t("nk.whatif_sim"),
            "selisih": st.column_config.NumberColumn(t("nk.whatif_diff"), format="%+d")})
        if can("aturan:ubah"):
            if st.button(t("nk.whatif_save", period=ctx.period), key="nk_whatif_save",
                         disabled=(new_mid, new_hi) == (mid, hi)):
                try:
                    services.store().save_cutoff(ctx.period, "potensial", new_hi, new_mid, acting_user())
                    st.toast(t("nk.whatif_saved_ok"))
                    st.rerun()
                except StoreError as exc:
                    st.error(str(exc))
        else:
            st.caption(t("nk.whatif_admin_only"))


main()
