"""Monev: the yearly monitoring report of the talent cycle — indicators against the previous year
(values, changes in the indicator's unit, the base of each share), and the workbook offered on Siklus
Talenta reads as a person reads (the header rule of test_xlsx_headers: no identifier headers, no
None/nan, every column's label in the catalog), with the demo's indicators against 2024.
"""
from __future__ import annotations

import io
import re

import openpyxl
import pandas as pd
import pytest

from common import i18n
from common.i18n import t
from reports import monev
from reports.masking import SHOW
from reports.monev import Indicator
from tests.conftest import app_test
from tests.reports.test_xlsx_headers import _capture, _problems


def test_indicator_values_and_changes_in_their_unit():
    share = Indicator("from_pool_share", "pct", 62.5, 58.0, "dari jabatan target yang diisi pada periode itu")
    count = Indicator("filled", "n", 7, 9)
    days = Indicator("days_to_fill", "days", 120, 163)
    same = Indicator("asn", "n", 6000, 6000)
    unknown = Indicator("critical_ready_share", "pct", 40.0, None)
    assert (share.text(share.value, "id"), share.change("id")) == ("62,5%", "naik 4,5 poin")
    assert (count.text(count.value, "id"), count.change("id")) == ("7", "turun 2")
    assert (days.text(days.value, "id"), days.change("id")) == ("120 hari", "turun 43 hari")
    assert same.change("id") == "tetap" and same.text(6000, "id") == "6.000"
    assert unknown.change("id") == "–" and unknown.text(None, "id") == "–"
    assert share.change("en") == "up 4.5 points"


def test_indicator_table_sets_this_year_against_the_previous_one():
    inds = [Indicator("filled", "n", 7, 0), Indicator("from_pool_share", "pct", 57.1, None, "dari yang diisi")]
    table = monev.indicator_table(inds, 2025, 2024, "id")
    assert list(table.columns) == ["indikator", "2024", "2025", "perubahan", "dasar"]
    assert table.values.tolist() == [["Jabatan target diisi", "0", "7", "naik 7", "–"],
                                     ["Diisi dari kelompok talenta", "–", "57,1%", "–", "dari yang diisi"]]
    first = monev.indicator_table(inds, 2025, None, "id")   # no previous period: nothing to compare
    assert first["perubahan"].tolist() == ["–", "–"]


def test_hand_made_workbook_passes_the_header_rule():
    inds = [Indicator(key, unit, 1, 0) for key, unit, _ in (("asn", "n", ""), ("diprofil", "pct", ""))]
    details = {"Corong": pd.DataFrame({"tahap": ["Seluruh ASN"], "jumlah": [10], "persen_sebelumnya": [100.0],
                                       "persen_asn": [100.0]})}
    content = monev.workbook(inds, 2025, 2024, details, [("Periode", "2025")], lang="id", masking=SHOW,
                             synthetic=True)
    assert _problems("monev", content) == []
    wb = openpyxl.load_workbook(io.BytesIO(content))
    assert "DATA SINTETIS" in str(wb.worksheets[0]["A2"].value)
    rows = [[c.value for c in r] for r in wb["Indikator"].iter_rows()]
    assert ["Indikator", "2024", "2025", "Perubahan", "Dasar persentase"] in rows


@pytest.mark.slow   # a whole-app run and the two periods' cycles
@pytest.mark.parametrize("lang", ["id", "en"])
def test_the_pages_monev_workbook_reads_as_a_person_reads(demo_copy, monkeypatch, lang):
    captured = _capture(monkeypatch)
    before = i18n.unlisted_columns()
    at = app_test(demo_copy, "admin1", "admin", run=False)
    at.session_state["lang"] = lang
    at.run()
    at.switch_page("app_pages/siklus.py").run()
    assert not at.exception, [e.stack_trace[-3:] for e in at.exception]
    files = {key: data() for key, (name, data) in captured.items() if str(name).endswith(".xlsx")}
    assert {"siklus_monev_xlsx", "siklus_quota_export"} <= set(files)
    problems = [p for key, content in files.items() for p in _problems(key, content)]
    assert problems == [], problems[:20]
    assert i18n.unlisted_columns() - before == set()
    wb = openpyxl.load_workbook(io.BytesIO(files["siklus_monev_xlsx"]))
    sheet = wb.worksheets[1]                      # the indicators, after the summary
    rows = [[c.value for c in r] for r in sheet.iter_rows()]
    start = next(i for i, r in enumerate(rows) if r[0] in ("Indikator", "Indicator"))
    header, body = rows[start], {r[0]: r[1:] for r in rows[start + 1:]}
    assert header[1:3] == ["2024", "2025"]
    filled = body["Jabatan target diisi" if lang == "id" else "Target posts filled"]
    assert filled[0] == "0" and int(filled[1]) > 0 and filled[2] == t("siklus.change.up", lang=lang, n=filled[1])   # the demo's appointments are 2025's


@pytest.mark.slow   # the two periods' cycles and one Chromium for the funnel's picture
def test_the_pages_monev_deck(demo_copy, monkeypatch):
    from pptx import Presentation

    captured = _capture(monkeypatch)
    at = app_test(demo_copy, "admin1", "admin", run=False)
    at.run()
    at.switch_page("app_pages/siklus.py").run()
    assert not at.exception, [e.stack_trace[-3:] for e in at.exception]
    name, data = captured["siklus_monev_pptx"]
    assert name == "monev-siklus-talenta-2025.pptx"
    deck = Presentation(io.BytesIO(data()))
    texts = [" ".join(sh.text_frame.text for sh in s.shapes if sh.has_text_frame) for s in deck.slides]
    # the title, the indicators (19 in three tables of at most nine), the funnel, the needs, the quota
    assert len(texts) == 1 + 3 + 3
    assert all("DATA SINTETIS" in x for x in texts[1:])
    assert sum("Indikator Siklus Talenta — 2024 dan 2025" in x for x in texts) == 3
    assert any("Siklus Talenta — Periode 2025" in x for x in texts)


@pytest.mark.slow   # a whole-app run, both files built
def test_with_the_switch_on_the_files_name_no_one(demo_copy, monkeypatch):
    import html
    import zipfile

    from data.store import open_store

    s = open_store(demo_copy)
    try:
        people = [s.population(p, columns=["nama"]) for p in (2024, 2025)]
    finally:
        s.close()
    names = {n for p in people for n in p["nama"] if isinstance(n, str) and len(n) >= 8}
    nips = {n for p in people for n in p["nip"]}
    captured = _capture(monkeypatch)
    at = app_test(demo_copy, "admin1", "admin", run=False)
    at.query_params["anonim"] = "true"
    at.run()
    at.switch_page("app_pages/siklus.py").run()
    assert not at.exception, [e.stack_trace[-3:] for e in at.exception]
    files = {key: data() for key, (name, data) in captured.items() if key.startswith("siklus_")}
    assert set(files) == {"siklus_monev_xlsx", "siklus_monev_pptx", "siklus_quota_export"}
    texts = {}
    for key, content in files.items():
        z = zipfile.ZipFile(io.BytesIO(content))
        texts[key] = html.unescape("".join(z.read(n).decode("utf-8", "ignore") for n in z.namelist()))
        assert sorted(x for x in names | nips if x in texts[key]) == [], key
    assert re.search(r"ASN [0-9A-Z]{4}-[0-9A-Z]{4}", texts["siklus_monev_xlsx"])   # the appointees, as pseudonyms
