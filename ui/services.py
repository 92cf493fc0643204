"""Cached access to the data layer and the engine for pages.

``st.cache_resource`` returns the cached object itself (no pickled copy), so
every frame returned here is shared between sessions and must never be mutated.
Cache keys include the database's data version, so an import or a rule change
is visible at the next rerun.

Consistent reads: every read here goes through a store snapshot (one
read-only transaction, see ``Store.snapshot``) and is cached under that snapshot's
version, so a cached value is always exactly one committed state. ``app.py`` runs
each page inside :func:`snapshot`, so a whole rerun sees one state even while an
import commits; a function called outside a run opens its own snapshot.
"""
from __future__ import annotations

import dataclasses
import logging
import threading
import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date

import numpy as np
import pandas as pd
import streamlit as st

from analytics.calibration import apply_calibration
from analytics.demography import age_band, age_on
from analytics.engine import input_columns, place
from analytics.ninebox import box_summary
from analytics.positions import plot_positions
from analytics.rules import RuleSet
from common import fmt
from common.i18n import DEFAULT, language
from common.terms import box_label, followups
from data import memory
from data.frames import concat_pieces
from data.store import Filters, Scope, Store, StoreError, db_path, open_store


@st.cache_resource(show_spinner=False)
def _store(path: str) -> Store:
    return open_store(path)


def store() -> Store:
    """The process's store: for writes, and reads that need not agree with anything else."""
    return _store(str(db_path()))


def audit(actor: str, action: str, entity: str | None = None, detail: dict | None = None) -> None:
    """Record who did what (an export, a view of personal data) in the audit log."""
    store().audit(actor, action, entity, detail)


# Every cached function keyed by a data version (here and in the other ui modules). A version only
# grows (its parts are a count of import batches and the last audit id), and once a newer one has been
# read, what older ones cached is only memory: a calibration move or an import would otherwise leave
# a national placements frame (0.7 GB at 4.7M ASN) behind each time, up to ``max_entries``.
_VERSIONED: list = []
_newest: dict[str, tuple] = {}   # per database file
_newest_lock = threading.Lock()


def versioned_cache(max_entries: int = 32):
    """``st.cache_resource`` for a function whose key holds ``snap.version``: every entry is dropped
    as soon as a newer data version is read (see :func:`snapshot`)."""
    def register(fn):
        cached = st.cache_resource(show_spinner=False, max_entries=max_entries)(fn)
        _VERSIONED.append(cached)
        return cached
    return register


def clear_data_caches() -> None:
    """Drop every frame cached from the data (not the store itself) and ``st.cache_data``."""
    for cached in _VERSIONED:
        cached.clear()
    _placed.clear()
    st.cache_data.clear()


def _seen(path: str, version: tuple) -> None:
    with _newest_lock:
        older = _newest.get(path)
        if older is not None and version <= older:
            return
        _newest[path] = version
    if older is not None:
        clear_data_caches()


@contextmanager
def snapshot() -> Iterator[Store]:
    """Context manager: reads inside it (this thread) see one committed state; yields a read-only
    Store whose ``version`` is that state's cache key. Re-entrant, so nested calls share it. The
    first snapshot of a newer version drops what older versions cached."""
    with store().snapshot() as snap:
        _seen(str(snap.path), snap.version)
        yield snap


# Cached functions take the snapshot as ``_snap``: Streamlit does not hash parameters whose name
# starts with "_", so the key is (path, version, ...) and a miss reads the very state it is keyed by.
@versioned_cache()
def _rules(_snap: Store, path: str, version: tuple, period: int) -> RuleSet:
    return _snap.rules(period)


def rules(period: int) -> RuleSet:
    """The period's rules; the boxes' labels and follow-ups in the page's language (``common.terms``)."""
    with snapshot() as snap:
        found = _rules(snap, str(snap.path), snap.version, period)
    lang = language()
    if lang == DEFAULT:
        return found
    boxes = found.boxes.assign(
        label=[box_label(r.label, r.kategori_kinerja, r.kategori_potensial, lang) for r in found.boxes.itertuples()],
        rekomendasi=[followups(r, lang) for r in found.boxes["rekomendasi"]])
    return dataclasses.replace(found, boxes=boxes)


# What pages show of a person next to their placement (the engine's inputs are not kept).
PERSON_COLUMNS = ("nama", "gelar_depan", "gelar_belakang", "jabatan", "jenis_jabatan", "jenjang_jabatan", "opd_id",
                  "opd_nama", "unit_kerja", "jenis_kelamin", "jenis_asn", "tanggal_lahir", "pendidikan_tingkat",
                  "pendidikan_bidang", "golongan", "sumber", "periode_asesmen")
# Labels the engine and calibration give per person, from a handful of values: kept as categoricals
# (a byte a person instead of a pointer or a string; 4.7M ASN must fit 4 GB).
LABEL_COLUMNS = ("predikat_efektif", "kinerja_kategori", "kinerja_formula", "potensial_kategori",
                 "potensial_formula", "status", "jpm_pemetaan", "jpm_seleksi", "kelompok_usia", "alasan_kode",
                 "jpm_teks", "jpm_asal")


PIECE_ROWS = 500_000   # people placed at a time (a piece's population: ~150 MB at most)


@versioned_cache()
def _placements(_snap: Store, path: str, version: tuple, period: int, opd: tuple, jenis: tuple, asn: tuple,
                scope: tuple | None) -> pd.DataFrame:
    rules = _rules(_snap, path, version, period)
    # Placed piece by piece (the engine works per person): a national population is never held at
    # once, only the compact results. Only the columns the engine and the pages read are loaded.
    pieces = []
    for pop in _snap.population_pieces(period, Filters(opd, jenis, asn), scope=Scope(scope),
                                       columns=[*input_columns(rules), *PERSON_COLUMNS], rows=PIECE_ROWS):
        pieces.append(_place_piece(pop, rules, period))
        del pop   # before the next piece is read
    out = concat_pieces(pieces)   # NIP ranges in order: sorted by NIP
    key = pseudonym_key()   # dot positions are keyed: no one without the secret can tell whose dot is whose
    out = pd.concat([out, plot_positions(out, rules, key)], axis=1)   # the value axes span every piece
    out = apply_calibration(out, _snap.calibrations(period, scope=Scope(scope)), rules.boxes, key)
    out["alasan_kode"] = pd.Categorical(out["alasan_kode"])
    memory.release_freed()  # the engine's intermediates
    return out


def _place_piece(pop: pd.DataFrame, rules: RuleSet, period: int) -> pd.DataFrame:
    """The engine's results for some people, with what pages show of them, labels as categoricals."""
    placed = place(pop, rules)
    out = pd.concat([placed, pop[[c for c in PERSON_COLUMNS if c in pop.columns]]], axis=1)
    del pop, placed
    out["tanggal_lahir"] = pd.to_datetime(out["tanggal_lahir"]).astype("datetime64[s]")
    out["usia"] = age_on(out["tanggal_lahir"], date(period, 12, 31))
    out["kelompok_usia"] = age_band(out["usia"])
    out["jpm_teks"] = fmt.num_column(out["jpm"], 1)
    for c in LABEL_COLUMNS:
        if c in out.columns:
            out[c] = pd.Categorical(out[c])  # categories sorted
    return out


# The frames :func:`placements` returned, by key, held weakly: a frame the cache let go (a new version, an
# eviction, a cleared cache) is gone from here too, so "ready" never outlives the cached frame.
_placed: weakref.WeakValueDictionary = weakref.WeakValueDictionary()


def _view_key(snap: Store, period: int, filters: Filters, scope: Scope) -> tuple:
    """What :func:`_placements` is cached under (after its snapshot)."""
    return (str(snap.path), snap.version, period, filters.opd_ids, filters.jenis_jabatan, filters.jenis_asn,
            scope.opd_ids)


def placements(period: int, filters: Filters, scope: Scope) -> pd.DataFrame:
    """Placement of every ASN of the period within the scope and filters (shared: do not mutate)."""
    with snapshot() as snap:
        key = _view_key(snap, period, filters, scope)
        found = _placements(snap, *key)
        _placed[key] = found
        return found


def placements_ready(period: int, filters: Filters, scope: Scope) -> bool:
    """Whether :func:`placements` of this view is in the cache for the current data (then it costs a look-up)."""
    with snapshot() as snap:
        return _view_key(snap, period, filters, scope) in _placed


def prepare(period: int) -> None:
    """The period's whole view placed, stored and cached, right after a write that changed it (an import): the
    pages that follow count and draw it at once. A failure is only logged: the pages compute it themselves."""
    try:
        counts(period, Filters(), Scope(None))        # places the period and stores the placements
        placements(period, Filters(), Scope(None))    # the same engine frame, now a cache hit
    except Exception:   # noqa: BLE001 - the write succeeded; this is a head start only
        logging.getLogger(__name__).exception("Placements of period %s could not be prepared", period)


@versioned_cache()
def _headline(_snap: Store, path: str, version: tuple, period: int, opd: tuple, jenis: tuple, asn: tuple,
              scope: tuple | None) -> dict:
    if _snap.placements_stored(period, version):   # counted from the stored rows: no roll joined
        return _snap.placement_headline(period, version, Filters(opd, jenis, asn), Scope(scope))
    return _snap.headline(period, Filters(opd, jenis, asn), scope=Scope(scope))


def headline(period: int, filters: Filters, scope: Scope) -> dict:
    with snapshot() as snap:
        return _headline(snap, str(snap.path), snap.version, period, filters.opd_ids, filters.jenis_jabatan,
                         filters.jenis_asn, scope.opd_ids)


def person_history(nip: str, scope: Scope) -> pd.DataFrame:
    """The person's placement in every period they appear in within the scope (no cache: one person)."""
    frames = []
    with snapshot() as s:
        for period in s.person_periods(nip, scope=scope):
            pop = s.population(period, nips=[nip], scope=scope)
            if pop.empty:
                continue
            rules = _rules(s, str(s.path), s.version, period)
            placed = apply_calibration(place(pop, rules), s.calibrations(period, scope=scope), rules.boxes)
            frames.append(pd.concat([pop, placed.drop(columns=["nip"])], axis=1))
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()


# -- Counts from the stored placements (data/store/placements.py, decision 0033) ------------------------
# The whole period's placements (no scope, no filters) are written under the snapshot's version the first
# time that view is placed (the server's warm-up does it at start); from then on counts are a GROUP BY.
_writing = threading.Lock()   # one write at a time; the store skips a version already stored


def _store_whole(snap: Store, path: str, version: tuple, period: int) -> pd.DataFrame:
    """The period's placements for everyone (the cached engine frame), stored under ``version`` when
    they are not yet: by the process's store, outside the snapshot (which cannot write nor see rows
    written after it began)."""
    whole = _placements(snap, path, version, period, (), (), (), None)
    with _writing:
        if not store().placements_stored(period, version):
            store().store_placements(period, version, whole)
    return whole


def _frame_counts(placed: pd.DataFrame) -> pd.DataFrame:
    out = placed.groupby(["kotak", "status"], dropna=False, observed=True).size().reset_index(name="jumlah")
    return _typed_counts(out)


def _typed_counts(counts: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame({"kotak": pd.array(counts["kotak"].astype("Float64"), dtype="Int8"),
                         "status": counts["status"].astype(str).to_numpy(),
                         "jumlah": counts["jumlah"].astype(int).to_numpy()})


@versioned_cache()
def _counts(_snap: Store, path: str, version: tuple, period: int, opd: tuple, jenis: tuple, asn: tuple,
            scope: tuple | None) -> pd.DataFrame:
    if _snap.placements_stored(period, version):
        return _typed_counts(_snap.placement_counts(period, version, Filters(opd, jenis, asn), Scope(scope)))
    if not (opd or jenis or asn) and scope is None:   # the whole period: placed anyway, so store it
        return _frame_counts(_store_whole(_snap, path, version, period))
    return _frame_counts(_placements(_snap, path, version, period, opd, jenis, asn, scope))


def counts(period: int, filters: Filters, scope: Scope) -> pd.DataFrame:
    """People per (kotak, status) within the scope and filters: kotak (Int8, NA = not placed), status,
    jumlah. A GROUP BY over the stored placements of the snapshot's version; the engine's frame where
    that version is not stored yet (then stored, for the whole period). Shared: do not mutate."""
    with snapshot() as snap:
        return _counts(snap, str(snap.path), snap.version, period, filters.opd_ids, filters.jenis_jabatan,
                       filters.jenis_asn, scope.opd_ids)


def summary(period: int, filters: Filters, scope: Scope) -> pd.DataFrame:
    """The 9-box counts and shares (``box_summary``), from :func:`counts`."""
    with snapshot():
        found = counts(period, filters, scope)
        placed = found[found["kotak"].notna()]
        kotak = pd.Series(np.repeat(placed["kotak"].astype(int).to_numpy(), placed["jumlah"].to_numpy()))
        return box_summary(kotak, rules(period).boxes)


# What succession reads of a candidate's placement (analytics.succession.candidate_frame)
POOL_COLUMNS = ("nip", "kotak", "kotak_awal", "kinerja_nilai", "potensial_nilai", "jpm", "predikat_efektif",
                "status", "usia")


@versioned_cache()
def _stored_pool(_snap: Store, path: str, version: tuple, period: int, opd: tuple, jenis: tuple, asn: tuple,
                 scope: tuple | None, boxes: tuple) -> pd.DataFrame:
    found = _snap.stored_placements(period, version, Filters(opd, jenis, asn), Scope(scope), boxes)
    out = found[list(POOL_COLUMNS)].copy()
    for c in ("kotak", "kotak_awal"):
        out[c] = pd.array(out[c].astype("Float64"), dtype="Int8")
    out["usia"] = pd.array(out["usia"].astype("Float64"), dtype="Int64")
    for c in ("predikat_efektif", "status"):
        out[c] = pd.Categorical(out[c])
    return out


def pool_placements(period: int, filters: Filters, scope: Scope, boxes: list[int]) -> pd.DataFrame:
    """The placements (``POOL_COLUMNS``, by NIP) of the people whose final box is in ``boxes``: from the
    stored rows when the snapshot's version is stored, else from :func:`placements`. Shared: do not mutate."""
    with snapshot() as snap:
        if snap.placements_stored(period, snap.version):
            return _stored_pool(snap, str(snap.path), snap.version, period, filters.opd_ids, filters.jenis_jabatan,
                                filters.jenis_asn, scope.opd_ids, tuple(int(b) for b in boxes))
        placed = placements(period, filters, scope)
        return placed.loc[placed["kotak"].isin(list(boxes)), list(POOL_COLUMNS)]


@st.cache_resource(show_spinner=False)
def _pseudonym_key(path: str) -> bytes:
    value = _store(path).setting("kunci_samaran")
    if not value:
        raise StoreError("Kunci samaran belum ada: minta admin server memutakhirkan basis data (panduan operasi, "
                         "bagian perintah).")
    return value.encode()


def pseudonym_key() -> bytes:
    """The installation's secret for pseudonyms (see analytics/anonymise.py)."""
    return _pseudonym_key(str(store().path))
