"""The 2024 workforce and how it becomes the 2025 one: leavers, promotions, rotations,
raises, mutations and new entrants."""
from __future__ import annotations

import numpy as np
import pandas as pd

from data.synthetic.careers import careers, jenjang_bup
from data.synthetic.constants import (
    BASE_N,
    D4,
    ENTRANT_SHARE,
    JENJANG,
    JF_SUFFIX,
    NEXT_JENJANG,
    PELAKSANA_GOL_CAP,
)
from data.synthetic.dates import add_months, day, month_start, snap_gol_date
from data.synthetic.education import FIELD_NAMES
from data.synthetic.frames import text_or_none
from data.synthetic.people import (
    age_params,
    new_people,
    nonstructural,
    post_holders,
    sample_ages,
    staff_opds,
    units_for,
)
from data.synthetic.posts import school_units, structural_posts
from data.synthetic.roles import ALL_OPDS, ROLE_BY_KEY
from data.synthetic.sampling import uniform_dates


def _assign(rng: np.random.Generator, vac_opd: np.ndarray, cand_opd: np.ndarray, cand_score: np.ndarray,
            same_opd_share: float = 0.6) -> np.ndarray:
    """Candidate position per vacancy (-1 when none): best in the same OPD for some, else best left."""
    result = np.full(len(vac_opd), -1, dtype=np.int64)
    if len(vac_opd) == 0 or len(cand_opd) == 0:
        return result
    used = np.zeros(len(cand_opd), dtype=bool)
    same = rng.random(len(vac_opd)) < same_opd_share
    if same.any():
        order = np.lexsort((-cand_score, cand_opd))
        c = pd.DataFrame({"opd": cand_opd[order], "ci": order})
        c["r"] = c.groupby("opd", sort=False).cumcount()
        vi = np.flatnonzero(same)
        v = pd.DataFrame({"opd": vac_opd[vi], "vi": vi})
        v["r"] = v.groupby("opd", sort=False).cumcount()
        m = v.merge(c, on=["opd", "r"], how="inner")
        result[m["vi"].to_numpy()] = m["ci"].to_numpy()
        used[m["ci"].to_numpy()] = True
    open_ = np.flatnonzero(result < 0)
    if len(open_):
        free = np.flatnonzero(~used)
        free = free[np.argsort(-cand_score[free], kind="stable")][:len(open_)]
        result[open_[:len(free)]] = free
    return result


def _event_dates(rng: np.random.Generator, k: int) -> np.ndarray:
    """2025 installation dates: most officials were installed on 31 October 2025."""
    options = np.array(["2025-03-14", "2025-07-01", "2025-10-31"], dtype="datetime64[D]")
    return options[rng.choice(3, size=k, p=[.2, .2, .6])]


def _move(rec: pd.DataFrame, rows: np.ndarray, posts: pd.DataFrame, post_ids: np.ndarray,
          dates: np.ndarray) -> None:
    """Put people (rows of ``rec``) into structural posts, in place."""
    if len(rows) == 0:
        return
    sel = posts.iloc[post_ids]
    for col in ("jabatan", "jenjang", "eselon", "opd_id", "unit_kerja"):
        rec.loc[rows, col] = sel[col].to_numpy(dtype=object)
    rec.loc[rows, "post"] = post_ids
    rec.loc[rows, "tmt_jab"] = dates
    rec.loc[rows, "role"] = ""
    rec.loc[rows, "group"] = "pejabat"
    lo = np.array([JENJANG[j][1] for j in sel["jenjang"]])
    gol = rec.loc[rows, "gol"].to_numpy()
    up = gol < lo
    if up.any():
        rec.loc[rows[up], "gol"] = lo[up]
        rec.loc[rows[up], "tmt_gol"] = day("2025-10-01")


def people_and_records(rng: np.random.Generator, n_asn: int) -> tuple:
    """Everyone (2024 staff and 2025 entrants), their 2024 and 2025 situations and the posts:
    (people, rec24, rec25, posts, holder25, entrant)."""
    scale = n_asn / BASE_N
    posts = structural_posts(scale)
    schools = school_units(scale)
    n_posts = len(posts)
    n_entrants = int(round(ENTRANT_SHARE * n_asn))
    base_total = n_asn + int(round(0.065 * n_asn)) + 20

    # -- 2024 ------------------------------------------------------------------------------
    base = pd.concat([post_holders(rng, posts), nonstructural(rng, base_total - n_posts, schools)],
                     ignore_index=True)
    n0 = len(base)
    official = (base["post"] >= 0).to_numpy()
    jen24 = base["jenjang"].to_numpy(dtype=object)
    pppk = base["pppk"].to_numpy(dtype=bool)
    lo, hi, a, b = age_params(jen24, pppk)
    age24 = sample_ages(rng, lo, hi, a, b)
    # the 5 launch vacancies were held in 2024 by people who left (2 retired, 3 moved away);
    # 3 more JPT Pratama retire and are replaced by promotion
    jpt_rows = np.flatnonzero((posts["jenjang"] == "JPT Pratama").to_numpy())
    vacant_rows = np.flatnonzero(posts["vacant_2025"].to_numpy())
    others = np.setdiff1d(jpt_rows, np.r_[vacant_rows, 0])
    n_adm_posts = int((posts["jenjang"] == "Administrator").sum())
    extra = rng.choice(others, size=min(3, max(0, n_adm_posts - 1)), replace=False)
    retire_vacant = rng.choice(vacant_rows, size=2, replace=False)
    age24[np.r_[extra, retire_vacant]] = 59
    forced_leave = np.zeros(n0, dtype=bool)
    forced_leave[vacant_rows] = True
    forced_leave[extra] = True
    traits = new_people(rng, n0, base["female_p"].to_numpy(dtype=float), official)
    base = base.assign(**traits)
    career = careers(rng, base, age24, 2024)
    base = base.assign(**career, age24=age24)

    # -- who leaves after 2024 ---------------------------------------------------------------
    bup = jenjang_bup(jen24)
    retire = age24 + 1 >= bup
    random_leave = rng.random(n0) < np.where(official, 0.012, 0.006)
    random_leave &= ~np.isin(jen24, ["JPT Pratama"])
    leaver = retire | random_leave | forced_leave
    continuing = ~leaver
    target_continuing = n_asn - n_entrants
    surplus = int(continuing.sum()) - target_continuing
    if surplus < 0:
        n_entrants -= surplus
        surplus = 0
    trim_pool = np.flatnonzero(continuing & ~official)
    trim = rng.choice(trim_pool, size=surplus, replace=False)
    keep = np.ones(n0, dtype=bool)
    keep[trim] = False
    base = base[keep].reset_index(drop=True)
    leaver = leaver[keep]
    official = official[keep]
    n0 = len(base)
    holder24 = np.full(n_posts, -1, dtype=np.int64)
    holder24[base.loc[official, "post"].to_numpy()] = np.flatnonzero(official)

    rec_cols = ["role", "group", "jabatan", "jenjang", "eselon", "opd_id", "unit_kerja", "post", "gol",
                "tmt_gol", "tmt_jab"]
    rec24 = base[rec_cols].copy()
    rec24["pid"] = np.arange(n0)

    # -- 2025: promotions, rotations, raises, mutations, entrants ------------------------------
    rec25 = rec24[~leaver].copy()
    rec25.index = rec25["pid"].to_numpy()
    age25 = base["age24"].to_numpy() + 1
    tier = base["tier"].to_numpy()
    score = base["pot"].to_numpy() + 0.5 * base["perf"].to_numpy() + 0.3 * rng.standard_normal(n0)
    field_name = np.array(FIELD_NAMES, dtype=object)[base["field"].to_numpy()]
    is_pns = ~base["pppk"].to_numpy(dtype=bool)
    holder25 = np.where((holder24 >= 0) & ~leaver[np.maximum(holder24, 0)], holder24, -1)
    holder25[posts["vacant_2025"].to_numpy()] = -1
    moved = np.zeros(n0, dtype=bool)          # changed post in 2025

    def current(jenjang: str) -> np.ndarray:
        r = rec25.index.to_numpy()
        return r[(rec25["jenjang"].to_numpy(dtype=object) == jenjang) & ~moved[r]]

    # JPT vacancies (except the five launch vacancies) <- Administrator
    jpt_open = [p for p in jpt_rows if holder25[p] < 0 and not posts.at[p, "vacant_2025"]]
    for p in jpt_open:
        cands = current("Administrator")
        cands = cands[is_pns[cands] & (age25[cands] <= 56) & (tier[cands] >= D4)]
        target = text_or_none(posts.at[p, "bidang_target"])
        if target:
            match = cands[np.isin(field_name[cands], target.split(";"))]
            cands = match if len(match) else cands
        if len(cands) == 0:
            continue
        best = cands[np.argmax(score[cands])]
        old_post = rec25.at[best, "post"]
        holder25[old_post] = -1
        _move(rec25, np.array([best]), posts, np.array([p]), _event_dates(rng, 1))
        holder25[p] = best
        moved[best] = True

    # Administrator and Pengawas vacancies, filled from the level below (same OPD preferred)
    for level, below, max_age, _filt in (
        ("Administrator", "Pengawas", 55, None),
        ("Pengawas", None, 52, None),
    ):
        open_posts = np.flatnonzero((posts["jenjang"] == level).to_numpy() & (holder25 < 0))
        if below:
            cands = current(below)
            cands = cands[is_pns[cands] & (age25[cands] <= max_age) & (tier[cands] >= D4)]
        else:
            r = rec25.index.to_numpy()
            ok = (rec25["post"].to_numpy() < 0) & np.isin(
                rec25["jenjang"].to_numpy(dtype=object),
                ["Pelaksana", "JF Ahli Pertama", "JF Ahli Muda", "JF Penyelia"])
            ok &= rec25["group"].to_numpy(dtype=object) != "guru"
            ok &= rec25["gol"].to_numpy() >= 5
            cands = r[ok]
            cands = cands[is_pns[cands] & (age25[cands] >= 32) & (age25[cands] <= max_age)
                          & (tier[cands] >= D4)]
        # technical posts first: the best candidate from a matching field of study
        taken = np.zeros(len(cands), dtype=bool)
        tech_people, tech_posts = [], []
        for p in open_posts:
            target = text_or_none(posts.at[p, "bidang_target"])
            if not target:
                continue
            ok = ~taken & np.isin(field_name[cands], target.split(";"))
            if ok.any():
                best = np.flatnonzero(ok)[np.argmax(score[cands][ok])]
                taken[best] = True
                tech_people.append(cands[best])
                tech_posts.append(p)
        rest_posts = np.setdiff1d(open_posts, tech_posts)
        rest = cands[~taken]
        pick = _assign(rng, posts["opd_id"].to_numpy(dtype=object)[rest_posts],
                       rec25.loc[rest, "opd_id"].to_numpy(dtype=object), score[rest])
        ok = pick >= 0
        people = np.r_[np.array(tech_people, dtype=np.int64), rest[pick[ok]]]
        filled = np.r_[np.array(tech_posts, dtype=np.int64), rest_posts[ok]]
        old_posts = rec25.loc[people, "post"].to_numpy()
        holder25[old_posts[old_posts >= 0]] = -1
        _move(rec25, people, posts, filled, _event_dates(rng, len(people)))
        holder25[filled] = people
        moved[people] = True

    # rotations: ~8 % of Administrator/Pengawas who kept their post, plus two JPT swaps
    generalist = np.array([text_or_none(t) is None for t in posts["bidang_target"]], dtype=bool)
    for level, share in (("Administrator", 0.08), ("Pengawas", 0.08)):
        stay = current(level)
        stay = stay[generalist[rec25.loc[stay, "post"].to_numpy()]]
        k = int(round(len(stay) * share))
        if k >= 2:
            group = rng.choice(stay, size=k, replace=False)
            new_posts = np.roll(rec25.loc[group, "post"].to_numpy(), 1)
            _move(rec25, group, posts, new_posts, _event_dates(rng, k))
            holder25[new_posts] = group
            moved[group] = True
    jpt_stay = [r for r in current("JPT Pratama") if not text_or_none(posts.at[rec25.at[r, "post"], "bidang_target"])
                and posts.at[rec25.at[r, "post"], "jabatan"] != "Sekretaris Daerah"]
    if len(jpt_stay) >= 2:
        pair = rng.choice(np.array(jpt_stay), size=2, replace=False)
        new_posts = np.roll(rec25.loc[pair, "post"].to_numpy(), 1)
        _move(rec25, pair, posts, new_posts, _event_dates(rng, 2))
        holder25[new_posts] = pair
        moved[pair] = True

    # JF promotions (~6 %) and regular golongan raises
    idx = rec25.index.to_numpy()
    jen = rec25["jenjang"].to_numpy(dtype=object)
    role = rec25["role"].to_numpy(dtype=object)
    nxt = np.array([NEXT_JENJANG.get(j) for j in jen], dtype=object)
    allowed = np.array([r != "" and nx is not None and nx in dict(ROLE_BY_KEY[r].jenjang)
                        for r, nx in zip(role, nxt)], dtype=bool)
    nxt_bup = np.array([JENJANG[x][3] if x else 0 for x in nxt])
    promote = allowed & is_pns[idx] & ~moved[idx] & (age25[idx] < nxt_bup - 1) & (rng.random(len(idx)) < 0.06)
    if promote.any():
        rows = idx[promote]
        new_j = nxt[promote]
        rec25.loc[rows, "jenjang"] = new_j
        rec25.loc[rows, "jabatan"] = [f"{ROLE_BY_KEY[r].jf} {JF_SUFFIX[j]}" for r, j in zip(role[promote], new_j)]
        rec25.loc[rows, "tmt_jab"] = month_start(uniform_dates(rng, day("2025-02-01"), day("2025-11-01"),
                                                               len(rows)))
        lo_new = np.array([JENJANG[j][1] for j in new_j])
        gol = rec25.loc[rows, "gol"].to_numpy()
        up = gol < lo_new
        rec25.loc[rows[up], "gol"] = lo_new[up]
        rec25.loc[rows[up], "tmt_gol"] = day("2025-04-01")
        moved[rows] = True
    jen = rec25["jenjang"].to_numpy(dtype=object)
    gol = rec25["gol"].to_numpy()
    hi = np.array([JENJANG[j][2] for j in jen])
    hi = np.where(jen == "Pelaksana", np.minimum(hi, PELAKSANA_GOL_CAP[tier[idx]]), hi)
    tmt_gol = rec25["tmt_gol"].to_numpy(dtype="datetime64[D]")
    due = add_months(tmt_gol, 48)
    raise_ = is_pns[idx] & (gol >= 0) & (gol < hi) & (due <= day("2025-10-01")) & (tmt_gol < day("2025-01-01"))
    raise_ &= rng.random(len(idx)) < 0.9
    rec25.loc[idx[raise_], "gol"] = gol[raise_] + 1
    rec25.loc[idx[raise_], "tmt_gol"] = np.maximum(snap_gol_date(due[raise_]), day("2025-04-01"))

    # mutations of staff between OPD (~1.5 %)
    grp = rec25["group"].to_numpy(dtype=object)
    mut = np.isin(grp, ["lain", "pelaksana"]) & ~moved[idx] & (rng.random(len(idx)) < 0.015)
    mut &= np.array([r != "" and ROLE_BY_KEY[r].opds == ALL_OPDS for r in role], dtype=bool)
    if mut.any():
        rows = idx[mut]
        new_opd = staff_opds(rng, len(rows))
        rec25.loc[rows, "opd_id"] = new_opd
        rec25.loc[rows, "unit_kerja"] = units_for(rng, ROLE_BY_KEY["pel_penata"], new_opd, schools)
        rec25.loc[rows, "tmt_jab"] = month_start(uniform_dates(rng, day("2025-01-01"), day("2025-11-01"),
                                                               len(rows)))

    # new entrants (CPNS formation 2024 appointed June 2025; PPPK formation 2024)
    ent = nonstructural(rng, n_entrants, schools, entrant=True)
    ent_pppk = ent["pppk"].to_numpy(dtype=bool)
    a_lo = np.array([20, 22, 23, 24, 26, 28])[ent["tier"].to_numpy()]
    ent_age = np.where(ent_pppk, rng.integers(25, 46, len(ent)),
                       a_lo + np.floor(rng.random(len(ent)) * (36 - a_lo)).astype(np.int64))
    ent = ent.assign(**new_people(rng, len(ent), ent["female_p"].to_numpy(dtype=float),
                                  np.zeros(len(ent), dtype=bool)))
    ent = ent.assign(**careers(rng, ent, ent_age, 2025, entrant=True), age24=ent_age - 1)
    ent_rec = ent[rec_cols].copy()
    ent_rec["pid"] = np.arange(n0, n0 + len(ent))
    ent_rec.index = ent_rec["pid"].to_numpy()
    people = pd.concat([base, ent], ignore_index=True)
    rec25 = pd.concat([rec25, ent_rec])
    entrant = np.r_[np.zeros(n0, dtype=bool), np.ones(len(ent), dtype=bool)]
    assert len(rec25) == n_asn, (len(rec25), n_asn)
    return people, rec24, rec25, posts, holder25, entrant
