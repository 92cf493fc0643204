"""The rows of a .csv file.

A csv is parsed by pyarrow (a 1 GB file in seconds, every cell text, a few bytes a cell), except
for what only Python's csv module decides: the encoding, the delimiter, and the first rows
(title block and header) are read exactly as before. pyarrow reads the rows under the header;
when it cannot give exactly what csv.reader gives (rows of unequal length, an unclosed quote at
the end, a row longer than a block), those rows are read by csv.reader instead, streamed.
"""
from __future__ import annotations

import codecs
import csv
import io
from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
from pyarrow import csv as pacsv

from data.importing.errors import Rejected
from data.importing.header import MSG_NO_HEADER, SCAN_ROWS, find_header
from data.importing.limits import DEFAULT, ReadLimits
from data.importing.limits import n as num
from data.importing.normalise.columns import code_type

MSG_NOT_TEXT = ("Berkas '{name}' bukan berkas CSV berisi teks. Simpan ulang dari Excel sebagai CSV, atau "
                "unggah berkas .xlsx.")
MSG_NUL = ("Berkas '{name}' berisi karakter NUL (bita nol) di baris {row}: bukan teks biasa. Simpan ulang "
           "dari Excel sebagai \"CSV UTF-8\", lalu unggah lagi.")
MSG_CELL_TEXT = ("Berkas '{name}' ditolak: sebuah sel berisi {chars} karakter, di atas batas {limit} karakter "
                 "satu sel Excel.")
MSG_ROWS = "Berkas '{name}' ditolak: berisi {rows} baris data, di atas batas {limit} baris."
MSG_COLUMNS = "Berkas '{name}' ditolak: berisi {cols} kolom, di atas batas {limit} kolom."
FIELD_LIMIT = 131072                # csv.reader's field_size_limit(): a longer cell is refused
_HEAD_BYTES = 1 << 18               # first look at 256 KB for the delimiter and the header
_BLOCK_BYTES = 1 << 22              # pyarrow block (a row must fit one)
_CHUNK_ROWS = 100_000               # rows per arrow chunk in the csv.reader fallback


@dataclass
class _Csv:
    data: bytes                     # UTF-8 bytes (the file itself, or the file transcoded)
    bom: int                        # bytes of a UTF-8 byte-order mark at the start
    label: str                      # 'UTF-8', 'UTF-16', 'Windows-1252' or 'Latin-1'


def _utf8_valid(content: bytes) -> bool:
    """Would ``content.decode('utf-8')`` succeed? Checked in place by pyarrow (no copy)."""
    offsets = pa.py_buffer(np.array([0, len(content)], dtype=np.int64))
    arr = pa.Array.from_buffers(pa.large_string(), 1, [None, offsets, pa.py_buffer(content)])
    try:
        arr.validate(full=True)
    except pa.ArrowInvalid:
        return False
    return True


def _decodes(content: bytes, encoding: str) -> bool:
    dec = codecs.getincrementaldecoder(encoding)()
    try:
        for i in range(0, len(content), 1 << 24):
            dec.decode(content[i:i + (1 << 24)])
        dec.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def _transcode(content: bytes, encoding: str) -> bytes:
    """``content.decode(encoding).encode('utf-8')``, a slice at a time (single-byte encodings)."""
    out = io.BytesIO()
    for i in range(0, len(content), 1 << 24):
        out.write(content[i:i + (1 << 24)].decode(encoding).encode("utf-8"))
    return out.getvalue()


def _utf16(content: bytes) -> str | None:
    """'utf-16' (with a byte-order mark), 'utf-16-le' / 'utf-16-be' (NUL in every other byte of
    the first 4 KB, as Excel's "Unicode text" writes Latin letters), or None."""
    if content.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    head = content[:4096]
    if len(head) < 4:
        return None
    even, odd = head[0::2], head[1::2]
    if odd.count(0) > 0.4 * len(odd) and even.count(0) < 0.05 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.4 * len(even) and odd.count(0) < 0.05 * len(odd):
        return "utf-16-be"
    return None


def _decode_utf16(content: bytes, encoding: str, name: str) -> bytes:
    dec = codecs.getincrementaldecoder(encoding)()
    out = io.BytesIO()
    try:
        for i in range(0, len(content), 1 << 24):
            out.write(dec.decode(content[i:i + (1 << 24)]).encode("utf-8"))
        out.write(dec.decode(b"", final=True).encode("utf-8"))
    except UnicodeError:
        raise Rejected(MSG_NOT_TEXT.format(name=name)) from None
    return out.getvalue()


def _csv_source(content: bytes, name: str) -> _Csv:
    """The encoding (UTF-16 with or without BOM, UTF-8 with or without BOM, else Windows-1252,
    else Latin-1) and UTF-8 bytes."""
    wide = _utf16(content)
    if wide:
        content = _decode_utf16(content, wide, name)
    nul = content.find(b"\x00")
    if nul >= 0:
        raise Rejected(MSG_NUL.format(name=name, row=num(content.count(b"\n", 0, nul) + 1)))
    if wide:
        src = _Csv(content, 0, "UTF-16")
    elif _utf8_valid(content):
        src = _Csv(content, 3 if content.startswith(codecs.BOM_UTF8) else 0, "UTF-8")
    elif _decodes(content, "cp1252"):
        src = _Csv(_transcode(content, "cp1252"), 0, "Windows-1252")
    else:
        src = _Csv(_transcode(content, "latin-1"), 0, "Latin-1")
    sample, _ = _text_prefix(src, 65536 * 4 + 3)
    sample = sample[:65536]
    control = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\r\n")
    if sample and control / len(sample) > 0.01:
        raise Rejected(MSG_NOT_TEXT.format(name=name))
    return src


def _text_prefix(src: _Csv, n: int) -> tuple[str, bool]:
    """The text of the first ``n`` bytes (a character cut in two is left out), and whether that
    is the whole file."""
    complete = n >= len(src.data)
    text = codecs.getincrementaldecoder("utf-8")().decode(src.data[src.bom:n], final=complete)
    return text, complete


def _sniff(lines: list[str]) -> str:
    best, best_score = ",", -1.0
    for delim in (";", ",", "\t", "|"):
        try:
            counts = [len(r) for r in csv.reader(lines, delimiter=delim)]
        except csv.Error:
            continue
        multi = [c for c in counts if c > 1]
        if not multi:
            continue
        mode = max(set(multi), key=multi.count)
        score = multi.count(mode) * mode
        if score > best_score:
            best, best_score = delim, score
    return best


def _head(text: str, complete: bool, delim: str, need: int):
    """The first ``need`` records of ``text`` and where each ends (characters), as csv.reader
    reads them; None when ``text`` (not the whole file) is too short to be sure of them."""
    lines = io.StringIO(text, newline="").readlines()
    if not complete:
        lines = lines[:-1]              # perhaps cut short
    state = {"used": 0, "out": False}

    def feed():
        for ln in lines:
            state["used"] += len(ln)
            yield ln
        state["out"] = True

    records, ends = [], []
    for rec in csv.reader(feed(), delimiter=delim):
        if state["out"] and not complete:
            return None                 # a quoted cell runs on past the text
        records.append(rec)
        ends.append(state["used"])
        if len(records) >= need:
            return records, ends
    return (records, ends) if complete else None


def read_csv(content: bytes, name: str, known: frozenset[str], limits: ReadLimits = DEFAULT):
    """(grid of the first rows, header rows, body frame, detail) of a csv file."""
    src = _csv_source(content, name)
    need = SCAN_ROWS + 1                # find_header looks at rows 0..SCAN_ROWS
    n = _HEAD_BYTES
    while True:
        text, complete = _text_prefix(src, n)
        lines = text.splitlines()
        if complete or len(lines) > 60:
            delim = _sniff([ln for ln in lines[:60] if ln.strip()])
            try:
                head = _head(text, complete, delim, need)
            except csv.Error:
                raise Rejected(MSG_NOT_TEXT.format(name=name)) from None
            if head is not None:
                break
        n *= 2
    grid, ends = head
    found = find_header(grid, known)
    if found is None:
        _csv_reader_check(src, delim, name)         # csv.reader's own refusal comes first
        raise Rejected(MSG_NO_HEADER.format(n=SCAN_ROWS, name=name))
    header_rows = found[1]
    start = header_rows[-1] + 1                     # first body record (0-based)
    top_width = max((len(r) for r in grid[:start]), default=0)
    body_width = max((len(r) for r in grid[start:]), default=0) or top_width
    if max(top_width, body_width) > limits.columns:
        raise Rejected(MSG_COLUMNS.format(name=name, cols=num(max(top_width, body_width)), limit=num(limits.columns)))
    offset = src.bom + len(text[:ends[start - 1]].encode("utf-8"))
    del text, lines
    got = _arrow_body(src.data, offset, delim, body_width)
    if got is not None:                 # plain text columns: many distinct values (see _arrow_body)
        body, filled = got
        width = max(top_width, body_width)
        numbers, keep = _numbers(filled, start)
        decide = False
    else:                               # plain text columns, distinct values not counted yet
        body, numbers, width = _python_body(src, delim, start, top_width, name)
        keep, decide = None, True
    del got
    if len(numbers) > limits.rows:
        raise Rejected(MSG_ROWS.format(name=name, rows=num(len(numbers)), limit=num(limits.rows)))
    if width > limits.columns:
        raise Rejected(MSG_COLUMNS.format(name=name, cols=num(width), limit=num(limits.columns)))
    _check_field_sizes(body, name, limits.cell_chars)
    shown = {"\t": "tab"}.get(delim, delim)
    return {"grid": grid, "header_rows": header_rows, "width": width, "body": body, "numbers": numbers,
            "keep": keep, "decide": decide, "detail": f'pemisah "{shown}", {src.label}'}


def _csv_reader_check(src: _Csv, delim: str, name: str) -> None:
    """Raise what csv.reader raises on the whole file (a cell over its field limit), if anything."""
    if len(src.data) <= FIELD_LIMIT:
        return
    try:
        for _ in csv.reader(io.TextIOWrapper(io.BytesIO(src.data), encoding="utf-8-sig", newline=""),
                            delimiter=delim):
            pass
    except csv.Error:
        raise Rejected(MSG_NOT_TEXT.format(name=name)) from None


def _arrow_body(data: bytes, offset: int, delim: str, width: int):
    """The rows from byte ``offset`` on as a pyarrow table of ``width`` text columns and which of
    them have a non-empty cell; None when pyarrow cannot read them exactly as csv.reader would
    (a row of another length, an unclosed quote at the end, a row longer than a block, …)."""
    if width == 0:
        return None
    names = [str(i) for i in range(width)]
    if offset >= len(data):
        return pa.table({c: pa.array([], pa.string()) for c in names}), np.zeros(0, dtype=bool)
    body = pa.py_buffer(data)[offset:]
    parse = pacsv.ParseOptions(delimiter=delim, quote_char='"', double_quote=True, escape_char=False,
                               newlines_in_values=True, ignore_empty_lines=False)
    read = pacsv.ReadOptions(column_names=names, block_size=_BLOCK_BYTES, use_threads=True)
    # a column repeating a few values (most of them) is read as a dictionary per block
    text, coded = pa.string(), pa.dictionary(pa.int32(), pa.string())
    distinct = _distinct_share(body, read, parse, names)
    types = {c: text if share > 0.9 else coded for c, share in zip(names, distinct)}
    convert = pacsv.ConvertOptions(column_types=types, check_utf8=False, null_values=[],
                                   strings_can_be_null=False, quoted_strings_can_be_null=False)
    batches, filled = [], []
    try:
        reader = pacsv.open_csv(pa.BufferReader(body), read_options=read, parse_options=parse,
                                convert_options=convert)
        quoted = data.find(b'"', offset) >= 0
        for batch in reader:
            # pyarrow 26 can lose the LF of a CR LF inside a quoted cell that straddles two
            # blocks: a cell with a CR in it is left to csv.reader (Excel writes LF alone)
            if quoted and any(_has_cr(col) for col in batch.columns):
                return None
            filled.append(_filled(batch))
            batches.append(batch)
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError, pa.ArrowIndexError):
        return None
    table = pa.Table.from_batches(batches, schema=reader.schema)
    del batches
    return table, (np.concatenate(filled) if filled else np.zeros(0, dtype=bool))


def _distinct_share(body, read, parse, names) -> list[float]:
    """Share of distinct values per column in the first block (1.0 when it cannot be read)."""
    end = min(len(body), _BLOCK_BYTES)
    if end < len(body):
        end = max(bytes(body[:end]).rfind(b"\n"), 0)
    try:
        probe = pacsv.read_csv(pa.BufferReader(body[:end]), read_options=read, parse_options=parse,
                               convert_options=pacsv.ConvertOptions(column_types={c: pa.string() for c in names},
                                                                    check_utf8=False))
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError, pa.ArrowIndexError):
        return [1.0] * len(names)
    n = max(probe.num_rows, 1)
    return [pc.count_distinct(col).as_py() / n for col in probe.columns]


def _values(col) -> list:
    """The arrays holding the distinct texts of a column: each dictionary (or the plain chunks)."""
    chunks = col.chunks if isinstance(col, pa.ChunkedArray) else [col]
    return [ch.dictionary if pa.types.is_dictionary(ch.type) else ch for ch in chunks]


def _has_cr(col) -> bool:
    return any(pc.any(pc.match_substring(v, "\r")).as_py() for v in _values(col))


def _filled(batch) -> np.ndarray:
    """True for the rows of a record batch with a non-empty cell."""
    filled = np.zeros(batch.num_rows, dtype=bool)
    for col in batch.columns:
        if filled.all():
            break
        if pa.types.is_dictionary(col.type):
            nonempty = pc.greater(pc.binary_length(col.dictionary), 0).take(col.indices)
        else:
            nonempty = pc.greater(pc.binary_length(col), 0)
        filled |= nonempty.to_numpy(zero_copy_only=False)
    return filled


def _numbers(filled: np.ndarray, start: int):
    """Source row numbers (1-based) of the filled rows, and which rows those are (None: all)."""
    if filled.all():
        return pd.RangeIndex(start + 1, start + 1 + len(filled)), None
    return pd.Index(np.flatnonzero(filled) + start + 1), filled


def _python_body(src: _Csv, delim: str, start: int, width: int, name: str):
    """Rows from record ``start`` on, read by csv.reader (as before this reader used pyarrow), a
    chunk at a time into arrow: rows without a non-empty cell are left out, short rows padded."""
    stream = io.TextIOWrapper(io.BytesIO(src.data), encoding="utf-8-sig", newline="")
    chunks, numbers, rows, nums = [], [], [], []

    def flush():
        w = max((len(r) for r in rows), default=0)
        chunks.append((len(rows), w, [pa.array([r[c] if c < len(r) else "" for r in rows], pa.string())
                                      for c in range(w)]))
        numbers.append(np.array(nums, dtype=np.int64))
        rows.clear()
        nums.clear()

    try:
        for i, rec in enumerate(csv.reader(stream, delimiter=delim)):
            if i < start or not any(rec):
                continue
            rows.append(rec)
            nums.append(i + 1)
            if len(rows) >= _CHUNK_ROWS:
                flush()
    except csv.Error:
        raise Rejected(MSG_NOT_TEXT.format(name=name)) from None
    flush()
    width = max([width] + [w for _, w, _ in chunks])
    names = [str(i) for i in range(width)]
    table = pa.concat_tables([
        pa.table(cols + [pa.array([""] * n, pa.string()) for _ in range(width - w)], names=names)
        for n, w, cols in chunks])
    return table, pd.Index(np.concatenate(numbers)), width


def _check_field_sizes(table, name: str, limit: int) -> None:
    """A cell longer than Excel's (a file with one is not a table someone made), or than csv.reader's
    field limit, is refused."""
    for col in table.columns:
        for v in _values(col):
            if len(v) and pc.max(pc.binary_length(v)).as_py() > limit:
                chars = pc.max(pc.utf8_length(v)).as_py()
                if chars > FIELD_LIMIT:
                    raise Rejected(MSG_NOT_TEXT.format(name=name))
                if chars > limit:
                    raise Rejected(MSG_CELL_TEXT.format(name=name, chars=num(chars), limit=num(limit)))


def text_frame(held: list, numbers: pd.Index, width: int, keep: np.ndarray | None = None,
               decide: bool = False) -> pd.DataFrame:
    """Columns 0..width-1 of text on ``numbers``, from the pyarrow table in ``held`` (its rows
    where ``keep``). A column with few distinct values becomes a categorical (its cells read as
    the same strings), the others pyarrow-backed strings: a few bytes a cell, not a Python string."""
    n = len(numbers)
    columns = list(held.pop().columns)
    cols = {}
    for c in range(width):
        if c < len(columns):
            col, columns[c] = columns[c], None      # each raw column goes once converted
            if keep is not None:
                col = col.filter(keep)
        else:                                       # a header wider than the rows
            col = pa.chunked_array([pa.array([""] * n, pa.string())])
        series = text_series(col, n, decide)
        del col
        pa.default_memory_pool().release_unused()
        series.index = numbers
        cols[c] = series
    return pd.DataFrame(cols, index=numbers)


def text_series(col: pa.ChunkedArray, n: int, decide: bool) -> pd.Series:
    """A column of ``n`` texts as a categorical when it is dictionary-coded (or, with ``decide``,
    when at most half its cells are distinct), else as a pyarrow-backed text column."""
    series = None
    coded = pa.types.is_dictionary(col.type)
    if n and (coded or (decide and pc.count_distinct(col).as_py() * 2 <= n)):
        series = (col if coded else col.dictionary_encode()).to_pandas()   # one dictionary for all blocks
        categories = series.cat.categories
        if len(categories) * 2 > n:
            series = None
        else:
            codes = series.cat.codes.to_numpy()
            small = code_type(len(categories))
            if codes.dtype.itemsize > np.dtype(small).itemsize:
                series = pd.Series(pd.Categorical.from_codes(codes.astype(small), dtype=series.dtype))
    if series is None:
        series = (col.cast(pa.string()) if coded else col).to_pandas()
    return series
