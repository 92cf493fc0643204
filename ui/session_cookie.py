"""The login-session cookie: the browser keeps only the random token of a server-side session.

Streamlit reads cookies (``st.context.cookies``, as sent when the page connected) but cannot set
them, so a tiny component bundled here (``session_cookie.js``, an ``st.components.v2`` component:
it runs in the app's own document, not in an iframe) writes and deletes it: ``Path=/``,
``SameSite=Strict``, ``Secure`` on https, no ``Max-Age`` (a browser-session cookie; the server ends
an idle session anyway). Nothing about the login ever goes into the URL.
"""
from __future__ import annotations

import re
from pathlib import Path

import streamlit as st

NAME = "talenta_sesi"
_TOKEN = re.compile(r"[A-Za-z0-9_-]{20,100}")  # secrets.token_urlsafe; anything else is ignored
_KEY_DELETE = "_session_cookie_delete"
_JS = (Path(__file__).with_name("session_cookie.js")).read_text(encoding="utf-8")
# isolate_styles=False so the css below reaches the element's own container and hides it (no gap)
_component = st.components.v2.component("talenta_session_cookie", js=_JS, isolate_styles=False,
                                        css=".st-key-talenta_sesi_cookie {display: none;}")


def read() -> str | None:
    """The token the browser sent when this page connected (a reload sends it again), or None."""
    try:
        value = st.context.cookies.get(NAME)
    except Exception:  # no browser behind this run (bare script)
        return None
    return value if isinstance(value, str) and _TOKEN.fullmatch(value) else None


def delete_later(token: str | None) -> None:
    """Delete the cookie on this run's render if it still holds ``token`` (survives a logout's
    clearing of the session state: call it after)."""
    if token:
        st.session_state[_KEY_DELETE] = token


def render(token: str | None) -> None:
    """Put the cookie in step with the login: ``token`` while logged in, else delete a pending one."""
    if token:
        st.session_state.pop(_KEY_DELETE, None)
        data = {"name": NAME, "action": "set", "value": token}
    elif stale := st.session_state.pop(_KEY_DELETE, None):
        data = {"name": NAME, "action": "delete", "value": stale}
    else:
        return
    _component(key="talenta_sesi_cookie", data=data, height=0)
