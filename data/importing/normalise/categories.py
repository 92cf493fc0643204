"""Closed lists: predikat, ratings, sex, kind of ASN, employment status, assessment source,
sanction level and yes/no."""
from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from data.importing.normalise.cells import plain_key, text
from data.importing.normalise.columns import per_value

PREDIKAT_SYNONYMS = {
    "sangatbaik": "Sangat Baik", "sb": "Sangat Baik", "istimewa": "Sangat Baik",
    "baik": "Baik", "b": "Baik",
    "butuhperbaikan": "Butuh Perbaikan", "bp": "Butuh Perbaikan", "perluperbaikan": "Butuh Perbaikan",
    "kurang": "Kurang", "k": "Kurang", "kurangmisconduct": "Kurang", "misconduct": "Kurang",
    "sangatkurang": "Sangat Kurang", "sk": "Sangat Kurang",
}


def norm_predikat(series: pd.Series, allowed: Iterable[str]) -> tuple[pd.Series, pd.Series]:
    allowed = list(allowed)
    lookup = {**{plain_key(a): a for a in allowed}, **{k: v for k, v in PREDIKAT_SYNONYMS.items() if v in allowed}}
    msg = "Predikat '{v}' tidak dikenali. Gunakan salah satu: " + ", ".join(allowed) + "."

    def fn(v):
        p = lookup.get(plain_key(v))
        return (p, None) if p else (None, msg.format(v=text(v)))
    return per_value(series, fn)


RATING = {"diatasekspektasi": "di atas", "diatas": "di atas", "atas": "di atas", "melebihiekspektasi": "di atas",
          "sesuaiekspektasi": "sesuai", "sesuai": "sesuai",
          "dibawahekspektasi": "di bawah", "dibawah": "di bawah", "bawah": "di bawah"}


def norm_rating(series: pd.Series) -> tuple[pd.Series, pd.Series]:
    def fn(v):
        r = RATING.get(plain_key(v))
        return (r, None) if r else (None, f"Rating '{text(v)}' tidak dikenali. Gunakan di atas ekspektasi, "
                                          "sesuai ekspektasi atau di bawah ekspektasi.")
    return per_value(series, fn)


SEX = {"l": "L", "lakilaki": "L", "laki": "L", "pria": "L", "m": "L", "male": "L", "1": "L",
       "p": "P", "perempuan": "P", "wanita": "P", "f": "P", "female": "P", "w": "P", "2": "P"}


def norm_sex(series: pd.Series) -> tuple[pd.Series, pd.Series]:
    def fn(v):
        s = SEX.get(plain_key(v))
        return (s, None) if s else (None, f"Jenis kelamin '{text(v)}' tidak dikenali (L/P).")
    return per_value(series, fn)


def norm_jenis_asn(series: pd.Series) -> tuple[pd.Series, pd.Series]:
    def fn(v):
        k = plain_key(v)
        if "pppk" in k or "p3k" in k:
            return "PPPK", None
        if "pns" in k:
            return "PNS", None
        return None, f"Jenis ASN '{text(v)}' tidak dikenali (PNS atau PPPK)."
    return per_value(series, fn)


def norm_status(series: pd.Series) -> tuple[pd.Series, pd.Series]:
    def fn(v):
        k = plain_key(v)
        if "paruh" in k or "partime" in k:
            return "paruh waktu", None
        if "penuh" in k or "fulltime" in k:
            return "penuh waktu", None
        return text(v)[:100], None
    return per_value(series, fn)


SUMBER = {"cact": "CACT", "computerassistedcompetencytest": "CACT", "bkn": "CACT",
          "ac": "AC", "assessmentcenter": "AC", "assessmentcentre": "AC", "asesmencenter": "AC",
          "pusatasesmen": "AC", "penilaiankompetensi": "AC",
          "lain": "LAIN", "lainnya": "LAIN", "lainlain": "LAIN"}


def norm_sumber(series: pd.Series) -> tuple[pd.Series, pd.Series]:
    def fn(v):
        s = SUMBER.get(plain_key(v))
        return (s, None) if s else (None, f"Sumber asesmen '{text(v)}' tidak dikenali (CACT, AC atau LAIN).")
    return per_value(series, fn)


# PP 94/2021 art. 8: kinds of sanction per level
HUKDIS_JENIS = (
    ("berat", ("penurunanjabatan", "pembebasandarijabatan", "pemberhentian", "diberhentikan")),
    ("sedang", ("pemotongantunjangan", "pemotongantpp", "pemotongantukin")),
    ("ringan", ("tegurantertulis", "teguranlisan", "pernyataantidakpuas")),
)


def hukdis_level(v: object) -> str | None:
    k = plain_key(v)
    for level in ("ringan", "sedang", "berat"):
        if level in k:
            return level
    for level, words in HUKDIS_JENIS:
        if any(w in k for w in words):
            return level
    return None


def norm_tingkat_hukdis(series: pd.Series) -> tuple[pd.Series, pd.Series]:
    def fn(v):
        lv = hukdis_level(v)
        return (lv, None) if lv else (None, f"Tingkat hukuman '{text(v)}' tidak dikenali (ringan, sedang atau berat).")
    return per_value(series, fn)


BOOL_TRUE = {"ya", "y", "yes", "true", "1", "v", "x", "benar", "lowong", "kosong", "kritikal", "kritis", "iya"}
BOOL_FALSE = {"tidak", "t", "no", "n", "false", "0", "terisi", "bukan", "tdk", "salah"}


def norm_bool(series: pd.Series) -> tuple[pd.Series, pd.Series]:
    def fn(v):
        if isinstance(v, bool):
            return v, None
        k = plain_key(v) if text(v) not in ("✓", "✔") else "ya"
        if k in BOOL_TRUE:
            return True, None
        if k in BOOL_FALSE:
            return False, None
        return None, f"'{text(v)}' harus Ya atau Tidak."
    return per_value(series, fn)
