"""Penetapan review: what the committee is about to finalise, and where it falls short.

:func:`review` turns the period's placement, moves and discussions into one JSON-serialisable
summary (it is stored with the penetapan and printed on the berita acara). It holds counts only,
no names or NIPs: the moved people are read from the calibration table, which is locked with the
period. Every breach is a dict with ``jenis``, an i18n key ``kode``, its ``param`` and ``kalimat``
(the sentence in the language asked for, Indonesian by default); :func:`breach_sentence` renders it
again in another language.
"""
from __future__ import annotations

import math

import pandas as pd

from analytics.calibration import distribution_status
from common import fmt
from common.i18n import t

BOXES = range(1, 10)


def _discussed_nips(discussions: pd.DataFrame) -> set[str]:
    if discussions is None or discussions.empty:
        return set()
    return set(discussions.loc[discussions["dibahas"].astype(bool), "nip"])


def _outside(n: int, total: int, lo: float, hi: float) -> tuple[int, int]:
    """People above the range's top and people missing to reach its bottom (0 when inside)."""
    if not total:
        return 0, 0
    over = max(0, n - math.floor(total * hi / 100 + 1e-9))
    under = max(0, math.ceil(total * lo / 100 - 1e-9) - n)
    return over, under


def guidelines(kotak: pd.Series, distribution_rules: pd.DataFrame) -> list[dict]:
    """Each distribution guideline (``distribution_status``) with ``lebih`` / ``kurang``: how many
    people are over its top or short of its bottom."""
    total = int(kotak.dropna().shape[0])
    rows = []
    for r in distribution_status(kotak, distribution_rules).itertuples(index=False):
        over, under = _outside(int(r.jumlah), total, float(r.persen_min), float(r.persen_max))
        rows.append({"kelompok": str(r.kelompok), "kotak": str(r.kotak), "jumlah": int(r.jumlah),
                     "persen": float(r.persen), "persen_min": float(r.persen_min), "persen_max": float(r.persen_max),
                     "status": str(r.status), "lebih": over, "kurang": under})
    return rows


def breach_sentence(breach: dict, lang: str = "id") -> str:
    """The breach as a sentence in ``lang`` (numbers written the language's way)."""
    p = dict(breach["param"])
    for key in ("persen", "persen_min", "persen_max", "cakupan", "minimal", "orang", "dibahas", "ditempatkan", "n"):
        if key in p:  # counts too: "1.239 ASN", never "1239"
            p[key] = fmt.num(p[key], 1 if key in ("persen", "cakupan") else 0, lang)
    return t(breach["kode"], lang=lang, **p)


def _breach(jenis: str, kode: str, lang: str, **param) -> dict:
    b = {"jenis": jenis, "kode": kode, "param": param}
    b["kalimat"] = breach_sentence(b, lang)
    return b


def review(placed: pd.DataFrame, calibrations: pd.DataFrame, discussions: pd.DataFrame,
           distribution_rules: pd.DataFrame, reason_labels: dict[str, str] | None = None,
           group_by: str = "opd_nama", min_coverage: float | None = None, lang: str = "id") -> dict:
    """The summary of a period before penetapan.

    ``placed``: the placed people (``nip``, ``kotak_awal`` the engine's proposal, ``kotak`` final,
    and ``group_by``); ``calibrations``: the moves (``nip``, ``kotak_baru``, ``alasan_kode``);
    ``discussions``: ``nip``, ``dibahas``, ``detik``; ``distribution_rules``: rows of
    ``rule_distribution``. ``min_coverage`` (percent, from a setting): a share discussed under it is a
    breach; None = no such check. Moves and discussions of people not in ``placed`` are ignored.
    """
    people = placed[placed["kotak_awal"].notna()]
    nips = set(people["nip"])
    total = len(people)
    talked = _discussed_nips(discussions) & nips
    disc = discussions[discussions["nip"].isin(nips)] if discussions is not None and not discussions.empty \
        else pd.DataFrame(columns=["nip", "dibahas", "detik"])
    cal = calibrations[calibrations["nip"].isin(nips)] if calibrations is not None and not calibrations.empty \
        else pd.DataFrame(columns=["nip", "kotak_awal", "kotak_baru", "alasan_kode"])
    moved = cal[cal["kotak_baru"].astype(int) != people.set_index("nip").loc[cal["nip"], "kotak_awal"]
                .astype(int).to_numpy()] if len(cal) else cal
    share = round(len(talked) / total * 100, 1) if total else 0.0
    labels = reason_labels or {}
    reasons = moved["alasan_kode"].astype(str).value_counts() if len(moved) else pd.Series(dtype=int)

    final = people["kotak"].astype(int)
    before = people["kotak_awal"].astype(int)
    is_talked = people["nip"].isin(talked)
    distribution = [{"kotak": k, "awal": int((before == k).sum()), "akhir": int((final == k).sum())} for k in BOXES]
    boxes_silent = [k for k in BOXES if (final == k).any() and not is_talked[final == k].any()]
    by_group = people.assign(_t=is_talked).groupby(people[group_by].astype(str), observed=True)["_t"].agg(
        ["size", "sum"])
    groups_silent = [{"nama": str(g), "ditempatkan": int(r["size"])}
                     for g, r in by_group[by_group["sum"] == 0].sort_values("size", ascending=False).iterrows()]
    guides = guidelines(people["kotak"], distribution_rules)

    breaches = []
    for g in guides:
        if g["status"] != "sesuai":
            above = g["status"] == "di atas rentang"
            breaches.append(_breach(
                "pedoman", "pen.breach.above" if above else "pen.breach.below", lang, kelompok=g["kelompok"],
                persen=g["persen"], persen_min=g["persen_min"], persen_max=g["persen_max"],
                orang=g["lebih"] if above else g["kurang"]))
    if min_coverage is not None and total and share < min_coverage:
        breaches.append(_breach("cakupan", "pen.breach.coverage", lang, cakupan=share, minimal=min_coverage,
                                dibahas=len(talked), ditempatkan=total))
    if groups_silent:
        breaches.append(_breach("kelompok_belum_dibahas", "pen.breach.groups", lang, n=len(groups_silent),
                                contoh=", ".join(g["nama"] for g in groups_silent[:3])
                                + (" …" if len(groups_silent) > 3 else "")))
    if boxes_silent:
        breaches.append(_breach("kotak_belum_dibahas", "pen.breach.boxes", lang,
                                kotak=", ".join(str(k) for k in boxes_silent)))

    return {
        "ditempatkan": total,
        "dibahas": len(talked),
        "dibahas_persen": share,
        "dipindah": len(moved),
        "menit": round(float(pd.to_numeric(disc["detik"], errors="coerce").fillna(0).sum()) / 60, 1),
        "alasan": [{"kode": str(k), "label": str(labels.get(k, k)), "jumlah": int(n)} for k, n in reasons.items()],
        "pedoman": guides,
        "distribusi": distribution,
        "belum_dibahas": {"kelompok": groups_silent, "kotak": boxes_silent},
        "pelanggaran": breaches,
    }
