"""The benchmark's child processes other than the pages: build, core (queries), engine; and their entry."""
from __future__ import annotations

import json
import time
from pathlib import Path

from scripts.bench.common import CPU, cpu_s, repeats, say, timed, vm_hwm_mb


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
    if xlsx_max < 0:            # no import timing: no export files (a minute at 1M ASN)
        return row
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
        from scripts.bench.pages import child_pages
        row = child_pages(n, args[1], beranda_only=args[2:] == ["beranda"])
    else:
        raise SystemExit(f"unknown phase {phase}")
    row.update(CPU)
    row[f"{phase}_peak_rss_mb"] = vm_hwm_mb()
    row[f"{phase}_child_cpu_s"] = cpu_s()
    row[f"{phase}_wall_s"] = round(time.perf_counter() - t0, 1)
    print(json.dumps(row), flush=True)
