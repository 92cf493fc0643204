"""Benchmark (not a test): the product at city, province and national size.

    ./dev.sh bench                          # 6k and 100k ASN with csv + xlsx imports (a minute or two)
    ./dev.sh bench --national               # 6k, 100k, 1M and 4.7M ASN (SIMATA size; 13 min on a quiet
                                            # 2-core machine, needs ~12 GB free: --rss-limit 14)
    ./dev.sh bench --sizes 6000 --no-import # one scale, no import timing
    ./dev.sh bench --sizes 1000000 --no-import --keep /tmp/builds --phases pages --beranda-only
                                            # keep the 1M build in /tmp/builds (the next run reuses it:
                                            # no 7-minute rebuild), and time only Beranda's part of the pages

The parts are in ``scripts/bench/``: ``common`` (timing helpers), ``children`` (build, core, engine),
``pages`` (the pages phase), ``parent`` (running a child under a memory limit, the import children, the
machine) and ``report`` (targets, docs/benchmark.json and the block of docs/benchmark.md).

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
import shutil
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from scripts.bench.children import child_main  # noqa: E402
from scripts.bench.parent import extrapolate, import_once, machine, run_child  # noqa: E402,F401
from scripts.bench.report import BLOCK_END, BLOCK_START, TARGETS, check_targets, report, write_block  # noqa: E402,F401

QUICK_SIZES = [6_000, 100_000]
NATIONAL_SIZES = [6_000, 100_000, 1_000_000, 4_700_000]
PHASES = ("core", "engine", "pages")


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
    p.add_argument("--keep", type=Path, metavar="DIR",
                   help="keep each size's built database in DIR and reuse it when there (no rebuild); "
                        "the phases run on a copy, so every run starts from the same fresh build")
    p.add_argument("--phases", nargs="*", choices=PHASES, default=list(PHASES),
                   help="phases to run after the build (default all; none: build only)")
    p.add_argument("--beranda-only", action="store_true",
                   help="end the pages phase after Beranda (warm-ups, cold, warm, counts, filter)")
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
            built = args.keep / f"bench-{n}.duckdb" if args.keep else db
            saved = built.with_suffix(".json")
            if args.keep and built.exists() and saved.exists():
                b = json.loads(saved.read_text())
                notes.append(f"{n:,} ASN: the build of {b.get('built_at', '?')} was reused (--keep); "
                             "no export files, so no import timing.")
                print(f"    build reused: {built}", file=sys.stderr, flush=True)
            else:
                if args.keep:       # a build that did not finish left a database without its .json
                    args.keep.mkdir(parents=True, exist_ok=True)
                    for stale in (built, built.with_name(built.name + ".wal")):
                        stale.unlink(missing_ok=True)
                b = run_child(me + ["build", str(n), str(built), str(files), str(-1 if args.no_import else xlsx_max)],
                              args.rss_limit)
                if "error" in b:
                    notes.append(f"{n:,} ASN: the build stopped ({b['error']}); nothing else measured at this size.")
                    rows.append(row | {"build_error": b["error"]})
                    continue
                if args.keep:
                    saved.write_text(json.dumps({**b, "built_at": datetime.now().isoformat(timespec="minutes")}))
            row.update({k: v for k, v in b.items() if k != "built_at"})
            if args.keep and args.phases:      # the phases write (stored placements): a copy of the build
                shutil.copy(built, db)
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
            for phase in args.phases:
                print(f"    {phase}", file=sys.stderr, flush=True)
                extra = [str(frame)] if phase in ("core", "engine") else ["beranda"] if args.beranda_only else []
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
