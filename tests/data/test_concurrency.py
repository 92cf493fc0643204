"""20 sessions browse while an import commits in the same process.

Every read (a group of service calls, a page rerun) must show exactly the state before the import
or exactly the state after it: never a mix, never an error. The import is a real personnel import
of 2025 (checked and committed through ``data.importing.pipeline``, as the Impor Data page does)
that drops every tenth ASN. Some of the people it drops were calibrated, so a population read
before the commit combined with calibrations read after it gives box counts that match neither
state; the ASN count (headline query) and the grid (population query) change together.

Expected numbers come from the store and the engine directly (``truth``), never through
``ui.services``. Three tests inject the commit at the exact moment between two queries of one read
(deterministic); two run 20 threads against a real import (stress).
"""
from __future__ import annotations

import json
import re
import shutil
import threading
import time
from contextlib import contextmanager, nullcontext
from pathlib import Path
from types import SimpleNamespace
from unittest.mock import MagicMock

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from analytics.calibration import apply_calibration
from analytics.engine import place
from data.importing import pipeline
from data.store import EVERYTHING, Filters, Store, StoreError, open_store
from tests.conftest import make_user
from tests.import_helpers import PERSONNEL_HEADER, csv_bytes

APP = str(Path(__file__).resolve().parents[2] / "app.py")
PAGE = "app_pages/sembilan_kotak.py"
PERIOD = 2025
SESSIONS = 20
TIMEOUT = 60
FILTERS = (Filters(), Filters(opd_ids=("DINKES",)), Filters(jenis_asn=("PPPK",)), Filters(jenis_jabatan=("Pelaksana",)))


# -- the two states -------------------------------------------------------------------------------
def truth(store: Store, f: Filters) -> dict:
    """What any read of the current state must show, from the store and the engine directly."""
    rules = store.rules(PERIOD)
    placed = apply_calibration(place(store.population(PERIOD, f), rules), store.calibrations(PERIOD), rules.boxes)
    head = store.headline(PERIOD, f)
    counts = placed["kotak"].value_counts()
    pool = rules.boxes.loc[rules.boxes["kelompok_suksesi"], "kotak"]
    return {"asn": head["asn"], "cact": head["profiled_cact"], "placed_rows": len(placed),
            "boxes": tuple(int(counts.get(k, 0)) for k in range(1, 10)),
            "pool": int(placed["kotak"].isin(pool).sum()),
            "unprofiled": int((placed["status"] == "belum diprofil").sum())}


@pytest.fixture(scope="module")
def prepared(real_db, tmp_path_factory):
    """Once per module: a real-data database (login required) whose leavers include calibrated people,
    the checked import file, the admin, and the expected numbers before and after the import."""
    path = tmp_path_factory.mktemp("concurrency") / "prepared.duckdb"
    shutil.copy(real_db, path)
    s = open_store(path)
    try:
        pop = s.population(PERIOD)
        placed = place(pop, s.rules(PERIOD))
        leaving = set(sorted(pop["nip"])[::10])
        reason = s.calibration_reasons()["kode"].iloc[0]
        moved = placed[placed["nip"].isin(leaving) & placed["kotak"].notna()].head(40)
        for nip, box in zip(moved["nip"], moved["kotak"].astype(int), strict=True):
            s.calibrate(PERIOD, nip, box, 1 if box == 9 else 9, reason, "uji konkurensi", "uji")
        staying = pop[~pop["nip"].isin(leaving)]
        rows = staying[["nip", "nama", "opd_nama", "unit_kerja", "jabatan", "jenjang_jabatan", "golongan",
                        "pendidikan_tingkat"]].astype(object).where(staying.notna(), None).values.tolist()
        content = csv_bytes([PERSONNEL_HEADER, *rows], encoding="utf-8")
        table = pipeline.read(content, "pegawai-2025.csv")
        outcome = pipeline.check(s, table, "personnel", pipeline.default_mapping(s, table, "personnel"), PERIOD)
        assert outcome.ok and outcome.rows == len(staying), outcome.errors
        before = {f: truth(s, f) for f in FILTERS}
    finally:
        s.close()
    user = make_user(path, "admin", "admin")
    scratch = path.with_name("after.duckdb")
    shutil.copy(path, scratch)
    s = open_store(scratch)
    try:
        pipeline.commit(s, outcome, "admin")
        after = {f: truth(s, f) for f in FILTERS}
    finally:
        s.close()
    for f in FILTERS:
        assert before[f]["asn"] > after[f]["asn"] and before[f]["boxes"] != after[f]["boxes"]
    return path, outcome, before, after, user


LOGIN: dict[str, str] = {}  # the login session of the world's user (set by ``world``)


@pytest.fixture
def world(prepared, tmp_path, monkeypatch):
    """A fresh copy of the prepared database as the dashboard's database (TALENTA_DB)."""
    path, outcome, before, after, user = prepared
    db = tmp_path / "concurrency.duckdb"
    shutil.copy(path, db)
    from data.auth import start_session
    s = open_store(db)
    try:  # one server-side login session, shared by every AppTest session (like tabs of one browser)
        LOGIN["token"], LOGIN["session"] = start_session(s, user)
    finally:
        s.close()
    monkeypatch.setenv("TALENTA_DB", str(db))
    return outcome, before, after, user, db


def commit_import(outcome) -> None:
    """The Impor button: write the checked file through the dashboard's own store."""
    from ui import services
    pipeline.commit(services.store(), outcome, "admin")


# -- reads as the pages do them -------------------------------------------------------------------
def service_read(f: Filters) -> dict:
    """What Beranda reads for one rerun, inside one snapshot as app.py runs a page."""
    from ui import services
    with services.snapshot():
        head = services.headline(PERIOD, f, EVERYTHING)
        placed = services.placements(PERIOD, f, EVERYTHING)
        summary = services.summary(PERIOD, f, EVERYTHING).set_index("kotak")["jumlah"]
        rules = services.rules(PERIOD)
    boxes = tuple(int(summary.get(k, 0)) for k in range(1, 10))
    counts = placed["kotak"].value_counts()
    assert boxes == tuple(int(counts.get(k, 0)) for k in range(1, 10))  # summary and frame agree
    pool = rules.boxes.loc[rules.boxes["kelompok_suksesi"], "kotak"]
    return {"asn": head["asn"], "cact": head["profiled_cact"], "placed_rows": len(placed), "boxes": boxes,
            "pool": int(placed["kotak"].isin(pool).sum()),
            "unprofiled": int((placed["status"] == "belum diprofil").sum())}


def commit_inside(monkeypatch, method: str, outcome) -> list[int]:
    """Make the first call of ``Store.<method>`` commit the import just before it queries."""
    calls = []
    original = getattr(Store, method)

    def hooked(self, *args, **kwargs):
        if not calls:
            calls.append(1)
            commit_import(outcome)
        return original(self, *args, **kwargs)
    monkeypatch.setattr(Store, method, hooked)
    return calls


def browse_during_import(read, commit, sessions: int = SESSIONS) -> list[tuple[str, int, object]]:
    """``read(i)`` in ``sessions`` threads: once each before the import, in a loop while ``commit()``
    runs, once after. Returns (phase, session, observation); any exception fails the test."""
    ready, done = threading.Barrier(sessions + 1), threading.Event()
    rows, errors = [], []

    def session(i: int) -> None:
        try:
            rows.append(("before", i, read(i)))
            ready.wait(timeout=TIMEOUT)
            while not done.is_set():
                rows.append(("during", i, read(i)))
            rows.append(("after", i, read(i)))
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append((i, exc))
            ready.abort()

    threads = [threading.Thread(target=session, args=(i,), daemon=True) for i in range(sessions)]
    for t in threads:
        t.start()
    try:
        ready.wait(timeout=TIMEOUT)
    except threading.BrokenBarrierError:
        pass
    else:
        commit()
    done.set()
    deadline = time.monotonic() + TIMEOUT
    for t in threads:
        t.join(timeout=max(0.0, deadline - time.monotonic()))
    assert not errors, errors[:3]
    assert not any(t.is_alive() for t in threads), "a session did not finish"
    return rows


def assert_old_or_new(rows, expect_old, expect_new) -> None:
    """Before the import: the old state; after it: the new one; while it runs: exactly one of them."""
    assert any(phase == "during" for phase, _, _ in rows)  # reads overlapped the import
    for phase, i, seen in rows:
        old, new = expect_old(i), expect_new(i)
        assert old != new  # the states are distinguishable
        if phase == "before":
            assert seen == old, (phase, i, seen, old)
        elif phase == "after":
            assert seen == new, (phase, i, seen, new)
        else:
            assert seen in (old, new), (phase, i, seen, old, new)


# -- store and service level ----------------------------------------------------------------------
def test_a_store_snapshot_reads_one_state_for_its_thread_only(world):
    outcome, before, after, _, db = world
    f = FILTERS[1]
    s = open_store(db)
    try:
        v0 = s.data_version()
        with s.snapshot() as snap:
            assert snap.version == v0
            pipeline.commit(s, outcome, "admin")  # another transaction commits meanwhile
            assert truth(snap, f) == before[f]  # the snapshot still reads the state it started in
            assert s.data_version() == v0  # this thread's cache key stays the snapshot's version
            elsewhere = []
            other = threading.Thread(target=lambda: elsewhere.append(s.data_version()))
            other.start()
            other.join(timeout=TIMEOUT)
            assert elsewhere[0] != v0  # other threads see the database as it is
            with s.snapshot() as inner:
                assert inner is snap  # re-entrant
            with pytest.raises(StoreError, match="hanya untuk membaca"):
                snap.save_cutoff(PERIOD, "potensial", 80, 70, "uji")
            snap.close()  # leaves the store's connection open
            assert truth(snap, f) == before[f]
        assert s.data_version() != v0 and truth(s, f) == after[f]
    finally:
        s.close()


@pytest.mark.parametrize("between", ["population_pieces", "calibrations"])
def test_a_commit_between_two_queries_does_not_mix_states(world, monkeypatch, between):
    """Deterministic: the import commits right before the first population (or calibration) query
    of a cache miss, after the read has fixed its version; the read still sees only the old state,
    and the next read only the new one."""
    outcome, before, after, _, _ = world
    calls = commit_inside(monkeypatch, between, outcome)
    f = Filters(opd_ids=("DINKES",))
    assert service_read(f) == before[f]
    assert calls  # the commit did happen in the middle of that read
    assert after[f] != before[f]
    assert service_read(f) == after[f]


@pytest.mark.slow
def test_20_threads_reading_services_while_an_import_commits(world):
    outcome, before, after, _, _ = world
    rows = browse_during_import(lambda i: service_read(FILTERS[i % len(FILTERS)]), lambda: commit_import(outcome))
    assert_old_or_new(rows, lambda i: before[FILTERS[i % len(FILTERS)]], lambda i: after[FILTERS[i % len(FILTERS)]])


# -- page level (AppTest) -------------------------------------------------------------------------
# (page, filters the numbers are computed for, the view's URL: filters and box by displayed value)
VIEWS = (("beranda", FILTERS[0], {}), ("beranda", FILTERS[1], {"opd": "Dinas Kesehatan"}),
         ("beranda", FILTERS[2], {"asn": "PPPK"}), ("kotak", FILTERS[0], {"kotak": "9"}),
         ("kotak", FILTERS[1], {"opd": "Dinas Kesehatan", "kotak": "7"}),
         ("kotak", FILTERS[3], {"jabatan": "Pelaksana", "kotak": "5"}))


@contextmanager
def shared_apptest_globals(monkeypatch):
    """AppTest is built for one run at a time: every run installs a mock Runtime and sets it back to
    None afterwards, patches ``config.get_option``, and compiles the script in a fresh cache.
    Concurrent runs then find no Runtime, or hit CPython 3.11's "AST constructor recursion depth
    mismatch" when two threads parse at once: the script's compile parses, and so does every run's
    ``MagicMock(spec=Runtime)`` (``inspect.signature`` parses a builtin's text signature). Install
    one Runtime, one config patch and one script cache (which compiles under a lock) for the whole
    test instead, as a server has for all its sessions, and let each run's own mock Runtime be a
    plain object that nothing reads."""
    from streamlit.components.v2.component_manager import BidiComponentManager
    from streamlit.runtime import Runtime
    from streamlit.runtime.caching.storage.dummy_cache_storage import MemoryCacheStorageManager
    from streamlit.runtime.dataframe_source_manager import DataframeSourceManager
    from streamlit.runtime.media_file_manager import MediaFileManager
    from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage
    from streamlit.runtime.scriptrunner.script_cache import ScriptCache
    from streamlit.testing.v1 import app_test, local_script_runner
    from streamlit.testing.v1.util import patch_config_options

    runtime = MagicMock(spec=Runtime)
    runtime.media_file_mgr = MediaFileManager(MemoryMediaFileStorage("/mock/media"))
    runtime.dataframe_source_mgr = DataframeSourceManager()
    runtime.cache_storage_manager = MemoryCacheStorageManager()
    runtime.bidi_component_registry = BidiComponentManager()  # the login-cookie component mounts on it

    class RunLocalRuntime:  # what AppTest's per-run swaps now write to
        _instance = None

    scripts = ScriptCache()
    monkeypatch.setattr(app_test, "Runtime", RunLocalRuntime)
    monkeypatch.setattr(app_test, "MagicMock", lambda spec: SimpleNamespace())
    monkeypatch.setattr(app_test, "ScriptCache", lambda: scripts)
    monkeypatch.setattr(local_script_runner, "ScriptCache", lambda: scripts)
    monkeypatch.setattr(app_test, "patch_config_options", lambda overrides: nullcontext())
    monkeypatch.setattr(Runtime, "_instance", runtime)
    with patch_config_options({"global.appTest": True}):
        yield


def open_view(user, view) -> AppTest:
    """A logged-in session whose next run shows the view, as if opened from a shared link."""
    from ui.user import KEY_SESSION, KEY_TOKEN, KEY_USER
    page, _, url = view
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.session_state[KEY_USER] = user
    at.session_state[KEY_SESSION], at.session_state[KEY_TOKEN] = LOGIN["session"], LOGIN["token"]
    at.query_params.update(url)
    if page == "kotak":
        at.run()  # lands on Beranda and registers the pages
        at.switch_page(PAGE)
        at.query_params.update(url)
    return at


def _int(text: str) -> int:
    return int(str(text).replace(".", ""))


def _metric_starting(at: AppTest, label: str) -> str:
    """A metric whose label starts with ``label`` (the rest names the share's base)."""
    return next(m.value for m in at.metric if m.label.startswith(label))


def _metric(at: AppTest, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


def page_read(at: AppTest, view) -> tuple:
    """Rerun the session and return the numbers it shows."""
    at.run()
    assert not at.exception, at.exception
    page, _, url = view
    if page == "beranda":
        cact = _metric_starting(at, "Kuota CACT terpakai").split(" (")[0]
        pool = _metric_starting(at, "Kelompok rencana suksesi").split(" (")[0]
        return ("beranda", _int(_metric(at, "Jumlah ASN")), _int(cact), _int(pool),
                _grid(at))
    drill = next(s.value for s in at.subheader if s.value.startswith(f"Kotak {url['kotak']} · "))
    return ("kotak", _int(re.search(r"· ([\d.]+) ASN", drill).group(1)), _int(_metric(at, "ASN tanpa asesmen")))


def _grid(at: AppTest) -> tuple[int, ...]:
    """Beranda's grid counts for boxes 1..9 (each cell is annotated: box number, count, share)."""
    texts = [a["text"] for a in json.loads(at.get("plotly_chart")[0].proto.spec)["layout"]["annotations"]]
    bold = [re.fullmatch(r"<b>([\d.]+)</b>", t) for t in texts]
    cells = {int(bold[j].group(1)): _int(bold[j + 1].group(1)) for j in range(0, len(texts), 3)}
    assert sorted(cells) == list(range(1, 10)), texts
    return tuple(cells[k] for k in range(1, 10))


def expected_page(state: dict, view) -> tuple:
    page, f, url = view
    t = state[f]
    if page == "beranda":
        return ("beranda", t["asn"], t["cact"], t["pool"], t["boxes"])
    return ("kotak", t["boxes"][int(url["kotak"]) - 1], t["unprofiled"])


def test_a_commit_inside_a_beranda_rerun_shows_one_state(world, monkeypatch):
    """Deterministic: the import commits after Beranda has read its headline and before it reads the
    population. The rerun shows the old state throughout, the next one the new state."""
    outcome, before, after, user, _ = world
    view = VIEWS[1]
    at = open_view(user, view)
    f = view[1]
    assert page_read(at, view) == expected_page(before, view)
    st.cache_resource.clear()  # the next rerun misses the cache, as the first after a filter change does
    calls = commit_inside(monkeypatch, "population_pieces", outcome)
    assert page_read(at, view) == expected_page(before, view)
    assert calls
    assert after[f] != before[f]
    assert page_read(at, view) == expected_page(after, view)


@pytest.mark.slow
def test_20_sessions_browse_beranda_and_sembilan_kotak_while_an_import_commits(world, monkeypatch):
    outcome, before, after, user, _ = world
    with shared_apptest_globals(monkeypatch):
        sessions = [None] * SESSIONS

        def read(i: int):
            view = VIEWS[i % len(VIEWS)]
            if sessions[i] is None:
                sessions[i] = open_view(user, view)
            return page_read(sessions[i], view)
        rows = browse_during_import(read, lambda: commit_import(outcome))
    assert_old_or_new(rows, lambda i: expected_page(before, VIEWS[i % len(VIEWS)]),
                      lambda i: expected_page(after, VIEWS[i % len(VIEWS)]))
