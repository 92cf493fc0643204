"""scripts/benchmark.py and scripts/bench_import.py: the report and the export files, without a run."""
from __future__ import annotations

import csv
import json

from scripts import bench_import, benchmark


def _row(n: int, **kw) -> dict:
    return {"n_asn": n, "build_s": 1.5, "engine_s": 0.2, "kotak_filter_s": 0.25, "kotak_page_filter_s": 0.4,
            "pages_peak_rss_mb": 500, **kw}


def test_targets_are_judged_per_size():
    rows = [_row(6_000), _row(100_000, kotak_page_filter_s=1.2), _row(4_700_000, engine_s=4.9, pages_peak_rss_mb=None)]
    got = {(t["metric"], t["n_asn"]): t["met"] for t in benchmark.check_targets(rows)}
    assert got[("kotak_filter_s", 6_000)] is True
    assert got[("kotak_page_filter_s", 6_000)] is False            # 0.4 s > 0.3 s
    assert got[("kotak_page_filter_s", 100_000)] is False          # 1.2 s > 1 s
    assert got[("engine_s", 4_700_000)] is True
    assert got[("pages_peak_rss_mb", 4_700_000)] is None            # not measured is not "met"
    stopped = _row(4_700_000, pages_peak_rss_mb=None, pages_rss_at_stop_mb=11_300)
    verdict = next(t for t in benchmark.check_targets([stopped]) if t["metric"] == "pages_peak_rss_mb")
    assert verdict["met"] is False and verdict["stopped"] and verdict["value"] == 11_300  # stopped above the limit
    assert ("xlsx_import_s", 10_000) not in got                     # size not run: no verdict


_META = {"when": "2026-01-05T10:00:00", "cpu": "Test CPU", "cores": 2, "ram_gb": 24.0, "os": "Linux",
         "python": "3.11", "libraries": {"pandas": "3"}, "commit": "abc", "uncommitted_files": 0,
         "load_average_start": [0.1, 0.1, 0.1]}


def test_report_fills_the_block_of_docs_benchmark_md_and_writes_json(tmp_path):
    md = tmp_path / "benchmark.md"
    md.write_text(f"# Benchmark\n\nhow to run\n\n{benchmark.BLOCK_START}\nstale table\n"
                  f"{benchmark.BLOCK_END}\n\n## At national size\n\nnotes\n")
    benchmark.report([_row(6_000)], _META, ["4,700,000 ASN: pages stopped."], tmp_path)
    data = json.loads((tmp_path / "benchmark.json").read_text())
    assert data["rows"][0]["n_asn"] == 6_000 and data["notes"] == ["4,700,000 ASN: pages stopped."]
    body = md.read_text()
    assert "stale table" not in body and "Test CPU, 2 cores" in body and "| 6,000 |" in body
    assert "pages stopped" in body
    assert body.startswith("# Benchmark\n\nhow to run\n\n") and body.endswith("## At national size\n\nnotes\n")
    benchmark.report([_row(100_000)], _META, [], tmp_path)                  # a second run replaces the block
    again = md.read_text()
    assert again.count(benchmark.BLOCK_START) == 1 and "| 100,000 |" in again and "| 6,000 |" not in again


def test_report_creates_or_appends_the_block(tmp_path):
    benchmark.report([_row(6_000)], _META, [], tmp_path)                     # no file yet
    body = (tmp_path / "benchmark.md").read_text()
    assert body.startswith(benchmark.BLOCK_START) and body.rstrip().endswith(benchmark.BLOCK_END)
    (tmp_path / "benchmark.md").write_text("# Hand-written, no markers\n")
    benchmark.report([_row(6_000)], _META, [], tmp_path)
    body = (tmp_path / "benchmark.md").read_text()
    assert body.startswith("# Hand-written, no markers\n") and "| 6,000 |" in body


def test_the_benchmark_never_writes_the_readme(tmp_path):
    """The README is hand-written: the report goes to docs/ (default --out) and README.md stays as it is."""
    import inspect

    readme = benchmark.ROOT / "README.md"
    before = readme.read_bytes()
    benchmark.report([_row(6_000)], _META, ["note"], tmp_path)
    assert readme.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["benchmark.json", "benchmark.md"]
    main_src = inspect.getsource(benchmark.main)
    assert 'default=ROOT / "docs"' in main_src and "--readme" not in main_src
    assert not hasattr(benchmark, "update_readme")


def test_export_frame_writes_the_same_csv_as_the_row_writer(tmp_path):
    from data.synthetic import build_demo

    frame = bench_import.export_frame(build_demo(300))
    rows = list(bench_import._rows(frame))
    assert len(rows) == 300 and len(rows[0]) == len(bench_import.HEADER)
    bench_import.write_csv(frame, tmp_path / "a.csv")
    bench_import.write_csv(rows, tmp_path / "b.csv")
    assert (tmp_path / "a.csv").read_bytes() == (tmp_path / "b.csv").read_bytes()
    with open(tmp_path / "a.csv", encoding="utf-8-sig", newline="") as fh:
        head = next(csv.reader(fh, delimiter=";"))
    assert head == bench_import.HEADER
