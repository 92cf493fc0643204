"""Disciplinary sanctions (hukuman disiplin) on a date: which one is in force, and which were imposed
within a look-back window.

A sanction is in force on a day ``on`` when ``tanggal_mulai`` ≤ ``on`` ≤ its last day. The last day is
``tanggal_selesai`` when recorded. Without one, ``rule_discipline`` decides by level: a row with
``lama_bulan`` = N dates the sanction to N months from its start (the last day is the day before
start + N months: a ringan sanction of 1 March with N = 12 is in force until 28 February); a level
without a row, or with ``lama_bulan`` empty, stays in force until an end date is recorded (the
conservative reading for sedang/berat, whose duration PP 94/2021 fixes in the decision itself).

The succession check reads the state on the appointment date; the integrity part of potential reads
it on the period's end (31 December of the period year); both through :func:`state_on` (the store's
population query computes the same in SQL for the 9-box, checked against this module in the tests).
"""
from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd

#: Levels, lightest first; "tidak ada" = no sanction in force.
LEVELS = ("ringan", "sedang", "berat")
NONE = "tidak ada"


def durations(rule: pd.DataFrame | None) -> dict[str, float]:
    """tingkat → months a sanction without an end date lasts (levels without a number: absent)."""
    if rule is None or rule.empty:
        return {}
    r = rule.dropna(subset=["lama_bulan"])
    return {str(t): float(m) for t, m in zip(r["tingkat"], r["lama_bulan"])}


def last_day(sanctions: pd.DataFrame, rule: pd.DataFrame | None) -> pd.Series:
    """Each sanction's last day in force (NaT = open: in force until an end date is recorded)."""
    start = pd.to_datetime(sanctions["tanggal_mulai"], errors="coerce")
    end = pd.to_datetime(sanctions["tanggal_selesai"], errors="coerce")
    months = sanctions["tingkat"].map(durations(rule)).astype(float)
    out = end.copy()
    for m in months.dropna().unique():
        pick = end.isna() & (months == m)
        out[pick] = start[pick] + pd.DateOffset(months=int(m)) - pd.Timedelta(days=1)
    return out


def in_force(sanctions: pd.DataFrame, on: date, rule: pd.DataFrame | None) -> np.ndarray:
    """Per sanction row: in force on ``on``."""
    on_ts = pd.Timestamp(on)
    start = pd.to_datetime(sanctions["tanggal_mulai"], errors="coerce")
    last = last_day(sanctions, rule)
    return ((start <= on_ts) & (last.isna() | (on_ts <= last))).to_numpy(dtype=bool)


def state_on(sanctions: pd.DataFrame, nips, on: date, rule: pd.DataFrame | None) -> pd.Series:
    """Per NIP (in the order of ``nips``): the heaviest level in force on ``on``, else "tidak ada"."""
    nips = pd.Index(pd.Series(nips, dtype=object))
    out = pd.Series(NONE, index=nips, dtype=object)
    if sanctions is None or sanctions.empty:
        return out
    live = sanctions[in_force(sanctions, on, rule)]
    if live.empty:
        return out
    rank = {v: i for i, v in enumerate(LEVELS)}
    worst = live.assign(_r=live["tingkat"].map(rank)).sort_values("_r").drop_duplicates("nip", keep="last")
    found = worst.set_index("nip")["tingkat"]
    hit = nips.isin(found.index)
    out[hit] = found.reindex(nips[hit]).to_numpy(dtype=object)
    return out


def imposed_within(sanctions: pd.DataFrame, nips, on: date, years: float, levels: list[str]) -> pd.Series:
    """Per NIP: the latest start of a sanction of ``levels`` imposed in the ``years`` before ``on``
    (start > ``on`` − ``years`` years and ≤ ``on``; exactly ``years`` years ago is outside), else NaT."""
    nips = pd.Index(pd.Series(nips, dtype=object))
    out = pd.Series(pd.NaT, index=nips, dtype="datetime64[ns]")
    if sanctions is None or sanctions.empty:
        return out
    on_ts = pd.Timestamp(on)
    since = on_ts - pd.DateOffset(years=int(years)) if float(years).is_integer() \
        else on_ts - pd.to_timedelta(years * 365.25, unit="D")
    start = pd.to_datetime(sanctions["tanggal_mulai"], errors="coerce")
    pick = sanctions["tingkat"].isin(levels).to_numpy() & (start > since).to_numpy() & (start <= on_ts).to_numpy()
    latest = pd.Series(start[pick].to_numpy(), index=sanctions.loc[pick, "nip"].to_numpy()).groupby(level=0).max()
    hit = nips.isin(latest.index)
    out[hit] = latest.reindex(nips[hit]).to_numpy()
    return out


def period_end(period: int) -> date:
    """The day the 9-box of a period is dated on: 31 December of the period year (the store keeps
    no other period end)."""
    return date(int(period), 12, 31)


#: Column of a candidate frame holding each person's sanctions: a tuple of (tingkat, tanggal_mulai,
#: tanggal_selesai) per person (empty when none), so the checks can date them on any day.
HISTORY_COLUMN = "hukdis_riwayat"


def as_column(sanctions: pd.DataFrame, nips) -> list[tuple]:
    """Per NIP (in order): its sanctions as (tingkat, tanggal_mulai, tanggal_selesai) tuples."""
    by: dict = {}
    if sanctions is not None and len(sanctions):
        start = pd.to_datetime(sanctions["tanggal_mulai"], errors="coerce")
        end = pd.to_datetime(sanctions["tanggal_selesai"], errors="coerce")
        for nip, t, s, e in zip(sanctions["nip"], sanctions["tingkat"], start, end):
            by.setdefault(nip, []).append((t, s, e))
    return [tuple(by.get(n, ())) for n in nips]


def from_column(nips, column) -> pd.DataFrame:
    """The sanctions frame (nip, tingkat, tanggal_mulai, tanggal_selesai) of a :data:`HISTORY_COLUMN`."""
    rows = [(n, t, s, e) for n, items in zip(nips, column) if isinstance(items, (tuple, list))
            for t, s, e in items]
    return pd.DataFrame(rows, columns=["nip", "tingkat", "tanggal_mulai", "tanggal_selesai"])
