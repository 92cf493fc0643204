"""Finding the header row (one row, or two combined) among the first rows of a grid."""
from __future__ import annotations

import re

from data.importing.fields import header_key

SCAN_ROWS = 30
MSG_NO_HEADER = ("Baris judul kolom tidak ditemukan pada {n} baris pertama berkas '{name}'. Pastikan ada "
                 "satu baris judul dengan kolom seperti NIP, Nama, Nama Jabatan atau Predikat Kinerja.")


def column_letter(i: int) -> str:
    s = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        s = chr(65 + r) + s
    return s


def _row_keys(row) -> set[str]:
    return {header_key(c) for c in row if isinstance(c, str) and c.strip()}


def _combined(upper, lower) -> list:
    n = max(len(upper), len(lower))
    out = []
    for c in range(n):
        lo = lower[c] if c < len(lower) else ""
        up = upper[c] if c < len(upper) else ""
        out.append(lo if isinstance(lo, str) and lo.strip() else up)
    return out


def find_header(grid: list[list], known: frozenset[str], scan: int = SCAN_ROWS):
    """(score, header row indexes) of the best header among the first ``scan`` rows, or None."""
    scores = [len(_row_keys(row) & known) for row in grid[:scan]]
    if not scores or max(scores) == 0:
        return None
    i = scores.index(max(scores))
    options = [(scores[i], (i,))]
    if i + 1 < len(grid):
        options.append((len(_row_keys(_combined(grid[i], grid[i + 1])) & known), (i, i + 1)))
    if i > 0:
        options.append((len(_row_keys(_combined(grid[i - 1], grid[i])) & known), (i - 1, i)))
    best = max(options, key=lambda o: o[0])       # first (single row) wins a tie
    return best


def header_texts(grid: list[list], header_rows: tuple[int, ...], width: int) -> list[str]:
    if len(header_rows) == 2:
        cells = _combined(grid[header_rows[0]], grid[header_rows[1]])
    else:
        cells = list(grid[header_rows[0]])
    cells += [""] * (width - len(cells))
    out = []
    for c, v in enumerate(cells[:width]):
        text = re.sub(r"\s+", " ", _cell_text(v)).strip()
        out.append(text or f"Kolom {column_letter(c)}")
    return out


def _cell_text(v) -> str:
    if v is None:
        return ""
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v)
