"""ui/importing.py: what the mapping editor shows as a column's sample values."""
from __future__ import annotations

import pandas as pd

from data.importing.reader import RawTable
from ui import importing


def _table(rows: pd.DataFrame, headers: list[str]) -> RawTable:
    return RawTable("a.xlsx", "0" * 64, "xlsx", "Data", (1,), headers, rows)


def test_samples_are_the_first_non_empty_values_as_text():
    rows = pd.DataFrame({0: [None, "  ", "Ani", 198601012010011001.0, "Budi", "Citra"], 1: [None] * 6},
                        dtype=object)
    table = _table(rows, ["Nama", "Kosong", "Tanpa sel"])
    assert importing.samples(table, 0).split(" · ")[0] == "Ani"
    assert len(importing.samples(table, 0).split(" · ")) == 3
    assert importing.samples(table, 1) == ""
    assert importing.samples(table, 2) == ""      # a header with no cells under it


def test_samples_read_only_the_first_200_rows():
    rows = pd.DataFrame({0: [None] * 200 + ["late"]}, dtype=object)
    assert importing.samples(_table(rows, ["A"]), 0) == ""
