"""A worksheet sent back from the reading child as columns reads as the grid it came from."""
from __future__ import annotations

import datetime
import pickle

import pandas as pd

from data.importing.packed import CELLS, TEXT, body_frame, long_text, pack

GRID = [
    ["Daftar pegawai", "", ""],
    ["NIP", "Nama", "Tanggal"],
    ["199001012015031001", "Ani", datetime.datetime(2020, 1, 2)],
    ["", "", None],                                   # an empty row: left out
    ["199001012015031002", "Bé Ünïcødé ✓", ""],
    ["199001012015031003", "  spaced  ", 42.0],
]


def test_text_columns_travel_as_bytes_and_the_others_as_cells():
    packed = pickle.loads(pickle.dumps(pack(GRID)))
    assert [c[0] for c in packed.columns] == [TEXT, TEXT, CELLS]
    assert (packed.height, packed.width, packed.head) == (6, 3, GRID)


def test_the_body_holds_every_filled_row_on_its_source_row_number_with_the_same_values():
    frame = body_frame(pack(GRID), 2)
    assert frame.index.tolist() == [3, 5, 6]
    assert frame[0].tolist() == ["199001012015031001", "199001012015031002", "199001012015031003"]
    assert frame[1].tolist() == ["Ani", "Bé Ünïcødé ✓", "  spaced  "]
    assert frame[2].tolist() == [datetime.datetime(2020, 1, 2), "", 42.0]
    assert frame[2].dtype == object and frame[0].dtype != object     # text as the csv reader gives it


def test_short_rows_are_padded_as_pandas_would():
    frame = body_frame(pack([["NIP", "Nama"], ["199001012015031001"], ["199001012015031002", "Budi"]]), 1)
    assert frame.index.tolist() == [2, 3]
    assert frame[1].tolist()[0] is None and frame[1].tolist()[1] == "Budi"


def test_a_repeated_text_column_becomes_a_categorical():
    frame = body_frame(pack([["Opd"]] + [["Dinas Kesehatan"]] * 10 + [["Dinas Pendidikan"]] * 10), 1)
    assert isinstance(frame[0].dtype, pd.CategoricalDtype)
    assert frame[0].tolist() == ["Dinas Kesehatan"] * 10 + ["Dinas Pendidikan"] * 10


def test_the_first_long_cell_row_by_row_is_named():
    grid = [["a", "b", 1.0], ["c", "x" * 9, "y" * 12], ["z" * 20, "d", 2.0]]
    assert long_text(pack(grid).columns, 8) == (1, 1, 9)
    assert long_text(pack(grid).columns, 10) == (1, 2, 12)
    assert long_text(pack(grid).columns, 20) is None
    assert long_text(pack([["é" * 5]]).columns, 5) is None          # characters, not bytes
