"""Mode Presentasi: projector slides (key figures, 9-box, movement, profiling, succession).

No sidebar or toolbar (app.py hides them on this page). The page is a 16:9 stage drawn at
1920x1080 and scaled to the window (``ui.frame.presentation_style``): every slide fits without
scrolling, its chart fills the room the slide leaves it, and no text on it is under
``STAGE_MIN_FONT`` stage px. Slides move with the buttons or the arrow keys; the slide number is in
the URL. The controls (and the downloads, in a popover) sit in a slim bar at the bottom, faint until
pointed at. The anonymisation switch is on when a session enters this page; only roles allowed to
see identities can turn it off here.
"""
from __future__ import annotations

from datetime import date

import streamlit as st

from common.i18n import language, t
from reports.slides import Slide, for_stage
from ui import export_menu, presentation, privacy
from ui.frame import STAGE_MIN_FONT, Context, context

KEY_SLIDE = "slide"
CHART_CONFIG = {"displayModeBar": False, "responsive": True}
NOTE_LINE = 130  # characters of a note per line across the stage


def _step(delta: int, count: int) -> None:
    st.session_state[KEY_SLIDE] = min(max(1, st.session_state[KEY_SLIDE] + delta), count)


def main() -> None:
    ctx = context()
    lang = language()
    slides = presentation.build(ctx, lang, date.today())
    if st.session_state.get(KEY_SLIDE) not in range(1, len(slides) + 1):
        st.session_state[KEY_SLIDE] = 1
    control_bar(len(slides), ctx, lang)  # first: its slide number (from the URL) picks the slide
    show(slides[st.session_state[KEY_SLIDE] - 1])


def control_bar(count: int, ctx: Context, lang: str) -> None:
    """Previous/next (also the arrow keys), the slide number (in the URL), the switch, the downloads
    and the way out: one slim row, drawn first (the slide number it reads from the URL picks the
    slide) and placed under the slide by the stage CSS, previous/next leading."""
    with st.container(key="pres-bar", horizontal=True, vertical_alignment="center", gap="small", wrap=False):
        st.segmented_control(t("pres.slide"), list(range(1, count + 1)), key=KEY_SLIDE, bind="query-params",
                             required=True, label_visibility="collapsed", format_func=str, help=t("pres.slide_help"))
        n = st.session_state[KEY_SLIDE]
        st.button(t("pres.prev"), key="pres_prev", icon=":material/chevron_left:", shortcut="Left",
                  on_click=_step, args=(-1, count), disabled=n == 1)
        st.button(t("pres.next"), key="pres_next", icon=":material/chevron_right:", shortcut="Right",
                  on_click=_step, args=(1, count), type="primary", disabled=n == count)
        st.caption(t("pres.footer", n=n, total=count,
                     anon=t("pres.anon_on") if privacy.is_on() else t("pres.anon_off")))
        privacy.switch(st)
        with st.popover(t("exp.title"), icon=":material/download:"):
            export_menu.menu(ctx, lang, "pres_exp", with_deck=True)
        st.page_link("app_pages/beranda.py", label=t("pres.exit"), icon=":material/close_fullscreen:")


def show(slide: Slide) -> None:
    """One slide: title, subtitle, metric tiles, the figure and/or the table, notes. The chart takes
    the height left on the stage (CSS in ``ui.frame``), its text raised to the stage minimum."""
    fig = None if slide.figure is None else for_stage(slide.figure, STAGE_MIN_FONT)
    with st.container(key=f"slide-{slide.key}"):
        st.markdown(f"# {slide.title}")
        if slide.subtitle:
            st.caption(slide.subtitle)
        if slide.lead:
            st.markdown(f"### {slide.lead}")
        if slide.metrics:
            with st.container(horizontal=True, wrap=False, key="pres-metrics-alone" if fig is None and slide.table is None
                              else "pres-metrics"):
                for label, value in slide.metrics:
                    st.metric(label, value, border=True)
        notes_aside = fig is not None and slide.table is None and _notes_aside(slide.notes)
        if fig is not None and (slide.table is not None or notes_aside):
            left, right = st.columns([3, 2], gap="large")
            left.plotly_chart(fig, key=f"pres_fig_{slide.key}", config=CHART_CONFIG, height="stretch")
            if slide.table is not None:
                right.table(slide.table, hide_index=True)
            else:
                right.markdown("\n".join(f"- {line}" for line in slide.notes))
        elif fig is not None:
            st.plotly_chart(fig, key=f"pres_fig_{slide.key}", config=CHART_CONFIG, height="stretch")
        elif slide.table is not None:
            st.table(slide.table, hide_index=True)
        if not notes_aside:
            for line in slide.notes:
                st.markdown(f"- {line}")


def _notes_aside(notes: tuple[str, ...]) -> bool:
    """Notes longer than about two lines go beside a chart, not under it: under it they would leave
    the chart too little height to read."""
    return sum(len(line) // NOTE_LINE + 1 for line in notes) > 2


main()
