"""Every export made with the anonymisation switch on (xlsx, PNG, PDF, pptx) holds no name or NIP of
the data, opens with its library, and carries the filters it was made with.

The builders are the ones behind the download buttons (``ui/export_menu.py``), called as the
button's deferred callable calls them: with a captured ``Request``, outside a script run.
"""
from __future__ import annotations

import io
import shutil
import zipfile

import pytest

from analytics.engine import place
from data.store import EVERYTHING, Filters, open_store
from ui import export_menu
from ui.frame import Context

OPD, OPD_NAME = "DINKES", "Dinas Kesehatan"
FILTER_LINE = f"Perangkat daerah (OPD): {OPD_NAME}"


@pytest.fixture(scope="module")
def db(real_db, tmp_path_factory):
    """real_db with one calibration in the OPD (so the calibration sheet names someone)."""
    path = tmp_path_factory.mktemp("exports") / "exports.duckdb"
    shutil.copy(real_db, path)
    s = open_store(path)
    try:
        pop = s.population(2025, Filters(opd_ids=(OPD,)))
        placed = place(pop, s.rules(2025))
        person = placed[placed["kotak"] == 5].iloc[0]
        s.calibrate(2025, person["nip"], 5, 8, "BUKTI_POTENSI", "uji ekspor", "admin")
        everyone = s.population(2025)
        key = s.setting("kunci_samaran").encode()
    finally:
        s.close()
    names = {n for n in everyone["nama"] if len(n) >= 8}
    return path, names, set(everyone["nip"]), key


@pytest.fixture
def request_for(db, monkeypatch):
    path, _, _, key = db
    monkeypatch.setenv("TALENTA_DB", str(path))

    def make(anonymised: bool) -> export_menu.Request:
        ctx = Context(period=2025, filters=Filters(opd_ids=(OPD,)), synthetic=False, scope=EVERYTHING)
        return export_menu.Request(ctx, "id", "admin", anonymised, 5 if anonymised else 0, key)
    return make


def _leaks(text: str, names: set[str], nips: set[str]) -> list[str]:
    return sorted(x for x in names | nips if x in text)


def _xml(data: bytes) -> str:
    """Every XML part of an Office file (cells, shared strings, notes, document properties)."""
    z = zipfile.ZipFile(io.BytesIO(data))
    return "".join(z.read(n).decode("utf-8", "ignore") for n in z.namelist() if n.endswith(".xml"))


def _xlsx_text(data: bytes) -> str:
    from openpyxl import load_workbook
    wb = load_workbook(io.BytesIO(data))
    cells = [str(c.value) for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.value is not None]
    props = wb.properties
    return "\n".join(cells + [str(props.creator), str(props.title), str(props.lastModifiedBy)] + wb.sheetnames)


@pytest.mark.slow  # a national-style workbook, about 10 s
def test_excel_report_anonymised_has_no_identity_and_states_its_filters(db, request_for):
    _, names, nips, _ = db
    data = export_menu.report(request_for(True))
    text = _xlsx_text(data)
    assert _leaks(text, names, nips) == []
    assert _leaks(_xml(data), names, nips) == []               # every part of the file, properties included
    assert FILTER_LINE in text and "Periode: 2025" in text
    assert "ASN " in text and "••••••••••" in text              # people are there, as pseudonyms
    assert "uji ekspor" in text                                # the calibration record is there


@pytest.mark.slow  # a national-style workbook, about 9 s
def test_excel_report_with_the_switch_off_names_people(db, request_for):
    _, names, nips, _ = db
    text = _xlsx_text(export_menu.report(request_for(False)))
    assert _leaks(text, names, nips)                           # the scan above can see a leak


@pytest.mark.browser
def test_ninebox_png_and_pdf_anonymised(db, request_for):
    from PIL import Image
    from pypdf import PdfReader
    _, names, nips, _ = db
    r = request_for(True)
    png = export_menu.ninebox(r, "png")
    img = Image.open(io.BytesIO(png))
    assert img.format == "PNG" and img.size[0] >= 1200
    meta = " ".join(f"{k}={v}" for k, v in {**img.info, **getattr(img, "text", {})}.items())
    assert _leaks(meta + png.decode("latin-1"), names, nips) == []
    pdf = export_menu.ninebox(r, "pdf")
    reader = PdfReader(io.BytesIO(pdf))
    text = "\n".join(p.extract_text() for p in reader.pages)
    assert OPD_NAME in text and "2025" in text and "Dibuat" in text
    assert _leaks(text + str(reader.metadata) + pdf.decode("latin-1"), names, nips) == []


@pytest.mark.browser
def test_slide_deck_anonymised(db, request_for):
    from pptx import Presentation
    _, names, nips, _ = db
    data = export_menu.slides(request_for(True))
    prs = Presentation(io.BytesIO(data))
    texts = []
    for slide in prs.slides:
        for shape in slide.shapes:
            if shape.has_text_frame:
                texts.append(shape.text_frame.text)
            if shape.has_table:
                texts += [c.text for row in shape.table.rows for c in row.cells]
        if slide.has_notes_slide:
            texts.append(slide.notes_slide.notes_text_frame.text)
    core = prs.core_properties
    text = "\n".join(texts + [str(core.author), str(core.title), str(core.last_modified_by)])
    # title + six slides (the talent cycle last) + one per vacant post (at most five), whose candidates
    # read as pseudonyms
    posts = [x for x in texts if x.startswith("Jabatan lowong: ")]
    assert len(prs.slides) == 7 + len(posts) and 0 < len(posts) <= 5
    assert any(x.startswith("Siklus Talenta") for x in texts)
    assert any(x.startswith("ASN ") for x in texts)
    assert OPD_NAME in text and "Sembilan Kotak" in text
    assert _leaks(text + _xml(data), names, nips) == []


@pytest.mark.browser
def test_sembilan_kotak_view_pdf_carries_the_page_filters(db, request_for):
    from pypdf import PdfReader

    from analytics.anonymise import anonymise_people
    from analytics.ninebox import box_summary
    from reports.figures import ninebox
    from ui import services
    _, names, nips, key = db
    r = request_for(True)
    placed = services.placements(2025, r.ctx.filters, r.ctx.scope)
    women = placed[(placed["jenis_kelamin"] == "P") & placed["kotak"].notna()]
    summary = box_summary(women["kotak"], services.rules(2025).boxes)
    assert {"x", "y"} <= set(women.columns)                    # positions come with the placements
    fig, _ = ninebox.ninebox_scatter(anonymise_people(women, key)[0], summary, "kotak", (78, 90))
    pdf = export_menu.view(r, fig, summary, ["Jenis kelamin: Perempuan"], "pdf")
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    assert "Jenis kelamin: Perempuan" in text and OPD_NAME in text
    assert _leaks(text + pdf.decode("latin-1"), names, nips) == []
