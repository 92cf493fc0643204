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
SEP = "\x1f"                     # the unit separator between cells of the text layout


@dataclass
class Packed:
    """A sheet: its first rows as cells (to find the header), its size, and every column whole."""

    head: list[list]            # the first HEAD_ROWS rows, as read
    height: int                 # rows
    width: int                  # the longest row's length
    columns: list[tuple]        # (TEXT, offsets bytes, UTF-8 bytes, longest cell) or (CELLS, cells)
    text: bytes | None = None   # or: every cell, row by row, joined by SEP (UTF-8) ...
    apart: dict | None = None   # ... but the rows holding a cell that is not text: row → its cells
    long_cell: tuple | None = None   # (row, column, characters) of the first cell above the limit
    arrow: bytes | None = None   # or: the columns as one Arrow IPC stream of text (:mod:`excel_columns`) ...
    arrow_decoded: list | None = None   # ... once decoded in the server (:func:`arrow_columns`)

    @property
    def columnar(self) -> bool:
        """Sent by the columnar reader (as Arrow, decoded or not)."""
        return self.arrow is not None or self.arrow_decoded is not None


def _cells(col: tuple, start: int, stop: int) -> list:
    if col[0] == CELLS:
        return col[1][start:stop]
    offsets = array("q")
    offsets.frombytes(col[1])
    data = col[2]
    return [data[offsets[i]:offsets[i + 1]].decode("utf-8") for i in range(start, stop)]


def pack(grid: list[list], limit: int | None = None, by_rows: bool = True) -> Packed:
    """The grid for the way back (the child's side), with its first cell longer than ``limit``
    characters. A sheet of text (all but a few rows) goes as one text, row by row, joined by SEP: a
    join a row reads cells where they lie in memory (0.04 s for 100k rows × 20 columns, where a
    column at a time took 1.4 s); a sheet with numbers or dates in most rows (or ``by_rows`` False)
    goes as columns."""
    height = len(grid)
    width = max((len(r) for r in grid), default=0)
    if any(len(r) != width for r in grid):                  # pad as pandas would: None
        grid = [list(r) + [None] * (width - len(r)) for r in grid]
    head = [list(r) for r in grid[:HEAD_ROWS]]
    if width and by_rows:
        rows, apart = [], {}
        gap = SEP * (width - 1)
        for r, row in enumerate(grid):
            try:
                rows.append(SEP.join(row))                # TypeError unless every cell is text
            except TypeError:
                apart[r] = list(row)
                rows.append(gap)
        if len(apart) <= max(HEAD_ROWS, height // 100):
            text = SEP.join(rows)
            if text.count(SEP) == height * width - 1:       # no cell holds SEP itself
                long_cell = None if limit is None else _long_row(grid, rows, apart, limit)
                return Packed(head=head, height=height, width=width, columns=[], text=text.encode("utf-8"),
                              apart=apart, long_cell=long_cell)
        del rows, apart
    columns = [_pack_column(col) for col in zip(*grid)] if height else []
    return Packed(head=head, height=height, width=width, columns=columns,
                  long_cell=None if limit is None else long_text(columns, limit))


def _long_row(grid: list[list], rows: list[str], apart: dict, limit: int) -> tuple | None:
    """The first cell (row by row) above ``limit`` characters: a cell is no longer than its row's text."""
    for r, row in enumerate(grid):
        if r in apart or len(rows[r]) > limit:
            for c, v in enumerate(row):
                if isinstance(v, str) and len(v) > limit:
                    return (r, c, len(v))
    return None


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
    layout = _arrow_layout if packed.columnar else _text_layout if packed.text is not None else _column_layout
    for part in layout(packed, start):
        if isinstance(part, np.ndarray):
            filled |= ~((part == "") | pd.isna(part))
        else:
            filled |= pc.greater(pc.binary_length(part), 0).to_numpy(zero_copy_only=False)
        parts.append(part)
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


def _arrow_layout(packed: Packed, start: int):
    """Each column from row ``start``, as the columnar reader sent it ("" where empty)."""
    for col in arrow_columns(packed):
        yield col.slice(start)


def arrow_columns(packed: Packed) -> list:
    """The columns of the Arrow layout as text arrays, an empty cell "" (decoded once)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    if packed.arrow is not None:
        batch = pa.ipc.open_stream(packed.arrow).read_all().combine_chunks()
        packed.arrow = None
        packed.arrow_decoded = [pc.fill_null(batch.column(c).combine_chunks(), "").cast(pa.string())
                                for c in range(batch.num_columns)]
    return packed.arrow_decoded or []


def arrow_long_cell(packed: Packed, limit: int) -> tuple[int, int, int] | None:
    """(row, column, characters) of the first cell (row by row) above ``limit`` characters."""
    import pyarrow.compute as pc

    found = None
    for c, col in enumerate(arrow_columns(packed)):
        if not len(col) or pc.max(pc.binary_length(col)).as_py() <= limit:
            continue                 # no cell has more bytes than the limit has characters
        lengths = pc.utf8_length(col)
        over = pc.greater(lengths, limit)
        if pc.any(over).as_py():
            r = pc.index(over, True).as_py()
            if found is None or (r, c) < found[:2]:
                found = (r, c, lengths[r].as_py())
    return found


def _column_layout(packed: Packed, start: int):
    """Each column from row ``start``: pyarrow text, or an object array of cells."""
    import numpy as np
    import pyarrow as pa

    for col in packed.columns:
        if col[0] == TEXT:
            arr = pa.Array.from_buffers(pa.large_string(), packed.height, [None, pa.py_buffer(col[1]),
                                                                             pa.py_buffer(col[2])])
            yield arr.slice(start).cast(pa.string())
        else:
            cells = np.empty(packed.height - start, dtype=object)
            cells[:] = col[1][start:]
            yield cells


def _text_layout(packed: Packed, start: int):
    """The same from the text layout: the cells split by pyarrow, a column taken every ``width``
    cells; a column with a row apart from row ``start`` on is made of its cells (text when they all
    are, else objects)."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    width, height = packed.width, packed.height
    whole = pa.Array.from_buffers(pa.large_string(), 1, [None, pa.py_buffer(np.array([0, len(packed.text)],
                                                                                     dtype=np.int64)),
                                                         pa.py_buffer(packed.text)])
    cells = pc.split_pattern(whole, SEP).flatten()
    apart = sorted(r for r in (packed.apart or {}) if r >= start)
    for c in range(width):
        col = cells.take(pa.array(np.arange(start * width + c, height * width, width)))
        if not apart:
            yield col.cast(pa.string())
            continue
        values = col.to_pylist()
        for r in apart:
            values[r - start] = packed.apart[r][c]
        if all(type(v) is str for v in values):
            yield pa.array(values, pa.string())
        else:
            out = np.empty(len(values), dtype=object)
            out[:] = values
            yield out
