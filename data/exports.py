"""Safe values for spreadsheets leaving the system (CSV/Excel formula injection).

A cell that begins with ``=``, ``+``, ``-`` or ``@`` (or a tab/carriage return) is
run as a formula by Excel and LibreOffice. Every text cell we export passes through
:func:`safe_cell`, which prefixes such text with an apostrophe so it shows as typed.
"""
from __future__ import annotations

from typing import Any

import pandas as pd

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def safe_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy whose text cells (and column names) are neutralised."""
    out = frame.copy()
    for col in out.columns:
        if out[col].dtype == object or pd.api.types.is_string_dtype(out[col]):
            out[col] = out[col].map(safe_cell)
    out.columns = [safe_cell(c) for c in out.columns]
    return out


def workbook(sheets: dict[str, pd.DataFrame], title: str, context: list[tuple[str, str]]) -> bytes:
    """A styled xlsx: a 'Ringkasan' sheet (title and context lines, e.g. filters and date), then one
    sheet per frame with a bold header, frozen top row and sensible widths. Text is formula-safe."""
    import io

    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    ws = wb.active
    ws.title = "Ringkasan"
    ws.append([safe_cell(title)])
    ws["A1"].font = Font(bold=True, size=14)
    for k, v in context:
        ws.append([safe_cell(k), safe_cell(v)])
    ws.column_dimensions["A"].width = 28
    ws.column_dimensions["B"].width = 60
    head_fill, head_font = PatternFill("solid", fgColor="0B6E4F"), Font(bold=True, color="FFFFFF")
    for name, frame in sheets.items():
        sh = wb.create_sheet(name[:31])
        frame = safe_frame(frame)
        sh.append([str(c) for c in frame.columns])
        for cell in sh[1]:
            cell.font, cell.fill = head_font, head_fill
        for row in frame.itertuples(index=False, name=None):
            sh.append([_excel_value(v) for v in row])
        sh.freeze_panes = "A2"
        for i, col in enumerate(frame.columns, start=1):
            width = max([len(str(col))] + [len(str(v)) for v in frame[col].head(200)]) + 2
            sh.column_dimensions[get_column_letter(i)].width = min(max(width, 8), 60)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _excel_value(v: Any) -> Any:
    """A value openpyxl accepts: missing → empty cell, pandas/numpy scalars → Python ones."""
    if v is None or v is pd.NaT or v is pd.NA or (isinstance(v, float) and v != v):
        return None
    if isinstance(v, pd.Timestamp):
        return v.to_pydatetime()
    if hasattr(v, "item") and not isinstance(v, (str, bytes)):
        return v.item()
    return v
