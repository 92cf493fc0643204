"""The benchmark's parent side: running a child under a memory limit, the import children, the machine."""
from __future__ import annotations

import json
import os
import platform
import shutil
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path

from scripts.bench.common import NOISE, ROOT


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


def cpu_probe(repeats: int = 5) -> float:
    """Seconds (the fastest of ``repeats``) of a fixed one-core workload: a Python loop, a numpy sort and a
    SHA-256. This machine's speed varied by ~20% within a day at the same load average; runs made at
    different times compare by their figures divided by their probe."""
    import hashlib

    import numpy as np

    data, values = bytes(range(256)) * 65_536, np.random.default_rng(0).random(1_000_000)
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        total = 0
        for i in range(3_000_000):
            total += i * i % 7
        np.sort(values)
        hashlib.sha256(data).digest()
        times.append(time.perf_counter() - started)
    return round(min(times), 3)


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
    for lib in ("streamlit", "duckdb", "pandas", "numpy", "pyarrow", "plotly", "python-calamine", "fastexcel", "openpyxl",
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
            "load_average_start": [round(x, 2) for x in os.getloadavg()], "cpu_probe_start_s": cpu_probe()}


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
