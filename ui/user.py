"""Who is acting in this browser session: login state and permissions.

The user is kept in ``st.session_state`` for the run, backed by a server-side login session
(:func:`data.auth.check_session`): the browser holds only its random token in a cookie
(:mod:`ui.session_cookie`), so a reload finds the login again. Nothing about it is put in the URL.
In demo mode (synthetic data only) a visitor who has not logged in is the read-only demo visitor.
"""
from __future__ import annotations

import streamlit as st

from data.auth import DEMO_VISITOR, User

KEY_USER, KEY_NOTICE, KEY_SESSION = "_user", "_login_notice", "_session_id"
KEY_TOKEN, KEY_TOUCHED, KEY_TRIED = "_session_token", "_session_touched", "_session_cookie_tried"


def logged_in() -> User | None:
    return st.session_state.get(KEY_USER)


def session_id() -> str | None:
    """A stable, non-secret id of this login session (the same after a browser reload while the
    login is kept); None when nobody is logged in."""
    return st.session_state.get(KEY_SESSION) if logged_in() is not None else None


def session_token() -> str | None:
    """The cookie's token of this login session (kept in server memory only, to write the cookie)."""
    return st.session_state.get(KEY_TOKEN) if logged_in() is not None else None


def current_user() -> User:
    """The logged-in user, or the demo visitor (only ever reached in demo mode: see ui/frame.gate)."""
    return logged_in() or DEMO_VISITOR


def acting_user() -> str:
    """The name recorded in the audit log for changes made in this session."""
    return current_user().username


def can(permission: str) -> bool:
    return current_user().can(permission)


def log_in(user: User, session: str, token: str | None) -> None:
    """Hold ``user`` for this browser session, backed by the server-side login session ``session``."""
    st.session_state[KEY_USER] = user
    st.session_state[KEY_SESSION] = session
    st.session_state[KEY_TOKEN] = token
    st.session_state[KEY_TOUCHED] = None


def log_out(notice: str | None = None) -> None:
    """Forget everything of this browser session but the language (the server-side session is ended
    by the caller)."""
    for key in list(st.session_state.keys()):
        if not str(key).startswith("lang"):
            del st.session_state[key]
    if notice:
        st.session_state[KEY_NOTICE] = notice
