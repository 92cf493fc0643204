"""AppTest: privacy hardening of the frame — a name/NIP search is not bound to the URL, and the
damaged-database message before login names no file path."""
from __future__ import annotations

from streamlit.testing.v1 import AppTest

from tests.conftest import APP, APP_TIMEOUT, app_test

PAGE = "app_pages/sembilan_kotak.py"


def test_search_is_not_bound_to_the_url_but_the_filters_are(real_copy):
    """AppTest does not write bound widgets back into its query params, so the binding is seen from
    the other side: a link carrying ``cari`` fills nothing (the search is not bound), while ``jk``
    (bound, harmless) is taken. The browser side (the URL after a search) is asserted by
    ``tests/browser/actions.search`` in every browser test that searches."""
    at = app_test(real_copy, run=False)
    at.query_params["cari"] = "197501"
    at.query_params["jk"] = "Perempuan"  # a bound widget travels as its label
    at.run()
    at.switch_page(PAGE).run()
    assert not at.exception, at.exception
    assert at.text_input(key="cari").value == ""
    assert at.multiselect(key="jk").value == ["P"]
    at.text_input(key="cari").set_value("197501").run()  # typed: it works in this tab
    assert not at.exception, at.exception
    assert at.text_input(key="cari").value == "197501"  # the search still applies in this tab


def test_damaged_database_message_names_no_path_but_the_server_log_does(demo_db, tmp_path, monkeypatch, caplog):
    from tests.pages.test_recovery import damaged_copy

    path, reason = damaged_copy(demo_db, tmp_path, "garbage")
    monkeypatch.setenv("TALENTA_DB", str(path))
    at = AppTest.from_file(APP, default_timeout=APP_TIMEOUT).run()
    assert not at.exception
    [shown] = [e.value for e in at.error]
    assert "Berkas basis data rusak" in shown and "log server" in shown
    assert str(tmp_path) not in shown and path.name not in shown and "/" not in shown.replace("`python -m data`", "")
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert f"Berkas basis data {path} rusak: {reason}." in logged  # the admin finds the file in the server log


def test_a_database_in_use_says_so_without_a_path(demo_copy):
    import subprocess
    import sys

    code = "import duckdb, sys; c = duckdb.connect(sys.argv[1]); print('ok', flush=True); sys.stdin.read()"
    holder = subprocess.Popen([sys.executable, "-c", code, str(demo_copy)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "ok"  # another process holds the file now
        at = AppTest.from_file(APP, default_timeout=APP_TIMEOUT).run()
    finally:
        holder.communicate("", timeout=60)
    assert not at.exception
    [shown] = [e.value for e in at.error]
    assert "sedang dipakai proses lain" in shown
    assert str(demo_copy.parent) not in shown and demo_copy.name not in shown
