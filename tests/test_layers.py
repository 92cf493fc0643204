"""The layer check (import-linter, configured in pyproject.toml) holds on the tree and catches an
upward import: a copy of the tree with one added ``reports → ui`` import must fail it."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("app_pages", "ui", "reports", "data", "analytics", "common")
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def _lint_imports(cwd: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(cwd), "COLUMNS": "300"}  # one line per contract
    return subprocess.run([str(LINT_IMPORTS), "--no-cache"], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=300)


@pytest.fixture(scope="module")
def tree_copy(tmp_path_factory) -> Path:
    dest = tmp_path_factory.mktemp("tree")
    for pkg in PACKAGES:
        shutil.copytree(ROOT / pkg, dest / pkg, ignore=shutil.ignore_patterns("__pycache__", "*.toml", "*.sql"))
    shutil.copy(ROOT / "pyproject.toml", dest / "pyproject.toml")
    return dest


def _broken(run: subprocess.CompletedProcess) -> set[str]:
    return {line.removesuffix(" BROKEN") for line in run.stdout.splitlines() if line.endswith(" BROKEN")}


def test_the_tree_keeps_every_contract():
    run = _lint_imports(ROOT)
    assert run.returncode == 0, run.stdout + run.stderr


@pytest.mark.parametrize("module, line, broken", [
    ("reports/common.py", "import ui.frame", "Layers import one way"),
    ("analytics/engine.py", "from data import frames", "Layers import one way"),
    ("common/fmt.py", "import data.frames", "common/ (i18n, fmt, palette) is neutral"),
    ("data/frames.py", "import streamlit", "Only pages and ui/ know Streamlit"),
])
def test_an_upward_import_breaks_the_check(tree_copy, module, line, broken):
    path = tree_copy / module
    original = path.read_text()
    try:
        path.write_text(original + f"\n{line}  # an upward import\n")
        run = _lint_imports(tree_copy)
    finally:
        path.write_text(original)
    assert run.returncode != 0
    assert any(name.startswith(broken) for name in _broken(run)), run.stdout
