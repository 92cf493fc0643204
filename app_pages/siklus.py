"""Siklus Talenta: the talent cycle of a period — the funnel from all ASN to those appointed to a target
post, then its four stages (akuisisi, pengembangan, retensi, penempatan) and the yearly Monev files."""
from __future__ import annotations

import streamlit as st

from common.i18n import t
from ui import cycle, cycle_data
from ui.frame import context


def main() -> None:
    ctx = context()
    c = cycle_data.cycle(ctx.period, ctx.filters, ctx.scope)
    st.title(t("siklus.title", period=ctx.period))
    st.caption(t("siklus.intro"))
    left, right = st.columns([3, 1], vertical_alignment="center")
    with left:
        cycle.funnel(ctx, c)
    with right:
        cycle.monev_downloads(ctx)
    tabs = st.tabs([t("siklus.tab.akuisisi"), t("siklus.tab.pengembangan"), t("siklus.tab.retensi"),
                    t("siklus.tab.penempatan")])
    with tabs[0]:
        cycle.acquisition(ctx, c)
    with tabs[1]:
        cycle.development(ctx, c)
    with tabs[2]:
        cycle.register(ctx, c)
        cycle.watchlist(ctx, c)
        cycle.retention_actions(ctx, c)
    with tabs[3]:
        cycle.placement(ctx, c)


main()
