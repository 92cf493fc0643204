"""The anonymisation toggle's click handler when its widget is gone: a timer's request the browser sent
for a screen the server has just replaced (the idle check logged the user out) still carries the
toggle's value, and Streamlit calls the handler though the toggle's key left with that screen."""
from __future__ import annotations

from streamlit.testing.v1 import AppTest

from tests.conftest import APP_TIMEOUT


def _stale_click() -> None:
    import streamlit as st

    from ui import privacy

    st.session_state[privacy._ON] = st.session_state.get("start", False)
    privacy._clicked()  # no toggle was drawn in this session: its key holds nothing
    st.write(f"switch={st.session_state[privacy._ON]}")


def test_a_click_without_its_toggle_leaves_the_switch_as_it_was():
    for start in (True, False):
        at = AppTest.from_function(_stale_click, default_timeout=APP_TIMEOUT)
        at.session_state["start"] = start
        at.run()
        assert not at.exception, at.exception
        assert at.markdown[0].value == f"switch={start}"


def _toggle_then_click() -> None:
    import streamlit as st

    from ui import privacy

    st.session_state[privacy.KEY] = True  # what the toggle holds after a click
    st.session_state[privacy._ON] = False
    privacy._clicked()
    st.write(f"switch={st.session_state[privacy._ON]}")


def test_a_click_with_its_toggle_becomes_the_sessions_switch():
    at = AppTest.from_function(_toggle_then_click, default_timeout=APP_TIMEOUT).run()
    assert not at.exception, at.exception
    assert at.markdown[0].value == "switch=True"
