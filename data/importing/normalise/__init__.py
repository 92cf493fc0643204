"""Normalisers: raw cells → the values the schema stores, with an Indonesian message per bad cell.

Every normaliser takes a pandas Series of raw cells (strings, floats, dates, booleans, as
read) and returns ``(values, messages)``: two Series on the same index; ``messages`` holds a
message where the cell is unusable and NA elsewhere. Empty cells give ``None`` and no message
(whether a value is required is decided by the caller).

Speed: most columns have few distinct values, so the work is done once per distinct value
(``pd.factorize``, a categorical's own codes) and mapped back; 100k rows take milliseconds per
column. Columns of many distinct texts (the csv reader gives those as pyarrow-backed strings)
are done by pyarrow where Python's rules are simple (plain ASCII), the rest once per distinct
value. Memory: inside :func:`compact_values` (validation uses it) text results come back as
categoricals, a code of one or two bytes a row, so a national file (4.7M rows) fits.
"""
from __future__ import annotations

from data.importing.normalise.cells import text

__all__ = ["text"]
