"""How much an uploaded file may ask of the machine before it is parsed at all.

The limits are ``setting`` rows (migration 013, each with its reason); :data:`DEFAULT` holds the
same values for a reader that has no store (tests, a file read before a database exists).
"""
from __future__ import annotations

from dataclasses import dataclass, fields, replace

MB = 1 << 20


@dataclass(frozen=True)
class ReadLimits:
    rows: int = 5_000_000            # data rows of a file (the national SIASN export: 4.7M)
    columns: int = 200               # columns of a sheet (a SIASN export has about 70)
    cells: int = 50_000_000          # declared rectangle of one sheet (rows × columns)
    cell_chars: int = 32_767         # characters in one cell: Excel's own limit
    sheets: int = 50                 # worksheets in one workbook
    xlsx_unpacked_mb: int = 2_048    # total uncompressed size of a workbook's parts
    zip_ratio: int = 100             # uncompressed ÷ compressed of one part (above 50 MB)
    csv_mb: int = 3_072              # a csv file (the national export: 1.1 GB)
    upload_mb: int = 50              # a file uploaded on the Impor page (larger: the command line)
    reader_memory_gb: int = 6        # address space of the child process that parses a workbook
    reader_seconds: int = 900        # time the child may take


DEFAULT = ReadLimits()

# setting key → field of ReadLimits
SETTING_KEYS = {
    "impor_baris_maks": "rows",
    "impor_kolom_maks": "columns",
    "impor_sel_maks": "cells",
    "impor_teks_sel_maks": "cell_chars",
    "impor_lembar_maks": "sheets",
    "impor_xlsx_isi_maks_mb": "xlsx_unpacked_mb",
    "impor_rasio_kompresi_maks": "zip_ratio",
    "impor_csv_maks_mb": "csv_mb",
    "impor_unggah_maks_mb": "upload_mb",
    "impor_memori_pembaca_gb": "reader_memory_gb",
    "impor_waktu_baca_detik": "reader_seconds",
}
assert set(SETTING_KEYS.values()) == {f.name for f in fields(ReadLimits)}


def from_settings(setting) -> ReadLimits:
    """The limits from ``setting(key) -> str | None`` (a store's), defaults where a row is missing
    or not a positive whole number."""
    values = {}
    for key, name in SETTING_KEYS.items():
        raw = setting(key)
        try:
            value = int(str(raw).replace(".", "").strip()) if raw is not None else None
        except ValueError:
            value = None
        if value and value > 0:
            values[name] = value
    return replace(DEFAULT, **values)


def n(x: int) -> str:
    """1.234.567 (Indonesian thousands separator)."""
    return f"{int(x):,}".replace(",", ".")


def mb(size: int) -> str:
    return f"{n(round(size / MB))} MB" if size >= MB else f"{n(size)} bita"
