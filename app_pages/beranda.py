"""Beranda: headline figures and the 9-box grid for the chosen period and filters."""
from __future__ import annotations

import streamlit as st

from common import fmt
from reports.figures import ninebox
from ui import export_menu, privacy, services
from ui.frame import context
from common.i18n import language, t


def main() -> None:
    ctx = context()
    lang = language()
    head = services.headline(ctx.period, ctx.filters, ctx.scope)
    placed = services.placements(ctx.period, ctx.filters, ctx.scope)
    rules = services.rules(ctx.period)
    summary = services.summary(ctx.period, ctx.filters, ctx.scope)

    st.title(t("beranda.title"))
    scope = t("beranda.scope_filtered") if any(
        (ctx.filters.opd_ids, ctx.filters.jenis_jabatan, ctx.filters.jenis_asn)) else t("beranda.scope_all")
    st.caption(t("beranda.caption", period=ctx.period, scope=scope))

    pool_boxes = rules.boxes.loc[rules.boxes["kelompok_suksesi"], "kotak"].tolist()
    pool = int(placed["kotak"].isin(pool_boxes).sum())
    status = placed["status"].value_counts()

    c1, c2, c3, c4 = st.columns(4)
    c1.metric(t("beranda.asn"), fmt.num(head["asn"], lang=lang), help=t("beranda.asn_help"), border=True)
    c2.metric(t("beranda.profiled"),
              f"{fmt.num(head['profiled_cact'], lang=lang)} / {fmt.num(head['quota_cact'], lang=lang)}",
              help=t("beranda.profiled_help", quota=fmt.num(head["quota_cact"], lang=lang)), border=True)
    c3.metric(t("beranda.pool"), fmt.num(pool, lang=lang),
              help=t("beranda.pool_help", boxes=", ".join(map(str, pool_boxes))), border=True)
    c4.metric(t("beranda.vacant"), fmt.num(head["vacant_posts"], lang=lang), help=t("beranda.vacant_help"),
              border=True)

    st.subheader(t("beranda.grid_title"))
    st.caption(t("beranda.placed", placed=fmt.num(status.get("ditempatkan", 0), lang=lang),
                 unprofiled=fmt.num(status.get("belum diprofil", 0), lang=lang),
                 noperf=fmt.num(status.get("belum ada kinerja", 0), lang=lang)))
    small = privacy.min_group() if privacy.is_on() else 0  # boxes under the minimum read "< 5" when anonymised
    st.plotly_chart(ninebox.ninebox_grid(summary, min_count=small), key="beranda_grid", config={"displayModeBar": False})

    metode, hi, mid = rules.cutoff("potensial")
    cut_source = rules.cutoffs.loc[rules.cutoffs["sumbu"] == "potensial", "sumber"].iloc[0]
    st.caption(t("beranda.source", source=rules.boxes["sumber"].iloc[0], hi=fmt.num(hi, lang=lang),
                 mid=fmt.num(mid, lang=lang), cut_source=cut_source))

    with st.expander(t("beranda.legend")):
        legend = ninebox.with_count_labels(summary, small).sort_values("kotak", ascending=False)
        legend = legend.assign(rekomendasi=legend["rekomendasi"].str.replace(";", " · "),
                               jumlah=legend["jumlah_teks"] if small else legend["jumlah"],
                               persen=legend["persen_teks"] if small else legend["persen"])[
            ["kotak", "label", "rekomendasi", "jumlah", "persen"]]
        st.dataframe(legend, hide_index=True, width="stretch", column_config={
            "kotak": st.column_config.NumberColumn(t("beranda.legend_box"), width="small"),
            "label": t("beranda.legend_label"),
            "rekomendasi": t("beranda.legend_rec"),
            "jumlah": st.column_config.TextColumn(t("beranda.legend_count")) if small
            else st.column_config.NumberColumn(t("beranda.legend_count")),
            "persen": st.column_config.TextColumn(t("beranda.legend_pct")) if small
            else st.column_config.NumberColumn(t("beranda.legend_pct"), format="%.1f%%"),
        })

    with st.expander(t("exp.title"), icon=":material/download:"):
        export_menu.menu(ctx, lang, "beranda_exp")


main()
