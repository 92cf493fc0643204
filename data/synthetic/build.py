"""``build_demo``: every table of the synthetic city, built from one seed."""
from __future__ import annotations

import numpy as np
import pandas as pd

from data.synthetic.assessment import assessment_rows, cact_pick
from data.synthetic.city import OPDS
from data.synthetic.constants import (
    CACT_PILOT_SHARE,
    CACT_SHARE,
    GOL,
    GOL_PPPK,
    JENJANG,
    MIN_N,
    PERIODS,
    S2,
    TIERS,
)
from data.synthetic.cycle import cycle_tables
from data.synthetic.dates import year_of
from data.synthetic.development import development_actions
from data.synthetic.discipline import discipline_rows
from data.synthetic.education import FIELD_NAMES, degree_titles
from data.synthetic.frames import clean, objframe
from data.synthetic.history import position_history
from data.synthetic.identity import build_nips, person_names
from data.synthetic.performance import performance_rows
from data.synthetic.posts import target_posts
from data.synthetic.turnover import people_and_records


def build_demo(n_asn: int = 6000, seed: int = 20260105) -> dict[str, pd.DataFrame]:
    """Synthetic Kota Serang, periods 2024 and 2025, as frames keyed by table name.

    ``n_asn`` is the 2025 headcount (asn_period rows of 2025); the ``asn`` table also holds
    the people who left after 2024. Same seed, same frames.
    """
    if n_asn < MIN_N:
        raise ValueError(f"n_asn paling sedikit {MIN_N}.")
    rng = np.random.default_rng(seed)
    # two steps, so that the working arrays of the first are freed before the output tables are
    # built (at national size, 4.7M ASN, they would otherwise stay alive next to the tables)
    frames = _frames(rng, list(people_and_records(rng, n_asn)), n_asn)
    frames.update(cycle_tables(frames, seed))   # appended last: the other tables stay as they were
    frames["development_action"] = development_actions(frames, seed)   # likewise, its own random stream
    return frames


def _frames(rng: np.random.Generator, records: list, n_asn: int) -> dict[str, pd.DataFrame]:
    """Identity (NIP, names, degrees) and the output tables.

    ``records`` is the list (people, rec24, rec25, posts, holder25, entrant); it is emptied, so
    that working frames are freed as soon as they are replaced. Each output table is converted
    to its final form (``clean``) as soon as it is built, so its object-column version does not
    stay alive next to the others (at national size this halves the peak memory).
    """
    people, rec24, rec25, posts, holder25, entrant = records
    records.clear()
    n = len(people)
    female = people["female"].to_numpy(dtype=bool)
    pppk = people["pppk"].to_numpy(dtype=bool)
    paruh = people["paruh"].to_numpy(dtype=bool)
    birth = people["birth"].to_numpy(dtype="datetime64[D]")
    tmt_cpns = people["tmt_cpns"].to_numpy(dtype="datetime64[D]")
    tier = people["tier"].to_numpy()
    field_idx = people["field"].to_numpy()
    nip, nip_int = build_nips(rng, birth, female, pppk, tmt_cpns, people["ni_year"].to_numpy(), paruh)
    by_nip = np.argsort(nip_int, kind="stable")
    rank = np.empty(n, dtype=np.int64)
    rank[by_nip] = np.arange(n)

    def sort_rows(rec: pd.DataFrame) -> pd.DataFrame:
        return rec.iloc[np.argsort(rank[rec["pid"].to_numpy()], kind="stable")]

    rec24, rec25 = sort_rows(rec24), sort_rows(rec25)
    official = np.zeros(n, dtype=bool)
    official[rec24.loc[rec24["post"] >= 0, "pid"].to_numpy()] = True
    official[rec25.loc[rec25["post"] >= 0, "pid"].to_numpy()] = True
    specialist = ((people["role"] == "dokter") & (people["opd_id"] == "RSUD")).to_numpy() & (tier == S2)
    # from here on only these columns are read: drop the text columns (jabatan, unit, ...)
    people = people[["pppk", "tier", "perf", "pot", "comp", "dig", "age24"]]
    history = position_history(rng, rec24, rec25, posts, nip, people["pppk"].to_numpy(dtype=bool), tmt_cpns,
                               people["perf"].to_numpy() + people["pot"].to_numpy())
    front, back = degree_titles(rng, tier, field_idx, female, year_of(birth), official, specialist)
    asn = clean(objframe({
        "nip": nip, "nama": person_names(rng, female), "gelar_depan": front, "gelar_belakang": back,
        "tanggal_lahir": birth.astype("datetime64[s]"), "jenis_kelamin": np.where(female, "P", "L"),
        "jenis_asn": np.where(pppk, "PPPK", "PNS"),
    }).iloc[by_nip].reset_index(drop=True))
    del front, back

    def period_rows(rec: pd.DataFrame, period: int) -> pd.DataFrame:
        pid = rec["pid"].to_numpy()
        jen = rec["jenjang"].to_numpy(dtype=object)
        gol = rec["gol"].to_numpy()
        golongan = np.where(pppk[pid], GOL_PPPK[tier[pid]], np.array(GOL, dtype=object)[np.maximum(gol, 0)])
        return objframe({
            "period": np.full(len(rec), period, dtype=np.int64),
            "nip": nip[pid],
            "jabatan": rec["jabatan"].to_numpy(dtype=object),
            "jenis_jabatan": np.array([JENJANG[j][0] for j in jen], dtype=object),
            "jenjang_jabatan": jen,
            "eselon": rec["eselon"].to_numpy(dtype=object),
            "opd_id": rec["opd_id"].to_numpy(dtype=object),
            "unit_kerja": rec["unit_kerja"].to_numpy(dtype=object),
            "golongan": golongan,
            "tmt_golongan": rec["tmt_gol"].to_numpy(dtype="datetime64[D]").astype("datetime64[s]"),
            "tmt_jabatan": rec["tmt_jab"].to_numpy(dtype="datetime64[D]").astype("datetime64[s]"),
            "tmt_cpns": tmt_cpns[pid].astype("datetime64[s]"),
            "pendidikan_tingkat": np.array(TIERS, dtype=object)[tier[pid]],
            "pendidikan_bidang": np.array(FIELD_NAMES, dtype=object)[field_idx[pid]],
            "status_kepegawaian": np.where(pppk[pid], np.where(paruh[pid], "paruh waktu", "penuh waktu"), None),
        })

    asn_period = clean(pd.concat([period_rows(rec24, 2024), period_rows(rec25, 2025)], ignore_index=True))

    perf = people["perf"].to_numpy()
    performance = clean(pd.concat([performance_rows(rng, rec24, 2024, perf, nip),
                                   performance_rows(rng, rec25, 2025, perf, nip)], ignore_index=True))

    # assessments: 2025 CACT quota + AC for all officials; 2024 CACT pilot + AC for JPT/Administrator
    k25 = int(round(CACT_SHARE * n_asn))
    k24 = int(round(CACT_PILOT_SHARE * n_asn))
    c25 = sort_rows(rec25.iloc[cact_pick(rng, rec25, people, k25)])
    c24 = sort_rows(rec24.iloc[cact_pick(rng, rec24, people, k24)])
    ac25 = rec25[rec25["post"] >= 0]
    ac24 = rec24[rec24["jenjang"].isin(["JPT Pratama", "Administrator"])]
    parts = []
    for rec, period, sumber, lo, hi in ((ac24, 2024, "AC", "2024-10-01", "2024-11-15"),
                                        (c24, 2024, "CACT", "2024-09-02", "2024-11-29"),
                                        (ac25, 2025, "AC", "2025-08-04", "2025-10-17"),
                                        (c25, 2025, "CACT", "2025-07-01", "2025-11-28")):
        parts.append(assessment_rows(rng, people, rec["pid"].to_numpy(), rec["jenjang"].to_numpy(dtype=object),
                                     period, sumber, lo, hi, nip))
    assessment = clean(pd.concat(parts, ignore_index=True))
    del parts, c24, c25, ac24, ac25

    discipline = discipline_rows(rng, n_asn, entrant, rec24, rec25, perf, nip)
    target_post = target_posts(posts, holder25, nip)

    opd = pd.DataFrame([(o.opd_id, o.nama, o.singkatan, o.kelompok) for o in OPDS],
                       columns=["opd_id", "nama", "singkatan", "kelompok"])
    period = pd.DataFrame({"period": np.array(PERIODS, dtype=np.int64),
                           "label": [f"Periode {p}" for p in PERIODS], "status": "terbuka"})

    return {
        "period": clean(period),
        "opd": clean(opd),
        "asn": asn,
        "asn_period": asn_period,          # built in (period, nip) order
        "performance": performance,        # (period, nip)
        "assessment": assessment,          # (period, sumber, nip)
        "discipline": clean(discipline.sort_values(["nip", "tanggal_mulai"], ignore_index=True)),
        "target_post": clean(target_post),
        "position_history": clean(history),
    }
