"""Beranda's count of vacant posts with a candidate ready now, for everyone, is stored per data version and
date once worked out: a cold Beranda reads it; another version, another date or a filtered view works it out."""
from __future__ import annotations

from datetime import date

import pytest

from data.store import Filters, Scope


def test_the_count_for_everyone_is_stored_and_read_back(demo_copy, monkeypatch):
    from ui import home, services

    store = services.store()
    period = max(store.periods())
    on = date(period, 12, 31)
    count = home.vacant_ready_count(period, Filters(), Scope(None), on)
    assert count > 0, "the demo has vacant posts with a ready candidate, or the check says nothing"
    with services.snapshot() as snap:
        version = snap.version
    assert store.stored_vacant_ready(period, version, on) == count
    # a cold run (caches cleared) reads the stored row and works nothing out
    services.clear_data_caches()

    def never(*a, **k):
        raise AssertionError("worked out again although stored")
    monkeypatch.setattr(home, "_vacant_ready", never)
    assert home.vacant_ready_count(period, Filters(), Scope(None), on) == count
    # a filtered view, a scope or another date is worked out (and a filtered count is never stored)
    with pytest.raises(AssertionError, match="worked out"):
        home.vacant_ready_count(period, Filters(jenis_asn=("PNS",)), Scope(None), on)
    with pytest.raises(AssertionError, match="worked out"):
        home.vacant_ready_count(period, Filters(), Scope(None), date(period + 3, 6, 1))


def test_a_row_of_another_version_is_never_read(demo_copy):
    from ui import home, services

    store = services.store()
    period = max(store.periods())
    on = date(period, 12, 31)
    with services.snapshot() as snap:
        version = snap.version
    other = (int(version[0]) + 1000, int(version[1]))
    store._scalar("INSERT INTO vacant_ready VALUES (?, ?, ?, ?, 999) RETURNING jumlah", [period, *other, on])
    assert store.stored_vacant_ready(period, other, on) == 999
    count = home.vacant_ready_count(period, Filters(), Scope(None), on)
    assert count != 999 and store.stored_vacant_ready(period, version, on) == count
    assert store.stored_vacant_ready(period, other, on) is None, "a write prunes the other versions"
