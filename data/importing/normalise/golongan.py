"""Golongan (PNS I/a–IV/e, PPPK I–XVII) and the pangkat names that stand for them."""
from __future__ import annotations

import re

import pandas as pd

from data.importing.normalise.cells import text
from data.importing.normalise.columns import per_value

PNS_GOLONGAN = tuple(f"{g}/{r}" for g, rs in (("I", "abcd"), ("II", "abcd"), ("III", "abcd"), ("IV", "abcde"))
                     for r in rs)
ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV",
         "XVI", "XVII")
PPPK_GOLONGAN = ROMAN
PANGKAT = {
    "jurumuda": "I/a", "jurumudatingkati": "I/b", "jurumudatki": "I/b", "juru": "I/c",
    "jurutingkati": "I/d", "jurutki": "I/d", "pengaturmuda": "II/a", "pengaturmudatingkati": "II/b",
    "pengaturmudatki": "II/b", "pengatur": "II/c", "pengaturtingkati": "II/d", "pengaturtki": "II/d",
    "penatamuda": "III/a", "penatamudatingkati": "III/b", "penatamudatki": "III/b", "penata": "III/c",
    "penatatingkati": "III/d", "penatatki": "III/d", "pembina": "IV/a", "pembinatingkati": "IV/b",
    "pembinatki": "IV/b", "pembinautamamuda": "IV/c", "pembinautamamadya": "IV/d", "pembinautama": "IV/e",
}
_ARABIC_GROUP = {"1": "I", "2": "II", "3": "III", "4": "IV"}
_PNS_RE = re.compile(r"(?<![A-Z])(IV|III|II|I|[1-4])\s*[/\-.]?\s*([A-E])(?![A-Z])")
_PPPK_RE = re.compile(r"^(?:GOL(?:ONGAN)?\.?\s*)?(XVII|XVI|XV|XIV|XIII|XII|XI|X|IX|VIII|VII|VI|V|IV|III|II|I|\d{1,2})$")
MSG_GOLONGAN = ("Golongan '{v}' tidak dikenali. Tulis seperti III/a (PNS, I/a–IV/e) atau IX (PPPK, I–XVII).")


def parse_golongan(v: object) -> tuple[str | None, str | None]:
    """(golongan, 'PNS' | 'PPPK') from 'III/a', 'III-A', '3a', 'Penata Muda (III/a)', 'IX', '9'."""
    raw = text(v)
    up = raw.upper().strip()
    if m := _PNS_RE.search(up):
        group = _ARABIC_GROUP.get(m[1], m[1])
        g = f"{group}/{m[2].lower()}"
        return (g, "PNS") if g in PNS_GOLONGAN else (None, None)
    if m := _PPPK_RE.match(re.sub(r"\s+", " ", up)):
        token = m[1]
        if token.isdigit():
            n = int(token)
            return (ROMAN[n - 1], "PPPK") if 1 <= n <= 17 else (None, None)
        return token, "PPPK"
    k = re.sub(r"[^a-z]", "", raw.lower().replace("tk.", "tk"))
    if k in PANGKAT:
        return PANGKAT[k], "PNS"
    return None, None


def norm_golongan(series: pd.Series) -> tuple[pd.Series, pd.Series]:
    def fn(v):
        g, _ = parse_golongan(v)
        return (g, None) if g else (None, MSG_GOLONGAN.format(v=text(v)))
    return per_value(series, fn)


def golongan_kind(g: str | None) -> str | None:
    if g is None:
        return None
    return "PNS" if "/" in g else "PPPK"
