"""A plain-text workbook read straight into columns by fastexcel (the reading child's side).

python-calamine gives a Python object per cell, which the child then joins into text and the
server splits again into columns (:mod:`packed`): at 100k rows × 20 columns that is ~2.7 s in the
child and ~1.3 s in the server. fastexcel parses with the same Rust calamine and hands the sheet
over as Arrow columns, with no Python object per cell: ~1.7 s in all. It does not say which cell
held a number or a date, and it starts a sheet at its first filled cell, not at A1; so it reads
only what :func:`preflight.scan_sheet` found plain (every value text, nothing merged, A1 filled),
where both readers give the same cells. Anything else, and any fastexcel failure, goes the
python-calamine way (:mod:`excel_reader`). The choice and its measurements:
docs/decisions/0040-plain-workbooks-read-as-columns.md.
"""
from __future__ import annotations

from data.importing.errors import Rejected
from data.importing.limits import ReadLimits
from data.importing.packed import HEAD_ROWS, Packed


class NotPlain(Exception):
    """This workbook is for python-calamine after all."""


def workbook_columns(content: bytes, sheets: list[str], limits: ReadLimits,
                     refuse_size) -> list[tuple[str, Packed]]:
    """[(sheet, its cells as one Arrow table)] of the visible ``sheets`` (all of them when none is
    visible), each checked by ``refuse_size(sheet, rows, cols)`` before it is taken. Raises
    :class:`NotPlain` when fastexcel cannot give them as python-calamine would."""
    import fastexcel

    try:
        reader = fastexcel.read_excel(content)
        loaded = []
        for sheet in sheets:
            ws = reader.load_sheet(sheet, header_row=None, dtypes="string", n_rows=limits.rows + 1)
            loaded.append((sheet, ws, str(ws.visible).lower() == "visible"))
        chosen = [item for item in loaded if item[2]] or loaded
        out = []
        for sheet, ws, _ in chosen:
            refuse_size(sheet, ws.total_height, ws.width)
            out.append((sheet, _packed(ws.to_arrow())))
        return out
    except (Rejected, KeyboardInterrupt, SystemExit, MemoryError):
        raise
    except BaseException as exc:   # fastexcel's own errors, a Rust panic: the other reader decides
        raise NotPlain(str(exc)) from None


def warm() -> None:
    """Import fastexcel and pyarrow (a waiting child does, ~0.2 s). The child makes no array from
    Python objects (pyarrow would import pandas for it, ~0.35 s) and uses no pyarrow.compute (its
    kernels are set up on first use): the server, which has both, fills the empty cells and measures
    the long ones (:mod:`packed`)."""
    import fastexcel  # noqa: F401
    import pyarrow.ipc  # noqa: F401


def _packed(batch) -> Packed:
    """The sheet as :class:`Packed`: the record batch as an Arrow IPC stream (an empty cell null),
    its first rows as cells ("" where empty, as python-calamine gives them)."""
    import pyarrow as pa

    height, width = batch.num_rows, batch.num_columns
    head = [["" if (v := batch.column(c)[r].as_py()) is None else v for c in range(width)]
            for r in range(min(HEAD_ROWS, height))]
    sink = pa.BufferOutputStream()
    with pa.ipc.new_stream(sink, batch.schema) as writer:
        writer.write_batch(batch)
    return Packed(head=head, height=height, width=width, columns=[], arrow=sink.getvalue().to_pybytes())
