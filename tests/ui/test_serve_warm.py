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


def _population_forbidden(monkeypatch) -> None:
    from data.store import Store

    def read_everyone(*_args, **_kwargs):
        raise AssertionError("the whole population was read during the visit")
    monkeypatch.setattr(Store, "population_pieces", read_everyone)


def test_warm_stores_the_default_periods_placements(demo_copy):
    from ui import serve, services

    store = services.store()
    period = max(store.periods())
    assert not store.placements_stored(period, store.data_version())
    serve.warm()
    assert store.placements_stored(period, store.data_version())


def test_after_warm_beranda_reads_no_population(demo_copy, monkeypatch):
    from ui import serve

    serve.warm()
    _population_forbidden(monkeypatch)
    _engine_forbidden(monkeypatch)
    at = app_test(user=None)
    assert not at.exception, at.exception
    assert at.get("plotly_chart")


def test_a_restarted_server_counts_from_the_stored_rows(demo_copy, monkeypatch):
    """The stored rows outlive the process's caches: after a restart (caches empty) Beranda's first run
    and the warm-up itself count without reading everyone or placing anyone."""
    from ui import serve, services

    serve.warm()
    services.clear_data_caches()   # a restart: nothing cached, the table is still there
    _population_forbidden(monkeypatch)
    _engine_forbidden(monkeypatch)
    assert serve.warm() > 0
    services.clear_data_caches()
    at = app_test(user=None)
    assert not at.exception, at.exception
    assert at.get("plotly_chart")


def test_people_are_prepared_after_the_first_page_run_only_when_served_through_main(monkeypatch):
    """The people's placements wait for the first visitor's page (a thread started earlier held the
    interpreter during it), and start once; ``streamlit run`` (tests) never starts them."""
    from ui import serve

    started = []

    class Thread:   # records the thread instead of starting it
        def __init__(self, target, name, daemon):
            self.target = target

        def start(self):
            started.append(self.target)

    monkeypatch.setattr(serve.threading, "Thread", Thread)
    serve._people_pending.clear()
    serve.after_page_run()
    assert started == []   # not served through main(): nothing
    serve._people_pending.set()   # what main() does before the server answers
    serve.after_page_run()
    serve.after_page_run()
    assert started == [serve._warm_people_in_background]   # once, after the first page run


def test_main_freezes_what_the_warm_up_made_so_collections_after_each_run_skip_it(monkeypatch):
    """Streamlit collects garbage after every script run (0.2 s on the demo, for the modules and caches
    alive since start); main() moves them out of the collector's sight before the server answers."""
    import gc
    import sys

    from streamlit.web import cli

    from ui import serve

    monkeypatch.setattr(serve, "_warm_first", lambda: None)
    monkeypatch.setattr(cli, "main", lambda: 0)
    monkeypatch.setattr(sys, "argv", list(sys.argv))   # main() sets streamlit's
    gc.unfreeze()
    try:
        assert gc.get_freeze_count() == 0
        assert serve.main(["run", "app.py"]) == 0
        assert gc.get_freeze_count() > 10_000
    finally:
        gc.unfreeze()
        serve._people_pending.clear()


def test_warm_spares_the_first_page_streamlits_one_time_stack_walk(demo_copy, monkeypatch):
    """The first element a process sends makes Streamlit walk the call stack once (is it a REPL?): the
    warm-up marks that done, so the first visitor's page does not pay it."""
    from streamlit import delta_generator, env_util

    from ui import serve

    monkeypatch.setenv("TALENTA_DB", str(demo_copy))
    monkeypatch.setattr(delta_generator, "_use_warning_has_been_displayed", False)
    walked = []
    monkeypatch.setattr(env_util, "is_repl", lambda: walked.append(1) or False)
    serve.warm()
    delta_generator._maybe_print_use_warning()   # what the first element does
    assert walked == []
