"""Small reference reads (settings, OPDs, job levels, periods) are kept in the store until this process's next
write: a page run asks for a dozen of them. Every write passes the store's write gate, which moves them on."""
from __future__ import annotations

import pytest

from data.store import open_store


@pytest.fixture
def store(tmp_path):
    """A new database of its own (no period, no OPD yet)."""
    opened = open_store(tmp_path / "talenta.duckdb")
    yield opened
    opened.close()


def _update_setting(store, key: str, value: str) -> None:
    with store._transaction() as cur:   # a write through the gate, as every write method's
        cur.execute("UPDATE setting SET value = ? WHERE key = ?", [value, key])


def test_a_write_through_the_store_is_seen_by_the_next_read(store):
    assert store.setting("sesi_diam_menit") == "120"
    assert store.periods() == [] and store.opd().empty
    _update_setting(store, "sesi_diam_menit", "30")
    with store._transaction() as cur:
        cur.execute("INSERT INTO period (period, label) VALUES (2031, '2031')")
        cur.execute("INSERT INTO opd (opd_id, nama) VALUES ('X1', 'Dinas Uji')")
    assert store.setting("sesi_diam_menit") == "30"
    assert store.periods() == [2031]
    assert store.opd()["nama"].tolist() == ["Dinas Uji"]


def test_reads_are_kept_between_writes(store):
    assert store.setting("sesi_diam_menit") == "120"
    cur = store._cur()   # behind the store's back (no other process can write the file): not seen...
    cur.execute("UPDATE setting SET value = '5' WHERE key = 'sesi_diam_menit'")
    cur.close()
    assert store.setting("sesi_diam_menit") == "120"
    _update_setting(store, "kelompok_minimal", "7")   # ...until the next write
    assert store.setting("sesi_diam_menit") == "5"


def test_a_kept_frame_cannot_be_changed_by_a_caller(store):
    with store._transaction() as cur:
        cur.execute("INSERT INTO opd (opd_id, nama) VALUES ('X1', 'Dinas Uji')")
    opd = store.opd()
    opd.loc[0, "nama"] = "diubah"
    levels = store.job_levels()
    levels["urutan"] = -1
    assert store.opd()["nama"].tolist() == ["Dinas Uji"]
    assert not store.job_levels().empty and (store.job_levels()["urutan"] != -1).all()


def test_a_snapshot_keeps_its_own_state_while_a_write_lands(store):
    with store.snapshot() as snap:
        assert snap.setting("sesi_diam_menit") == "120"
        _update_setting(store, "sesi_diam_menit", "45")
        assert snap.setting("sesi_diam_menit") == "120"   # the snapshot's one state
        assert store.setting("sesi_diam_menit") == "45"
        assert snap.setting("sesi_diam_menit") == "120"
    assert store.setting("sesi_diam_menit") == "45"
