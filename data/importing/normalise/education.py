"""Education level ('S1', 'D-III', 'SLTA') and field of study."""
from __future__ import annotations

import re
from collections.abc import Iterable

import numpy as np
import pandas as pd

from data.importing.normalise.cells import text
from data.importing.normalise.columns import per_unique, per_value

_EDU_RE = re.compile(
    r"^(S ?-? ?[123]|STRATA ?-? ?(?:III|II|I|[123])|D ?-? ?(?:IV|III|II|I|[1-4])|DIPLOMA ?-? ?(?:IV|III|II|I|[1-4])|"
    r"SARJANA TERAPAN|SARJANA|MAGISTER|DOKTOR(?:AL)?|PASCASARJANA|SD|SMP|SLTP|SMA|SLTA|SMK|SMU|STM|SMEA|MA|MTS|MI)"
    r"(?![A-Z])")
_EDU_MAP = {"SD": "SD", "MI": "SD", "SMP": "SMP", "SLTP": "SMP", "MTS": "SMP", "SMA": "SMA", "SLTA": "SMA",
            "SMK": "SMA", "SMU": "SMA", "STM": "SMA", "SMEA": "SMA", "MA": "SMA", "SARJANA": "S1",
            "SARJANATERAPAN": "D4", "MAGISTER": "S2", "PASCASARJANA": "S2", "DOKTOR": "S3", "DOKTORAL": "S3"}
_ROMAN_NUM = {"I": "1", "II": "2", "III": "3", "IV": "4"}


def parse_pendidikan(v: object) -> tuple[str | None, str]:
    """(tingkat, rest) from 'S1', 'S-1 Ilmu Pemerintahan', 'D-III Keperawatan', 'SLTA/SMA IPS'."""
    raw = text(v)
    up = raw.upper().replace(".", " ").strip()
    m = _EDU_RE.match(up)
    if not m:
        return None, raw
    token = re.sub(r"[\s-]", "", m[1])
    rest = raw[m.end():].strip(" -/,:")
    rest = re.sub(r"^(SMA|SMK|SLTA)\b[\s/-]*", "", rest, flags=re.I).strip()
    if token in _EDU_MAP:
        return _EDU_MAP[token], rest
    for prefix, letter in (("STRATA", "S"), ("DIPLOMA", "D"), ("S", "S"), ("D", "D")):
        if token.startswith(prefix):
            num = token[len(prefix):]
            return f"{letter}{_ROMAN_NUM.get(num, num)}", rest
    return None, raw


def norm_pendidikan(series: pd.Series, allowed: Iterable[str]) -> tuple[pd.Series, pd.Series]:
    allowed = set(allowed)
    listing = ", ".join(sorted(allowed, key=lambda a: (a[0] not in "S" or len(a) > 2, a)))

    def fn(v):
        t, _ = parse_pendidikan(v)
        if t and t in allowed:
            return t, None
        return None, f"Tingkat pendidikan '{text(v)}' tidak dikenali ({listing})."
    return per_value(series, fn)


def strip_pendidikan(series: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Field of study without a leading level ('S-1 Ilmu Pemerintahan' → 'Ilmu Pemerintahan'),
    and the level found there (None when none)."""
    def fn(v):
        t, rest = parse_pendidikan(v)
        return (rest or None, t), None
    if len(series) == 0:
        return pd.Series([], index=series.index, dtype=object), pd.Series([], index=series.index, dtype=object)
    codes, pairs, _ = per_unique(series, fn)
    bidang = np.array([None if p is None else p[0] for p in pairs], dtype=object)
    tingkat = np.array([None if p is None else p[1] for p in pairs], dtype=object)
    return (pd.Series(bidang[codes], index=series.index, dtype=object),
            pd.Series(tingkat[codes], index=series.index, dtype=object))
