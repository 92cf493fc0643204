"""A plain-text workbook is read as columns by fastexcel and gives what python-calamine gives; any
other workbook is read by python-calamine."""
from __future__ import annotations

import dataclasses
import io

import pytest
from openpyxl import Workbook

from data.importing.errors import Rejected
from data.importing.excel_reader import excel_grids, workbook_cells
from data.importing.limits import DEFAULT
from data.importing.packed import body_frame
from data.importing.reader import read_file

ROWS = [
    ["Daftar Nominatif ASN", None, None, None],
    [None, None, None, None],
    ["NIP", "Nama", "Unit", "Catatan"],
    ["199001012015031001", "Ani", "Dinas Kesehatan", None],
    [None, None, None, None],                                   # an empty row: left out of the body
    ["199001012015031002", "Bé Ünïcødé ✓", "Dinas Pendidikan", "  spasi  "],
    ["199001012015031003", "", "Dinas Kesehatan", None],        # an empty text cell
]


def workbook(rows=ROWS, change=None, hidden: bool = True) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "Pegawai"
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row, start=1):
            if value is not None:
                ws.cell(row=r, column=c, value=value)
    ws.cell(row=1, column=6).value = "kolom kanan"               # the widest row sets the width
    if hidden:
        other = wb.create_sheet("Lama")
        other["A1"] = "NIP"
        other.sheet_state = "hidden"
    if change:
        change(ws)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def read(content: bytes, limits=DEFAULT):
    return workbook_cells(content, "pegawai.xlsx", ".xlsx", limits)


def test_a_plain_workbook_reads_as_columns_with_the_cells_python_calamine_gives():
    content = workbook()
    fast = read(content)
    slow = excel_grids(content, "pegawai.xlsx", ".xlsx", DEFAULT)
    assert [s for s, _, _ in fast] == [s for s, _ in slow] == ["Pegawai"]    # the hidden sheet left out
    packed, reference = fast[0][1], slow[0][1]
    assert packed.arrow is not None and reference.arrow is None
    assert (packed.height, packed.width, packed.head) == (reference.height, reference.width, reference.head)
    assert packed.head[2] == ["NIP", "Nama", "Unit", "Catatan", "", ""]
    got, want = body_frame(packed, 3), body_frame(reference, 3)
    assert got.index.tolist() == want.index.tolist() == [4, 6, 7]
    for c in range(packed.width):
        assert got[c].tolist() == want[c].tolist()
        assert str(got[c].dtype) == str(want[c].dtype)
    assert got[1].tolist() == ["Ani", "Bé Ünïcødé ✓", ""]


@pytest.mark.parametrize("change, plain", [
    (lambda ws: ws.cell(row=4, column=4, value=42), False),                       # a number
    (lambda ws: ws.merge_cells("A8:B8") or ws.cell(row=8, column=1, value="gabung"), False),
    (lambda ws: ws.delete_rows(1, 2), True),                                      # the header in A1
    (lambda ws: ws.insert_cols(1), False),                                        # A1 empty: starts at B1
], ids=["number", "merged", "header-in-a1", "starts-at-b"])
def test_only_text_from_a1_without_merged_cells_is_read_as_columns(change, plain):
    content = workbook(change=change)
    got = read(content)[0][1]
    assert (got.arrow is not None) == plain
    reference = excel_grids(content, "pegawai.xlsx", ".xlsx", DEFAULT)[0][1]
    assert (got.height, got.width, got.head) == (reference.height, reference.width, reference.head)


def test_a_long_cell_and_a_sheet_too_long_are_refused_as_python_calamine_refuses_them():
    long_cell = lambda ws: ws.cell(row=6, column=3, value="é" * 40)          # noqa: E731
    number_too = lambda ws: long_cell(ws) or ws.cell(row=4, column=4, value=42)  # noqa: E731
    short = dataclasses.replace(DEFAULT, cell_chars=30)
    messages = []
    for change in (long_cell, number_too):           # the columnar reader, then python-calamine
        with pytest.raises(Rejected) as refused:
            read_file(workbook(change=change), "pegawai.xlsx", limits=short)
        messages.append(str(refused.value))
    assert messages[0] == messages[1] and "C6" in messages[0] and "40 karakter" in messages[0]
    read_file(workbook(change=long_cell), "pegawai.xlsx", limits=dataclasses.replace(DEFAULT, cell_chars=40))
    few = dataclasses.replace(DEFAULT, rows=5)
    with pytest.raises(Rejected) as fast_rows:
        read(workbook(), few)
    with pytest.raises(Rejected) as slow_rows:
        excel_grids(workbook(), "pegawai.xlsx", ".xlsx", few)
    assert str(fast_rows.value) == str(slow_rows.value) and "7 baris" in str(fast_rows.value)


def test_a_number_below_the_first_rows_sends_the_sheet_to_python_calamine(monkeypatch):
    """fastexcel starts once the first rows look plain, beside the scan of the rest; a number found
    further down throws its columns away."""
    import data.importing.excel_columns as columns
    import data.importing.preflight as preflight

    monkeypatch.setattr(preflight, "_CHUNK", 512)          # the first rows: a few hundred bytes of XML
    rows = ROWS + [[f"1990010120150310{i:02d}", f"Nama {i}", "Dinas", None] for i in range(10, 60)]
    started = []
    real = columns.workbook_columns
    monkeypatch.setattr(columns, "workbook_columns", lambda *a, **k: started.append(1) or real(*a, **k))
    content = workbook(rows, change=lambda ws: ws.cell(row=50, column=4, value=42))
    got = read(content)[0][1]
    assert started and got.arrow is None                   # read ahead, then python-calamine's cells
    reference = excel_grids(content, "pegawai.xlsx", ".xlsx", DEFAULT)[0][1]
    assert body_frame(got, 3)[3].tolist() == body_frame(reference, 3)[3].tolist()
    started.clear()
    got = read(workbook(rows))[0][1]                       # all text: fastexcel's columns kept
    assert started and got.arrow is not None
    started.clear()
    assert read(workbook(change=lambda ws: ws.cell(row=1, column=4, value=42)))[0][1].arrow is None
    assert not started                                     # a number in the first rows: no read ahead
