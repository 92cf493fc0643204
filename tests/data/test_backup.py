"""Backup and restore: a snapshot restores every table exactly, sequences go on, the
previous file is kept, snapshots and their folder are private, and a damaged snapshot, a locked
database or a crafted schema change nothing."""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import stat
import subprocess
import sys
import zipfile
from datetime import datetime
from pathlib import Path

import duckdb
import pytest

from data import auth
from data.backup import AUDIT_BACKUP, AUDIT_RESTORE, backup, restore
from data.importing import pipeline
from data.store import StoreError, open_store
from tests.import_helpers import PERSONNEL_HEADER, csv_bytes, personnel_rows

ROOT = Path(__file__).resolve().parents[2]
LOCKED = r"sedang dipakai proses lain \(misalnya dashboard yang sedang berjalan\)"


def checksums(path: Path) -> dict[str, dict]:
    s = open_store(path, read_only=True)
    try:
        return s.table_checksums()
    finally:
        s.close()


def audit_log(path: Path):
    s = open_store(path, read_only=True)
    try:
        return s.audit_entries(limit=10**6).sort_values("audit_id").reset_index(drop=True)
    finally:
        s.close()


def file_hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def listing(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))


@pytest.fixture
def busy(real_db, tmp_path) -> Path:
    return make_busy(real_db, tmp_path / "talenta.duckdb")


def make_busy(real_db: Path, path: Path) -> Path:
    """Real (not synthetic) data plus something in every kind of table: an import that replaced
    rows (kept for undo), a calibration, a discussion, a development action, a user, audit rows."""
    shutil.copy(real_db, path)
    s = open_store(path)
    try:
        nips = s._frame("SELECT nip FROM asn_period WHERE period = 2025 ORDER BY nip LIMIT 4")["nip"].tolist()
        result = pipeline.run(s, csv_bytes([PERSONNEL_HEADER] + personnel_rows(nips)), "pegawai.csv",
                              period=2026, actor="uji")
        assert result.batch_id is not None
        reason = s.calibration_reasons()["kode"].iloc[0]
        s.calibrate(2025, nips[0], 5, 8, reason, "Dinaikkan setelah dibahas", "ketua")
        s.record_discussion(2025, nips[0], 90, True, "ketua")
        s.add_development_action(2025, nips[0], "coaching", "Coaching kepemimpinan", "ketua")
        auth.add_user(s, "admin", "Admin Uji", "admin", None, "Rahasia-Uji-123", "uji")
    finally:
        s.close()
    return path


def test_backup_then_restore_gives_every_table_back_exactly(busy, tmp_path):
    before = checksums(busy)
    for table in ("schema_migrations", "rule_box", "app_user", "audit_log", "import_batch", "import_replaced_asn",
                  "calibration", "discussion", "development_action", "asn", "asn_period", "assessment"):
        assert before[table]["rows"] > 0, table  # the comparison below covers real content
    log_before = audit_log(busy)

    snapshot = backup(busy, tmp_path / "cadangan", "uji").path
    target = tmp_path / "lain" / "pulih.duckdb"
    done = restore(snapshot, target, "uji")

    after = checksums(target)
    assert after.keys() == before.keys()
    for table in before:
        if table != "audit_log":
            assert after[table] == before[table], table
    # the audit log is the same plus one row saying what was restored
    log_after = audit_log(target)
    assert log_after.iloc[:-1].equals(log_before)
    last = log_after.iloc[-1]
    assert last["action"] == AUDIT_RESTORE and last["actor"] == "uji"
    assert json.loads(last["detail"]) == {"cadangan": snapshot.name, "dibuat": done.created_at,
                                          "skema": done.schema_version, "tabel": len(before),
                                          "baris": sum(t["rows"] for t in before.values()), "sebelumnya": None}
    assert done.kept is None and listing(target.parent) == ["pulih.duckdb"]


def test_sequences_and_undo_go_on_after_restore(busy, tmp_path):
    snapshot = backup(busy, tmp_path / "cadangan", "uji").path
    target = tmp_path / "pulih.duckdb"
    restore(snapshot, target, "uji")
    s = open_store(target)
    try:
        top = {t: s._scalar(f"SELECT max({c}) FROM {t}") for t, c in
               (("audit_log", "audit_id"), ("development_action", "id"), ("assessment", "assessment_id"),
                ("import_batch", "batch_id"))}
        nip = s._frame("SELECT nip FROM asn_period WHERE period = 2025 ORDER BY nip LIMIT 1")["nip"][0]
        assert s.add_development_action(2025, nip, "mentoring", "Mentoring", "ketua") == top["development_action"] + 1
        s.audit("uji", "uji:setelah-pulih")
        assert s._scalar("SELECT max(audit_id) FROM audit_log") > top["audit_log"]
        # an assessment import takes new assessment_ids from the restored sequence: no collision
        rows = [["NIP", "Sumber Asesmen", "Integritas", "Nilai Potensi"], [nip, "CACT", 4, 70]]
        result = pipeline.run(s, csv_bytes(rows), "cact.csv", period=2025, kind="assessment", actor="uji")
        assert result.batch_id == top["import_batch"] + 1
        assert s._scalar("SELECT min(assessment_id) FROM assessment WHERE batch_id = ?",
                         [result.batch_id]) > top["assessment"]
        # the rows an import replaced came back too, so undo still works
        s.undo_import("assessment", 2025, "uji")
        done = s.undo_import("personnel", 2026, "uji")
        assert done["file_name"] == "pegawai.csv" and 2026 not in s.periods()
    finally:
        s.close()


def test_restore_over_a_database_keeps_the_previous_file(busy, tmp_path):
    saved = checksums(busy)
    snapshot = backup(busy, None, "uji").path
    s = open_store(busy)
    s.audit("uji", "uji:perubahan-sesudah-cadangan")
    s.close()
    changed = checksums(busy)
    assert changed != saved

    done = restore(snapshot, busy, "uji", now=datetime(2026, 11, 29, 14, 5, 9))

    kept = busy.with_name("talenta.sebelum-restore-20261129-140509.duckdb")
    assert done.kept == kept and checksums(kept) == changed        # nothing lost
    now = checksums(busy)
    assert {t: v for t, v in now.items() if t != "audit_log"} == {t: v for t, v in saved.items() if t != "audit_log"}
    assert now["audit_log"]["rows"] == saved["audit_log"]["rows"] + 1
    assert json.loads(audit_log(busy).iloc[-1]["detail"])["sebelumnya"] == kept.name
    assert listing(busy.parent) == sorted(["backups", f"backups/{snapshot.name}", "talenta.duckdb", kept.name])


def test_backups_are_private_and_described_by_their_manifest(busy):
    old = os.umask(0)  # even with a careless umask
    try:
        done = backup(busy, None, "uji")
    finally:
        os.umask(old)
    assert done.path.parent == busy.parent / "backups"
    assert stat.S_IMODE(done.path.parent.stat().st_mode) == 0o700
    assert stat.S_IMODE(done.path.stat().st_mode) == 0o600
    assert done.path.name.startswith("talenta-") and done.path.suffix == ".zip"

    with zipfile.ZipFile(done.path) as z:
        manifest = json.loads(z.read("manifest.json"))
        names = set(z.namelist())
        stored = {i.filename: i.compress_type for i in z.infolist()}
    s = open_store(busy, read_only=True)
    try:
        sums, version = s.table_checksums(), s.schema_version()
        last = s.audit_entries(limit=1).iloc[0]
    finally:
        s.close()
    assert manifest["format"] == "talenta-cadangan" and manifest["schema_version"] == version
    assert manifest["duckdb_version"] == duckdb.__version__ and manifest["database"] == "talenta.duckdb"
    assert datetime.fromisoformat(manifest["created_at"]).tzinfo is not None
    assert names == {"manifest.json", "schema.sql", "load.sql"} | {f"{t}.parquet" for t in sums}
    described = {t: {"rows": v["rows"], "checksum": v["checksum"]} for t, v in manifest["tables"].items()}
    # the backup's own audit row is written after the snapshot, so the snapshot has one row less
    assert described.pop("audit_log")["rows"] == sums.pop("audit_log")["rows"] - 1
    assert described == sums
    assert all(kind == zipfile.ZIP_STORED for name, kind in stored.items() if name.endswith(".parquet"))
    assert last["action"] == AUDIT_BACKUP and json.loads(last["detail"])["berkas"] == str(done.path)


def test_a_snapshot_is_a_plain_duckdb_export(busy, tmp_path):
    """The escape hatch promised in data/backup.py: unzipped, DuckDB alone imports it."""
    snapshot = backup(busy, tmp_path, "uji").path
    folder = tmp_path / "unzipped"
    with zipfile.ZipFile(snapshot) as z:
        z.extractall(folder)
    con = duckdb.connect(str(tmp_path / "plain.duckdb"))
    con.execute(f"IMPORT DATABASE '{folder}'")
    con.close()
    expected = json.loads((folder / "manifest.json").read_text())["tables"]
    assert {t: v["rows"] for t, v in checksums(tmp_path / "plain.duckdb").items()} == \
        {t: v["rows"] for t, v in expected.items()}


# -- what a restore refuses ------------------------------------------------------------------------------

def _rewrite(snapshot: Path, out: Path, drop: tuple[str, ...] = (), replace: dict[str, bytes] | None = None,
             manifest=None) -> Path:
    """A copy of ``snapshot`` without ``drop``, with ``replace``d members and a changed manifest."""
    replace = replace or {}
    with zipfile.ZipFile(snapshot) as src, zipfile.ZipFile(out, "w") as dst:
        data = json.loads(src.read("manifest.json"))
        if manifest:
            manifest(data)
        for name in src.namelist():
            if name in drop or name == "manifest.json":
                continue
            dst.writestr(name, replace.get(name, src.read(name)))
        dst.writestr("manifest.json", json.dumps(data))
    return out


def _with_schema(extra: str):
    """Append a statement to schema.sql and re-sign it in the manifest (a crafted snapshot)."""
    def build(snapshot: Path, out: Path) -> Path:
        with zipfile.ZipFile(snapshot) as z:
            schema = z.read("schema.sql") + extra.encode()
        def sign(m):
            m["files"]["schema.sql"] = hashlib.sha256(schema).hexdigest()
        return _rewrite(snapshot, out, replace={"schema.sql": schema}, manifest=sign)
    return build


def _bump_rows(m):
    m["tables"]["asn"]["rows"] += 1


def _newer_schema(m):
    m["schema_version"] = 999


def _other_parquet(snapshot: Path, out: Path) -> Path:
    with zipfile.ZipFile(snapshot) as z:
        other = z.read("opd.parquet")
    return _rewrite(snapshot, out, replace={"asn.parquet": other})


REFUSED = {
    "missing parquet file": (lambda s, o: _rewrite(s, o, drop=("asn.parquet",)),
                             "ditolak: berkas asn.parquet tidak ada di dalamnya. Basis data tidak diubah."),
    "altered row count": (lambda s, o: _rewrite(s, o, manifest=_bump_rows),
                          ("ditolak: tabel asn berisi {asn} baris, padahal manifest mencatat {asn1}. Basis data "
                           "tidak diubah.")),
    "file swapped": (_other_parquet, ("ditolak: isi berkas asn.parquet tidak sama dengan saat cadangan dibuat "
                                      "(SHA-256 berbeda). Basis data tidak diubah.")),
    "no manifest": (lambda s, o: _strip_manifest(s, o),
                    "ditolak: manifest.json tidak ada, jadi ini bukan cadangan Talenta."),
    "newer schema": (lambda s, o: _rewrite(s, o, manifest=_newer_schema),
                     "ditolak: cadangan ini dibuat dengan skema versi 999"),
    "truncated": (lambda s, o: o.write_bytes(s.read_bytes()[: s.stat().st_size // 2]) and o,
                  "ditolak: berkas itu bukan arsip .zip cadangan Talenta. Basis data tidak diubah."),
    "not a zip": (lambda s, o: o.write_text("bukan cadangan") and o,
                  "ditolak: berkas itu bukan arsip .zip cadangan Talenta. Basis data tidak diubah."),
    "schema writes a file": (_with_schema("COPY asn TO 'bocor.csv';\n"),
                             "Cadangan ditolak: schema.sql memuat perintah selain CREATE."),
    "schema reads a file": (_with_schema("CREATE TABLE curian AS SELECT * FROM read_csv('/etc/passwd');\n"),
                            "Cadangan ditolak: schema.sql tidak sah (Permission Error"),
}


def _strip_manifest(snapshot: Path, out: Path) -> Path:
    with zipfile.ZipFile(snapshot) as src, zipfile.ZipFile(out, "w") as dst:
        for name in src.namelist():
            if name != "manifest.json":
                dst.writestr(name, src.read(name))
    return out


@pytest.fixture(scope="module")
def saved(real_db, tmp_path_factory) -> tuple[Path, Path]:
    """One busy database and a good snapshot of it, shared by the refusal cases."""
    folder = tmp_path_factory.mktemp("saved")
    db = make_busy(real_db, folder / "talenta.duckdb")
    return db, backup(db, folder / "cadangan", "uji").path


@pytest.mark.parametrize("case", list(REFUSED))
def test_a_damaged_or_crafted_snapshot_is_refused_and_changes_nothing(saved, tmp_path, case):
    build, expected = REFUSED[case]
    db = tmp_path / "db" / "talenta.duckdb"
    db.parent.mkdir()
    shutil.copy(saved[0], db)
    bad = build(saved[1], tmp_path / "rusak.zip")
    asn = checksums(db)["asn"]["rows"]
    expected = expected.format(asn=asn, asn1=asn + 1)
    before = file_hash(db)

    with pytest.raises(StoreError) as exc:
        restore(bad, db, "uji")

    assert expected in str(exc.value)
    assert file_hash(db) == before and listing(db.parent) == ["talenta.duckdb"]  # no kept copy, no temp file


def test_restore_is_refused_while_the_dashboard_holds_the_database(busy, tmp_path):
    snapshot = backup(busy, tmp_path / "cadangan", "uji").path
    before, files = file_hash(busy), listing(busy.parent)
    hold = "import duckdb, sys, time; c = duckdb.connect(sys.argv[1]); print('ok', flush=True); time.sleep(60)"
    holder = subprocess.Popen([sys.executable, "-c", hold, str(busy)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "ok"
        with pytest.raises(StoreError, match=LOCKED):
            restore(snapshot, busy, "uji")
        with pytest.raises(StoreError, match=LOCKED):
            backup(busy, tmp_path / "cadangan", "uji")
    finally:
        holder.kill()
        holder.wait()
    assert file_hash(busy) == before and listing(busy.parent) == files


def test_restore_replaces_a_damaged_database_and_keeps_it(busy, tmp_path):
    snapshot = backup(busy, None, "uji").path
    saved = checksums(busy)
    garbage = os.urandom(300_000)
    busy.write_bytes(garbage)
    with pytest.raises(StoreError, match="rusak"):
        open_store(busy)
    done = restore(snapshot, busy, "uji")
    assert done.kept.read_bytes() == garbage
    assert checksums(busy)["asn_period"] == saved["asn_period"]


# -- command line ----------------------------------------------------------------------------------------

def _cli(*args, db: Path):
    return subprocess.run([sys.executable, "-m", "data", "--db", str(db), *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=120, env={**os.environ, "PYTHONPATH": str(ROOT)})


@pytest.mark.slow
def test_cli_backup_and_restore_say_one_line(busy, tmp_path):
    r = _cli("backup", "--out", str(tmp_path / "usb" / "malam-ini.zip"), db=busy)
    assert r.returncode == 0 and r.stderr == "" and r.stdout.count("\n") == 1, r.stderr
    assert r.stdout.startswith(f"Cadangan ditulis ke {tmp_path / 'usb' / 'malam-ini.zip'}: ")
    assert "Berkas ini berisi data pribadi" in r.stdout

    r = _cli("restore", str(tmp_path / "usb" / "malam-ini.zip"), db=tmp_path / "baru.duckdb")
    assert r.returncode == 0 and r.stdout.count("\n") == 1, r.stderr
    assert r.stdout.startswith(f"Basis data {tmp_path / 'baru.duckdb'} dipulihkan dari malam-ini.zip (dibuat ")

    damaged, missing, nothing = tmp_path / "rusak.zip", tmp_path / "tidak-ada.zip", tmp_path / "tidak-ada.duckdb"
    damaged.write_bytes(b"PK\x03\x04 terpotong")
    for args, db, start in (
            (("restore", str(damaged)), busy, f"Gagal: Cadangan {damaged} ditolak: "),
            (("restore", str(missing)), busy, f"Gagal: Cadangan {missing} ditolak: berkas itu tidak ada."),
            (("backup",), nothing, f"Gagal: Basis data {nothing} tidak ada")):
        r = _cli(*args, db=db)
        assert r.returncode == 1 and r.stdout == "" and r.stderr.count("\n") == 1, r.stderr
        assert r.stderr.startswith(start) and "Traceback" not in r.stderr
    assert not (tmp_path / "tidak-ada.duckdb").exists()  # a backup never creates a database


def test_a_login_open_at_backup_time_does_not_come_back_with_the_restore(busy, tmp_path):
    s = open_store(busy)
    try:
        token, _ = auth.start_session(s, auth.authenticate(s, "admin", "Rahasia-Uji-123")[0])
        assert auth.check_session(s, 60, token=token).user is not None
    finally:
        s.close()
    snapshot = backup(busy, tmp_path / "cadangan", "uji").path
    target = tmp_path / "lain" / "pulih.duckdb"
    restore(snapshot, target, "uji")
    r = open_store(target)
    try:
        check = auth.check_session(r, 60, token=token)
        assert check.user is None and check.reason == "pemulihan cadangan"
    finally:
        r.close()
