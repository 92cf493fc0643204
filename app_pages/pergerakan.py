"""Pergerakan & Keadilan: box movement between two periods, notable moves, and fairness checks.

Boxes are the final ones (``kotak``: after calibration where there was one). Heatmap and
Sankey return no selection events in Streamlit, so the way to a person is the notable-moves
table: one row click opens the profile.
"""
from __future__ import annotations

import hashlib

import streamlit as st

from analytics import movement
from common import fmt
from reports.figures import movement as movement_figures
from ui import fairness_panel, privacy, profile, services
from ui.frame import LIST_LIMIT, context
from common.i18n import language, t


def main() -> None:
    ctx = context()
    lang = language()
    periods = services.store().periods()

    st.title(t("pg.title"))
    st.caption(t("pg.caption"))
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

    before = services.placements(p_before, ctx.filters, ctx.scope)
    after = services.placements(p_after, ctx.filters, ctx.scope)
    boxes = services.rules(p_after).boxes
    matrix = movement.transition_matrix(before, after, boxes)
    moves = movement.movers(before, after, boxes)
    low = movement.bottom_boxes(boxes)
    bottom = f"{low[0]}–{low[-1]}" if list(low) == list(range(low[0], low[-1] + 1)) else ", ".join(map(str, low))
    total = int(matrix.to_numpy().sum())
    stayed = int(sum(matrix.loc[k, k] for k in matrix.index if k in matrix.columns))
    n_up = int((moves["jenis"] == movement.NAIK).sum())
    n_down = int((moves["jenis"] == movement.TURUN).sum())

    m1, m2, m3, m4 = st.columns(4)
    m1.metric(t("pg.both"), fmt.num(total, lang=lang), border=True,
              help=t("pg.both_help", before=p_before, after=p_after))
    m2.metric(t("pg.same"), f"{fmt.num(stayed, lang=lang)} ({fmt.pct(stayed / total * 100 if total else 0, 0, lang)})",
              border=True)
    m3.metric(t("pg.up"), fmt.num(n_up, lang=lang), border=True, help=t("pg.up_help"))
    m4.metric(t("pg.down", boxes=bottom), fmt.num(n_down, lang=lang), border=True, help=t("pg.down_help", boxes=bottom))


    @st.dialog(t("profil.title"), width="large")
    def _profile_dialog(nip: str) -> None:
        profile.render(nip, p_after, ctx.scope)


    if total == 0:
        st.info(t("pg.nobody"))
    else:
        left, right = st.columns(2, gap="large")
        with left:
            st.subheader(t("pg.matrix"))
            st.plotly_chart(movement_figures.transition_heatmap(
                matrix, p_before, p_after, min_count=privacy.min_group() if privacy.is_on() else 0), key="pg_heatmap",
                            config={"displayModeBar": False})
            st.caption(t("pg.matrix_help", before=p_before, after=p_after))
        with right:
            st.subheader(t("pg.sankey"))
            st.plotly_chart(movement_figures.transition_sankey(movement.sankey_links(matrix), p_before, p_after),
                            key="pg_sankey", config={"displayModeBar": False})
            st.caption(t("pg.sankey_help"))

        # -- notable moves: a row opens the person ----------------------------------------------
        st.subheader(t("pg.moves"))
        kinds = {movement.NAIK: t("pg.kind.naik"), movement.TURUN: t("pg.kind.turun", boxes=bottom)}
        kind = st.segmented_control(t("pg.kind"), list(kinds), key="pg_jenis", format_func=kinds.get)
        shown = moves if not kind else moves[moves["jenis"] == kind]
        if shown.empty:
            st.info(t("pg.moves_none"))
        else:
            if len(shown) > LIST_LIMIT:  # the largest moves first (movers' order); the metrics count them all
                st.caption(t("pg.moves_limited", shown=fmt.num(LIST_LIMIT, lang=lang), total=fmt.num(len(shown), lang=lang)))
                shown = shown.head(LIST_LIMIT)
            who = after.loc[after["nip"].isin(shown["nip"]), ["nip", "nama", "jabatan", "jenjang_jabatan", "opd_nama"]]
            table = shown.merge(who, on="nip", how="left")
            table = table.assign(jenis=table["jenis"].map(kinds))[
                ["nama", "kotak_sebelum", "kotak_sesudah", "langkah", "jenis", "opd_nama", "jabatan", "nip"]]
            # a selection holds row positions: a different list gets a different key, so a stale
            # position never opens someone else's profile
            view = hashlib.sha1(repr((p_before, p_after, ctx.filters, ctx.scope, kind,
                                      tuple(table["nip"]))).encode()).hexdigest()[:12]
            table_key = f"pg_moves_{view}"
            event = st.dataframe(
                privacy.people(table), hide_index=True, width="stretch", height=min(420, 38 + 35 * len(table)), key=table_key,
                on_select="rerun", selection_mode="single-row", column_config={
                    "nama": st.column_config.TextColumn(t("col.nama"), width="medium"), "nip": "NIP",
                    "jabatan": st.column_config.TextColumn(t("col.jabatan"), width="medium"),
                    "opd_nama": st.column_config.TextColumn(t("col.opd"), width="medium"),
                    "kotak_sebelum": st.column_config.NumberColumn(t("pg.col_box", period=p_before), format="%d"),
                    "kotak_sesudah": st.column_config.NumberColumn(t("pg.col_box", period=p_after), format="%d"),
                    "langkah": st.column_config.NumberColumn(t("pg.col_steps"), format="%+d",
                                                             help=t("pg.col_steps_help")),
                    "jenis": t("pg.col_kind")})
            st.caption(t("pg.moves_help", after=p_after))
            picked = event.selection.rows if event is not None else []
            nip = table.iloc[picked[0]]["nip"] if picked else None
            if st.session_state.get("pg_moves_last") != (table_key, nip):
                st.session_state["pg_moves_last"] = (table_key, nip)
                if nip is not None:
                    _profile_dialog(nip)

    # -- fairness of the later period ------------------------------------------------------------
    st.divider()
    st.subheader(t("pg.fairness", period=p_after))
    fairness_panel.render(after, key="pg_fair", boxes=boxes, min_group=privacy.min_group())


main()
