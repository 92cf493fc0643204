"""Aturan & sumber: every rule table with its source and confidence mark (admins with aturan:ubah)."""
from __future__ import annotations

from ui import rules


def main() -> None:
    rules.render()


main()
