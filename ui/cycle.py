"""The Siklus Talenta page's sections: the funnel, then akuisisi (talent needs, feeders to profile first,
the CACT quota proposal), pengembangan (a summary), retensi (the pool register, the watchlist, retention
actions) and penempatan (indicators, appointments, the undo of one and the form that records one).

Names follow the anonymisation switch (``privacy.people``); counts of people per group read "*" under
the minimum group while it is on (``privacy.counts``). Committee and admin record (the permission
development actions use); leaders and operators view, operators their own OPD (the scope).
"""
from __future__ import annotations

import pandas as pd
import streamlit as st

from analytics import cycle as cy
from common import fmt
from common.i18n import column_label, language, t
from reports.figures import cycle as figures
from ui import components, cycle_data, cycle_monev, cycle_tables, privacy, services
from ui.cycle_data import Cycle
from ui.frame import LIST_LIMIT, Context
from ui.user import acting_user, can

PPTX_MIME = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
CHART_CONFIG = {"displaylogo": False, "modeBarButtonsToRemove": ["toImage"]}


def may_record() -> bool:
    """Committee and admin record appointments and retention actions (as development actions)."""
    return can("kalibrasi") or can("aturan:ubah")


# -- the funnel ----------------------------------------------------------------------------------------
def funnel(ctx: Context, c: Cycle) -> None:
    lang = language()
    labels, values, texts, hidden = cycle_tables.funnel_parts(c, lang, privacy.min_group() if privacy.is_on() else 0)
    st.plotly_chart(figures.funnel(labels, values, texts), key="siklus_funnel", config=CHART_CONFIG)
    st.caption(t("siklus.funnel.help", on=fmt.tanggal(c.on, lang)))
    if hidden:
        st.caption(t("privacy.hidden_note", n=privacy.min_group()))


# -- akuisisi -------------------------------------------------------------------------------------------
def acquisition(ctx: Context, c: Cycle) -> None:
    lang = language()
    n = lambda v: fmt.num(v, lang=lang)  # noqa: E731
    quota = cycle_tables.quota(ctx.period, c)
    m1, m2, m3, m4 = st.columns(4)
    m1.metric(t("siklus.acq.vacating", years=cycle_data.YEARS), n(len(c.vacancies)), border=True,
              help=t("siklus.acq.vacating_help", years=cycle_data.YEARS))
    m2.metric(t("siklus.acq.gap"), n(int(c.needs["kesenjangan"].sum()) if len(c.needs) else 0), border=True,
              help=t("siklus.acq.gap_help"))
    m3.metric(t("siklus.acq.quota_now"), n(quota.current), border=True)
    m4.metric(t("siklus.acq.quota_next"), n(quota.proposed), border=True, help=t("siklus.acq.quota_next_help"))
    st.subheader(t("siklus.acq.needs"))
    if c.needs.empty:
        st.info(t("siklus.acq.no_needs", years=cycle_data.YEARS))
    else:
        st.dataframe(cycle_tables.needs_table(c.needs), hide_index=True, width="stretch",
                     height=components.table_height(len(c.needs), 320), column_config=_labels(c.needs.columns))
        st.caption(t("siklus.acq.needs_help", years=cycle_data.YEARS))
    st.subheader(t("siklus.acq.first"))
    first = cycle_tables.profile_first(c)
    if first.empty:
        st.info(t("siklus.acq.no_first"))
    else:
        if len(first) > LIST_LIMIT:
            st.caption(t("siklus.acq.first_limited", shown=n(LIST_LIMIT), total=n(len(first))))
        shown = privacy.people(first.head(LIST_LIMIT))
        st.dataframe(shown, hide_index=True, width="stretch", height=components.table_height(len(shown), 320),
                     column_config=_labels(shown.columns))
        st.caption(t("siklus.acq.first_help"))
    st.subheader(t("siklus.acq.proposal"))
    st.dataframe(quota.table, hide_index=True, width="stretch", column_config=_labels(quota.table.columns))
    st.caption(t("siklus.acq.proposal_help"))
    exporter, masking = acting_user(), privacy.masking()
    components.xlsx_download(
        t("siklus.acq.export"), lambda: cycle_monev.quota_workbook(quota, ctx, exporter, masking),
        f"usulan-kuota-cact-{ctx.period + 1}.xlsx", "siklus_quota_export", "ekspor:usulan-kuota-cact",
        f"periode:{ctx.period}", {"usulan": quota.proposed, "kuota": quota.current})


#: columns that hold a short number or word: narrow, so a table's words stay in view at 1366 px
NARROW = {"kotak", "kotak_sebelum", "kotak_sesudah", "lama_periode", "jumlah_sinyal", "hari_lowong", "pengumpan",
          "sudah_diprofil", "belum_diprofil", "kedaluwarsa", "usulan", "kuota_sekarang", "selisih", "tanggal"}


def _labels(columns) -> dict:
    """Column headers from the catalog (``label.<column>``); short columns narrow."""
    return {c: st.column_config.Column(column_label(c) if c != "nip" else "NIP",
                                       width="small" if c in NARROW else ("medium" if c == "bidang" else None))
            for c in columns}


# -- pengembangan ---------------------------------------------------------------------------------------
def development(ctx: Context, c: Cycle) -> None:
    lang = language()
    pool = set(c.placed.loc[c.placed["kotak"].isin(cy.pool_boxes(services.rules(ctx.period).boxes)), "nip"])
    acts = services.store().development_actions(ctx.period, scope=ctx.scope)
    acts = acts[acts["nip"].isin(set(c.placed["nip"]))] if len(acts) else acts
    with_act = set(acts["nip"]) if len(acts) else set()
    d1, d2, d3 = st.columns(3)
    d1.metric(t("siklus.dev.actions"), fmt.num(len(acts), lang=lang), border=True)
    d2.metric(t("siklus.dev.people"), fmt.num(len(with_act), lang=lang), border=True)
    d3.metric(t("siklus.dev.pool_with"), fmt.pct(len(pool & with_act) / len(pool) * 100 if pool else 0, 1, lang),
              border=True, help=t("siklus.dev.pool_with_help", n=fmt.num(len(pool), lang=lang)))
    st.markdown(t("siklus.dev.summary"))
    st.page_link("app_pages/pengembangan.py", label=t("siklus.dev.link"), icon=":material/school:")


# -- retensi --------------------------------------------------------------------------------------------
def register(ctx: Context, c: Cycle) -> None:
    lang = language()
    previous = services.store().previous_period(ctx.period)
    st.subheader(t("siklus.ret.register"))
    if previous is None:
        st.info(t("siklus.ret.first", period=ctx.period))
        return
    reg = cycle_data.register(ctx.period, ctx.filters, ctx.scope)
    counts = reg["status"].value_counts().reindex([cy.ENTERED, cy.STAYED, cy.LEFT], fill_value=0)
    shown_counts = privacy.counts(counts)
    r1, r2, r3 = st.columns(3)
    for col, key in zip((r1, r2, r3), (cy.ENTERED, cy.STAYED, cy.LEFT)):
        v = shown_counts[key]
        col.metric(t(f"siklus.reg.{key}", before=previous, after=ctx.period),
                   fmt.num(v, lang=lang) if not isinstance(v, str) else v, border=True)
    reasons = cycle_data.exit_reasons(lang)
    left = reg[reg["status"] == cy.LEFT]
    if len(left):
        why = privacy.counts(left["alasan"].value_counts())
        st.caption(t("siklus.ret.why", reasons=" · ".join(
            f"{reasons.get(k, t(f'siklus.exit.{k}'))}: {v if isinstance(v, str) else fmt.num(v, lang=lang)}"
            for k, v in why.items())))
    table = cycle_tables.register_table(reg, c, services.placements(previous, ctx.filters, ctx.scope), reasons)
    shown = privacy.people(table)
    st.dataframe(shown, hide_index=True, width="stretch", height=components.table_height(len(shown), 300),
                 column_config=_labels(shown.columns) | {
                     "kotak_sebelum": st.column_config.TextColumn(t("siklus.col.box_in", period=previous), width="small"),
                     "kotak_sesudah": st.column_config.TextColumn(t("siklus.col.box_in", period=ctx.period),
                                                                  width="small"),
                     "lama_periode": st.column_config.NumberColumn(t("label.lama_periode"), format="%d")})
    st.caption(t("siklus.ret.register_help", boxes=", ".join(map(str, cy.pool_boxes(services.rules(ctx.period).boxes)))))


def watchlist(ctx: Context, c: Cycle) -> None:
    lang = language()
    st.subheader(t("siklus.ret.watch"))
    watch = cycle_data.watchlist(ctx.period, ctx.filters, ctx.scope, c.on)
    signals = services.store().cycle_rules()["signals"]
    per = watch["sinyal"].value_counts() if len(watch) else pd.Series(dtype=int)
    shown_per = privacy.counts(per)
    st.markdown("\n".join(
        "- " + t("siklus.watch.line", signal=t(f"siklus.signal.{s.kode}", n=fmt.num(s.ambang, lang=lang)),
                 n=(lambda v: v if isinstance(v, str) else fmt.num(v, lang=lang))(shown_per.get(s.kode, 0)))
        for s in signals[signals["aktif"].astype(bool)].sort_values("urutan").itertuples(index=False)))
    if watch.empty:
        st.info(t("siklus.watch.none"))
        return
    table = privacy.people(cycle_tables.watch_table(watch, c.placed, lang))
    st.dataframe(table, hide_index=True, width="stretch", height=components.table_height(len(table), 300),
                 column_config=_labels(table.columns))


def retention_actions(ctx: Context, c: Cycle) -> None:
    lang = language()
    st.subheader(t("siklus.ret.actions", period=ctx.period))
    types = cycle_data.retention_types(lang)
    acts = cycle_data.retention_actions(ctx.period, ctx.scope)
    if acts.empty:
        st.info(t("siklus.ret.no_actions"))
    else:
        shown = privacy.people(acts.assign(jenis=acts["jenis"].map(lambda k: types.get(k, k)),
                                           status=acts["status"].map(lambda s: t(f"dev.status.{s}"))))
        st.dataframe(shown[["id", "nama", "nip", "jenis", "uraian", "status", "target_tanggal", "dibuat_oleh",
                            "setelah_penetapan"]], hide_index=True, width="stretch",
                     height=components.table_height(len(shown), 280), column_config={
                         "id": st.column_config.NumberColumn("#", format="%d"), "nama": t("col.nama"), "nip": "NIP",
                         "jenis": t("dev.col.jenis"), "uraian": t("dev.col.uraian"), "status": t("dev.col.status"),
                         "target_tanggal": st.column_config.DateColumn(t("dev.col.target"), format="DD/MM/YYYY"),
                         "dibuat_oleh": t("dev.col.oleh"),
                         "setelah_penetapan": st.column_config.CheckboxColumn(t("dev.col.setelah"))})
    if not may_record():
        return
    from ui import cycle_forms
    cycle_forms.retention_form(ctx, c, types)
    if not acts.empty:
        cycle_forms.retention_status(ctx, acts, types)


# -- penempatan -----------------------------------------------------------------------------------------
def placement(ctx: Context, c: Cycle) -> None:
    lang = language()
    cols = st.columns(4)
    for col, (label, value, help_, _) in zip(cols, cycle_tables.indicator_tiles(c, lang)):
        col.metric(label, value, border=True, help=help_)
        col.caption(help_)
    st.subheader(t("siklus.pl.appointments", period=ctx.period))
    if c.appointments.empty:
        st.info(t("siklus.pl.none"))
    else:
        table = privacy.people(cycle_tables.appointment_table(c.appointments, lang, hide_posts=privacy.is_on()))
        st.dataframe(table, hide_index=True, width="stretch", height=components.table_height(len(table), 280),
                     key="siklus_appointments", column_config=_labels(table.columns) | {
                         "tanggal": st.column_config.DateColumn(t("label.tanggal"), format="DD/MM/YYYY", width="small")})
    if may_record():
        from ui import cycle_forms
        if not c.appointments.empty:
            cycle_forms.appointment_undo(ctx, c)
        cycle_forms.appointment_form(ctx, c)


# -- Monev ----------------------------------------------------------------------------------------------
def monev_downloads(ctx: Context) -> None:
    """The yearly Monev report: the cycle's indicators against the previous year (Excel and slides)."""
    st.markdown(f"**{t('siklus.monev.heading')}**")
    st.caption(t("siklus.monev.caption"))
    lang, exporter, masking = language(), acting_user(), privacy.masking()
    components.xlsx_download(t("siklus.monev.xlsx"), lambda: cycle_monev.monev_workbook(ctx, lang, exporter, masking),
                             f"monev-siklus-talenta-{ctx.period}.xlsx", "siklus_monev_xlsx", "ekspor:monev",
                             f"periode:{ctx.period}", {"berkas": "xlsx"})
    components.xlsx_download(t("siklus.monev.pptx"), lambda: cycle_monev.monev_deck(ctx, lang, masking),
                             f"monev-siklus-talenta-{ctx.period}.pptx", "siklus_monev_pptx", "ekspor:monev",
                             f"periode:{ctx.period}", {"berkas": "pptx"}, mime=PPTX_MIME)
