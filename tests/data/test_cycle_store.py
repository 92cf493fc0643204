"""The talent cycle's store: appointments (recorded, listed, undone; audited; refused on a finalised
period; a post filled meanwhile on another laptop is refused), retention actions (like development
actions: allowed after penetapan and marked), the reference tables and the demo's rows."""
from __future__ import annotations

import json
from datetime import date

import pandas as pd
import pytest

from analytics import cycle
from data.store import PeriodLocked, StaleWrite, StoreError


@pytest.fixture
def store(real_store):
    return real_store


def vacant_post(store) -> pd.Series:
    posts = store.target_posts()
    return posts[posts["lowong"]].sort_values("post_id").iloc[0]


def some_nips(store, period=2025, n=2, level="Administrator") -> list[str]:
    return store._frame("SELECT nip FROM asn_period WHERE period = ? AND jenjang_jabatan = ? ORDER BY nip LIMIT ?",
                        [period, level, n])["nip"].tolist()


def test_reference_tables_hold_the_signals_reasons_and_kinds_with_sources(store):
    rules = store.cycle_rules()
    signals = rules["signals"].set_index("kode")
    assert list(signals.index) == list(cycle.SIGNALS)
    assert signals.loc["tanpa_pengembangan", ["ambang", "satuan"]].tolist() == [12, "bulan"]
    assert signals.loc["jabatan_sama", ["ambang", "satuan"]].tolist() == [5, "tahun"]
    assert signals.loc["bup_dekat", ["ambang", "satuan"]].tolist() == [2, "tahun"]
    assert signals["sumber"].str.contains(r"\((?:V|C|R)").all()            # every row marks its confidence
    assert "kebijakan instansi (r)" in " ".join(signals["sumber"]).lower()
    assert rules["exit_reasons"]["kode"].tolist() == list(cycle.EXIT_REASONS)
    assert rules["retention_types"]["kode"].tolist() == ["penghargaan", "percepatan_karier", "tugas_belajar",
                                                         "rotasi", "coaching"]
    assert "rule_retention_signal" in store.rule_tables()
    assert store.setting("siklus_penerus_kritikal_minimal") == "2"


def test_an_appointment_is_recorded_fills_the_post_and_is_audited(store):
    post = vacant_post(store)
    nip = some_nips(store)[0]
    holders = store.post_holders().set_index("post_id")
    seen = holders.loc[post["post_id"], "pemangku_nip"]
    assert bool(holders.loc[post["post_id"], "lowong"]) and pd.isna(seen)
    new_id = store.record_appointment(2025, nip, post["post_id"], date(2025, 11, 3), " 821.2/Kep.100-BKPSDM/2025 ",
                                      "talent_pool", "komite", expected_holder=seen, kesiapan="Siap Sekarang",
                                      lowong_sejak=date(2025, 6, 1))
    row = store.appointments(2025).set_index("id").loc[new_id]
    assert (row["nip"], row["post_id"], row["nomor_sk"], row["cara"], row["kesiapan"]) == \
        (nip, post["post_id"], "821.2/Kep.100-BKPSDM/2025", "talent_pool", "Siap Sekarang")
    assert row["jabatan_target"] == post["jabatan"] and pd.Timestamp(row["tanggal"]) == pd.Timestamp("2025-11-03")
    holders = store.post_holders().set_index("post_id")
    assert holders.loc[post["post_id"], "pemangku_nip"] == nip and not holders.loc[post["post_id"], "lowong"]
    entry = store.audit_entries(action="penempatan:catat").iloc[0]
    assert entry["actor"] == "komite" and entry["entity"] == f"nip:{nip}"
    detail = json.loads(entry["detail"])
    assert detail["id"] == new_id and detail["jabatan"] == post["post_id"] and detail["pemangku_sebelumnya"] is None
    # the pure view: filled from its date, not before
    apps = store.appointments()
    before = cycle.posts_as_of(store.target_posts(), apps, date(2025, 11, 2)).set_index("post_id")
    after = cycle.posts_as_of(store.target_posts(), apps, date(2025, 11, 3)).set_index("post_id")
    assert before.loc[post["post_id"], "lowong"] and not after.loc[post["post_id"], "lowong"]
    assert after.loc[post["post_id"], "pemangku_nip"] == nip


def test_a_post_filled_meanwhile_on_another_laptop_is_refused_and_nothing_is_written(store):
    post = vacant_post(store)
    first, second = some_nips(store)
    store.record_appointment(2025, first, post["post_id"], date(2025, 11, 3), "SK-1", "talent_pool", "laptop1",
                             expected_holder=None)
    before = store.table_checksums()
    with pytest.raises(StaleWrite) as exc:      # the second laptop's screen still showed the post vacant
        store.record_appointment(2025, second, post["post_id"], date(2025, 11, 4), "SK-2", "talent_pool", "laptop2",
                                 expected_holder=None)
    assert f"kini dipangku NIP {first}" in str(exc.value) and "laptop1" in str(exc.value)
    assert str(exc.value).startswith(f"Jabatan {post['jabatan']} sudah berubah sejak layar Anda dibuka")
    assert store.table_checksums() == before
    # with the holder it saw, the second laptop may replace the holder (a later appointment)
    store.record_appointment(2025, second, post["post_id"], date(2025, 12, 1), "SK-2", "seleksi_terbuka", "laptop2",
                             expected_holder=first)
    assert store.post_holders().set_index("post_id").loc[post["post_id"], "pemangku_nip"] == second


def test_a_held_post_checks_the_import_holder_too(store):
    posts = store.target_posts()
    held = posts[~posts["lowong"]].sort_values("post_id").iloc[0]
    nip = some_nips(store)[0]
    with pytest.raises(StaleWrite, match="kini dipangku NIP"):
        store.record_appointment(2025, nip, held["post_id"], date(2025, 11, 3), "SK", "lainnya", "komite",
                                 expected_holder=None)
    store.record_appointment(2025, nip, held["post_id"], date(2025, 11, 3), "SK", "lainnya", "komite",
                             expected_holder=held["pemangku_nip"])
    with pytest.raises(StoreError, match="sudah memangku"):
        store.record_appointment(2025, nip, held["post_id"], date(2025, 12, 3), "SK", "lainnya", "komite",
                                 expected_holder=nip)


@pytest.mark.parametrize("kw, message", [
    ({"nomor_sk": "  "}, "^Nomor SK pengangkatan wajib diisi.$"),
    ({"cara": "titipan"}, "^Pilih cara pengisian jabatan"),
    ({"tanggal": None}, "^Tanggal pengangkatan"),
    ({"post_id": "TP-999"}, "^Jabatan target TP-999 tidak ada"),
    ({"nip": "199901012020011001"}, "^ASN 199901012020011001 tidak ada pada periode 2025"),
    ({"kesiapan": "Siap Banget"}, "^Kesiapan tidak dikenal: Siap Banget"),
])
def test_bad_appointments_are_refused_in_indonesian_and_change_nothing(store, kw, message):
    args = {"period": 2025, "nip": some_nips(store)[0], "post_id": vacant_post(store)["post_id"],
            "tanggal": date(2025, 11, 3), "nomor_sk": "SK", "cara": "talent_pool", "actor": "komite",
            "expected_holder": None, **kw}
    before = store.table_checksums()
    with pytest.raises(StoreError, match=message):
        store.record_appointment(**args)
    assert store.table_checksums() == before


def test_an_appointment_outside_the_scope_is_refused(store):
    from data.store import Scope
    post = vacant_post(store)
    other = store._frame("SELECT nip FROM asn_period WHERE period = 2025 AND opd_id <> ? ORDER BY nip LIMIT 1",
                         [post["opd_id"]])["nip"].iloc[0]
    with pytest.raises(StoreError, match="dalam lingkup Anda"):
        store.record_appointment(2025, other, post["post_id"], date(2025, 11, 3), "SK", "talent_pool", "operator",
                                 expected_holder=None, scope=Scope((post["opd_id"],)))


def test_undo_needs_a_reason_marks_the_row_frees_the_post_and_is_audited(store):
    post = vacant_post(store)
    nip = some_nips(store)[0]
    new_id = store.record_appointment(2025, nip, post["post_id"], date(2025, 11, 3), "SK", "talent_pool", "komite",
                                      expected_holder=None)
    with pytest.raises(StoreError, match="^Alasan pembatalan penempatan wajib diisi.$"):
        store.undo_appointment(new_id, " ", "komite")
    store.undo_appointment(new_id, "SK salah nomor", "komite")
    assert new_id not in store.appointments(2025)["id"].tolist()
    undone = store.appointments(2025, include_undone=True).set_index("id").loc[new_id]
    assert undone["alasan_batal"] == "SK salah nomor" and undone["dibatalkan_oleh"] == "komite"
    assert bool(store.post_holders().set_index("post_id").loc[post["post_id"], "lowong"])
    assert json.loads(store.audit_entries(action="penempatan:batal").iloc[0]["detail"])["alasan"] == "SK salah nomor"
    with pytest.raises(StoreError, match="sudah dibatalkan"):
        store.undo_appointment(new_id, "lagi", "komite")


def test_appointments_are_refused_on_a_finalised_period_and_change_nothing(store):
    post = vacant_post(store)
    nip = some_nips(store)[0]
    kept = store.record_appointment(2025, nip, post["post_id"], date(2025, 11, 3), "SK", "talent_pool", "komite",
                                    expected_holder=None)
    store.finalise_period(2025, "ketua")
    before = store.table_checksums()
    with pytest.raises(PeriodLocked, match="^Periode 2025 sudah ditetapkan"):
        store.record_appointment(2025, some_nips(store)[1], vacant_post(store)["post_id"], date(2025, 12, 1), "SK",
                                 "talent_pool", "komite", expected_holder=nip)
    with pytest.raises(PeriodLocked):
        store.undo_appointment(kept, "koreksi", "komite")
    assert store.table_checksums() == before


def test_retention_actions_follow_the_development_life_cycle_and_are_allowed_after_penetapan(store):
    nip = some_nips(store)[0]
    with pytest.raises(StoreError, match="^Uraian tindakan retensi wajib diisi.$"):
        store.add_retention_action(2025, nip, "penghargaan", " ", "komite")
    with pytest.raises(StoreError, match="^Pilih jenis tindakan retensi dari daftar.$"):
        store.add_retention_action(2025, nip, "bonus", "Bonus", "komite")
    first = store.add_retention_action(2025, nip, "penghargaan", "Satyalancana", "komite",
                                       target_tanggal=date(2026, 8, 17))
    store.finalise_period(2025, "ketua")
    second = store.add_retention_action(2025, nip, "coaching", "Coaching", "komite")
    store.update_retention_action(first, "selesai", "komite")
    with pytest.raises(StoreError, match="Status tidak dikenal"):
        store.update_retention_action(first, "hilang", "komite")
    acts = store.retention_actions(2025, nips=[nip]).set_index("id")
    assert acts.loc[[first, second], "setelah_penetapan"].tolist() == [False, True]
    assert acts.loc[first, "status"] == "selesai" and acts.loc[second, "status"] == "rencana"
    assert json.loads(store.audit_entries(action="retensi:tambah").iloc[0]["detail"])["setelah_penetapan"]
    status = json.loads(store.audit_entries(action="retensi:status").iloc[0]["detail"])
    assert (status["sebelum"], status["sesudah"]) == ("rencana", "selesai")


def test_the_demo_has_past_appointments_and_retention_actions(demo_store):
    apps = demo_store.appointments()
    assert len(apps) >= 5 and set(apps["cara"]) == set(cycle.ROUTES)
    assert (apps["period"] == 2025).all() and apps["jabatan_target"].notna().all()
    holders = demo_store.post_holders().set_index("post_id")
    assert (holders.loc[apps["post_id"], "pemangku_nip"].to_numpy() == apps["nip"].to_numpy()).all()
    acts = demo_store.retention_actions(2025)
    assert len(acts) >= 10 and set(acts["jenis"]) == set(demo_store.retention_action_types()["kode"])
    assert {"rencana", "berjalan", "selesai"} <= set(acts["status"])


def test_a_demo_rebuild_empties_the_cycle_tables(demo_store):
    demo_store.wipe_personal_data("uji")
    assert demo_store._scalar("SELECT (SELECT count(*) FROM appointment) + (SELECT count(*) FROM retention_action)") == 0


def test_a_recorded_appointment_moves_the_period_indicators(store):
    post = vacant_post(store)
    nip = some_nips(store)[0]
    ready = pd.DataFrame(columns=cycle.READY_POST_COLUMNS)
    before = cycle.placement_indicators(store.appointments(2025), store.target_posts(), ready, 2025)
    store.record_appointment(2025, nip, post["post_id"], date(2025, 12, 1), "SK-9", "talent_pool", "komite",
                             expected_holder=None, kesiapan="Siap Sekarang", lowong_sejak=date(2025, 9, 2))
    after = cycle.placement_indicators(store.appointments(2025), store.target_posts(), ready, 2025)
    assert after["filled"] == before["filled"] + 1
    assert after["from_pool"] == before["from_pool"] + 1 and after["ready_now"] == before["ready_now"] + 1
    assert after["days_known"] == before["days_known"] + 1                       # 90 days from vacancy to SK
    posts = cycle.posts_as_of(store.target_posts(), store.appointments(), date(2025, 12, 1)).set_index("post_id")
    assert posts.loc[post["post_id"], "pemangku_nip"] == nip and not posts.loc[post["post_id"], "lowong"]
