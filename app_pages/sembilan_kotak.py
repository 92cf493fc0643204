"""Sembilan Kotak: the interactive 9-box with filters, drill-down, profile, tray and what-if."""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import streamlit as st

from analytics.demography import band_labels
from analytics.ninebox import box_summary
from analytics.rules import RuleSet
from analytics.selection import selection_from_event
from common import fmt
from common.i18n import language, t
from reports.figures import ninebox as figures
from ui import components, export_menu, import_done, ninebox, privacy, services
from ui.frame import Context, context
from ui.user import can

CHART_KEY = "nk_chart"
COLOUR_OPTIONS = {"kotak": "nk.colour.kotak", "opd_nama": "nk.colour.opd", "jenis_jabatan": "nk.colour.jenis",
                  "jenis_kelamin": "nk.colour.jk", "kelompok_usia": "nk.colour.usia", "jenis_asn": "nk.colour.asn"}


def main() -> None:
    ctx = context()
    rules = services.rules(ctx.period)

    st.title(t("nk.title"))
    import_done.done_banner()   # arrived here from a drop of the period's files: its success
    filters_box = st.container()
    controls = chart_controls()
    slot = st.empty()
    first_draw(slot, ctx, rules)
    everyone = privacy.placements(ctx.period, ctx.filters, ctx.scope)  # names/NIPs hidden when the switch is on
    with filters_box:
        chosen = page_filters(everyone)
    in_view = ninebox.in_view(everyone, chosen)
    has_box = in_view & everyone["kotak"].notna()
    summary = box_summary(everyone.loc[has_box, "kotak"], rules.boxes)

    # a selection made under other filters would point at other people: forget it
    signature = (ctx.period, ctx.filters, chosen.golongan, chosen.jenis_kelamin, chosen.usia, chosen.pendidikan,
                 chosen.search)
    if st.session_state.get("nk_signature") != signature:
        st.session_state["nk_signature"] = signature
        st.session_state["nk_nips"] = ()

    chart(slot, controls, everyone, has_box, summary, rules, ctx, chosen)
    if (nip := st.session_state.pop("nk_open_profile", None)) is not None:
        components.open_profile(nip, ctx.period, ctx.scope)

    left, right = st.columns([3, 1])
    with left:
        drill_down(everyone, in_view, rules, controls.box, signature, ctx, ninebox.hidden_boxes(summary))
    with right:
        tray(everyone, in_view)
    whatif(everyone, has_box, rules, ctx.period)


def first_draw(slot, ctx: Context, rules: RuleSet) -> None:
    """Counts first: on the page's first run in a session for this data (the first visit, or the first
    after an import or a rule change), the nine boxes with their counts (a GROUP BY over the
    stored placements) are drawn before the people are read; the dots replace them in the same place at
    the end of the run. Not when the people are placed already (an import prepares its period: the dots
    come at once), not with a page filter chosen (the counts would be the sidebar's), nor on the runs
    that follow a click or another period or filter in the sidebar (the drawn dots would flicker)."""
    if (st.session_state.get("nk_drawn") == drawn_key() or ninebox.page_filtered(st.query_params, st.session_state)
            or services.placements_ready(ctx.period, ctx.filters, ctx.scope)):
        return
    _, hi, mid = rules.cutoff("potensial")
    fig, _ = figures.ninebox_scatter(ninebox.NO_DOTS, services.summary(ctx.period, ctx.filters, ctx.scope), "kotak",
                                     (mid, hi), min_count=privacy.min_group() if privacy.is_on() else 0)
    slot.plotly_chart(fig, config={"displaylogo": False, "modeBarButtonsToRemove": ["lasso2d", "toImage"]},
                      key="nk_chart_counts")


def drawn_key() -> tuple:
    """What the dots drawn in this session belong to: the data's version (this run's snapshot)."""
    return services.store().data_version()


def page_filters(everyone: pd.DataFrame) -> ninebox.PageFilters:
    """Golongan, sex, age band, education and a name/NIP search. The filters are bound to the URL (a
    copied link shows the same groups); the search is not: a NIP or a name must never end up in the
    browser history or in a link someone forwards."""
    with st.container(border=True):
        f1, f2, f3, f4, f5 = st.columns([2, 1, 1, 1, 1])
        search = f1.text_input(t("nk.search"), key="cari", max_chars=60,
                               placeholder=t("nk.search_hint_anon" if privacy.is_on() else "nk.search_hint"))
        gol = f2.multiselect(t("nk.golongan"), sorted(everyone["golongan"].dropna().unique()), key="gol",
                             placeholder=t("sidebar.all"), bind="query-params")
        jk = f3.multiselect(t("nk.jk"), ["L", "P"], key="jk", placeholder=t("sidebar.all"), bind="query-params",
                            format_func=lambda v: t(f"nk.jk.{v}"))
        usia = f4.multiselect(t("nk.usia"), band_labels(), key="usia", placeholder=t("sidebar.all"),
                              bind="query-params")
        pend = f5.multiselect(t("nk.pendidikan"), sorted(everyone["pendidikan_tingkat"].dropna().unique()),
                              key="pend", placeholder=t("sidebar.all"), bind="query-params")
    return ninebox.PageFilters(tuple(gol), tuple(jk), tuple(usia), tuple(pend), search)


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


@dataclass(frozen=True)
class Controls:
    colour: str
    box: int | None
    mode: str


def chart_controls() -> Controls:
    """Colour, box and click/drag controls, above the chart (they need no data: drawn before the people are read)."""
    lang = language()
    # the colour is a drop-down: six options as buttons beside the nine boxes did not fit a 1366 px screen
    top = st.columns([2, 4, 2])
    colour = top[0].selectbox(t("nk.colour"), list(COLOUR_OPTIONS), key="warna", bind="query-params",
                              format_func=lambda k: t(COLOUR_OPTIONS[k], lang=lang))
    chosen_box = top[1].segmented_control(t("nk.box_pick"), list(range(1, 10)), key="kotak", bind="query-params",
                                          format_func=str, on_change=_on_box_pick)
    mode = top[2].segmented_control(t("nk.mode"), ["klik", "seret"], key="nk_mode", default="klik", required=True,
                                    format_func=lambda m: t(f"nk.mode.{m}", lang=lang), help=t("nk.mode_help"))
    return Controls(colour or "kotak", chosen_box, mode)


def chart(slot, controls: Controls, everyone: pd.DataFrame, has_box: pd.Series, summary: pd.DataFrame,
          rules: RuleSet, ctx: Context, chosen: ninebox.PageFilters) -> None:
    """The dots (in ``slot``, where the counts may have been drawn first) and the figure's export."""
    lang = language()
    shown, n_placed = ninebox.dots(everyone, has_box)
    if len(shown) < n_placed:
        st.caption(t("nk.sampled", shown=fmt.num(len(shown), lang=lang), total=fmt.num(n_placed, lang=lang)))
    _, hi, mid = rules.cutoff("potensial")
    fig, curves = figures.ninebox_scatter(shown, summary, controls.colour, (mid, hi),
                                          drag_select=controls.mode == "seret",
                                          min_count=privacy.min_group() if privacy.is_on() else 0)
    st.session_state["nk_curves"] = curves
    slot.plotly_chart(fig, key=CHART_KEY, on_select=_on_chart_select, selection_mode=("points", "box"),
                      config={"displaylogo": False, "modeBarButtonsToRemove": ["lasso2d", "toImage"]})
    st.session_state["nk_drawn"] = drawn_key()
    st.caption(t("nk.help_chart"))
    # the export menu is built only when opened (folded, its buttons and page choice were drawn hidden on every run)
    if (box := st.expander(t("exp.title"), icon=":material/download:", key="nk_exp_open", on_change="rerun")).open:
        with box:
            export_menu.view_menu(ctx, lang, "nk_exp", fig, summary, chosen.lines())


def drill_down(everyone: pd.DataFrame, in_view: pd.Series, rules: RuleSet, chosen_box: int | None,
               signature: tuple, ctx: Context, hidden: set[int]) -> None:
    """The people of the dots chosen on the chart, else of the box picked; a row opens the profile.
    A box whose count is hidden (anonymisation switch) lists nobody: its list would give the count."""
    lang = language()
    nips = st.session_state.get("nk_nips", ())
    if not nips and chosen_box in hidden:
        st.subheader(t("nk.drill_box", n=chosen_box, count=t("privacy.hidden_mark")))
        st.info(t("privacy.hidden_note", n=fmt.num(privacy.min_group(), lang=lang)))
        return
    if nips:
        rows, total = ninebox.listed(everyone, in_view & everyone["nip"].isin(nips))
        st.subheader(t("nk.drill_selected", n=fmt.num(total, lang=lang)))
    elif chosen_box:
        rows, total = ninebox.listed(everyone, in_view & (everyone["kotak"] == chosen_box))
        box = rules.boxes.set_index("kotak").loc[chosen_box]
        st.subheader(t("nk.drill_box", n=chosen_box, count=fmt.num(total, lang=lang)))
        st.caption(f"{box['label']} · {t('profil.followup')}: {box['rekomendasi'].replace(';', ' · ')}")
    else:
        st.info(t("nk.drill_hint"))
        return
    if total > len(rows):  # the highest potential first; the count in the heading is everyone
        st.caption(t("nk.list_limited", shown=fmt.num(len(rows), lang=lang), total=fmt.num(total, lang=lang)))
    period, scope = ctx.period, ctx.scope
    components.person_table(
        rows, components.view_key("nk_table", signature, chosen_box, tuple(nips)),
        {"nama": t("col.nama"), "nip": "NIP", "jabatan": t("col.jabatan"), "opd_nama": t("col.opd"),
         "golongan": t("col.golongan"), "predikat_efektif": t("col.predikat"),
         "potensial_nilai": st.column_config.NumberColumn(t("col.potensial")),
         "kotak": st.column_config.NumberColumn(t("col.kotak"), format="%d"),
         "jpm": st.column_config.NumberColumn("JPM")},
        on_pick=lambda nip: components.open_profile(nip, period, scope))


def tray(everyone: pd.DataFrame, in_view: pd.Series) -> None:
    """How many in view have no assessment yet, and who (the first of them)."""
    lang = language()
    st.subheader(t("nk.tray"))
    st.metric(t("nk.tray_count"), fmt.num(ninebox.tray_count(everyone, in_view), lang=lang), help=t("nk.tray_help"),
              border=True)
    # the list is read and sorted only when it is opened (a closed expander's content would still run)
    who = st.expander(t("nk.tray_who"), key="nk_tray_open", on_change="rerun")
    if not who.open:
        return
    unprofiled, n_unprofiled = ninebox.tray(everyone, in_view)
    with who:
        if n_unprofiled > len(unprofiled):  # in NIP order: no sort of millions of names per rerun
            st.caption(t("nk.tray_limited", shown=fmt.num(len(unprofiled), lang=lang),
                         total=fmt.num(n_unprofiled, lang=lang)))
        st.dataframe(unprofiled, hide_index=True, width="stretch", height=300, column_config={
            "nama": t("col.nama"), "jabatan": t("col.jabatan"), "opd_nama": t("col.opd")})


def whatif(everyone: pd.DataFrame, has_box: pd.Series, rules: RuleSet, period: int) -> None:
    """Other potential cut-offs, simulated; a rule admin may save them for the period."""
    lang = language()
    _, hi, mid = rules.cutoff("potensial")
    # simulated only when opened: a closed expander's content would still run on every rerun
    box = st.expander(t("nk.whatif"), expanded=False, key="nk_whatif_open", on_change="rerun")
    if not box.open:
        return
    with box:
        if privacy.is_on():  # exact counts per box, saved and simulated: small groups would show
            st.info(t("nk.whatif_hidden"))
            return
        st.caption(t("nk.whatif_help", hi=fmt.num(hi, 1, lang), mid=fmt.num(mid, 1, lang)))
        w1, w2 = st.columns(2)
        new_mid, new_hi = w1.slider(t("nk.whatif_range"), 0.0, 100.0, (float(mid), float(hi)), step=0.5, key="nk_whatif")
        diff, moved = ninebox.simulate(everyone, has_box, rules, new_hi, new_mid)
        w2.metric(t("nk.whatif_moved"), fmt.num(moved, lang=lang), border=True)
        st.dataframe(diff, hide_index=True, width="stretch", column_config={
            "kotak": st.column_config.NumberColumn(t("col.kotak"), format="%d"), "label": t("beranda.legend_label"),
            "tersimpan": t("nk.whatif_saved"), "simulasi": t("nk.whatif_sim"),
            "selisih": st.column_config.NumberColumn(t("nk.whatif_diff"), format="%+d")})
        if not can("aturan:ubah"):
            st.caption(t("nk.whatif_admin_only"))
        elif st.button(t("nk.whatif_save", period=period), key="nk_whatif_save",
                       disabled=(new_mid, new_hi) == (mid, hi)):
            try:
                ninebox.save_cutoff(period, new_hi, new_mid)
                st.toast(t("nk.whatif_saved_ok"))
                st.rerun()
            except ninebox.StoreError as exc:
                st.error(str(exc))


main()
