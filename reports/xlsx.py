"""The one styled xlsx writer: every workbook that leaves the system (the page downloads through
:func:`reports.workbook.workbook` and the talent report) is written with these helpers: streaming
(write-only) openpyxl, green bold header, frozen header, autofilter, column widths, Indonesian number
formats where Excel allows, landscape print fitted to the page width with the header repeated on
every page. Headers are the catalog's column labels (``common.i18n.column_label``: "Jenjang jabatan",
never ``jenjang_jabatan``); a missing value is an empty cell, never "nan". Text cells pass through
``data.exports.safe_cell`` (formula-safe). No Streamlit here.
"""
from __future__ import annotations

import io
import re
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import Any

import pandas as pd

from common.fmt import MISSING
from common.i18n import column_label, language
from data.exports import safe_cell, safe_frame

# Number formats. Excel shows the separators of the reader's locale (1.152 / 4,5 on an Indonesian
# system); the [$-421] prefix (LCID 0x0421, Indonesian) gives Indonesian month names everywhere.
DATE_FORMAT = "[$-421]d mmmm yyyy"
DATETIME_FORMAT = "[$-421]d mmmm yyyy hh:mm"
_LCID = {"id": "[$-421]", "en": "[$-409]"}         # month names of the file's language (0x0409: English)
INTEGER_FORMAT = "#,##0"
DECIMAL_FORMAT = "#,##0.0#"
HEADER_FILL = "0B6E4F"
INK = "1B1B1B"
DOC_CREATOR = "Talenta"            # document properties never name a person
SHEET_NAME_MAX = 31
YEAR_COLUMN = re.compile(r"(?<![a-z])(periode|tahun|period|year)(?![a-z])", re.I)   # 2025, not 2.025
YEAR_FORMAT = "0"
_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


def new_workbook(title: str = ""):
    """A streaming (write-only) workbook with neutral document properties. In write-only mode a
    sheet's column widths, frozen panes and page properties must be set before its first row."""
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    wb.properties.creator = DOC_CREATOR
    wb.properties.lastModifiedBy = DOC_CREATOR
    wb.properties.title = str(title)[:200]
    return wb


def save(wb) -> bytes:
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def sheet_name(text: str, taken: set[str] | None = None) -> str:
    """A valid, unique sheet name: no ``[]:*?/\\``, at most 31 characters (cut at a word with "…"),
    unique ignoring case within ``taken`` (which is updated)."""
    name = _SHEET_FORBIDDEN.sub("-", str(text)).strip().strip("'") or "Lembar"
    if len(name) > SHEET_NAME_MAX:
        cut = name[:SHEET_NAME_MAX - 1]
        if " " in cut[SHEET_NAME_MAX // 2:]:
            cut = cut[:cut.rindex(" ")]
        name = cut.rstrip(" ,;–-") + "…"
    if taken is not None:
        base, n = name, 2
        while name.lower() in taken:
            suffix = f" ({n})"
            name = base[:SHEET_NAME_MAX - len(suffix)] + suffix
            n += 1
        taken.add(name.lower())
    return name


def styled(ws, value: Any, *, font=None, fill=None, number_format: str | None = None, alignment=None):
    """One write-only cell with a style (for rows passed to ``ws.append``)."""
    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(ws, value=value)
    if font is not None:
        cell.font = font
    if fill is not None:
        cell.fill = fill
    if number_format is not None:
        cell.number_format = number_format
    if alignment is not None:
        cell.alignment = alignment
    return cell


def header_style():
    """(font, fill) of a table header row."""
    from openpyxl.styles import Font, PatternFill

    return Font(bold=True, color="FFFFFF"), PatternFill("solid", fgColor=HEADER_FILL)


def text_value(value: Any) -> Any:
    """A context value as a person reads it: nothing (None, NaN, "nan", "None") → "–"."""
    if value is None or value is pd.NaT or value is pd.NA or (isinstance(value, float) and value != value):
        return MISSING
    if isinstance(value, str) and value.strip() in ("nan", "NaN", "None", "NaT", "<NA>"):
        return MISSING
    return value


def localised(number_format: str | None, lang: str) -> str | None:
    """A date format with the month names of ``lang`` (Indonesian by default)."""
    if number_format is None or not number_format.startswith(_LCID["id"]):
        return number_format
    return _LCID.get(lang, _LCID["id"]) + number_format[len(_LCID["id"]):]


def column_format(series: pd.Series) -> str | None:
    """The number format of a column: integers ``#,##0`` (years, by column name, plain), decimals
    with 1–2 places, dates and date-times with Indonesian month names; None for text."""
    s = series.dropna()
    if pd.api.types.is_bool_dtype(series):
        return None
    if pd.api.types.is_integer_dtype(series):
        return YEAR_FORMAT if YEAR_COLUMN.search(str(series.name)) else INTEGER_FORMAT
    if pd.api.types.is_float_dtype(series):
        return INTEGER_FORMAT if len(s) and bool((s == s.round()).all()) and s.abs().max() < 1e15 else DECIMAL_FORMAT
    if pd.api.types.is_datetime64_any_dtype(series):
        ts = pd.to_datetime(s)
        return DATETIME_FORMAT if len(ts) and bool((ts != ts.dt.normalize()).any()) else DATE_FORMAT
    if len(s):
        first = s.iloc[0]
        if isinstance(first, datetime):
            return DATETIME_FORMAT if any(getattr(v, "hour", 0) or getattr(v, "minute", 0) for v in s) else DATE_FORMAT
        if isinstance(first, date):
            return DATE_FORMAT
    return None


def write_table(wb, name: str, frame: pd.DataFrame, *, title_lines: Sequence[str] = (),
                empty_note: str | None = None, yes_no: tuple[str, str] = ("Ya", "Tidak"),
                max_width: int = 60, lang: str | None = None):
    """A sheet holding ``frame`` as a table: optional title lines (the first bold and large) and a
    blank row above it, a green bold header of column labels in ``lang`` (frozen, repeated on printed
    pages, with an autofilter), formula-safe text, booleans as ``yes_no``, number/date formats per
    column (:func:`column_format`), widths from the content, landscape A4 fitted to the page width.
    Returns the sheet."""
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.properties import PageSetupProperties

    ws = wb.create_sheet(name)
    frame = safe_frame(frame)
    header_row = len(title_lines) + 2 if title_lines else 1
    lang = lang or language()
    formats = [localised(column_format(frame[c]), lang) for c in frame.columns]
    bools = [pd.api.types.is_bool_dtype(frame[c]) for c in frame.columns]
    headers = [column_label(c, lang) for c in frame.columns]
    for i, col in enumerate(frame.columns, start=1):
        ws.column_dimensions[get_column_letter(i)].width = _width(headers[i - 1], frame[col], formats[i - 1],
                                                                  max_width)
    if len(frame.columns):
        ws.freeze_panes = f"A{header_row + 1}"
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = 9                 # A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.print_title_rows = f"{header_row}:{header_row}"

    for i, line in enumerate(title_lines):
        font = Font(bold=True, size=14, color=INK) if i == 0 else Font(color=INK)
        ws.append([styled(ws, safe_cell(line), font=font)])
    if title_lines:
        ws.append([])
    font, fill = header_style()
    ws.append([styled(ws, safe_cell(h), font=font, fill=fill) for h in headers])
    yes, no = yes_no
    for row in _rows(frame, formats, bools):
        out = []
        for value, number_format in zip(row, formats):
            if isinstance(value, bool):
                value = yes if value else no
            out.append(styled(ws, value, number_format=number_format)
                       if number_format is not None and value is not None else value)
        ws.append(out)
    if frame.empty and empty_note:
        ws.append([empty_note])
    if len(frame.columns):
        last_row = header_row + max(len(frame), 1)
        ws.auto_filter.ref = f"A{header_row}:{get_column_letter(len(frame.columns))}{last_row}"
    return ws


def _rows(frame: pd.DataFrame, formats: list[str | None], bools: list[bool]) -> Iterable[tuple]:
    columns = []
    for col, number_format, is_bool in zip(frame.columns, formats, bools):
        s = frame[col]
        if _is_date(number_format) and pd.api.types.is_datetime64_any_dtype(s):
            if getattr(s.dt, "tz", None) is not None:
                s = s.dt.tz_localize(None)     # Excel has no time zones: keep the wall-clock time
            values = [None if pd.isna(v) else v.to_pydatetime() for v in s]
        elif is_bool:
            values = [None if pd.isna(v) else bool(v) for v in s]
        else:
            values = [_excel_value(v) for v in s.tolist()]
        columns.append(values)
    return zip(*columns)


def _width(header: Any, series: pd.Series, number_format: str | None, max_width: int) -> float:
    if _is_date(number_format):
        content = 18 if "hh" not in str(number_format) else 24
    else:
        sample = series.head(200).dropna()
        content = max((len(str(v)) for v in sample), default=0)
        if number_format is not None:
            content += content // 3             # thousands separators
    return float(min(max(len(str(header)) + 2, content + 2, 8), max_width))


def _is_date(number_format: str | None) -> bool:
    return bool(number_format) and "mmmm" in str(number_format)


def _excel_value(v: Any) -> Any:
    """A value openpyxl accepts: missing → empty cell, pandas/numpy scalars → Python ones."""
    if v is None or v is pd.NaT or v is pd.NA or (isinstance(v, float) and v != v):
        return None
    if isinstance(v, pd.Timestamp):
        return v.tz_localize(None).to_pydatetime() if v.tzinfo is not None else v.to_pydatetime()
    if hasattr(v, "item") and not isinstance(v, (str, bytes)):
        return v.item()
    return v
