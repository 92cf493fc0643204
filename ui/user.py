"""Who is acting. Placeholder until login and roles arrive (issue 5 replaces this function)."""
from __future__ import annotations


def acting_user() -> str:
    """The user recorded on imports, undo and other changes."""
    return "admin"


def can(permission: str) -> bool:
    """Whether the acting user holds a permission (e.g. ``aturan:ubah``). All allowed until issue 5."""
    return True
