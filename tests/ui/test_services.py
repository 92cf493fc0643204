"""ui/services.py outside a page: placements computed piece by piece, caches dropped on a new version."""
from __future__ import annotations

import gc
import shutil
import threading
import weakref

import pandas as pd
import pytest

from data.store import EVERYTHING, Filters
from ui import services


@pytest.fixture
def db(demo_db, tmp_path, monkeypatch):
    path = tmp_path / "services.duckdb"
    shutil.copy(demo_db, path)
    monkeypatch.setenv("TALENTA_DB", str(path))
    yield path
    services.store().close()


def _plain(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.astype({c: object for c in frame.columns if isinstance(frame[c].dtype, pd.CategoricalDtype)})


@pytest.mark.slow  # about 6 s
def test_placing_piece_by_piece_gives_what_placing_everyone_at_once_gives(db, monkeypatch):
    """National populations are placed in pieces; nothing in a placement may depend on the cut (the
    dots' value axes span the whole population, calibrations apply after)."""
    whole = services.placements(2025, Filters(), EVERYTHING)
    services.clear_data_caches()
    monkeypatch.setattr(services, "PIECE_ROWS", len(whole) // 6)
    pieces = services.placements(2025, Filters(), EVERYTHING)
    assert pieces is not whole
    pd.testing.assert_frame_equal(_plain(pieces), _plain(whole))


def test_a_new_data_version_drops_the_frames_cached_for_older_ones(db):
    """A calibration move changes the data version: the next read gets the new placement, and the old
    national frame is not kept for a version no one will read again."""
    before = services.placements(2025, Filters(), EVERYTHING)
    person = before[before["kotak"] == 5].iloc[0]
    gone = weakref.ref(before)
    services.store().calibrate(2025, person["nip"], 5, 8, "BUKTI_POTENSI", "uji", "admin")
    del before
    after = services.placements(2025, Filters(), EVERYTHING)
    assert after.loc[after["nip"] == person["nip"], "kotak"].item() == 8
    gc.collect()
    assert gone() is None


def test_an_older_snapshot_read_after_a_newer_one_does_not_drop_the_newer_frames(db):
    """A rerun that began before a commit keeps seeing its own state, and its reads must not evict
    what the sessions already on the new state share."""
    store = services.store()
    new: list = []

    def move_and_read(nip: str) -> None:   # another session: commits a move, then reads
        store.calibrate(2025, nip, 5, 8, "BUKTI_POTENSI", "uji", "admin")
        new.append(services.placements(2025, Filters(), EVERYTHING))

    with services.snapshot():              # this rerun began before the move
        old = services.placements(2025, Filters(), EVERYTHING)
        nip = old.loc[old["kotak"] == 5, "nip"].iloc[0]
        t = threading.Thread(target=move_and_read, args=(nip,))
        t.start()
        t.join()
        again = services.placements(2025, Filters(), EVERYTHING)
        assert again.loc[again["nip"] == nip, "kotak"].item() == 5     # still its own state
    assert new[0].loc[new[0]["nip"] == nip, "kotak"].item() == 8
    assert services.placements(2025, Filters(), EVERYTHING) is new[0]  # the newer frame was kept


def test_prepare_places_and_stores_the_period_and_says_its_people_are_ready(db):
    """What an import click does for its period: the page that follows knows the people are placed (it
    then draws the dots at once) until the data change again."""
    everyone = Filters()
    assert not services.placements_ready(2025, everyone, EVERYTHING)
    services.prepare(2025)
    assert services.placements_ready(2025, everyone, EVERYTHING)
    assert services.store().placements_stored(2025, services.store().data_version())
    assert not services.placements_ready(2024, everyone, EVERYTHING)              # another period: not
    assert not services.placements_ready(2025, Filters(jenis_asn=("PNS",)), EVERYTHING)   # another view: not
    person = services.placements(2025, everyone, EVERYTHING).query("kotak == 5").iloc[0]
    services.store().calibrate(2025, person["nip"], 5, 8, "BUKTI_POTENSI", "uji", "admin")
    assert not services.placements_ready(2025, everyone, EVERYTHING)              # a new data version: not yet


def test_ready_ends_with_the_cached_frame(db):
    """'Ready' follows the cache itself: once the cached frames are dropped (a cleared cache, an eviction),
    the view is not ready, though the data did not change."""
    import streamlit as st

    services.placements(2025, Filters(), EVERYTHING)
    assert services.placements_ready(2025, Filters(), EVERYTHING)
    st.cache_resource.clear()
    gc.collect()
    assert not services.placements_ready(2025, Filters(), EVERYTHING)
