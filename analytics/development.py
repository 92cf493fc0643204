"""Development: competency gaps across the organisation, JPM distribution, training needs, IDP
drafts, profiling coverage, who to profile next, and whether people with actions moved up.

Pure functions over frames (no Streamlit, no SQL). Rules arrive as frames from the rule tables
(rule_skj, rule_jpm_band, rule_box, rule_retirement, job_level, rule_eligibility) and settings
arrive as arguments; nothing here holds a regulation value.

Definitions used throughout:

- *Gap* per competency = attained level − required level for the person's job level (SKJ);
  negative = below standard. Only people with an attained level *and* a known standard count
  ("assessed" for that competency).
- *Profiled* = the person has a valid assessment in the period (``sumber`` not missing: the
  store's population already applies the validity window and source priority).
- *Suppression*: any group with fewer than ``min_group`` people behind its numbers is shown
  without numbers (``disembunyikan``), so no figure describes a handful of identifiable people.
"""
from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from analytics.competency import gaps, jpm_band, required_levels
from analytics.demography import age_on
from analytics.movement import box_rank
from analytics.retirement import pension_date

OFFICIAL_KINDS = ("JPT", "Administrator", "Pengawas")      # jabatan pimpinan (UU 20/2023)
STRUCTURAL_KINDS = OFFICIAL_KINDS + ("Pelaksana",)         # the managerial ladder, for "one level below"
FUNCTIONAL_KIND = "Fungsional"

# reasons in the profile-next list (translated by the page)
WHY_OFFICIAL, WHY_JF, WHY_FEEDER, WHY_OTHER, WHY_NEAR = (
    "pejabat", "jf_pengumpan", "pengumpan_jabatan_target", "lainnya", "dekat_pensiun")

ACTION_STATUSES = ("rencana", "berjalan", "selesai", "batal")
UP, SAME, DOWN, UNPLACED = "naik", "tetap", "turun", "tidak ditempatkan"


# -- gaps --------------------------------------------------------------------------------------
def person_gaps(pop: pd.DataFrame, skj: pd.DataFrame, codes: list[str]) -> pd.DataFrame:
    """Gap per person (rows of ``pop``, same index) and competency code; NaN = not assessed."""
    codes = [c for c in codes if c in pop.columns]
    attained = pop[codes].astype(float)
    return gaps(attained, required_levels(pop["jenjang_jabatan"], skj, codes))


def _assessed(g: pd.DataFrame) -> pd.Series:
    return g.notna().any(axis=1)


def gap_by_group(pop: pd.DataFrame, skj: pd.DataFrame, codes: list[str], by: str = "opd_id",
                 min_group: int = 5) -> pd.DataFrame:
    """Long frame, one row per (group, competency): ``kelompok``, ``kode``, ``n_kelompok`` (assessed
    people in the group), ``n`` (assessed for that competency), ``rerata_selisih`` (mean gap),
    ``n_di_bawah`` (gap < 0), ``persen_di_bawah`` and ``disembunyikan``.

    Groups with fewer than ``min_group`` assessed people keep their row but carry no numbers.
    """
    g = person_gaps(pop, skj, codes)
    keep = _assessed(g)
    g = g[keep]
    codes = list(g.columns)
    groups = pop.loc[keep, by]
    size = groups.groupby(groups, sort=True).size()
    rows = []
    for key, n_group in size.items():
        sub = g[groups == key]
        hidden = int(n_group) < min_group
        for kode in codes:
            col = sub[kode].dropna()
            n = int(len(col))
            below = int((col < 0).sum())
            rows.append({
                "kelompok": key, "kode": kode, "n_kelompok": int(n_group),
                "n": None if hidden else n,
                "rerata_selisih": np.nan if hidden or n == 0 else float(col.mean()),
                "n_di_bawah": None if hidden else below,
                "persen_di_bawah": np.nan if hidden or n == 0 else below / n * 100.0,
                "disembunyikan": hidden})
    out = pd.DataFrame(rows, columns=["kelompok", "kode", "n_kelompok", "n", "rerata_selisih", "n_di_bawah",
                                      "persen_di_bawah", "disembunyikan"])
    return out.astype({"n": "Int64", "n_di_bawah": "Int64", "rerata_selisih": float, "persen_di_bawah": float})


def cell_people(pop: pd.DataFrame, skj: pd.DataFrame, kode: str, group: str, by: str = "opd_id",
                min_group: int = 5, codes: list[str] | None = None) -> pd.DataFrame:
    """The people behind one heatmap cell: assessed for ``kode`` in group ``group``, worst gap first.

    Columns: nip, nama, jabatan, jenjang_jabatan, standar, capaian, selisih. Empty for a suppressed
    group (the same rule as :func:`gap_by_group`, so a cell with no numbers opens no list).
    """
    codes = codes or [kode]
    g = person_gaps(pop, skj, codes)
    in_group = pop[by] == group
    if int((_assessed(g) & in_group).sum()) < min_group:
        return pd.DataFrame(columns=["nip", "nama", "jabatan", "jenjang_jabatan", "standar", "capaian", "selisih"])
    mask = in_group & g[kode].notna()
    req = required_levels(pop.loc[mask, "jenjang_jabatan"], skj, [kode])[kode]
    out = pd.DataFrame({
        "nip": pop.loc[mask, "nip"], "nama": pop.loc[mask, "nama"], "jabatan": pop.loc[mask, "jabatan"],
        "jenjang_jabatan": pop.loc[mask, "jenjang_jabatan"], "standar": req.astype(int),
        "capaian": pop.loc[mask, kode].astype(int), "selisih": g.loc[mask, kode].astype(int)})
    return out.sort_values(["selisih", "nip"], kind="stable").reset_index(drop=True)


def training_needs(pop: pd.DataFrame, skj: pd.DataFrame, competencies: pd.DataFrame,
                   min_group: int = 5) -> pd.DataFrame:
    """Competencies ranked by how many people are below standard: kode, nama, n, n_di_bawah,
    persen_di_bawah, rerata_selisih (over everyone assessed), rerata_selisih_di_bawah."""
    comp = competencies[competencies["kelompok"].isin(["manajerial", "sosial kultural"])]
    g = person_gaps(pop, skj, comp["kode"].tolist())
    names = dict(zip(comp["kode"], comp["nama"]))
    rows = []
    for kode in g.columns:
        col = g[kode].dropna()
        below = col[col < 0]
        rows.append({"kode": kode, "nama": names.get(kode, kode), "n": int(len(col)), "n_di_bawah": int(len(below)),
                     "persen_di_bawah": len(below) / len(col) * 100.0 if len(col) else np.nan,
                     "rerata_selisih": float(col.mean()) if len(col) else np.nan,
                     "rerata_selisih_di_bawah": float(below.mean()) if len(below) else np.nan})
    out = pd.DataFrame(rows, columns=["kode", "nama", "n", "n_di_bawah", "persen_di_bawah", "rerata_selisih",
                                      "rerata_selisih_di_bawah"])
    if out.empty or int(_assessed(g).sum()) < min_group:
        return out.iloc[0:0]
    return out.sort_values(["n_di_bawah", "rerata_selisih", "kode"], ascending=[False, True, True],
                           kind="stable").reset_index(drop=True)


# -- JPM ---------------------------------------------------------------------------------------
def jpm_distribution(frame: pd.DataFrame, bands: pd.DataFrame, by: str = "jenis_jabatan",
                     skema: str = "pemetaan", min_group: int = 5) -> pd.DataFrame:
    """Count and share per (group, JPM band) over people with a JPM: kelompok, label, batas_bawah,
    jumlah, persen, n_kelompok, disembunyikan. Every band of the scheme appears for every group
    (zeros included); groups under ``min_group`` carry no numbers."""
    b = bands[bands["skema"] == skema].sort_values("batas_bawah", ascending=False)
    has = frame["jpm"].notna()
    label = jpm_band(frame.loc[has, "jpm"].astype(float), bands, skema)
    groups = frame.loc[has, by]
    rows = []
    for key in sorted(groups.dropna().unique()):
        lab = label[groups == key]
        n = int(len(lab))
        hidden = n < min_group
        for r in b.itertuples(index=False):
            k = int((lab == r.label).sum())
            rows.append({"kelompok": key, "label": r.label, "batas_bawah": float(r.batas_bawah),
                         "jumlah": None if hidden else k, "persen": np.nan if hidden else k / n * 100.0,
                         "n_kelompok": n, "disembunyikan": hidden})
    out = pd.DataFrame(rows, columns=["kelompok", "label", "batas_bawah", "jumlah", "persen", "n_kelompok",
                                      "disembunyikan"])
    return out.astype({"jumlah": "Int64", "persen": float})


# -- IDP ---------------------------------------------------------------------------------------
def idp_draft(person: pd.Series, skj: pd.DataFrame, competencies: pd.DataFrame, boxes: pd.DataFrame,
              diklat_gap: int = -2, top: int = 3) -> dict:
    """A development-plan draft for one person.

    ``person`` holds ``jenjang_jabatan``, the k_* levels and ``kotak`` (final box, may be missing).
    Returns ``kotak``, ``label`` and ``tindak_lanjut`` (the box's follow-ups from rule_box, in order)
    and ``kesenjangan``: the ``top`` largest negative gaps (kode, nama, standar, capaian, selisih,
    saran) where ``saran`` is 'diklat' for a gap of ``diklat_gap`` or worse, else 'coaching'.
    """
    comp = competencies[competencies["kelompok"].isin(["manajerial", "sosial kultural"])].sort_values("urutan")
    codes = [c for c in comp["kode"] if c in person.index]
    frame = person.to_frame().T
    req = required_levels(frame["jenjang_jabatan"], skj, codes).iloc[0]
    att = pd.to_numeric(frame[codes].iloc[0], errors="coerce").astype(float)
    gap = (att - req).dropna()
    neg = gap[gap < 0]
    order = {k: i for i, k in enumerate(codes)}
    worst = sorted(neg.index, key=lambda k: (neg[k], order[k]))[:top]
    names = dict(zip(comp["kode"], comp["nama"]))
    rows = [{"kode": k, "nama": names.get(k, k), "standar": int(req[k]), "capaian": int(att[k]),
             "selisih": int(neg[k]), "saran": "diklat" if neg[k] <= diklat_gap else "coaching"} for k in worst]
    kotak = person.get("kotak")
    placed = kotak is not None and not pd.isna(kotak)
    box = boxes.set_index("kotak").loc[int(kotak)] if placed else None
    return {
        "kotak": int(kotak) if placed else None,
        "label": None if box is None else str(box["label"]),
        "tindak_lanjut": [] if box is None else [s.strip() for s in str(box["rekomendasi"]).split(";") if s.strip()],
        "kesenjangan": pd.DataFrame(rows, columns=["kode", "nama", "standar", "capaian", "selisih", "saran"]),
        "dinilai": bool(len(gap)),
    }


# -- profiling coverage and who next ----------------------------------------------------------
def coverage(frame: pd.DataFrame, by: str) -> pd.DataFrame:
    """Per group: n (ASN), diprofil (valid assessment), belum, persen; sorted by group."""
    prof = frame["sumber"].notna()
    out = pd.DataFrame({"kelompok": frame[by], "diprofil": prof}).groupby("kelompok", sort=True).agg(
        n=("diprofil", "size"), diprofil=("diprofil", "sum")).reset_index()
    out["diprofil"] = out["diprofil"].astype(int)
    out["belum"] = out["n"] - out["diprofil"]
    out["persen"] = out["diprofil"] / out["n"] * 100.0
    return out


def _feeder_levels(job_levels: pd.DataFrame, eligibility: pd.DataFrame | None) -> dict[str, set[str]]:
    """Per target job level: the levels that feed it — the next lower level on the managerial ladder,
    plus the eligibility table's ``jabatan_sebelumnya`` for that level when it names any."""
    ladder = job_levels[job_levels["jenis_jabatan"].isin(STRUCTURAL_KINDS)].sort_values("urutan", ascending=False)
    names, ranks = ladder["jenjang_jabatan"].tolist(), ladder["urutan"].tolist()
    out: dict[str, set[str]] = {}
    for level, rank in zip(job_levels["jenjang_jabatan"], job_levels["urutan"]):
        below = [n for n, r in zip(names, ranks) if r < rank]
        out[level] = {below[0]} if below else set()
    if eligibility is not None and not eligibility.empty:
        prev = eligibility[eligibility["parameter"] == "jabatan_sebelumnya"]
        for level, value in zip(prev["jenjang_target"], prev["nilai"]):
            out.setdefault(level, set()).update(v.strip() for v in str(value).split(";") if v.strip())
    return out


def profile_next(frame: pd.DataFrame, period: int, job_levels: pd.DataFrame, retirement: pd.DataFrame,
                 target_posts: pd.DataFrame, eligibility: pd.DataFrame | None = None, quota: int = 0,
                 min_years_to_bup: int = 1, near_years: int = 3) -> pd.DataFrame:
    """Who to profile next, in order.

    Candidates: people without a valid assessment (``sumber`` missing). Excluded: anyone whose pension
    date (first of the month after BUP, :func:`analytics.retirement.pension_date`) is at most
    ``min_years_to_bup`` years after the period's end. ``tahun_ke_bup``: completed years from the
    period's end to the pension date.
    Priority 1: officials (JPT, Administrator, Pengawas), JF at or above the lowest official rank
    (Ahli Madya, Ahli Muda, Ahli Utama) and feeders of a target post (its next lower managerial
    level or an eligible previous post, in the post's OPD; any OPD for a post without one).
    Priority 2: everyone else. Priority 3, last: anyone within ``near_years`` years of BUP.
    Within a priority: higher job level, more years to BUP, then NIP. ``dalam_kuota`` marks the
    first ``quota`` rows.
    """
    return profile_next_head(frame, period, job_levels, retirement, target_posts, eligibility, quota,
                             min_years_to_bup, near_years)[0]


def profile_next_head(frame: pd.DataFrame, period: int, job_levels: pd.DataFrame, retirement: pd.DataFrame,
                      target_posts: pd.DataFrame, eligibility: pd.DataFrame | None = None, quota: int = 0,
                      min_years_to_bup: int = 1, near_years: int = 3,
                      limit: int | None = None) -> tuple[pd.DataFrame, int]:
    """The first ``limit`` rows of :func:`profile_next` (all when None) and how long the whole list is.
    A national roll has millions not yet profiled: the order is worked out on a few key columns and
    the shown columns are taken for the returned rows only."""
    cols = ["urutan", "nip", "nama", "jabatan", "jenjang_jabatan", "jenis_jabatan", "opd_id", "opd_nama", "usia",
            "usia_bup", "tahun_ke_bup", "prioritas", "alasan", "dalam_kuota"]
    keys = [c for c in ("nip", "jenjang_jabatan", "jenis_jabatan", "opd_id", "tanggal_lahir") if c in frame.columns]
    cand = frame.loc[frame["sumber"].isna(), keys]
    if cand.empty:
        return pd.DataFrame(columns=cols), 0
    end = date(int(period), 12, 31)
    cand["usia"] = age_on(cand["tanggal_lahir"], end)
    bup = dict(zip(retirement["jenjang_jabatan"], retirement["usia_bup"]))
    cand["usia_bup"] = cand["jenjang_jabatan"].map(bup).astype("Int64")
    pension = pension_date(cand["tanggal_lahir"], cand["usia_bup"].astype(float))
    end_ts = pd.Timestamp(end)
    later = (pension.dt.month < end_ts.month) | ((pension.dt.month == end_ts.month) & (pension.dt.day < end_ts.day))
    cand["tahun_ke_bup"] = (pension.dt.year - end_ts.year - later.astype(int)).astype("Int64")
    too_close = (pension <= end_ts + pd.DateOffset(years=int(min_years_to_bup))).fillna(False).astype(bool)
    cand = cand[~too_close]
    total = len(cand)

    rank = dict(zip(job_levels["jenjang_jabatan"], job_levels["urutan"]))
    kind = dict(zip(job_levels["jenjang_jabatan"], job_levels["jenis_jabatan"]))
    lowest_official = job_levels.loc[job_levels["jenis_jabatan"].isin(OFFICIAL_KINDS), "urutan"].min()
    jf_feeders = {j for j, r in rank.items() if kind[j] == FUNCTIONAL_KIND and r >= lowest_official}

    feeders = _feeder_levels(job_levels, eligibility)
    feeder_keys: set[tuple[str | None, str]] = set()
    for opd_id, level in zip(target_posts.get("opd_id", pd.Series(dtype=object)),
                             target_posts.get("jenjang_jabatan", pd.Series(dtype=object))):
        for f in feeders.get(level, ()):
            feeder_keys.add((None if pd.isna(opd_id) else opd_id, f))
    any_opd = {f for o, f in feeder_keys if o is None}

    official = cand["jenis_jabatan"].isin(OFFICIAL_KINDS).to_numpy()
    jf = cand["jenjang_jabatan"].isin(jf_feeders).to_numpy()
    in_opd = pd.MultiIndex.from_arrays([cand["opd_id"].astype(object), cand["jenjang_jabatan"].astype(object)])
    feeder = in_opd.isin(list(feeder_keys)) | cand["jenjang_jabatan"].isin(any_opd).to_numpy()
    near = (cand["tahun_ke_bup"] <= near_years).fillna(False).astype(bool).to_numpy()

    why = np.select([near, official, jf, feeder], [4, 1, 2, 3], default=0)   # codes: no text per person
    priority = np.select([near, official | jf | feeder], [3, 1], default=2)
    level = cand["jenjang_jabatan"].map(rank).astype(float).fillna(-1).to_numpy()
    years = cand["tahun_ke_bup"].astype(float).fillna(99).to_numpy()
    # priority, higher level, more years to BUP, then NIP (Arrow sorts the NIP text without a Python
    # string per person)
    order = pc.sort_indices(pa.table({"p": priority, "l": level, "y": years,
                                      "nip": pa.array(cand["nip"], type=pa.string(), from_pandas=True)}),
                            sort_keys=[("p", "ascending"), ("l", "descending"), ("y", "descending"),
                                       ("nip", "ascending")]).to_numpy()
    if limit is not None:
        order = order[:limit]
    out = cand.iloc[order].drop(columns=["tanggal_lahir"], errors="ignore")
    out["alasan"] = pd.Categorical.from_codes(why[order], [WHY_OTHER, WHY_OFFICIAL, WHY_JF, WHY_FEEDER, WHY_NEAR])
    out["prioritas"] = priority[order]
    out["urutan"] = np.arange(1, len(out) + 1)
    out["dalam_kuota"] = out["urutan"] <= int(quota)
    for c in ("opd_nama", "nama", "jabatan"):
        out[c] = frame.loc[out.index, c] if c in frame.columns else None
    return out[cols].reset_index(drop=True), total


# -- digital literacy and emerging skills ------------------------------------------------------
def skill_summary(pop: pd.DataFrame, codes: list[str], by: str = "opd_id", min_group: int = 5) -> pd.DataFrame:
    """Mean score per group and code over people with any value: kelompok, n, <codes>, disembunyikan.
    Empty when nobody has a value (the source did not carry these scores)."""
    codes = [c for c in codes if c in pop.columns]
    if not codes:
        return pd.DataFrame(columns=["kelompok", "n", "disembunyikan"])
    vals = pop[codes].astype(float)
    has = vals.notna().any(axis=1)
    if not has.any():
        return pd.DataFrame(columns=["kelompok", "n", *codes, "disembunyikan"])
    grouped = vals[has].groupby(pop.loc[has, by], sort=True)
    out = grouped.mean()
    out.insert(0, "n", grouped.size())
    out = out.reset_index().rename(columns={by: "kelompok"})
    out["disembunyikan"] = out["n"] < min_group
    out.loc[out["disembunyikan"], codes] = np.nan
    return out


# -- closing the loop --------------------------------------------------------------------------
def loop_outcome(actions: pd.DataFrame, before: pd.DataFrame, after: pd.DataFrame,
                 boxes: pd.DataFrame) -> pd.DataFrame:
    """For each person with a (not cancelled) action in the earlier period: nip, jumlah_aksi, jenis,
    selesai, kotak_sebelum, kotak_sesudah, langkah (box-rank change, rank from the rule table's axes as
    in analytics.movement) and hasil (naik / tetap / turun / tidak ditempatkan)."""
    cols = ["nip", "jumlah_aksi", "jenis", "selesai", "kotak_sebelum", "kotak_sesudah", "langkah", "hasil"]
    live = actions[actions["status"] != "batal"] if not actions.empty else actions
    if live.empty:
        return pd.DataFrame(columns=cols)
    per = live.groupby("nip", sort=True).agg(
        jumlah_aksi=("jenis", "size"), jenis=("jenis", lambda s: ", ".join(sorted(set(map(str, s))))),
        selesai=("status", lambda s: int((s == "selesai").sum()))).reset_index()
    rank = box_rank(boxes)
    b = before.loc[before["kotak"].notna()].set_index("nip")["kotak"].astype(int)
    a = after.loc[after["kotak"].notna()].set_index("nip")["kotak"].astype(int)
    per["kotak_sebelum"] = per["nip"].map(b).astype("Int64")
    per["kotak_sesudah"] = per["nip"].map(a).astype("Int64")
    step = per["kotak_sesudah"].map(rank, na_action="ignore").astype("Int64") - \
        per["kotak_sebelum"].map(rank, na_action="ignore").astype("Int64")
    per["langkah"] = step
    hasil = np.select([step.isna().to_numpy(dtype=bool), (step > 0).fillna(False).to_numpy(dtype=bool),
                       (step < 0).fillna(False).to_numpy(dtype=bool)], [UNPLACED, UP, DOWN], default=SAME)
    per["hasil"] = hasil
    order = {UP: 0, SAME: 1, DOWN: 2, UNPLACED: 3}
    per = per.assign(_o=per["hasil"].map(order)).sort_values(["_o", "nip"], kind="stable").drop(columns="_o")
    return per[cols].reset_index(drop=True)


def loop_summary(outcome: pd.DataFrame, before: pd.DataFrame, after: pd.DataFrame, boxes: pd.DataFrame) -> dict:
    """Share moving up among people with actions (placed in both periods) against everyone else placed
    in both periods: n_aksi, naik_aksi, persen_aksi, n_lain, naik_lain, persen_lain (NaN when n is 0)."""
    rank = box_rank(boxes)
    b = before.loc[before["kotak"].notna()].set_index("nip")["kotak"].astype(int).map(rank)
    a = after.loc[after["kotak"].notna()].set_index("nip")["kotak"].astype(int).map(rank)
    both = pd.concat([b.rename("b"), a.rename("a")], axis=1, join="inner")
    up = both["a"] > both["b"]
    with_action = both.index.isin(set(outcome["nip"]) if not outcome.empty else set())
    n_a, n_o = int(with_action.sum()), int((~with_action).sum())
    k_a, k_o = int(up[with_action].sum()), int(up[~with_action].sum())
    return {"n_aksi": n_a, "naik_aksi": k_a, "persen_aksi": k_a / n_a * 100.0 if n_a else np.nan,
            "n_lain": n_o, "naik_lain": k_o, "persen_lain": k_o / n_o * 100.0 if n_o else np.nan}
