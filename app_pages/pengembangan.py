"""Pengembangan: competency gaps across the organisation, IDP drafts and development actions,
JPM by job kind, training needs, profiling coverage against the CACT quota and who to profile next,
digital literacy / emerging skills, and whether people with actions moved up a period later."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from analytics import development as dv
from common import fmt
from common.i18n import language, t
from reports.figures import development as figures
from ui import components, development, privacy, services
from ui.development import Names
from ui.frame import Context, context
from ui.user import acting_user, can

CHART_CONFIG = {"displaylogo": False, "modeBarButtonsToRemove": ["toImage"]}


def main() -> None:
    ctx = context()
    placed = services.placements(ctx.period, ctx.filters, ctx.scope)
    pop = development.population(ctx.period, ctx.filters, ctx.scope)
    names = development.names(ctx.period, language())

    st.title(t("dev.title", period=ctx.period))
    st.caption(t("dev.intro"))
    tab_gap, tab_jpm, tab_cov, tab_skill, tab_loop = st.tabs(
        [t("dev.tab.gap"), t("dev.tab.jpm"), t("dev.tab.coverage"), t("dev.tab.skills"), t("dev.tab.loop")])
    with tab_gap:
        shown_opd = gap_map(ctx, pop, names)
        picked = drill(ctx, pop, names, shown_opd) if shown_opd else None
        if picked is not None:
            idp(ctx, pop, placed, names, *picked)
    with tab_jpm:
        jpm_by_kind(ctx, placed)
        training_needs(ctx, pop, names)
    with tab_cov:
        coverage(ctx, placed)
        profile_next(ctx, placed)
    with tab_skill:
        skills(ctx, pop, names)
    with tab_loop:
        actions_of_period(ctx, names)
        closing_the_loop(ctx, placed, names)


def _may_edit() -> bool:
    return can("kalibrasi") or can("aturan:ubah")


# -- 1. gap heatmap → people behind a cell → IDP ----------------------------------------------------
def gap_map(ctx: Context, pop: pd.DataFrame, names: Names) -> list[str]:
    """The OPD × competency heatmap; returns the OPDs it shows (groups under the minimum are hidden)."""
    rules, min_group = services.rules(ctx.period), privacy.min_group()
    metric = st.segmented_control(t("dev.metric"), ["rerata_selisih", "persen_di_bawah"], key="dev_metric",
                                  default="rerata_selisih", required=True,
                                  format_func=lambda m: t(f"dev.metric.{m}"))
    codes = rules.skj_codes()
    agg = dv.gap_by_group(pop, rules.skj, codes, "opd_id", min_group)
    shown_opd = sorted(agg.loc[~agg["disembunyikan"], "kelompok"].unique(), key=lambda k: names.opd_short.get(k, k))
    hidden_opd = agg.loc[agg["disembunyikan"], "kelompok"].nunique()
    if not shown_opd:
        st.info(t("dev.no_assessed", n=min_group))
        return []
    st.plotly_chart(figures.gap_heatmap(agg, metric, shown_opd, names.opd_short, names.opd, codes, names.competency,
                                        language()), key="dev_heatmap", config=CHART_CONFIG)
    st.caption(t("dev.heatmap_help", n=min_group, hidden=hidden_opd))
    return shown_opd


def drill(ctx: Context, pop: pd.DataFrame, names: Names, shown_opd: list[str]
          ) -> tuple[pd.DataFrame, str, str] | None:
    """The people behind one heatmap cell; returns (people, opd, competency) once both are picked."""
    lang, rules, min_group = language(), services.rules(ctx.period), privacy.min_group()
    codes = rules.skj_codes()
    st.subheader(t("dev.drill"))
    c1, c2 = st.columns(2)
    pick_opd = c1.selectbox(t("dev.pick_opd"), shown_opd, index=None, key="dev_opd",
                            format_func=lambda k: names.opd.get(k, k), placeholder=t("dev.pick_hint"))
    pick_kode = c2.selectbox(t("dev.pick_komp"), codes, index=None, key="dev_kode",
                             format_func=lambda k: names.competency.get(k, k), placeholder=t("dev.pick_hint"))
    if pick_opd is None or pick_kode is None:
        st.info(t("dev.drill_hint"))
        return None
    people = dv.cell_people(pop, rules.skj, pick_kode, pick_opd, "opd_id", min_group, codes)
    below = int((people["selisih"] < 0).sum())
    drill_box = st.container(key="dev_drill_box")  # a stable handle for browser tests
    drill_box.markdown("#### " + t("dev.drill_title", opd=fmt.plain(names.opd.get(pick_opd, pick_opd)),
                                   komp=fmt.plain(names.competency.get(pick_kode, pick_kode)),
                                   n=fmt.num(len(people), lang=lang), below=fmt.num(below, lang=lang)))
    drill_box.dataframe(privacy.people(people), hide_index=True, width="stretch",
                        height=components.table_height(len(people)), key=f"dev_people_{pick_opd}_{pick_kode}",
                        column_config={
                            "nip": "NIP", "nama": st.column_config.TextColumn(t("col.nama"), width="medium"),
                            "jabatan": t("col.jabatan"), "jenjang_jabatan": t("dev.col.jenjang"),
                            "standar": st.column_config.NumberColumn(t("col.standar"), format="%d"),
                            "capaian": st.column_config.NumberColumn(t("col.capaian"), format="%d"),
                            "selisih": st.column_config.NumberColumn(t("col.selisih"), format="%+d")})
    return people, pick_opd, pick_kode


def idp(ctx: Context, pop: pd.DataFrame, placed: pd.DataFrame, names: Names, people: pd.DataFrame, opd: str,
        kode: str) -> None:
    """A person of the cell (keyed on the cell: never someone else's pick): the IDP draft and actions."""
    st.subheader(t("dev.idp"))
    shown_people = privacy.people(people)
    labels = dict(zip(people["nip"], shown_people["nama"] + " · " + shown_people["jabatan"].astype("str")))
    nip = st.selectbox(t("dev.idp_pick"), list(labels), index=None, key=f"dev_person_{opd}_{kode}",
                       format_func=lambda n: labels.get(n, n), placeholder=t("dev.idp_pick_hint"))
    if nip is None:
        return
    person, draft = development.idp_draft(nip, pop, placed, ctx.period)
    left, right = st.columns([3, 2], gap="large")
    with left:
        idp_summary(pop, nip, person, draft, names)
    with right:
        idp_actions(ctx, nip, draft["kesenjangan"], names)


def idp_summary(pop: pd.DataFrame, nip: str, person: pd.Series, draft: dict, names: Names) -> None:
    """Who, their box's follow-up and their largest gaps with the suggested kind of action."""
    who = privacy.people(pop.loc[pop["nip"] == nip, ["nip", "nama", "jabatan", "jenjang_jabatan"]]).iloc[0]
    st.markdown(f"##### {fmt.plain(who['nama'])}")
    st.caption(f"NIP {who['nip']} · {fmt.plain(who['jabatan'])} · {fmt.plain(person['opd_nama'])}")
    if draft["kotak"] is None:
        st.warning(t("dev.idp_unplaced"))
    else:
        st.markdown(t("dev.idp_box", n=draft["kotak"], label=fmt.plain(draft["label"])))
        st.markdown("\n".join(f"- {fmt.plain(x)}" for x in draft["tindak_lanjut"]))
    gaps = draft["kesenjangan"]
    if gaps.empty:
        st.success(t("dev.idp_no_gap"))
        return
    st.markdown(f"**{t('dev.idp_gaps')}**")
    st.markdown("\n".join(
        "- " + t("dev.idp_line", komp=fmt.plain(names.competency.get(r.kode, r.nama)), a=r.capaian, r=r.standar,
                 gap=r.selisih, jenis=fmt.plain(names.action_type.get(r.saran, r.saran)))
        for r in gaps.itertuples(index=False)))


def idp_actions(ctx: Context, nip: str, gaps: pd.DataFrame, names: Names) -> None:
    """The person's actions of the period, and a form to record one (for who may edit)."""
    mine = development.actions(ctx.period, ctx.scope, nips=[nip])
    st.markdown(f"**{t('dev.idp_actions')}**")
    if mine.empty:
        st.caption(t("dev.idp_no_actions"))
    else:
        st.dataframe(mine.assign(jenis=mine["jenis"].map(lambda k: names.action_type.get(k, k)),
                                 status=mine["status"].map(lambda s: t(f"dev.status.{s}")))[
                         ["jenis", "uraian", "status", "target_tanggal", "setelah_penetapan"]],
                     hide_index=True, width="stretch", column_config={
                         "jenis": t("dev.col.jenis"), "uraian": t("dev.col.uraian"), "status": t("dev.col.status"),
                         "target_tanggal": st.column_config.DateColumn(t("dev.col.target"), format="DD/MM/YYYY"),
                         "setelah_penetapan": st.column_config.CheckboxColumn(t("dev.col.setelah"))})
    if _may_edit():
        action_form(ctx, nip, gaps, names)


def action_form(ctx: Context, nip: str, gaps: pd.DataFrame, names: Names) -> None:
    """Record a planned action, its kind suggested by the largest gap."""
    locked = development.period_locked(ctx.period)
    types = names.action_types
    suggested = gaps["saran"].iloc[0] if not gaps.empty else types[0]
    tk = privacy.token(nip)  # widget keys reach the browser: never the NIP itself
    with st.form(f"dev_form_{tk}", border=True):
        jenis = st.selectbox(t("dev.col.jenis"), types, index=types.index(suggested),
                             format_func=lambda k: names.action_type.get(k, k), key=f"dev_jenis_{tk}")
        default_text = "" if gaps.empty else t("dev.idp_default_text",
                                               komp=names.competency.get(gaps["kode"].iloc[0], ""),
                                               r=int(gaps["standar"].iloc[0]))
        uraian = st.text_area(t("dev.col.uraian"), value=default_text, max_chars=500, height=80, key=f"dev_uraian_{tk}")
        target = st.date_input(t("dev.col.target"), value=None, key=f"dev_target_{tk}", format="DD/MM/YYYY")
        add = st.form_submit_button(t("dev.add"), type="primary")
    if locked:   # allowed by design after penetapan, and marked so
        st.caption(t("dev.after_final"))
    if add:
        try:
            development.add_action(ctx.period, nip, jenis, uraian, target, ctx.scope)
            st.toast(t("dev.added"))
            st.rerun()
        except development.StoreError as exc:
            st.error(str(exc))


# -- 2. JPM by job kind and training needs ------------------------------------------------------------
def jpm_by_kind(ctx: Context, placed: pd.DataFrame) -> None:
    """JPM bands (mapping scheme) per kind of post."""
    rules, min_group, lang = services.rules(ctx.period), privacy.min_group(), language()
    st.subheader(t("dev.jpm"))
    dist = dv.jpm_distribution(placed, rules.jpm_bands, "jenis_jabatan", "pemetaan", min_group)
    if dist.empty or dist["disembunyikan"].all():
        st.info(t("dev.no_assessed", n=min_group))
    else:
        st.plotly_chart(figures.jpm_bars(dist, {}, lang), key="dev_jpm", config=CHART_CONFIG)
    bands = rules.jpm_bands[rules.jpm_bands["skema"] == "pemetaan"].sort_values("batas_bawah", ascending=False)
    st.caption(t("dev.jpm_help", bands=" · ".join(f"{fmt.plain(b.label)} ≥ {fmt.num(b.batas_bawah, 0, lang)}"
                                                  for b in bands.itertuples(index=False)), n=min_group))


def training_needs(ctx: Context, pop: pd.DataFrame, names: Names) -> None:
    """Per competency: how many assessed people are below their standard, and by how much."""
    rules, min_group = services.rules(ctx.period), privacy.min_group()
    st.subheader(t("dev.needs"))
    needs = dv.training_needs(pop, rules.skj, rules.competencies, min_group)
    if needs.empty:
        st.info(t("dev.no_assessed", n=min_group))
        return
    means = ["rerata_selisih", "rerata_selisih_di_bawah"]   # -0,75 with the language's comma (local_decimals)
    st.dataframe(components.local_decimals(needs.assign(nama=needs["kode"].map(names.competency)).drop(columns=["kode"]),
                                           2, columns=means), hide_index=True,
                 width="stretch", column_config={
                     "nama": st.column_config.TextColumn(t("col.kompetensi"), width="medium"),
                     "n": st.column_config.NumberColumn(t("dev.col.n_dinilai"), format="%d"),
                     "n_di_bawah": st.column_config.NumberColumn(t("dev.col.n_bawah"), format="%d"),
                     "persen_di_bawah": st.column_config.ProgressColumn(t("dev.col.persen_bawah"), min_value=0,
                                                                        max_value=100, format="%.0f%%"),
                     "rerata_selisih": st.column_config.NumberColumn(t("dev.col.rerata")),
                     "rerata_selisih_di_bawah": st.column_config.NumberColumn(t("dev.col.rerata_bawah"))})
    st.caption(t("dev.needs_help"))


# -- 3. profiling coverage and who next ---------------------------------------------------------------
def coverage(ctx: Context, placed: pd.DataFrame) -> None:
    """Who has been profiled, against the CACT quota, overall and per OPD or kind of post."""
    lang = language()
    cact, quota = development.coverage_counts(ctx.period, ctx.filters, ctx.scope)
    profiled = int(placed["sumber"].notna().sum())
    m1, m2, m3, m4 = st.columns(4)
    m1.metric(t("dev.cov_profiled"), fmt.num(profiled, lang=lang), border=True, help=t("dev.cov_profiled_help"))
    m2.metric(t("dev.cov_unprofiled"), fmt.num(len(placed) - profiled, lang=lang), border=True)
    m3.metric(t("dev.cov_cact", period=ctx.period), f"{fmt.num(cact, lang=lang)} / {fmt.num(quota, lang=lang)}",
              border=True, help=t("dev.cov_quota_help"))
    m4.metric(t("dev.cov_share"), fmt.pct(profiled / len(placed) * 100 if len(placed) else 0, 1, lang), border=True)
    by = st.segmented_control(t("dev.cov_by"), ["opd_nama", "jenis_jabatan"], default="opd_nama", required=True,
                              key="dev_cov_by", format_func=lambda v: t(f"dev.cov_by.{v}"))
    cov = dv.coverage(placed, by)
    st.dataframe(cov, hide_index=True, width="stretch", height=components.table_height(len(cov), 400, 0),
                 column_config={
                     "kelompok": st.column_config.TextColumn(t("dev.col.kelompok"), width="large"),
                     "n": st.column_config.NumberColumn(t("dev.col.asn"), format="%d"),
                     "diprofil": st.column_config.NumberColumn(t("dev.col.diprofil"), format="%d"),
                     "belum": st.column_config.NumberColumn(t("dev.col.belum"), format="%d"),
                     "persen": st.column_config.ProgressColumn(t("dev.col.cakupan"), min_value=0, max_value=100,
                                                               format="%.0f%%")})


def profile_next(ctx: Context, placed: pd.DataFrame) -> None:
    """Who to profile next, in priority order, and its workbook."""
    lang = language()
    st.subheader(t("dev.next"))
    nxt = development.priority(placed, ctx.period, ctx.scope)
    head, quota_text = nxt.head, fmt.num(nxt.quota, lang=lang)
    rule_text = t("dev.next_help", years=nxt.min_years, near=nxt.near_years, quota=quota_text)
    st.caption(rule_text)
    if nxt.total > len(head):
        st.caption(t("dev.next_limited", shown=fmt.num(len(head), lang=lang), total=fmt.num(nxt.total, lang=lang)))
    shown = privacy.people(head.assign(alasan=head["alasan"].map(lambda a: t(f"dev.why.{a}"))))
    period, scope = ctx.period, ctx.scope  # a click on a person opens the profile
    components.person_table(shown[["urutan", "nama", "nip", "jabatan", "opd_nama", "usia", "tahun_ke_bup", "prioritas",
                                   "alasan", "dalam_kuota"]],
                            components.view_key("dev_next", period, tuple(map(privacy.token, head["nip"]))),
                            on_pick=lambda nip: components.open_profile(nip, period, scope), height=420,
                            column_config={
                                "urutan": st.column_config.NumberColumn("#", format="%d"),
                                "nama": st.column_config.TextColumn(t("col.nama"), width="medium"), "nip": "NIP",
                                "jabatan": t("col.jabatan"), "opd_nama": t("col.opd"),
                                "usia": st.column_config.NumberColumn(t("dev.col.usia"), format="%d"),
                                "tahun_ke_bup": st.column_config.NumberColumn(t("dev.col.ke_bup"), format="%d"),
                                "prioritas": st.column_config.NumberColumn(t("dev.col.prioritas"), format="%d"),
                                "alasan": t("col.alasan"),
                                "dalam_kuota": st.column_config.CheckboxColumn(t("dev.col.kuota"))})
    exporter, masking = acting_user(), privacy.masking()  # the file is built on the click: capture them now
    components.xlsx_download(
        t("dev.export"), lambda: development.priority_workbook(shown, ctx, rule_text, quota_text, exporter, masking),
        f"prioritas-profiling-{ctx.period}.xlsx", "dev_export", "ekspor:prioritas-profiling", f"periode:{ctx.period}",
        {"baris": len(shown), "dari": nxt.total, "kuota": nxt.quota})


# -- 4. digital literacy and emerging skills ------------------------------------------------------------
def skills(ctx: Context, pop: pd.DataFrame, names: Names) -> None:
    """Mean levels per OPD of the digital literacy and emerging skills groups."""
    comp, min_group, lang = services.rules(ctx.period).competencies, privacy.min_group(), language()
    any_skill = False
    for group, title in (("literasi digital", "dev.dl"), ("emerging skills", "dev.es")):
        group_codes = comp.loc[comp["kelompok"] == group].sort_values("urutan")["kode"].tolist()
        summ = dv.skill_summary(pop, group_codes, "opd_id", min_group)
        if summ.empty:
            continue
        any_skill = True
        st.subheader(t(title))
        shown = summ[~summ["disembunyikan"]].assign(kelompok=lambda f: f["kelompok"].map(lambda k: names.opd.get(k, k)))
        overall = pop[group_codes].astype(float).mean()
        st.caption(t("dev.skill_lowest", komp=fmt.plain(names.competency.get(overall.idxmin(), overall.idxmin())),
                     v=fmt.num(overall.min(), 1, lang), hidden=int(summ["disembunyikan"].sum()), n=min_group))
        st.dataframe(components.local_decimals(shown.drop(columns=["disembunyikan"]), 1, columns=list(group_codes)),
                     hide_index=True, width="stretch", height=360,
                     column_config={"kelompok": st.column_config.TextColumn(t("col.opd"), width="medium"),
                                    "n": st.column_config.NumberColumn(t("dev.col.n_dinilai"), format="%d"),
                                    **{c: st.column_config.NumberColumn(names.competency.get(c, c))
                                       for c in group_codes}})
    if not any_skill:
        st.info(t("dev.no_skills"))


# -- 5. actions and closing the loop ----------------------------------------------------------------------
def actions_of_period(ctx: Context, names: Names) -> None:
    """Every action of the period, and a status change (for who may edit; after penetapan too)."""
    st.subheader(t("dev.actions", period=ctx.period))
    acts = development.actions(ctx.period, ctx.scope)
    if acts.empty:
        st.info(t("dev.no_actions"))
        return
    acts = privacy.people(acts)
    st.dataframe(acts.assign(jenis=acts["jenis"].map(lambda k: names.action_type.get(k, k)),
                             status=acts["status"].map(lambda s: t(f"dev.status.{s}")))[
                     ["id", "nama", "nip", "jenis", "uraian", "status", "target_tanggal", "dibuat_oleh",
                      "setelah_penetapan"]],
                 hide_index=True, width="stretch", column_config={
                     "id": st.column_config.NumberColumn("#", format="%d"), "nama": t("col.nama"), "nip": "NIP",
                     "jenis": t("dev.col.jenis"), "uraian": t("dev.col.uraian"), "status": t("dev.col.status"),
                     "target_tanggal": st.column_config.DateColumn(t("dev.col.target"), format="DD/MM/YYYY"),
                     "dibuat_oleh": t("dev.col.oleh"),
                     "setelah_penetapan": st.column_config.CheckboxColumn(t("dev.col.setelah"))})
    if not _may_edit():   # a finalised period too: actions follow the result (marked after penetapan)
        return
    a1, a2, a3 = st.columns([3, 2, 1], vertical_alignment="bottom")
    act_labels = {int(r.id): f"#{r.id} · {r.nama} · {names.action_type.get(r.jenis, r.jenis)}"
                  for r in acts.itertuples(index=False)}
    act_id = a1.selectbox(t("dev.status_pick"), list(act_labels), key="dev_status_id", format_func=act_labels.get)
    new_status = a2.selectbox(t("dev.col.status"), list(dv.ACTION_STATUSES), key="dev_status_new",
                              format_func=lambda s: t(f"dev.status.{s}"))
    if a3.button(t("dev.status_save"), key="dev_status_save"):
        try:
            development.update_action(act_id, new_status, ctx.scope)
            st.toast(t("dev.status_saved"))
            st.rerun()
        except development.StoreError as exc:
            st.error(str(exc))


def closing_the_loop(ctx: Context, placed: pd.DataFrame, names: Names) -> None:
    """Did people with actions in the previous period move up a box, compared with the others?"""
    lang, boxes = language(), services.rules(ctx.period).boxes
    st.subheader(t("dev.loop"))
    prev = development.previous_period(ctx.period)
    if prev is None:
        st.info(t("dev.loop_first", period=ctx.period))
        return
    before = services.placements(prev, ctx.filters, ctx.scope)
    prev_acts = development.actions(prev, ctx.scope)
    prev_acts = prev_acts[prev_acts["nip"].isin(set(before["nip"]))] if not prev_acts.empty else prev_acts
    outcome = dv.loop_outcome(prev_acts, before, placed, boxes)
    summ = dv.loop_summary(outcome, before, placed, boxes)
    st.caption(t("dev.loop_help", before=prev, after=ctx.period))
    l1, l2 = st.columns(2)
    l1.metric(t("dev.loop_with", before=prev), "–" if pd.isna(summ["persen_aksi"]) else
              fmt.pct(summ["persen_aksi"], 1, lang), border=True,
              help=t("dev.loop_count", k=fmt.num(summ["naik_aksi"], lang=lang), n=fmt.num(summ["n_aksi"], lang=lang)))
    l2.metric(t("dev.loop_without"), "–" if pd.isna(summ["persen_lain"]) else
              fmt.pct(summ["persen_lain"], 1, lang), border=True,
              help=t("dev.loop_count", k=fmt.num(summ["naik_lain"], lang=lang), n=fmt.num(summ["n_lain"], lang=lang)))
    if outcome.empty:
        st.info(t("dev.loop_none", before=prev))
        return
    who = dict(zip(before["nip"], before["nama"]))
    table = outcome.assign(nama=outcome["nip"].map(who),
                           jenis=outcome["jenis"].map(lambda s: ", ".join(names.action_type.get(k, k)
                                                                         for k in s.split(", "))),
                           hasil=outcome["hasil"].map(lambda h: t(f"dev.hasil.{h.replace(' ', '_')}")))
    table = privacy.people(table)
    st.dataframe(table[["nama", "nip", "jenis", "jumlah_aksi", "selesai", "kotak_sebelum", "kotak_sesudah", "hasil"]],
                 hide_index=True, width="stretch", key="dev_loop_table", column_config={
                     "nama": t("col.nama"), "nip": "NIP", "jenis": t("dev.col.jenis"),
                     "jumlah_aksi": st.column_config.NumberColumn(t("dev.col.jumlah_aksi"), format="%d"),
                     "selesai": st.column_config.NumberColumn(t("dev.status.selesai"), format="%d"),
                     "kotak_sebelum": st.column_config.NumberColumn(t("dev.col.kotak_in", period=prev), format="%d"),
                     "kotak_sesudah": st.column_config.NumberColumn(t("dev.col.kotak_in", period=ctx.period),
                                                                    format="%d"),
                     "hasil": t("col.hasil")})


main()
