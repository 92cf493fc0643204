"""Who works where in 2024: latent traits, ages, roles, units and the holders of structural posts."""
from __future__ import annotations

import numpy as np
import pandas as pd

from data.synthetic.city import OPD_BY_ID, OPDS, PUSKESMAS, RSUD_UNITS
from data.synthetic.constants import AGE_RANGE, D4, EDU, ENTRY_LEVELS, JF_SUFFIX, PPPK_AGE
from data.synthetic.education import FIELD_INDEX, GENERAL_A, GENERAL_D, fields_for, fix_tiers, pick_tier
from data.synthetic.frames import objframe, text_or_none
from data.synthetic.roles import ROLES, Role
from data.synthetic.sampling import weighted_choice

OFFICIAL_SHIFT = (0.25, 0.35, 0.25)   # officials' head start in performance, potential, competence


def sample_ages(rng: np.random.Generator, lo, hi, a, b) -> np.ndarray:
    """Integer ages in [lo, hi] with a Beta(a, b) shape (element-wise parameters)."""
    lo, hi = np.asarray(lo), np.asarray(hi)
    x = rng.beta(a, b)
    return (lo + np.floor(x * (hi - lo + 1))).astype(np.int64).clip(lo, hi)


def age_params(jenjang: np.ndarray, pppk: np.ndarray) -> tuple[np.ndarray, ...]:
    table = np.array([AGE_RANGE[j] for j in jenjang], dtype=float) if len(jenjang) else np.zeros((0, 4))
    table[pppk] = PPPK_AGE
    return table[:, 0], table[:, 1], table[:, 2], table[:, 3]


def new_people(rng: np.random.Generator, n: int, female_p: np.ndarray, officials: np.ndarray) -> dict:
    """Latent traits for n people (performance/potential corr. ~0.3)."""
    z = rng.standard_normal((n, 4))
    perf = z[:, 0]
    pot = 0.3 * perf + np.sqrt(1 - 0.09) * z[:, 1]
    comp = 0.6 * pot + 0.8 * z[:, 2]
    dig = 0.3 * pot + 0.95 * z[:, 3]
    perf = perf + OFFICIAL_SHIFT[0] * officials
    pot = pot + OFFICIAL_SHIFT[1] * officials
    comp = comp + OFFICIAL_SHIFT[2] * officials
    return dict(female=rng.random(n) < female_p, perf=perf, pot=pot, comp=comp, dig=dig)


def units_for(rng: np.random.Generator, role: Role, opd_ids: np.ndarray, schools: dict) -> np.ndarray:
    out = np.empty(len(opd_ids), dtype=object)
    for opd_id in np.unique(opd_ids):
        mask = opd_ids == opd_id
        k = int(mask.sum())
        o = OPD_BY_ID[opd_id]
        if role.unit in ("sd", "smp", "tk"):
            out[mask] = weighted_choice(rng, schools[role.unit], np.ones(len(schools[role.unit])), k)
            continue
        if role.unit == "rsud" or opd_id == "RSUD":
            out[mask] = weighted_choice(rng, RSUD_UNITS, np.r_[np.full(8, 3.0), 1, 1], k)
            continue
        if role.unit == "pkm" and opd_id == "DINKES":
            pool = list(PUSKESMAS) + list(o.units)
            w = np.r_[np.full(len(PUSKESMAS), 6.0), np.ones(len(o.units))]
            out[mask] = weighted_choice(rng, pool, w, k)
            continue
        if role.group == "pelaksana" and opd_id == "DINDIKBUD":
            pool = schools["sd"] + schools["smp"] + list(o.units)
            w = np.r_[np.full(len(schools["sd"]), 1.0), np.full(len(schools["smp"]), 2.5),
                      np.full(len(o.units), 0.3 * len(schools["sd"]) / len(o.units))]
            out[mask] = weighted_choice(rng, pool, w, k)
            continue
        if role.group == "pelaksana" and opd_id == "DINKES":
            pool = list(PUSKESMAS) + list(o.units)
            w = np.r_[np.full(len(PUSKESMAS), 2.0), np.ones(len(o.units))]
            out[mask] = weighted_choice(rng, pool, w, k)
            continue
        if o.kelompok == "kecamatan":
            w = np.r_[len(o.units) * 0.6, np.ones(len(o.units) - 1)]
            out[mask] = weighted_choice(rng, o.units, w, k)
            continue
        out[mask] = weighted_choice(rng, o.units, np.ones(len(o.units)), k)
    return out


def staff_opds(rng: np.random.Generator, k: int) -> np.ndarray:
    """OPD of general staff, weighted by each OPD's staff share."""
    ids = [o.opd_id for o in OPDS]
    w = np.array([o.staff_weight for o in OPDS])
    return weighted_choice(rng, ids, w, k)


def nonstructural(rng: np.random.Generator, total: int, schools: dict, entrant: bool = False) -> pd.DataFrame:
    """Teachers, health staff, other JF and pelaksana, sampled from the role catalog."""
    weights = np.array([r.weight for r in ROLES])
    if entrant:   # newcomers start at an entry level
        weights = weights * np.array([any(j in ENTRY_LEVELS for j, _ in r.jenjang) for r in ROLES])
    counts = rng.multinomial(total, weights / weights.sum())
    parts = []
    for role, k in zip(ROLES, counts):
        if k == 0:
            continue
        opd_names, opd_w = zip(*role.opds)
        opd_ids = weighted_choice(rng, opd_names, opd_w, k)
        star = opd_ids == "*"
        if star.any():
            opd_ids[star] = staff_opds(rng, int(star.sum()))
        pppk = rng.random(k) < role.pppk
        paruh = pppk & (rng.random(k) < role.paruh)
        levels, lw = zip(*role.jenjang)
        if entrant:
            levels, lw = zip(*[(j, w) for j, w in role.jenjang if j in ENTRY_LEVELS])
        jenjang = weighted_choice(rng, levels, lw, k)
        pppk_levels = [(j, w) for j, w in role.jenjang_pppk if not entrant or j in ENTRY_LEVELS]
        if pppk_levels and pppk.any():
            pl, pw = zip(*pppk_levels)
            jenjang[pppk] = weighted_choice(rng, pl, pw, int(pppk.sum()))
        probs = np.array([role.edu.get(j) or (
            (0, 1, 0, 0, 0, 0) if role.group == "kesehatan" and j in ("JF Terampil", "JF Mahir", "JF Penyelia")
            else EDU[j]) for j in jenjang], dtype=float)
        tiers = pick_tier(rng, probs)
        fields = fields_for(rng, tiers, (role.fields_s, role.fields_d, role.fields_a))
        tiers = fix_tiers(tiers, fields)
        if role.jf:
            jabatan = np.array([f"{role.jf} {JF_SUFFIX[j]}" for j in jenjang], dtype=object)
        else:
            jabatan = np.full(k, role.jabatan, dtype=object)
        parts.append(objframe({
            "role": role.key, "group": role.group, "jabatan": jabatan, "jenjang": jenjang,
            "eselon": None, "opd_id": opd_ids, "unit_kerja": units_for(rng, role, opd_ids, schools),
            "pppk": pppk, "paruh": paruh, "tier": tiers, "field": fields, "female_p": role.female,
            "post": -1,
        }))
    return pd.concat(parts, ignore_index=True)


def post_holders(rng: np.random.Generator, posts: pd.DataFrame) -> pd.DataFrame:
    """One holder per structural post (the 2024 situation)."""
    k = len(posts)
    jenjang = posts["jenjang"].to_numpy(dtype=object)
    probs = np.array([EDU[j] for j in jenjang], dtype=float)
    kec = (posts["opd_id"].str.startswith("KEC-")).to_numpy()
    probs[kec] = (0, 0, .3, .45, .25, 0)                      # many lurah/camat are IPDN (S.STP)
    tiers = pick_tier(rng, probs)
    fields = np.empty(k, dtype=np.int64)
    for _key, idx in posts.groupby(posts["bidang_target"].fillna("") + "|" + posts["fields"].map(repr)).indices.items():
        row = posts.iloc[idx[0]]
        target = text_or_none(row["bidang_target"])
        pool_s = tuple((f, 1.0) for f in target.split(";")) if target else row["fields"]
        fields[idx] = fields_for(rng, tiers[idx], (pool_s, GENERAL_D, GENERAL_A))
    # IPDN graduates hold D4 Ilmu Pemerintahan
    fields = np.where((tiers == D4) & kec, FIELD_INDEX["Ilmu Pemerintahan"], fields)
    tiers = fix_tiers(tiers, fields)
    female_p = np.select([jenjang == "JPT Pratama", jenjang == "Administrator"], [.2, .3], .38)
    health = posts["opd_id"].isin(["DINKES", "RSUD"]).to_numpy()
    female_p = np.where(health, .5, female_p)
    return objframe({
        "role": "", "group": "pejabat", "jabatan": posts["jabatan"].to_numpy(dtype=object),
        "jenjang": jenjang, "eselon": posts["eselon"].to_numpy(dtype=object),
        "opd_id": posts["opd_id"].to_numpy(dtype=object), "unit_kerja": posts["unit_kerja"].to_numpy(dtype=object),
        "pppk": False, "paruh": False, "tier": tiers, "field": fields, "female_p": female_p,
        "post": np.arange(k),
    })
