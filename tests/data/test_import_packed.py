"""A worksheet sent back from the reading child (as one text row by row, or as columns) reads as the
grid it came from."""
from __future__ import annotations

import datetime
import pickle

import pandas as pd
import pytest

from data.importing.packed import CELLS, TEXT, body_frame, pack

GRID = [
    ["Daftar pegawai", "", ""],
    ["NIP", "Nama", "Tanggal"],
    ["199001012015031001", "Ani", datetime.datetime(2020, 1, 2)],
    ["", "", None],                                   # an empty row: left out
    ["199001012015031002", "Bé Ünïcødé ✓", ""],
    ["199001012015031003", "  spaced  ", 42.0],
    ["199001012015031004", "Budi", "Ya"],
]
LAYOUTS = [True, False]


def test_a_sheet_of_text_goes_as_one_text_and_a_sheet_of_numbers_as_columns():
    text = pack([["NIP", "Nama"]] + [["1", "a"]] * 200)
    assert text.text is not None and text.columns == [] and text.apart == {}
    numbers = pack([["NIP", "Nilai"]] + [["1", 2.0]] * 200)
    assert numbers.text is None and [c[0] for c in numbers.columns] == [TEXT, CELLS]
    odd = pack([["a", "b"], ["x\x1fy", "c"]])       # a cell holding the separator itself
    assert odd.text is None and odd.head == [["a", "b"], ["x\x1fy", "c"]]


@pytest.mark.parametrize("by_rows", LAYOUTS)
def test_the_body_holds_every_filled_row_on_its_source_row_number_with_the_same_values(by_rows):
    packed = pickle.loads(pickle.dumps(pack(GRID, by_rows=by_rows)))
    assert (packed.height, packed.width, packed.head) == (7, 3, GRID)
    frame = body_frame(packed, 2)
    assert frame.index.tolist() == [3, 5, 6, 7]
    assert frame[0].tolist() == [f"19900101201503100{i}" for i in (1, 2, 3, 4)]
    assert frame[1].tolist() == ["Ani", "Bé Ünïcødé ✓", "  spaced  ", "Budi"]
    assert frame[2].tolist() == [datetime.datetime(2020, 1, 2), "", 42.0, "Ya"]
    assert frame[2].dtype == object and frame[0].dtype != object     # text as the csv reader gives it


@pytest.mark.parametrize("by_rows", LAYOUTS)
def test_short_rows_are_padded_as_pandas_would(by_rows):
    frame = body_frame(pack([["NIP", "Nama"], ["199001012015031001"], ["199001012015031002", "Budi"]],
                            by_rows=by_rows), 1)
    assert frame.index.tolist() == [2, 3]
    assert frame[1].tolist()[0] is None and frame[1].tolist()[1] == "Budi"


@pytest.mark.parametrize("by_rows", LAYOUTS)
def test_a_repeated_text_column_becomes_a_categorical(by_rows):
    frame = body_frame(pack([["Opd"]] + [["Dinas Kesehatan"]] * 10 + [["Dinas Pendidikan"]] * 10,
                            by_rows=by_rows), 1)
    assert isinstance(frame[0].dtype, pd.CategoricalDtype)
    assert frame[0].tolist() == ["Dinas Kesehatan"] * 10 + ["Dinas Pendidikan"] * 10


@pytest.mark.parametrize("by_rows", LAYOUTS)
def test_the_first_long_cell_row_by_row_is_named(by_rows):
    grid = [["a", "b", 1.0], ["c", "x" * 9, "y" * 12], ["z" * 20, "d", 2.0]]
    assert pack(grid, 8, by_rows).long_cell == (1, 1, 9)
    assert pack(grid, 10, by_rows).long_cell == (1, 2, 12)
    assert pack(grid, 20, by_rows).long_cell is None
    assert pack([["é" * 5]], 5, by_rows).long_cell is None          # characters, not bytes
