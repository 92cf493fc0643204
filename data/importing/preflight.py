"""Checks of a workbook before it is parsed: only the zip directory and a few KB of XML are read.

python-calamine allocates a sheet's whole rectangle from the cells it meets (one cell at XFD1048576
asks for ~512 GiB and the allocator aborts the process), and a compressed sheet of 1 MB can unpack
to more than 1 GB. The zip directory states every part's sizes and the sheet XML states its
``<dimension>``: both are refused above :class:`ReadLimits` with one Indonesian sentence. A file
that lies about them is still bounded by the child process's memory limit (:mod:`sandbox`).
"""
from __future__ import annotations

import io
import re
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from posixpath import join, normpath

from data.importing.errors import Rejected
from data.importing.limits import MB, ReadLimits, mb, n

MSG_TOTAL = ("Berkas '{name}' ditolak: isinya {size} setelah dibuka, di atas batas {limit} untuk buku "
             "kerja; impor sebagai .csv atau bagi berkasnya.")
MSG_RATIO = ("Berkas '{name}' ditolak: bagian '{part}' memadat {ratio}:1, di atas batas {limit}:1 (ciri "
             "berkas 'bom zip'); buka di Excel, simpan ulang, lalu unggah lagi.")
MSG_SHEETS = "Berkas '{name}' ditolak: berisi {count} lembar kerja, di atas batas {limit} lembar."
MSG_DIM_COLS = ("Berkas '{name}' ditolak: lembar '{sheet}' menyatakan {cols} kolom (sampai sel {ref}), di "
                "atas batas {limit} kolom; hapus kolom kosong di kanan data, simpan, lalu unggah lagi.")
MSG_DIM_ROWS = ("Berkas '{name}' ditolak: lembar '{sheet}' menyatakan {rows} baris (sampai sel {ref}), di "
                "atas batas {limit} baris.")
MSG_DIM_CELLS = ("Berkas '{name}' ditolak: lembar '{sheet}' menyatakan {cells} sel (sampai sel {ref}), di "
                 "atas batas {limit} sel; hapus baris dan kolom kosong di luar data, atau impor sebagai .csv.")

# what reading a damaged part can raise: such a file is left to the reader's own message
_BROKEN = (KeyError, zipfile.BadZipFile, zlib.error, OSError, RuntimeError, ValueError, EOFError, NotImplementedError)
_RATIO_FROM = 50 * MB               # smaller parts may compress well without harm
_HEAD = 8192                        # bytes of a sheet's XML read for its <dimension>
_SMALL = 4 * MB                     # workbook.xml and its relationships are read whole up to this
_DIM = re.compile(rb"<(?:\w+:)?dimension\b[^>]*\bref=\"([A-Za-z]{1,3})?(\d+)?(?::([A-Za-z]{1,3})(\d+))?\"")
_SHEET = re.compile(rb"<(?:\w+:)?sheet\b[^>]*?>")
_ATTR = re.compile(rb"([\w:]+)=\"([^\"]*)\"")
_REL = re.compile(rb"<(?:\w+:)?Relationship\b[^>]*?>")


def column_number(letters: str) -> int:
    """A → 1, XFD → 16384."""
    out = 0
    for ch in letters.upper():
        out = out * 26 + ord(ch) - 64
    return out


def sheet_parts(zf: zipfile.ZipFile) -> list[tuple[str, str]]:
    """(sheet name, part path) of the workbook's worksheets in order; [] when it cannot tell."""
    try:
        book = _small(zf, "xl/workbook.xml")
        rels = _small(zf, "xl/_rels/workbook.xml.rels")
    except KeyError:
        return []
    target = {}
    for m in _REL.finditer(rels):
        attrs = dict(_ATTR.findall(m.group(0)))
        if b"Id" in attrs and b"Target" in attrs:
            t = attrs[b"Target"].decode("utf-8", "replace")
            target[attrs[b"Id"]] = normpath(t.lstrip("/") if t.startswith("/") else join("xl", t))
    out = []
    for m in _SHEET.finditer(book):
        attrs = dict(_ATTR.findall(m.group(0)))
        rid = next((v for k, v in attrs.items() if k.endswith(b":id")), None)
        name = attrs.get(b"name", b"").decode("utf-8", "replace")
        part = target.get(rid)
        if part and part.startswith("xl/worksheets/"):
            out.append((_unescape(name), part))
    return out


def _unescape(text: str) -> str:
    return (text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"').replace("&apos;", "'")
            .replace("&amp;", "&"))


def _small(zf: zipfile.ZipFile, part: str) -> bytes:
    with zf.open(part) as fh:
        return fh.read(_SMALL)


def check_workbook(content: bytes, name: str, limits: ReadLimits) -> None:
    """Refuse a .xlsx whose declared sizes exceed ``limits``; a broken zip is left to the reader
    (which says the file is not a readable workbook)."""
    try:
        zf = zipfile.ZipFile(io.BytesIO(content))
    except (zipfile.BadZipFile, ValueError, OSError):
        return
    with zf:
        infos = zf.infolist()
        cap = limits.xlsx_unpacked_mb * MB
        total = 0
        for info in infos:
            total += info.file_size
            if info.file_size > _RATIO_FROM and info.file_size > limits.zip_ratio * max(info.compress_size, 1):
                raise Rejected(MSG_RATIO.format(name=name, part=info.filename, limit=n(limits.zip_ratio),
                                                ratio=n(info.file_size // max(info.compress_size, 1))))
        if total > cap:
            raise Rejected(MSG_TOTAL.format(name=name, size=mb(total), limit=mb(cap)))
        try:
            sheets = sheet_parts(zf)
        except _BROKEN:
            return
        if len(sheets) > limits.sheets:
            raise Rejected(MSG_SHEETS.format(name=name, count=n(len(sheets)), limit=n(limits.sheets)))
        for sheet, part in sheets:
            try:
                with zf.open(part) as fh:
                    head = fh.read(_HEAD)
            except _BROKEN:
                continue
            _check_dimension(head, name, sheet, limits)


def _check_dimension(head: bytes, name: str, sheet: str, limits: ReadLimits) -> None:
    m = _DIM.search(head)
    if not m:
        return
    col = (m.group(3) or m.group(1) or b"A").decode()
    row = (m.group(4) or m.group(2) or b"1").decode()
    rows, cols = int(row), column_number(col)      # the reader fills the grid from A1
    ref = f"{col.upper()}{row}"
    if cols > limits.columns:
        raise Rejected(MSG_DIM_COLS.format(name=name, sheet=sheet, cols=n(cols), ref=ref, limit=n(limits.columns)))
    if rows > limits.rows:
        raise Rejected(MSG_DIM_ROWS.format(name=name, sheet=sheet, rows=n(rows), ref=ref, limit=n(limits.rows)))
    if rows * cols > limits.cells:
        raise Rejected(MSG_DIM_CELLS.format(name=name, sheet=sheet, cells=n(rows * cols), ref=ref,
                                            limit=n(limits.cells)))


# -- formulas without a stored result ------------------------------------------------------------
_CELL = re.compile(rb"<(?:\w+:)?c\b([^>]*?)(?:/>|>(.*?)</(?:\w+:)?c>)", re.S)
_REF = re.compile(rb"\br=\"([A-Z]{1,3})(\d+)\"")
_F = re.compile(rb"<(?:\w+:)?f[\s>/]")
_V = re.compile(rb"<(?:\w+:)?v>[^<]")
_CHUNK = 4 * MB


@dataclass
class SheetScan:
    """What one pass over a sheet's XML tells before it is parsed."""

    formulas: list[tuple[int, str]] = field(default_factory=list)  # (row, ref): formulas without a result
    plain: bool = False   # every cell holding a value holds text, none is merged, and A1 holds one


def scan_sheet(content: bytes, part: str, limit: int = 20,
               on_first: Callable[[bool], None] = lambda plain: None) -> SheetScan:
    """The first ``limit`` cells of a sheet part with a formula and no stored result (a file written
    by a program and never opened in Excel: every reader sees such a cell as empty), and whether the
    sheet is plain text from A1 (the columnar reader's case, :mod:`excel_columns`). One pass of
    decompression and byte counts; the cell regex runs only on a piece with a formula tag.
    ``on_first(plain so far)`` is told once, after the first rows (a few MB of XML), so that a reader
    can start while the scan goes on; the returned ``plain`` is the whole sheet's."""
    out = SheetScan()
    try:
        zf = zipfile.ZipFile(io.BytesIO(content))
        fh = zf.open(part)
    except _BROKEN:
        return out
    try:
        out.plain = _scan(fh, out.formulas, limit, on_first)
    except _BROKEN:
        out.plain = False            # a damaged part: the cells read so far are what the reader has
    finally:
        fh.close()
        zf.close()
    return out


_A1 = re.compile(rb"<c\b[^>]*?\br=\"A1\"[^>]*?>(?:<v>|<is>)")


def _scan(fh, out: list[tuple[int, str]], limit: int, on_first: Callable[[bool], None]) -> bool:
    """Whole rows at a time (cut after the last ``</row>`` of each chunk). Returns whether every
    value is text: as many ``<v>`` as cells typed shared or formula string (inline strings have
    none), no merged range, unprefixed tags, and A1 filled."""
    carry = b""
    first = True
    plain = True
    told = False
    while True:
        chunk = fh.read(_CHUNK)
        buf = carry + chunk
        if not chunk:
            cut = len(buf)
        else:
            cut = buf.rfind(b"</row>")
            cut = cut + 6 if cut >= 0 else 0
        piece, carry = buf[:cut], buf[cut:]
        if first and piece:
            first = False
            plain = _A1.search(piece) is not None and b":c " not in piece   # no prefixed tags
        if plain:
            values, shared = piece.count(b"<v>"), piece.count(b't="s"')
            plain = values == shared or values == shared + piece.count(b't="str"')
        if piece and not told:
            told = True
            on_first(plain)
        if plain and not chunk:
            plain = b"mergeCell" not in piece   # after the last row: in the last piece
        if len(out) < limit and (b"<f" in piece or b":f" in piece) and _F.search(piece):
            for m in _CELL.finditer(piece):
                inner = m.group(2) or b""
                if _F.search(inner) and not _V.search(inner):
                    ref = _REF.search(m.group(1))
                    if ref:
                        out.append((int(ref.group(2)), (ref.group(1) + ref.group(2)).decode()))
                        if len(out) >= limit:
                            break
        if not chunk:
            return plain and not first
        if not plain and len(out) >= limit:
            return False
