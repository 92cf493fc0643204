"""The confidence marks in a rule's source text.

Every rule row cites its source with a mark of how sure we are of it (data/migrations/002_rules.sql):
V = read in the cited text, C = several implementations agree, R = plausible but unconfirmed (keep
editable). A source may carry several marks ("PP 11/2017 (R); tindak lanjut kotak 7 (C)") or a note
after the mark ("(R: kebijakan keamanan internal)", "(V, berita 2026)").
"""
from __future__ import annotations

import re

MARKS = ("V", "C", "R")   # most to least sure
_MARK = re.compile(r"\(([VCR])(?=[):,;])")


def confidence_marks(source: object) -> list[str]:
    """The distinct marks in ``source``, most sure first (empty for no text or no mark)."""
    if not isinstance(source, str):
        return []
    found = set(_MARK.findall(source))
    return [m for m in MARKS if m in found]


def weakest(source: object) -> str | None:
    """The least sure mark in ``source`` (what an admin should check first), or None."""
    marks = confidence_marks(source)
    return marks[-1] if marks else None
