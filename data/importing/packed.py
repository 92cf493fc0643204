"""A worksheet's cells as columns, for the way back from the reading child (:mod:`sandbox`).

The child holds the grid calamine gives (a Python object per cell). Sent as it is, 100k rows × 20
columns cost ~1.6 s to pickle and as much to unpickle, and then every cell stays a Python object in
an object column that the checks factorise one by one. So the child sends a column whose cells are
all text (nearly every column of an export) as two byte strings, the layout of a pyarrow string
array (end offsets and UTF-8 data), and only the other columns (numbers, dates, mixed) as cells.
The server makes the text columns what the csv reader makes (a categorical when few values
repeat, else a pyarrow-backed text column), so both formats reach the checks in the same form.

:func:`pack` runs in the child and imports nothing beyond the standard library; :func:`body_frame`
runs in the server.
"""
from __future__ import annotations

from array import array
from dataclasses import dataclass
from itertools import accumulate

from data.importing.header import SCAN_ROWS

HEAD_ROWS = SCAN_ROWS + 1       # what find_header looks at (a header row and the one below it)
TEXT, CELLS = "text", "cells"


@dataclass
class Packed:
    """A sheet: its first rows as cells (to find the header), its size, and every column whole."""

    head: list[list]            # the first HEAD_ROWS rows, as read
    height: int                 # rows
    width: int                  # the longest row's length
    columns: list[tuple]        # (TEXT, offsets bytes, UTF-8 bytes, longest cell) or (CELLS, cells)


def _cells(col: tuple, start: int, stop: int) -> list:
    if col[0] == CELLS:
        return col[1][start:stop]
    offsets = array("q")
    offsets.frombytes(col[1])
    data = col[2]
    return [data[offsets[i]:offsets[i + 1]].decode("utf-8") for i in range(start, stop)]


def pack(grid: list[list]) -> Packed:
    """The grid as columns (the child's side)."""
    height = len(grid)
    width = max((len(r) for r in grid), default=0)
    if any(len(r) != width for r in grid):                  # pad as pandas would: None
        grid = [list(r) + [None] * (width - len(r)) for r in grid]
    columns = [_pack_column(col) for col in zip(*grid)] if height else []
    return Packed(head=[list(r) for r in grid[:HEAD_ROWS]], height=height, width=width, columns=columns)


def _pack_column(col: tuple) -> tuple:
    try:
        joined = "".join(col)           # TypeError unless every cell is text
    except TypeError:
        return (CELLS, list(col))
    if joined.isascii():                # a byte a character: the lengths are the offsets' steps
        data = joined.encode("ascii")
        lengths = list(map(len, col))
        return (TEXT, array("q", accumulate(lengths, initial=0)).tobytes(), data, max(lengths, default=0))
    encoded = [s.encode("utf-8") for s in col]
    return (TEXT, array("q", accumulate(map(len, encoded), initial=0)).tobytes(), b"".join(encoded),
            max(map(len, col), default=0))


def long_text(packed_columns: list[tuple], limit: int) -> tuple[int, int, int] | None:
    """(row, column, characters) of the first cell (row by row) holding more than ``limit``
    characters, or None. A text column carries its longest cell's length: only a column holding
    one is looked at cell by cell."""
    best = None
    for c, col in enumerate(packed_columns):
        if col[0] == TEXT:
            if col[3] <= limit:
                continue
            cells = _cells(col, 0, len(col[1]) // 8 - 1)
        else:
            cells = col[1]
        for r, v in enumerate(cells):
            if best is not None and r >= best[0]:
                break
            if isinstance(v, str) and len(v) > limit:
                best = (r, c, len(v))
                break
    return best


def body_frame(packed: Packed, start: int):
    """Rows ``start``.. as a frame of columns 0..width-1 on their 1-based source row numbers,
    rows without a filled cell left out (the server's side)."""
    import numpy as np
    import pandas as pd
    import pyarrow as pa
    import pyarrow.compute as pc

    from data.importing.csv_reader import text_series

    n = max(packed.height - start, 0)
    if n == 0:
        return pd.DataFrame(columns=range(packed.width), dtype=object)
    parts: list = []
    filled = np.zeros(n, dtype=bool)
    for col in packed.columns:
        if col[0] == TEXT:
            arr = pa.Array.from_buffers(pa.large_string(), packed.height, [None, pa.py_buffer(col[1]),
                                                                             pa.py_buffer(col[2])])
            arr = arr.slice(start).cast(pa.string())
            filled |= pc.greater(pc.binary_length(arr), 0).to_numpy(zero_copy_only=False)
            parts.append(arr)
        else:
            cells = np.empty(n, dtype=object)
            cells[:] = col[1][start:]
            filled |= ~((cells == "") | pd.isna(cells))
            parts.append(cells)
    keep = None if filled.all() else filled
    numbers = pd.RangeIndex(start + 1, start + 1 + n) if keep is None else \
        pd.Index(np.flatnonzero(filled) + start + 1)
    kept = len(numbers)
    cols = {}
    for c, part in enumerate(parts):
        if isinstance(part, np.ndarray):
            series = pd.Series(part if keep is None else part[keep], dtype=object)
        else:
            series = text_series(pa.chunked_array([part if keep is None else part.filter(pa.array(keep))]), kept,
                                 decide=True)
        series.index = numbers
        cols[c] = series
        parts[c] = None
    return pd.DataFrame(cols, index=numbers)
