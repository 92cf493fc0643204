"""Who is acting in this browser session: login state, idle timeout, permissions.

The user lives in ``st.session_state`` only (server side); nothing about it is
put in the URL. In demo mode (synthetic data only) a visitor who has not logged
in is the read-only demo visitor.
"""
from __future__ import annotations

from datetime import datetime

import streamlit as st

from data.auth import DEMO_VISITOR, User, idle_expired

KEY_USER, KEY_SEEN, KEY_NOTICE, KEY_SESSION = "_user", "_last_seen", "_login_notice", "_session_id"


def logged_in() -> User | None:
    return st.session_state.get(KEY_USER)


def session_id() -> str | None:
    """A stable, non-secret id of this login session (the same after a browser reload while the
    login is kept); None when nobody is logged in."""
    return st.session_state.get(KEY_SESSION) if logged_in() is not None else None


def current_user() -> User:
    """The logged-in user, or the demo visitor (only ever reached in demo mode: see ui/frame.gate)."""
    return logged_in() or DEMO_VISITOR


def acting_user() -> str:
    """The name recorded in the audit log for changes made in this session."""
    return current_user().username


def can(permission: str) -> bool:
    return current_user().can(permission)


def log_in(user: User) -> None:
    st.session_state[KEY_USER] = user
    st.session_state[KEY_SEEN] = datetime.now()


def log_out(notice: str | None = None) -> None:
    for key in list(st.session_state.keys()):
        if not str(key).startswith("lang"):
            del st.session_state[key]
    if notice:
        st.session_state[KEY_NOTICE] = notice


def touch(idle_minutes: int) -> bool:
    """Record activity; False (and logged out) when the session sat idle too long."""
    now = datetime.now()
    if logged_in() is not None and idle_expired(st.session_state.get(KEY_SEEN), now, idle_minutes):
        return False
    st.session_state[KEY_SEEN] = now
    return True
