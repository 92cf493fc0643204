"""Indonesian number and date formats (1.152; 4,5%; 5 Januari 2026)."""
from __future__ import annotations

from datetime import date

BULAN = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
         "September", "Oktober", "November", "Desember"]


def num(value: float | int, decimals: int = 0, lang: str = "id") -> str:
    text = f"{value:,.{decimals}f}"
    if lang == "id":
        text = text.replace(",", "\0").replace(".", ",").replace("\0", ".")
    return text


def pct(value: float, decimals: int = 1, lang: str = "id") -> str:
    return f"{num(value, decimals, lang)}%"


def tanggal(d: date) -> str:
    return f"{d.day} {BULAN[d.month - 1]} {d.year}"


_MD_SPECIALS = "\\`*_{}[]()<>#+-.!|~$:"


def plain(text: object) -> str:
    """Escape markdown so a name or post from the data is shown as typed, never interpreted."""
    s = "" if text is None else str(text)
    return "".join("\\" + c if c in _MD_SPECIALS else c for c in s)


def full_name(nama: str, gelar_depan: str | None, gelar_belakang: str | None) -> str:
    parts = [g for g in (gelar_depan,) if isinstance(g, str) and g] + [nama]
    name = " ".join(parts)
    return f"{name}, {gelar_belakang}" if isinstance(gelar_belakang, str) and gelar_belakang else name
