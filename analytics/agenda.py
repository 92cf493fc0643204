"""The calibration agenda: in which order the committee goes through the people of a period.

Orders: by box (9 first, the people the decisions matter most for), by OPD (one unit at a time), and
border cases (nearest a category cut-off of the period's rules first: a small difference in a value
would have put them in another box). The fairness panel's flags are per group, not per person, so
they give no order of people and are not one here.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from analytics.rules import RuleSet

ORDERS = ("kotak", "opd", "batas")
_AXES = {"kinerja": "kinerja_nilai", "potensial": "potensial_nilai"}


def border_distance(placed: pd.DataFrame, rules: RuleSet) -> pd.Series:
    """Per person, the smallest distance of an axis value to a numeric cut-off of that axis (NaN
    where no axis has both: an axis categorised from the predikat has no numeric cut-off)."""
    best = pd.Series(np.nan, index=placed.index, dtype=float)
    for axis, column in _AXES.items():
        if column not in placed.columns or not (rules.cutoffs["sumbu"] == axis).any():
            continue
        _, hi, mid = rules.cutoff(axis)
        values = pd.to_numeric(placed[column], errors="coerce").astype(float)
        for cut in (c for c in (hi, mid) if c is not None):
            best = np.fmin(best, (values - cut).abs())
    return best


def ranked(placed: pd.DataFrame, order: str, rules: RuleSet) -> list[str]:
    """Every NIP of ``placed`` in the agenda's ``order`` (ties by name, then NIP, so it is stable)."""
    people = placed[["nip", "nama", "kotak", "opd_nama"]].assign(
        kotak=pd.to_numeric(placed["kotak"], errors="coerce"), nama=placed["nama"].astype(str),
        opd_nama=placed["opd_nama"].astype(str))
    if order == "kotak":
        people = people.sort_values(["kotak", "nama", "nip"], ascending=[False, True, True], na_position="last")
    elif order == "opd":
        people = people.sort_values(["opd_nama", "kotak", "nama", "nip"], ascending=[True, False, True, True])
    elif order == "batas":
        people = people.assign(jarak=border_distance(placed, rules)).sort_values(
            ["jarak", "nama", "nip"], na_position="last")
    else:
        raise ValueError(f"Urutan agenda tidak dikenal: {order}")
    return people["nip"].tolist()


def upcoming(order: list[str], discussed: set[str], current: str | None, n: int = 10) -> list[str]:
    """The next ``n`` people of ``order`` not yet ``discussed``, from just after ``current`` and around
    (so a person skipped without a decision comes back only after the rest); ``current`` is never one."""
    try:
        start = order.index(current) + 1
    except ValueError:
        start = 0
    out = []
    for nip in order[start:] + order[:start]:
        if nip not in discussed and nip != current:
            out.append(nip)
            if len(out) == n:
                break
    return out
