"""Every download button of every page, with the anonymisation switch on, gives a file with no real
name and no real NIP in it — on the demo data and on the real-data fixture.

The buttons are found by walking the pages (AppTest) with ``download_button`` captured on every
container, so a new export on any page is scanned without changing this test. Office files (xlsx,
docx, pptx) are unzipped and every XML part is searched; a PNG/PDF figure is searched through the
figure it is drawn from (its source data; rendering needs Chromium, covered by
``tests/ui/test_exports_anonymised.py``). A file type this test cannot read fails it.
"""
from __future__ import annotations

import html
import io
import zipfile
from datetime import date
from pathlib import Path

import plotly.graph_objects as go
import pytest
import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from analytics.anonymise import MASK
from common.i18n import t
from data.store import open_store
from tests.conftest import app_test, placed_people
from ui import export_menu, presentation, services

pytestmark = pytest.mark.slow   # six pages on two databases, about a minute

ROOT = Path(__file__).resolve().parents[2]
PAGES = ("beranda", "sembilan_kotak", "kalibrasi", "suksesi", "pengembangan", "presentasi", "pergerakan")
EXPECTED = {"beranda_exp_xlsx", "nk_exp_png", "nk_exp_pdf", "kal_export", "suk_export", "dev_export",
            "pres_exp_xlsx", "pres_exp_pptx", "pen_docx"}


def _identities(db: Path) -> tuple[set[str], set[str]]:
    s = open_store(db)
    try:
        box5 = placed_people(s, 2025).query("kotak == 5")["nip"]   # the record and minutes name someone
        # a comment naming another person by NIP: free text is masked too
        s.calibrate(2025, box5.iloc[0], 5, 8, "BUKTI_POTENSI", f"uji ekspor, setara {box5.iloc[1]}", "admin")
        s.finalise_period(2025, "admin")   # so Kalibrasi offers the berita acara (.docx) too
        people = [s.population(period) for period in (2024, 2025)]   # Pergerakan shows the previous one
    finally:
        s.close()
    return ({n for p in people for n in p["nama"] if isinstance(n, str) and len(n) >= 8},
            {n for p in people for n in p["nip"]})


def _capture(monkeypatch) -> dict[str, tuple[str, object]]:
    captured: dict[str, tuple[str, object]] = {}

    def fake(self, label, data=None, file_name=None, *args, key=None, **kw):
        captured[key or file_name] = (file_name, data)
        return False
    monkeypatch.setattr(DeltaGenerator, "download_button", fake)       # columns, expanders, sidebar
    monkeypatch.setattr(st, "download_button", lambda *a, **kw: fake(None, *a, **kw))   # bound at import
    return captured


def _held(obj, kind: type, seen=None) -> list:
    """Objects of ``kind`` a deferred builder holds (in its closure, or lists in it)."""
    seen = set() if seen is None else seen
    if id(obj) in seen:
        return []
    seen.add(id(obj))
    if isinstance(obj, kind):
        return [obj]
    found = []
    for cell in getattr(obj, "__closure__", None) or ():
        found += _held(cell.cell_contents, kind, seen)
    if isinstance(obj, (list, tuple)):
        for item in obj:
            found += _held(item, kind, seen)
    return found


def _slides_text(data) -> str:
    """The deck's content as the builder makes it (rendering it needs Chromium)."""
    (r,) = _held(data, export_menu.Request)
    with services.snapshot():
        made = presentation.build(r.ctx, r.lang, date.today(), min_count=r.min_count)
    return "".join(
        s.title + s.subtitle + repr(s.metrics) + repr(s.notes) + (s.figure.to_json() if s.figure is not None else "")
        + (s.table.to_csv() if s.table is not None else "") for s in made)


def _text(file_name: str, data) -> str:
    """What a file carries, as searchable text (a figure export: its source figure)."""
    if file_name.endswith((".xlsx", ".docx")):
        z = zipfile.ZipFile(io.BytesIO(data() if callable(data) else data))
        # character references (&#8226;) read as the characters they stand for
        return html.unescape("".join(z.read(n).decode("utf-8", "ignore") for n in z.namelist()))
    if file_name.endswith(".pptx"):
        return _slides_text(data)
    if file_name.endswith((".png", ".pdf")):
        return "".join(f.to_json() for f in _held(data, go.Figure))
    raise AssertionError(f"a download this scan cannot read: {file_name}")


SYNTHETIC = t("file.synthetic", lang="id")
DRAWN = ("_png", "_pdf", "_pptx")   # scanned through their source figures/slides, not the drawn file


def _scan(at_factory, db: Path, monkeypatch, expected: set[str]) -> dict[str, str]:
    names, nips = _identities(db)
    captured = _capture(monkeypatch)
    for page in PAGES:
        at = at_factory()
        at.query_params["anonim"] = "true"
        at.session_state["beranda_exp_open"] = True   # Beranda builds its export menu only when opened
        at.session_state["nk_exp_open"] = True        # so does Sembilan Kotak
        at.run()
        path = str(ROOT / "app_pages" / f"{page}.py")
        try:
            at.switch_page(path)
        except ValueError:   # not a page of this session (the demo visitor has no Kalibrasi)
            continue
        at.run()
        assert not at.exception, (page, at.exception)
    assert expected <= set(captured), sorted(expected - set(captured))
    texts = {key: _text(file_name, data) for key, (file_name, data) in captured.items()}
    for key, text in texts.items():
        leaks = sorted(x for x in names | nips if x in text)
        assert leaks == [], (key, leaks[:5])
    return texts


def test_every_export_of_real_data_hides_identities(real_copy, monkeypatch):
    texts = _scan(lambda: app_test(real_copy, "admin", "admin", run=False), real_copy, monkeypatch, EXPECTED)
    # the scan is not vacuous: people are in the files, as pseudonyms and masked NIPs
    for key in ("beranda_exp_xlsx", "suk_export", "kal_export", "dev_export"):
        assert "ASN " in texts[key] and MASK in texts[key], key
    # real data: no file says it is synthetic
    assert [key for key, text in texts.items() if SYNTHETIC in text] == []


def test_every_export_of_the_demo_hides_identities(demo_copy, monkeypatch):
    texts = _scan(lambda: app_test(demo_copy, None, run=False), demo_copy, monkeypatch,
                  EXPECTED - {"kal_export", "pen_docx"})
    assert "ASN " in texts["suk_export"] and MASK in texts["suk_export"]
    # every workbook of the demo says DATA SINTETIS (the PNG, PDF and deck: tests/reports/test_synthetic_mark.py)
    office = [key for key in texts if not key.endswith(DRAWN)]
    assert office and [key for key in office if SYNTHETIC not in texts[key]] == []
