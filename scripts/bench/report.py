"""The benchmark's report: targets judged per size, docs/benchmark.json and the generated block of
docs/benchmark.md (between its markers; the hand-written text around it is kept)."""
from __future__ import annotations

import json
from pathlib import Path

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
        f"the end (the machine was shared); full run {meta.get('wall_min')} min. CPU probe (a fixed one-core "
        f"workload, `scripts.bench.parent.cpu_probe`; lower is faster) {meta.get('cpu_probe_start_s', '?')} s.",
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
