"""The story of each vacant post, for the succession slides: which posts are at risk, and what sets each
of a post's first candidates apart.

Pure functions over what the succession shortlist already gives (``analytics.succession``: readiness,
JPM at the target level, rank) and the candidates' own rows (birth date, field of study). Nothing here
ranks: the order is the shortlist's.

- **At risk**: a vacant post with nobody ready now or within 1–2 years (``tanpa_penerus`` of the bench);
  these come first, then posts with nobody ready now, then the rest; fewest ready first within each.
- **JPM against the post's standard**: the standard is the lowest JPM of the top ``seleksi`` band of
  ``rule_jpm_band`` ("Memenuhi Syarat"); the candidate's JPM is the shortlist's ``jpm_target`` (computed
  against the target level's SKJ).
- **Years to BUP**: from the birth date to the retirement age (``rule_retirement``) of the *post's*
  level, on the appointment date; whole calendar years, rounded down.
- **Field**: the candidate's field of study, and whether it is one the post asks for (None when the post
  asks for none, or the field is not recorded).
"""
from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd

from analytics.years import dates, plus_years

AT_RISK, NOT_NOW, READY = 0, 1, 2   # the order of the posts: at risk first


def post_order(bench: pd.DataFrame) -> pd.DataFrame:
    """The vacant posts of a bench (``analytics.succession.bench_strength``), at risk first, with
    ``keadaan`` (AT_RISK, NOT_NOW, READY)."""
    vacant = bench[bench["lowong"].astype(bool)].copy()
    vacant["keadaan"] = np.where(vacant["tanpa_penerus"].astype(bool), AT_RISK,
                                 np.where(vacant["siap_sekarang"] > 0, READY, NOT_NOW))
    return vacant.sort_values(["keadaan", "siap_sekarang", "siap_1_2_tahun", "jabatan"], kind="stable").reset_index(
        drop=True)


def jpm_standard(jpm_bands: pd.DataFrame) -> float | None:
    """The JPM a candidate needs to meet the post's standard: the top ``seleksi`` band's lower bound."""
    bands = jpm_bands[jpm_bands["skema"] == "seleksi"]
    return float(bands["batas_bawah"].max()) if len(bands) else None


def bup_age(retirement: pd.DataFrame, level: str) -> float | None:
    """The retirement age of a post level (``rule_retirement``), None when the table has no row for it."""
    row = retirement.loc[retirement["jenjang_jabatan"] == level, "usia_bup"]
    return float(row.iloc[0]) if len(row) else None


def years_to_bup(birth: pd.Series, age: float | None, on: date) -> pd.Series:
    """Whole years from ``on`` to the day each person reaches ``age`` (NaN where unknown)."""
    if age is None:
        return pd.Series(np.nan, index=birth.index)
    retire = plus_years(dates(birth.to_numpy()).set_axis(birth.index), age)
    # calendar years: the last N with on + N years ≤ the retirement day (negative once past it)
    before = (retire.dt.month * 100 + retire.dt.day) < (on.month * 100 + on.day)
    return (retire.dt.year - on.year - before.astype(float)).astype(float)


def field_fits(fields: pd.Series, wanted: object) -> pd.Series:
    """True/False per person when the post asks for fields of study (``;``-separated), else None."""
    asked = {w.strip().casefold() for w in str(wanted).split(";") if w.strip()} if isinstance(wanted, str) else set()
    if not asked:
        return pd.Series([None] * len(fields), index=fields.index, dtype=object)
    return fields.map(lambda v: (v.strip().casefold() in asked) if isinstance(v, str) and v.strip() else None)


def candidate_facts(head: pd.DataFrame, people: pd.DataFrame, post: dict, retirement: pd.DataFrame,
                    jpm_bands: pd.DataFrame, on: date) -> pd.DataFrame:
    """What sets each of a post's first candidates apart, in the shortlist's order.

    ``head``: the shortlist's first rows (``peringkat``, ``nip``, ``kesiapan``, ``jpm_target``, ``kotak``);
    ``people``: the candidates' rows with ``nip``, ``tanggal_lahir``, ``pendidikan_bidang``.
    Returns peringkat, nip, kesiapan, kotak, jpm_target, jpm_standar, jpm_memenuhi, tahun_ke_bup,
    bidang, bidang_sesuai."""
    own = people.drop_duplicates("nip").set_index("nip").reindex(head["nip"])
    standard = jpm_standard(jpm_bands)
    jpm = pd.to_numeric(head["jpm_target"], errors="coerce").to_numpy(dtype=float)
    meets = [None if np.isnan(v) or standard is None else bool(v >= standard) for v in jpm]
    bidang = own["pendidikan_bidang"] if "pendidikan_bidang" in own.columns else pd.Series(None, index=own.index)
    birth = own["tanggal_lahir"] if "tanggal_lahir" in own.columns else pd.Series(None, index=own.index)
    return pd.DataFrame({
        "peringkat": head["peringkat"].to_numpy(), "nip": head["nip"].to_numpy(),
        "kesiapan": head["kesiapan"].to_numpy(), "kotak": head["kotak"].to_numpy(),
        "jpm_target": jpm, "jpm_standar": standard, "jpm_memenuhi": meets,
        "tahun_ke_bup": years_to_bup(birth, bup_age(retirement, str(post["jenjang_jabatan"])), on).to_numpy(),
        "bidang": [v if isinstance(v, str) and v.strip() else None for v in bidang],
        "bidang_sesuai": field_fits(bidang, post.get("bidang_pendidikan")).to_numpy(dtype=object)})


def standouts(facts: pd.DataFrame) -> list[tuple[str, int, float | None]]:
    """What sets one of the candidates shown apart from the others: ("jpm", rank, JPM) for the one highest
    JPM, ("bup", rank, years) for the one longest time to BUP, ("bidang", rank, None) for the one whose
    field the post asks for. A tie, a missing value or a single candidate sets nobody apart."""
    out: list[tuple[str, int, float | None]] = []
    if len(facts) < 2:
        return out
    for kind, col in (("jpm", "jpm_target"), ("bup", "tahun_ke_bup")):
        v = pd.to_numeric(facts[col], errors="coerce")
        if v.notna().sum() >= 2 and (v == v.max()).sum() == 1:
            i = int(v.idxmax())
            out.append((kind, int(facts.loc[i, "peringkat"]), float(v[i])))
    fits = facts["bidang_sesuai"].map(lambda x: x is True)
    if fits.sum() == 1:
        out.append(("bidang", int(facts.loc[fits.idxmax(), "peringkat"]), None))
    return out
