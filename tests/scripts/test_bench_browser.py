"""scripts/bench_browser.py: the export files import cleanly, and the smoke mode runs end to end in Chromium
(1k csv, one run, one first visit), so the benchmark cannot rot unnoticed."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from scripts.bench import drop_files

ROOT = Path(__file__).resolve().parents[2]


def test_the_three_exports_import_without_errors(tmp_path):
    """Each file is recognised as its kind and checked without an error against the reference database."""
    from data.importing import pipeline
    from data.store import open_store

    ref, files, info = drop_files.build(300, tmp_path, ["csv"])
    assert info["rows"] == info["performance_rows"] > 0 and info["assessment_rows"] > 0
    store = open_store(ref)
    try:
        assert store.count_rows("asn_period", drop_files.PERIOD) == 0      # the period waits for the drop
        kinds = []
        for path in files["csv"]:
            r = pipeline.run(store, path, path.name, period=drop_files.PERIOD, actor="uji")
            assert r.outcome.errors == 0 and r.batch_id is not None, r.outcome.issues.head().to_string()
            kinds.append(r.outcome.kind)
        assert kinds == ["personnel", "performance", "assessment"]
        assert store.count_rows("asn_period", drop_files.PERIOD) == info["rows"]
    finally:
        store.close()


@pytest.mark.browser
@pytest.mark.slow
def test_smoke_mode_runs_end_to_end(tmp_path):
    out = tmp_path / "bench"
    done = subprocess.run([sys.executable, "scripts/bench_browser.py", "--smoke", "--out", str(out)], cwd=ROOT,
                          capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stderr[-3000:]
    result = json.loads(out.with_suffix(".json").read_text())
    (row,) = result["drop_to_ninebox"]
    assert (row["format"], row["rows"]) == ("csv", 1_000)
    assert row["mode"] in ("one drop", "three rounds")
    assert row["placed_dots"] > 0                                   # the 9-box drew its dots
    assert 0 < row["upload_s"] + row["import_s"] + row["ninebox_s"] <= row["total_s"] + 0.05
    assert result["first_visit"]["new"]["total_s"] > 0 and result["first_visit"]["returning"]["total_s"] > 0
    assert result["machine"]["cores"] and result["machine"]["load_average_end"]
    assert "| csv | 1,000 |" in out.with_suffix(".md").read_text()
