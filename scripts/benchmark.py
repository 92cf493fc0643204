"""Benchmark (not a test): demo build, import into DuckDB, talent engine and Beranda reruns.

    ./dev.sh bench                 # 6k, 60k and 600k ASN
    ./dev.sh bench --sizes 6000    # one scale

Writes docs/benchmark.md and docs/benchmark.json. Figures are wall-clock seconds
on this machine; the engine and rerun figures are medians of several runs
(engine_first_s is the first, cold call). peak_rss_mb is the process peak so far,
so it grows across scales run in one process.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from analytics.engine import place  # noqa: E402
from data.store import Filters, open_store  # noqa: E402
from data.synthetic import build_demo, load_demo  # noqa: E402


def timed(fn, repeat: int = 1):
    times, result = [], None
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), result


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def page_reruns(db: Path, page: str | None, prefix: str) -> dict:
    """Server-side rerun times of a page through AppTest: cold, warm, and filter changes.

    Each filter change picks another OPD, so every change misses the cache and
    runs the query and the engine again, as in a meeting.
    """
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    os.environ["TALENTA_DB"] = str(db)
    st.cache_resource.clear()
    st.cache_data.clear()
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=600)
    if page:  # land on Beranda first, then open the page with caches still cold
        at.run()
        st.cache_resource.clear()
        at.switch_page(page)
    cold, _ = timed(at.run)
    warm, _ = timed(at.run, repeat=5)
    options = iter(at.sidebar.multiselect(key="opd").options[:6])

    def change_filter():
        at.sidebar.multiselect(key="opd").set_value([next(options)])
        at.run()
    filt, _ = timed(change_filter, repeat=5)
    assert not at.exception, at.exception
    return {f"{prefix}_cold_s": cold, f"{prefix}_warm_s": warm, f"{prefix}_filter_s": filt}


def run_scale(n: int, workdir: Path) -> dict:
    row: dict = {"n_asn": n}
    row["build_s"], frames = timed(lambda: build_demo(n))
    db = workdir / f"bench-{n}.duckdb"
    store = open_store(db)
    row["load_s"], _ = timed(lambda: load_demo(store, n_asn=n))
    period = max(store.periods())
    row["population_query_s"], pop = timed(lambda: store.population(period), repeat=3)
    rules = store.rules(period)
    row["engine_first_s"], _ = timed(lambda: place(pop, rules))
    row["engine_s"], placed = timed(lambda: place(pop, rules), repeat=5)
    row["placed"] = int((placed["status"] == "ditempatkan").sum())
    row["engine_rows_per_s"] = round(len(pop) / row["engine_s"])
    opd = store.opd()["opd_id"].iloc[0]
    row["population_filtered_s"], _ = timed(lambda: store.population(period, Filters(opd_ids=(opd,))), repeat=3)
    store.close()
    row.update(page_reruns(db, None, "beranda"))
    row.update(page_reruns(db, "app_pages/sembilan_kotak.py", "kotak"))
    row["db_mb"] = round(db.stat().st_size / 2**20, 1)
    row["peak_rss_mb"] = round(peak_rss_mb())
    del frames
    return row


def report(rows: list[dict], out: Path) -> None:
    meta = {"when": datetime.now().isoformat(timespec="seconds"), "python": platform.python_version(),
            "machine": f"{platform.machine()}, {os.cpu_count()} cores, {platform.system()}"}
    (out / "benchmark.json").write_text(json.dumps({"meta": meta, "rows": rows}, indent=2))
    cols = ["n_asn", "build_s", "load_s", "population_query_s", "engine_s", "engine_rows_per_s",
            "beranda_cold_s", "beranda_warm_s", "beranda_filter_s", "kotak_warm_s", "kotak_filter_s",
            "db_mb", "peak_rss_mb"]
    lines = [f"Benchmark {meta['when']} · {meta['machine']} · Python {meta['python']}", "",
             "| " + " | ".join(cols) + " |", "|" + "---|" * len(cols)]
    for r in rows:
        lines.append("| " + " | ".join(
            f"{r[c]:.3f}" if isinstance(r[c], float) else f"{r[c]}" for c in cols) + " |")
    (out / "benchmark.md").write_text("\n".join(lines) + "\n")
    print("\n".join(lines))


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--sizes", type=int, nargs="+", default=[6_000, 60_000, 100_000, 600_000])
    p.add_argument("--out", type=Path, default=ROOT / "docs")
    args = p.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.sizes:
            print(f"… {n:,} ASN", flush=True)
            rows.append(run_scale(n, Path(tmp)))
            print(json.dumps(rows[-1]), flush=True)
    args.out.mkdir(parents=True, exist_ok=True)
    report(rows, args.out)


if __name__ == "__main__":
    main()
