"""Eselon and job level (jenjang jabatan), the latter derived from several columns."""
from __future__ import annotations

import re
from collections.abc import Iterable

import numpy as np
import pandas as pd

from data.importing.normalise.cells import Result, plain_key, text
from data.importing.normalise.columns import column, factor_or_text, per_value
from data.importing.normalise.golongan import ROMAN

_ESELON_RE = re.compile(r"^(?:ESELON\s*)?(IV|III|II|I|V|[1-5])\s*[.\-/ ]?\s*([AB])?$")
_NON_ESELON = {"", "noneselon", "nonesselon", "non", "tidakada", "0", "00", "99", "jft", "jfu", "pelaksana",
               "fungsional", "tidak"}


def parse_eselon(v: object) -> tuple[str | None, bool]:
    """('II.b', True) for 'II.b', 'II/b', 'IIb', 'Eselon II.b', '22'; (None, True) for non-eselon
    markers; (None, False) when not recognised."""
    raw = text(v)
    k = plain_key(raw)
    if k in _NON_ESELON:
        return None, True
    up = raw.upper().strip()
    if re.fullmatch(r"[1-5][1-2]", up):            # SIASN eselon ids: 21 = II.a, 22 = II.b
        return f"{ROMAN[int(up[0]) - 1]}.{'ab'[int(up[1]) - 1]}", True
    m = _ESELON_RE.match(up)
    if not m:
        return None, False
    group = m[1] if not m[1].isdigit() else ROMAN[int(m[1]) - 1]
    return (f"{group}.{m[2].lower()}" if m[2] else group), True


def norm_eselon(series: pd.Series) -> tuple[pd.Series, pd.Series]:
    def fn(v):
        e, ok = parse_eselon(v)
        return (e, None) if ok else (None, f"Eselon '{text(v)}' tidak dikenali (misalnya II.b, III.a, IV.a).")
    return per_value(series, fn)


ESELON_JENJANG = {"I.a": "JPT Utama", "I.b": "JPT Madya", "I": "JPT Madya", "II": "JPT Pratama",
                  "III": "Administrator", "IV": "Pengawas", "V": "Pengawas"}
_JF_SUFFIX = re.compile(r"(ahli\s+utama|ahli\s+madya|ahli\s+muda|ahli\s+pertama|penyelia|mahir|terampil|pemula)"
                        r"\s*\)?\s*$", re.I)
_JENJANG_WORDS = {
    "jptutama": "JPT Utama", "jptmadya": "JPT Madya", "jptpratama": "JPT Pratama",
    "pimpinantinggiutama": "JPT Utama", "pimpinantinggimadya": "JPT Madya",
    "pimpinantinggipratama": "JPT Pratama", "jabatanpimpinantinggipratama": "JPT Pratama",
    "administrator": "Administrator", "jabatanadministrator": "Administrator",
    "pengawas": "Pengawas", "jabatanpengawas": "Pengawas",
    "pelaksana": "Pelaksana", "jabatanpelaksana": "Pelaksana", "fungsionalumum": "Pelaksana", "jfu": "Pelaksana",
    "ahliutama": "JF Ahli Utama", "ahlimadya": "JF Ahli Madya", "ahlimuda": "JF Ahli Muda",
    "ahlipertama": "JF Ahli Pertama", "penyelia": "JF Penyelia", "mahir": "JF Mahir", "terampil": "JF Terampil",
    "eselonii": "JPT Pratama", "eseloniii": "Administrator", "eseloniv": "Pengawas",
}


def jenjang_from_words(v: object, levels: Iterable[str]) -> str | None:
    """A job level from its own name or a common form ('JF Ahli Muda', 'Ahli Muda', 'Eselon III')."""
    levels = list(levels)
    k = plain_key(v)
    direct = {plain_key(lv): lv for lv in levels}
    if k in direct:
        return direct[k]
    for prefix in ("jabatanfungsional", "fungsional", "jf", "jft"):
        if k.startswith(prefix) and k[len(prefix):] in _JENJANG_WORDS:
            k = k[len(prefix):]
            break
    found = _JENJANG_WORDS.get(k)
    return found if found in levels else None


MSG_ASSUMED_PELAKSANA = ("Jenjang jabatan tidak diisi; dianggap Pelaksana (tanpa eselon dan nama jabatan tanpa "
                         "jenjang fungsional). Isi kolom Jenjang Jabatan bila keliru.")


def derive_jenjang(jenjang: pd.Series | None, jenis: pd.Series | None, eselon: pd.Series | None,
                   jabatan: pd.Series | None, levels: Iterable[str], index: pd.Index
                   ) -> tuple[pd.Series, pd.Series, pd.Series]:
    """Job level per row from (in this order) a job-level column, the eselon, the job kind and
    the functional suffix of the post name. Returns (jenjang, error message, warning message).

    A row with an eselon column left blank, no job kind and no functional suffix is taken as
    Pelaksana, with a warning."""
    has_eselon_column = eselon is not None
    levels = list(levels)

    def jf_suffix(v) -> str:
        m = _JF_SUFFIX.search(v) if isinstance(v, str) else None
        return m[1] if m else ""

    def parts(s: pd.Series | None, fn) -> tuple[np.ndarray, list[str]]:
        """codes (NA as the last entry) and fn of each distinct value of ``s`` ('' when no column)."""
        if s is None or len(s) == 0:
            return np.zeros(len(index), dtype=np.int64), [""]
        codes, uniques = factor_or_text(s)
        out = [fn(u) for u in uniques] + [fn(None)]
        return np.where(codes < 0, len(out) - 1, codes).astype(np.int64), out

    # the key of a row is its four texts; each distinct combination is worked out once
    columns = [parts(jenjang, text), parts(jenis, text), parts(eselon, text), parts(jabatan, jf_suffix)]
    combo = np.zeros(len(index), dtype=np.int64)
    for codes, out in columns:
        combo, _ = pd.factorize(combo * len(out) + codes)
        combo = combo.astype(np.int64)
    first = np.unique(combo, return_index=True)[1] if len(combo) else np.zeros(0, dtype=np.int64)
    keys = ["\x1f".join(out[codes[i]] for codes, out in columns) for i in first]
    listing = ", ".join(levels)

    def one(key: str) -> Result:
        j, k, e, s = key.split("\x1f")
        if j:
            lv = jenjang_from_words(j, levels)
            return (lv, None) if lv else (None, f"Jenjang jabatan '{j}' tidak dikenali. Gunakan salah satu: {listing}.")
        es, ok = parse_eselon(e) if e else (None, True)
        if es:
            lv = ESELON_JENJANG.get(es) or ESELON_JENJANG.get(es.split(".")[0])
            if lv in levels:
                return lv, None
        if k:
            lv = jenjang_from_words(k, levels)
            if lv:
                return lv, None
            kk = plain_key(k)
            if any(w in kk for w in ("fungsionalumum", "pelaksana", "jfu")):
                return "Pelaksana", None
            if "fungsional" in kk or kk in ("jft", "jf"):
                lv = jenjang_from_words(s, levels) if s else None
                if lv:
                    return lv, None
                return None, (f"Jenjang jabatan fungsional tidak dapat ditentukan dari nama jabatan "
                              f"(akhiran Ahli Pertama/Muda/Madya/Utama, Terampil, Mahir atau Penyelia "
                              f"tidak ada). Isi kolom Jenjang Jabatan ({listing}).")
            if "struktural" in kk:
                return None, "Jabatan struktural tanpa eselon: isi kolom Eselon atau Jenjang Jabatan."
        if s:
            lv = jenjang_from_words(s, levels)
            if lv:
                return lv, None
        if has_eselon_column and not (j or k or e) and "Pelaksana" in levels:
            return "Pelaksana", "!" + MSG_ASSUMED_PELAKSANA
        if not (j or k or e or s):
            return None, f"Jenjang jabatan kosong. Isi kolom Jenjang Jabatan ({listing})."
        return None, f"Jenjang jabatan tidak dapat ditentukan. Isi kolom Jenjang Jabatan ({listing})."

    results = [one(u) for u in keys]
    vals = np.array([r[0] for r in results] + [None], dtype=object)
    errs = np.array([r[1] if r[1] and not r[1].startswith("!") else None for r in results] + [None], dtype=object)
    warns = np.array([r[1][1:] if r[1] and r[1].startswith("!") else None for r in results] + [None], dtype=object)
    return column(vals, combo, index), column(errs, combo, index), column(warns, combo, index)
