"""Fit of candidates to one target post, from their careers (:mod:`analytics.career`): the years in
the feeder levels and in the post's field that the eligibility checks use, and the shortlist's
order and one-line reason a committee can read aloud.

Order of a shortlist (decision 0030): readiness first; then fit to the post (:func:`fit_level`:
years in the post's field, and the JPM at the target level in the top selection band); then the
talent score; then years in the field, JPM and NIP.
"""
from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd

from analytics import career
from analytics.retirement import pension_date
from common import fmt

#: Fit levels (kecocokan): 0 … 3 = field years (0 none, 1 some, 2 at least ``field_years``) + 1 when
#: the JPM at the target level is in the top selection band.
FIT_LABELS = {3: "tinggi", 2: "cukup", 1: "sebagian", 0: "rendah"}


def spans_for(candidates: pd.DataFrame, spans: pd.DataFrame | None, words: career.FieldWords) -> pd.DataFrame:
    """The career spans of ``candidates``: those given, plus the current post alone for anyone not in them."""
    if spans is None or spans.empty:
        return career.spans(None, candidates, words)
    missing = candidates[~pd.Series(candidates["nip"].to_numpy(dtype=object), dtype=object).isin(
        spans["nip"].to_numpy(dtype=object)).to_numpy()]
    if missing.empty:
        return spans
    return pd.concat([spans, career.spans(None, missing, words)], ignore_index=True)


def years_in(spans: pd.DataFrame, candidates: pd.DataFrame, *, levels=None, fields=None, need_years: float,
             on: date) -> dict[str, np.ndarray]:
    """Days in ``levels`` (or ``fields``) up to ``on`` against ``need_years``: ok, unknown (no span at
    all: no TMT and no history; for fields also: no post whose field is known), short (years still
    missing), served (years), source (per person)."""
    nips = pd.Series(candidates["nip"].to_numpy(dtype=object), dtype=object)   # plain objects: hashed look-ups
    fields = list(fields or [])
    if levels is None and not fields:
        days = pd.Series(0.0, index=nips.index)
    else:
        days = career.days_in_levels(spans, levels, nips, on) if levels is not None \
            else career.days_in_fields(spans, fields, nips, on)
    need = career.required_days(need_years, on)
    known = spans["nip"] if levels is not None else spans.loc[spans["bidang"].notna(), "nip"]
    unknown = ~nips.isin(known.to_numpy(dtype=object)).to_numpy()
    d = days.to_numpy(dtype=float)
    ok = (d >= need) & ~unknown
    short = np.where(ok | unknown, 0.0, (need - d) / 365.25)
    history = nips.isin(spans.loc[spans["sumber"] == career.FROM_HISTORY, "nip"].to_numpy(dtype=object)).to_numpy()
    source = np.where(history, career.FROM_HISTORY, career.FROM_CURRENT).astype(object)
    return {"ok": ok, "unknown": unknown, "short": short, "served": d / 365.25, "source": source}


def source_note(source: str) -> str:
    return "dari jabatan sekarang saja" if source == career.FROM_CURRENT else "dari riwayat jabatan"


def fit_level(field_years: np.ndarray, jpm: np.ndarray, full_years: float, jpm_top: float) -> np.ndarray:
    """0 … 3: 2 for at least ``full_years`` in the field, 1 for some (at least a month), + 1 for a JPM at
    the target level of at least ``jpm_top``."""
    y = np.nan_to_num(np.asarray(field_years, dtype=float))
    j = np.asarray(jpm, dtype=float)
    field_part = np.where(y >= full_years, 2, np.where(y >= 1 / 12, 1, 0))
    return (field_part + np.where(~np.isnan(j) & (j >= jpm_top), 1, 0)).astype(int)


def pension_year(birth: pd.Series, bup_years: float | None) -> pd.Series:
    """Year of the pension date (first day of the month after the BUP birthday), NaN when unknown."""
    if bup_years is None or pd.isna(bup_years):
        return pd.Series(np.nan, index=birth.index)
    return pension_date(pd.to_datetime(birth, errors="coerce"), float(bup_years)).dt.year


def reason_lines(ranked: pd.DataFrame, fields: list[str], level: str, jpm_top: float) -> list[str]:
    """One line per ranked candidate: readiness · years in the post's field · JPM at the target level ·
    pension year (· 'dari jabatan sekarang saja' when there was no position history)."""
    field_text = " / ".join(fields)
    out = []
    for r in ranked.itertuples(index=False):
        parts = [str(r.kesiapan)]
        if fields:
            y = float(r.tahun_bidang) if pd.notna(r.tahun_bidang) else 0.0
            parts.append(f"{fmt.num(y, 1, 'id')} th di bidang {field_text}" if y >= 0.05
                         else f"belum pernah di bidang {field_text}")
        else:
            parts.append("bidang jabatan belum tercatat")
        if pd.notna(r.jpm_target):
            band = "" if r.jpm_target >= jpm_top else " (di bawah batas Memenuhi Syarat)"
            parts.append(f"JPM {fmt.num(float(r.jpm_target), 0, 'id')}% pada standar {level}{band}")
        else:
            parts.append("JPM belum ada")
        if pd.notna(getattr(r, "skor_talenta", np.nan)):
            parts.append(f"skor talenta {fmt.num(float(r.skor_talenta), 1, 'id')}")
        if pd.notna(getattr(r, "tahun_pensiun", np.nan)):
            parts.append(f"pensiun {int(r.tahun_pensiun)}")
        if getattr(r, "sumber_karier", None) == career.FROM_CURRENT:
            parts.append("dari jabatan sekarang saja")
        out.append(" · ".join(parts))
    return out
