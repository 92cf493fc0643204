"""Succession: shortlist and bench strength of candidates for target posts.

The checks per candidate live in :mod:`analytics.eligibility` (``evaluate``), readiness, the
talent score and the rule frames in :mod:`analytics.readiness`; their public names are
re-exported here, where the pages and reports import them.
"""
from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd

from analytics import fit
from analytics.career import FieldWords, fields_of_post
from analytics.eligibility import evaluate, golongan_rank, split_list
from analytics.performance import effective_predikat
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
    "pool_only", "ranked_with_reasons", "ready_now_possible", "shortlist", "talent_score",
]


def ranked_with_reasons(candidates: pd.DataFrame, target: dict | pd.Series, rules: SuccessionRules, on: date,
                        period: int, predikat_history: pd.DataFrame | None = None,
                        limit: int | None = None, career: pd.DataFrame | None = None
                        ) -> tuple[pd.DataFrame, pd.DataFrame]:
    """``shortlist(evaluate(...))`` with the reason texts and the checks worked out only for the first
    ``limit`` ranked (readiness and rank do not depend on them, and for a national pool of 250k
    people the texts were most of the time and memory). Rows past ``limit`` have an empty ``alasan``
    and ``alasan_urutan``. ``career``: the candidates' career spans (see :func:`evaluate`).

    ``alasan_urutan`` is the one line that explains a candidate's place (readiness · years in the
    post's field · JPM at the target level · talent score · pension year), for the page, the
    workbook and the presentation."""
    summary, _ = evaluate(candidates, target, rules, on, period, predikat_history, reasons=False, career=career)
    ranked = shortlist(summary)
    head = ranked["nip"] if limit is None else ranked["nip"].head(limit)
    shown = candidates[candidates["nip"].isin(head)]
    detail, checks = evaluate(shown, target, rules, on, period, predikat_history, career=career)
    ranked["alasan"] = ranked["nip"].map(detail.set_index("nip")["alasan"]).fillna("")
    ranked["alasan_urutan"] = ""
    if len(head):
        level = str(target["jenjang_jabatan"])
        bup = rules.retirement.set_index("jenjang_jabatan")["usia_bup"]
        birth = shown.set_index("nip")["tanggal_lahir"] if "tanggal_lahir" in shown.columns else None
        top = ranked.iloc[:len(head)].copy()
        top["tahun_pensiun"] = fit.pension_year(top["nip"].map(birth), bup.get(level)).to_numpy() \
            if birth is not None else np.nan
        fields = [f for f in str(top["bidang_target"].iloc[0] or "").split(" / ") if f] \
            if "bidang_target" in top.columns else []
        seleksi = rules.jpm_bands[rules.jpm_bands["skema"] == "seleksi"]["batas_bawah"]
        jpm_top = float(seleksi.max()) if len(seleksi) else np.inf
        ranked.loc[:len(head) - 1, "alasan_urutan"] = fit.reason_lines(top, fields, level, jpm_top)
    return ranked, checks


def shortlist(summary: pd.DataFrame, include_non_candidates: bool = False, limit: int | None = None) -> pd.DataFrame:
    """Candidates ranked (decision 0030): readiness (Siap Sekarang first), fit to the post (``kecocokan``:
    years in the post's field and the JPM at the target level), talent score, years in the field, JPM at
    the target level, NIP."""
    s = summary if include_non_candidates else summary[summary["kesiapan"] != BUKAN]
    order = {k: i for i, k in enumerate(READINESS)}

    def num(name: str) -> pd.Series:
        return -(s[name].astype(float).fillna(-1e9)) if name in s.columns else pd.Series(0.0, index=s.index)
    keys = {"_r": s["kesiapan"].map(order), "_f": num("kecocokan"), "_t": num("skor_talenta"),
            "_y": num("tahun_bidang"), "_j": num("jpm_target")}
    s = s.assign(**keys).sort_values([*keys, "nip"]).drop(columns=list(keys))
    s = s.reset_index(drop=True)
    s.insert(0, "peringkat", np.arange(1, len(s) + 1))
    return s if limit is None else s.head(limit)


def pool_only(candidates: pd.DataFrame, rules: SuccessionRules) -> pd.DataFrame:
    """Candidates whose final box is in the succession pool: everyone else is Bukan Kandidat for any
    post, so ranking and bench counts only need these rows."""
    pool = rules.boxes.loc[rules.boxes["kelompok_suksesi"].astype(bool), "kotak"].astype(int).tolist()
    return candidates[pd.to_numeric(candidates["kotak"], errors="coerce").isin(pool)]


def ready_now_possible(people: pd.DataFrame, levels, rules: SuccessionRules) -> np.ndarray:
    """Who could be Siap Sekarang for a post of one of ``levels``: ``people`` (kotak, jenjang_jabatan) whose
    box and current level meet the ``kotak`` and ``jabatan_sebelumnya`` checks of :func:`evaluate` for at
    least one of the levels (a failed or unknown check is never Siap Sekarang). Everyone else can be left
    out of a ready-now count before their dates, history and sanctions are read; the other readiness
    counts of :func:`bench_strength` need everyone."""
    kotak = pd.to_numeric(people["kotak"], errors="coerce").to_numpy(dtype=float)
    urut = rules.job_level.set_index("jenjang_jabatan")["urutan"].astype(float).to_dict()
    have = people["jenjang_jabatan"].astype(object).map(
        lambda v: urut.get(v, np.nan) if isinstance(v, str) else np.nan).to_numpy(dtype=float)
    out = np.zeros(len(people), dtype=bool)
    for level in dict.fromkeys(str(lv) for lv in levels):
        p = rules.params(level)
        ok = np.ones(len(people), dtype=bool)
        if "kotak" in p:
            ok &= np.isin(kotak, [int(x) for x in split_list(p["kotak"][0])])
        if "jabatan_sebelumnya" in p:
            ok &= have >= min(urut.get(x, np.inf) for x in split_list(p["jabatan_sebelumnya"][0]))
        out |= ok
    return out


def candidate_frame(population: pd.DataFrame, placed: pd.DataFrame) -> pd.DataFrame:
    """Population (dates, education, competencies) joined with the final placement (kotak, values)."""
    final = placed[["nip", "kotak", "kotak_awal", "kinerja_nilai", "potensial_nilai", "jpm", "predikat_efektif",
                    "status", "usia"]]
    return population.merge(final, on="nip", how="inner", validate="one_to_one")


def bench_strength(posts: pd.DataFrame, candidates: pd.DataFrame, rules: SuccessionRules, on: date, period: int,
                   predikat_history: pd.DataFrame | None = None, career: pd.DataFrame | None = None) -> pd.DataFrame:
    """Per target post: ready-now, ready-soon and future counts; ``tanpa_penerus`` when no one is ready
    now or soon. The post's holder is never their own successor."""
    out = []
    candidates = pool_only(candidates, rules)
    # A candidate's readiness depends only on their own row and, of the post, on its level, required
    # fields of study and field of work: evaluate once per (level, fields) and leave the holder's own row out of the counts
    # (the same counts as evaluating each post without its holder; 51 posts → ~20 evaluations).
    nips = candidates["nip"].to_numpy(dtype=object)
    readiness: dict[tuple, np.ndarray] = {}
    words = FieldWords(rules.field_words)
    for post in posts.to_dict("records"):
        fields = post.get("bidang_pendidikan")
        level = str(post["jenjang_jabatan"])
        # the post's field of work changes readiness only where the level has a field-experience rule
        work = tuple(fields_of_post(post, words)) if "pengalaman_bidang_tahun" in rules.params(level) else ()
        key = (level, tuple(split_list(fields)) if isinstance(fields, str) else (), work)
        if key not in readiness:
            summ, _ = evaluate(candidates, post, rules, on, period, predikat_history, reasons=False, career=career)
            readiness[key] = summ["kesiapan"].to_numpy(dtype=object)
        counts = pd.Series(readiness[key][nips != post.get("pemangku_nip")], dtype=object).value_counts()
        now, soon = int(counts.get(SIAP_SEKARANG, 0)), int(counts.get(SIAP_SEGERA, 0))
        out.append({"post_id": post["post_id"], "jabatan": post["jabatan"], "opd_nama": post.get("opd_nama"),
                    "jenjang_jabatan": post["jenjang_jabatan"], "lowong": bool(post.get("lowong")),
                    "kritikal": bool(post.get("kritikal")), "siap_sekarang": now, "siap_1_2_tahun": soon,
                    "potensi_masa_depan": int(counts.get(POTENSI, 0)), "tanpa_penerus": now + soon == 0})
    return pd.DataFrame(out, columns=["post_id", "jabatan", "opd_nama", "jenjang_jabatan", "lowong", "kritikal",
                                      "siap_sekarang", "siap_1_2_tahun", "potensi_masa_depan", "tanpa_penerus"])
