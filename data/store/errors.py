"""The data layer's errors: their messages (Indonesian) can be shown to a user as they are."""
from __future__ import annotations


class StoreError(RuntimeError):
    """An error whose message (Indonesian) can be shown to a user as is."""


class DatabaseLocked(StoreError):
    """Another process (usually the running dashboard) holds the database file."""
