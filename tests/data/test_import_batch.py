"""One drop of a period's files: recognised, checked together (cross-file NIPs, one period, one file
per kind), written in one transaction or not at all, undone as one step; the command line with
several files."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from data.importing import Rejected
from data.importing.batch import check_drop, commit_drop, read_drop, run_drop
from data.store import StoreError, open_store
from tests.import_helpers import (
    DATA_TABLES,
    PERSONNEL_HEADER,
    assert_same,
    csv_bytes,
    new_nips,
    personnel_rows,
    snapshot,
    xlsx,
)

ROOT = Path(__file__).resolve().parents[2]
PERIOD = 2026


@pytest.fixture
def store(real_store):
    return real_store


def personnel(nips, period=PERIOD) -> bytes:
    return csv_bytes([(*PERSONNEL_HEADER, "Periode")] + [[*r, period] for r in personnel_rows(nips)])


def performance(nips, period=PERIOD) -> bytes:
    return xlsx([["NIP", "Nama", "Predikat Kinerja", "Periode"]] + [[n, "x", "Baik", period] for n in nips])


def assessment(nips) -> bytes:
    return xlsx([["NIP", "Sumber Asesmen", "Integritas", "Nilai Potensi"]] + [[n, "CACT", 3, 70.5] for n in nips])


def drop_of(store, *files, period=None):
    return check_drop(store, read_drop(store, list(files)), period)


def counts(store) -> dict[str, int]:
    return {t: store.count_rows(t) for t in (*DATA_TABLES, "import_batch", "audit_log")}


def test_kinds_recognised_checked_in_dependency_order_and_written_in_one_transaction(store):
    nips = new_nips(6)
    drop = drop_of(store, ("cact.xlsx", assessment(nips)), ("skp.xlsx", performance(nips)),
                   ("pegawai.csv", personnel(nips)))
    assert [(f.name, f.kind, f.period, f.rows) for f in drop.files] == [
        ("pegawai.csv", "personnel", PERIOD, 6), ("skp.xlsx", "performance", PERIOD, 6),
        ("cact.xlsx", "assessment", PERIOD, 6)]
    assert drop.ok and drop.errors == 0 and drop.period == PERIOD
    assert {"baca", "periksa"} <= set(drop.files[0].seconds) and "periksa" in drop.seconds
    ids = commit_drop(store, drop, "uji")
    assert len(ids) == 3 and "tulis" in drop.seconds
    batches = store._frame("SELECT batch_id, kind, drop_id FROM import_batch WHERE batch_id IN (?, ?, ?)"
                           " ORDER BY batch_id", ids)
    assert batches["kind"].tolist() == ["personnel", "performance", "assessment"]
    assert batches["drop_id"].tolist() == [ids[0]] * 3          # one drop
    assert store._frame("SELECT count(*) AS n FROM asn_period WHERE period = ?", [PERIOD])["n"][0] == 6
    assert store._frame("SELECT count(*) AS n FROM performance WHERE period = ?", [PERIOD])["n"][0] == 6
    assert store._frame("SELECT count(*) AS n FROM assessment WHERE period = ?", [PERIOD])["n"][0] == 6
    audit = store._frame("SELECT action, detail FROM audit_log WHERE action LIKE 'impor:%' ORDER BY audit_id DESC LIMIT 3")
    assert sorted(audit["action"]) == ["impor:assessment", "impor:performance", "impor:personnel"]
    assert all(f'"drop": {ids[0]}' in d for d in audit["detail"])


def test_performance_nips_are_checked_against_the_personnel_file_of_the_drop(store):
    nips = new_nips(4)
    in_db_only = store._frame("SELECT nip FROM asn_period WHERE period = 2025 LIMIT 1")["nip"][0]
    # 2025: the database has this person, but the drop's personnel file (which replaces the roll) does not
    drop = drop_of(store, ("pegawai.csv", personnel(nips, 2025)), ("skp.xlsx", performance([*nips, in_db_only], 2025)))
    assert not drop.ok and drop.errors == 1
    issues = drop.issues()
    row = issues[issues["tingkat"] == "galat"].iloc[0]
    assert (row["berkas"], int(row["baris"]), row["kolom"]) == ("skp.xlsx", 6, "NIP")
    assert row["pesan"] == (f"NIP {in_db_only} tidak ada dalam data kepegawaian periode 2025 (berkas kepegawaian "
                            "'pegawai.csv' yang diunggah bersamanya). Tambahkan pegawai itu ke berkas kepegawaian, "
                            "atau periksa NIP-nya.")
    assert drop.messages()[0].startswith("skp.xlsx, baris 6, kolom NIP: NIP ")
    # without the personnel file, the same performance file is checked against the database: new NIPs fail
    alone = drop_of(store, ("skp.xlsx", performance([*nips, in_db_only], 2025)))
    assert alone.errors == 4 and "Impor data kepegawaian periode itu lebih dulu" in alone.issues()["pesan"].iloc[0]


def test_disagreeing_periods_and_a_kind_twice_are_clear_errors(store):
    nips = new_nips(3)
    drop = drop_of(store, ("pegawai.csv", personnel(nips, 2026)), ("skp.xlsx", performance(nips, 2025)))
    assert not drop.ok
    assert drop.problems == ["Berkas-berkas ini berbeda periode: 'pegawai.csv' periode 2026; 'skp.xlsx' periode "
                             "2025. Satu unggahan untuk satu periode: perbaiki kolom Periode, atau unggah berkas tiap "
                             "periode terpisah."]
    twice = drop_of(store, ("a.csv", personnel(nips)), ("b.csv", personnel(nips)))
    assert twice.problems == ["Dua berkas berisi data kepegawaian: 'a.csv', 'b.csv'. Satu unggahan memuat satu berkas "
                              "per jenis data: buang salah satunya, atau gabungkan isinya dalam satu berkas."]
    assert twice.issues()["berkas"].iloc[0] == ""    # a problem of the drop, not of one file
    with pytest.raises(Rejected, match="basis data tidak diubah"):
        commit_drop(store, twice, "uji")


def test_a_bad_file_among_good_ones_writes_nothing(store):
    nips = new_nips(3)
    before = snapshot(store)
    result = run_drop(store, [("pegawai.csv", personnel(nips)), ("skp.xlsx", performance(nips)),
                              ("rusak.xlsx", b"bukan excel")], actor="uji")
    assert result.batch_ids == [] and not result.drop.ok
    bad = next(f for f in result.drop.files if f.name == "rusak.xlsx")
    assert bad.rejected.startswith("Berkas 'rusak.xlsx' bukan lembar kerja Excel")
    assert_same(before, snapshot(store))


def test_a_failure_while_writing_any_file_writes_nothing(store):
    nips = new_nips(3)
    drop = drop_of(store, ("pegawai.csv", personnel(nips)), ("skp.xlsx", performance(nips)))
    assert drop.ok
    before = counts(store)
    drop.files[1].outcome.frames["performance"] = drop.files[1].outcome.frames["performance"].assign(
        kolom_tak_ada=1)   # the second file's write fails inside the transaction
    with pytest.raises(StoreError, match="tidak ada yang diubah"):
        commit_drop(store, drop, "uji")
    assert counts(store) == before and PERIOD not in store.periods()


def test_undo_of_a_drop_is_one_step_and_restores_the_previous_state(store):
    nips = new_nips(5)
    before = snapshot(store, DATA_TABLES)
    ids = run_drop(store, [("pegawai.csv", personnel(nips, 2025)), ("skp.xlsx", performance(nips, 2025)),
                           ("cact.xlsx", assessment(nips))], actor="uji").batch_ids
    assert len(ids) == 3
    undoable = store.undoable_imports().set_index("batch_id")
    assert undoable.loc[ids[0], "dependents"].tolist() == []       # its drop's files are no dependents
    assert sorted(undoable.loc[ids[0], "drop_batches"]) == ids
    done = store.undo_import("personnel", 2025, "uji")                  # any file of the drop undoes all of it
    assert sorted(done["together"]) == ids[1:]
    assert_same(before, snapshot(store, DATA_TABLES))
    undone = store._frame("SELECT count(*) AS n FROM import_batch WHERE batch_id IN (?, ?, ?) AND undone_at IS NOT"
                          " NULL", ids)
    assert undone["n"][0] == 3
    audit = store._frame("SELECT detail FROM audit_log WHERE action = 'impor:batal' ORDER BY audit_id DESC LIMIT 1")
    assert f'"drop": {ids[0]}' in audit["detail"][0]
    assert store._frame("SELECT count(*) AS n FROM audit_log WHERE action = 'impor:batal'")["n"][0] == 1


def test_a_later_separate_performance_import_still_needs_its_confirmation(store):
    nips = new_nips(3)
    ids = run_drop(store, [("pegawai.csv", personnel(nips)), ("cact.xlsx", assessment(nips))], actor="uji").batch_ids
    later = run_drop(store, [("skp.xlsx", performance(nips))], actor="uji").batch_ids
    with pytest.raises(StoreError, match="tidak dapat dibatalkan sendiri"):
        store.undo_import("assessment", PERIOD, "uji")
    done = store.undo_import("assessment", PERIOD, "uji", with_dependents=True)
    assert sorted([done["batch_id"], *done["together"]]) == sorted(ids + later)
    assert PERIOD not in store.periods()


# -- command line ------------------------------------------------------------------------------------

def _cli(*args, db):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "data", "--db", str(db), *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)


def test_cli_imports_several_files_in_one_transaction(store, tmp_path):
    nips = new_nips(4)
    db = store.path
    store.close()
    files = {"pegawai.csv": personnel(nips), "skp.xlsx": performance(nips), "cact.xlsx": assessment(nips)}
    for name, content in files.items():
        (tmp_path / name).write_bytes(content)
    bad = tmp_path / "skp-salah.xlsx"
    bad.write_bytes(performance([*nips, new_nips(5)[4]]))
    r = _cli("import", str(tmp_path / "pegawai.csv"), str(bad), db=db)
    assert r.returncode == 1 and "Traceback" not in r.stderr
    assert "skp-salah.xlsx, baris 6, kolom NIP: NIP " in r.stdout
    assert r.stderr.startswith("Gagal: Impor dibatalkan: 1 galat; basis data tidak diubah.")
    r = _cli("import", *(str(tmp_path / n) for n in files), db=db)
    assert r.returncode == 0, r.stderr
    assert "pegawai.csv: Data kepegawaian, periode 2026, 4 baris, 0 galat, 0 peringatan." in r.stdout
    assert "cact.xlsx: Asesmen kompetensi & potensi (CACT/AC), periode 2026, 4 baris, 0 galat, 0 peringatan." in r.stdout
    assert "Selesai: 3 berkas dalam satu impor (#2, #3, #4)" in r.stdout
    s = open_store(db, read_only=True)
    try:
        got = s._frame("SELECT kind, drop_id FROM import_batch WHERE batch_id > 1 ORDER BY batch_id")
    finally:
        s.close()
    assert got["kind"].tolist() == ["personnel", "performance", "assessment"] and got["drop_id"].tolist() == [2] * 3
    r = _cli("undo", "--kind", "performance", "--period", "2026", db=db)
    assert r.returncode == 0, r.stderr
    assert "dibatalkan bersama impor #4, #2" in r.stdout
    s = open_store(db, read_only=True)
    try:
        assert 2026 not in s.periods()
    finally:
        s.close()


def test_issue_frame_of_an_empty_drop_has_its_columns(store):
    assert list(drop_of(store).issues().columns) == ["berkas", "baris", "kolom", "tingkat", "pesan"]
    assert pd.isna(drop_of(store).period)


def test_the_reads_report_each_file_as_it_is_done(store):
    """A page shows its reading's progress only when the reads take long: each file read is one report
    (the files in their own order in the result, whichever finished first)."""
    nips = new_nips(3)
    heard: list[tuple[float, str]] = []
    read = read_drop(store, [("pegawai.csv", personnel(nips)), ("skp.xlsx", performance(nips))],
                     progress=lambda value, text: heard.append((value, text)))
    assert [f.name for f in read] == ["pegawai.csv", "skp.xlsx"] and all(f.rejected is None for f in read)
    assert [text.split(" (")[0] for _, text in heard[1:]] == ["1 dari 2 berkas terbaca", "2 dari 2 berkas terbaca"]
    assert sorted(text.split("(")[1].rstrip(").") for _, text in heard[1:]) == ["pegawai.csv", "skp.xlsx"]
    assert [value for value, _ in heard] == sorted(value for value, _ in heard) and heard[-1][0] < 1


def test_files_read_before_the_roll_are_checked_ahead_with_the_same_report(store, monkeypatch):
    """A performance or assessment file read while the personnel workbook is still being read (in its
    child process) is checked at once, its NIPs looked up in the drop's roll afterwards: the same
    report as checking it after the roll, in the same order (a row's roll look-up comes last either
    way); a mapping changed since the read discards that check; nothing is checked beside a csv."""
    import threading

    from data.importing import batch, pipeline

    nips = new_nips(5)
    in_db_only = store._frame("SELECT nip FROM asn_period WHERE period = 2025 LIMIT 1")["nip"][0]
    skp = xlsx([["NIP", "Nama", "Predikat Kinerja", "Periode"]] + [[n, "x", "Baik", 2025] for n in nips]
               + [[in_db_only, "x", "Luar biasa sekali", 2025]])          # two issues on one row
    cact = assessment([*nips[:3], "12345", in_db_only])
    roll = xlsx([[*PERSONNEL_HEADER, "Periode"]] + [[*r, 2025] for r in personnel_rows(nips)])
    files = [("pegawai.xlsx", roll), ("skp.xlsx", skp), ("cact.xlsx", cact)]
    plain = check_drop(store, read_drop(store, files), 2025)         # no period at the read: nothing ahead
    assert [f.ahead for f in read_drop(store, files)] == [None] * 3

    others_read = threading.Event()
    real_read = batch.read_one
    monkeypatch.setattr(batch, "read_one", lambda s, name, *a, **k: (
        not name.startswith("pegawai") or others_read.wait(60)) and real_read(s, name, *a, **k))
    checked: list[str] = []
    real_check = pipeline.check
    monkeypatch.setattr(pipeline, "check", lambda s, table, kind, *a, **k: checked.append(kind) or
                        real_check(s, table, kind, *a, **k))

    def read_with_the_roll_last() -> list:
        read = read_drop(store, files, period=2025, progress=lambda value, text: text.startswith("2 dari 3")
                         and others_read.set())
        others_read.clear()
        assert [f.ahead is not None for f in read] == [False, True, True]
        for f in read[1:]:
            assert f.ahead.result()[1] is not None                  # made, without the roll
        checked.clear()
        return read

    ahead = check_drop(store, read_with_the_roll_last(), 2025)
    assert checked == ["personnel"]                                  # the others' checks were taken
    assert all(f.ahead is None for f in ahead.files)
    pd.testing.assert_frame_equal(ahead.issues(), plain.issues())
    issues = ahead.issues()
    skp_row = issues[(issues["berkas"] == "skp.xlsx") & (issues["baris"] == 7)]
    assert skp_row["kolom"].tolist() == ["Predikat Kinerja", "NIP"]   # the roll's look-up last
    assert "berkas kepegawaian 'pegawai.xlsx' yang diunggah bersamanya" in skp_row["pesan"].iloc[1]
    assert ahead.errors == plain.errors == 4

    # a csv roll is parsed in this process: a check beside it would only take turns with it
    as_csv = [("pegawai.csv", personnel(nips, 2025)), ("skp.xlsx", skp)]
    read = read_drop(store, as_csv, period=2025, progress=lambda value, text: text.startswith("1 dari 2")
                     and others_read.set())
    others_read.clear()
    assert [f.ahead for f in read] == [None] * 2

    read = read_with_the_roll_last()
    read[1].mapping = {k: v for k, v in read[1].mapping.items() if v != "periode"}   # changed since the read
    changed = check_drop(store, read, 2025)
    assert checked == ["personnel", "performance"]
    pd.testing.assert_frame_equal(changed.issues(), plain.issues())


def test_the_smaller_workbooks_of_a_drop_are_read_at_a_lower_priority_than_the_largest(store, monkeypatch):
    """Read together, the drop waits for its largest workbook: its reading child keeps the CPU priority,
    the other workbooks' children yield to it (niceness ``BEHIND_NICE``, seen on the live child), also
    beside a larger csv (parsed in this process); one file alone, or files read one after the other, are
    read at the usual priority."""
    from data.importing import sandbox

    nips = new_nips(40)
    roll = xlsx([[*PERSONNEL_HEADER, "Periode"]] + [[*r, PERIOD] for r in personnel_rows(nips)])
    files = [("skp.xlsx", performance(nips[:5])), ("pegawai.xlsx", roll), ("cact.xlsx", assessment(nips[:5]))]
    assert len(roll) > max(len(files[0][1]), len(files[2][1]))
    seen: list[int] = []
    real = sandbox._deprioritise

    def deprioritise(proc):
        real(proc)
        seen.append(os.getpriority(os.PRIO_PROCESS, proc.pid))   # the child waits for its file: alive

    monkeypatch.setattr(sandbox, "_deprioritise", deprioritise)
    started: list[int] = []
    real_take = sandbox._take
    monkeypatch.setattr(sandbox, "_take", lambda: started.append(1) or real_take())
    read = read_drop(store, files)
    assert [f.kind for f in read] == ["performance", "personnel", "assessment"]
    assert all(f.rejected is None for f in read)
    assert len(started) == 3 and seen == [sandbox.BEHIND_NICE] * 2    # every child but the roll's

    # a csv larger than every workbook: it is parsed here, the largest workbook keeps its priority
    seen.clear()
    as_csv = [("pegawai.csv", personnel(nips * 3)), files[0], files[2]]
    assert len(as_csv[0][1]) > len(files[2][1]) > len(files[0][1])
    assert [f.kind for f in read_drop(store, as_csv)] == ["personnel", "performance", "assessment"]
    assert seen == [sandbox.BEHIND_NICE]                               # the performance workbook only

    seen.clear()
    read_drop(store, files[1:2])
    monkeypatch.setattr("data.importing.batch.PARALLEL_BYTES", 0)     # one after the other
    read_drop(store, files)
    assert seen == []
