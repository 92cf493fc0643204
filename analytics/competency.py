"""Job Person Match (JPM) and competency gaps against the SKJ standard.

A person's JPM is the official one from their assessment file (``jpm_sumber``, e.g. the CACT
report's "JPM %") whenever the file carries one; only where it does not is it computed from the
attained competency levels against the SKJ. The cap rule (setting ``jpm_maksimal_100``) caps each
attained level at its required level before summing, so a computed JPM is at most 100 and a surplus
in one competency never hides a gap in another (docs/decisions/0016-official-jpm.md).
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from analytics.lookup import lookup


def required_levels(jenjang: pd.Series, skj: pd.DataFrame, codes: list[str]) -> pd.DataFrame:
    """Required level per competency for each row's job level (NaN when the level is unknown)."""
    table = skj.pivot_table(index="jenjang_jabatan", columns="kode", values="level", aggfunc="first")
    table = table.reindex(columns=codes).astype(float)
    row_of = {k: i for i, k in enumerate(table.index)}
    idx = lookup(jenjang, row_of, default=-1, dtype=np.int64)
    values = np.vstack([table.to_numpy(), np.full((1, len(codes)), np.nan)])[idx]
    # a fresh array: no second copy (at 4.7M rows the copy was 0.5 s of the engine's 5)
    return pd.DataFrame(values, index=jenjang.index, columns=codes, copy=False)


# Where a person's JPM came from (placement column ``jpm_asal``).
JPM_OFFICIAL = "resmi"       # the assessment file's own JPM (jpm_sumber)
JPM_COMPUTED = "dihitung"    # computed here from the attained levels against the SKJ
# Official and computed JPM differ when they differ at the 2 decimals a report prints.
_SAME = 0.005


def jpm(attained: pd.DataFrame, required: pd.DataFrame, cap: bool = False) -> pd.Series:
    """JPM % = Σ attained / Σ required × 100, over competencies with both values.

    NaN where nothing was assessed or the standard is unknown. With ``cap`` each attained level
    counts at most as its required level (Σ min(attained, required) / Σ required), so the result
    is at most 100 and a surplus in one competency does not offset a gap in another.
    """
    a = attained.to_numpy(dtype=float)
    if not a.flags.writeable:                          # a read-only view of the frame: work on a copy
        a = a.copy()
    r = required.to_numpy(dtype=float)
    both = ~np.isnan(a) & ~np.isnan(r)
    np.copyto(a, 0.0, where=~both)                     # = np.where(both, a, 0.0), in place
    if cap:
        np.fmin(a, r, out=a)                           # fmin: a NaN standard leaves the 0 above
    num = a.sum(axis=1)
    den = np.where(both, r, 0.0).sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        value = np.where(den > 0, num / den * 100.0, np.nan)
    return pd.Series(np.round(value, 2), index=attained.index, name="jpm")


def gaps(attained: pd.DataFrame, required: pd.DataFrame) -> pd.DataFrame:
    """Gap per competency = attained − required (negative = below standard)."""
    return attained.astype(float) - required.astype(float).to_numpy()


def jpm_band(values: pd.Series, bands: pd.DataFrame, skema: str) -> pd.Series:
    """Band label per JPM value; a band's lower bound is inclusive. NaN stays NaN."""
    b = bands[bands["skema"] == skema].sort_values("batas_bawah")
    if b.empty:
        raise ValueError(f"Tidak ada pita JPM untuk skema {skema}.")
    edges = b["batas_bawah"].to_numpy(dtype=float)
    labels = b["label"].to_numpy(dtype=object)
    v = values.to_numpy(dtype=float)
    idx = np.searchsorted(edges, v, side="right") - 1
    out = np.where(np.isnan(v) | (idx < 0), None, labels[np.clip(idx, 0, len(labels) - 1)])
    return pd.Series(out, index=values.index, dtype=object, name=f"jpm_{skema}")


def _jpm_own_level(attained: pd.DataFrame, jenjang: pd.Series, skj: pd.DataFrame, codes: list[str],
                   cap: bool) -> pd.Series:
    """``jpm(attained, required_levels(jenjang, skj, codes), cap)`` without the n×k table of required
    levels: a row's required sum depends only on its job level and on which competencies it has, so
    it is summed once per (level, assessed set) that occurs, over the same row values."""
    table = skj.pivot_table(index="jenjang_jabatan", columns="kode", values="level", aggfunc="first")
    table = table.reindex(columns=codes).astype(float)
    levels = np.vstack([table.to_numpy(), np.full((1, len(codes)), np.nan)])   # last row: unknown level
    level = lookup(jenjang, {k: i for i, k in enumerate(table.index)}, default=len(levels) - 1, dtype=np.int64)
    a = attained.to_numpy(dtype=float)
    if not a.flags.writeable:                          # a read-only view of the frame: work on a copy
        a = a.copy()
    both = ~np.isnan(a) & ~np.isnan(levels)[level]
    np.copyto(a, 0.0, where=~both)
    if cap:                                            # per competency, one column at a time (memory)
        for i in range(len(codes)):
            np.fmin(a[:, i], levels[level, i], out=a[:, i])
    num = a.sum(axis=1)
    k = len(codes)
    key = level << k
    for i in range(k):
        key += both[:, i].astype(np.int64) << i
    present = np.flatnonzero(np.bincount(key))
    assessed = (present[:, None] & (1 << np.arange(k))) > 0
    sums = np.zeros(present[-1] + 1 if len(present) else 1)
    sums[present] = np.where(assessed, levels[present >> k], 0.0).sum(axis=1)
    den = sums[key]
    with np.errstate(invalid="ignore", divide="ignore"):
        value = np.where(den > 0, num / den * 100.0, np.nan)
    return pd.Series(np.round(value, 2), index=attained.index, name="jpm")


def computed_jpm(frame: pd.DataFrame, skj: pd.DataFrame, codes: list[str], cap: bool) -> pd.Series:
    """JPM from the attained levels against each row's own job level's SKJ (NaN without levels)."""
    codes = [c for c in codes if c in frame.columns]
    if not codes:
        return pd.Series(np.nan, index=frame.index, name="jpm")
    return _jpm_own_level(frame[codes], frame["jenjang_jabatan"], skj, codes, cap)


def person_jpm_detail(frame: pd.DataFrame, skj: pd.DataFrame, codes: list[str], cap: bool) -> pd.DataFrame:
    """Each person's JPM and where it came from: columns ``jpm``, ``jpm_asal``, ``jpm_hitung``.

    ``jpm`` is the file's official JPM (``jpm_sumber``) where there is one (``jpm_asal`` 'resmi'),
    else the computed one ('dihitung'), else NaN (``jpm_asal`` None). ``jpm_hitung`` is the computed
    JPM only where an official one exists too and differs from it, NaN elsewhere. The importer
    accepts official values of 0–100 only; with ``cap`` a larger stored one (older data) reads 100.
    """
    computed = computed_jpm(frame, skj, codes, cap).to_numpy(dtype=float)
    if "jpm_sumber" in frame.columns:
        official = frame["jpm_sumber"].to_numpy(dtype=float)
        if cap:
            official = np.minimum(official, 100.0)        # NaN stays NaN
    else:
        official = np.full(len(frame), np.nan)
    has_official = ~np.isnan(official)
    value = np.where(has_official, official, computed)
    # a categorical from codes: a 100k-row column of Python strings cost as much as the JPM itself
    asal = pd.Categorical.from_codes(np.where(has_official, 0, np.where(np.isnan(computed), -1, 1)),
                                     categories=[JPM_OFFICIAL, JPM_COMPUTED])
    differs = has_official & ~np.isnan(computed) & (np.abs(official - computed) >= _SAME)
    return pd.DataFrame({"jpm": value, "jpm_asal": asal, "jpm_hitung": np.where(differs, computed, np.nan)},
                        index=frame.index)


def person_jpm(frame: pd.DataFrame, skj: pd.DataFrame, codes: list[str], cap: bool = True) -> pd.Series:
    """Each person's JPM: the file's official one where given, else computed (see :func:`person_jpm_detail`)."""
    return person_jpm_detail(frame, skj, codes, cap)["jpm"].rename("jpm")
