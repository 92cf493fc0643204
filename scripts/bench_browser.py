"""Browser benchmark (not a test): a period's three exports dropped on Impor Data → the 9-box drawn, in Chromium.

    ./dev.sh bench --browser                      # 1k, 10k, 100k rows × xlsx, csv; median of 3 (~15 min)
    ./dev.sh bench --browser --smoke              # 1k csv, one run, nothing written to docs/
    .venv/bin/python scripts/bench_browser.py --sizes 1000 10000 --formats csv --runs 3

For each size and format: a synthetic city (``data.synthetic.build_demo``) is written into a database as
if imported (its 2024 data; the period 2025 exists but is empty), with an admin; its 2025 data become the
three exports that carry the 9-box's information: personnel (the SIASN-style file of
scripts/bench_import.py), performance (SKP) and assessment (CACT/AC). Each run starts from a fresh copy of
that database and a fresh server (``python -m ui.serve run app.py``, as ``./dev.sh serve``), logs in with
Playwright in Debian's Chromium, opens Impor Data, waits until the server is warm and idle (its warm-up
after the first page, the workbook readers Impor Data starts: :func:`server_idle`, as for a user who takes
a moment to choose the files), then times exactly: the files dropped → the Sembilan Kotak chart's dots
drawn, in steps:

  upload   files given to the uploader → the check's report ready (summed over the files)
  import   the Impor click(s) → the success shown and the run done (summed); when the click goes on to
           Sembilan Kotak (a drop of several files), that page's run is in this step
  ninebox  the way to Sembilan Kotak (none when the click went there; else the success's link, else the
           sidebar) → its nine counts drawn (``counts_s``, drawn first when the people are not placed
           yet) and → its dots drawn (``ninebox_s``)

When the page takes several files in one drop it gets one drop; otherwise the files go one by one
(three upload-check-import rounds). Also: the first visit after a server start, the demo database
(6,000 ASN), from the first request (the server answers its health check) to Beranda's 9-box drawn, in a
browser that never opened Talenta and in one that did before on the same address (its HTTP cache holds
the app's scripts; the server is new either way); these run in a browser process of their own, launched
after the drops. Each step ends when the page reached its state, noted
in the page by a DOM observer armed before the step (:func:`arm`), so the wait takes no CPU from the page.
Reported: medians of the runs, the server process's CPU seconds in the timed part, the machine
(``scripts.benchmark.machine``), the load average. Writes docs/benchmark-browser.md and .json (``--out``).
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from scripts.bench.drop_files import ADMIN, PASSWORD, build  # noqa: E402  (the path first)
from scripts.bench.page_marks import (  # noqa: E402
    ARM,
    GRID_DRAWN,
    REPORT_READY,
    arm,
    arm_ninebox,
    marked,
)

SIZES = [1_000, 10_000, 100_000]
FORMATS = ["xlsx", "csv"]
# (format, rows) -> target seconds, drop → 9-box drawn
TARGETS = {("xlsx", 1_000): 2.0, ("xlsx", 10_000): 3.0, ("xlsx", 100_000): 8.0, ("csv", 10_000): 2.0}
FIRST_VISIT_TARGET = 3.0
# -- the server -----------------------------------------------------------------------------------
@contextmanager
def serve(db: Path, log: Path, timeout: float = 300, port: int | None = None):
    """``python -m ui.serve run app.py`` on a free loopback port against ``db`` (as ``./dev.sh serve``; the
    tests' server start, :func:`tests.browser.support.server`); yields (url, the server's psutil process,
    seconds from the start to its health check)."""
    import psutil

    from tests.browser.support import server

    with server(db, module="ui.serve", log=log, timeout=timeout, port=port) as running:
        yield running.url, psutil.Process(running.proc.pid), running.start_s


def browser_cpu() -> float:
    """CPU seconds of this process's Chromium (browser, renderer, GPU and utility processes): on two cores
    the page's own work competes with the server's."""
    import psutil

    total = 0.0
    for child in psutil.Process().children(recursive=True):
        try:
            if "chrom" in child.name():
                t = child.cpu_times()
                total += t.user + t.system
        except psutil.Error:   # a process that ended meanwhile
            pass
    return total


def cpu_of(proc) -> float:
    """The server's CPU seconds with its children's: the running ones and those it has waited for (each
    workbook is read in a child that ends when it has sent its cells)."""
    import psutil

    t = proc.cpu_times()
    total = t.user + t.system + t.children_user + t.children_system
    for child in proc.children(recursive=True):
        try:
            c = child.cpu_times()
            total += c.user + c.system
        except psutil.Error:   # ended meanwhile: counted in children_* from now on
            pass
    return total


def server_idle(cpu, window: float = 0.5, busy: float = 0.05, timeout: float = 60.0) -> float:
    """Wait until the server (with its children) used less than ``busy`` CPU seconds in ``window`` seconds:
    warm, as the timed step assumes; returns the seconds waited. The warm-up after the first page run and
    the readers Impor Data starts take 1-3 s of CPU; a file dropped into that competes with them."""
    started = time.perf_counter()
    last = cpu()
    while time.perf_counter() - started < timeout:
        time.sleep(window)
        now = cpu()
        if now - last < busy:
            break
        last = now
    return time.perf_counter() - started


# -- one run in the browser -----------------------------------------------------------------------
def ninebox_drawn(page, t0: float, cpu) -> dict:
    """Wait for the counts, then the dots (both armed before the step that draws them); the seconds of each
    since ``t0`` (epoch) and the server's CPU seconds."""
    c0 = cpu()
    counts, dots = marked(page, "counts"), marked(page, "dots")
    return {"counts_s": counts - t0, "ninebox_s": dots - t0, "ninebox_cpu_s": cpu() - c0}


def one_drop(page, paths: list[Path], cpu) -> dict:
    """The files at once (the one-drop page): report, one click, the 9-box (the click goes on to it; else
    the success's link). Each step from the action that starts it (the time the driver takes to click is
    not counted) to the state the page reached (:func:`arm`)."""
    from playwright.sync_api import expect

    from tests.browser import actions as a

    page.evaluate("names => { window.__dropped = names; }", [p.name for p in paths])
    arm(page, "report", REPORT_READY)
    c0, t0 = cpu(), time.time()
    page.locator(a.IMPORT_UPLOADER).first.set_input_files([str(p) for p in paths])
    t1 = marked(page, "report")
    c1 = cpu()
    a.settled(page)
    arm(page, "success", "() => !!document.querySelector('.st-key-impor_done')")
    arm_ninebox(page)
    submit = page.locator(a.IMPORT_SUBMIT)
    expect(submit).to_be_enabled()
    c_click, t_click = cpu(), time.time()
    submit.click()
    # waits for the page's own marks only: Playwright's locator checks (visibility, roles) run in the page and
    # took ~0.1-0.3 s of its main thread in a step this short
    t2 = marked(page, "success")
    if "/sembilan-kotak" not in page.url:   # the click did not go on to the 9-box: its link, else the menu
        done = page.locator(a.IMPORT_DONE)
        if done.get_by_role("link").count():
            done.get_by_role("link").first.click()
        else:
            a.nav(page, "Sembilan Kotak")
    drawn = ninebox_drawn(page, t2, cpu)
    return {"mode": "one drop", "upload_s": t1 - t0, "import_s": t2 - t_click, **drawn,
            "total_s": t1 - t0 + t2 - t_click + drawn["ninebox_s"], "upload_cpu_s": c1 - c0,
            "import_cpu_s": cpu() - c_click - drawn["ninebox_cpu_s"]}


def rounds(page, paths: list[Path], cpu) -> dict:
    """The files one by one (the page before one drop): upload → report → Impor → success, three times."""
    from playwright.sync_api import expect

    from tests.browser import actions as a

    upload = imp = upload_cpu = import_cpu = 0.0
    for i, path in enumerate(paths):
        u0, uc = time.perf_counter(), cpu()
        a.settled(page)
        page.locator("[data-testid='stFileUploader'] input[type='file']").first.set_input_files(str(path))
        submit = page.get_by_role("button", name="Impor", exact=True)
        expect(page.get_by_text("Berkas siap diimpor:")).to_be_visible()
        expect(submit).to_be_enabled()
        a.settled(page)
        i0, ic = time.perf_counter(), cpu()
        upload, upload_cpu = upload + i0 - u0, upload_cpu + ic - uc
        submit.click()
        expect(page.get_by_text(f"Impor #{i + 2} selesai")).to_be_visible()   # batch 1 is the 2024 data
        a.settled(page)
        imp, import_cpu = imp + time.perf_counter() - i0, import_cpu + cpu() - ic
    arm_ninebox(page)
    t2 = time.time()
    a.nav(page, "Sembilan Kotak")
    drawn = ninebox_drawn(page, t2, cpu)
    return {"mode": "three rounds", "upload_s": upload, "import_s": imp, **drawn, "total_s": upload + imp + drawn["ninebox_s"],
            "upload_cpu_s": upload_cpu, "import_cpu_s": import_cpu}


def drop_run(browser, ref: Path, paths: list[Path], work: Path, tag: str) -> dict:
    from tests.browser import actions as a

    db = work / f"run-{tag}.duckdb"
    shutil.copy(ref, db)
    try:
        with serve(db, work / f"run-{tag}.log") as (url, proc, _):
            page = a.new_page(browser, 1400, 1000)
            try:
                a.open_page(page, url)
                a.login(page, ADMIN, PASSWORD)
                a.nav(page, "Impor Data")
                uploader = page.locator("[data-testid='stFileUploader'] input[type='file']").first
                multiple = uploader.get_attribute("multiple") is not None
                idle_s = server_idle(lambda: cpu_of(proc))
                c0, b0 = cpu_of(proc), browser_cpu()
                r = (one_drop if multiple else rounds)(page, paths, lambda: cpu_of(proc))
                r["server_cpu_s"], r["browser_cpu_s"] = cpu_of(proc) - c0, browser_cpu() - b0
                r["idle_wait_s"] = idle_s
                r["placed_dots"] = page.evaluate("""() => { const gd = document.querySelector(
                    "[data-testid='stMain'] [data-testid='stPlotlyChart'] .js-plotly-plot");
                    return gd._fullData.filter(t => t.mode === 'markers' && t.type.startsWith('scatter')).reduce((n, t) => n + t._length, 0); }""")
            finally:
                page.close()
    finally:
        for p in (db, db.with_suffix(".duckdb.wal")):
            p.unlink(missing_ok=True)
    return r


def first_visit(browser, demo: Path, work: Path, tag: str, returning: bool = False) -> dict:
    """A fresh copy of the demo, the server started, the first page request → Beranda's 9-box drawn. In a
    browser that never opened Talenta (nothing cached), or, ``returning``, in one that opened it before on
    the same address (its HTTP cache holds Streamlit's and plotly's scripts, as a user's browser does after
    the first day): the server is new either way."""
    from tests.browser.support import free_port

    db = work / f"first-{tag}.duckdb"
    shutil.copy(demo, db)
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    context.add_init_script(f"({ARM})(['grid', {json.dumps(GRID_DRAWN)}])")   # armed in every new document
    port = free_port()
    try:
        if returning:   # an earlier day: the same address, another server
            with serve(db, work / f"first-{tag}-before.log", port=port) as (url, _, _):
                page = context.new_page()
                page.goto(url)
                marked(page, "grid")
                page.close()
        with serve(db, work / f"first-{tag}.log", port=port) as (url, proc, start_s):
            page = context.new_page()
            c0, b0 = cpu_of(proc), browser_cpu()
            t0 = time.time()
            page.goto(url)
            seconds = marked(page, "grid") - t0
            cpu, browser_s = cpu_of(proc) - c0, browser_cpu() - b0
    finally:
        context.close()
        db.unlink(missing_ok=True)
    return {"total_s": seconds, "server_cpu_s": cpu, "browser_cpu_s": browser_s, "server_start_s": start_s}


# -- the whole matrix -----------------------------------------------------------------------------
def median_row(runs: list[dict]) -> dict:
    keys = [k for k, v in runs[0].items() if isinstance(v, float)]
    row = {k: round(statistics.median(r[k] for r in runs), 2) for k in keys}
    row["runs_total_s"] = [round(r["total_s"], 2) for r in runs]
    for k, v in runs[0].items():
        if not isinstance(v, float):
            row[k] = v
    return row


def say(text: str) -> None:
    print(f"  {datetime.now():%H:%M:%S} {text}", file=sys.stderr, flush=True)


def run(sizes: list[int], formats: list[str], runs: int, visits: int) -> tuple[list[dict], dict | None]:
    from playwright.sync_api import sync_playwright

    from tests.browser.support import CHROMIUM_ARGS, chromium_path

    rows: list[dict] = []
    first = None
    with tempfile.TemporaryDirectory(prefix="bench-browser-") as tmp, sync_playwright() as p:
        work = Path(tmp)
        browser = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS, headless=True)
        try:
            for n in sizes:
                ref, files, info = build(n, work, formats)
                say(f"{info['rows']:,} rows: database and files in {info['build_s']} s")
                for fmt in formats:
                    done = []
                    for i in range(runs):
                        r = drop_run(browser, ref, files[fmt], work, f"{fmt}-{n}-{i}")
                        say(f"{fmt} {n:,} run {i + 1}: {r['total_s']:.2f} s ({r['mode']}: upload {r['upload_s']:.2f}, "
                            f"import {r['import_s']:.2f}, counts {r['counts_s']:.2f}, 9-box {r['ninebox_s']:.2f}; server CPU "
                            f"{r['server_cpu_s']:.1f} s; waited {r['idle_wait_s']:.1f} s for an idle server; load {os.getloadavg()[0]:.2f})")
                        done.append(r)
                    target = TARGETS.get((fmt, n))
                    row = {"format": fmt, "rows": info["rows"], **median_row(done),
                           "file_mb": round(sum(f.stat().st_size for f in files[fmt]) / 2**20, 1),
                           "target_s": target, "load_average": [round(x, 2) for x in os.getloadavg()]}
                    row["ok"] = None if target is None else row["total_s"] <= target
                    rows.append(row)
                for f in (ref, *[p for ps in files.values() for p in ps]):
                    f.unlink(missing_ok=True)
            if visits:
                from data.store import open_store
                from data.synthetic import load_demo

                # a new browser is a new browser process, not one that drew the drops' 100,000 dots
                browser.close()
                browser = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS, headless=True)

                demo = work / "demo.duckdb"
                store = open_store(demo)
                load_demo(store)
                store.close()
                first = {}
                for returning in (False, True):
                    done = []
                    for i in range(visits):
                        r = first_visit(browser, demo, work, str(i), returning)
                        say(f"first visit {i + 1}{' (returning browser)' if returning else ''}: {r['total_s']:.2f} s "
                            f"(server CPU {r['server_cpu_s']:.1f} s, start {r['server_start_s']:.1f} s)")
                        done.append(r)
                    row = {**median_row(done), "target_s": FIRST_VISIT_TARGET,
                           "load_average": [round(x, 2) for x in os.getloadavg()]}
                    row["ok"] = row["total_s"] <= FIRST_VISIT_TARGET
                    first["returning" if returning else "new"] = row
        finally:
            browser.close()
    return rows, first


def report(rows: list[dict], first: dict | None, meta: dict) -> str:
    libs = ", ".join(f"{k} {v}" for k, v in meta["libraries"].items())
    lines = [
        "# Browser benchmark: exports dropped → 9-box drawn",
        "",
        "Generated by `scripts/bench_browser.py` (`./dev.sh bench --browser`); do not edit by hand. What it",
        "times and how: the script's docstring. Medians of "
        f"{meta['runs']} runs, each on a fresh database and a fresh server.",
        "",
        f"Machine: {meta['cpu']}, {meta['cores']} cores, {meta['ram_gb']} GB; {meta['os']}; Python {meta['python']};",
        f"{libs}; Chromium {meta.get('chromium', '?')}. Commit {meta['commit']}"
        + (f" (+{meta['uncommitted_files']} uncommitted files)" if meta["uncommitted_files"] else "") + ".",
        f"Run {meta['when']}, {meta['wall_min']} min; load average at the start {meta['load_average_start']}, "
        f"at the end {meta['load_average_end']} (the machine was {'quiet' if meta['load_average_start'][0] < 0.5 else 'shared'}). "
        f"CPU probe (`scripts.bench.parent.cpu_probe`, a fixed one-core workload; lower is faster): "
        f"{meta.get('cpu_probe_start_s', '?')} s at the start, {meta.get('cpu_probe_end_s', '?')} s at the end.",
        "",
        "| format | rows | how | upload → report | Impor → success | → counts drawn | → dots drawn | **total** "
        "| server CPU s (upload · import · 9-box) | browser CPU s | runs | target |",
        "|---|---:|---|---:|---:|---:|---:|---:|---|---:|---|---|",
    ]
    for r in rows:
        target = "" if r["target_s"] is None else f"≤ {r['target_s']:g} s {'met' if r['ok'] else 'missed'}"
        steps = " · ".join("–" if r.get(k) is None else f"{r[k]:.1f}" for k in ("upload_cpu_s", "import_cpu_s",
                                                                                  "ninebox_cpu_s"))
        counts = "–" if r.get("counts_s") is None else f"{r['counts_s']:.2f}"
        lines.append(f"| {r['format']} | {r['rows']:,} | {r['mode']} | {r['upload_s']:.2f} | {r['import_s']:.2f} "
                     f"| {counts} | {r['ninebox_s']:.2f} | **{r['total_s']:.2f}** | {r['server_cpu_s']:.1f} ({steps}) "
                     f"| {r.get('browser_cpu_s', float('nan')):.1f} "
                     f"| {' · '.join(f'{x:.2f}' for x in r['runs_total_s'])} | {target} |")
    for key, who in (("new", "a browser that never opened Talenta"),
                     ("returning", "a browser that opened it before (its cache holds the app's scripts)")):
        if not first or key not in first:
            continue
        f = first[key]
        lines += ["", f"First visit after a server start (demo, 6,000 ASN), first request → Beranda's 9-box drawn, "
                  f"{who}: **{f['total_s']:.2f} s** (server CPU {f['server_cpu_s']:.1f} s, browser CPU "
                  f"{f['browser_cpu_s']:.1f} s; runs {' · '.join(f'{x:.2f}' for x in f['runs_total_s'])}; the "
                  f"server answered its health check {f['server_start_s']:.1f} s after its start); target "
                  f"≤ {f['target_s']:g} s {'met' if f['ok'] else 'missed'}."]
    lines += ["", "Before the drop, each run waits for the server to be warm and idle (under 0.05 CPU seconds in "
              "half a second, its children included): the warm-up it does after the first page and the workbook "
              "readers Impor Data starts are done, as for a user who takes a moment to choose the files."]
    lines += ["", "Upload counts from the files given to the uploader to the check's report ready (the Impor "
              "button enabled); Impor from the click to the success shown (on Sembilan Kotak when the click goes "
              "on to it); the last two from the success to the Sembilan Kotak chart's nine counts drawn (first, "
              "before the dots, when the people are not placed yet) and to its dots drawn. Each end is the "
              "moment the page reached that state (a DOM observer armed before the step), not when a poll noticed. "
              "Server CPU: the server process's CPU seconds over the timed part; browser CPU: Chromium's (every "
              "process) over the same part. A loaded machine stretches the wall clock, not the CPU."]
    return "\n".join(lines) + "\n"


def chromium_version() -> str:
    from tests.browser.support import chromium_path

    try:
        return subprocess.run([chromium_path(), "--version"], capture_output=True, text=True, timeout=30
                              ).stdout.strip().removeprefix("Chromium ").split()[0]
    except (OSError, subprocess.SubprocessError, IndexError, RuntimeError):
        return "?"


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--sizes", type=int, nargs="+", default=SIZES)
    p.add_argument("--formats", nargs="+", choices=FORMATS, default=FORMATS)
    p.add_argument("--runs", type=int, default=3, help="runs per size and format (the median is reported)")
    p.add_argument("--visits", type=int, default=3, help="first visits after a server start (0: none)")
    p.add_argument("--smoke", action="store_true", help="1k csv, one run, one first visit; writes nothing unless --out")
    p.add_argument("--out", type=Path, help="where the .md and .json go (default docs/benchmark-browser.*)")
    args = p.parse_args()
    if args.smoke:
        args.sizes, args.formats, args.runs, args.visits = [1_000], ["csv"], 1, 1
    out = args.out if args.out or args.smoke else ROOT / "docs" / "benchmark-browser"
    from scripts.bench.parent import cpu_probe
    from scripts.benchmark import machine

    meta = {**machine(), "runs": args.runs, "chromium": chromium_version()}
    started = time.perf_counter()
    rows, first = run(args.sizes, args.formats, args.runs, args.visits)
    meta["wall_min"] = round((time.perf_counter() - started) / 60, 1)
    meta["load_average_end"] = [round(x, 2) for x in os.getloadavg()]
    meta["cpu_probe_end_s"] = cpu_probe()
    text = report(rows, first, meta)
    print(text)
    if out:
        out = Path(out)
        out.parent.mkdir(parents=True, exist_ok=True)
        out.with_suffix(".json").write_text(json.dumps({"machine": meta, "drop_to_ninebox": rows,
                                                        "first_visit": first}, indent=1, ensure_ascii=False) + "\n")
        out.with_suffix(".md").write_text(text)
    if any(r.get("mode") is None for r in rows):
        sys.exit(1)


if __name__ == "__main__":
    main()
