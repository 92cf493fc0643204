"""AppTest: every page renders from a demo database, and filters change what it shows."""
from __future__ import annotations

import json

import pytest

from analytics.engine import STATUS_PLACED, place
from data.store import Filters, open_store


def _expected(path, period=2025, filters=Filters()):
    s = open_store(path)
    try:
        placed = place(s.population(period, filters), s.rules(period))
        head = s.headline(period, filters)
    finally:
        s.close()
    return placed, head


def _metric(at, label):
    return next(m.value for m in at.metric if m.label == label)


def _delta(at, label):
    """The line under a tile's number (its share's base)."""
    return next(m.proto.delta for m in at.metric if m.label == label)


def _grid_counts(at):
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    texts = [a["text"] for a in spec["layout"]["annotations"]]
    return texts


def test_beranda_renders_demo_figures(demo_copy, app_as):
    placed, head = _expected(demo_copy)
    at = app_as(user=None)
    assert not at.exception
    assert at.title[0].value == "Beranda"
    assert any("Data sintetis" in w.value for w in at.warning)
    assert _metric(at, "Jumlah ASN") == f"{head['asn']:,}".replace(",", ".")
    assert _metric(at, "Kuota CACT terpakai") == "1.152" and _delta(at, "Kuota CACT terpakai") == "100% dari kuota 1.152"
    assert _metric(at, "Jabatan target lowong") == "5"
    pool = int(placed["kotak"].isin([7, 8, 9]).sum())
    placed_n = int(placed["kotak"].notna().sum())
    n = lambda v: f"{v:,}".replace(",", ".")  # noqa: E731
    # every share says its base in the tile itself
    assert _metric(at, "Kelompok rencana suksesi") == n(pool)
    assert _delta(at, "Kelompok rencana suksesi") == f"{round(pool / placed_n * 100)}% dari {n(placed_n)} ditempatkan"
    unprofiled = int((placed["status"] == "belum diprofil").sum())
    asn = n(head["asn"])
    assert _metric(at, "Belum diprofil (CACT atau AC)") == n(unprofiled)
    assert _delta(at, "Belum diprofil (CACT atau AC)") == f"{round(unprofiled / head['asn'] * 100)}% dari {asn} ASN"
    assert _metric(at, "Ditempatkan di 9-box") == n(placed_n)
    # the headline sentence, each share with its base, from the same numbers
    lead = (f"#### {n(placed_n)} dari {asn} ASN ({round(placed_n / head['asn'] * 100)}%) sudah ditempatkan di "
            f"9-box; {n(pool)} di antaranya ({round(pool / placed_n * 100)}% dari {n(placed_n)}) masuk kelompok "
            "rencana suksesi. 5 jabatan target lowong, ")
    assert any(m.value.startswith(lead) and m.value.endswith("punya calon siap sekarang.") for m in at.markdown), [
        m.value for m in at.markdown]
    # each box's count is drawn on the grid
    counts = placed.loc[placed["status"] == STATUS_PLACED, "kotak"].value_counts()
    texts = _grid_counts(at)
    for box in range(1, 10):
        assert f"<b>{counts.get(box, 0):,}</b>".replace(",", ".") in texts


def test_opd_filter_narrows_every_figure(demo_copy, app_as):
    at = app_as(user=None)
    at.sidebar.multiselect(key="opd").set_value(["DINKES"]).run()
    assert not at.exception
    placed, head = _expected(demo_copy, filters=Filters(opd_ids=("DINKES",)))
    assert 0 < head["asn"] < 6000
    assert _metric(at, "Jumlah ASN") == f"{head['asn']:,}".replace(",", ".")
    assert at.caption[0].value.endswith("sesuai saringan")


def test_period_switch_and_english_catalog(demo_copy, app_as):
    at = app_as(user=None)
    at.sidebar.selectbox(key="periode").set_value(2024).run()
    _, head = _expected(demo_copy, period=2024)
    assert _metric(at, "Jumlah ASN") == f"{head['asn']:,}".replace(",", ".")
    at.sidebar.selectbox(key="lang").set_value("en").run()
    assert not at.exception
    assert at.title[0].value == "Home"
    assert at.sidebar.selectbox(key="periode").value == 2024  # keyed: survives the language switch


@pytest.mark.slow  # builds the demo database in the app, about 9 s
def test_empty_database_is_filled_with_demo_data(tmp_path, monkeypatch, app_as):
    path = tmp_path / "empty.duckdb"
    monkeypatch.setenv("TALENTA_DB", str(path))
    at = app_as(user=None, timeout=120)
    assert not at.exception
    assert at.title[0].value == "Beranda"
    s = open_store(path)
    try:
        assert s.periods() == [2024, 2025] and s.has_synthetic_data()
    finally:
        s.close()


def test_locked_database_shows_a_message_not_a_trace(demo_copy, monkeypatch, app_as):
    import duckdb
    holder = duckdb.connect(str(demo_copy))  # another "process" holding the file read-write
    try:
        # DuckDB allows the same process to reopen; simulate the lock error message instead
        from data import store as store_mod
        def refuse(*a, **k):
            raise duckdb.IOException("Could not set lock on file: Conflicting lock is held")
        monkeypatch.setattr(store_mod.duckdb, "connect", refuse)
        at = app_as(user=None)
        assert not at.exception
        assert "sedang dipakai proses lain" in at.error[0].value
    finally:
        holder.close()
