"""Calibration in the data layer and analytics: reasons, audit, lock, final placements."""
from __future__ import annotations

import json
import shutil

import pandas as pd
import pytest

from analytics.calibration import apply_calibration, attention, distribution_status
from analytics.engine import place
from data.store import EVERYTHING, Scope, StoreError, open_store


@pytest.fixture
def store(demo_db, tmp_path):
    path = tmp_path / "kal.duckdb"
    shutil.copy(demo_db, path)
    s = open_store(path)
    yield s
    s.close()


def _placed(s, period=2025, scope=EVERYTHING):
    pop = s.population(period, scope=scope)
    rules = s.rules(period)
    placed = apply_calibration(place(pop, rules), s.calibrations(period, scope=scope), rules.boxes)
    return placed.assign(opd_id=pop["opd_id"]), rules


def test_every_move_is_audited_with_reason_and_user(store):
    placed, _ = _placed(store)
    p = placed[placed["kotak"] == 5].iloc[0]
    store.calibrate(2025, p["nip"], 5, 8, "BUKTI_POTENSI", "Hasil AC terbaru belum masuk", "ketua1")
    entry = store.audit_entries(action="kalibrasi:pindah").iloc[0]
    detail = json.loads(entry["detail"])
    assert entry["actor"] == "ketua1" and entry["entity"] == f"nip:{p['nip']}"
    assert detail == {"periode": 2025, "dari": 5, "ke": 8, "kotak_awal": 5, "alasan": "BUKTI_POTENSI",
                      "komentar": "Hasil AC terbaru belum masuk"}
    after, _ = _placed(store)
    row = after.set_index("nip").loc[p["nip"]]
    assert (row["kotak_awal"], row["kotak"], bool(row["dikalibrasi"])) == (5, 8, True)
    # moving back to the proposal removes the override but is still audited
    store.calibrate(2025, p["nip"], 5, 5, "KOREKSI_DATA", "Dibatalkan komite", "ketua1")
    assert store.calibrations(2025).empty
    assert len(store.audit_entries(action="kalibrasi:pindah")) == 2


@pytest.mark.parametrize(("reason", "comment", "message"), [
    (None, "ada", "Pilih alasan"), ("TIDAK_ADA", "ada", "Pilih alasan"), ("LAINNYA", "  ", "Komentar wajib"),
])
def test_reason_and_comment_are_mandatory(store, reason, comment, message):
    placed, _ = _placed(store)
    nip = placed[placed["kotak"] == 5]["nip"].iloc[0]
    n = len(store.audit_entries())
    with pytest.raises(StoreError, match=message):
        store.calibrate(2025, nip, 5, 9, reason, comment, "ketua1")
    assert store.calibrations(2025).empty and len(store.audit_entries()) == n


def test_finalised_period_rejects_every_change_in_the_data_layer(store):
    placed, _ = _placed(store)
    nip = placed[placed["kotak"] == 5]["nip"].iloc[0]
    store.calibrate(2025, nip, 5, 7, "BUKTI_KINERJA", "Penghargaan nasional 2025", "ketua1")
    store.finalise_period(2025, "ketua1")
    assert store.period_status(2025)["status"] == "ditetapkan"
    for attempt in (lambda: store.calibrate(2025, nip, 5, 9, "BUKTI_KINERJA", "lagi", "ketua1"),
                    lambda: store.record_discussion(2025, nip, 30, True, "ketua1"),
                    lambda: store.save_cutoff(2025, "potensial", 85, 70, "admin"),
                    lambda: store.finalise_period(2025, "ketua1"),
                    lambda: store.save_rule_rows("rule_distribution", store.distribution_rules(2025)
                                                 .drop(columns=["period"]), "admin", period=2025)):
        with pytest.raises(StoreError, match="sudah ditetapkan"):
            attempt()
    # the final placement (with the move) is what everything else reads
    after, _ = _placed(store)
    assert after.set_index("nip").loc[nip, "kotak"] == 7
    # the other period is still open
    store.record_discussion(2024, store.population(2024)["nip"].iloc[0], 10, True, "ketua1")


def test_operator_cannot_calibrate_outside_their_scope(store):
    placed, _ = _placed(store)
    outsider = placed[(placed["opd_id"] != "DINKES") & (placed["kotak"] == 5)]["nip"].iloc[0]
    with pytest.raises(StoreError, match="dalam lingkup Anda"):
        store.calibrate(2025, outsider, 5, 9, "BUKTI_KINERJA", "x", "op", scope=Scope(("DINKES",)))


def test_discussion_time_accumulates(store):
    nip = store.population(2025)["nip"].iloc[0]
    store.record_discussion(2025, nip, 40, False, "ketua1")
    store.record_discussion(2025, nip, 50, True, "ketua1")
    d = store.discussions(2025).set_index("nip").loc[nip]
    assert (int(d["detik"]), bool(d["dibahas"])) == (90, True)


def test_distribution_status_against_ranges():
    guide = pd.DataFrame({"kotak": ["9", "7;8;9"], "label": ["Kotak 9", "Suksesi"], "persen_min": [2.0, 10.0],
                          "persen_max": [10.0, 30.0]})
    kotak = pd.Series([9] * 3 + [8] * 2 + [5] * 5 + [None])  # 10 placed
    out = distribution_status(kotak, guide).set_index("kelompok")
    assert out.loc["Kotak 9", "persen"] == 30.0 and out.loc["Kotak 9", "status"] == "di atas rentang"
    assert out.loc["Suksesi", "persen"] == 50.0 and out.loc["Suksesi", "status"] == "di atas rentang"
    out = distribution_status(pd.Series([9, 5, 5, 5, 5, 5, 5, 5, 5, 5]), guide).set_index("kelompok")
    assert out.loc["Kotak 9", "status"] == "sesuai" and out.loc["Suksesi", "status"] == "sesuai"


def test_attention_flags_neglected_groups_and_hides_small_ones():
    placed = pd.DataFrame({"nip": [f"n{i}" for i in range(23)], "kotak": [5] * 23,
                           "opd": ["A"] * 10 + ["B"] * 10 + ["C"] * 3})
    disc = pd.DataFrame({"nip": [f"n{i}" for i in range(10)] + ["n10"], "dibahas": [True] * 11,
                         "detik": [120] * 10 + [30]})
    out = attention(placed, disc, "opd", min_group=5).set_index("kelompok")
    assert set(out.index) == {"A", "B"}  # C has 3 people: never shown
    assert not out.loc["A", "perhatian_kurang"] and out.loc["B", "perhatian_kurang"]
    assert out.loc["A", "cakupan_persen"] == 100.0 and out.loc["B", "cakupan_persen"] == 10.0
