"""The worksheets of an .xlsx / .xls file, read by python-calamine, merged cells filled."""
from __future__ import annotations

import io

from data.importing.errors import Rejected

MSG_NOT_EXCEL = ("Berkas '{name}' bukan lembar kerja Excel yang dapat dibaca (isinya rusak atau bukan "
                 "berkas {ext}). Buka berkas itu di Excel, simpan ulang sebagai .xlsx atau .csv, lalu "
                 "impor kembali.")
MSG_PASSWORD = ("Berkas '{name}' dilindungi kata sandi. Buka di Excel, hapus kata sandinya, simpan, lalu "
                "impor kembali.")


def excel_grids(content: bytes, name: str, ext: str):
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
