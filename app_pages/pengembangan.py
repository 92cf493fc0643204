"""Pengembangan: competency gaps across the organisation, IDP drafts and development actions,
JPM by job kind, training needs, profiling coverage against the CACT quota and who to profile next,
digital literacy / emerging skills, and whether people with actions moved up a period later."""
from __future__ import annotations

from datetime import datetime

import pandas as pd
import streamlit as st

from analytics import development as dv
from data.exports import workbook
from data.store import StoreError
from ui import development_view as view
from common import fmt
from ui import privacy, services
from ui.frame import LIST_LIMIT, context
from common.i18n import language, t
from ui.user import acting_user, can


def main() -> None:
    ctx = context()
    lang = language()
    store = services.store()
    rules = services.rules(ctx.period)
    placed = services.placements(ctx.period, ctx.filters, ctx.scope)
    pop = view.population(ctx.period, ctx.filters, ctx.scope)
    min_group = privacy.min_group()
    status = store.period_status(ctx.period)
    locked = status["status"] == "ditetapkan"
    may_edit = can("kalibrasi") or can("aturan:ubah")

    opd = store.opd()
    opd_names = dict(zip(opd["opd_id"], opd["nama"]))
    opd_short = {k: (s if isinstance(s, str) and s else k) for k, s in zip(opd["opd_id"], opd["singkatan"])}
    comp = rules.competencies
    name_col = "nama_en" if lang == "en" and "nama_en" in comp.columns else "nama"
    comp_names = dict(zip(comp["kode"], comp[name_col]))
    codes = rules.skj_codes()
    types = store.development_action_types()
    type_names = dict(zip(types["kode"], types["nama_en" if lang == "en" else "nama"]))

    st.title(t("dev.title", period=ctx.period))
    st.caption(t("dev.intro"))

    tab_gap, tab_jpm, tab_cov, tab_skill, tab_loop = st.tabs(
        [t("dev.tab.gap"), t("dev.tab.jpm"), t("dev.tab.coverage"), t("dev.tab.skills"), t("dev.tab.loop")])

    # -- 1. gap heatmap → people behind a cell → IDP ------------------------------------------------
    with tab_gap:
        metric = st.segmented_control(t("dev.metric"), ["rerata_selisih", "persen_di_bawah"], key="dev_metric",
                                      default="rerata_selisih", required=True,
                                      format_func=lambda m: t(f"dev.metric.{m}"))
        agg = dv.gap_by_group(pop, rules.skj, codes, "opd_id", min_group)
        shown_opd = sorted(agg.loc[~agg["disembunyikan"], "kelompok"].unique(), key=lambda k: opd_short.get(k, k))
        hidden_opd = agg.loc[agg["disembunyikan"], "kelompok"].nunique()
        if not shown_opd:
            st.info(t("dev.no_assessed", n=min_group))
        else:
            st.plotly_chart(view.gap_heatmap(agg, metric, shown_opd, opd_short, opd_names, codes, comp_names),
                            key="dev_heatmap", config={"displaylogo": False, "modeBarButtonsToRemove": ["toImage"]})
            st.caption(t("dev.heatmap_help", n=min_group, hidden=hidden_opd))

            st.subheader(t("dev.drill"))
            c1, c2 = st.columns(2)
            pick_opd = c1.selectbox(t("dev.pick_opd"), shown_opd, index=None, key="dev_opd",
                                    format_func=lambda k: opd_names.get(k, k), placeholder=t("dev.pick_hint"))
            pick_kode = c2.selectbox(t("dev.pick_komp"), codes, index=None, key="dev_kode",
                                     format_func=lambda k: comp_names.get(k, k), placeholder=t("dev.pick_hint"))
            if pick_opd is None or pick_kode is None:
                st.info(t("dev.drill_hint"))
            else:
                people = dv.cell_people(pop, rules.skj, pick_kode, pick_opd, "opd_id", min_group, codes)
                below = int((people["selisih"] < 0).sum())
                drill_box = st.container(key="dev_drill_box")  # a stable handle for browser tests
                drill_box.markdown(f"#### {t('dev.drill_title', opd=fmt.plain(opd_names.get(pick_opd, pick_opd)), komp=fmt.plain(comp_names.get(pick_kode, pick_kode)), n=fmt.num(len(people), lang=lang), below=fmt.num(below, lang=lang))}")
                drill_box.dataframe(privacy.people(people), hide_index=True, width="stretch", height=min(420, 38 + 35 * max(len(people), 1)),
                             key=f"dev_people_{pick_opd}_{pick_kode}", column_config={
                                 "nip": "NIP", "nama": st.column_config.TextColumn(t("col.nama"), width="medium"),
                                 "jabatan": t("col.jabatan"), "jenjang_jabatan": t("dev.col.jenjang"),
                                 "standar": st.column_config.NumberColumn(t("col.standar"), format="%d"),
                                 "capaian": st.column_config.NumberColumn(t("col.capaian"), format="%d"),
                                 "selisih": st.column_config.NumberColumn(t("col.selisih"), format="%+d")})

                # per-person IDP: a person from the list above (keyed on the cell: never someone else's pick)
                st.subheader(t("dev.idp"))
                shown_people = privacy.people(people)
                labels = dict(zip(people["nip"], shown_people["nama"] + " · " + shown_people["jabatan"].astype("str")))
                nip = st.selectbox(t("dev.idp_pick"), list(labels), index=None, key=f"dev_person_{pick_opd}_{pick_kode}",
                                   format_func=lambda n: labels.get(n, n), placeholder=t("dev.idp_pick_hint"))
                if nip is not None:
                    person = pop.set_index("nip").loc[nip].copy()
                    person["kotak"] = placed.set_index("nip")["kotak"].get(nip)
                    draft = dv.idp_draft(person, rules.skj, comp, rules.boxes,
                                         int(store.setting("idp_selisih_diklat") or -2))
                    left, right = st.columns([3, 2], gap="large")
                    with left:
                        who = privacy.people(pop.loc[pop["nip"] == nip, ["nip", "nama", "jabatan", "jenjang_jabatan"]]).iloc[0]
                        st.markdown(f"##### {fmt.plain(who['nama'])}")
                        st.caption(f"NIP {who['nip']} · {fmt.plain(who['jabatan'])} · {fmt.plain(person['opd_nama'])}")
                        if draft["kotak"] is None:
                            st.warning(t("dev.idp_unplaced"))
                        else:
                            st.markdown(t("dev.idp_box", n=draft["kotak"], label=fmt.plain(draft["label"])))
                            st.markdown("\n".join(f"- {fmt.plain(x)}" for x in draft["tindak_lanjut"]))
                        gaps_ = draft["kesenjangan"]
                        if gaps_.empty:
                            st.success(t("dev.idp_no_gap"))
                        else:
                            st.markdown(f"**{t('dev.idp_gaps')}**")
                            st.markdown("\n".join(
                                "- " + t("dev.idp_line", komp=fmt.plain(comp_names.get(r.kode, r.nama)), a=r.capaian,
                                         r=r.standar, gap=r.selisih, jenis=fmt.plain(type_names.get(r.saran, r.saran)))
                                for r in gaps_.itertuples(index=False)))
                    with right:
                        mine = store.development_actions(ctx.period, nips=[nip], scope=ctx.scope)
                        st.markdown(f"**{t('dev.idp_actions')}**")
                        if mine.empty:
                            st.caption(t("dev.idp_no_actions"))
                        else:
                            st.dataframe(mine.assign(jenis=mine["jenis"].map(lambda k: type_names.get(k, k)),
                                                     status=mine["status"].map(lambda s: t(f"dev.status.{s}")))[
                                             ["jenis", "uraian", "status", "target_tanggal"]],
                                         hide_index=True, width="stretch", column_config={
                                             "jenis": t("dev.col.jenis"), "uraian": t("dev.col.uraian"),
                                             "status": t("dev.col.status"),
                                             "target_tanggal": st.column_config.DateColumn(t("dev.col.target"),
                                                                                           format="DD/MM/YYYY")})
                        if may_edit:
                            suggested = gaps_["saran"].iloc[0] if not gaps_.empty else types["kode"].iloc[0]
                            tk = privacy.token(nip)  # widget keys reach the browser: never the NIP itself
                            with st.form(f"dev_form_{tk}", border=True):
                                jenis = st.selectbox(t("dev.col.jenis"), types["kode"].tolist(),
                                                     index=types["kode"].tolist().index(suggested),
                                                     format_func=lambda k: type_names.get(k, k), key=f"dev_jenis_{tk}")
                                default_text = "" if gaps_.empty else t(
                                    "dev.idp_default_text", komp=comp_names.get(gaps_["kode"].iloc[0], ""),
                                    r=int(gaps_["standar"].iloc[0]))
                                uraian = st.text_area(t("dev.col.uraian"), value=default_text, max_chars=500, height=80,
                                                      key=f"dev_uraian_{tk}")
                                target = st.date_input(t("dev.col.target"), value=None, key=f"dev_target_{tk}",
                                                       format="DD/MM/YYYY")
                                add = st.form_submit_button(t("dev.add"), type="primary", disabled=locked)
                            if locked:
                                st.caption(t("dev.locked"))
                            if add:
                                try:
                                    store.add_development_action(ctx.period, nip, jenis, uraian, acting_user(),
                                                                 target_tanggal=target, scope=ctx.scope)
                                    st.toast(t("dev.added"))
                                    st.rerun()
                                except StoreError as exc:
                                    st.error(str(exc))

    # -- 2. JPM by job kind and training needs --------------------------------------------------------
    with tab_jpm:
        st.subheader(t("dev.jpm"))
        dist = dv.jpm_distribution(placed, rules.jpm_bands, "jenis_jabatan", "pemetaan", min_group)
        if dist.empty or dist["disembunyikan"].all():
            st.info(t("dev.no_assessed", n=min_group))
        else:
            st.plotly_chart(view.jpm_bars(dist, {}), key="dev_jpm",
                            config={"displaylogo": False, "modeBarButtonsToRemove": ["toImage"]})
        bands = rules.jpm_bands[rules.jpm_bands["skema"] == "pemetaan"].sort_values("batas_bawah", ascending=False)
        st.caption(t("dev.jpm_help", bands=" · ".join(f"{fmt.plain(b.label)} ≥ {fmt.num(b.batas_bawah, 0, lang)}"
                                                      for b in bands.itertuples(index=False)), n=min_group))
        st.subheader(t("dev.needs"))
        needs = dv.training_needs(pop, rules.skj, comp, min_group)
        if needs.empty:
            st.info(t("dev.no_assessed", n=min_group))
        else:
            st.dataframe(needs.assign(nama=needs["kode"].map(comp_names)).drop(columns=["kode"]), hide_index=True,
                         width="stretch", column_config={
                             "nama": st.column_config.TextColumn(t("col.kompetensi"), width="medium"),
                             "n": st.column_config.NumberColumn(t("dev.col.n_dinilai"), format="%d"),
                             "n_di_bawah": st.column_config.NumberColumn(t("dev.col.n_bawah"), format="%d"),
                             "persen_di_bawah": st.column_config.ProgressColumn(t("dev.col.persen_bawah"), min_value=0,
                                                                                max_value=100, format="%.0f%%"),
                             "rerata_selisih": st.column_config.NumberColumn(t("dev.col.rerata"), format="%.2f"),
                             "rerata_selisih_di_bawah": st.column_config.NumberColumn(t("dev.col.rerata_bawah"),
                                                                                      format="%.2f")})
            st.caption(t("dev.needs_help"))

    # -- 3. profiling coverage and who next -----------------------------------------------------------
    with tab_cov:
        quota = int(store.setting("kuota_cact") or 0)
        cact = store.cact_count(ctx.period, ctx.filters, ctx.scope)
        profiled = int(placed["sumber"].notna().sum())
        m1, m2, m3, m4 = st.columns(4)
        m1.metric(t("dev.cov_profiled"), fmt.num(profiled, lang=lang), border=True,
                  help=t("dev.cov_profiled_help"))
        m2.metric(t("dev.cov_unprofiled"), fmt.num(len(placed) - profiled, lang=lang), border=True)
        m3.metric(t("dev.cov_cact", period=ctx.period), f"{fmt.num(cact, lang=lang)} / {fmt.num(quota, lang=lang)}",
                  border=True, help=t("dev.cov_quota_help"))
        m4.metric(t("dev.cov_share"), fmt.pct(profiled / len(placed) * 100 if len(placed) else 0, 1, lang), border=True)
        by = st.segmented_control(t("dev.cov_by"), ["opd_nama", "jenis_jabatan"], default="opd_nama", required=True,
                                  key="dev_cov_by", format_func=lambda v: t(f"dev.cov_by.{v}"))
        cov = dv.coverage(placed, by)
        st.dataframe(cov, hide_index=True, width="stretch", height=min(400, 38 + 35 * len(cov)), column_config={
            "kelompok": st.column_config.TextColumn(t("dev.col.kelompok"), width="large"),
            "n": st.column_config.NumberColumn(t("dev.col.asn"), format="%d"),
            "diprofil": st.column_config.NumberColumn(t("dev.col.diprofil"), format="%d"),
            "belum": st.column_config.NumberColumn(t("dev.col.belum"), format="%d"),
            "persen": st.column_config.ProgressColumn(t("dev.col.cakupan"), min_value=0, max_value=100, format="%.0f%%")})

        st.subheader(t("dev.next"))
        ref = store.development_rules()
        elig = ref["eligibility"]
        gap_years = elig.loc[(elig["jenjang_target"] == "*") & (elig["parameter"] == "jarak_bup_minimal_tahun"), "nilai"]
        min_years = int(gap_years.iloc[0]) if len(gap_years) else 1
        near_years = int(store.setting("profiling_dekat_pensiun_tahun") or 3)

        # the list's head (the page and the file: the quota and a margin, not a national roll) and its length
        head, n_next = dv.profile_next_head(placed, ctx.period, ref["job_level"], ref["retirement"],
                                            store.target_posts(ctx.scope), elig, quota=quota,
                                            min_years_to_bup=min_years, near_years=near_years,
                                            limit=max(LIST_LIMIT, quota))
        st.caption(t("dev.next_help", years=min_years, near=near_years, quota=fmt.num(quota, lang=lang)))
        if n_next > len(head):
            st.caption(t("dev.next_limited", shown=fmt.num(len(head), lang=lang), total=fmt.num(n_next, lang=lang)))
        nxt_shown = privacy.people(head.assign(alasan=head["alasan"].map(lambda a: t(f"dev.why.{a}"))))
        st.dataframe(nxt_shown[["urutan", "nama", "nip", "jabatan", "opd_nama", "usia", "tahun_ke_bup", "prioritas",
                                "alasan", "dalam_kuota"]], hide_index=True, width="stretch", height=420,
                     key="dev_next_table", column_config={
                         "urutan": st.column_config.NumberColumn("#", format="%d"),
                         "nama": st.column_config.TextColumn(t("col.nama"), width="medium"), "nip": "NIP",
                         "jabatan": t("col.jabatan"), "opd_nama": t("col.opd"),
                         "usia": st.column_config.NumberColumn(t("dev.col.usia"), format="%d"),
                         "tahun_ke_bup": st.column_config.NumberColumn(t("dev.col.ke_bup"), format="%d"),
                         "prioritas": st.column_config.NumberColumn(t("dev.col.prioritas"), format="%d"),
                         "alasan": t("col.alasan"), "dalam_kuota": st.column_config.CheckboxColumn(t("dev.col.kuota"))})

        exporter = acting_user()  # the file is built on the click, outside this run: capture who asks now
        def _export() -> bytes:
            store.audit(exporter, "ekspor:prioritas-profiling", f"periode:{ctx.period}",
                        {"baris": len(nxt_shown), "dari": n_next, "kuota": quota})
            sheet = nxt_shown.rename(columns={
                "urutan": "No", "nip": "NIP", "nama": t("col.nama"), "jabatan": t("col.jabatan"),
                "jenjang_jabatan": t("dev.col.jenjang"), "jenis_jabatan": t("dev.col.jenis_jabatan"), "opd_id": "Kode OPD",
                "opd_nama": t("col.opd"), "usia": t("dev.col.usia"), "usia_bup": "BUP", "tahun_ke_bup": t("dev.col.ke_bup"),
                "prioritas": t("dev.col.prioritas"), "alasan": t("col.alasan"), "dalam_kuota": t("dev.col.kuota")})
            return workbook({t("dev.export_sheet"): sheet}, t("dev.export_title", period=ctx.period), [
                (t("kal.export_period"), str(ctx.period)),
                (t("dev.export_quota"), fmt.num(quota, lang=lang)),
                (t("kal.export_filters"), ", ".join(ctx.filters.opd_ids + ctx.filters.jenis_jabatan
                                                    + ctx.filters.jenis_asn) or t("sidebar.all")),
                (t("dev.export_rule"), t("dev.next_help", years=min_years, near=near_years, quota=fmt.num(quota, lang=lang))),
                (t("kal.export_made"), f"{fmt.tanggal(datetime.now().date())} · {exporter}")])

        if can("ekspor"):
            st.download_button(t("dev.export"), data=_export, file_name=f"prioritas-profiling-{ctx.period}.xlsx",
                               mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                               on_click="ignore", icon=":material/download:", key="dev_export")

    # -- 4. digital literacy and emerging skills --------------------------------------------------------
    with tab_skill:
        any_skill = False
        for group, title in (("literasi digital", "dev.dl"), ("emerging skills", "dev.es")):
            group_codes = comp.loc[comp["kelompok"] == group].sort_values("urutan")["kode"].tolist()
            summ = dv.skill_summary(pop, group_codes, "opd_id", min_group)
            if summ.empty:
                continue
            any_skill = True
            st.subheader(t(title))
            shown = summ[~summ["disembunyikan"]].assign(kelompok=lambda f: f["kelompok"].map(lambda k: opd_names.get(k, k)))
            overall = pop[group_codes].astype(float).mean()
            st.caption(t("dev.skill_lowest", komp=fmt.plain(comp_names.get(overall.idxmin(), overall.idxmin())),
                         v=fmt.num(overall.min(), 1, lang), hidden=int(summ["disembunyikan"].sum()), n=min_group))
            st.dataframe(shown.drop(columns=["disembunyikan"]), hide_index=True, width="stretch", height=360,
                         column_config={"kelompok": st.column_config.TextColumn(t("col.opd"), width="medium"),
                                        "n": st.column_config.NumberColumn(t("dev.col.n_dinilai"), format="%d"),
                                        **{c: st.column_config.NumberColumn(comp_names.get(c, c), format="%.1f")
                                           for c in group_codes}})
        if not any_skill:
            st.info(t("dev.no_skills"))

    # -- 5. actions and closing the loop ------------------------------------------------------------------
    with tab_loop:
        st.subheader(t("dev.actions", period=ctx.period))
        acts = store.development_actions(ctx.period, scope=ctx.scope)
        if acts.empty:
            st.info(t("dev.no_actions"))
        else:
            acts = privacy.people(acts)
            st.dataframe(acts.assign(jenis=acts["jenis"].map(lambda k: type_names.get(k, k)),
                                     status=acts["status"].map(lambda s: t(f"dev.status.{s}")))[
                             ["id", "nama", "nip", "jenis", "uraian", "status", "target_tanggal", "dibuat_oleh"]],
                         hide_index=True, width="stretch", column_config={
                             "id": st.column_config.NumberColumn("#", format="%d"), "nama": t("col.nama"), "nip": "NIP",
                             "jenis": t("dev.col.jenis"), "uraian": t("dev.col.uraian"), "status": t("dev.col.status"),
                             "target_tanggal": st.column_config.DateColumn(t("dev.col.target"), format="DD/MM/YYYY"),
                             "dibuat_oleh": t("dev.col.oleh")})
            if may_edit and not locked:
                a1, a2, a3 = st.columns([3, 2, 1], vertical_alignment="bottom")
                act_labels = {int(r.id): f"#{r.id} · {r.nama} · {type_names.get(r.jenis, r.jenis)}"
                              for r in acts.itertuples(index=False)}
                act_id = a1.selectbox(t("dev.status_pick"), list(act_labels), key="dev_status_id",
                                      format_func=act_labels.get)
                new_status = a2.selectbox(t("dev.col.status"), list(dv.ACTION_STATUSES), key="dev_status_new",
                                          format_func=lambda s: t(f"dev.status.{s}"))
                if a3.button(t("dev.status_save"), key="dev_status_save"):
                    try:
                        store.update_development_action(act_id, new_status, acting_user(), scope=ctx.scope)
                        st.toast(t("dev.status_saved"))
                        st.rerun()
                    except StoreError as exc:
                        st.error(str(exc))

        st.subheader(t("dev.loop"))
        prev = store.previous_period(ctx.period)
        if prev is None:
            st.info(t("dev.loop_first", period=ctx.period))
        else:
            before = services.placements(prev, ctx.filters, ctx.scope)
            prev_acts = store.development_actions(prev, scope=ctx.scope)
            prev_acts = prev_acts[prev_acts["nip"].isin(set(before["nip"]))] if not prev_acts.empty else prev_acts
            outcome = dv.loop_outcome(prev_acts, before, placed, rules.boxes)
            summ = dv.loop_summary(outcome, before, placed, rules.boxes)
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
            else:
                names = dict(zip(before["nip"], before["nama"]))
                table = outcome.assign(nama=outcome["nip"].map(names),
                                       jenis=outcome["jenis"].map(lambda s: ", ".join(type_names.get(k, k)
                                                                                     for k in s.split(", "))),
                                       hasil=outcome["hasil"].map(lambda h: t(f"dev.hasil.{h.replace(' ', '_')}")))
                table = privacy.people(table)
                st.dataframe(table[["nama", "nip", "jenis", "jumlah_aksi", "selesai", "kotak_sebelum", "kotak_sesudah",
                                    "hasil"]], hide_index=True, width="stretch", key="dev_loop_table", column_config={
                    "nama": t("col.nama"), "nip": "NIP", "jenis": t("dev.col.jenis"),
                    "jumlah_aksi": st.column_config.NumberColumn(t("dev.col.jumlah_aksi"), format="%d"),
                    "selesai": st.column_config.NumberColumn(t("dev.status.selesai"), format="%d"),
                    "kotak_sebelum": st.column_config.NumberColumn(t("dev.col.kotak_in", period=prev), format="%d"),
                    "kotak_sesudah": st.column_config.NumberColumn(t("dev.col.kotak_in", period=ctx.period), format="%d"),
                    "hasil": t("col.hasil")})


main()
