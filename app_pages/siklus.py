"""Siklus Talenta: the talent cycle of a period — the funnel from all ASN to those appointed, then
its four stages: akuisisi, pengembangan, retensi, penempatan."""
from __future__ import annotations

import streamlit as st

from common.i18n import t
from ui.frame import context


def main() -> None:
    ctx = context()
    st.title(t("siklus.title", period=ctx.period))


main()
