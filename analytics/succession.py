"""Succession: shortlist and bench strength of candidates for target posts.

The checks per candidate live in :mod:`analytics.eligibility` (``evaluate``), readiness, the
talent score and the rule frames in :mod:`analytics.readiness`; their public names are
re-exported here, where the pages and reports import them.
"""
from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd

from analytics.eligibility import effective_predikat, evaluate, golongan_rank, split_list
from analytics.readiness import (
    BUKAN,
    CHECK_LABELS,
    FAILS,
    MEETS,
    MUTLAK,
    PENGEMBANGAN,
    POTENSI,
    READINESS,
    READY_SOON_YEARS,
    SIAP_SEGERA,
    SIAP_SEKARANG,
    TALENT_SCORE_WEIGHTS,
    UNKNOWN,
    WAKTU,
    SuccessionRules,
    talent_score,
)

__all__ = [
    "BUKAN", "CHECK_LABELS", "FAILS", "MEETS", "MUTLAK", "PENGEMBANGAN", "POTENSI", "READINESS",
    "READY_SOON_YEARS", "SIAP_SEGERA", "SIAP_SEKARANG", "TALENT_SCORE_WEIGHTS", "UNKNOWN", "WAKTU",
    "SuccessionRules", "bench_strength", "candidate_frame", "effective_predikat", "evaluate", "golongan_rank",
    "pool_only", "ranked_with_reasons", "shortlist", "talent_score",
]


def ranked_with_reasons(candidates: pd.DataFrame, target: dict | pd.Series, rules: SuccessionRules, on: date,
                        period: int, predikat_history: pd.DataFrame | None = None,
                        limit: int | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """``shortlist(evaluate(...))`` with the reason texts and the checks worked out only for the first
    ``limit`` ranked (readiness and rank do not depend on them, and for a national pool of 250k
    people the texts were most of the time and memory). Rows past ``limit`` have an empty ``alasan``."""
    summary, _ = evaluate(candidates, target, rules, on, period, predikat_history, reasons=False)
    ranked = shortlist(summary)
    head = ranked["nip"] if limit is None else ranked["nip"].head(limit)
    detail, checks = evaluate(candidates[candidates["nip"].isin(head)], target, rules, on, period,
                              predikat_history)
    ranked["alasan"] = ranked["nip"].map(detail.set_index("nip")["alasan"]).fillna("")
    return ranked, checks


def shortlist(summary: pd.DataFrame, include_non_candidates: bool = False, limit: int | None = None) -> pd.DataFrame:
    """Candidates ranked: readiness (Siap Sekarang first), talent score, JPM at the target level, NIP."""
    s = summary if include_non_candidates else summary[summary["kesiapan"] != BUKAN]
    order = {k: i for i, k in enumerate(READINESS)}
    s = s.assign(_r=s["kesiapan"].map(order), _t=-s["skor_talenta"].fillna(-1e9), _j=-s["jpm_target"].fillna(-1e9))
    s = s.sort_values(["_r", "_t", "_j", "nip"]).drop(columns=["_r", "_t", "_j"])
    s = s.reset_index(drop=True)
    s.insert(0, "peringkat", np.arange(1, len(s) + 1))
    return s if limit is None else s.head(limit)


def pool_only(candidates: pd.DataFrame, rules: SuccessionRules) -> pd.DataFrame:
    """Candidates whose final box is in the succession pool: everyone else is Bukan Kandidat for any
    post, so ranking and bench counts only need these rows."""
    pool = rules.boxes.loc[rules.boxes["kelompok_suksesi"].astype(bool), "kotak"].astype(int).tolist()
    return candidates[pd.to_numeric(candidates["kotak"], errors="coerce").isin(pool)]


def candidate_frame(population: pd.DataFrame, placed: pd.DataFrame) -> pd.DataFrame:
    """Population (dates, education, competencies) joined with the final placement (kotak, values)."""
    final = placed[["nip", "kotak", "kotak_awal", "kinerja_nilai", "potensial_nilai", "jpm", "predikat_efektif",
                    "status", "usia"]]
    return population.merge(final, on="nip", how="inner", validate="one_to_one")


def bench_strength(posts: pd.DataFrame, candidates: pd.DataFrame, rules: SuccessionRules, on: date, period: int,
                   predikat_history: pd.DataFrame | None = None) -> pd.DataFrame:
    """Per target post: ready-now, ready-soon and future counts; ``tanpa_penerus`` when no one is ready
    now or soon. The post's holder is never their own successor."""
    out = []
    candidates = pool_only(candidates, rules)
    # A candidate's readiness depends only on their own row and, of the post, on its level and required
    # fields of study: evaluate once per (level, fields) and leave the holder's own row out of the counts
    # (the same counts as evaluating each post without its holder; 51 posts → ~20 evaluations).
    nips = candidates["nip"].to_numpy(dtype=object)
    readiness: dict[tuple, np.ndarray] = {}
    for post in posts.to_dict("records"):
        fields = post.get("bidang_pendidikan")
        key = (str(post["jenjang_jabatan"]), tuple(split_list(fields)) if isinstance(fields, str) else ())
        if key not in readiness:
            summ, _ = evaluate(candidates, post, rules, on, period, predikat_history, reasons=False)
            readiness[key] = summ["kesiapan"].to_numpy(dtype=object)
        counts = pd.Series(readiness[key][nips != post.get("pemangku_nip")], dtype=object).value_counts()
        now, soon = int(counts.get(SIAP_SEKARANG, 0)), int(counts.get(SIAP_SEGERA, 0))
        out.append({"post_id": post["post_id"], "jabatan": post["jabatan"], "opd_nama": post.get("opd_nama"),
                    "jenjang_jabatan": post["jenjang_jabatan"], "lowong": bool(post.get("lowong")),
                    "kritikal": bool(post.get("kritikal")), "siap_sekarang": now, "siap_1_2_tahun": soon,
                    "potensi_masa_depan": int(counts.get(POTENSI, 0)), "tanpa_penerus": now + soon == 0})
    return pd.DataFrame(out, columns=["post_id", "jabatan", "opd_nama", "jenjang_jabatan", "lowong", "kritikal",
                                      "siap_sekarang", "siap_1_2_tahun", "potensi_masa_depan", "tanpa_penerus"])
