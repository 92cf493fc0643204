"""Cached access to the data layer and the engine for pages.

``st.cache_resource`` returns the cached object itself (no pickled copy), so
every frame returned here is shared between sessions and must never be mutated.
Cache keys include the database's data version, so an import or a rule change
is visible at the next rerun.
"""
from __future__ import annotations

import pandas as pd
import streamlit as st

from datetime import date

from analytics.demography import age_band, age_on
from analytics.calibration import apply_calibration
from analytics.engine import place
from analytics.positions import plot_positions
from analytics.ninebox import box_summary
from analytics.rules import RuleSet
from data.store import Filters, Scope, Store, db_path, open_store


@st.cache_resource(show_spinner=False)
def _store(path: str) -> Store:
    return open_store(path)


def store() -> Store:
    return _store(str(db_path()))


@st.cache_resource(show_spinner=False, max_entries=32)
def _rules(path: str, version: tuple, period: int) -> RuleSet:
    return _store(path).rules(period)


def rules(period: int) -> RuleSet:
    s = store()
    return _rules(str(s.path), s.data_version(), period)


@st.cache_resource(show_spinner=False, max_entries=32)
def _placements(path: str, version: tuple, period: int, opd: tuple, jenis: tuple, asn: tuple,
                scope: tuple | None) -> pd.DataFrame:
    s = _store(path)
    pop = s.population(period, Filters(opd, jenis, asn), scope=Scope(scope))
    placed = place(pop, _rules(path, version, period))
    keep = ["nama", "gelar_depan", "gelar_belakang", "jabatan", "jenis_jabatan", "jenjang_jabatan", "opd_id",
            "opd_nama", "unit_kerja", "jenis_kelamin", "jenis_asn", "tanggal_lahir", "pendidikan_tingkat",
            "pendidikan_bidang", "golongan", "sumber", "periode_asesmen"]
    out = pd.concat([placed, pop[[c for c in keep if c in pop.columns]]], axis=1)
    out["usia"] = age_on(out["tanggal_lahir"], date(period, 12, 31))
    out["kelompok_usia"] = age_band(out["usia"])
    out["jpm_teks"] = out["jpm"].map(lambda v: "–" if pd.isna(v) else f"{v:.1f}".replace(".", ","))
    rules = _rules(path, version, period)
    out = pd.concat([out, plot_positions(out, rules)], axis=1)
    return apply_calibration(out, s.calibrations(period, scope=Scope(scope)), rules.boxes)


def placements(period: int, filters: Filters, scope: Scope) -> pd.DataFrame:
    """Placement of every ASN of the period within the scope and filters (shared: do not mutate)."""
    s = store()
    return _placements(str(s.path), s.data_version(), period, filters.opd_ids, filters.jenis_jabatan,
                       filters.jenis_asn, scope.opd_ids)


@st.cache_resource(show_spinner=False, max_entries=32)
def _headline(path: str, version: tuple, period: int, opd: tuple, jenis: tuple, asn: tuple,
              scope: tuple | None) -> dict:
    return _store(path).headline(period, Filters(opd, jenis, asn), scope=Scope(scope))


def headline(period: int, filters: Filters, scope: Scope) -> dict:
    s = store()
    return _headline(str(s.path), s.data_version(), period, filters.opd_ids, filters.jenis_jabatan,
                     filters.jenis_asn, scope.opd_ids)


def person_history(nip: str, scope: Scope) -> pd.DataFrame:
    """The person's placement in every period they appear in within the scope (no cache: one person)."""
    s = store()
    frames = []
    for period in s.person_periods(nip, scope=scope):
        pop = s.population(period, nips=[nip], scope=scope)
        if pop.empty:
            continue
        rules = _rules(str(s.path), s.data_version(), period)
        placed = apply_calibration(place(pop, rules), s.calibrations(period, scope=scope), rules.boxes)
        frames.append(pd.concat([pop, placed.drop(columns=["nip"])], axis=1))
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()


def summary(period: int, filters: Filters, scope: Scope) -> pd.DataFrame:
    return box_summary(placements(period, filters, scope)["kotak"], rules(period).boxes)
