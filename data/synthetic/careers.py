"""Birth dates, appointments, golongan and TMT dates of synthetic people."""
from __future__ import annotations

import numpy as np
import pandas as pd

from data.synthetic.constants import GOL_START, JENJANG, PELAKSANA_GOL_CAP
from data.synthetic.dates import add_months, day, month_start, snap_gol_date, ymd
from data.synthetic.sampling import uniform_dates


def careers(rng: np.random.Generator, p: pd.DataFrame, age: np.ndarray, ref_year: int,
            entrant: bool = False) -> dict:
    """Birth date, appointment, golongan and TMT dates as of the end of ``ref_year``."""
    n = len(p)
    tier = p["tier"].to_numpy()
    pppk = p["pppk"].to_numpy(dtype=bool)
    paruh = p["paruh"].to_numpy(dtype=bool)
    jen = p["jenjang"].to_numpy(dtype=object)
    birth_year = ref_year - age
    birth = ymd(birth_year, 1, 1) + rng.integers(0, 365, n)
    # PNS: appointment age by education, at least a year before the reference year
    a_lo = np.array([19, 21, 22, 23, 24, 25])[tier]
    a_hi = np.array([28, 30, 30, 33, 35, 36])[tier]
    a0 = a_lo + rng.random(n) * (a_hi - a_lo)
    if entrant:
        tmt_cpns = np.full(n, day(f"{ref_year}-06-01"))
    else:
        a0 = np.minimum(a0, age - 1.2)
        tmt_cpns = month_start(birth + np.round(a0 * 365.25).astype(np.int64))
        tmt_cpns = np.minimum(tmt_cpns, day(f"{ref_year}-03-01"))
    service = (day(f"{ref_year}-12-31") - tmt_cpns).astype(np.int64) / 365.25
    lo = np.array([JENJANG[j][1] for j in jen])
    hi = np.array([JENJANG[j][2] for j in jen])
    hi = np.where(jen == "Pelaksana", np.minimum(hi, PELAKSANA_GOL_CAP[tier]), hi)
    start = GOL_START[tier]
    raw = start + np.floor(np.maximum(service, 0) / 4).astype(np.int64)
    gol = np.clip(raw, lo, np.maximum(hi, lo))
    if entrant:
        gol = np.clip(start, lo, np.maximum(hi, lo))
    raises = np.maximum(gol - start, 0)
    tmt_gol = add_months(tmt_cpns, 48 * raises)
    forced = raw < gol                                  # the job needs a higher golongan
    recent = uniform_dates(rng, np.maximum(tmt_cpns, day(f"{ref_year - 4}-04-01")),
                           day(f"{ref_year}-10-01"), n)
    tmt_gol = np.where(forced, recent, tmt_gol)
    tmt_gol = np.where(raises > 0, snap_gol_date(tmt_gol), tmt_cpns)
    tmt_gol = np.clip(tmt_gol, tmt_cpns, day(f"{ref_year}-10-01")) if not entrant else tmt_cpns
    # job since: structural 0-7 years ago, JF/pelaksana since appointment or a later step
    structural = np.isin(jen, ["JPT Pratama", "Administrator", "Pengawas"])
    lo_j = np.where(structural, np.maximum(add_months(tmt_cpns, 96), day(f"{ref_year - 7}-01-01")),
                    np.maximum(tmt_cpns, day(f"{ref_year - 12}-01-01")))
    lo_j = np.minimum(lo_j, day(f"{ref_year}-11-01"))
    tmt_jab = month_start(uniform_dates(rng, lo_j, day(f"{ref_year}-11-01"), n))
    tmt_jab = np.maximum(tmt_jab, tmt_cpns)
    if entrant:
        tmt_jab = tmt_cpns
    # PPPK: NI year (formation) and appointment the following March (part-time: October)
    ni_year = np.where(rng.random(n) < 0.45, ref_year - 3, np.where(rng.random(n) < 0.55, ref_year - 2,
                                                                    ref_year - 1))
    if entrant:
        ni_year = np.full(n, ref_year - 1)
    if not entrant:                                     # part-time PPPK are recent appointments
        ni_year = np.where(paruh, np.maximum(ni_year, ref_year - 2), ni_year)
    tmt_pppk = np.where(paruh, ymd(ni_year + 1, 10), ymd(ni_year + 1, 3))
    if not entrant:
        tmt_pppk = np.minimum(tmt_pppk, day(f"{ref_year}-10-01"))
    nat = np.datetime64("NaT", "D")
    return dict(
        birth=birth,
        tmt_cpns=np.where(pppk, nat, tmt_cpns),
        ni_year=np.where(pppk, ni_year, 0),
        gol=np.where(pppk, -1, gol),
        tmt_gol=np.where(pppk, tmt_pppk, tmt_gol),
        tmt_jab=np.where(pppk, tmt_pppk, tmt_jab),
    )


def jenjang_bup(jenjang: np.ndarray) -> np.ndarray:
    return np.array([JENJANG[j][3] for j in jenjang], dtype=np.int64) if len(jenjang) else np.zeros(0, np.int64)
