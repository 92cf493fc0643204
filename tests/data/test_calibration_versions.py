"""Optimistic concurrency of calibration moves: a save based on a state someone changed since is
refused (StaleWrite) and changes nothing; a save based on the current state goes through."""
from __future__ import annotations

import threading

import pytest

from analytics.engine import place
from data.store import StaleWrite, open_store

PERIOD = 2025


@pytest.fixture
def store(demo_copy):
    s = open_store(demo_copy)
    yield s
    s.close()


@pytest.fixture
def box9(store) -> str:
    pop = store.population(PERIOD)
    placed = place(pop, store.rules(PERIOD))
    return placed.loc[placed["kotak"] == 9, "nip"].iloc[0]


def _row(store, nip):
    calib = store.calibrations(PERIOD)
    return calib.loc[calib["nip"] == nip, ["kotak_baru", "oleh", "komentar"]].values.tolist()


def test_never_moved_is_version_zero(store, box9):
    state = store.calibration_state(PERIOD, box9)
    assert (state.version, state.kotak, state.oleh, state.pada) == (0, None, None, None)


def test_stale_save_is_refused_and_changes_nothing(store, box9):
    seen = store.calibration_state(PERIOD, box9).version          # both screens open the person at box 9
    store.calibrate(PERIOD, box9, 9, 8, "BUKTI_KINERJA", "ketua memindah", "ketua1", expected=seen)
    chair = store.calibration_state(PERIOD, box9)
    assert chair.version > 0 and (chair.kotak, chair.oleh) == (8, "ketua1") and chair.pada is not None
    audited = store.count_rows("audit_log")

    with pytest.raises(StaleWrite) as refused:                     # the member still saw box 9
        store.calibrate(PERIOD, box9, 9, 7, "BUKTI_POTENSI", "anggota memindah", "anggota1", expected=seen)
    assert (refused.value.oleh, refused.value.kotak, refused.value.pada) == ("ketua1", 8, chair.pada)
    assert "ketua1" in str(refused.value) and "kotak 8" in str(refused.value)
    assert _row(store, box9) == [[8, "ketua1", "ketua memindah"]]
    assert store.count_rows("audit_log") == audited
    assert store.calibration_state(PERIOD, box9) == chair

    store.calibrate(PERIOD, box9, 9, 7, "BUKTI_POTENSI", "anggota memindah", "anggota1", expected=chair.version)
    assert _row(store, box9) == [[7, "anggota1", "anggota memindah"]]
    assert store.calibration_state(PERIOD, box9).kotak == 7


def test_a_move_back_to_the_proposal_is_a_new_version(store, box9):
    """A→B→A: the row is gone again, but a form opened before both moves is still stale."""
    seen = store.calibration_state(PERIOD, box9).version
    store.calibrate(PERIOD, box9, 9, 8, "BUKTI_KINERJA", "ke 8", "ketua1")
    store.calibrate(PERIOD, box9, 9, 9, "KOREKSI_DATA", "kembali ke usulan", "ketua1")
    assert _row(store, box9) == []
    back = store.calibration_state(PERIOD, box9)
    assert back.version > seen and back.kotak == 9
    with pytest.raises(StaleWrite):
        store.calibrate(PERIOD, box9, 9, 6, "BUKTI_KINERJA", "basi", "anggota1", expected=seen)
    assert _row(store, box9) == []


def test_versions_are_per_period_and_person(store, box9):
    other = store.population(PERIOD)["nip"].loc[lambda s: s != box9].iloc[0]
    store.calibrate(PERIOD, other, 5, 6, "BUKTI_KINERJA", "orang lain", "ketua1")
    assert store.calibration_state(PERIOD, box9).version == 0
    assert store.calibration_state(PERIOD - 1, other).version == 0


def test_activity_changes_with_every_save(store, box9):
    before = store.calibration_activity(PERIOD)
    store.record_discussion(PERIOD, box9, 30, True, "ketua1")
    after_talk = store.calibration_activity(PERIOD)
    store.calibrate(PERIOD, box9, 9, 8, "BUKTI_KINERJA", "pindah", "ketua1")
    after_move = store.calibration_activity(PERIOD)
    store.record_discussion(PERIOD, box9, 30, True, "ketua1")   # an update of the same row
    assert len({before, after_talk, after_move, store.calibration_activity(PERIOD)}) == 4


def test_of_two_saves_on_the_same_version_at_once_exactly_one_wins(store, box9):
    """The version is compared inside the write transaction: saves racing on one version cannot both pass."""
    seen = store.calibration_state(PERIOD, box9).version
    start, outcomes = threading.Barrier(4), []

    def save(box: int, who: str) -> None:
        start.wait()
        try:
            store.calibrate(PERIOD, box9, 9, box, "BUKTI_KINERJA", f"oleh {who}", who, expected=seen)
            outcomes.append(("ok", who, box))
        except StaleWrite:
            outcomes.append(("basi", who, box))

    threads = [threading.Thread(target=save, args=(b, f"u{b}")) for b in (5, 6, 7, 8)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    [winner] = [o for o in outcomes if o[0] == "ok"]
    assert sorted(o[0] for o in outcomes) == ["basi", "basi", "basi", "ok"]
    assert _row(store, box9) == [[winner[2], winner[1], f"oleh {winner[1]}"]]
    assert len(store.audit_entries(action="kalibrasi:pindah")) == 1
