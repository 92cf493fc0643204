"""The one period lock: every store write that changes a period's data is guarded in
``_transaction(period=...)``; penetapan history and reopening; undo that respects dependencies."""
from __future__ import annotations

import inspect
import json
import os
import shutil
import subprocess
import sys
import threading
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from data.importing import pipeline
from data.importing.errors import Rejected
from data.store import PeriodLocked, Store, StoreError, open_store
from tests.import_helpers import PERSONNEL_HEADER, csv_bytes, new_nips, personnel_rows, xlsx

ROOT = Path(__file__).resolve().parents[2]
STORE_DIR = ROOT / "data" / "store"

# Public write methods (their source opens ``_transaction``) that do not change a period's data,
# each with the reason. Every other write method must be period-guarded and tested in GUARDED_CALLS.
EXEMPT = {
    "add_user": "users are not period data",
    "update_user": "users are not period data",
    "record_login": "login attempts are not period data",
    "start_login_session": "login sessions are not period data",
    "end_login_session": "login sessions are not period data",
    "end_login_sessions": "login sessions are not period data",
    "save_import_mapping": "remembered column mappings are not period data",
    "load_backup": "restore loads a snapshot into a new empty database",
    "migrate": "schema migrations",
    "replace_dataset": "the demo builder (and the test base) writes a whole synthetic dataset",
    "wipe_personal_data": "demo rebuild: removes every personal row of every period",
    "add_development_action": "by design allowed after penetapan; the action is marked setelah_penetapan",
    "update_development_action": "by design allowed after penetapan (the plan follows the result)",
    "add_retention_action": "like development actions: allowed after penetapan, marked setelah_penetapan",
    "update_retention_action": "like development actions: allowed after penetapan (the plan follows the result)",
    "reopen_period": "the one write that lifts the lock; refuses a period that is not finalised",
    "store_placements": "derived rows (the engine's result per data version), also read for a finalised period",
    "store_vacant_ready": "a derived count (vacant posts with a candidate ready now) per data version and date",
}


def write_methods() -> dict[str, str]:
    """Public methods of Store whose source opens a write transaction (or calls the shared action
    writer, which opens one): name → source."""
    out = {}
    for cls in Store.__mro__:
        if not cls.__module__.startswith("data.store"):
            continue
        for name, fn in vars(cls).items():
            if name.startswith("_") or not inspect.isfunction(fn) or name in out:
                continue
            src = inspect.getsource(fn)
            # development and retention actions write through one shared helper (data/store/actions.py)
            if any(w in src for w in ("self._transaction(", "self._add_action(", "self._update_action(")):
                out[name] = src
    return out


@pytest.fixture
def store(real_store):
    return real_store


def run(store, content, name, **kw):
    result = pipeline.run(store, content, name, actor="uji", **kw)
    assert result.batch_id is not None, result.outcome.messages()
    return result.batch_id


def perf_rows(nips, predikat="Baik"):
    return [["NIP", "Nama", "Predikat Kinerja", "Nilai SKP"]] + [[n, "x", predikat, None] for n in nips]


def assess_rows(nips):
    return [["NIP", "Sumber Asesmen", "Integritas", "Nilai Potensi"]] + [[n, "AC", 4, 80] for n in nips]


def nips_of(store, period, n=3):
    return store._frame("SELECT nip FROM asn_period WHERE period = ? ORDER BY nip LIMIT ?", [period, n])["nip"].tolist()


# Every guarded write, called on the locked period 2025 (each would change something if it ran).
GUARDED_CALLS = {
    "calibrate": lambda s, nip: s.calibrate(2025, nip, 5, 6, "LAINNYA", "uji", "uji"),
    "record_discussion": lambda s, nip: s.record_discussion(2025, nip, 30, True, "uji"),
    "save_cutoff": lambda s, nip: s.save_cutoff(2025, "potensial", 80, 70, "uji"),
    "save_rule_rows": lambda s, nip: s.save_rule_rows(
        "rule_distribution", s.distribution_rules(2025).drop(columns=["period"]).head(1), "uji", period=2025),
    "finalise_period": lambda s, nip: s.finalise_period(2025, "uji"),
    "write_import": lambda s, nip: s.write_import("performance", 2025, {"performance": pd.DataFrame()}, actor="uji"),
    "write_imports": lambda s, nip: s.write_imports([{"kind": "performance", "period": 2025,
                                                      "frames": {"performance": pd.DataFrame()}}], actor="uji"),
    "undo_import": lambda s, nip: s.undo_import("performance", 2025, "uji"),
    "record_appointment": lambda s, nip: s.record_appointment(
        2025, nip, s.target_posts().query("lowong")["post_id"].iloc[0], date(2025, 11, 3), "SK", "talent_pool",
        "uji", expected_holder=None),
    "undo_appointment": lambda s, nip: s.undo_appointment(s.appointments(2025)["id"].iloc[0], "uji", "uji"),
}


def test_every_write_method_is_period_guarded_or_exempt_with_a_reason():
    methods = write_methods()
    assert {"calibrate", "finalise_period", "write_import", "add_user", "add_retention_action"} <= set(methods)  # scan works
    unclassified = set(methods) - set(EXEMPT) - set(GUARDED_CALLS)
    assert not unclassified, f"new write methods: guard them with _transaction(period=...) and test them here, " \
                             f"or add them to EXEMPT with a reason: {sorted(unclassified)}"
    assert set(GUARDED_CALLS) <= set(methods), "stale names in GUARDED_CALLS"
    for name in GUARDED_CALLS:
        assert "self._transaction(period=" in methods[name], name
    for name in set(EXEMPT) & set(methods):
        assert "self._transaction(period=" not in methods[name], name


def test_the_guard_lives_in_one_place():
    """Nobody checks the status by hand any more: the only lock check is the transaction's."""
    sources = {f.name: f.read_text(encoding="utf-8") for f in STORE_DIR.glob("*.py")}
    assert not [n for n, text in sources.items() if "_require_open" in text]
    assert [n for n, text in sources.items() if "raise PeriodLocked" in text] == ["connection.py"]


def test_every_guarded_write_is_refused_on_a_locked_period_and_changes_nothing(store):
    run(store, xlsx(perf_rows(nips_of(store, 2025))), "k.xlsx", period=2025)   # something undo could take back
    nip = nips_of(store, 2025, 1)[0]
    store.finalise_period(2025, "ketua")
    before = store.table_checksums()
    for name, call in GUARDED_CALLS.items():
        with pytest.raises(PeriodLocked, match="^Periode 2025 sudah ditetapkan.*membuka kembali"):
            call(store, nip)
        assert store.table_checksums() == before, f"{name} changed something"
    # the same writes on the open period do go through (the guard is about the lock, not the method)
    store.record_discussion(2024, nips_of(store, 2024, 1)[0], 30, True, "uji")
    assert store.table_checksums() != before


def test_an_import_check_of_a_locked_period_says_who_can_reopen_it(store):
    store.finalise_period(2025, "ketua")
    before = store.table_checksums()
    with pytest.raises(Rejected, match="^Periode 2025 sudah ditetapkan.*membuka kembali.*Kalibrasi"):
        pipeline.run(store, xlsx(perf_rows(nips_of(store, 2025))), "k.xlsx", period=2025, actor="uji")
    assert store.table_checksums() == before


def test_a_penetapan_cannot_slip_between_a_writers_check_and_its_write(store):
    """The check runs inside the writer's transaction, under the write gate: a penetapan started
    meanwhile waits for the write to commit, and the next write sees the lock."""
    nip = nips_of(store, 2025, 1)[0]
    inside, finalised = threading.Event(), threading.Event()

    def finalise():
        inside.wait()
        store.finalise_period(2025, "ketua")
        finalised.set()

    chair = threading.Thread(target=finalise)
    chair.start()
    with store._transaction(period=2025) as cur:          # checked: open
        inside.set()
        chair.join(timeout=0.5)
        assert not finalised.is_set()                      # the penetapan waits for this write
        cur.execute("INSERT INTO discussion (period, nip, dibahas, detik, oleh) VALUES (2025, ?, true, 5, 'uji')",
                    [nip])
    chair.join()
    assert finalised.is_set() and store.period_status(2025)["status"] == "ditetapkan"
    assert store.count_rows("discussion", 2025) == 1
    with pytest.raises(PeriodLocked):
        store.record_discussion(2025, nip, 5, True, "uji")


def test_default_rule_edits_do_not_change_a_finalised_period(store):
    store.finalise_period(2025, "ketua")
    frozen = store.rules(2025)
    frozen_dist = store.distribution_rules(2025).drop(columns=["sumber"])
    open_before = store.rules(2024).cutoff("potensial")
    dist = store.distribution_rules(2024).drop(columns=["period"]).assign(persen_max=99.0)
    store.save_rule_rows("rule_distribution", dist, "admin")                    # the defaults
    store._cur().execute("UPDATE rule_cutoff SET batas_tinggi = 95 WHERE period IS NULL AND sumbu = 'potensial'")
    store._cur().execute("UPDATE rule_axis_weight SET bobot = bobot + 1 WHERE period IS NULL")
    after = store.rules(2025)
    assert after.cutoff("potensial") == frozen.cutoff("potensial") == open_before
    def weights(r):
        return r.weights.drop(columns=["sumber"]).sort_values(["sumbu", "komponen"]).reset_index(drop=True)
    pd.testing.assert_frame_equal(weights(after), weights(frozen))
    pd.testing.assert_frame_equal(store.distribution_rules(2025).drop(columns=["sumber"]), frozen_dist)
    assert store.rules(2024).cutoff("potensial") != open_before                   # the open period follows
    assert set(store.distribution_rules(2024)["persen_max"]) == {99.0}
    entry = json.loads(store.audit_entries(action="kalibrasi:penetapan").iloc[0]["detail"])
    assert entry["aturan_disalin"] == {"rule_cutoff": 2, "rule_axis_weight": 11, "rule_distribution": 4}


def test_development_actions_are_accepted_on_a_locked_period_and_marked(store):
    nip = nips_of(store, 2025, 1)[0]
    before_id = store.add_development_action(2025, nip, "coaching", "Sebelum", "komite")
    store.finalise_period(2025, "ketua")
    after_id = store.add_development_action(2025, nip, "mentoring", "Sesudah", "komite")
    store.update_development_action(before_id, "selesai", "komite")
    acts = store.development_actions(2025).set_index("id")
    assert acts.loc[[before_id, after_id], "setelah_penetapan"].tolist() == [False, True]
    assert acts.loc[before_id, "status"] == "selesai"
    assert json.loads(store.audit_entries(action="pengembangan:tambah").iloc[0]["detail"])["setelah_penetapan"]


def test_reopen_needs_a_reason_is_audited_keeps_history_and_opens_writes(store):
    nip = nips_of(store, 2025, 1)[0]
    with pytest.raises(StoreError, match="belum ditetapkan"):
        store.reopen_period(2025, "koreksi", "admin")
    store.finalise_period(2025, "ketua", summary={"dipindah": 0})
    for blank in ("", "   ", None):
        with pytest.raises(StoreError, match="^Alasan membuka kembali penetapan wajib diisi.$"):
            store.reopen_period(2025, blank, "admin")
    assert store.period_status(2025)["status"] == "ditetapkan"
    store.reopen_period(2025, "Koreksi data kinerja Dinas Kesehatan", "admin")
    status = store.period_status(2025)
    assert set(status) == {"status", "finalised_at", "finalised_by"} and status["status"] == "terbuka"
    entry = store.audit_entries(action="kalibrasi:buka").iloc[0]
    assert entry["actor"] == "admin" and entry["entity"] == "periode:2025"
    assert json.loads(entry["detail"])["alasan"] == "Koreksi data kinerja Dinas Kesehatan"
    store.calibrate(2025, nip, 5, 6, "LAINNYA", "sesudah dibuka", "ketua")        # writes accepted again
    store.finalise_period(2025, "ketua2")
    hist = store.finalisations(2025)
    assert list(hist.columns) == ["id", "period", "ditetapkan_pada", "ditetapkan_oleh", "ringkasan", "dibuka_pada",
                                  "dibuka_oleh", "alasan_buka"]
    assert hist["ditetapkan_oleh"].tolist() == ["ketua2", "ketua"]                # newest first, history kept
    assert pd.isna(hist["dibuka_pada"].iloc[0]) and hist["dibuka_oleh"].iloc[1] == "admin"
    assert json.loads(hist["ringkasan"].iloc[1]) == {"dipindah": 0}
    with pytest.raises(PeriodLocked):
        store.calibrate(2025, nip, 5, 7, "LAINNYA", "lagi", "ketua")


def test_admin_may_reopen(tmp_path):
    s = open_store(tmp_path / "r.duckdb")
    roles = s.roles().set_index("role")["izin"].str.split(";")
    s.close()
    assert "penetapan:buka" in roles["admin"] and "penetapan:buka" not in roles["ketua"]


# -- undo that respects dependencies -----------------------------------------------------------------------

def orphans(store, period):
    return int(store._scalar(
        "SELECT count(*) FROM (SELECT nip FROM performance WHERE period = ? UNION ALL"
        " SELECT nip FROM assessment WHERE period = ?) WHERE nip NOT IN (SELECT nip FROM asn_period WHERE period = ?)",
        [period, period, period]))


@pytest.fixture
def stacked(store):
    """Personnel, performance and assessment imports of a new period 2026 (in that order)."""
    nips = new_nips(4)
    ids = (run(store, csv_bytes([PERSONNEL_HEADER] + personnel_rows(nips)), "p.csv", period=2026),
           run(store, xlsx(perf_rows(nips)), "k.xlsx", period=2026),
           run(store, xlsx(assess_rows(nips[:2])), "a.xlsx", period=2026, kind="assessment"))
    return store, ids


def test_personnel_undo_is_refused_while_later_imports_depend_on_it(stacked):
    store, (p, k, a) = stacked
    before = store.table_checksums()
    with pytest.raises(StoreError) as exc:
        store.undo_import("personnel", 2026, "uji")
    assert str(exc.value) == (
        f"Impor #{p} (data kepegawaian periode 2026) tidak dapat dibatalkan sendiri: impor sesudahnya memakai data "
        f"pegawainya: #{a} (data asesmen periode 2026), #{k} (data kinerja periode 2026). Batalkan impor itu lebih "
        "dulu, atau batalkan semuanya bersama-sama.")
    assert store.table_checksums() == before
    row = store.undoable_imports().set_index("batch_id").loc[p]
    assert list(row["dependents"]) == [a, k] and list(row["dependent_kinds"]) == ["assessment", "performance"]
    assert not row["locked"]


def test_personnel_undo_with_dependents_undoes_all_three_in_one_step(stacked):
    store, (p, k, a) = stacked
    asn_before = store.count_rows("asn_period", 2026)
    assert asn_before == 4
    audited = store.count_rows("audit_log")
    done = store.undo_import("personnel", 2026, "uji", with_dependents=True)
    assert done["batch_id"] == p and done["together"] == [a, k]
    assert store.count_rows("asn_period", 2026) == 0 and orphans(store, 2026) == 0
    assert store.count_rows("performance", 2026) == store.count_rows("assessment", 2026) == 0
    assert 2026 not in store.periods()                                   # the period the import added goes too
    hist = store.import_history().set_index("batch_id")
    assert hist.loc[[p, k, a], "undone_at"].notna().all()
    assert store.count_rows("audit_log") == audited + 1
    assert json.loads(store.audit_entries(action="impor:batal").iloc[0]["detail"])["bersama"] == [a, k]


def test_undo_in_order_still_works_and_leaves_no_orphans(stacked):
    store, _ = stacked
    for kind in ("assessment", "performance", "personnel"):
        store.undo_import(kind, 2026, "uji")
    assert orphans(store, 2026) == 0 and store.count_rows("asn_period", 2026) == 0


def test_undo_of_a_locked_period_is_refused_and_shown_locked(stacked):
    store, (p, k, a) = stacked
    store.finalise_period(2026, "ketua")
    before = store.table_checksums()
    for kind, kw in (("assessment", {}), ("performance", {}), ("personnel", {"with_dependents": True})):
        with pytest.raises(PeriodLocked, match="Periode 2026 sudah ditetapkan"):
            store.undo_import(kind, 2026, "uji", **kw)
    assert store.table_checksums() == before
    rows = store.undoable_imports().set_index("batch_id")
    assert rows.loc[[p, k, a], "locked"].tolist() == [True, True, True]
    assert not rows[rows["period"] != 2026]["locked"].any()


def test_command_line_undo_names_the_dependents_and_undoes_them_together(stacked):
    store, (p, k, a) = stacked
    store.close()                                    # the command line is another process

    def cli(*args):
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        return subprocess.run([sys.executable, "-m", "data", "--db", str(store.path), "undo", "--kind", "personnel",
                               "--period", "2026", *args], cwd=ROOT, env=env, capture_output=True, text=True,
                              timeout=60)

    refused = cli()
    assert refused.returncode != 0 and f"#{a} (data asesmen periode 2026), #{k} (data kinerja" in refused.stderr
    done = cli("--bersama")
    assert done.returncode == 0, done.stderr
    assert f"Impor #{p} (data kepegawaian periode 2026" in done.stdout and f"bersama impor #{a}, #{k}" in done.stdout
    s = open_store(store.path)
    try:
        assert s.count_rows("asn_period", 2026) == 0 and orphans(s, 2026) == 0
    finally:
        s.close()


def test_migration_keeps_earlier_penetapan_in_the_history(tmp_path, monkeypatch):
    """A period finalised before migration 009 gets its history row (who, when), so it can be reopened."""
    import data.store.migrations as migrations

    early = tmp_path / "early"
    early.mkdir()
    for f in sorted(migrations.MIGRATIONS_DIR.glob("00[1-8]_*.sql")):
        shutil.copy(f, early / f.name)
    full = migrations.MIGRATIONS_DIR
    monkeypatch.setattr(migrations, "MIGRATIONS_DIR", early)
    s = open_store(tmp_path / "old.duckdb")
    try:
        s._cur().execute("INSERT INTO period (period, label, status, finalised_at, finalised_by)"
                         " VALUES (2024, '2024', 'ditetapkan', TIMESTAMP '2025-01-15 10:00:00', 'ketua lama')")
        monkeypatch.setattr(migrations, "MIGRATIONS_DIR", full)
        assert "009_period_lock.sql" in s.migrate()
        hist = s.finalisations(2024)
        assert hist[["ditetapkan_oleh", "ditetapkan_pada"]].values.tolist() == [
            ["ketua lama", pd.Timestamp("2025-01-15 10:00:00")]]
        s.reopen_period(2024, "Koreksi", "admin")
        assert s.finalisations(2024)["alasan_buka"].tolist() == ["Koreksi"]
    finally:
        s.close()
