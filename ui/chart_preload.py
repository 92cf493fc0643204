"""The chart library asked for from a session's first run (``chart_preload.js``, an ``st.components.v2``
component in the app's own document): on a first visit the browser loaded plotly's 4.7 MB chunk only once
the page's first chart arrived, after the page's figures were computed; asked for at the first run, it
is fetched and compiled in the background meanwhile (decision 0043). Streamlit names its chunks with a
hash; when no plotly chunk is found (another Streamlit release), nothing is asked for."""
from __future__ import annotations

from pathlib import Path

import streamlit as st

_STATIC = Path(st.__file__).parent / "static" / "static" / "js"
CHUNK = next((p.name for p in sorted(_STATIC.glob("PlotlyChart.*.js"))), None)
_component = st.components.v2.component(
    "talenta_chart_preload", js=(Path(__file__).with_name("chart_preload.js")).read_text(encoding="utf-8"),
    isolate_styles=False, css=".st-key-talenta_chart_preload {display: none;}")


def render() -> None:
    """On every run, in the same place: the browser adds the link once (the script returns when it is
    there). Sent on the first run only, the element was missing from the next runs, which moved every
    element after it by one place; Streamlit then kept a slide's old title beside the new one."""
    if CHUNK is not None:
        _component(key="talenta_chart_preload", data={"chunk": CHUNK}, height=0)
