"""Cached data for the Suksesi page: rule frames, candidates (final boxes) and bench strength.

Like ``ui/services.py``, every cached frame is shared between sessions: never mutate it.
Cache keys include the database's data version and the caller's scope.
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
    return population.merge(final, on="nip", how="left", validate="one_to_one")


@st.cache_resource(show_spinner=False, max_entries=16)
def _candidates(path: str, version: tuple, period: int, opd: tuple, jenis: tuple, asn: tuple,
                scope: tuple | None) -> tuple[pd.DataFrame, pd.DataFrame]:
    s = services.store()
    pop = s.population(period, Filters(opd, jenis, asn), scope=Scope(scope))
    placed = services.placements(period, Filters(opd, jenis, asn), Scope(scope))
    rules = build_rules(s, period)
    years = int(float(rules.params("*").get("predikat_tahun", ("1", ""))[0]))
    history = s.predikat_history(period, years, scope=Scope(scope))
    return candidate_frame(pop, placed), history


def candidates(period: int, filters: Filters, scope: Scope) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(candidates, predikat history) inside the scope and filters."""
    s = services.store()
    return _candidates(str(s.path), s.data_version(), period, filters.opd_ids, filters.jenis_jabatan,
                       filters.jenis_asn, scope.opd_ids)


@st.cache_resource(show_spinner=False, max_entries=16)
def _bench(path: str, version: tuple, period: int, opd: tuple, jenis: tuple, asn: tuple, scope: tuple | None,
           on: date) -> pd.DataFrame:
    s = services.store()
    cand, hist = _candidates(path, version, period, opd, jenis, asn, scope)
    return el.bench_strength(s.target_posts(Scope(scope)), cand, build_rules(s, period), on, period, hist)


def bench(period: int, filters: Filters, scope: Scope, on: date) -> pd.DataFrame:
    s = services.store()
    return _bench(str(s.path), s.data_version(), period, filters.opd_ids, filters.jenis_jabatan,
                  filters.jenis_asn, scope.opd_ids, on)
