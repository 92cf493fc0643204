"""Benchmark (not a test): the product at city, province and national size.

    ./dev.sh bench                          # 6k and 100k ASN with csv + xlsx imports (a minute or two)
    ./dev.sh bench --national               # 6k, 100k, 1M and 4.7M ASN (SIMATA size; 13 min on a quiet
                                            # 2-core machine, needs ~11 GB of free memory)
    ./dev.sh bench --sizes 6000 --no-import # one scale, no import timing

Every size runs in fresh child processes, one after the other, so each phase's peak memory is its
own (VmHWM of the child, not of this process):

  build   build the synthetic city (data/synthetic.py ``build_demo``) and write it into a new DuckDB
          file (``load_demo``); then write the SIASN-style personnel export of 2025 (the file of
          scripts/bench_import.py) as csv, and as xlsx while it fits one sheet (--xlsx-max)
  import  one child per format: the real importer (``data.importing.pipeline.run``, the path of
          ``python -m data import``) into a copy of a small reference database
  core    the population query (``Store.population``), the talent engine on the whole period
          (``analytics.engine.place``), one person's data in every period (what the profile reads)
  pages   the server's warm-up (placing and storing the period, then again after a restart); Streamlit
          AppTest, server side: Beranda (counts from the stored placements, checked against the
          engine's); Sembilan Kotak with a sidebar filter (new OPD,
          cache miss), a page filter (sex), a box list and the profile dialog; Suksesi with the
          shortlist of another target post

A child whose resident memory passes --rss-limit GB is stopped and its phase reported as
infeasible, with the memory it had reached. Times are wall-clock seconds; repeated reruns are
medians (5 runs up to 100k ASN, 3 above). Writes docs/benchmark.json and the generated block of
docs/benchmark.md (between its benchmark markers; the hand-written text around it is kept). It never
touches README.md.
The machine is shared: the report records the load average and each child's CPU seconds.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

QUICK_SIZES = [6_000, 100_000]
NATIONAL_SIZES = [6_000, 100_000, 1_000_000, 4_700_000]
APP = str(ROOT / "app.py")
KOTAK = "app_pages/sembilan_kotak.py"
SUKSESI = "app_pages/suksesi.py"
PERGERAKAN = "app_pages/pergerakan.py"
PENGEMBANGAN = "app_pages/pengembangan.py"

# (metric, size) -> limit; "peak" targets apply to the dashboard process (pages child)
TARGETS = [
    ("engine_s", 4_700_000, 5.0, "s", "talent engine, whole period"),
    ("beranda_cold_s", 1_000_000, 1.5, "s", "Beranda cold (placements stored)"),
    ("beranda_cold_s", 4_700_000, 5.0, "s", "Beranda cold (placements stored)"),
    ("kotak_filter_s", 6_000, 0.3, "s", "Sembilan Kotak, sidebar filter (new OPD)"),
    ("kotak_page_filter_s", 6_000, 0.3, "s", "Sembilan Kotak, page filter (sex)"),
    ("kotak_filter_s", 100_000, 1.0, "s", "Sembilan Kotak, sidebar filter (new OPD)"),
    ("kotak_page_filter_s", 100_000, 1.0, "s", "Sembilan Kotak, page filter (sex)"),
    ("pages_peak_rss_mb", 4_700_000, 4096, "MB", "peak RSS of the dashboard process (pages child)"),
    ("xlsx_import_s", 10_000, 3.0, "s", "xlsx import"),
    ("xlsx_import_s", 100_000, 20.0, "s", "xlsx import"),
]


# -- small helpers (also used in the children) --------------------------------------------------
def vm_hwm_mb() -> float:
    """High-water RSS of this process image (VmHWM starts afresh at exec; ru_maxrss would also
    count the parent's memory at fork time)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return round(int(line.split()[1]) / 1024)
    except OSError:
        pass
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)


def cpu_s() -> float:
    r = resource.getrusage(resource.RUSAGE_SELF)
    return round(r.ru_utime + r.ru_stime, 1)


CPU: dict[str, float] = {}    # median CPU seconds of the last timed() call, by its wall-clock key


def timed(fn, repeat: int = 1, key: str | None = None):
    """(median wall seconds, last result); with ``key``, the median CPU seconds of the process
    (all threads) go to CPU[key], to tell waiting for a shared CPU from work."""
    times, cpus, result = [], [], None
    for _ in range(repeat):
        result = None                               # not alive while the next one is built
        t0, c0 = time.perf_counter(), time.process_time()
        result = fn()
        times.append(time.perf_counter() - t0)
        cpus.append(time.process_time() - c0)
    if key:
        CPU[key.removesuffix("_s") + "_cpu_s"] = round(statistics.median(cpus), 3)
    return round(statistics.median(times), 3), result


def say(text: str, row: dict | None = None) -> None:
    """A progress line on stderr; with ``row``, also the results so far on stdout (kept if the parent
    stops this child for its memory)."""
    print(f"    {datetime.now():%H:%M:%S} {text}", file=sys.stderr, flush=True)
    if row is not None:
        print(json.dumps({**row, **CPU}), flush=True)


def repeats(n: int) -> int:
    return 5 if n <= 100_000 else 3


# -- children ------------------------------------------------------------------------------------
def child_build(n: int, db: str, out: str, xlsx_max: int) -> dict:
    import data.synthetic as syn
    from data.store import open_store
    from scripts.bench_import import export_frame, write_csv, write_xlsx

    row: dict = {}
    held: dict = {}
    build = syn.build_demo

    def timed_build(*a, **k):
        t0, c0 = time.perf_counter(), cpu_s()
        held["frames"] = build(*a, **k)
        row["build_s"] = round(time.perf_counter() - t0, 2)
        row["build_cpu_s"] = round(cpu_s() - c0, 1)
        return held["frames"]

    syn.build_demo = timed_build                  # load_demo calls it through the module
    try:
        store = open_store(db)
        t0 = time.perf_counter()
        counts = syn.load_demo(store, n_asn=n)
        row["load_s"] = round(time.perf_counter() - t0 - row["build_s"], 2)
        store.close()
    finally:
        syn.build_demo = build
    row["build_load_peak_rss_mb"] = vm_hwm_mb()  # before the export files, which are benchmark only
    row["rows_total"] = int(sum(counts.values()))
    row["db_mb"] = round(Path(db).stat().st_size / 2**20, 1)
    say(f"built {n:,} in {row['build_s']} s, loaded in {row['load_s']} s, peak {row['build_load_peak_rss_mb']} MB")
    frames = held.pop("frames")
    export = export_frame(frames)
    del frames
    t0 = time.perf_counter()
    write_csv(export, Path(out) / "siasn.csv")
    row["csv_write_s"] = round(time.perf_counter() - t0, 1)
    if len(export) <= xlsx_max:
        t0 = time.perf_counter()
        write_xlsx(export, Path(out) / "siasn.xlsx")
        row["xlsx_write_s"] = round(time.perf_counter() - t0, 1)
    row["export_rows"] = len(export)
    return row


def child_core(n: int, db: str, frame: str) -> dict:
    from data.store import Filters, open_store

    r = repeats(n)
    store = open_store(db, read_only=True)
    period = max(store.periods())
    row: dict = {}
    # one query above 1M ASN (70 columns of 4.7M people take minutes)
    row["population_query_s"], pop = timed(lambda: store.population(period), repeat=r if n <= 1_000_000 else 1,
                                           key="population_query_s")
    row["population_rows"], row["population_columns"] = pop.shape
    row["population_mb"] = round(pop.memory_usage(deep=True).sum() / 2**20)
    say(f"population {len(pop):,} rows × {pop.shape[1]} columns in {row['population_query_s']} s", row)
    pop.to_feather(frame, chunksize=len(pop))     # for the engine child (see child_engine)
    del pop
    opd = store.opd()["opd_id"].iloc[0]
    row["population_filtered_s"], _ = timed(lambda: store.population(period, Filters(opd_ids=(opd,))), repeat=r,
                                            key="population_filtered_s")
    nip = store.population(period, Filters(opd_ids=(opd,)))["nip"].iloc[0]

    def person():   # what ui.services.person_history reads for a profile (without the engine)
        return [store.population(p, nips=[nip]) for p in store.person_periods(nip)]
    row["profile_query_s"], _ = timed(person, repeat=r, key="profile_query_s")
    store.close()
    return row


def child_engine(n: int, db: str, frame: str) -> dict:
    """The engine on the whole period's population at once, read back from the core child's file:
    the engine alone, without the query's time. Only the engine's inputs are read, as the dashboard
    does (``analytics.engine.input_columns``), with the dtypes ``Store.population`` gives."""
    import pyarrow as pa
    import pyarrow.feather as feather

    from analytics.engine import STATUS_PLACED, input_columns, place
    from data.store import open_store

    r = repeats(n)
    store = open_store(db, read_only=True)
    rules = store.rules(max(store.periods()))
    store.close()
    names = pa.ipc.open_file(frame).schema.names
    pop = feather.read_table(frame, columns=[c for c in input_columns(rules) if c in names],
                             memory_map=False).to_pandas()
    row: dict = {}
    row["engine_first_s"], _ = timed(lambda: place(pop, rules), key="engine_first_s")
    row["engine_s"], placed = timed(lambda: place(pop, rules), repeat=r, key="engine_s")
    row["placed"] = int((placed["status"] == STATUS_PLACED).sum())
    row["engine_rows_per_s"] = round(len(pop) / row["engine_s"])
    say(f"engine {row['engine_s']} s")
    return row


def child_pages(n: int, db: str) -> dict:
    os.environ["TALENTA_DB"] = db
    os.environ.setdefault("STREAMLIT_LOGGER_LEVEL", "error")   # no bare-mode warnings per cache call
    import streamlit as st
    from streamlit.logger import set_log_level
    from streamlit.testing.v1 import AppTest

    set_log_level("error")
    # The server compiles each page script once (its ScriptCache); AppTest makes a new cache on every
    # run and recompiles app.py and the page each time (~40 ms a rerun of Sembilan Kotak, with Streamlit's
    # magic rewriting): share one, so a rerun costs what it costs the server.
    from streamlit.runtime.scriptrunner.script_cache import ScriptCache
    from streamlit.testing.v1 import app_test, local_script_runner
    compiled = ScriptCache()
    app_test.ScriptCache = local_script_runner.ScriptCache = lambda: compiled
    r = repeats(n)
    row: dict = {}
    at = AppTest.from_file(APP, default_timeout=3600)

    def run():
        at.run()
        if at.exception:
            raise RuntimeError(f"page error: {at.exception[0].message}")

    def sidebar_filter(prefix: str) -> None:
        options = iter(at.sidebar.multiselect(key="opd").options[:r])

        def change():
            at.sidebar.multiselect(key="opd").set_value([next(options)])
            run()
        row[f"{prefix}_filter_s"], _ = timed(change, repeat=r, key=f"{prefix}_filter_s")
        at.sidebar.multiselect(key="opd").set_value([])
        run()

    # The server's warm-up on a data version with no stored placements (the first start after a build, an
    # import, a rule or calibration change): the engine places the period and its rows are stored
    from reports.figures import ninebox as grids
    from ui import serve
    row["warm_store_s"], _ = timed(serve.warm, key="warm_store_s")
    say(f"warm-up, placements stored {row['warm_store_s']} s", row)
    row["beranda_first_s"], _ = timed(run, key="beranda_first_s")   # the first visitor after the warm-up
    # a restart: every cache empty, the stored placements still there; the warm-up then only counts
    st.cache_resource.clear()
    st.cache_data.clear()
    row["warm_stored_s"], _ = timed(serve.warm, key="warm_stored_s")
    st.cache_resource.clear()
    st.cache_data.clear()
    # Beranda: the first run after a restart without the warm-up (caches cold) opens the database and counts
    # the stored placements of the period (GROUP BY); when its 9-box figure is built (the grid reaches the
    # browser then, before the vacant posts' readiness is worked out); then the reruns
    drawn: list[float] = []
    build_grid = grids.ninebox_grid

    def grid_spy(*a, **k):
        out = build_grid(*a, **k)
        drawn.append(time.perf_counter())
        return out
    grids.ninebox_grid = grid_spy
    started = time.perf_counter()
    try:
        row["beranda_cold_s"], _ = timed(run, key="beranda_cold_s")
    finally:
        grids.ninebox_grid = build_grid
    row["beranda_cold_grid_s"] = round(drawn[0] - started, 3) if drawn else None
    row["beranda_warm_s"], _ = timed(run, repeat=r, key="beranda_warm_s")
    say(f"Beranda after the warm-up {row['beranda_first_s']} s; warm-up with stored placements "
        f"{row['warm_stored_s']} s; Beranda cold {row['beranda_cold_s']} s (9-box built at "
        f"{row['beranda_cold_grid_s']} s), warm {row['beranda_warm_s']} s", row)
    row["counts_match"] = same_counts_as_the_engine()
    say(f"Beranda's counts equal the engine's: {row['counts_match']}", row)
    if not row["counts_match"]:
        raise RuntimeError("the stored placements' counts differ from the engine's")
    sidebar_filter("beranda")
    say(f"Beranda filter {row['beranda_filter_s']} s", row)

    # Sembilan Kotak, opened with cold caches (first visitor after a restart or an import)
    st.cache_resource.clear()
    st.cache_data.clear()
    at.switch_page(KOTAK)
    row["kotak_cold_s"], _ = timed(run, key="kotak_cold_s")
    row["kotak_warm_s"], _ = timed(run, repeat=r, key="kotak_warm_s")
    say(f"Sembilan Kotak cold {row['kotak_cold_s']} s, warm {row['kotak_warm_s']} s", row)
    sidebar_filter("kotak")
    sexes = iter([["P"], ["L"]] * r)

    def page_filter():
        at.multiselect(key="jk").set_value(next(sexes))
        run()
    row["kotak_page_filter_s"], _ = timed(page_filter, repeat=r, key="kotak_page_filter_s")
    at.multiselect(key="jk").set_value([])
    run()
    boxes = iter([9, 8, 7, 6, 5] * r)

    def box_list():
        next(w for w in at.get("segmented_control") if w.key == "kotak").set_value(next(boxes))
        run()
    row["kotak_box_s"], _ = timed(box_list, repeat=r, key="kotak_box_s")
    next(w for w in at.get("segmented_control") if w.key == "kotak").set_value(9)
    run()
    table = next(d.value for d in at.dataframe if "nip" in d.value.columns)
    nips = iter(table["nip"].tolist()[:r])

    def open_profile():
        at.session_state["nk_open_profile"] = next(nips)
        run()
        if not any(m.value.startswith("### ") for m in at.markdown):
            raise RuntimeError("the profile dialog did not open")
    row["profile_s"], _ = timed(open_profile, repeat=r, key="profile_s")
    say(f"Sembilan Kotak filter {row['kotak_filter_s']} s, page filter {row['kotak_page_filter_s']} s, "
        f"profile {row['profile_s']} s", row)

    # Suksesi: the first target post's shortlist with cold caches, then other posts
    st.cache_resource.clear()
    st.cache_data.clear()
    at.switch_page(SUKSESI)
    row["suksesi_cold_s"], _ = timed(run, key="suksesi_cold_s")
    row["suksesi_warm_s"], _ = timed(run, repeat=r, key="suksesi_warm_s")
    say(f"Suksesi cold {row['suksesi_cold_s']} s", row)
    from ui import services  # the page's own store: the options are labels, the values ids
    box = at.selectbox(key="suk_post")
    ids = [p for p in services.store().target_posts()["post_id"] if p != box.value]
    posts = len(ids) + 1
    others = iter(ids)

    def shortlist():
        at.selectbox(key="suk_post").set_value(next(others))
        run()
        if not any(d.value.shape[0] for d in at.dataframe if "kesiapan" in d.value.columns):
            raise RuntimeError("no shortlist shown")
    row["suksesi_post_s"], _ = timed(shortlist, repeat=min(r, posts - 1), key="suksesi_post_s")
    say(f"Suksesi other post {row['suksesi_post_s']} s", row)

    # the session browses on, with the caches the pages above left: Pergerakan places a second period
    # (two placements cached), Pengembangan reads the assessed people's competencies
    for key, page in (("pergerakan", PERGERAKAN), ("pengembangan", PENGEMBANGAN)):
        at.switch_page(page)
        row[f"{key}_s"], _ = timed(run, key=f"{key}_s")
        say(f"{key} {row[f'{key}_s']} s", row)
    return row


def same_counts_as_the_engine() -> bool:
    """Beranda's 9-box and status counts (GROUP BY over the stored placements) against the engine's
    placements of the same period (``ui.services.placements``: population, place, calibration), for
    everyone and for the first OPD."""
    from analytics.ninebox import box_summary
    from data.store import Filters, Scope
    from ui import services

    period = max(services.store().periods())
    opd = services.store().opd()["opd_id"].iloc[0]
    for filters in (Filters(), Filters(opd_ids=(opd,))):
        stored = services.summary(period, filters, Scope(None))
        status = services.counts(period, filters, Scope(None)).groupby("status")["jumlah"].sum()
        placed = services.placements(period, filters, Scope(None))
        engine = box_summary(placed["kotak"], services.rules(period).boxes)
        by_status = placed["status"].astype(str).value_counts()
        if not (stored.equals(engine) and status.sort_index().to_dict() == by_status.sort_index().to_dict()):
            return False
    st_clear()
    return True


def st_clear() -> None:
    import streamlit as st
    st.cache_resource.clear()
    st.cache_data.clear()


def child_main(phase: str, args: list[str]) -> None:
    n = int(args[0])
    t0 = time.perf_counter()
    if phase == "build":
        row = child_build(n, args[1], args[2], int(args[3]))
    elif phase == "core":
        row = child_core(n, args[1], args[2])
    elif phase == "engine":
        row = child_engine(n, args[1], args[2])
    elif phase == "pages":
        row = child_pages(n, args[1])
    else:
        raise SystemExit(f"unknown phase {phase}")
    row.update(CPU)
    row[f"{phase}_peak_rss_mb"] = vm_hwm_mb()
    row[f"{phase}_child_cpu_s"] = cpu_s()
    row[f"{phase}_wall_s"] = round(time.perf_counter() - t0, 1)
    print(json.dumps(row), flush=True)


# -- the parent ----------------------------------------------------------------------------------
def run_child(cmd: list[str], limit_gb: float) -> dict:
    """Run ``cmd`` (its last stdout line is a JSON object), stopping it above ``limit_gb`` of RSS.
    Returns that object; for a stopped or failed child, what it had printed so far (children print
    their row after each step) plus "error", "rss_at_stop_mb" and "seconds_at_stop"."""
    import psutil

    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "PYTHONPATH": str(ROOT)})
    watched = psutil.Process(proc.pid)
    started = time.perf_counter()
    seen = 0
    stopped = None
    out: list[str] = []
    import threading
    reader = threading.Thread(target=lambda: out.extend(proc.stdout), daemon=True)
    reader.start()

    def errors():   # the child's progress lines and errors, without Streamlit's bare-mode chatter
        for line in proc.stderr:
            if not any(x in line for x in NOISE):
                sys.stderr.write(line)
    err = threading.Thread(target=errors, daemon=True)
    err.start()
    while proc.poll() is None:
        try:
            rss = watched.memory_info().rss
        except psutil.Error:
            rss = 0
        seen = max(seen, rss)
        if rss > limit_gb * 2**30:
            stopped = rss
            proc.kill()
            break
        time.sleep(0.25)
    proc.wait()
    reader.join()
    err.join()
    lines = [ln for ln in out if ln.strip().startswith("{")]
    last = json.loads(lines[-1]) if lines else {}
    if stopped is not None:
        return {**last, "error": f"stopped at {stopped / 2**30:.1f} GB resident (limit {limit_gb:g} GB) after "
                                 f"{time.perf_counter() - started:.0f} s",
                "rss_at_stop_mb": round(stopped / 2**20), "seconds_at_stop": round(time.perf_counter() - started)}
    if proc.returncode != 0:
        return {**last, "error": f"exit code {proc.returncode}", "rss_seen_mb": round(seen / 2**20)}
    return last or {"error": "no result"}


def import_once(fmt: str, n: int, file: Path, ref: Path, work: Path, limit_gb: float) -> dict:
    db = work / f"import-{fmt}.duckdb"
    shutil.copy(ref, db)
    r = run_child([sys.executable, str(ROOT / "scripts" / "bench_import.py"), "--child", str(file), str(db)],
                  limit_gb)
    db.unlink(missing_ok=True)
    key = f"{fmt}_import"
    if "error" in r:
        return {f"{key}_error": r["error"], f"{key}_rss_at_stop_mb": r.get("rss_at_stop_mb"),
                f"{key}_seconds_at_stop": r.get("seconds_at_stop"),
                f"{fmt}_file_mb": round(file.stat().st_size / 2**20, 1)}
    if r["errors"] or r["batch"] is None or r["written"] != r["rows"]:
        return {f"{key}_error": f"import failed: {r}"}
    return {f"{key}_rows": r["rows"], f"{key}_s": round(r["seconds"], 2),
            f"{key}_rows_per_s": int(r["rows"] / r["seconds"]), f"{key}_peak_rss_mb": round(r["peak_rss_mb"]),
            f"{key}_baseline_rss_mb": round(r["baseline_rss_mb"]),
            f"{fmt}_file_mb": round(file.stat().st_size / 2**20, 1)}


def machine() -> dict:
    import importlib.metadata as md

    import psutil

    cpu = next((ln.split(":", 1)[1].strip() for ln in Path("/proc/cpuinfo").read_text().splitlines()
                if ln.startswith("model name")), platform.processor() or platform.machine())
    try:
        os_name = next(ln.split("=", 1)[1].strip('"') for ln in Path("/etc/os-release").read_text().splitlines()
                       if ln.startswith("PRETTY_NAME="))
    except (OSError, StopIteration):
        os_name = platform.system()
    libs = {}
    for lib in ("streamlit", "duckdb", "pandas", "numpy", "pyarrow", "plotly", "python-calamine", "openpyxl",
                "psutil"):
        try:
            libs[lib] = md.version(lib)
        except md.PackageNotFoundError:
            pass

    def git(*a):
        try:
            return subprocess.run(["git", *a], cwd=ROOT, capture_output=True, text=True, timeout=30).stdout.strip()
        except (OSError, subprocess.SubprocessError):
            return ""
    return {"when": datetime.now().isoformat(timespec="seconds"), "cpu": cpu, "cores": os.cpu_count(),
            "ram_gb": round(psutil.virtual_memory().total / 2**30, 1),
            "os": f"{os_name}, kernel {platform.release()}", "python": platform.python_version(),
            "libraries": libs, "commit": git("rev-parse", "--short", "HEAD"),
            "uncommitted_files": len([x for x in git("status", "--porcelain").splitlines() if x.strip()]),
            "load_average_start": [round(x, 2) for x in os.getloadavg()]}


def extrapolate(rows: list[dict], fmt: str, n: int) -> str:
    """What the largest completed import of ``fmt`` predicts for ``n`` rows (linear in rows)."""
    done = [r for r in rows if r.get(f"{fmt}_import_s")]
    if not done:
        return ""
    r = max(done, key=lambda x: x[f"{fmt}_import_rows"])
    rows_done, base = r[f"{fmt}_import_rows"], r.get(f"{fmt}_import_baseline_rss_mb", 0)
    per_row_kb = (r[f"{fmt}_import_peak_rss_mb"] - base) * 1024 / rows_done
    return (f" Linear from {rows_done:,} rows ({r[f'{fmt}_import_rows_per_s']:,} rows/s, {per_row_kb:.1f} KB per row"
            f" above a {base:,} MB baseline): ~{n / r[f'{fmt}_import_rows_per_s']:.0f} s and"
            f" ~{(base + per_row_kb * n / 1024) / 1024:.1f} GB for {n:,} rows.")


def check_targets(rows: list[dict]) -> list[dict]:
    out = []
    by_n = {r["n_asn"]: r for r in rows}
    for metric, n, limit, unit, what in TARGETS:
        r = by_n.get(n)
        if r is None:
            continue
        value, stopped = r.get(metric), None
        if value is None and metric.endswith("_peak_rss_mb"):     # a child stopped above the limit
            stopped = r.get(metric.replace("_peak_rss_mb", "_rss_at_stop_mb"))
        out.append({"metric": metric, "n_asn": n, "limit": limit, "unit": unit, "what": what,
                    "value": value if stopped is None else stopped, "stopped": stopped is not None,
                    "met": (None if value is None else value <= limit) if stopped is None else stopped <= limit})
    return out


def report(rows: list[dict], meta: dict, notes: list[str], out: Path) -> str:
    targets = check_targets(rows)
    (out / "benchmark.json").write_text(json.dumps({"meta": meta, "rows": rows, "targets": targets,
                                                    "notes": notes}, indent=2) + "\n")

    def cell(r: dict, key: str) -> str:
        v = r.get(key)
        if v is None:
            return "–"
        if isinstance(v, float):
            return f"{v:,.0f}" if v >= 100 else (f"{v:.2f}" if v >= 1 else f"{v:.3f}")
        return f"{v:,}" if isinstance(v, int) else str(v)

    def table(title: str, cols: list[tuple[str, str]]) -> list[str]:
        lines = [f"**{title}**", "", "| " + " | ".join(h for _, h in cols) + " |",
                 "|" + "|".join("---:" for _ in cols) + "|"]
        for r in rows:
            lines.append("| " + " | ".join(cell(r, k) for k, _ in cols) + " |")
        return lines + [""]

    libs = ", ".join(f"{k} {v}" for k, v in meta["libraries"].items())
    lines = [
        f"Benchmark {meta['when']} · {meta['cpu']}, {meta['cores']} cores, {meta['ram_gb']} GiB RAM · "
        f"{meta['os']} · Python {meta['python']}",
        "",
        f"Libraries: {libs}. Commit {meta['commit']} with {meta['uncommitted_files']} uncommitted files in the "
        f"working tree. Load average {meta['load_average_start']} at the start, {meta.get('load_average_end')} at "
        f"the end (the machine was shared); full run {meta.get('wall_min')} min.",
        "",
    ]
    lines += table("Data and memory", [
        ("n_asn", "ASN"), ("build_s", "build s"), ("load_s", "load s"), ("db_mb", "DB MB"),
        ("build_load_peak_rss_mb", "build+load peak MB"), ("core_peak_rss_mb", "query peak MB"),
        ("engine_peak_rss_mb", "engine peak MB"), ("pages_peak_rss_mb", "dashboard peak MB"),
        ("population_mb", "population frame MB")])
    lines += table("Import (SIASN personnel export of 2025, real importer)", [
        ("n_asn", "rows"), ("csv_import_s", "csv s"), ("csv_import_rows_per_s", "csv rows/s"),
        ("csv_import_peak_rss_mb", "csv peak MB"), ("csv_file_mb", "csv MB"), ("xlsx_import_s", "xlsx s"),
        ("xlsx_import_rows_per_s", "xlsx rows/s"), ("xlsx_import_peak_rss_mb", "xlsx peak MB"),
        ("xlsx_file_mb", "xlsx MB")])
    lines += table("Query and engine (seconds)", [
        ("n_asn", "ASN"), ("population_query_s", "population"), ("population_filtered_s", "population 1 OPD"),
        ("engine_first_s", "engine first"), ("engine_s", "engine"), ("engine_rows_per_s", "engine rows/s"),
        ("profile_query_s", "one person, all periods")])
    lines += table("Page reruns, server side (AppTest, seconds)", [
        ("n_asn", "ASN"), ("warm_store_s", "warm-up, placing"), ("beranda_first_s", "Beranda after warm-up"),
        ("warm_stored_s", "warm-up, stored"), ("beranda_cold_s", "Beranda cold"),
        ("beranda_cold_grid_s", "Beranda cold, 9-box built"), ("beranda_warm_s", "Beranda warm"),
        ("beranda_filter_s", "Beranda filter"), ("kotak_cold_s", "9-box cold"), ("kotak_warm_s", "9-box warm"),
        ("kotak_filter_s", "9-box sidebar filter"), ("kotak_page_filter_s", "9-box page filter"),
        ("kotak_box_s", "9-box box list"), ("profile_s", "profile"), ("suksesi_cold_s", "Suksesi cold"),
        ("suksesi_post_s", "Suksesi shortlist"), ("pergerakan_s", "Pergerakan first"),
        ("pengembangan_s", "Pengembangan first")])
    lines += table("CPU seconds of the same steps (process CPU, all threads: tells work from waiting for a "
                   "shared CPU; DuckDB queries use both cores)", [
        ("n_asn", "ASN"), ("build_cpu_s", "build"), ("population_query_cpu_s", "population"),
        ("engine_cpu_s", "engine"), ("warm_store_cpu_s", "warm-up, placing"), ("beranda_cold_cpu_s", "Beranda cold"),
        ("kotak_filter_cpu_s", "9-box sidebar filter"), ("kotak_page_filter_cpu_s", "9-box page filter"),
        ("profile_cpu_s", "profile"), ("suksesi_cold_cpu_s", "Suksesi cold"),
        ("suksesi_post_cpu_s", "Suksesi shortlist")])
    if targets:
        lines += ["**Targets**", "", "| target | ASN | limit | measured | met |", "|---|---:|---:|---:|---|"]
        for t in targets:
            v = "–" if t["value"] is None else (f"{t['value']:,}" if t["unit"] == "MB" else f"{t['value']:.3f}")
            v = f"> {v}" if t.get("stopped") else v
            met = "not measured" if t["met"] is None else ("yes" if t["met"] else "**no**")
            lines.append(f"| {t['what']} | {t['n_asn']:,} | {t['limit']:g} {t['unit']} | {v} {t['unit']} | {met} |")
        lines.append("")
    if notes:
        lines += ["**Not measured / stopped**", ""] + [f"- {x}" for x in notes] + [""]
    lines += [
        "*Warm-up, placing* = the server's warm-up (`ui/serve.py`) on a data version whose placements are not",
        "stored yet: the engine places the period and its rows are stored (after a build, an import, a rule or",
        "calibration change); *warm-up, stored* = the same after a restart (caches empty, rows stored): counts only.",
        "*Beranda after warm-up* = the first visitor's run after the warm-up (placing) in the same process.",
        "*Beranda cold* = Beranda's first run after a restart without the warm-up (caches empty, the period's",
        "placements stored): its 9-box, status and pool counts are a GROUP BY; the run checks them against the",
        "engine's (`counts_match` in benchmark.json). Before the stored placements (decision 0033) Beranda cold",
        "placed the whole period itself. *9-box built* = when, in that run, the 9-box figure was built (the page",
        "sends it before working out the vacant posts' readiness, which evaluates the succession pool per post).",
        "Cold = first run with empty caches; warm = median rerun; *filter* = median of reruns each with a new",
        "OPD in the sidebar (a cache miss: query + engine for that OPD); *page filter* = sex filter on the",
        "Sembilan Kotak page (cached placements); *box list* = pick a box and list its people; *profile* =",
        "rerun that opens the profile dialog for one person; *Suksesi shortlist* = choose another target post;",
        "*first* = the page's first run in the same session (Pergerakan places the previous period too).",
        "Peak MB = VmHWM of the child process of that phase (build+load; query = population query, one OPD, one",
        "person; engine = the engine on the population read back from a file; dashboard = the AppTest process, i.e.",
        "what a Streamlit server holds for these pages).",
    ]
    text = "\n".join(lines) + "\n"
    write_block(text, out / "benchmark.md")
    return text


NOISE = ("missing ScriptRunContext", "No runtime found", "Session state does not function",
         "to view a Streamlit app on a browser", "streamlit run", "Warning: to view")

BLOCK_START, BLOCK_END = "<!-- benchmark:start -->", "<!-- benchmark:end -->"


def write_block(text: str, path: Path) -> None:
    """Put the generated report between the benchmark markers of ``path`` (docs/benchmark.md).

    The hand-written explanations around the markers are kept. A missing file is created with the
    block alone; a file without markers keeps its text and gets the block appended.
    """
    block = f"{BLOCK_START}\n{text}{BLOCK_END}"
    body = path.read_text() if path.exists() else ""
    if BLOCK_START in body and BLOCK_END in body:
        head, rest = body.split(BLOCK_START, 1)
        _, tail = rest.split(BLOCK_END, 1)
        path.write_text(f"{head}{block}{tail}")
    else:
        path.write_text(f"{body.rstrip()}\n\n{block}\n" if body.strip() else f"{block}\n")


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--sizes", type=int, nargs="+", help=f"ASN counts (default {QUICK_SIZES})")
    p.add_argument("--national", action="store_true", help=f"the sizes {NATIONAL_SIZES}")
    p.add_argument("--no-import", action="store_true", help="skip the csv/xlsx import timing")
    p.add_argument("--xlsx-max", type=int, default=1_048_573,
                   help="largest size imported as xlsx (one sheet holds 1,048,576 rows)")
    p.add_argument("--rss-limit", type=float, default=11.0, help="stop a child above this many GB resident")
    p.add_argument("--nice", type=int, default=10, help="lower the CPU priority (shared machine)")
    p.add_argument("--out", type=Path, default=ROOT / "docs")
    p.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = p.parse_args()
    if args.child:
        child_main(args.child[0], args.child[1:])
        return
    from scripts.bench_import import XLSX_MAX_ROWS

    sizes = args.sizes or (NATIONAL_SIZES if args.national else QUICK_SIZES)
    xlsx_max = min(args.xlsx_max, XLSX_MAX_ROWS)
    if args.nice:
        os.nice(args.nice)
    meta = machine()
    t_start = time.perf_counter()
    rows: list[dict] = []
    notes: list[str] = []
    me = [sys.executable, str(Path(__file__).resolve()), "--child"]
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="talenta-bench-") as tmp:
        work = Path(tmp)
        ref = work / "reference.duckdb"
        if not args.no_import:          # periods, OPD and rule tables for the import children
            from data.store import open_store
            from data.synthetic import load_demo
            s = open_store(ref)
            load_demo(s, n_asn=200)
            s.close()
        for n in sizes:
            print(f"… {n:,} ASN", file=sys.stderr, flush=True)
            row: dict = {"n_asn": n}
            db = work / f"bench-{n}.duckdb"
            files = work / f"files-{n}"
            files.mkdir()
            b = run_child(me + ["build", str(n), str(db), str(files), str(0 if args.no_import else xlsx_max)],
                          args.rss_limit)
            if "error" in b:
                notes.append(f"{n:,} ASN: the build stopped ({b['error']}); nothing else measured at this size.")
                rows.append(row | {"build_error": b["error"]})
                continue
            row.update(b)
            if not args.no_import:
                for fmt in ("csv", "xlsx"):
                    f = files / f"siasn.{fmt}"
                    if not f.exists():
                        if fmt == "xlsx":
                            notes.append(f"{n:,} ASN: no xlsx import — {n:,} rows do not fit one xlsx sheet "
                                         f"(1,048,576 rows, title block and header included).")
                        continue
                    print(f"    import {fmt}", file=sys.stderr, flush=True)
                    r = import_once(fmt, n, f, ref, work, args.rss_limit)
                    row.update(r)
                    if f"{fmt}_import_error" in r:
                        notes.append(f"{n:,} ASN: {fmt} import {r[f'{fmt}_import_error']}."
                                     + extrapolate(rows, fmt, n))
            shutil.rmtree(files)
            frame = work / f"population-{n}.feather"
            for phase in ("core", "engine", "pages"):
                print(f"    {phase}", file=sys.stderr, flush=True)
                extra = [str(frame)] if phase in ("core", "engine") else []
                if phase == "engine" and not frame.exists():
                    notes.append(f"{n:,} ASN: engine not measured (no population from the core phase).")
                    continue
                r = run_child(me + [phase, str(n), str(db), *extra], args.rss_limit)
                if "error" in r:
                    done = [k for k in r if k.endswith("_s") and not k.endswith("_cpu_s")]
                    notes.append(f"{n:,} ASN: {phase} {r['error']}"
                                 + (f"; measured before: {', '.join(done)}." if done else "."))
                    r = {**{k: v for k, v in r.items() if k not in ("error", "rss_at_stop_mb", "seconds_at_stop")},
                         f"{phase}_error": r["error"], f"{phase}_rss_at_stop_mb": r.get("rss_at_stop_mb")}
                row.update(r)
            db.unlink(missing_ok=True)
            frame.unlink(missing_ok=True)
            rows.append(row)
            print(json.dumps(row), flush=True)
            meta["load_average_end"] = [round(x, 2) for x in os.getloadavg()]
            meta["wall_min"] = round((time.perf_counter() - t_start) / 60, 1)
            report(rows, meta, notes, args.out)   # partial results survive an interruption
    meta["load_average_end"] = [round(x, 2) for x in os.getloadavg()]
    meta["wall_min"] = round((time.perf_counter() - t_start) / 60, 1)
    print(report(rows, meta, notes, args.out))


if __name__ == "__main__":
    main()
