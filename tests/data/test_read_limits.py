"""Hostile files are refused before they can take the process down, with one Indonesian sentence:
a sheet declaring (or holding) a cell at XFD1048576, zip bombs, a formula without a stored value,
UTF-16 and NUL-byte csv files. Workbooks are parsed in a child process with a memory limit: a
native abort there ends the child, not this (test) process, whose memory stays small."""
from __future__ import annotations

import codecs
import io
import os
import resource
import subprocess
import sys
import time
import zipfile
from dataclasses import replace
from pathlib import Path

import psutil
import pytest

from data.importing import Rejected, pipeline
from data.importing.limits import DEFAULT, SETTING_KEYS, from_settings
from data.importing.reader import read_file

ROOT = Path(__file__).resolve().parents[2]
HEAD = ('<row r="1"><c r="A1" t="inlineStr"><is><t>NIP</t></is></c>'
        '<c r="B1" t="inlineStr"><is><t>Nama</t></is></c></row>')
ROW2 = ('<row r="2"><c r="A2" t="inlineStr"><is><t>198609262015051001</t></is></c>'
        '<c r="B2" t="inlineStr"><is><t>Siti Aminah</t></is></c></row>')


def xlsx(rows: str | bytes, dimension: str | None = None) -> bytes:
    """A minimal workbook (one sheet 'Data'), its sheet XML written by hand."""
    dim = f'<dimension ref="{dimension}"/>'.encode() if dimension else b""
    body = rows.encode() if isinstance(rows, str) else rows
    sheet = (b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/'
             b'spreadsheetml/2006/main">' + dim + b"<sheetData>" + body + b"</sheetData></worksheet>")
    main = "http://schemas.openxmlformats.org"
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", f'<?xml version="1.0"?><Types xmlns="{main}/package/2006/content-types">'
                   '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                   '<Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" '
                   'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
                   '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/'
                   'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>')
        z.writestr("_rels/.rels", f'<?xml version="1.0"?><Relationships xmlns="{main}/package/2006/relationships">'
                   f'<Relationship Id="rId1" Type="{main}/officeDocument/2006/relationships/officeDocument" '
                   'Target="xl/workbook.xml"/></Relationships>')
        z.writestr("xl/workbook.xml", f'<?xml version="1.0"?><workbook xmlns="{main}/spreadsheetml/2006/main" '
                   f'xmlns:r="{main}/officeDocument/2006/relationships"><sheets><sheet name="Data" sheetId="1" '
                   'r:id="rId1"/></sheets></workbook>')
        z.writestr("xl/_rels/workbook.xml.rels", f'<?xml version="1.0"?><Relationships xmlns="{main}/package/2006/'
                   f'relationships"><Relationship Id="rId1" Type="{main}/officeDocument/2006/relationships/'
                   'worksheet" Target="worksheets/sheet1.xml"/></Relationships>')
        z.writestr("xl/worksheets/sheet1.xml", sheet)
    return buf.getvalue()


FAR = HEAD + ROW2 + '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>'
SPARSE_DECLARED = xlsx(FAR, "A1:XFD1048576")          # 5 KB; calamine would ask for ~512 GiB
SPARSE_UNDECLARED = xlsx(FAR)                          # the same without a <dimension>: only the child limit holds
MSG_DIM = ("Berkas 'jarang.xlsx' ditolak: lembar 'Data' menyatakan 16.384 kolom (sampai sel XFD1048576), di atas "
           "batas 200 kolom; hapus kolom kosong di kanan data, simpan, lalu unggah lagi.")
MSG_DIED = ("Berkas 'jarang.xlsx' tidak dapat dibaca: pembacanya berhenti (batas memori 6 GB); periksa apakah "
            "lembar berisi sel jauh di luar data, atau impor sebagai .csv.")


def formula_book(cached: bool) -> bytes:
    value = "<v>SITI</v>" if cached else ""
    return xlsx(HEAD + ROW2 + '<row r="3"><c r="A3" t="inlineStr"><is><t>198609262015051002</t></is></c>'
                f'<c r="B3" t="str"><f>UPPER("siti")</f>{value}</c></row>', "A1:B3")


def test_a_declared_cell_at_xfd1048576_is_refused_before_parsing():
    t0 = time.perf_counter()
    with pytest.raises(Rejected) as exc:
        pipeline.read(SPARSE_DECLARED, "jarang.xlsx")
    assert str(exc.value) == MSG_DIM
    assert time.perf_counter() - t0 < 2


def test_an_undeclared_far_cell_ends_the_child_not_this_process():
    before = psutil.Process().memory_info().rss
    others = {c.pid for c in psutil.Process().children()}   # e.g. the browser driver of earlier tests
    with pytest.raises(Rejected) as exc:
        pipeline.read(SPARSE_UNDECLARED, "jarang.xlsx")
    assert str(exc.value) == MSG_DIED
    assert psutil.Process().memory_info().rss - before < 200 << 20
    assert {c.pid for c in psutil.Process().children()} <= others   # the child is gone, its memory with it


def test_a_sheet_lying_about_its_size_is_bounded_by_the_child_memory_limit():
    """Declares A1:B3 but holds a cell at CV1000000: 100M cells for calamine (~3 GB) > 1 GB allowed."""
    content = xlsx(HEAD + ROW2 + '<row r="1000000"><c r="CV1000000"><v>1</v></c></row>', "A1:B3")
    limits = replace(DEFAULT, reader_memory_gb=1)
    t0 = time.perf_counter()
    with pytest.raises(Rejected, match=r"pembacanya berhenti \(batas memori 1 GB\)"):
        read_file(content, "bohong.xlsx", limits=limits)
    assert time.perf_counter() - t0 < 30
    child_peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    assert child_peak_mb < 1.3 * 1024 + 200                # kB on Linux; the 1 GB cap held
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 < 1536


def test_a_bomb_of_one_huge_cell_is_refused_from_the_zip_directory():
    huge = HEAD + '<row r="2"><c r="A2" t="inlineStr"><is><t>' + "A" * (64 << 20) + "</t></is></c></row>"
    content = xlsx(huge, "A1:B2")
    assert len(content) < 1 << 20                          # under 1 MB on disk, 64 MB unpacked
    t0 = time.perf_counter()
    with pytest.raises(Rejected) as exc:
        read_file(content, "bom.xlsx")
    assert str(exc.value).startswith("Berkas 'bom.xlsx' ditolak: bagian 'xl/worksheets/sheet1.xml' memadat ")
    assert "di atas batas 100:1 (ciri berkas 'bom zip')" in str(exc.value)
    assert time.perf_counter() - t0 < 5


def test_total_unpacked_size_many_rows_and_many_sheets_are_refused_by_their_setting():
    rows = HEAD + "".join(f'<row r="{r}"><c r="A{r}"><v>{r}</v></c></row>' for r in range(2, 3002))
    content = xlsx(rows, "A1:B3001")
    with pytest.raises(Rejected) as exc:
        read_file(content, "banyak.xlsx", limits=replace(DEFAULT, rows=1000))
    assert str(exc.value) == ("Berkas 'banyak.xlsx' ditolak: lembar 'Data' menyatakan 3.001 baris (sampai sel "
                              "B3001), di atas batas 1.000 baris.")
    undeclared = xlsx(rows)          # no <dimension>: the child checks the cells met before making Python objects
    with pytest.raises(Rejected) as exc:
        read_file(undeclared, "banyak.xlsx", limits=replace(DEFAULT, rows=1000))
    assert str(exc.value) == ("Berkas 'banyak.xlsx' ditolak: lembar 'Data' berisi sel sampai B3001 (3.001 baris × 2 "
                              "kolom), di atas batas 1.000 baris; hapus baris dan kolom kosong di luar data, simpan, "
                              "lalu unggah lagi.")
    with pytest.raises(Rejected, match=r"^Berkas 'banyak.xlsx' ditolak: isinya .* setelah dibuka, di atas batas "):
        read_file(content, "banyak.xlsx", limits=replace(DEFAULT, xlsx_unpacked_mb=0))
    with pytest.raises(Rejected) as exc:
        read_file(content, "banyak.xlsx", limits=replace(DEFAULT, sheets=0))
    assert str(exc.value) == "Berkas 'banyak.xlsx' ditolak: berisi 1 lembar kerja, di atas batas 0 lembar."


def test_a_cell_longer_than_excel_allows_is_refused():
    long = HEAD + ROW2 + '<row r="3"><c r="A3" t="inlineStr"><is><t>1</t></is></c><c r="B3" t="inlineStr"><is><t>' \
        + "x" * 40_000 + "</t></is></c></row>"
    with pytest.raises(Rejected) as exc:
        read_file(xlsx(long, "A1:B3"), "panjang.xlsx")
    assert str(exc.value) == ("Berkas 'panjang.xlsx' ditolak: sel B3 pada lembar 'Data' berisi 40.000 karakter, di "
                              "atas batas 32.767 karakter satu sel Excel.")
    with pytest.raises(Rejected) as exc:
        read_file(b"NIP;Nama\r\n198609262015051001;" + b"x" * 40_000 + b"\r\n", "panjang.csv")
    assert str(exc.value) == ("Berkas 'panjang.csv' ditolak: sebuah sel berisi 40.000 karakter, di atas batas "
                              "32.767 karakter satu sel Excel.")


def test_a_formula_without_a_stored_value_is_named_not_read_as_empty():
    with pytest.raises(Rejected) as exc:
        read_file(formula_book(cached=False), "rumus.xlsx")
    assert str(exc.value) == ("Sel B3 pada lembar 'Data' berkas 'rumus.xlsx' berisi rumus tanpa nilai tersimpan: "
                              "buka berkas di Excel, simpan ulang, lalu unggah lagi.")
    table = read_file(formula_book(cached=True), "rumus.xlsx")       # saved by Excel: the stored value reads
    assert table.rows[1].tolist() == ["Siti Aminah", "SITI"]
    title = xlsx('<row r="1"><c r="A1" t="str"><f>"Daftar " &amp; "ASN"</f></c></row>'
                 + HEAD.replace('r="1"', 'r="2"').replace("A1", "A2").replace("B1", "B2")
                 + ROW2.replace('r="2"', 'r="3"').replace("A2", "A3").replace("B2", "B3"), "A1:B3")
    assert read_file(title, "judul.xlsx").rows[1].tolist() == ["Siti Aminah"]   # a title above the header may


CSV_TEXT = "NIP;Nama;Unit Kerja\r\n198609262015051001;Siti Ñúñez;Dinas Pendidikan\r\n"


@pytest.mark.parametrize("encoding,bom", [("utf-16-le", codecs.BOM_UTF16_LE), ("utf-16-be", codecs.BOM_UTF16_BE),
                                          ("utf-16-le", b"")])
def test_a_utf16_csv_reads_like_its_utf8_version(encoding, bom):
    wide = read_file(bom + CSV_TEXT.encode(encoding), "unicode.csv")
    plain = read_file(CSV_TEXT.encode("utf-8"), "unicode.csv")
    assert wide.headers == plain.headers and wide.rows.equals(plain.rows)
    assert wide.detail == 'pemisah ";", UTF-16'


def test_a_nul_byte_in_a_csv_is_named_with_its_row():
    content = CSV_TEXT.encode() * 3 + b"198609262015051009;Bud\x00i;Dinas\r\n"
    with pytest.raises(Rejected) as exc:
        read_file(content, "nul.csv")
    assert str(exc.value) == ("Berkas 'nul.csv' berisi karakter NUL (bita nol) di baris 7: bukan teks biasa. "
                              "Simpan ulang dari Excel sebagai \"CSV UTF-8\", lalu unggah lagi.")


def test_csv_rows_columns_and_size_are_bounded():
    rows = "NIP;Nama\r\n" + "".join(f"1986092620150510{i:02d};Nama {i}\r\n" for i in range(50))
    with pytest.raises(Rejected) as exc:
        read_file(rows.encode(), "a.csv", limits=replace(DEFAULT, rows=10))
    assert str(exc.value) == "Berkas 'a.csv' ditolak: berisi 50 baris data, di atas batas 10 baris."
    with pytest.raises(Rejected) as exc:
        read_file(("NIP;Nama;" + ";".join(f"K{i}" for i in range(300)) + "\r\n1;a\r\n").encode(), "b.csv")
    assert str(exc.value) == "Berkas 'b.csv' ditolak: berisi 302 kolom, di atas batas 200 kolom."
    with pytest.raises(Rejected, match=r"^Berkas 'a.csv' ditolak: berukuran .*, di atas batas 0 bita untuk berkas CSV"):
        read_file(rows.encode(), "a.csv", limits=replace(DEFAULT, csv_mb=0))


def test_the_limits_are_settings_with_their_reason(real_store):
    assert from_settings(real_store.setting) == DEFAULT
    for key in SETTING_KEYS:
        assert real_store._scalar("SELECT sumber FROM setting WHERE key = ?", [key]).count("R: ") == 1, key
    assert pipeline.read_limits(real_store) == DEFAULT


def _cli(*args, db):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "data", "--db", str(db), *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize("content,name,message", [
    (SPARSE_DECLARED, "jarang.xlsx", MSG_DIM),
    (SPARSE_UNDECLARED, "jarang.xlsx", MSG_DIED),
    (formula_book(cached=False), "rumus.xlsx", "Sel B3 pada lembar 'Data' berkas 'rumus.xlsx' berisi rumus"),
])
def test_the_command_line_refuses_in_indonesian_without_a_crash(real_copy, tmp_path, content, name, message):
    path = tmp_path / name
    path.write_bytes(content)
    r = _cli("import", str(path), "--period", "2026", db=real_copy)
    assert r.returncode in (1, 2), (r.returncode, r.stderr)
    out = r.stdout + r.stderr
    assert message in out
    assert "Traceback" not in out and "panicked" not in out and "memory allocation" not in out
