"""Cached data for the Suksesi page: rule frames, candidates (final boxes) and bench strength.

Like ``ui/services.py``, every cached frame is shared between sessions: never mutate it.
Cache keys include the data version of the snapshot they were read in and the caller's scope.
"""
from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from analytics import eligibility as el
from data.store import Filters, Scope, Store
from ui import services


def build_rules(store: Store, period: int) -> el.SuccessionRules:
    """The rule frames eligibility reads, from the rule tables in force for ``period``."""
    rs = services.rules(period)
    return el.SuccessionRules(
        eligibility=store.table("rule_eligibility"), retirement=store.table("rule_retirement"),
        job_level=store.table("job_level"), education=store.table("education_level"), predikat=rs.predikat,
        boxes=rs.boxes, skj=rs.skj, skj_codes=rs.skj_codes(), jpm_bands=rs.jpm_bands,
        predikat_pair=rs.predikat_pair, legacy_score=rs.legacy_score, jpm_cap=rs.jpm_cap)


def candidate_frame(population: pd.DataFrame, placed: pd.DataFrame) -> pd.DataFrame:
    """Population (dates, education, competencies) joined with the final placement (kotak, values)."""
    final = placed[["nip", "kotak", "kotak_awal", "kinerja_nilai", "potensial_nilai", "jpm", "predikat_efektif",
                    "status", "usia"]]
    return population.merge(final, on="nip", how="inner", validate="one_to_one")


@services.versioned_cache(max_entries=16)
def _candidates(_snap: Store, path: str, version: tuple, period: int, opd: tuple, jenis: tuple, asn: tuple,
                scope: tuple | None) -> tuple[pd.DataFrame, pd.DataFrame]:
    placed = services.placements(period, Filters(opd, jenis, asn), Scope(scope))  # same snapshot
    rules = build_rules(_snap, period)
    # Everyone outside the pool's boxes is Bukan Kandidat for every post: only the pool is read in full.
    pool = el.pool_only(placed, rules)
    pop = _snap.population(period, Filters(opd, jenis, asn), nips=pool["nip"].to_numpy(), scope=Scope(scope))
    years = int(float(rules.params("*").get("predikat_tahun", ("1", ""))[0]))
    history = _snap.predikat_history(period, years, scope=Scope(scope), nips=pool["nip"].to_numpy())
    return candidate_frame(pop, pool), history


def candidates(period: int, filters: Filters, scope: Scope) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(candidates, predikat history) of the succession pool (the boxes ``rule_box.kelompok_suksesi``)
    inside the scope and filters, read in one snapshot. Everyone else is Bukan Kandidat for any post."""
    with services.snapshot() as snap:
        return _candidates(snap, str(snap.path), snap.version, period, filters.opd_ids, filters.jenis_jabatan,
                           filters.jenis_asn, scope.opd_ids)


@services.versioned_cache(max_entries=16)
def _bench(_snap: Store, path: str, version: tuple, period: int, opd: tuple, jenis: tuple, asn: tuple,
           scope: tuple | None, on: date) -> pd.DataFrame:
    cand, hist = _candidates(_snap, path, version, period, opd, jenis, asn, scope)
    return el.bench_strength(_snap.target_posts(Scope(scope)), cand, build_rules(_snap, period), on, period, hist)


def bench(period: int, filters: Filters, scope: Scope, on: date) -> pd.DataFrame:
    with services.snapshot() as snap:
        return _bench(snap, str(snap.path), snap.version, period, filters.opd_ids, filters.jenis_jabatan,
                      filters.jenis_asn, scope.opd_ids, on)


def shortlists(period: int, filters: Filters, scope: Scope, on: date, limit: int = 10,
               vacant_only: bool = True) -> dict[str, pd.DataFrame]:
    """Per target post (``jabatan``), its ranked shortlist head as the Suksesi page computes it."""
    with services.snapshot() as s:  # posts, rules and candidates from one state
        cand, hist = candidates(period, filters, scope)
        rules = build_rules(s, period)
        posts = s.target_posts(scope)
    pool = el.pool_only(cand, rules)
    people = cand.set_index("nip")[["nama", "gelar_depan", "gelar_belakang", "jabatan", "jenjang_jabatan", "opd_nama"]]
    out: dict[str, pd.DataFrame] = {}
    for post in (posts[posts["lowong"]] if vacant_only else posts).to_dict("records"):
        ranked, _ = el.ranked_with_reasons(pool[pool["nip"] != post.get("pemangku_nip")], post, rules, on, period,
                                           hist, limit=limit)
        ranked = ranked.head(limit).join(people, on="nip")
        out[str(post["jabatan"])] = ranked[["peringkat", "nama", "nip", "jabatan", "jenjang_jabatan", "opd_nama",
                                            "kotak", "skor_talenta", "jpm_target", "kesiapan", "alasan"]]
    return out
