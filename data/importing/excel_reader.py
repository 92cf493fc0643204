"""The worksheets of an .xlsx / .xls file, read by python-calamine, merged cells filled, packed
as columns (:mod:`packed`)."""
from __future__ import annotations

import io

from data.importing.errors import Rejected
from data.importing.limits import DEFAULT, ReadLimits, n
from data.importing.packed import Packed, pack

MSG_NOT_EXCEL = ("Berkas '{name}' bukan lembar kerja Excel yang dapat dibaca (isinya rusak atau bukan "
                 "berkas {ext}). Buka berkas itu di Excel, simpan ulang sebagai .xlsx atau .csv, lalu "
                 "impor kembali.")
MSG_ROWS = "Berkas '{name}' ditolak: lembar '{sheet}' berisi lebih dari {limit} baris."
MSG_SIZE = ("Berkas '{name}' ditolak: lembar '{sheet}' berisi sel sampai {ref} ({rows} baris × {cols} kolom), "
            "di atas batas {limit}; hapus baris dan kolom kosong di luar data, simpan, lalu unggah lagi.")
MSG_CELL_TEXT = ("Berkas '{name}' ditolak: sel {ref} pada lembar '{sheet}' berisi {chars} karakter, di atas "
                 "batas {limit} karakter satu sel Excel.")
MSG_PASSWORD = ("Berkas '{name}' dilindungi kata sandi. Buka di Excel, hapus kata sandinya, simpan, lalu "
                "impor kembali.")


def warm() -> None:
    """Import both readers (a waiting child does this before its file arrives)."""
    import python_calamine  # noqa: F401

    from data.importing.excel_columns import warm as warm_columns
    warm_columns()


def workbook_cells(content: bytes, name: str, ext: str, limits: ReadLimits = DEFAULT):
    """[(sheet, its cells as :class:`packed.Packed` columns, formulas without a stored value as
    (row, ref))] of a workbook: what the reader needs, computed where the parse runs (a child
    process, see :mod:`sandbox`). A plain-text .xlsx is read as columns by fastexcel
    (:mod:`excel_columns`), any other workbook by python-calamine.

    The scan that tells a plain sheet (:func:`preflight.scan_sheet`, a pass over all its XML) runs
    in a thread beside fastexcel, which starts once the sheet's first rows look plain: fastexcel
    parses without the GIL, so the scan costs no time on a second core. A sheet found not plain
    further down throws fastexcel's columns away (decision 0046)."""
    from data.importing.preflight import sheet_parts
    parts: dict[str, str] = {}
    if content.startswith(b"PK"):
        import zipfile
        try:
            with zipfile.ZipFile(io.BytesIO(content)) as zf:
                parts = dict(sheet_parts(zf))
        except Exception:            # a damaged directory: the sheets read, formulas not looked at
            parts = {}
    scans, ahead = _scan_beside(content, parts)
    grids = None
    try:
        if parts and ahead():
            from data.importing.excel_columns import NotPlain, workbook_columns
            try:
                grids = workbook_columns(content, list(parts), limits,
                                         lambda sheet, rows, cols: _refuse_size(rows, cols, name, sheet, limits))
            except NotPlain:
                grids = None
    finally:
        found = scans()
    if grids is not None and not (len(found) == len(parts) and all(s.plain for s in found.values())):
        grids = None
    if grids is None:
        grids = excel_grids(content, name, ext, limits)
    return [(sheet, grid, found[sheet].formulas if sheet in found else []) for sheet, grid in grids]


def _scan_beside(content: bytes, parts: dict[str, str]):
    """Start scanning the sheets in a thread. Returns ``ahead()``, which waits for the first sheet's
    first rows and says whether they are plain, and ``scans()``, which waits for the whole scan and
    gives {sheet: SheetScan} (missing sheets when the scan failed)."""
    import threading

    from data.importing.preflight import scan_sheet
    found: dict = {}
    first = threading.Event()
    plain = [False]

    def told(value: bool) -> None:
        plain[0] = value
        first.set()

    def run() -> None:
        try:
            for i, (sheet, part) in enumerate(parts.items()):
                found[sheet] = scan_sheet(content, part, on_first=told if i == 0 else lambda value: None)
        finally:
            first.set()

    thread = threading.Thread(target=run, name="scan-sheets", daemon=True)
    thread.start()

    def ahead() -> bool:
        first.wait()
        return plain[0]

    def scans() -> dict:
        thread.join()
        return found

    return scans, ahead


def excel_grids(content: bytes, name: str, ext: str, limits: ReadLimits = DEFAULT):
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
            _check_size(sheet, name, sheet_name, limits)     # before any cell becomes a Python object
            grid = sheet.to_python(skip_empty_area=False, nrows=limits.rows + 1)
            if not grid:
                continue
            if len(grid) > limits.rows:
                raise Rejected(MSG_ROWS.format(name=name, sheet=sheet_name, limit=n(limits.rows)))
            _fill_merged(grid, sheet.merged_cell_ranges or [])
            packed = pack(grid, limits.cell_chars)
            del grid
            grids.append((sheet_name, packed))
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


def check_text(packed: Packed, name: str, sheet: str, limit: int) -> None:
    """The first cell (row by row) longer than ``limit`` characters refuses the file (in the server:
    the columnar layout is measured there). A merged range's copies lie right of or below its first
    cell, so filling them first finds the same one."""
    from data.importing.header import column_letter
    from data.importing.packed import arrow_long_cell
    found = packed.long_cell
    if packed.columnar:
        found = arrow_long_cell(packed, limit)
    if found:
        r, c, chars = found
        raise Rejected(MSG_CELL_TEXT.format(name=name, ref=f"{column_letter(c)}{r + 1}", sheet=sheet,
                                            chars=n(chars), limit=n(limit)))


def _check_size(sheet, name: str, sheet_name: str, limits: ReadLimits) -> None:
    """The rectangle calamine holds (from A1 to its last cell), against the limits: the cells the
    sheet really has, whatever its <dimension> said."""
    end = sheet.end
    if end:
        _refuse_size(end[0] + 1, end[1] + 1, name, sheet_name, limits)


def _refuse_size(rows: int, cols: int, name: str, sheet_name: str, limits: ReadLimits) -> None:
    from data.importing.header import column_letter
    if cols > limits.columns:
        limit = f"{n(limits.columns)} kolom"
    elif rows > limits.rows:
        limit = f"{n(limits.rows)} baris"
    elif rows * cols > limits.cells:
        limit = f"{n(limits.cells)} sel"
    else:
        return
    raise Rejected(MSG_SIZE.format(name=name, sheet=sheet_name, ref=f"{column_letter(cols - 1)}{rows}",
                                   rows=n(rows), cols=n(cols), limit=limit))
