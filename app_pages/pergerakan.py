"""Pergerakan & Keadilan: box movement between two periods, notable moves, and fairness checks.

Boxes are the final ones (``kotak``: after calibration where there was one). Heatmap and
Sankey return no selection events in Streamlit, so the way to a person is the notable-moves
table: one row click opens the profile.
"""
from __future__ import annotations

import pandas as pd
import streamlit as st

from analytics.anonymise import TableSuppression
from common import fmt
from common.i18n import language, t
from reports.figures import movement as figures
from ui import components, fairness_panel, movement, privacy, services
from ui.frame import LIST_LIMIT, Context, context


def main() -> None:
    ctx = context()
    st.title(t("pg.title"))
    st.caption(t("pg.caption"))
    p_before, p_after = period_pickers(movement.periods())
    cmp, after = movement.between(p_before, p_after, ctx.filters, ctx.scope)
    minimum = privacy.min_group() if privacy.is_on() else 0
    hidden = cmp.hidden(minimum)  # one answer for every number below (nothing hidden with the switch off)
    metrics(cmp, hidden)
    if cmp.total == 0:
        st.info(t("pg.nobody"))
    else:
        charts(cmp, hidden)
        if hidden.any_hidden:
            st.caption(t("privacy.hidden_note", n=minimum))
        notable_moves(cmp, hidden, after, ctx)

    st.divider()
    st.subheader(t("pg.fairness", period=p_after))
    fairness_panel.render(after, key="pg_fair", boxes=services.rules(p_after).boxes, min_group=privacy.min_group())


def period_pickers(periods: list[int]) -> tuple[int, int]:
    """The earlier and the later period (swapped when given the other way round); stops the page when
    there are not two different periods to compare."""
    if len(periods) < 2:
        st.info(t("pg.one_period"))
        st.stop()
    c1, c2, _ = st.columns([1, 1, 3])
    p_before = c1.selectbox(t("pg.before"), periods, index=len(periods) - 2, key="pg_awal", bind="query-params")
    p_after = c2.selectbox(t("pg.after"), periods, index=len(periods) - 1, key="pg_akhir", bind="query-params")
    if p_before == p_after:
        st.warning(t("pg.same_period"))
        st.stop()
    if p_before > p_after:
        p_before, p_after = p_after, p_before
        st.caption(t("pg.swapped", before=p_before, after=p_after))
    return p_before, p_after


def metrics(cmp: movement.Comparison, hidden: TableSuppression) -> None:
    """Placed in both periods, then up / same / down by box rank (they add up to it)."""
    lang = language()
    tiles = cmp.tiles(hidden, lang)
    cols = st.columns([1.3, 1, 1, 1])  # the first label is the longest
    cols[0].metric(t("pg.both"), tiles["total"], border=True, help=t("pg.both_help", before=cmp.before, after=cmp.after))
    for col, (label, value, why) in zip(cols[1:], movement.direction_tiles(cmp, tiles, lang)):
        col.metric(label, value, border=True, help=why)
    st.caption(movement.sum_line(cmp, tiles, lang))


def charts(cmp: movement.Comparison, hidden: TableSuppression) -> None:
    """The transition matrix and the Sankey, side by side (hidden cells: no value, no flow)."""
    left, right = st.columns(2, gap="large")
    with left:
        st.subheader(t("pg.matrix"))
        st.plotly_chart(figures.transition_heatmap(cmp.matrix, cmp.before, cmp.after, hidden=hidden),
                        key="pg_heatmap", config={"displayModeBar": False})
        st.caption(t("pg.matrix_help", before=cmp.before, after=cmp.after))
    with right:
        st.subheader(t("pg.sankey"))
        counts = cmp.margin_texts(hidden, language()) if hidden.any_hidden else None
        st.plotly_chart(figures.transition_sankey(cmp.links(hidden), cmp.before, cmp.after, node_counts=counts),
                        key="pg_sankey", config={"displayModeBar": False})
        st.caption(t("pg.sankey_help"))
        if hidden.cells:
            st.caption(t("pg.sankey_hidden"))


def notable_moves(cmp: movement.Comparison, hidden: TableSuppression, after: pd.DataFrame, ctx: Context) -> None:
    """Large rises and falls into the bottom boxes; a row opens the person (as of the later period).
    Under the switch the moves of hidden cells are left out (each row is one person of its cell)."""
    lang = language()
    st.subheader(t("pg.moves"))
    tiles = cmp.tiles(hidden, lang)  # each kind with its count, under its full label
    kinds = {movement.NAIK: t("pg.kind.naik"), movement.TURUN: t("pg.kind.turun", boxes=cmp.bottom)}
    counted = {k: t("story.mv.kind_count", kind=v, n=tiles[k]) for k, v in kinds.items()}
    kind = st.segmented_control(t("pg.kind"), list(kinds), key="pg_jenis", format_func=counted.get)
    moves = cmp.shown_moves(hidden)
    shown = moves if not kind else moves[moves["jenis"] == kind]
    if shown.empty:
        st.info(t("pg.moves_none"))
        return
    if len(shown) > LIST_LIMIT:  # the largest moves first (movers' order); the metrics count them all
        st.caption(t("pg.moves_limited", shown=fmt.num(LIST_LIMIT, lang=lang), total=fmt.num(len(shown), lang=lang)))
        shown = shown.head(LIST_LIMIT)
    who = after.loc[after["nip"].isin(shown["nip"]), ["nip", "nama", "jabatan", "jenjang_jabatan", "opd_nama"]]
    table = shown.merge(who, on="nip", how="left")
    table = table.assign(jenis=table["jenis"].map(kinds))[
        ["nama", "kotak_sebelum", "kotak_sesudah", "langkah", "jenis", "opd_nama", "jabatan", "nip"]]
    period, scope = cmp.after, ctx.scope
    components.person_table(
        table, components.view_key("pg_moves", cmp.before, cmp.after, ctx.filters, ctx.scope, kind,
                                   tuple(table["nip"])),
        {"nama": st.column_config.TextColumn(t("col.nama"), width="medium"), "nip": "NIP",
         "jabatan": st.column_config.TextColumn(t("col.jabatan"), width="medium"),
         "opd_nama": st.column_config.TextColumn(t("col.opd"), width="medium"),
         "kotak_sebelum": st.column_config.NumberColumn(t("pg.col_box", period=cmp.before), format="%d"),
         "kotak_sesudah": st.column_config.NumberColumn(t("pg.col_box", period=cmp.after), format="%d"),
         "langkah": st.column_config.NumberColumn(t("pg.col_steps"), format="%+d", help=t("pg.col_steps_help")),
         "jenis": t("pg.col_kind")},
        on_pick=lambda nip: components.open_profile(nip, period, scope), shown=privacy.people(table))
    st.caption(t("pg.moves_help", after=cmp.after))


main()
