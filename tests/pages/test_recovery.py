"""Crash safety and damaged files.

An import killed with SIGKILL leaves the database exactly as it was (every table, audit log
included) or, when the kill lands after the commit, exactly as a finished import leaves it; the
next import then works. A commit that only reached the WAL is replayed on the next open; a torn
WAL tail is dropped as a whole. A damaged file or WAL gives one Indonesian message naming the file
and the way out, in the command line and in the app, never a stack trace.
"""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from data.store import StoreError, open_store
from tests.import_helpers import PERSONNEL_HEADER

pytestmark = pytest.mark.slow  # kills child processes mid-write, 6-25 s each

ROOT = Path(__file__).resolve().parents[2]
APP = str(ROOT / "app.py")
MARK = "MENUNGGU"
TIMEOUT = 300  # seconds: generous for a slow, shared CI machine; every wait is for an event
VOLATILE = ("created_at", "occurred_at")  # differ between two runs of the same import

# `python -m data ...` as is, except that the import transaction stops just before (or just after)
# its COMMIT and says so on stderr: the test then kills the process at a known point.
PAUSED_CLI = r"""
import os, runpy, sys, time
import data.store as store

def in_import():
    frame = sys._getframe(2)
    while frame is not None:
        if frame.f_code.co_name == "write_import":
            return True
        frame = frame.f_back
    return False

class Cursor:
    def __init__(self, cur):
        self._cur = cur
    def __getattr__(self, name):
        return getattr(self._cur, name)
    def execute(self, sql, *args, **kw):
        stop = sql == "COMMIT" and in_import()
        if stop and os.environ["PAUSE"] == "before":
            print("MENUNGGU", file=sys.stderr, flush=True)
            time.sleep(3600)
        result = self._cur.execute(sql, *args, **kw)
        if stop and os.environ["PAUSE"] == "after":
            print("MENUNGGU", file=sys.stderr, flush=True)
            time.sleep(3600)
        return result

real = store.Store._cur
store.Store._cur = lambda self: Cursor(real(self))
sys.argv = ["data", *sys.argv[1:]]
runpy.run_module("data", run_name="__main__", alter_sys=True)
"""


def _env() -> dict:
    return {**os.environ, "PYTHONPATH": str(ROOT)}


def cli(db: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "data", "--db", str(db), *args], cwd=ROOT, env=_env(),
                          capture_output=True, text=True, timeout=TIMEOUT)


def import_args(csv: Path) -> list[str]:
    return ["import", str(csv), "--period", "2025"]


def state(db: Path, ignore: tuple[str, ...] = ()) -> dict[str, dict]:
    """Row count and content checksum of every table."""
    s = open_store(db)
    try:
        return s.table_checksums(ignore)
    finally:
        s.close()


def wal(db: Path) -> Path:
    return db.with_name(db.name + ".wal")


def _watchdog(proc: subprocess.Popen) -> threading.Timer:
    """Kill a child that never reaches its marker, so a broken test fails instead of hanging."""
    timer = threading.Timer(TIMEOUT, proc.kill)
    timer.daemon = True
    timer.start()
    return timer


def kill_at_commit(db: Path, csv: Path, pause: str) -> None:
    """Run the import until just before/after its COMMIT, then SIGKILL it."""
    proc = subprocess.Popen([sys.executable, "-c", PAUSED_CLI, "--db", str(db), *import_args(csv)], cwd=ROOT,
                            env={**_env(), "PAUSE": pause}, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            text=True)
    timer = _watchdog(proc)
    try:
        said = []
        for line in iter(proc.stderr.readline, ""):
            if line.strip() == MARK:
                break
            said.append(line)
        else:
            pytest.fail("the import ended before its COMMIT: " + "".join(said))
        os.kill(proc.pid, signal.SIGKILL)
        assert proc.wait(TIMEOUT) == -signal.SIGKILL
    finally:
        timer.cancel()
        proc.kill()
        proc.stderr.close()


def _personnel_csv(folder: Path, n: int) -> Path:
    """Period 2025 of a synthetic city of ``n`` ASN as a personnel export (``;``-separated)."""
    from data.synthetic import build_demo

    f = build_demo(n_asn=n)
    rows = (f["asn_period"][f["asn_period"]["period"] == 2025].merge(f["asn"][["nip", "nama"]], on="nip")
            .merge(f["opd"][["opd_id", "nama"]].rename(columns={"nama": "opd"}), on="opd_id"))
    out = rows[["nip", "nama", "opd", "unit_kerja", "jabatan", "jenjang_jabatan", "golongan", "pendidikan_tingkat"]]
    out.columns = PERSONNEL_HEADER
    path = folder / f"pegawai-{n}.csv"
    out.to_csv(path, sep=";", index=False)
    return path


@pytest.fixture(scope="module")
def files(real_db, tmp_path_factory) -> dict:
    """A 100k-row and a 3k-row personnel file, and what a finished import of each leaves behind."""
    folder = tmp_path_factory.mktemp("kill")
    out = {}
    for n in (100_000, 3_000):
        csv = _personnel_csv(folder, n)
        done = folder / f"done-{n}.duckdb"
        shutil.copy(real_db, done)
        r = cli(done, *import_args(csv))
        assert r.returncode == 0, r.stderr
        out[n] = (csv, state(done, VOLATILE), done.stat().st_size)
    return out


@pytest.fixture
def db(real_db, tmp_path) -> Path:
    path = tmp_path / "talenta.duckdb"
    shutil.copy(real_db, path)
    return path


def test_kill_before_commit_leaves_every_table_as_it_was(db, files):
    csv, finished, _ = files[100_000]
    before = state(db)

    kill_at_commit(db, csv, "before")  # every row is written inside the transaction by now

    assert state(db) == before  # every table, audit log and import batches included
    r = cli(db, *import_args(csv))  # and the next import goes through
    assert r.returncode == 0, r.stderr
    assert "Selesai: impor #2, 100.000 baris" in r.stdout
    assert state(db, VOLATILE) == finished


def test_kill_while_committing_is_all_or_nothing(db, files, tmp_path):
    """No hook: the real command, killed while the file is half written. The commit goes into the WAL
    and the store checkpoints it into the file as it closes (new blocks first, then one header write
    that switches to them), so what survives is the old state or the finished one, never a mix."""
    csv, finished, final_size = files[100_000]
    before = state(db)
    killed = 0
    for attempt in range(3):
        path = tmp_path / f"try-{attempt}.duckdb"
        shutil.copy(db, path)
        size = path.stat().st_size
        halfway = size + (final_size - size) // 2
        proc = subprocess.Popen([sys.executable, "-m", "data", "--db", str(path), *import_args(csv)], cwd=ROOT,
                                env=_env(), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        timer = _watchdog(proc)
        try:
            for line in proc.stdout:
                if "Menulis 100.000 baris" in line:
                    break
            while proc.poll() is None and path.stat().st_size < halfway:  # the commit is writing blocks
                time.sleep(0.0005)
            if proc.poll() is None:
                os.kill(proc.pid, signal.SIGKILL)
            code = proc.wait(TIMEOUT)
        finally:
            timer.cancel()
            proc.stdout.close()
        now = state(path)
        if now != before:
            assert state(path, VOLATILE) == finished, "a partial import survived the kill"
        if code == -signal.SIGKILL:
            killed += 1
            if now == before:  # the next import works on what the kill left
                r = cli(path, *import_args(csv))
                assert r.returncode == 0, r.stderr
                assert state(path, VOLATILE) == finished
            break
    assert killed, "the import always finished before the kill"


def test_a_commit_that_only_reached_the_wal_is_replayed_and_a_torn_one_dropped(db, files, tmp_path):
    csv, finished, _ = files[3_000]
    before = state(db)
    kill_at_commit(db, csv, "after")
    assert wal(db).stat().st_size > 0  # the commit lives only in the WAL
    pair = (db.read_bytes(), wal(db).read_bytes())

    assert state(db, VOLATILE) == finished  # replayed on open

    full = len(pair[1])
    for cut in (full - 1, full // 2, 200):  # a kill while the WAL was being written
        db.write_bytes(pair[0])
        wal(db).write_bytes(pair[1][:cut])
        assert state(db) == before, cut


# -- damaged files -------------------------------------------------------------------------------------

def _bad_header(good: bytes) -> bytes:  # DuckDB then says "... checksum ... in block ...": not a lock
    return good[:4096] + os.urandom(4096) + good[8192:]


TRUNCATED = "berkasnya terpotong (lebih pendek dari seharusnya)"
DAMAGED = {
    "not a database": (lambda good: b"ini bukan basis data\n", "isinya bukan basis data DuckDB yang sah"),
    "empty": (lambda good: b"", "isinya bukan basis data DuckDB yang sah"),
    "garbage": (lambda good: os.urandom(1 << 20), "isinya bukan basis data DuckDB yang sah"),
    "truncated header": (lambda good: good[:8192], TRUNCATED),
    "truncated data (opens, fails on first read)": (lambda good: good[: 1 << 20], TRUNCATED),
    "bad header checksum": (_bad_header, "isinya tidak cocok dengan checksum-nya"),
}


def damaged_copy(demo_db: Path, folder: Path, case: str) -> tuple[Path, str]:
    make, reason = DAMAGED[case]
    path = folder / "talenta.duckdb"
    path.write_bytes(make(demo_db.read_bytes()))
    return path, reason


@pytest.mark.parametrize("case", list(DAMAGED))
def test_a_damaged_file_gives_the_way_out(demo_db, tmp_path, case):
    path, reason = damaged_copy(demo_db, tmp_path, case)
    with pytest.raises(StoreError) as exc:
        open_store(path)
    assert str(exc.value) == (
        f"Berkas basis data {path} rusak: {reason}. Pulihkan cadangan terakhir dengan `python -m data --db {path} "
        f"restore BERKAS-CADANGAN.zip`, atau pindahkan berkas itu ke tempat lain lalu mulai lagi dengan data "
        f"peragaan: `python -m data --db {path} demo`.")


def test_the_message_names_the_latest_backup(demo_db, tmp_path):
    path, _ = damaged_copy(demo_db, tmp_path, "garbage")
    (tmp_path / "backups").mkdir()
    for name, age in (("talenta-20261101-220000.zip", 200), ("talenta-20261128-220000.zip", 100),
                      ("lain-20261129-220000.zip", 0)):  # another database's backup is not offered
        (tmp_path / "backups" / name).write_bytes(b"")
        os.utime(tmp_path / "backups" / name, (time.time() - age, time.time() - age))
    with pytest.raises(StoreError, match="restore " + str(tmp_path / "backups" / "talenta-20261128-220000.zip")):
        open_store(path)


def test_a_wal_that_cannot_be_replayed_is_named(demo_db, tmp_path):
    path = tmp_path / "talenta.duckdb"
    shutil.copy(demo_db, path)
    # commit a few hundred kB into the WAL, then die before any checkpoint
    code = ("import duckdb, os, sys; c = duckdb.connect(sys.argv[1]); c.execute(\"INSERT INTO audit_log (actor, action,"
            " detail) SELECT 'uji', 'uji', repeat('x', 50) FROM range(20000)\"); os._exit(0)")
    subprocess.run([sys.executable, "-c", code, str(path)], check=True, timeout=TIMEOUT)
    log = bytearray(wal(path).read_bytes())
    assert len(log) > 100_000
    log[len(log) // 2: len(log) // 2 + 64] = os.urandom(64)
    wal(path).write_bytes(bytes(log))
    with pytest.raises(StoreError) as exc:
        open_store(path)
    assert str(exc.value).startswith(f"Log transaksi {wal(path)} milik basis data {path} rusak dan tidak dapat "
                                     "diputar ulang. Pulihkan cadangan terakhir dengan `python -m data --db ")
    assert f"atau pindahkan berkas {wal(path).name} ke tempat lain" in str(exc.value)


def test_a_damaged_data_block_is_found_by_a_backup_which_then_writes_nothing(demo_db, tmp_path):
    """Opening reads only what it needs; a backup reads every table, so it finds damage there."""
    import duckdb

    from data.backup import backup

    path = tmp_path / "talenta.duckdb"
    shutil.copy(demo_db, path)
    con = duckdb.connect(str(path), read_only=True)
    block = con.execute("SELECT block_id FROM pragma_storage_info('asn_period') WHERE column_name = 'jabatan'"
                        " AND block_id >= 0 LIMIT 1").fetchone()[0]
    block_size = con.execute("SELECT block_size FROM pragma_database_size()").fetchone()[0]
    con.close()
    data = bytearray(path.read_bytes())
    at = 3 * 4096 + block * block_size + 100  # after the file's three 4 kB headers
    data[at: at + 100] = os.urandom(100)
    path.write_bytes(bytes(data))
    open_store(path).close()  # opens fine

    with pytest.raises(StoreError) as exc:
        backup(path, tmp_path / "cadangan", "uji")
    assert str(exc.value).startswith(f"Berkas basis data {path} rusak: isinya tidak cocok dengan checksum-nya.")
    assert list((tmp_path / "cadangan").iterdir()) == []


def test_the_command_line_says_it_in_one_line(demo_db, tmp_path):
    path, reason = damaged_copy(demo_db, tmp_path, "bad header checksum")
    r = cli(path, "imports")
    assert r.returncode == 1 and r.stdout == "" and r.stderr.count("\n") == 1
    assert r.stderr.startswith(f"Gagal: Berkas basis data {path} rusak: {reason}.") and "Traceback" not in r.stderr


@pytest.mark.parametrize("case", ["garbage", "truncated data (opens, fails on first read)"])
def test_the_app_shows_the_message_and_no_stack_trace(demo_db, tmp_path, monkeypatch, case):
    path, reason = damaged_copy(demo_db, tmp_path, case)
    before = path.read_bytes()
    monkeypatch.setenv("TALENTA_DB", str(path))
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception
    assert len(at.error) == 1
    shown = at.error[0].value
    assert shown.startswith("**Basis data tidak dapat dibuka**")
    # before any login: no path (the full message with the way out goes to the server log and the CLI)
    assert "Berkas basis data rusak." in shown and str(tmp_path) not in shown and "talenta.duckdb" not in shown
    assert not at.title  # nothing else ran
    assert path.read_bytes() == before  # and the damaged file was left as it was
