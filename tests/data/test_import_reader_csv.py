"""The csv reader (pyarrow under the header, csv.reader for the rest) reads exactly what Python's
csv module reads, and refuses what it refuses, with the same Indonesian sentences.

``reference`` below is the reader as it was before pyarrow (decode the whole text, sniff the
delimiter on the first 60 lines, csv.reader, pad the rows, find the header, drop empty rows):
every file here must come out of :func:`read_file` exactly as out of it.
"""
from __future__ import annotations

import csv
import io
import random

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from data.importing import Rejected, csv_reader
from data.importing.fields import all_header_keys, header_key
from data.importing.header import find_header, header_texts
from data.importing.reader import read_file

MSG_NOT_TEXT = ("Berkas '{name}' bukan berkas CSV berisi teks. Simpan ulang dari Excel sebagai CSV, atau unggah "
                "berkas .xlsx.")


def reference(content: bytes, name: str = "f.csv"):
    """(header rows, headers, row numbers, rows, detail) as the csv.reader-only reader gave them."""
    if b"\x00" in content[:65536]:
        raise Rejected(MSG_NOT_TEXT.format(name=name))
    for enc, label in (("utf-8-sig", "UTF-8"), ("cp1252", "Windows-1252"), ("latin-1", "Latin-1")):  # noqa: B007 (the label of the encoding that decoded is read after the loop)
        try:
            text = content.decode(enc)
            break
        except UnicodeDecodeError:
            continue
    sample = text[:65536]
    if sample and sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\r\n") / len(sample) > 0.01:
        raise Rejected(MSG_NOT_TEXT.format(name=name))
    lines = [ln for ln in text.splitlines()[:60] if ln.strip()]
    best, best_score = ",", -1.0
    for delim in (";", ",", "\t", "|"):
        try:
            counts = [len(r) for r in csv.reader(lines, delimiter=delim)]
        except csv.Error:
            continue
        multi = [c for c in counts if c > 1]
        if multi:
            mode = max(set(multi), key=multi.count)
            if multi.count(mode) * mode > best_score:
                best, best_score = delim, multi.count(mode) * mode
    try:
        grid = list(csv.reader(io.StringIO(text, newline=""), delimiter=best))
    except csv.Error:
        raise Rejected(MSG_NOT_TEXT.format(name=name)) from None
    width = max((len(r) for r in grid), default=0)
    grid = [r + [""] * (width - len(r)) for r in grid]
    found = find_header(grid, all_header_keys())
    if found is None:
        raise Rejected("no header")
    header_rows = found[1]
    headers = header_texts(grid, header_rows, width)
    start = header_rows[-1] + 1
    body = [(i + 1, r) for i, r in enumerate(grid) if i >= start and any(r)]
    shown = {"\t": "tab"}.get(best, best)
    return (tuple(r + 1 for r in header_rows), headers, [i for i, _ in body], [r for _, r in body],
            f'pemisah "{shown}", {label}')


def read(content: bytes, name: str = "f.csv"):
    t = read_file(content, name)
    rows = [list(r) for r in t.rows.astype(object).itertuples(index=False, name=None)]
    assert all(isinstance(v, str) for r in rows for v in r), "every csv cell is text"
    assert t.header_keys == [header_key(h) for h in t.headers]
    return t.header_rows, t.headers, t.rows.index.tolist(), rows, t.detail


def encode(rows: list[list[str]], delim=";", term="\r\n", encoding="utf-8", quoting=csv.QUOTE_MINIMAL) -> bytes:
    buf = io.StringIO()
    csv.writer(buf, delimiter=delim, lineterminator=term, quoting=quoting).writerows(rows)
    return buf.getvalue().encode(encoding)


@pytest.fixture
def small_blocks(monkeypatch):
    """Blocks of a few hundred bytes, so that small files cross block boundaries."""
    monkeypatch.setattr(csv_reader, "_BLOCK_BYTES", 256)
    monkeypatch.setattr(csv_reader, "_HEAD_BYTES", 64)


def siasn_rows(n: int, seed: int = 1) -> list[list[str]]:
    rng = random.Random(seed)
    head = ["nipBaru", "nama", "unorIndukNama", "jabatanNama", "golRuangAkhir", "tmtJabatan"]
    rows = [head]
    for i in range(n):
        rows.append([f"198609262015051{i % 1000:03d}", rng.choice(["Siti", "Budi Santoso", "Dr. Ani, S.Kom"]),
                     rng.choice(["Dinas Kesehatan", "BKPSDM"]), rng.choice(["Perawat Ahli Muda", "Lurah"]),
                     rng.choice(["III/a", "IX"]), f"{rng.randint(1, 28):02d}-01-2020"])
    return rows


@pytest.mark.parametrize("delim", [";", ",", "\t", "|"])
@pytest.mark.parametrize("encoding,label", [("utf-8", "UTF-8"), ("utf-8-sig", "UTF-8"), ("cp1252", "Windows-1252")])
def test_delimiters_and_encodings(delim, encoding, label):
    rows = [["DAFTAR NOMINATIF ASN"], ["Keadaan 31 Desember 2025 – Kota Serang"], []] + siasn_rows(40)
    rows[5][1] = "Siti – Aminah € Müller"
    content = encode(rows, delim, encoding=encoding)
    got = read(content)
    assert got == reference(content)
    shown = "tab" if delim == "\t" else delim
    assert got[4] == f'pemisah "{shown}", {label}'
    assert got[0] == (4,) and got[2][0] == 5 and got[3][1][1] == "Siti – Aminah € Müller"


def test_latin1_when_not_windows_1252():
    content = encode(siasn_rows(3)) + b"198609262015051099;Ren\x81;BKPSDM;Lurah;III/a;01-01-2020\r\n"
    got = read(content)
    assert got == reference(content) and got[4].endswith("Latin-1") and got[3][-1][1] == "Ren\x81"


def test_quoted_cells_with_newlines_delimiters_and_quotes(small_blocks):
    rows = siasn_rows(30)
    rows[3][1] = 'Ani "Nona" Lestari'
    rows[4][1] = "baris satu\nbaris dua"          # LF inside a cell, as Excel writes it
    rows[6][2] = "Dinas; Kesehatan"
    rows[9][1] = "awal\r\n\r\nakhir"               # CR LF inside a cell across small blocks
    for r in rows[10:25]:
        r[3] = "Jabatan\r\ndua baris"
    content = encode(rows, ";")
    got = read(content)
    assert got == reference(content)
    values = {v for r in got[3] for v in r}
    assert {'Ani "Nona" Lestari', "baris satu\nbaris dua", "Dinas; Kesehatan", "awal\r\n\r\nakhir",
            "Jabatan\r\ndua baris"} <= values
    assert got[2] == list(range(2, 32))            # one row number per record, not per line


def test_crlf_inside_a_cell_is_kept_where_pyarrow_would_drop_the_lf():
    """pyarrow 26 can lose the LF of a CR LF inside a quoted cell that straddles two blocks."""
    rows = [["NIP", "Nama", "Keterangan"]] + [["198609262015051001", "Siti", "satu\r\ndua"]] * 200
    content = encode(rows, "\t")
    for block in range(40, 120, 7):
        csv_reader._BLOCK_BYTES, saved = block, csv_reader._BLOCK_BYTES
        try:
            t = read_file(content, "k.csv")
        finally:
            csv_reader._BLOCK_BYTES = saved
        assert set(t.rows[2].astype(object)) == {"satu\r\ndua"}, block


def test_ragged_rows_are_padded_or_widen_the_table(small_blocks):
    rows = siasn_rows(20)
    rows[5] = rows[5][:2]                          # short row: padded with empty cells
    rows[8] = rows[8] + ["catatan", "lagi"]        # long row: two more columns ('Kolom G', 'Kolom H')
    content = encode(rows, ";")
    got = read(content)
    assert got == reference(content)
    assert got[1][-2:] == ["Kolom G", "Kolom H"] and got[3][4][2:] == [""] * 6


def test_trailing_delimiters_and_blank_lines_keep_source_row_numbers():
    rows = siasn_rows(6)
    content = (encode(rows[:1]) + b"\r\n" + b"\r\n".join(b";".join(r.encode() for r in row) + b";" for row in rows[1:4])
               + b"\r\n\r\n;;;;;;\r\n" + encode(rows[4:]) + b"\r\n\r\n")
    got = read(content)
    assert got == reference(content)
    assert got[2] == [3, 4, 5, 8, 9, 10] and got[1][-1] == "Kolom G"


def test_unclosed_quote_at_the_end_reads_as_csv_reader_reads_it():
    content = encode(siasn_rows(5)) + b'198609262015051077;"Siti;BKPSDM\r\n'
    got = read(content)
    assert got == reference(content) and got[3][-1][1] == "Siti;BKPSDM\r\n"


def test_header_found_below_a_long_title_block(small_blocks):
    title = [[f"Baris judul {i} " + "x" * 40] for i in range(25)]
    content = encode(title + siasn_rows(50), ",")
    got = read(content)
    assert got == reference(content) and got[0] == (26,)


def test_two_row_header():
    rows = [["NIP", "Identitas", "", "Kinerja"], ["", "Nama", "Unit Kerja", "Predikat Kinerja"],
            ["198609262015051001", "Siti", "Sekretariat", "Baik"]]
    content = encode(rows)
    got = read(content)
    assert got == reference(content) and got[0] == (1, 2)
    assert got[1] == ["NIP", "Nama", "Unit Kerja", "Predikat Kinerja"]


def test_columns_are_text_categoricals_or_strings():
    rows = siasn_rows(400)
    t = read_file(encode(rows), "p.csv")
    assert str(t.rows[2].dtype) == "category"      # 2 distinct OPD names in 400 rows
    assert str(t.rows[0].dtype) == "str"           # NIPs: every one distinct
    assert t.rows[0].tolist() == [r[0] for r in rows[1:]] and t.rows[2].tolist() == [r[2] for r in rows[1:]]


def test_a_path_reads_as_its_bytes(tmp_path):
    content = encode(siasn_rows(30))
    path = tmp_path / "siasn.csv"
    path.write_bytes(content)
    a, b = read_file(path, "siasn.csv"), read_file(content, "siasn.csv")
    assert (a.file_hash, a.headers, a.detail) == (b.file_hash, b.headers, b.detail)
    assert a.rows.equals(b.rows)
    with pytest.raises(Rejected, match=r"^Berkas 'hilang.csv' tidak dapat dibaca: "):
        read_file(tmp_path / "hilang.csv", "hilang.csv")


@pytest.mark.parametrize("content", [
    b"NIP;Nama\r\n" + b"\x01\x02\x03\x04;x\r\n" * 40,                       # control characters
    b"NIP;Nama\r\n198609262015051001;" + b"x" * 131073 + b"\r\n",           # a cell over csv's field limit
])
def test_not_a_text_csv_is_refused_with_a_sentence(content):
    with pytest.raises(Rejected) as exc:
        read_file(content, "data.csv")
    assert str(exc.value) == MSG_NOT_TEXT.format(name="data.csv")
    with pytest.raises(Rejected) as ref:
        reference(content, "data.csv")
    assert str(ref.value) == str(exc.value)


def test_the_longest_cell_excel_allows_is_read():
    """32,767 characters (Excel's own cell limit, setting impor_teks_sel_maks); a NUL byte and a
    longer cell have their own sentences (tests/data/test_read_limits.py)."""
    content = b"NIP;Nama\r\n198609262015051001;" + "é".encode() * 32767 + b"\r\n"
    assert read_file(content, "data.csv").rows.iloc[0, 1] == "é" * 32767


def test_no_header_is_refused_with_a_sentence():
    with pytest.raises(Rejected) as exc:
        read_file(encode([["a", "b"]] * 50), "acak.csv")
    assert str(exc.value).startswith("Baris judul kolom tidak ditemukan pada 30 baris pertama berkas 'acak.csv'.")


_CELL = st.text(st.sampled_from(list("ab ;,\t|\"'\r\né€-")), max_size=6)


@settings(max_examples=150, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(title=st.lists(_CELL, max_size=3), body=st.lists(st.lists(_CELL, min_size=0, max_size=5), max_size=25),
       delim=st.sampled_from([";", ",", "\t", "|"]), term=st.sampled_from(["\r\n", "\n", "\r"]),
       quoting=st.sampled_from([csv.QUOTE_MINIMAL, csv.QUOTE_ALL]), block=st.sampled_from([32, 128, 1 << 22]),
       tail=st.sampled_from(["", "\r\n", "\n\n", '"']), encoding=st.sampled_from(["utf-8", "utf-8-sig", "cp1252"]))
def test_any_csv_reads_as_csv_reader_reads_it(monkeypatch, title, body, delim, term, quoting, block, tail, encoding):
    monkeypatch.setattr(csv_reader, "_BLOCK_BYTES", block)
    monkeypatch.setattr(csv_reader, "_HEAD_BYTES", 48)
    text = encode([[t] for t in title] + [["NIP", "Nama", "Perangkat Daerah"]] + body, delim, term,
                  "utf-8", quoting).decode() + tail
    try:
        content = text.encode(encoding)
    except UnicodeEncodeError:
        content = text.encode("utf-8")
    try:
        expected = reference(content)
    except Rejected as exc:
        with pytest.raises(Rejected) as got:
            read_file(content, "f.csv")
        if str(exc) != "no header":
            assert str(got.value) == str(exc)
        return
    assert read(content) == expected


def test_row_numbers_match_the_frame():
    t = read_file(encode(siasn_rows(10)), "p.csv")
    assert isinstance(t.rows, pd.DataFrame) and list(t.rows.columns) == list(range(6))
    assert t.rows.index.tolist() == list(range(2, 12)) and t.n_rows == 10
