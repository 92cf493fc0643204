"""Footer rows ("Jumlah", "Total", "Grand Total" …) under the data of an export: recognised and
skipped with a warning, never reported as a row with an invalid NIP.

A row is a footer when its NIP cell is empty or not a NIP (not 18 digits) and a footer word
begins its first non-empty cell, its NIP cell or its name cell (case ignored; "JUMLAH :",
"Jumlah Pegawai" and "Total" count, "Totalitas" does not).
"""
from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from data.importing.normalise.arrow_text import arrow_text
from data.importing.normalise.cells import text
from data.importing.normalise.columns import blank_mask, map_unique

# The words that begin a total or subtotal line in SIASN, SIMATA and BKPSDM spreadsheets. Add a
# word here (lower case) and every kind of import skips such rows; nothing else needs to change.
FOOTER_WORDS = ("jumlah", "jumlah total", "jumlah seluruhnya", "jumlah keseluruhan", "total", "grand total",
                "total keseluruhan", "sub total", "subtotal")
_FOOTER = re.compile(r"^[\W_]*(" + "|".join(re.escape(w).replace(r"\ ", r"\s+")
                                             for w in sorted(FOOTER_WORDS, key=len, reverse=True))
                     + r")(?![a-z0-9])")
MSG_FOOTER = "Baris jumlah/total ('{word}') dilewati: baris ini bukan data dan tidak diimpor."
# the fields whose cell may carry the footer word besides the row's first non-empty cell
NAME_FIELDS = ("nama", "jabatan")


def footer_word(value: object) -> str | None:
    """The footer word that begins a cell ('Jumlah' of 'JUMLAH PEGAWAI:'), as written; else None."""
    if not isinstance(value, str):
        return None
    s = text(value)
    m = _FOOTER.match(s.lower())
    return s[m.start(1):m.end(1)] if m else None


def _not_a_nip(raw: pd.Series) -> np.ndarray:
    """True where a NIP cell is empty or is not 18 digits (a leading apostrophe and spaces
    aside), by pyarrow: one pass over a national NIP column. A cell that merely looks odd (a NIP
    typed with spaces, an Excel number) only becomes a row to look at, not a footer."""
    arr = arrow_text(raw)
    if arr is None:
        values = raw.to_numpy(dtype=object)
        try:    # text cells (an xlsx NIP column typed as text): straight into pyarrow
            arr = pa.array(values, type=pa.string(), from_pandas=True)
        except (TypeError, ValueError, pa.ArrowException):   # numbers or dates among them
            return map_unique(raw, lambda v: sum(ch.isdigit() for ch in text(v)) != 18).to_numpy(dtype=bool)
    trimmed = pc.utf8_trim(arr, characters=" '\t")
    nip = pc.and_(pc.equal(pc.binary_length(trimmed), 18), pc.ascii_is_decimal(trimmed))
    return ~pc.fill_null(nip, False).to_numpy(zero_copy_only=False)


def find_footers(rows: pd.DataFrame, headers: list[str], raw: dict[str, pd.Series],
                 field_headers: dict[str, str], index: pd.Index) -> tuple[pd.Series, pd.Series]:
    """Footer rows among ``index`` (source row numbers of ``rows``): (message per footer row,
    the header of the column holding the word) on the footer rows' index.

    ``raw`` holds the mapped columns by field (on ``index``); ``field_headers`` their headers.
    Only rows whose NIP cell is not a NIP are looked at, so a national file costs one pass over
    its NIP column."""
    empty = pd.Series([], index=index[:0], dtype=object)
    if len(index) == 0:
        return empty, empty
    candidate = _not_a_nip(raw["nip"]) if "nip" in raw else np.ones(len(index), dtype=bool)
    if not candidate.any():
        return empty, empty
    cand = index[candidate]
    word = np.full(len(cand), None, dtype=object)
    column = np.full(len(cand), None, dtype=object)

    def take(values: pd.Series, header_of, undecided: np.ndarray) -> np.ndarray:
        """Fill word/column where undecided and the cell holds a footer word; the rows decided."""
        found = map_unique(values, footer_word).to_numpy(dtype=object)
        hit = undecided & pd.notna(found)
        word[hit] = found[hit]
        column[hit] = header_of
        return hit

    # the row's first non-empty cell, column by column over the candidate rows only
    sub = rows.loc[cand]
    undecided = np.ones(len(cand), dtype=bool)
    for pos in sub.columns:
        col = sub[pos]
        filled = ~blank_mask(col)
        first = undecided & filled
        if first.any():
            take(col, headers[pos] if pos < len(headers) else "", first)
        undecided &= ~filled
        if not undecided.any():
            break
    for name in ("nip", *NAME_FIELDS):
        if name in raw:
            take(raw[name][candidate], field_headers[name], pd.isna(word))
    hit = pd.notna(word)
    rows_hit = cand[hit]
    messages = pd.Series([MSG_FOOTER.format(word=w) for w in word[hit]], index=rows_hit, dtype=object)
    return messages, pd.Series(column[hit], index=rows_hit, dtype=object)
