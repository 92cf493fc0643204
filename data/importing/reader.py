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
an Indonesian message, never a stack trace.
"""
from __future__ import annotations

import csv
import hashlib
import io
import re
from dataclasses import dataclass, field
from pathlib import PurePath

import pandas as pd

from data.importing.errors import Rejected
from data.importing.fields import all_header_keys, header_key

SCAN_ROWS = 30
EXCEL_EXT = (".xlsx", ".xlsm", ".xls")
CSV_EXT = (".csv", ".txt")
_ZIP, _OLE = b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

MSG_EMPTY_FILE = "Berkas '{name}' kosong."
MSG_EXT = "Jenis berkas '{ext}' tidak didukung: gunakan .xlsx, .xls atau .csv."
MSG_NOT_EXCEL = ("Berkas '{name}' bukan lembar kerja Excel yang dapat dibaca (isinya rusak atau bukan "
                 "berkas {ext}). Buka berkas itu di Excel, simpan ulang sebagai .xlsx atau .csv, lalu "
                 "impor kembali.")
MSG_PASSWORD = ("Berkas '{name}' dilindungi kata sandi. Buka di Excel, hapus kata sandinya, simpan, lalu "
                "impor kembali.")
MSG_NOT_TEXT = ("Berkas '{name}' bukan berkas CSV berisi teks. Simpan ulang dari Excel sebagai CSV, atau "
                "unggah berkas .xlsx.")
MSG_NO_SHEET = "Berkas '{name}' tidak berisi lembar kerja yang terisi."
MSG_NO_HEADER = ("Baris judul kolom tidak ditemukan pada {n} baris pertama berkas '{name}'. Pastikan ada "
                 "satu baris judul dengan kolom seperti NIP, Nama, Nama Jabatan atau Predikat Kinerja.")


@dataclass
class RawTable:
    """Cells under the header row, as read (strings, floats, dates, booleans)."""

    file_name: str
    file_hash: str                  # sha256 of the file's bytes
    fmt: str                        # 'xlsx', 'xls' or 'csv'
    sheet: str | None
    header_rows: tuple[int, ...]    # 1-based source row numbers of the header
    headers: list[str]              # one per column; 'Kolom C' when the header cell is empty
    rows: pd.DataFrame              # object columns 0..n-1; index = 1-based source row number
    detail: str = ""                # e.g. 'pemisah ";", Windows-1252'
    header_keys: list[str] = field(default_factory=list)

    @property
    def n_rows(self) -> int:
        return len(self.rows)


def file_hash(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def column_letter(i: int) -> str:
    s = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        s = chr(65 + r) + s
    return s


def read_file(content: bytes, file_name: str, known_keys: frozenset[str] | None = None) -> RawTable:
    """Read ``content`` (the bytes of ``file_name``) into a :class:`RawTable`.

    Raises :class:`Rejected` with an Indonesian message for anything unreadable.
    """
    name = PurePath(file_name or "berkas").name
    ext = PurePath(name).suffix.lower()
    known = known_keys or all_header_keys()
    if not content:
        raise Rejected(MSG_EMPTY_FILE.format(name=name))
    if ext not in EXCEL_EXT + CSV_EXT:
        raise Rejected(MSG_EXT.format(ext=ext or name))
    digest = file_hash(content)
    is_excel = content.startswith(_ZIP) or content.startswith(_OLE)
    if ext in EXCEL_EXT or is_excel:
        if not is_excel:
            raise Rejected(MSG_NOT_EXCEL.format(name=name, ext=ext))
        fmt = "xls" if content.startswith(_OLE) else "xlsx"
        candidates = [(sheet, grid, "") for sheet, grid in _excel_grids(content, name, ext)]
    else:
        fmt = "csv"
        grid, detail = _csv_grid(content, name)
        candidates = [(None, grid, detail)]
    if not candidates:
        raise Rejected(MSG_NO_SHEET.format(name=name))

    best = None
    for sheet, grid, detail in candidates:
        found = find_header(grid, known)
        if found and (best is None or found[0] > best[0]):
            best = (found[0], found[1], sheet, grid, detail)
    if best is None:
        raise Rejected(MSG_NO_HEADER.format(n=SCAN_ROWS, name=name))
    _, header_rows, sheet, grid, detail = best
    width = max((len(r) for r in grid), default=0)
    headers = _header_texts(grid, header_rows, width)
    start = header_rows[-1] + 1
    body = grid[start:]
    frame = pd.DataFrame(body, columns=range(width), dtype=object) if body else \
        pd.DataFrame(columns=range(width), dtype=object)
    frame.index = pd.RangeIndex(start + 1, start + 1 + len(frame))
    if len(frame):
        arr = frame.to_numpy(dtype=object)
        filled = ~((arr == "") | pd.isna(arr)).all(axis=1)
        if not filled.all():
            frame = frame[filled]
    return RawTable(file_name=name, file_hash=digest, fmt=fmt, sheet=sheet,
                    header_rows=tuple(r + 1 for r in header_rows), headers=headers, rows=frame,
                    detail=detail, header_keys=[header_key(h) for h in headers])


# -- Excel ---------------------------------------------------------------------------------------

def _excel_grids(content: bytes, name: str, ext: str):
    try:
        from python_calamine import CalamineWorkbook
        wb = CalamineWorkbook.from_filelike(io.BytesIO(content))
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException as exc:  # calamine's own errors, and a Rust panic (a BaseException): "cannot read"
        raise Rejected(_excel_message(exc, name, ext)) from None
    grids = []
    try:
        sheets = [m.name for m in wb.sheets_metadata
                  if "visible" in str(m.visible).lower() and "hidden" not in str(m.visible).lower()
                  and "worksheet" in str(m.typ).lower()] or list(wb.sheet_names)
        for sheet_name in sheets:
            sheet = wb.get_sheet_by_name(sheet_name)
            grid = sheet.to_python(skip_empty_area=False)
            if not grid:
                continue
            _fill_merged(grid, sheet.merged_cell_ranges or [])
            grids.append((sheet_name, grid))
    except (Rejected, KeyboardInterrupt, SystemExit):
        raise
    except BaseException as exc:
        raise Rejected(_excel_message(exc, name, ext)) from None
    finally:
        try:
            wb.close()
        except Exception:
            pass
    return grids


def _excel_message(exc: Exception, name: str, ext: str) -> str:
    text = f"{type(exc).__name__} {exc}".lower()
    if "password" in text or "encrypt" in text:
        return MSG_PASSWORD.format(name=name)
    return MSG_NOT_EXCEL.format(name=name, ext=ext or ".xlsx")


def _fill_merged(grid: list[list], ranges) -> None:
    height = len(grid)
    for (r0, c0), (r1, c1) in ranges:
        if r0 >= height or c0 >= len(grid[r0]):
            continue
        value = grid[r0][c0]
        if value in ("", None):
            continue
        for r in range(r0, min(r1, height - 1) + 1):
            row = grid[r]
            for c in range(c0, min(c1, len(row) - 1) + 1):
                row[c] = value


# -- CSV -----------------------------------------------------------------------------------------

def _decode(content: bytes, name: str) -> tuple[str, str]:
    if b"\x00" in content[:65536]:
        raise Rejected(MSG_NOT_TEXT.format(name=name))
    for enc, label in (("utf-8-sig", "UTF-8"), ("cp1252", "Windows-1252"), ("latin-1", "Latin-1")):
        try:
            text = content.decode(enc)
            break
        except UnicodeDecodeError:
            continue
    sample = text[:65536]
    control = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\r\n")
    if sample and control / len(sample) > 0.01:
        raise Rejected(MSG_NOT_TEXT.format(name=name))
    return text, label


def _csv_grid(content: bytes, name: str) -> tuple[list[list], str]:
    text, encoding = _decode(content, name)
    lines = [ln for ln in text.splitlines()[:60] if ln.strip()]
    best, best_score = ",", -1.0
    for delim in (";", ",", "\t", "|"):
        try:
            counts = [len(r) for r in csv.reader(lines, delimiter=delim)]
        except csv.Error:
            continue
        multi = [c for c in counts if c > 1]
        if not multi:
            continue
        mode = max(set(multi), key=multi.count)
        score = multi.count(mode) * mode
        if score > best_score:
            best, best_score = delim, score
    try:
        grid = [row for row in csv.reader(io.StringIO(text, newline=""), delimiter=best)]
    except csv.Error:
        raise Rejected(MSG_NOT_TEXT.format(name=name)) from None
    width = max((len(r) for r in grid), default=0)
    for row in grid:
        if len(row) < width:
            row.extend([""] * (width - len(row)))
    shown = {"\t": "tab"}.get(best, best)
    return grid, f'pemisah "{shown}", {encoding}'


# -- header row ----------------------------------------------------------------------------------

def _row_keys(row) -> set[str]:
    return {header_key(c) for c in row if isinstance(c, str) and c.strip()}


def _combined(upper, lower) -> list:
    n = max(len(upper), len(lower))
    out = []
    for c in range(n):
        lo = lower[c] if c < len(lower) else ""
        up = upper[c] if c < len(upper) else ""
        out.append(lo if isinstance(lo, str) and lo.strip() else up)
    return out


def find_header(grid: list[list], known: frozenset[str], scan: int = SCAN_ROWS):
    """(score, header row indexes) of the best header among the first ``scan`` rows, or None."""
    scores = [len(_row_keys(row) & known) for row in grid[:scan]]
    if not scores or max(scores) == 0:
        return None
    i = scores.index(max(scores))
    options = [(scores[i], (i,))]
    if i + 1 < len(grid):
        options.append((len(_row_keys(_combined(grid[i], grid[i + 1])) & known), (i, i + 1)))
    if i > 0:
        options.append((len(_row_keys(_combined(grid[i - 1], grid[i])) & known), (i - 1, i)))
    best = max(options, key=lambda o: o[0])       # first (single row) wins a tie
    return best


def _header_texts(grid: list[list], header_rows: tuple[int, ...], width: int) -> list[str]:
    if len(header_rows) == 2:
        cells = _combined(grid[header_rows[0]], grid[header_rows[1]])
    else:
        cells = list(grid[header_rows[0]])
    cells += [""] * (width - len(cells))
    out = []
    for c, v in enumerate(cells[:width]):
        text = re.sub(r"\s+", " ", _cell_text(v)).strip()
        out.append(text or f"Kolom {column_letter(c)}")
    return out


def _cell_text(v) -> str:
    if v is None:
        return ""
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v)
