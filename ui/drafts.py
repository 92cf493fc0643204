"""Unsaved form text that must survive a browser reload (a calibration reason and comment).

Kept in this server process's memory, per login session (:func:`ui.user.session_id`, which stays the
same across a reload while the login is kept), never in the database or the URL. Gone when the
session logs out or the server stops: a draft is a convenience, not a record.
"""
from __future__ import annotations

import threading
from typing import Any

from ui.user import session_id

_DRAFTS: dict[str, dict[str, Any]] = {}
_LOCK = threading.Lock()


def keep(name: str, value: Any) -> None:
    """Remember ``value`` under ``name`` for this login session (no-op without one)."""
    owner = session_id()
    if owner is None:
        return
    with _LOCK:
        _DRAFTS.setdefault(owner, {})[name] = value


def recall(name: str, default: Any = None) -> Any:
    owner = session_id()
    with _LOCK:
        return _DRAFTS.get(owner, {}).get(name, default) if owner is not None else default


def forget(name: str) -> None:
    owner = session_id()
    with _LOCK:
        _DRAFTS.get(owner, {}).pop(name, None)


def drop_session(owner: str) -> None:
    """Every draft of a login session (at logout)."""
    with _LOCK:
        _DRAFTS.pop(owner, None)
