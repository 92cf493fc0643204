"""Beranda: headline figures and the 9-box grid for the chosen period and filters."""
from __future__ import annotations

import dataclasses
from datetime import date

import pandas as pd
import streamlit as st

from analytics.rules import RuleSet
from common import fmt
from common.i18n import language, t
from reports.figures import ninebox
from ui import export_menu, home, privacy, services
from ui.frame import context


def main() -> None:
    ctx = context()
    rules = services.rules(ctx.period)
    summary = services.summary(ctx.period, ctx.filters, ctx.scope)
    small = privacy.min_group() if privacy.is_on() else 0  # small boxes, and what would give them away, read "*"

    st.title(t("beranda.title"))
    scope = t("beranda.scope_filtered") if any(
        (ctx.filters.opd_ids, ctx.filters.jenis_jabatan, ctx.filters.jenis_asn)) else t("beranda.scope_all")
    st.caption(t("beranda.caption", period=ctx.period, scope=scope))
    top = st.container()   # the headline and tiles, filled in below the 9-box's code
    figures = home.key_figures(ctx, small, ready=False)   # counts only: stored, a GROUP BY
    grid(figures, summary, rules, small)   # the 9-box reaches the browser before the readiness is worked out
    # built only when opened: on the first visit the browser then loads no table or download code at all
    if (box := st.expander(t("beranda.legend"), key="beranda_legend_open", on_change="rerun")).open:
        with box:
            legend(summary, small)
    if (box := st.expander(t("exp.title"), icon=":material/download:", key="beranda_exp_open", on_change="rerun")).open:
        with box:
            export_menu.menu(ctx, language(), "beranda_exp")
    with top:
        key_figures(dataclasses.replace(figures, vacant_ready=home.vacant_ready(ctx, date.today())))


def key_figures(k: home.KeyFigures) -> None:
    """The headline sentence, then the key figures (``home.KeyFigures.tiles``): every share names its base."""
    lang = language()
    st.markdown(f"#### {k.headline(lang)}")
    tiles = k.tiles(lang)
    for row in range(0, len(tiles), 3):  # three a row: each tile says its base under its number
        for col, tile in zip(st.columns(3), tiles[row:row + 3]):
            col.metric(tile.label, tile.value, delta=tile.base or None, delta_color="off", delta_arrow="off",
                       help=tile.help, border=True)


def grid(k: home.KeyFigures, summary: pd.DataFrame, rules: RuleSet, small: int) -> None:
    """The 9-box counts, with how many are placed and where the rules come from."""
    lang = language()
    st.subheader(t("beranda.grid_title"))
    st.caption(k.status_line(lang))
    st.plotly_chart(ninebox.ninebox_grid(summary, min_count=small), key="beranda_grid",
                    config={"displayModeBar": False})
    if k.any_hidden:
        st.caption(t("privacy.hidden_note", n=small))
    _, hi, mid = rules.cutoff("potensial")
    cut_source = rules.cutoffs.loc[rules.cutoffs["sumbu"] == "potensial", "sumber"].iloc[0]
    st.caption(t("beranda.source", source=rules.boxes["sumber"].iloc[0], hi=fmt.num(hi, lang=lang),
                 mid=fmt.num(mid, lang=lang), cut_source=cut_source))


def legend(summary: pd.DataFrame, small: int) -> None:
    """Each box's name, follow-up, count and share (hidden ones as "*" when anonymised)."""
    table = ninebox.with_count_labels(summary, small).sort_values("kotak", ascending=False)
    table = table.assign(rekomendasi=table["rekomendasi"].str.replace(";", " · "),
                         jumlah=table["jumlah_teks"], persen=table["persen_teks"])[   # "3,9%", as the chart writes it
        ["kotak", "label", "rekomendasi", "jumlah", "persen"]]
    st.dataframe(table, hide_index=True, width="stretch", column_config={
        "kotak": st.column_config.NumberColumn(t("beranda.legend_box"), width="small"),
        "label": t("beranda.legend_label"),
        "rekomendasi": t("beranda.legend_rec"),
        "jumlah": st.column_config.TextColumn(t("beranda.legend_count")),
        "persen": st.column_config.TextColumn(t("beranda.legend_pct")),
    })


main()
