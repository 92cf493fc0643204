"""Read an uploaded file into a table of raw cells, wherever its header row is.

* ``.xlsx`` / ``.xls`` through python-calamine (every visible worksheet is looked at; the one
  whose header row matches most known headers wins). Merged cells are filled with their
  top-left value, so a vertically merged header or an OPD merged over its rows reads as if
  every cell held it.
* ``.csv`` separated by comma, semicolon, tab or ``|``, in UTF-8 (with or without BOM) or
  Windows-1252.
* The header row is found among the first rows even below a title block; a two-row header
  (group titles above column titles) is combined.

The content decides the format, not the extension: a renamed non-spreadsheet is refused with
an Indonesian message, never a stack trace. The formats are read by :mod:`excel_reader` and
:mod:`csv_reader`, the header row found by :mod:`header`.
"""
from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path, PurePath

import pandas as pd

from data.importing.csv_reader import read_csv, text_frame
from data.importing.errors import Rejected
from data.importing.excel_reader import MSG_NOT_EXCEL, check_text
from data.importing.fields import all_header_keys, header_key
from data.importing.header import MSG_NO_HEADER, SCAN_ROWS, find_header, header_texts
from data.importing.limits import DEFAULT, MB, ReadLimits, mb
from data.importing.limits import n as num
from data.importing.packed import body_frame
from data.importing.preflight import check_workbook
from data.importing.sandbox import read_in_child

EXCEL_EXT = (".xlsx", ".xlsm", ".xls")
CSV_EXT = (".csv", ".txt")
_ZIP, _OLE = b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

MSG_EMPTY_FILE = "Berkas '{name}' kosong."
MSG_UNREADABLE = "Berkas '{name}' tidak dapat dibaca: {why}."
MSG_EXT = "Jenis berkas '{ext}' tidak didukung: gunakan .xlsx, .xls atau .csv."
MSG_NO_SHEET = "Berkas '{name}' tidak berisi lembar kerja yang terisi."
MSG_FORMULA = ("Sel {ref} pada lembar '{sheet}' berkas '{name}' berisi rumus tanpa nilai tersimpan: buka berkas "
               "di Excel, simpan ulang, lalu unggah lagi.")
MSG_CSV_SIZE = "Berkas '{name}' ditolak: berukuran {size}, di atas batas {limit} untuk berkas CSV."
MSG_ROWS = "Berkas '{name}' ditolak: berisi {rows} baris data, di atas batas {limit} baris."
MSG_COLUMNS = "Berkas '{name}' ditolak: berisi {cols} kolom, di atas batas {limit} kolom."


@dataclass
class RawTable:
    """Cells under the header row, as read (strings, floats, dates, booleans)."""

    file_name: str
    file_hash: str                  # sha256 of the file's bytes
    fmt: str                        # 'xlsx', 'xls' or 'csv'
    sheet: str | None
    header_rows: tuple[int, ...]    # 1-based source row numbers of the header
    headers: list[str]              # one per column; 'Kolom C' when the header cell is empty
    rows: pd.DataFrame              # columns 0..n-1 (text: categorical or pyarrow-backed; other cells:
                                    # objects); index = 1-based source row number
    detail: str = ""                # e.g. 'pemisah ";", Windows-1252'
    header_keys: list[str] = field(default_factory=list)

    @property
    def n_rows(self) -> int:
        return len(self.rows)


def file_hash(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def parsed_in_child(content: bytes | os.PathLike) -> bool:
    """Whether ``content`` (bytes or a path) is a workbook, which :func:`read_file` parses in a child
    process; a csv is parsed in this one."""
    if isinstance(content, os.PathLike):
        try:
            with open(content, "rb") as fh:
                content = fh.read(len(_OLE))
        except OSError:
            return False
    return content.startswith(_ZIP) or content.startswith(_OLE)


def read_file(content: bytes | os.PathLike, file_name: str, known_keys: frozenset[str] | None = None,
              limits: ReadLimits = DEFAULT) -> RawTable:
    """Read ``content`` (the bytes of ``file_name``, or the path of a file to read them from) into
    a :class:`RawTable`. Given a path, the bytes are let go as soon as they are parsed: a national
    csv then does not stay in memory (1.1 GB at 4.7M rows) next to its table.

    Raises :class:`Rejected` with an Indonesian message for anything unreadable, or above
    ``limits`` (checked before parsing where the file declares its sizes; a workbook is parsed in
    a child process with a memory limit, see :mod:`sandbox`).
    """
    name = PurePath(file_name or "berkas").name
    ext = PurePath(name).suffix.lower()
    known = known_keys or all_header_keys()
    if isinstance(content, os.PathLike):
        try:
            content = Path(content).read_bytes()
        except OSError as exc:
            raise Rejected(MSG_UNREADABLE.format(name=name, why=exc.strerror or exc)) from None
    if not content:
        raise Rejected(MSG_EMPTY_FILE.format(name=name))
    if ext not in EXCEL_EXT + CSV_EXT:
        raise Rejected(MSG_EXT.format(ext=ext or name))
    digest = file_hash(content)
    is_excel = content.startswith(_ZIP) or content.startswith(_OLE)
    if ext not in EXCEL_EXT and not is_excel:
        if len(content) > limits.csv_mb * MB:
            raise Rejected(MSG_CSV_SIZE.format(name=name, size=mb(len(content)), limit=mb(limits.csv_mb * MB)))
        got = read_csv(content, name, known, limits)
        del content                                 # the last reference when read from a path
        headers = header_texts(got["grid"], got["header_rows"], got["width"])
        return RawTable(file_name=name, file_hash=digest, fmt="csv", sheet=None,
                        header_rows=tuple(r + 1 for r in got["header_rows"]), headers=headers,
                        rows=text_frame([got.pop("body")], got["numbers"], got["width"], got["keep"],
                                        decide=got["decide"]),
                        detail=got["detail"], header_keys=[header_key(h) for h in headers])
    if not is_excel:
        raise Rejected(MSG_NOT_EXCEL.format(name=name, ext=ext))
    fmt = "xls" if content.startswith(_OLE) else "xlsx"
    if fmt == "xlsx":
        check_workbook(content, name, limits)
    cells = read_in_child(content, name, ext, limits)
    del content
    for sheet, packed, _ in cells:
        check_text(packed, name, sheet, limits.cell_chars)
    formulas = {sheet: refs for sheet, _, refs in cells}
    candidates = [(sheet, packed, "") for sheet, packed, _ in cells]
    del cells
    if not candidates:
        raise Rejected(MSG_NO_SHEET.format(name=name))

    best = None
    for sheet, packed, detail in candidates:
        found = find_header(packed.head, known)
        if found and (best is None or found[0] > best[0]):
            best = (found[0], found[1], sheet, packed, detail)
    if best is None:
        raise Rejected(MSG_NO_HEADER.format(n=SCAN_ROWS, name=name))
    _, header_rows, sheet, packed, detail = best
    del candidates, best
    blank = [ref for row, ref in formulas.get(sheet, []) if row > header_rows[-1] + 1]   # below the header
    if blank:
        raise Rejected(MSG_FORMULA.format(ref=blank[0], sheet=sheet, name=name))
    width = packed.width
    if width > limits.columns:
        raise Rejected(MSG_COLUMNS.format(name=name, cols=num(width), limit=num(limits.columns)))
    headers = header_texts(packed.head, header_rows, width)
    frame = body_frame(packed, header_rows[-1] + 1)
    del packed
    return RawTable(file_name=name, file_hash=digest, fmt=fmt, sheet=sheet,
                    header_rows=tuple(r + 1 for r in header_rows), headers=headers, rows=frame,
                    detail=detail, header_keys=[header_key(h) for h in headers])
