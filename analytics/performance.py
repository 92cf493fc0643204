"""The performance axis (Y): category and plotted value from the SKP result."""
from __future__ import annotations

import numpy as np
import pandas as pd

from analytics.lookup import lookup
from analytics.rules import RuleSet

SUPPORTING = ("penghargaan", "penugasan_tim", "umpan_balik")


def predikat_from_pair(hasil_kerja: pd.Series, perilaku: pd.Series, pairs: pd.DataFrame) -> pd.Series:
    """Predikat from the (hasil kerja, perilaku) ratings, Permen PANRB 6/2022."""
    levels = sorted(set(pairs["hasil_kerja"]) | set(pairs["perilaku"]))
    pos = {v: i for i, v in enumerate(levels)}
    grid = np.full((len(levels) + 1, len(levels) + 1), None, dtype=object)
    for h, p, k in zip(pairs["hasil_kerja"], pairs["perilaku"], pairs["predikat"]):
        grid[pos[h], pos[p]] = k
    h = lookup(hasil_kerja, pos, default=len(levels), dtype=np.int64)
    p = lookup(perilaku, pos, default=len(levels), dtype=np.int64)
    return pd.Series(grid[h, p], index=hasil_kerja.index, dtype=object)


def legacy_sebutan(scores: pd.Series, legacy: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    """(sebutan, kategori_kinerja) for legacy 0–100 SKP scores (PP 46/2011)."""
    t = legacy.sort_values("batas_bawah")
    edges = t["batas_bawah"].to_numpy(dtype=float)
    v = scores.to_numpy(dtype=float)
    idx = np.clip(np.searchsorted(edges, v, side="right") - 1, 0, len(t) - 1)
    missing = np.isnan(v)
    seb = np.where(missing, None, t["sebutan"].to_numpy(dtype=object)[idx])
    kat = np.where(missing, None, t["kategori_kinerja"].to_numpy(dtype=object)[idx])
    return pd.Series(seb, index=scores.index, dtype=object), pd.Series(kat, index=scores.index, dtype=object)


def categorise(values: pd.Series, hi: float, mid: float, labels: tuple[str, str, str]) -> pd.Series:
    """labels = (low, middle, high); value ≥ hi → high, ≥ mid → middle, else low."""
    v = values.to_numpy(dtype=float)
    out = np.select([v >= hi, v >= mid], [labels[2], labels[1]], default=labels[0]).astype(object)
    out[np.isnan(v)] = None
    return pd.Series(out, index=values.index, dtype=object)


def weighted(components: pd.DataFrame, weights: dict[str, float]) -> tuple[pd.Series, pd.Series]:
    """Weighted mean over the components each row has; also the formula used.

    Components without a weight, or absent in a row, are left out and the rest
    re-weighted. The formula names the components used, e.g. ``predikat`` or
    ``asesmen_kompetensi+aspek_potensi+integritas``.
    """
    names = [c for c in components.columns if weights.get(c, 0) > 0]
    if not names:
        nan = pd.Series(np.nan, index=components.index)
        return nan, pd.Series(None, index=components.index, dtype=object)
    x = components[names].to_numpy(dtype=float)
    w = np.array([weights[n] for n in names])
    have = ~np.isnan(x)
    den = (have * w).sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        value = np.where(den > 0, np.nansum(x * w, axis=1) / den, np.nan)
    bits = (have * (1 << np.arange(len(names)))).sum(axis=1)
    labels = {b: "+".join(n for i, n in enumerate(names) if b >> i & 1) or None for b in np.unique(bits)}
    formula = pd.Series(bits, index=components.index).map(labels).astype(object)
    return pd.Series(np.round(value, 2), index=components.index), formula


def performance_axis(frame: pd.DataFrame, rules: RuleSet) -> pd.DataFrame:
    """Columns: predikat_efektif, kinerja_nilai, kinerja_kategori, kinerja_formula.

    Source order: the predikat as imported, else the rating pair, else a legacy
    0–100 score (whose value is used as is).
    """
    idx = frame.index
    pred = frame.get("predikat", pd.Series(None, index=idx, dtype=object)).astype(object)
    if {"hasil_kerja", "perilaku"} <= set(frame.columns):
        from_pair = predikat_from_pair(frame["hasil_kerja"], frame["perilaku"], rules.predikat_pair)
        pred = pred.where(pred.notna(), from_pair)
    table = rules.predikat.set_index("predikat")
    base = pd.Series(lookup(pred, table["nilai"].to_dict()), index=idx)
    kat = pd.Series(lookup(pred, table["kategori_kinerja"].to_dict(), None, object), index=idx)

    legacy = frame.get("nilai_legacy", pd.Series(np.nan, index=idx)).astype(float)
    use_legacy = base.isna() & legacy.notna()
    if use_legacy.any():
        seb, lkat = legacy_sebutan(legacy, rules.legacy_score)
        base = base.where(~use_legacy, legacy)
        kat = kat.where(~use_legacy, lkat)
        pred = pred.where(~use_legacy, seb)

    comps = pd.DataFrame({"predikat": base}, index=idx)
    for c in SUPPORTING:
        comps[c] = frame[c].astype(float) if c in frame.columns else np.nan
    value, formula = weighted(comps, rules.axis_weights("kinerja"))
    formula = formula.where(~use_legacy, "nilai_skp_lama")
    value = value.where(~use_legacy, legacy)
    value = value.where(base.notna())  # supporting items alone never place anyone

    metode, hi, mid = rules.cutoff("kinerja")
    if metode == "nilai":
        kat = categorise(value, hi, mid, ("di bawah", "sesuai", "di atas"))
    return pd.DataFrame({
        "predikat_efektif": pred.where(base.notna()),
        "kinerja_nilai": value,
        "kinerja_kategori": kat.where(base.notna()),
        "kinerja_formula": formula.where(base.notna()),
    }, index=idx)
