"""Mode Presentasi: projector slides (key figures, 9-box, movement, profiling, succession).

No sidebar or toolbar (app.py hides them on this page), large type, strong contrast. Slides
move with the buttons or the arrow keys; the slide number is in the URL. The anonymisation
switch is on when a session enters this page; only roles allowed to see identities can turn
it off here.
"""
from __future__ import annotations

from datetime import date

import streamlit as st

from common.i18n import language, t
from reports.slides import Slide
from ui import export_menu, presentation, privacy
from ui.frame import context

KEY_SLIDE = "slide"


def _step(delta: int, count: int) -> None:
    st.session_state[KEY_SLIDE] = min(max(1, st.session_state[KEY_SLIDE] + delta), count)


def main() -> None:
    ctx = context()
    lang = language()
    slides = presentation.build(ctx, lang, date.today())
    if st.session_state.get(KEY_SLIDE) not in range(1, len(slides) + 1):
        st.session_state[KEY_SLIDE] = 1
    control_bar(len(slides))
    show(slides[st.session_state[KEY_SLIDE] - 1])
    st.caption(t("pres.footer", n=st.session_state[KEY_SLIDE], total=len(slides),
                 anon=t("pres.anon_on") if privacy.is_on() else t("pres.anon_off")))
    with st.expander(t("exp.title"), icon=":material/download:"):
        export_menu.menu(ctx, lang, "pres_exp", with_deck=True)


def control_bar(count: int) -> None:
    """Previous/next (also the arrow keys), the slide number (in the URL), the switch and the way out."""
    bar = st.columns([1.3, 1.3, 3, 2.4, 1], vertical_alignment="center")
    bar[0].button(t("pres.prev"), key="pres_prev", icon=":material/chevron_left:", shortcut="Left",
                  on_click=_step, args=(-1, count), width="stretch", disabled=st.session_state[KEY_SLIDE] == 1)
    bar[1].button(t("pres.next"), key="pres_next", icon=":material/chevron_right:", shortcut="Right",
                  on_click=_step, args=(1, count), width="stretch", type="primary",
                  disabled=st.session_state[KEY_SLIDE] == count)
    bar[2].segmented_control(t("pres.slide"), list(range(1, count + 1)), key=KEY_SLIDE, bind="query-params",
                             required=True, label_visibility="collapsed", format_func=str, help=t("pres.slide_help"))
    with bar[3]:
        privacy.switch(st)
    bar[4].page_link("app_pages/beranda.py", label=t("pres.exit"), icon=":material/close_fullscreen:")


def show(slide: Slide) -> None:
    """One slide: title, subtitle, metric tiles, the figure and/or the table, notes."""
    with st.container(key=f"slide-{slide.key}"):
        st.markdown(f"# {slide.title}")
        if slide.subtitle:
            st.caption(slide.subtitle)
        if slide.metrics:
            for col, (label, value) in zip(st.columns(len(slide.metrics)), slide.metrics):
                col.metric(label, value, border=True)
        if slide.figure is not None and slide.table is not None:
            left, right = st.columns([3, 2], gap="large")
            left.plotly_chart(slide.figure, key=f"pres_fig_{slide.key}", config={"displayModeBar": False})
            right.table(slide.table, hide_index=True)
        elif slide.figure is not None:
            st.plotly_chart(slide.figure, key=f"pres_fig_{slide.key}", config={"displayModeBar": False})
        elif slide.table is not None:
            st.table(slide.table, hide_index=True)
        for line in slide.notes:
            st.markdown(f"- {line}")

main()
