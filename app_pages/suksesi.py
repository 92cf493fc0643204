"""Suksesi: target posts, ranked shortlists with reasons, comparison, bench strength, retirements."""
from __future__ import annotations

import html
from datetime import date, datetime

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from analytics import eligibility as el
from data.exports import workbook
from common import fmt
from ui import privacy, services, succession
from ui.frame import context
from common.i18n import language, t
from ui.user import acting_user, can

COLOURS = ["#0b6e4f", "#c2410c", "#1d4ed8", "#7e22ce"]


def _wrap(label: str, width: int = 16) -> str:
    """Break a long axis label over two lines (escaped: it is shown by Plotly)."""
    words, lines, line = html.escape(label).split(" "), [], ""
    for w in words:
        if line and len(line) + len(w) + 1 > width:
            lines.append(line)
            line = w
        else:
            line = f"{line} {w}".strip()
    return "<br>".join(lines + [line])


def main() -> None:
    ctx = context()
    lang = language()
    store = services.store()
    rules = succession.build_rules(store, ctx.period)
    posts = store.target_posts(ctx.scope)
    placed = services.placements(ctx.period, ctx.filters, ctx.scope)
    pool, history = succession.candidates(ctx.period, ctx.filters, ctx.scope)  # the pool's boxes only (shared)

    st.title(t("suk.title", period=ctx.period))
    st.caption(t("suk.intro"))
    if posts.empty:
        st.info(t("suk.no_posts"))
        st.stop()

    top = st.columns([3, 1])
    on = top[1].date_input(t("suk.on"), value=date.today(), key="suk_on", format="DD/MM/YYYY",
                           help=t("suk.on_help"))
    labels = {r.post_id: f"{t('suk.vacant') if r.lowong else t('suk.filled')} · {r.jabatan} · {r.jenjang_jabatan}"
              for r in posts.itertuples()}
    post_id = top[0].selectbox(t("suk.post"), list(labels), format_func=labels.get, key="suk_post")
    post = posts.set_index("post_id").loc[post_id].to_dict() | {"post_id": post_id}
    params = rules.params(post["jenjang_jabatan"])

    info = st.columns(4)
    info[0].metric(t("suk.level"), post["jenjang_jabatan"], border=True)
    info[1].metric(t("suk.status"), t("suk.vacant") if post["lowong"] else t("suk.filled"), border=True,
                   help=t("suk.critical") if post["kritikal"] else None)
    info[2].metric(t("suk.boxes"), params.get("kotak", (t("suk.any"),))[0].replace(";", ", "), border=True)
    info[3].metric(t("suk.field"), t("suk.any") if not isinstance(post.get("bidang_pendidikan"), str)
                   else str(len(post["bidang_pendidikan"].split(";"))), border=True,
                   help=post["bidang_pendidikan"] if isinstance(post.get("bidang_pendidikan"), str) else None)
    st.caption(f"{fmt.plain(post.get('opd_nama') or '–')}"
               + (f" · {t('suk.field_list')}: {fmt.plain(post['bidang_pendidikan'].replace(';', ', '))}"
                  if isinstance(post.get("bidang_pendidikan"), str) else ""))

    # -- shortlist ---------------------------------------------------------------------------------
    limit = st.number_input(t("suk.limit"), min_value=5, max_value=100, value=15, step=5, key="suk_limit")
    ranked, checks = el.ranked_with_reasons(pool[pool["nip"] != post.get("pemangku_nip")], post, rules, on, ctx.period,
                                            history, limit=int(limit))
    people = pool.set_index("nip")  # copy-on-write: no copy of the pool
    ranked = ranked.join(people[["jabatan", "jenjang_jabatan", "opd_nama", "usia"]], on="nip")
    ready = ranked["kesiapan"].value_counts()
    m = st.columns(4)
    for col, label in zip(m, el.READINESS[:3]):
        col.metric(label, fmt.num(int(ready.get(label, 0)), lang=language()), border=True)
    m[3].metric(t("suk.not_profiled"), fmt.num(int(placed["kotak"].isna().sum()), lang=language()), border=True, help=t("suk.not_profiled_help"))

    st.subheader(t("suk.shortlist"))
    if ranked.empty:
        st.warning(t("suk.none"))
    elif ready.get(el.SIAP_SEKARANG, 0) == 0:
        st.warning(t("suk.none_ready"))
    shown = ranked.head(int(limit))
    who_shown = people.loc[shown["nip"]]
    shown = shown.assign(nama_lengkap=[fmt.full_name(n, d, b) for n, d, b in zip(
        who_shown["nama"], who_shown["gelar_depan"], who_shown["gelar_belakang"])])
    table = privacy.people(shown)  # what may be shown: pseudonyms and masked NIPs when the switch is on
    st.dataframe(
        table[["peringkat", "nama_lengkap", "kesiapan", "kotak", "skor_talenta", "jpm_target", "alasan", "jabatan",
               "opd_nama", "nip"]],
        hide_index=True, width="stretch", key="suk_table",
        column_config={
            "peringkat": st.column_config.NumberColumn("#", format="%d", width="small"),
            "nama_lengkap": st.column_config.TextColumn(t("col.nama"), width="medium"),
            "jabatan": t("col.jabatan"), "opd_nama": t("col.opd"), "nip": "NIP",
            "kotak": st.column_config.NumberColumn(t("suk.col.box"), format="%d", width="small"),
            "skor_talenta": st.column_config.NumberColumn(t("suk.col.score"), format="%.1f",
                                                          help=t("suk.score_help")),
            "jpm_target": st.column_config.NumberColumn(t("suk.col.jpm"), format="%.1f", help=t("suk.jpm_help")),
            "kesiapan": t("suk.col.readiness"),
            "alasan": st.column_config.TextColumn(t("suk.col.reasons"), width="large")})
    st.caption(t("suk.rule_caption"))

    if not shown.empty:
        with st.expander(t("suk.details")):
            names = dict(zip(shown["nip"], shown["peringkat"].astype(str) + ". " + table["nama_lengkap"]))
            who = st.selectbox(t("suk.details_pick"), list(names), format_func=names.get, key=f"suk_detail_{post_id}")
            rows = checks[checks["nip"] == who][["syarat", "hasil", "alasan", "sumber"]]
            st.dataframe(rows, hide_index=True, width="stretch", column_config={
                "syarat": t("suk.col.check"), "hasil": t("suk.col.result"), "alasan": t("suk.col.reason"),
                "sumber": t("suk.col.source")})

    # -- comparison ----------------------------------------------------------------------------------
    st.subheader(t("suk.compare"))
    options = dict(zip(shown["nip"], table["nama_lengkap"]))
    picked = st.multiselect(t("suk.compare_pick"), list(options), default=list(options)[:2], max_selections=4,
                            format_func=options.get, key=f"suk_cmp_{post_id}")
    if len(picked) < 2:
        st.info(t("suk.compare_hint"))
    else:
        codes = [k for k in rules.skj_codes if k in pool.columns]
        comp_names = rules.skj.merge(services.rules(ctx.period).competencies, on="kode")
        label_of = dict(zip(comp_names["kode"], comp_names["nama"]))
        theta = [_wrap(label_of.get(k, k)) for k in codes]
        theta = theta + theta[:1]
        req = rules.skj[rules.skj["jenjang_jabatan"] == post["jenjang_jabatan"]].set_index("kode")["level"]
        fig = go.Figure()
        std = [float(req.get(k, float("nan"))) for k in codes]
        fig.add_trace(go.Scatterpolar(r=std + std[:1], theta=theta, name=html.escape(
            t("suk.standard", level=post["jenjang_jabatan"])), line=dict(color="#888", dash="dash")))
        for i, nip in enumerate(picked):
            p = people.loc[nip]
            vals = [float(p[k]) if pd.notna(p[k]) else 0.0 for k in codes]
            fig.add_trace(go.Scatterpolar(r=vals + vals[:1], theta=theta, name=html.escape(str(options[nip])),
                                          line=dict(color=COLOURS[i % 4], width=2.5), fill="toself", opacity=0.55))
        fig.update_layout(polar=dict(radialaxis=dict(range=[0, 5], tickvals=[1, 2, 3, 4, 5])), height=460,
                          margin=dict(l=120, r=120, t=30, b=30), legend=dict(orientation="h"))
        left, right = st.columns([1, 1], gap="medium")
        left.plotly_chart(fig, key=f"suk_radar_{post_id}", config={"displaylogo": False})
        s_by = ranked.set_index("nip")
        rows = {}
        for nip in picked:
            p, s = people.loc[nip], s_by.loc[nip]
            rows[options[nip]] = {
                t("suk.col.readiness"): s["kesiapan"], t("suk.col.box"): int(s["kotak"]),
                t("suk.col.score"): fmt.num(s["skor_talenta"], 1, lang) if pd.notna(s["skor_talenta"]) else "–",
                t("suk.col.jpm"): fmt.num(s["jpm_target"], 1, lang) if pd.notna(s["jpm_target"]) else "–",
                t("col.jabatan"): p["jenjang_jabatan"] if privacy.is_on() else p["jabatan"],
                t("suk.col.level_now"): p["jenjang_jabatan"],
                t("suk.col.age"): "–" if pd.isna(p["usia"]) else str(int(p["usia"])),
                t("suk.col.education"): f"{p['pendidikan_tingkat'] or '–'} {p['pendidikan_bidang'] or ''}".strip(),
                t("suk.col.predikat"): p["predikat_efektif"] or "–",
                t("suk.col.fails"): int(s["jumlah_tidak"]), t("suk.col.unknown"): int(s["jumlah_belum_diketahui"])}
        cmp_table = pd.DataFrame(rows).astype(str)
        right.dataframe(cmp_table, width="stretch", height=35 * (len(cmp_table) + 1) + 3, key=f"suk_cmp_table_{post_id}")

    # -- export --------------------------------------------------------------------------------------
    exporter = acting_user()  # the file is built on the click, outside this run: capture who asks now
    def _export() -> bytes:
        store.audit(exporter, "ekspor:suksesi", f"jabatan:{post_id}",
                    {"periode": ctx.period, "kandidat": len(shown), "tanggal": on.isoformat()})
        sheet = table[["peringkat", "nama_lengkap", "nip", "jabatan", "opd_nama", "kotak", "skor_talenta",
                       "jpm_target", "kesiapan", "alasan"]].rename(columns={"nama_lengkap": "nama", "opd_nama": "opd"})
        detail = privacy.people(checks[checks["nip"].isin(shown["nip"])].drop(columns=["kekurangan_tahun"]))
        used = pd.DataFrame([(k, v[0], v[1]) for k, v in params.items()], columns=["parameter", "nilai", "sumber"])
        return workbook({"Daftar Pendek": sheet, "Rincian Syarat": detail, "Aturan": used},
                        t("suk.export_title", post=post["jabatan"]), [
                            (t("suk.level"), post["jenjang_jabatan"]), (t("col.opd"), str(post.get("opd_nama") or "–")),
                            (t("suk.status"), t("suk.vacant") if post["lowong"] else t("suk.filled")),
                            (t("suk.field_list"), str(post.get("bidang_pendidikan") or t("suk.any"))),
                            (t("suk.on"), fmt.tanggal(on)), (t("suk.export_period"), str(ctx.period)),
                            *[(k, str(int(ready.get(k, 0)))) for k in el.READINESS[:3]],
                            (t("suk.export_made"), f"{fmt.tanggal(datetime.now().date())} · {exporter}")])


    if can("ekspor"):
        st.download_button(t("suk.export"), data=_export, file_name=f"suksesi-{post_id}-{ctx.period}.xlsx",
                           mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                           on_click="ignore", icon=":material/download:", key="suk_export")

    # -- bench strength and retirements --------------------------------------------------------------
    st.divider()
    st.subheader(t("suk.bench"))
    bench = succession.bench(ctx.period, ctx.filters, ctx.scope, on)
    empty = bench[bench["tanpa_penerus"]]
    b1, b2, b3 = st.columns(3)
    b1.metric(t("suk.bench_posts"), len(bench), border=True)
    b2.metric(t("suk.bench_none"), len(empty), border=True)
    b3.metric(t("suk.bench_none_critical"), int(empty["kritikal"].sum()), border=True)
    if len(empty):
        st.warning(t("suk.bench_warn", posts=", ".join(fmt.plain(j) for j in empty["jabatan"])))
    only_key = st.toggle(t("suk.bench_key_only"), key="suk_key_only")
    view = bench[bench["kritikal"]] if only_key else bench
    st.dataframe(view.sort_values(["tanpa_penerus", "siap_sekarang"], ascending=[False, True]), hide_index=True,
                 width="stretch", key="suk_bench", column_config={
                     "post_id": None, "jabatan": t("col.jabatan"), "opd_nama": t("col.opd"),
                     "jenjang_jabatan": t("suk.level"), "lowong": st.column_config.CheckboxColumn(t("suk.vacant")),
                     "kritikal": st.column_config.CheckboxColumn(t("suk.critical")),
                     "siap_sekarang": el.SIAP_SEKARANG, "siap_1_2_tahun": el.SIAP_SEGERA,
                     "potensi_masa_depan": el.POTENSI,
                     "tanpa_penerus": st.column_config.CheckboxColumn(t("suk.col.no_successor"))})

    st.subheader(t("suk.retire"))
    years = st.slider(t("suk.retire_years"), 1, 5, 2, key="suk_years")
    gone = el.retirements(placed, posts, rules.retirement, on, years)
    held = gone[gone["post_id"].notna()]
    r1, r2 = st.columns(2)
    r1.metric(t("suk.retire_all", n=years), len(gone), border=True)
    r2.metric(t("suk.retire_posts", n=years), len(held), border=True)
    if held.empty:
        st.caption(t("suk.retire_none"))
    else:
        st.dataframe(privacy.people(held.merge(bench[["post_id", "siap_sekarang", "siap_1_2_tahun"]], on="post_id", how="left"))[
            ["jabatan_target", "nama", "tanggal_pensiun", "usia_bup", "siap_sekarang", "siap_1_2_tahun"]],
            hide_index=True, width="stretch", key="suk_retire", column_config={
                "jabatan_target": t("suk.col.post"), "nama": t("col.nama"),
                "tanggal_pensiun": st.column_config.DateColumn(t("suk.col.retire_on"), format="DD/MM/YYYY"),
                "usia_bup": t("suk.col.bup"), "siap_sekarang": el.SIAP_SEKARANG, "siap_1_2_tahun": el.SIAP_SEGERA})
    with st.expander(t("suk.retire_by_level")):
        st.dataframe(gone.groupby("jenjang_jabatan").size().rename(t("suk.col.count")).reset_index(),
                     hide_index=True, key="suk_retire_levels",
                     column_config={"jenjang_jabatan": t("suk.level")})


main()
