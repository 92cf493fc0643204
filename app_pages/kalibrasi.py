"""Kalibrasi: the talent committee settles the 9-box of a period (click, choose box, give a reason)."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from analytics.calibration import attention, distribution_status
from analytics.ninebox import box_summary
from analytics.positions import plot_positions
from analytics.selection import selection_from_event
from common import fmt
from common.i18n import column_labels, language, t
from reports.figures import ninebox
from ui import calibration, components, fairness_panel, penetapan, privacy, profile, services
from ui import calibration_desk as desk
from ui.frame import Context, context
from ui.user import can

CHART_KEY = "kal_chart"
PROFILE = "kal_open_profile"   # the person whose full profile is open
IDENTITY = ["nip", "nama", "jabatan", "jenjang_jabatan"]


def main() -> None:
    ctx = context()
    placed = calibration.placed(ctx)
    status = calibration.status(ctx.period)
    locked = status["status"] == "ditetapkan"
    desk.watch(ctx.period)   # other screens' saves show here within seconds
    desk.reopen(ctx.period)  # after a browser reload, the person being decided on

    header(ctx.period, status, locked)
    view = st.segmented_control(t("kal.view"), ["final", "awal"], key="kal_view", default="final", required=True,
                                format_func=lambda v: t(f"kal.view.{v}"))
    disc = calibration.discussions(ctx.period, ctx.scope)
    left, right = st.columns([3, 2], gap="large")
    with left:
        chart(placed, view, ctx.period)
        search(placed)
    with right:
        agenda(placed, disc, ctx)
        person(placed, ctx, may_change=can("kalibrasi") and not locked)
    if (open_nip := st.session_state.get(PROFILE)) is not None:  # stays open through live refreshes
        components.open_profile(open_nip, ctx.period, ctx.scope, on_close=lambda: st.session_state.pop(PROFILE, None))

    # -- the meeting's health: coverage, attention, distribution, fairness ------------------------
    st.divider()
    coverage(placed, disc)
    attention_table(placed, disc)
    distribution(placed, ctx.period)
    with st.expander(t("kal.fairness"), expanded=False):
        fairness_panel.render(placed, key="kal_fair")

    # -- record, rules, penetapan ---------------------------------------------------------------
    st.divider()
    all_reasons = calibration.reasons(False)
    record = record_table(placed, disc, all_reasons, ctx)
    components.xlsx_download(t("kal.export"), calibration.record_workbook(record, ctx, status["status"]),
                             f"kalibrasi-{ctx.period}.xlsx", "kal_export", "ekspor:kalibrasi",
                             f"periode:{ctx.period}", {"baris": len(record)})
    if can("aturan:ubah"):
        rules_editor(all_reasons, ctx.period, locked)
    finalise(ctx, locked)


def header(period: int, status: dict, locked: bool) -> None:
    st.title(t("kal.title", period=period))
    if locked:
        st.success(t("kal.locked", by=fmt.plain(status["finalised_by"]),
                     when=fmt.tanggal(pd.Timestamp(status["finalised_at"]).date())), icon=":material/lock:")
    else:
        st.caption(t("kal.open"))


def _on_chart() -> None:
    sel = selection_from_event(st.session_state.get(CHART_KEY), st.session_state.get("kal_curves"))
    if sel.nips:
        desk.open_person(context().period, privacy.real_nip(sel.nips[0]))
    elif sel.boxes:
        st.session_state["kal_box"] = sel.boxes[0]


def _on_search() -> None:
    desk.open_person(context().period, st.session_state.get("kal_search"))


def _on_next(period: int, nip: str) -> None:
    desk.open_person(period, nip)
    st.session_state["kal_search"] = None  # the search no longer names the open person


def chart(placed: pd.DataFrame, view: str, period: int) -> None:
    """The 9-box at the final boxes or at the engine's proposal; a click on a dot opens the person."""
    rules = services.rules(period)
    shown = placed.assign(kotak=placed["kotak"] if view == "final" else placed["kotak_awal"])
    if view == "awal":  # draw everyone at the engine's proposal
        shown = shown.assign(**plot_positions(shown, rules, services.pseudonym_key()))
    summary = box_summary(shown["kotak"], rules.boxes)
    _, hi, mid = rules.cutoff("potensial")
    fig, curves = ninebox.ninebox_scatter(privacy.people(shown), summary, "kotak", (mid, hi), height=560,
                                          marked=privacy.people(shown.loc[shown["dikalibrasi"], ["x", "y", "nip"]]),
                                          min_count=privacy.min_group() if privacy.is_on() else 0,
                                          count_only=True)  # "203 · 16,4%" overran its box at 1366 px
    st.session_state["kal_curves"] = curves
    st.plotly_chart(fig, key=CHART_KEY, on_select=_on_chart, selection_mode=("points",),
                    config={"displaylogo": False, "modeBarButtonsToRemove": ["lasso2d", "select2d", "toImage"]})
    st.caption(t("kal.chart_help"))


def search(placed: pd.DataFrame) -> None:
    """A person by name or post (a pick opens them)."""
    labels = privacy.people(placed[IDENTITY])
    names = dict(zip(placed["nip"], labels["nama"] + " · " + labels["jabatan"].astype("str")))
    st.selectbox(t("kal.search"), list(names), index=None, key="kal_search", on_change=_on_search,
                 format_func=lambda n: names.get(n, n), placeholder=t("kal.search_hint"))


def agenda(placed: pd.DataFrame, disc: pd.DataFrame, ctx: Context) -> None:
    """Who is next: the people still to discuss in the chosen order; "Berikutnya" opens the next one.
    After a save the person stays open showing the saved state; the agenda already names the next."""
    order = st.segmented_control(t("kal.agenda_order"), list(calibration.AGENDA_ORDERS), default="kotak",
                                 key="kal_agenda_order", required=True, format_func=lambda v: t(f"kal.agenda.{v}"))
    ahead, left = calibration.agenda(placed, disc, order, ctx, st.session_state.get("kal_nip"))
    if ahead.empty:
        st.success(t("kal.agenda_done"), icon=":material/task_alt:")
    else:
        nxt = ahead.iloc[0]
        st.markdown(t("kal.agenda_next", nama=fmt.plain(nxt["nama"]), n=int(nxt["kotak"]),
                      left=fmt.num(left, lang=language())))
    # full width under the sentence: beside it, in the narrow column at 1366 px, the label was cut to "B…"
    st.button(t("kal.next"), key="kal_next", icon=":material/skip_next:", disabled=ahead.empty, width="stretch",
              on_click=_on_next, args=(ctx.period, None if ahead.empty else ahead.iloc[0]["nip_asli"]))
    with st.expander(t("kal.agenda_list", n=len(ahead))):  # a click on a person opens the full profile
        components.person_table(
            ahead.assign(nip=ahead["nip_asli"]),
            components.view_key("kal_agenda", ctx.period, order, tuple(map(privacy.token, ahead["nip_asli"]))),
            {"nip": "NIP", "nama": t("col.nama"), "jabatan": t("col.jabatan"), "opd_nama": t("col.opd"),
             "kotak": st.column_config.NumberColumn(t("kal.col_to"), format="%d")},
            on_pick=_open_profile, shown=ahead.drop(columns=["nip_asli"]))


def _open_profile(nip: str) -> None:
    st.session_state[PROFILE] = nip  # the dialog opens further down this run and stays through refreshes


def person(placed: pd.DataFrame, ctx: Context, may_change: bool) -> None:
    """The chosen person: where they stand, and the form that moves them or marks them discussed."""
    nip = st.session_state.get("kal_nip")
    if nip not in set(placed["nip"]):
        st.info(t("kal.pick_hint"))
        return
    lang = language()
    p = placed.set_index("nip").loc[nip]
    who = privacy.people(placed.loc[placed["nip"] == nip, IDENTITY]).iloc[0]
    st.markdown(f"### {fmt.plain(who['nama'])}")
    st.caption(f"{fmt.plain(who['jabatan'])} · {fmt.plain(p['opd_nama'])} · NIP {who['nip']}")
    m1, m2, m3 = st.columns(3)
    m1.metric(t("kal.box_now"), int(p["kotak"]), border=True,
              delta=None if not p["dikalibrasi"] else t("kal.from_box", n=int(p["kotak_awal"])), delta_color="off")
    m2.metric(t("profil.potensial"), fmt.num(p["potensial_nilai"], 1, lang), border=True,
              help=str(p["potensial_kategori"]))
    asal = p.get("jpm_asal")
    m3.metric("JPM", profile.jpm_number(p["jpm"], lang), border=True,
              help=t(f"jpm.asal.{asal}") if isinstance(asal, str) and asal else None)
    st.markdown(t("kal.performance_line", predikat=fmt.plain(p["predikat_efektif"] or "–"),
                  kategori=fmt.plain(p["kinerja_kategori"] or "–")))
    if st.button(t("kal.full_profile"), key="kal_profile", icon=":material/person:"):
        st.session_state[PROFILE] = nip
    desk.decision(desk.Person(ctx.period, nip, int(p["kotak_awal"]), int(p["kotak"]), ctx.scope), may_change)


def coverage(placed: pd.DataFrame, disc: pd.DataFrame) -> None:
    """Placed, discussed (with share), moved and minutes spent."""
    lang = language()
    n_disc = int(placed["nip"].isin(disc.loc[disc["dibahas"], "nip"]).sum()) if not disc.empty else 0
    share = n_disc / len(placed) * 100 if len(placed) else 0
    c1, c2, c3, c4 = st.columns(4)
    c1.metric(t("kal.placed"), fmt.num(len(placed), lang=lang), border=True)
    c2.metric(t("kal.discussed"), f"{fmt.num(n_disc, lang=lang)} ({fmt.pct(share, 1, lang)})", border=True)
    c3.metric(t("kal.moved"), fmt.num(int(placed["dikalibrasi"].sum()), lang=lang), border=True)
    c4.metric(t("kal.minutes"), fmt.num((disc["detik"].sum() if not disc.empty else 0) / 60, 1, lang), border=True)


def attention_table(placed: pd.DataFrame, disc: pd.DataFrame) -> None:
    """Coverage and minutes per group, groups with too little attention flagged."""
    min_group = privacy.min_group()
    st.subheader(t("kal.attention"))
    by = st.segmented_control(t("kal.attention_by"), ["opd_nama", "jenis_jabatan", "jenis_kelamin"],
                              default="opd_nama", key="kal_att_by", required=True,
                              format_func=lambda v: t(f"kal.by.{v}"))
    att = attention(placed, disc, by, min_group, calibration.attention_ratio())
    st.dataframe(components.local_decimals(att, 1, columns=["menit_per_orang"]), hide_index=True, width="stretch",
                 height=300, column_config={
        "kelompok": t("kal.group"), "n": st.column_config.NumberColumn(t("kal.n")),
        "dibahas": st.column_config.NumberColumn(t("kal.discussed")),
        "cakupan_persen": st.column_config.ProgressColumn(t("kal.coverage"), min_value=0, max_value=100,
                                                          format="%.0f%%"),
        "menit_per_orang": st.column_config.NumberColumn(t("kal.min_per_person")),   # 2,5 (local_decimals)
        "perhatian_kurang": st.column_config.CheckboxColumn(t("kal.low_attention"))})
    st.caption(t("kal.attention_help", n=min_group))


def distribution(placed: pd.DataFrame, period: int) -> None:
    """Each group of boxes against the period's distribution guide."""
    lang = language()
    st.subheader(t("kal.distribution"))
    for r in distribution_status(placed["kotak"], calibration.distribution_rules(period)).itertuples(index=False):
        icon = ":material/check_circle:" if r.status == "sesuai" else ":material/warning:"
        st.markdown(f"{icon} **{fmt.plain(r.kelompok)}**: {fmt.pct(r.persen, 1, lang)} "
                    f"({t('kal.range', lo=fmt.num(r.persen_min, 0, lang), hi=fmt.num(r.persen_max, 0, lang))}) — "
                    f"{t('kal.status.' + r.status.replace(' ', '_'))}")
    st.caption(t("kal.distribution_help"))


def record_table(placed: pd.DataFrame, disc: pd.DataFrame, all_reasons: pd.DataFrame, ctx: Context) -> pd.DataFrame:
    """Every move and discussion of the period; returns the record as shown (for the export)."""
    lang = language()
    st.subheader(t("kal.record"))
    record = calibration.record(placed, disc, all_reasons, ctx)
    shown = record.assign(menit=record["menit"].map(lambda v: "" if pd.isna(v) else fmt.num(v, 1, lang)))
    st.dataframe(shown, hide_index=True, width="stretch", height=260, column_config={
        "nip": "NIP", "nama": st.column_config.TextColumn(t("col.nama"), width="medium"), "jabatan": t("col.jabatan"),
        "opd_nama": t("col.opd"),
        "kotak_awal": st.column_config.NumberColumn(t("kal.col_from"), format="%d"),
        "kotak": st.column_config.NumberColumn(t("kal.col_to"), format="%d"),
        "komentar": t("kal.comment"), "oleh": t("kal.col_by"),
        "pada": st.column_config.DatetimeColumn(t("kal.col_when"), format="DD/MM/YYYY HH:mm"),
        "dibahas": st.column_config.CheckboxColumn(t("kal.discussed")), "alasan": t("kal.reason"),
        "menit": t("kal.minutes")})
    return record


def rules_editor(all_reasons: pd.DataFrame, period: int, locked: bool) -> None:
    """The reason list and the period's distribution guide, editable by rule admins."""
    with st.expander(t("kal.rules")):
        edited = st.data_editor(all_reasons, num_rows="dynamic", hide_index=True, key="kal_reasons_editor",
                                width="stretch", column_config={**column_labels(all_reasons.columns),
                                                                "label": t("col.alasan")})
        if st.button(t("kal.rules_save_reasons"), key="kal_reasons_save"):
            try:
                calibration.save_reasons(edited)
                st.toast(t("kal.rules_saved"))
            except calibration.StoreError as exc:
                st.error(str(exc))
        guide = calibration.distribution_rules(period).drop(columns=["period"])
        edited_g = st.data_editor(guide, num_rows="dynamic", hide_index=True, key="kal_dist_editor", width="stretch",
                                  column_config=column_labels(guide.columns))
        if st.button(t("kal.rules_save_dist", period=period), key="kal_dist_save", disabled=locked):
            try:
                calibration.save_distribution(period, edited_g)
                st.toast(t("kal.rules_saved"))
                st.rerun()
            except calibration.StoreError as exc:
                st.error(str(exc))


def finalise(ctx: Context, locked: bool) -> None:
    """Penetapan: the review, attendance and acknowledged breaches, then the lock; afterwards the
    berita acara, the history and (admin) reopening with a reason."""
    penetapan.render(ctx, locked)


main()
