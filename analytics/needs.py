"""Akuisisi — how many talents the city needs, as pure functions over frames.

Target posts fall vacant when their holder reaches the pension date (BUP of the post's level,
:func:`analytics.retirement.pension_date`) or are vacant already. Against them stand the successors
ready now (Siap Sekarang) and soon (Siap 1–2 Tahun) of :func:`analytics.cycle.readiness_by_post`.
Where a post has neither, the people of its feeder levels (``rule_eligibility.jabatan_sebelumnya``)
who have not been profiled are the ones to profile first; the CACT quota proposal is how many more
profiles would cover every feeder of every target post.
"""
from __future__ import annotations

from collections.abc import Iterable
from datetime import date

import numpy as np
import pandas as pd

from analytics.career import FieldWords, fields_of_post
from analytics.eligibility import split_list
from analytics.lookup import lookup
from analytics.readiness import SIAP_SEGERA, SIAP_SEKARANG
from analytics.retirement import pension_date
from analytics.years import plus_years

VACANCY_COLUMNS = ["post_id", "jabatan", "jenjang_jabatan", "bidang", "opd_id", "kritikal", "lowong",
                   "pemangku_nip", "tanggal_lowong"]
TOTAL = "total"


def _field(post: dict, words: FieldWords | None) -> str | None:
    if words is not None:
        found = fields_of_post(post, words)
    else:
        given = post.get("bidang_tugas")
        found = [x.strip() for x in given.split(";") if x.strip()] if isinstance(given, str) else []
    return " / ".join(found) if found else None


def vacancy_dates(posts: pd.DataFrame, people: pd.DataFrame, retirement: pd.DataFrame,
                  words: FieldWords | None = None) -> pd.DataFrame:
    """Every target post with the date it falls vacant: post_id, jabatan, jenjang_jabatan, bidang (the
    post's field of work: ``bidang_tugas``, or from its name with ``words``), opd_id, kritikal, lowong
    (vacant now), pemangku_nip, tanggal_lowong (the holder's pension date at the post's BUP; NaT when
    vacant or the holder's birth date is unknown). ``people``: nip, tanggal_lahir."""
    recs = posts.to_dict("records")
    out = pd.DataFrame({
        "post_id": [r["post_id"] for r in recs], "jabatan": [r.get("jabatan") for r in recs],
        "jenjang_jabatan": [r.get("jenjang_jabatan") for r in recs], "bidang": [_field(r, words) for r in recs],
        "opd_id": [r.get("opd_id") for r in recs], "kritikal": [bool(r.get("kritikal")) for r in recs],
        "lowong": [bool(r.get("lowong")) or not isinstance(r.get("pemangku_nip"), str) for r in recs],
        "pemangku_nip": [r.get("pemangku_nip") if isinstance(r.get("pemangku_nip"), str) else None for r in recs]},
        columns=VACANCY_COLUMNS[:-1])
    births = pd.to_datetime(people.drop_duplicates("nip").set_index("nip")["tanggal_lahir"], errors="coerce")
    births.index = births.index.astype(str).astype(object)
    birth = pd.Series(births.reindex(out["pemangku_nip"].to_numpy()).to_numpy(), index=out.index)
    bup = retirement.set_index("jenjang_jabatan")["usia_bup"].astype(float).to_dict()
    when = pension_date(birth, pd.Series(lookup(out["jenjang_jabatan"], bup), index=out.index, dtype=float))
    out["tanggal_lowong"] = when.where(~out["lowong"])
    return out


def vacancies(posts: pd.DataFrame, people: pd.DataFrame, retirement: pd.DataFrame, on: date, years: int = 5,
              words: FieldWords | None = None) -> pd.DataFrame:
    """Target posts vacant on ``on`` or falling vacant within ``years`` (1–5): the columns of
    :func:`vacancy_dates` and ``tahun_ke``: 0 when vacant now, else the first whole year k (1…years)
    with the pension date on or before ``on`` + k years. A pension date before ``on`` counts as vacant now."""
    v = vacancy_dates(posts, people, retirement, words)
    on_ts = pd.Timestamp(on)
    when = pd.to_datetime(v["tanggal_lowong"])
    k = pd.Series(np.nan, index=v.index)
    for year in range(int(years), 0, -1):
        k[when <= plus_years(pd.Series([on_ts]), year).iloc[0]] = year
    k[v["lowong"] | (when <= on_ts)] = 0
    v["tahun_ke"] = k
    return v[k.notna()].assign(tahun_ke=lambda f: f["tahun_ke"].astype(int)) \
        .sort_values(["tahun_ke", "tanggal_lowong", "post_id"]).reset_index(drop=True)


def successor_counts(ready: pd.DataFrame) -> pd.DataFrame:
    """Per post in ``ready`` (:func:`analytics.cycle.readiness_by_post`): siap_sekarang, siap_segera."""
    if ready.empty:
        return pd.DataFrame(columns=["post_id", "siap_sekarang", "siap_segera"])
    table = pd.crosstab(ready["post_id"], ready["kesiapan"])
    return pd.DataFrame({"post_id": table.index,
                         "siap_sekarang": table.get(SIAP_SEKARANG, pd.Series(0, index=table.index)).to_numpy(),
                         "siap_segera": table.get(SIAP_SEGERA, pd.Series(0, index=table.index)).to_numpy()})


def post_needs(vacant: pd.DataFrame, ready: pd.DataFrame) -> pd.DataFrame:
    """:func:`vacancies` with each post's successor counts and ``tanpa_penerus`` (none ready now or soon)."""
    counts = successor_counts(ready).set_index("post_id")
    out = vacant.copy()
    for col in ("siap_sekarang", "siap_segera"):
        out[col] = out["post_id"].map(counts[col]).fillna(0).astype(int) if len(counts) else 0
    out["tanpa_penerus"] = (out["siap_sekarang"] + out["siap_segera"]) == 0
    return out


def needs_by_group(vacant: pd.DataFrame, ready: pd.DataFrame) -> pd.DataFrame:
    """Per job level and field (jenjang_jabatan, bidang) of the posts falling vacant: akan_lowong (posts),
    lowong_sekarang, tanpa_penerus (posts with no one ready now or soon), siap_sekarang and siap_segera
    (distinct people; someone ready now for one post and soon for another counts as ready now), and
    kesenjangan = max(0, akan_lowong − (siap_sekarang + siap_segera))."""
    per_post = post_needs(vacant, ready)
    cols = ["jenjang_jabatan", "bidang", "akan_lowong", "lowong_sekarang", "tanpa_penerus", "siap_sekarang",
            "siap_segera", "kesenjangan"]
    if per_post.empty:
        return pd.DataFrame(columns=cols)
    per_post = per_post.assign(bidang=per_post["bidang"].fillna(""))
    rows = []
    for (level, field), g in per_post.groupby(["jenjang_jabatan", "bidang"], sort=True):
        r = ready[ready["post_id"].isin(g["post_id"])]
        now = set(r.loc[r["kesiapan"] == SIAP_SEKARANG, "nip"])
        soon = set(r.loc[r["kesiapan"] == SIAP_SEGERA, "nip"]) - now
        n = len(g)
        rows.append((level, field or None, n, int((g["tahun_ke"] == 0).sum()), int(g["tanpa_penerus"].sum()),
                     len(now), len(soon), max(0, n - len(now) - len(soon))))
    return pd.DataFrame(rows, columns=cols)


def feeder_levels(eligibility: pd.DataFrame, target_level: str) -> list[str]:
    """The feeder levels of a target level (``jabatan_sebelumnya``: the level's row, else the '*' row)."""
    e = eligibility[eligibility["parameter"] == "jabatan_sebelumnya"]
    own = e.loc[e["jenjang_target"] == target_level, "nilai"]
    value = own.iloc[0] if len(own) else next(iter(e.loc[e["jenjang_target"] == "*", "nilai"]), None)
    return split_list(value) if isinstance(value, str) else []


def feeders(people: pd.DataFrame, posts: pd.DataFrame, eligibility: pd.DataFrame,
            gap_posts: Iterable[str] = ()) -> pd.DataFrame:
    """The people of the feeder levels of every target post: nip, jenjang_jabatan, opd_id, diprofil,
    jenjang_target (the target levels they feed, ' / '-joined), untuk_kesenjangan (they feed the level of
    a post in ``gap_posts``), opd_kesenjangan (and work in that post's OPD). ``people``: nip,
    jenjang_jabatan, opd_id, diprofil (bool: profiled, i.e. an assessment this period), optionally
    asesmen_kedaluwarsa (bool: the profile expires before next year)."""
    gap = set(gap_posts)
    feeds: dict[str, set[str]] = {}
    gap_levels: set[str] = set()
    gap_opd: dict[str, set[str]] = {}
    for post in posts.to_dict("records"):
        level = str(post["jenjang_jabatan"])
        for f in feeder_levels(eligibility, level):
            feeds.setdefault(f, set()).add(level)
            if post["post_id"] in gap:
                gap_levels.add(f)
                gap_opd.setdefault(f, set()).add(post.get("opd_id"))
    out = people[people["jenjang_jabatan"].isin(list(feeds))].copy()
    out["jenjang_jabatan"] = out["jenjang_jabatan"].astype(object)
    out["jenjang_target"] = out["jenjang_jabatan"].map(lambda lv: " / ".join(sorted(feeds[lv])))
    out["untuk_kesenjangan"] = out["jenjang_jabatan"].isin(list(gap_levels))
    out["opd_kesenjangan"] = [bool(g) and o in gap_opd.get(lv, set())
                              for g, o, lv in zip(out["untuk_kesenjangan"], out["opd_id"], out["jenjang_jabatan"])]
    out["diprofil"] = out["diprofil"].astype(bool)
    return out.reset_index(drop=True)


def profile_first(feeder: pd.DataFrame, job_level: pd.DataFrame | None = None) -> pd.DataFrame:
    """The unprofiled feeders of posts with a gap, in the order to profile them: those in a gap post's
    OPD first, then the more senior level (``job_level.urutan``), then NIP."""
    f = feeder[feeder["untuk_kesenjangan"] & ~feeder["diprofil"]]
    rank = job_level.set_index("jenjang_jabatan")["urutan"].to_dict() if job_level is not None else {}
    f = f.assign(_o=-f["opd_kesenjangan"].astype(int), _r=-pd.Series(lookup(f["jenjang_jabatan"], rank, 0),
                                                                    index=f.index))
    return f.sort_values(["_o", "_r", "nip"]).drop(columns=["_o", "_r"]).reset_index(drop=True)


def quota_proposal(feeder: pd.DataFrame, quota: float | None) -> pd.DataFrame:
    """The CACT quota proposal for next year, one row per feeder level and a ``total`` row:
    pengumpan (feeders), sudah_diprofil, belum_diprofil, kedaluwarsa (profiled but expiring before next
    year, when ``asesmen_kedaluwarsa`` is given), usulan (belum_diprofil + kedaluwarsa: the profiles that
    would cover every feeder of every target post). The total row also has kuota_sekarang and selisih
    (usulan − kuota_sekarang)."""
    f = feeder.assign(_exp=feeder["asesmen_kedaluwarsa"].astype(bool) & feeder["diprofil"]
                      if "asesmen_kedaluwarsa" in feeder.columns else False)
    rows = []
    for level, g in f.groupby("jenjang_jabatan", sort=True):
        done = int(g["diprofil"].sum())
        rows.append({"jenjang_jabatan": level, "pengumpan": len(g), "sudah_diprofil": done,
                     "belum_diprofil": len(g) - done, "kedaluwarsa": int(g["_exp"].sum())})
    table = pd.DataFrame(rows, columns=["jenjang_jabatan", "pengumpan", "sudah_diprofil", "belum_diprofil",
                                        "kedaluwarsa"])
    table["usulan"] = table["belum_diprofil"] + table["kedaluwarsa"]
    total = {"jenjang_jabatan": TOTAL, **{c: int(table[c].sum()) for c in table.columns[1:]}}
    table = pd.concat([table, pd.DataFrame([total])], ignore_index=True)
    table["kuota_sekarang"] = np.nan
    table["selisih"] = np.nan
    if quota is not None and not pd.isna(quota):
        table.loc[table.index[-1], "kuota_sekarang"] = float(quota)
        table.loc[table.index[-1], "selisih"] = total["usulan"] - float(quota)
    return table
