"""Streamlit components, services and per-feature views the pages arrange."""
import streamlit as _st

from common import i18n as _i18n

# t() reads each user's language from their session.
_i18n.use_session_language(lambda: _st.session_state.get("lang", _i18n.DEFAULT))
