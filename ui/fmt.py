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
