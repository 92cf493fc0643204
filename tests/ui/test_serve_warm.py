"""The server prepares the default view when it starts: the first visit places nobody again."""
from __future__ import annotations

import pytest

from tests.conftest import app_test

pytestmark = pytest.mark.slow


def _engine_forbidden(monkeypatch) -> None:
    from ui import services

    def placed_again(*_args, **_kwargs):
        raise AssertionError("the engine ran during the visit")
    monkeypatch.setattr(services, "place", placed_again)


def test_warm_fills_what_the_first_visit_to_beranda_reads(demo_copy, monkeypatch):
    from ui import serve

    assert serve.warm() > 0
    _engine_forbidden(monkeypatch)
    at = app_test(user=None)   # the demo visitor, on Beranda, newest period, no filters
    assert not at.exception
    assert at.get("plotly_chart"), "Beranda draws its 9-box from the warmed caches"


def test_without_warming_the_first_visit_runs_the_engine(demo_copy, monkeypatch):
    _engine_forbidden(monkeypatch)
    at = app_test(user=None)
    assert at.exception, "the check above would pass vacuously if a visit never placed anyone"


def test_nothing_to_warm_in_an_empty_database(tmp_path, monkeypatch):
    from data.store import open_store
    from ui import serve

    path = tmp_path / "empty.duckdb"
    open_store(path).close()
    monkeypatch.setenv("TALENTA_DB", str(path))
    assert serve.warm() == 0.0
