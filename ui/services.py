"""Cached access to the data layer and the engine for pages.

``st.cache_resource`` returns the cached object itself (no pickled copy), so
every frame returned here is shared between sessions and must never be mutated.
Cache keys include the database's data version, so an import or a rule change
is visible at the next rerun.
"""
from __future__ import annotations

import pandas as pd
import streamlit as st

from analytics.engine import place
from analytics.ninebox import box_summary
from analytics.rules import RuleSet
from data.store import Filters, Store, db_path, open_store


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
def _placements(path: str, version: tuple, period: int, opd: tuple, jenis: tuple, asn: tuple) -> pd.DataFrame:
    s = _store(path)
    pop = s.population(period, Filters(opd, jenis, asn))
    placed = place(pop, _rules(path, version, period))
    keep = ["nama", "jabatan", "jenis_jabatan", "jenjang_jabatan", "opd_id", "opd_nama", "jenis_kelamin",
            "jenis_asn", "tanggal_lahir", "pendidikan_tingkat", "golongan"]
    return pd.concat([placed, pop[keep]], axis=1)


def placements(period: int, filters: Filters) -> pd.DataFrame:
    """Placement of every ASN of the period within the filters (shared: do not mutate)."""
    s = store()
    return _placements(str(s.path), s.data_version(), period, filters.opd_ids, filters.jenis_jabatan,
                       filters.jenis_asn)


@st.cache_resource(show_spinner=False, max_entries=32)
def _headline(path: str, version: tuple, period: int, opd: tuple, jenis: tuple, asn: tuple) -> dict:
    return _store(path).headline(period, Filters(opd, jenis, asn))


def headline(period: int, filters: Filters) -> dict:
    s = store()
    return _headline(str(s.path), s.data_version(), period, filters.opd_ids, filters.jenis_jabatan,
                     filters.jenis_asn)


def summary(period: int, filters: Filters) -> pd.DataFrame:
    return box_summary(placements(period, filters)["kotak"], rules(period).boxes)
