"""Shared fixtures: a migrated empty database for rules, and the demo database."""
from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from data.store import open_store  # noqa: E402


@pytest.fixture(scope="session")
def rules_store(tmp_path_factory):
    store = open_store(tmp_path_factory.mktemp("rules") / "rules.duckdb")
    yield store
    store.close()


@pytest.fixture(scope="session")
def rules(rules_store):
    """The shipped default rule set, as an admin would find it after installation."""
    return rules_store.rules(2025)


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory) -> Path:
    """A demo database (6k ASN, default seed) built once per test session."""
    from data.synthetic import load_demo

    path = tmp_path_factory.mktemp("demo") / "demo.duckdb"
    store = open_store(path)
    load_demo(store)
    store.close()
    return path


@pytest.fixture(scope="session")
def real_db(tmp_path_factory) -> Path:
    """The demo content recorded as if it had been imported (not synthetic): a base for tests of
    real-data behaviour (imports on top of existing data, login required)."""
    from data.synthetic import build_demo

    path = tmp_path_factory.mktemp("real") / "real.duckdb"
    store = open_store(path)
    store.replace_dataset(build_demo(), kind="dasar-uji", period=None, source="impor", actor="uji",
                          file_name="uji-dasar.xlsx")
    store.close()
    return path
