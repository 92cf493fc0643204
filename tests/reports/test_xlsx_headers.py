"""Every Excel file the app offers reads as a person reads: no header (or cell) that looks like an
identifier (``jenjang_jabatan``), no ``None``/``nan`` anywhere, no time of day on a date — from the demo data,
with the anonymisation switch on and off, in Indonesian and in English.

The files are found as the users find them: every page is walked (AppTest) with ``download_button``
captured on every container, so a new xlsx download on any page is checked without changing this
test; the Impor Data page's check report is made by uploading a filled template. Each deferred
builder is called as Streamlit calls it, outside the page run.
"""
from __future__ import annotations

import io
import re
from datetime import datetime
from pathlib import Path

import openpyxl
import pytest
import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from common import i18n
from data.store import open_store
from tests.conftest import app_test, open_tab, placed_people
from tests.import_helpers import filled_personnel_template, new_nips

pytestmark = pytest.mark.slow   # eight pages walked four times, about a minute each

ROOT = Path(__file__).resolve().parents[2]
PAGES = ("beranda", "sembilan_kotak", "kalibrasi", "suksesi", "pengembangan", "presentasi", "pergerakan", "impor")
#: the xlsx downloads the walk must find (a missing one fails: the walk would be vacuous)
EXPECTED = {"beranda_exp_xlsx", "kal_export", "suk_export", "dev_export", "pres_exp_xlsx", "impor_report",
            "impor_tpl_personnel"}
IDENTIFIER = re.compile(r"^[a-z]+(_[a-z]+)+$")
MISSING_WORD = re.compile(r"(?<![\w])(nan|NaN|None|NaT|null)(?![\w])")
MIDNIGHT_TEXT = re.compile(r"\d{4}-\d{2}-\d{2}[ T]00:00(:00)?")


def _capture(monkeypatch) -> dict[str, tuple[str, object]]:
    captured: dict[str, tuple[str, object]] = {}

    def fake(self, label, data=None, file_name=None, *args, key=None, **kw):
        captured[key or file_name] = (file_name, data)
        return False
    monkeypatch.setattr(DeltaGenerator, "download_button", fake)
    monkeypatch.setattr(st, "download_button", lambda *a, **kw: fake(None, *a, **kw))
    return captured


@pytest.fixture(scope="module")
def prepared(demo_db, tmp_path_factory) -> Path:
    """A demo copy with a calibration move (the record is not empty) and an admin."""
    import shutil

    path = tmp_path_factory.mktemp("xlsx-headers") / "demo.duckdb"
    shutil.copy(demo_db, path)
    s = open_store(path)
    try:
        box5 = placed_people(s, 2025).query("kotak == 5")["nip"]
        s.calibrate(2025, box5.iloc[0], 5, 8, "BUKTI_POTENSI", "uji label kolom", "admin")
    finally:
        s.close()
    return path


def _files(db: Path, tmp_path: Path, monkeypatch, lang: str, anon: bool) -> tuple[dict[str, bytes], list]:
    """Every xlsx download of every page, built as a click would build it, and the pages' errors."""
    import shutil

    copy = tmp_path / f"app-{lang}-{anon}.duckdb"
    shutil.copy(db, copy)
    monkeypatch.setenv("TALENTA_DB", str(copy))
    captured = _capture(monkeypatch)
    errors = []
    for page in PAGES:
        at = app_test(copy, "admin", "admin", run=False)
        at.session_state["lang"] = lang
        at.session_state["beranda_exp_open"] = True   # Beranda builds its export menu only when opened
        at.query_params["anonim"] = "true" if anon else "false"
        at.switch_page(str(ROOT / "app_pages" / f"{page}.py"))
        at.run()
        errors += [(page, e.stack_trace[-1:]) for e in at.exception]
        if page == "impor":
            at.file_uploader[0].set_value(("pegawai.xlsx", filled_personnel_template(new_nips(3)),
                                           "application/octet-stream")).run()
            errors += [(page, e.stack_trace[-1:]) for e in at.exception]
            open_tab(at, "impor_tab", i18n.t("impor.tab_templates", lang=lang))   # each tab built when open
            errors += [(page, e.stack_trace[-1:]) for e in at.exception]
    files = {key: (data() if callable(data) else data) for key, (name, data) in captured.items()
             if str(name).endswith(".xlsx")}
    return files, errors


def _is_header(cell) -> bool:
    """A header cell as the writers style it: bold (a table header, a label of a label/value pair)."""
    return bool(cell.font is not None and cell.font.b)


def _problems(key: str, content: bytes) -> list[str]:
    wb = openpyxl.load_workbook(io.BytesIO(content))
    found = []
    for ws in wb.worksheets:
        if ws.sheet_state != "visible":
            continue                       # a template's hidden list sheet feeds its drop-downs
        for row in ws.iter_rows():
            for cell in row:
                v = cell.value
                where = f"{key} / {ws.title} / {cell.coordinate}: {v!r}"
                if isinstance(v, str):
                    if IDENTIFIER.fullmatch(v.strip()):      # a header, or a code where words belong
                        found.append(("identifier header " if _is_header(cell) else "identifier cell ") + where)
                    if MISSING_WORD.search(v):
                        found.append("missing value " + where)
                    if MIDNIGHT_TEXT.search(v):
                        found.append("time of day on a date " + where)
                elif isinstance(v, datetime) and v.time() == datetime.min.time() and "h" in cell.number_format:
                    found.append("time of day on a date " + where)
        if ws.title.lower() in ("ringkasan", "summary"):
            # a workbook's context: the first column labels the second
            for (label, *_rest) in ws.iter_rows(values_only=True):
                if isinstance(label, str) and IDENTIFIER.fullmatch(label.strip()):
                    found.append(f"identifier label {key} / {ws.title}: {label!r}")
    return found


def _headers(content: bytes) -> set[str]:
    wb = openpyxl.load_workbook(io.BytesIO(content))
    return {str(c.value) for ws in wb.worksheets for row in ws.iter_rows() for c in row
            if isinstance(c.value, str) and _is_header(c)}


@pytest.mark.parametrize("lang,anon", [("id", False), ("id", True), ("en", False), ("en", True)])
def test_every_xlsx_reads_as_a_person_reads(prepared, tmp_path, monkeypatch, lang, anon):
    before = i18n.unlisted_columns()          # what other tests in this process asked for
    files, errors = _files(prepared, tmp_path, monkeypatch, lang, anon)
    problems = list(dict.fromkeys(p for key, content in sorted(files.items()) for p in _problems(key, content)))
    assert problems == [], "\n".join(problems[:80])
    # every data column a file names has its label in the catalog (not the words of its identifier)
    unlisted = i18n.unlisted_columns() - before
    assert unlisted == set(), " ".join(sorted(unlisted))
    assert errors == []
    assert EXPECTED <= set(files), sorted(EXPECTED - set(files))
    headers = set().union(*(_headers(files[k]) for k in ("beranda_exp_xlsx", "suk_export", "dev_export")))
    if lang == "en":     # the language reaches the file, though the click runs outside the page
        assert {"Name", "Position", "Box"} <= headers, sorted(headers)
        assert not {"Nama", "Jabatan", "Kotak"} & headers, sorted(headers)
    else:
        assert {"Nama", "Jabatan", "Kotak"} <= headers, sorted(headers)
