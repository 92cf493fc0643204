"""The one exception of the import package."""
from __future__ import annotations


class Rejected(ValueError):
    """A whole file is refused. The message (Indonesian) can be shown to a user as is."""
