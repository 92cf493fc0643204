"""Suksesi: target posts, ranked shortlists with reasons, comparison, bench strength, retirements."""
from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from analytics import retirement
from analytics import succession as sc
from common import fmt
from common.i18n import language, t
from common.terms import term
from reports.figures import succession as figures
from ui import components, privacy, services, succession
from ui import rules as rulebook
from ui.frame import Context, context
from ui.user import acting_user


def main() -> None:
    ctx = context()
    rules = succession.rules(ctx.period)
    posts = succession.target_posts(ctx.scope)
    placed = services.placements(ctx.period, ctx.filters, ctx.scope)
    pool, history = succession.candidates(ctx.period, ctx.filters, ctx.scope)  # the pool's boxes only (shared)

    st.title(t("suk.title", period=ctx.period))
    st.caption(t("suk.intro"))
    if posts.empty:
        st.info(t("suk.no_posts"))
        st.stop()
    post, on = post_header(posts, rules)
    with st.expander(t("suk.rule_readings")):   # how the rules are read where the texts allow two
        st.markdown("\n".join(f"- {line}" for line in succession.rule_readings(rules, post["jenjang_jabatan"])))

    limit = int(st.number_input(t("suk.limit"), min_value=5, max_value=100, value=15, step=5, key="suk_limit"))
    short = succession.shortlist(pool, history, post, rules, on, ctx.period, limit)
    readiness_metrics(short, placed)
    table = shortlist_table(short, post, ctx)
    comparison(short, table, post, rules, ctx.period)
    components.xlsx_download(
        t("suk.export"), export(short, table, post, rules.params(post["jenjang_jabatan"]), on, ctx.period),
        f"suksesi-{post['post_id']}-{ctx.period}.xlsx", "suk_export", "ekspor:suksesi", f"jabatan:{post['post_id']}",
        {"periode": ctx.period, "kandidat": len(short.shown), "tanggal": on.isoformat()})

    st.divider()
    bench = bench_strength(ctx, on)
    retirements(placed, posts, rules, bench, on)


def post_header(posts: pd.DataFrame, rules: sc.SuccessionRules) -> tuple[dict, date]:
    """The post and appointment date pickers, and what the rules ask of the post."""
    top = st.columns([3, 1])
    on = top[1].date_input(t("suk.on"), value=date.today(), key="suk_on", format="DD/MM/YYYY",
                           help=t("suk.on_help"))
    labels = {r.post_id: f"{t('suk.vacant') if r.lowong else t('suk.filled')} · {r.jabatan} · {r.jenjang_jabatan}"
              for r in posts.itertuples()}
    post_id = top[0].selectbox(t("suk.post"), list(labels), format_func=labels.get, key="suk_post")
    post = posts.set_index("post_id").loc[post_id].to_dict() | {"post_id": post_id}
    params = rules.params(post["jenjang_jabatan"])
    fields = post.get("bidang_pendidikan") if isinstance(post.get("bidang_pendidikan"), str) else None

    info = st.columns([3, 2, 2, 2])  # the level ("JPT Pratama") is the longest value: cut at 1366 px in a quarter
    info[0].metric(t("suk.level"), post["jenjang_jabatan"], border=True)
    info[1].metric(t("suk.status"), t("suk.vacant") if post["lowong"] else t("suk.filled"), border=True,
                   help=t("suk.critical") if post["kritikal"] else None)
    info[2].metric(t("suk.boxes"), params.get("kotak", (t("suk.any"),))[0].replace(";", ", "), border=True)
    info[3].metric(t("suk.field"), t("suk.any") if fields is None else str(len(fields.split(";"))), border=True,
                   help=fields)
    work, skills = (post.get(k) if isinstance(post.get(k), str) else None for k in ("bidang_tugas", "kompetensi_teknis"))
    st.caption(f"{fmt.plain(post.get('opd_nama') or '–')}"
               + (f" · {t('suk.fit_field')}: {fmt.plain(work.replace(';', ', '))}" if work else "")
               + (f" · {t('suk.field_list')}: {fmt.plain(fields.replace(';', ', '))}" if fields is not None else "")
               + (f" · {t('suk.fit_skills')}: {fmt.plain(skills.replace(';', ', '))}" if skills else ""))
    return post, on


def readiness_metrics(short: succession.Shortlist, placed: pd.DataFrame) -> None:
    """Candidates per readiness, and how many in the filters have no box yet."""
    lang = language()
    ready = short.ready
    m = st.columns(4)
    for col, label in zip(m, sc.READINESS[:3]):
        col.metric(term(label, lang), fmt.num(int(ready.get(label, 0)), lang=lang), border=True)
    m[3].metric(t("suk.not_profiled"), fmt.num(int(placed["kotak"].isna().sum()), lang=lang), border=True,
                help=t("suk.not_profiled_help"))


def shortlist_table(short: succession.Shortlist, post: dict, ctx: Context) -> pd.DataFrame:
    """The shortlist head (a click on a candidate opens the profile) and each candidate's checks; returns
    the head as shown (privacy applied)."""
    st.subheader(t("suk.shortlist"))
    if short.ranked.empty:
        st.warning(t("suk.none"))
    elif short.ready.get(sc.SIAP_SEKARANG, 0) == 0:
        st.warning(t("suk.none_ready"))
    table = privacy.people(short.shown)  # what may be shown: pseudonyms and masked NIPs when the switch is on
    period, scope = ctx.period, ctx.scope
    components.person_table(
        table[["peringkat", "nama_lengkap", "alasan_urutan", "kesiapan", "kotak", "skor_talenta", "jpm_target",
               "alasan", "jabatan", "opd_nama", "nip"]].assign(kesiapan=lambda d: d["kesiapan"].map(term)),
        components.view_key("suk_table", post["post_id"], period, tuple(map(privacy.token, short.shown["nip"]))),
        on_pick=lambda nip: components.open_profile(nip, period, scope),
        column_config={
            "peringkat": st.column_config.NumberColumn("#", format="%d", width="small"),
            "nama_lengkap": st.column_config.TextColumn(t("col.nama"), width="medium"),
            "jabatan": t("col.jabatan"), "opd_nama": t("col.opd"), "nip": "NIP",
            "kotak": st.column_config.NumberColumn(t("suk.col.box"), format="%d", width="small"),
            # decimals with the language's comma (person_table's Styler): no printf format here
            "skor_talenta": st.column_config.NumberColumn(t("suk.col.score"), help=t("suk.score_help")),
            "jpm_target": st.column_config.NumberColumn(t("suk.col.jpm"), help=t("suk.jpm_help")),
            "kesiapan": t("suk.col.readiness"),
            "alasan_urutan": st.column_config.TextColumn(t("suk.fit_col"), width="large", help=t("suk.fit_help")),
            "alasan": st.column_config.TextColumn(t("suk.col.reasons"), width="large")})
    st.caption(t("suk.rule_caption"))
    if not succession.has_position_history():
        st.caption(t("suk.fit_no_history"))

    if not short.shown.empty:
        with st.expander(t("suk.details")):
            names = dict(zip(short.shown["nip"], short.shown["peringkat"].astype(str) + ". " + table["nama_lengkap"]))
            who = st.selectbox(t("suk.details_pick"), list(names), format_func=names.get,
                               key=f"suk_detail_{post['post_id']}")
            rows = short.checks[short.checks["nip"] == who][["syarat", "hasil", "alasan"]]
            st.dataframe(rows, hide_index=True, width="stretch", column_config={
                "syarat": t("suk.col.check"), "hasil": t("suk.col.result"), "alasan": t("suk.col.reason")})
            rulebook.sources_link()   # the rules' sources: for a rule admin, on Aturan & sumber
    return table


def comparison(short: succession.Shortlist, table: pd.DataFrame, post: dict, rules: sc.SuccessionRules,
               period: int) -> None:
    """Two to four candidates side by side: a competency radar and a table of the facts behind them."""
    st.subheader(t("suk.compare"))
    post_id = post["post_id"]
    options = dict(zip(short.shown["nip"], table["nama_lengkap"]))
    picked = st.multiselect(t("suk.compare_pick"), list(options), default=list(options)[:2], max_selections=4,
                            format_func=options.get, key=f"suk_cmp_{post_id}")
    if len(picked) < 2:
        st.info(t("suk.compare_hint"))
        return
    people = short.people
    codes = [k for k in rules.skj_codes if k in people.columns]
    req = rules.skj[rules.skj["jenjang_jabatan"] == post["jenjang_jabatan"]].set_index("kode")["level"]
    levels = [(options[nip], [float(people.loc[nip, k]) if pd.notna(people.loc[nip, k]) else 0.0 for k in codes])
              for nip in picked]
    fig = figures.comparison_radar(codes, succession.competency_names(period, rules),
                                   [float(req.get(k, float("nan"))) for k in codes], post["jenjang_jabatan"], levels,
                                   language())
    left, right = st.columns([1, 1], gap="medium")
    left.plotly_chart(fig, key=f"suk_radar_{post_id}", config={"displaylogo": False})
    cmp_table = comparison_table(short, picked, options)
    right.dataframe(cmp_table, width="stretch", height=35 * (len(cmp_table) + 1) + 3, key=f"suk_cmp_table_{post_id}")


def comparison_table(short: succession.Shortlist, picked: list[str], options: dict[str, str]) -> pd.DataFrame:
    """One column per picked candidate, one row per fact, as text."""
    lang = language()
    s_by = short.ranked.set_index("nip")
    rows = {}
    for nip in picked:
        p, s = short.people.loc[nip], s_by.loc[nip]
        rows[options[nip]] = {
            t("suk.col.readiness"): term(s["kesiapan"], lang), t("suk.col.box"): int(s["kotak"]),
            t("suk.col.score"): fmt.num(s["skor_talenta"], 1, lang) if pd.notna(s["skor_talenta"]) else "–",
            t("suk.col.jpm"): fmt.num(s["jpm_target"], 1, lang) if pd.notna(s["jpm_target"]) else "–",
            t("col.jabatan"): p["jenjang_jabatan"] if privacy.is_on() else p["jabatan"],
            t("suk.col.level_now"): p["jenjang_jabatan"],
            t("suk.col.age"): "–" if pd.isna(p["usia"]) else str(int(p["usia"])),
            t("suk.col.education"): f"{p['pendidikan_tingkat'] or '–'} {p['pendidikan_bidang'] or ''}".strip(),
            t("suk.col.predikat"): p["predikat_efektif"] or "–",
            t("suk.col.fails"): int(s["jumlah_tidak"]), t("suk.col.unknown"): int(s["jumlah_belum_diketahui"])}
    return pd.DataFrame(rows).astype(str)


def export(short: succession.Shortlist, table: pd.DataFrame, post: dict, params: dict, on: date, period: int):
    """The workbook builder for the download button: run on the click, recorded for who asks now. It
    holds the shown head only, never the shared pool."""
    exporter, checks, nips, ready = acting_user(), short.checks, short.shown["nip"], short.ready
    masking = privacy.masking()   # the switch as it is now (the click runs outside this run)
    synthetic = services.store().has_synthetic_data()   # demo data: the file says so
    return lambda: succession.shortlist_workbook(table, checks, nips, ready, post, params, on, period, exporter,
                                                 masking, synthetic)


def bench_strength(ctx: Context, on: date) -> pd.DataFrame:
    """Successors per target post; returns the bench for the retirement table."""
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
                     "siap_sekarang": term(sc.SIAP_SEKARANG), "siap_1_2_tahun": term(sc.SIAP_SEGERA),
                     "potensi_masa_depan": term(sc.POTENSI),
                     "tanpa_penerus": st.column_config.CheckboxColumn(t("suk.col.no_successor"))})
    return bench


def retirements(placed: pd.DataFrame, posts: pd.DataFrame, rules: sc.SuccessionRules, bench: pd.DataFrame,
                on: date) -> None:
    """Who reaches retirement age within the chosen years, and the target posts they leave."""
    st.subheader(t("suk.retire"))
    years = st.slider(t("suk.retire_years"), 1, 5, 2, key="suk_years")
    gone = retirement.retirements(placed, posts, rules.retirement, on, years)
    held = gone[gone["post_id"].notna()]
    r1, r2 = st.columns(2)
    r1.metric(t("suk.retire_all", n=years), len(gone), border=True)
    r2.metric(t("suk.retire_posts", n=years), len(held), border=True)
    if held.empty:
        st.caption(t("suk.retire_none"))
    else:
        st.dataframe(privacy.people(held.merge(bench[["post_id", "siap_sekarang", "siap_1_2_tahun"]], on="post_id",
                                               how="left"))[
            ["jabatan_target", "nama", "tanggal_pensiun", "usia_bup", "siap_sekarang", "siap_1_2_tahun"]],
            hide_index=True, width="stretch", key="suk_retire", column_config={
                "jabatan_target": t("suk.col.post"), "nama": t("col.nama"),
                "tanggal_pensiun": st.column_config.DateColumn(t("suk.col.retire_on"), format="DD/MM/YYYY"),
                "usia_bup": t("suk.col.bup"), "siap_sekarang": term(sc.SIAP_SEKARANG),
                "siap_1_2_tahun": term(sc.SIAP_SEGERA)})
    with st.expander(t("suk.retire_by_level")):
        st.dataframe(gone.groupby("jenjang_jabatan").size().rename(t("suk.col.count")).reset_index(),
                     hide_index=True, key="suk_retire_levels",
                     column_config={"jenjang_jabatan": t("suk.level")})


main()
