"""Formula-safe cells for everything that leaves the system (xlsx, csv).

A cell that begins with ``=``, ``+``, ``-`` or ``@`` (or a tab/carriage return) is run as a
formula by Excel and LibreOffice. Every text cell we export passes through :func:`safe_cell`,
which prefixes such text with an apostrophe so it shows as typed. The styled workbooks are
written in ``reports/`` (``reports.xlsx``, ``reports.workbook``).
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
