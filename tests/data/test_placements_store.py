"""Stored placements: the engine's result written per period and data version, counted by GROUP BY.

The rows are written by the pages' own engine path (``ui.services``); these tests hold the counts read
back from the table to the engine's (``box_summary`` over ``services.placements``) for every kind of
narrowing a page applies, and check that a calibration move, a rule change and an import are followed.
"""
from __future__ import annotations

import pandas as pd
import pytest

from analytics.ninebox import box_summary
from data.importing import pipeline
from data.store import Filters, Scope, open_store
from tests.import_helpers import xlsx

PERIOD = 2025


@pytest.fixture
def services(demo_copy):
    """ui.services on a private demo copy (the app's database for this test)."""
    from ui import services as s
    return s


def _engine_summary(services, filters: Filters, scope: Scope) -> pd.DataFrame:
    return box_summary(services.placements(PERIOD, filters, scope)["kotak"], services.rules(PERIOD).boxes)


def _engine_status(services, filters: Filters, scope: Scope) -> dict:
    counts = services.placements(PERIOD, filters, scope)["status"].value_counts()
    return {str(k): int(v) for k, v in counts.items() if v}


def _stored_status(services, filters: Filters, scope: Scope) -> dict:
    return {k: int(v) for k, v in services.counts(PERIOD, filters, scope).groupby("status")["jumlah"].sum().items()}


def _stored_only(services, monkeypatch) -> None:
    """From here on a count that placed anyone fails."""
    def placed(*_a, **_k):
        raise AssertionError("counted by placing people, not from the stored rows")
    services.clear_data_caches()
    monkeypatch.setattr(services, "_placements", placed)


def _views(store) -> list[tuple[Filters, Scope]]:
    opds = store.table("opd")["opd_id"].tolist()
    return [(Filters(), Scope(None)),
            (Filters(opd_ids=(opds[0],)), Scope(None)),
            (Filters(jenis_jabatan=("Fungsional",)), Scope(None)),
            (Filters(jenis_asn=("PPPK",)), Scope(None)),
            (Filters(jenis_jabatan=("Fungsional", "Pelaksana")), Scope((opds[1], opds[2]))),   # an operator
            (Filters(), Scope((opds[3],)))]


def test_stored_counts_equal_the_engine_for_every_view(services, monkeypatch):
    store = services.store()
    services.counts(PERIOD, Filters(), Scope(None))   # the first read of this version stores the period
    version = store.data_version()
    assert store.placements_stored(PERIOD, version)
    views = _views(store)
    engine = [(_engine_summary(services, f, s), _engine_status(services, f, s)) for f, s in views]
    assert all(e[0]["jumlah"].sum() > 0 for e in engine), "each view must count someone"
    _stored_only(services, monkeypatch)
    for (f, s), (summary, status) in zip(views, engine):
        pd.testing.assert_frame_equal(services.summary(PERIOD, f, s), summary)
        assert _stored_status(services, f, s) == status, (f, s)


def test_the_stored_rows_are_the_engines_rows(services):
    store = services.store()
    services.counts(PERIOD, Filters(), Scope(None))
    stored = store.stored_placements(PERIOD, store.data_version())
    placed = services.placements(PERIOD, Filters(), Scope(None))
    assert stored["nip"].tolist() == placed["nip"].astype(str).tolist()
    for c in ("kotak", "kotak_awal"):
        assert stored[c].astype("Int64").equals(placed[c].astype("Int64").reset_index(drop=True)), c
    assert stored["status"].tolist() == placed["status"].astype(str).tolist()
    pool = services.pool_placements(PERIOD, Filters(), Scope(None), [7, 8, 9]).reset_index(drop=True)
    expected = placed.loc[placed["kotak"].isin([7, 8, 9]), list(services.POOL_COLUMNS)].reset_index(drop=True)
    pd.testing.assert_frame_equal(pool, expected, check_categorical=False)


def test_only_the_exact_version_is_read_and_older_ones_are_pruned(services):
    store = services.store()
    services.counts(PERIOD, Filters(), Scope(None))
    v1 = store.data_version()
    placed = services.placements(PERIOD, Filters(), Scope(None))
    nip = placed.loc[placed["kotak"] == 5, "nip"].iloc[0]
    store.calibrate(PERIOD, nip, 5, 9, store.calibration_reasons()["kode"].iloc[0], "uji simpan", "uji")
    v2 = store.data_version()
    assert v2 != v1 and not store.placements_stored(PERIOD, v2)
    assert store.placements_stored(PERIOD, v1)   # kept until a newer version is written
    before = {int(r.kotak): int(r.jumlah) for r in services.summary(PERIOD, Filters(), Scope(None)).itertuples()}
    assert store.placements_stored(PERIOD, v2) and not store.placements_stored(PERIOD, v1)
    assert store._scalar("SELECT count(DISTINCT (versi_impor, versi_audit)) FROM placement") == 1
    # an older state read late is not written over the newer one
    assert store.store_placements(PERIOD, v1, placed) is False
    assert not store.placements_stored(PERIOD, v1)
    assert store.store_placements(PERIOD, v2, placed) is False   # already stored: nothing written twice
    services.clear_data_caches()
    after = {int(r.kotak): int(r.jumlah) for r in services.summary(PERIOD, Filters(), Scope(None)).itertuples()}
    assert after == before


def test_a_calibration_move_a_rule_change_and_an_import_are_followed(real_copy):
    from ui import services  # the demo content recorded as imported: an import adds to it

    store = services.store()
    everyone = (Filters(), Scope(None))

    def counted() -> pd.DataFrame:   # stored (the second read of a version), equal to the engine's
        services.summary(PERIOD, *everyone)
        assert store.placements_stored(PERIOD, store.data_version())
        services.clear_data_caches()
        found = services.summary(PERIOD, *everyone)
        pd.testing.assert_frame_equal(found, _engine_summary(services, *everyone))
        return found.set_index("kotak")["jumlah"]

    start = counted()
    placed = services.placements(PERIOD, *everyone)
    nip = placed.loc[placed["kotak"] == 5, "nip"].iloc[0]
    store.calibrate(PERIOD, nip, 5, 9, store.calibration_reasons()["kode"].iloc[0], "uji simpan", "uji")
    moved = counted()
    assert moved[5] == start[5] - 1 and moved[9] == start[9] + 1

    store.save_cutoff(PERIOD, "potensial", 95, 90, "uji")   # much higher cut-offs: fewer in the top row
    raised = counted()
    assert raised[[7, 8, 9]].sum() < moved[[7, 8, 9]].sum()

    placed = services.placements(PERIOD, *everyone)
    high = placed.loc[placed["kotak"] == 9, "nip"].head(3).tolist()
    rows = [["NIP", "Nama", "Predikat Kinerja", "Nilai SKP"]] + [[n, "x", "Sangat Kurang", None] for n in high]
    pipeline.run(store, xlsx(rows), "kinerja.xlsx", period=PERIOD, actor="uji")
    imported = counted()
    assert imported[9] < raised[9]


def test_a_finalised_period_is_stored_and_a_wipe_removes_the_rows(demo_copy):
    store = open_store(demo_copy)
    try:
        store._cur().execute("UPDATE period SET status = 'ditetapkan' WHERE period = ?", [PERIOD])
        version = store.data_version()
        frame = pd.DataFrame({"nip": ["1"], "opd_id": ["X"], "jenis_jabatan": ["Fungsional"], "jenis_asn": ["PNS"],
                              "kotak": [5], "kotak_awal": [5], "status": ["ditempatkan"], "predikat_efektif": ["Baik"],
                              "kinerja_nilai": [80.0], "potensial_nilai": [80.0], "jpm": [80.0], "usia": [40]})
        assert store.store_placements(PERIOD, version, frame)
        assert store.placement_counts(PERIOD, version)["jumlah"].tolist() == [1]
        store.wipe_personal_data("uji")
        assert store._scalar("SELECT count(*) FROM placement") == 0
    finally:
        store.close()


def test_the_headline_from_the_stored_rows_equals_the_roll_for_every_view(services, monkeypatch):
    """ASN and CACT profiled counted from the stored rows (their ``cact`` flag), as the roll counts them."""
    store = services.store()
    services.counts(PERIOD, Filters(), Scope(None))
    version = store.data_version()
    views = _views(store)
    assert any(store.headline(PERIOD, f, s)["profiled_cact"] for f, s in views), "someone must be CACT profiled"
    for f, s in views:
        assert store.placement_headline(PERIOD, version, f, s) == store.headline(PERIOD, f, s), (f, s)
    _stored_only(services, monkeypatch)
    monkeypatch.setattr(type(store), "headline", lambda *_a, **_k: pytest.fail("the roll was joined"))
    for f, s in views:
        assert services.headline(PERIOD, f, s) == store.placement_headline(PERIOD, version, f, s)


def test_the_migration_flags_rows_stored_before_it(services):
    from data.store.migrations import MIGRATIONS_DIR

    store = services.store()
    services.counts(PERIOD, Filters(), Scope(None))
    version = store.data_version()
    expected = store.placement_headline(PERIOD, version)
    cur = store._cur()
    cur.execute("ALTER TABLE placement DROP COLUMN cact")   # rows as stored before migration 023
    cur.execute((MIGRATIONS_DIR / "023_placement_cact.sql").read_text())
    cur.close()
    assert store.placement_headline(PERIOD, version) == expected and expected["profiled_cact"] > 0


def test_placements_of_an_older_state_are_not_stored(services):
    """Read before a change and written after it, the rows (and their CACT flags) would belong to neither."""
    store = services.store()
    v1 = store.data_version()
    placed = services.placements(PERIOD, Filters(), Scope(None))
    store.save_cutoff(PERIOD, "potensial", 95, 90, "uji")
    assert store.data_version() != v1
    assert store.store_placements(PERIOD, v1, placed) is False
    assert not store.placements_stored(PERIOD, v1)
