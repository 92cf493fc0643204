"""Reading messy files and normalising messy values (pure: no database, no Streamlit)."""
from __future__ import annotations

import io
import zipfile
from datetime import date

import pandas as pd
import pytest

from data.importing import Rejected
from data.importing.fields import KINDS, header_key, is_sensitive
from data.importing.mapping import auto_map, detect_kind
from data.importing.normalise.categories import norm_predikat
from data.importing.normalise.dates import norm_date
from data.importing.normalise.education import norm_pendidikan, strip_pendidikan
from data.importing.normalise.golongan import norm_golongan
from data.importing.normalise.jenjang import derive_jenjang
from data.importing.normalise.numbers import norm_decimal
from data.importing.outcome import Reference
from data.importing.reader import read_file
from data.importing.templates import template_xlsx
from data.importing.validate import validate
from tests.import_helpers import csv_bytes, xlsx


def test_header_below_title_block_with_merged_cells():
    rows = [["NIP", "Identitas", "", "Jabatan", "Kinerja"],
            ["", "Nama Lengkap", "Unit Kerja", "", "Predikat Kinerja"],
            ["198609262015051001", "Siti", "Puskesmas Curug", "Perawat Ahli Muda", "Baik"],
            ["197501012000031002", "Budi", "Sekretariat", "Kepala Dinas", "Sangat Baik"]]
    content = xlsx(rows, title=["PEMERINTAH KOTA SERANG", "DAFTAR NOMINATIF PEGAWAI 2025", ""],
                   merges=["A1:E1", "A2:E2", "A4:A5", "B4:C4", "D4:D5", "E4:E4"])
    t = read_file(content, "nominatif.xlsx")
    assert t.fmt == "xlsx" and t.sheet == "Data"
    assert t.header_rows == (5,) or t.header_rows == (4, 5)
    assert t.headers == ["NIP", "Nama Lengkap", "Unit Kerja", "Jabatan", "Predikat Kinerja"]
    assert t.rows.index.tolist() == [6, 7]                 # spreadsheet row numbers
    assert t.rows.iloc[0, 0] == "198609262015051001"


def test_two_row_header_without_merges_is_combined():
    rows = [["NIP", "Nama", "Kinerja", ""], ["", "", "Predikat", "Nilai SKP"], ["198609262015051001", "Siti", "Baik", "85,5"]]
    t = read_file(csv_bytes(rows), "kinerja.csv")
    assert t.header_rows == (1, 2)
    assert t.headers == ["NIP", "Nama", "Predikat", "Nilai SKP"]


def test_merged_data_cells_are_filled_downwards():
    rows = [["NIP", "Nama", "Perangkat Daerah"], ["198609262015051001", "Siti", "Dinas Kesehatan"],
            ["197501012000031002", "Budi", None]]
    t = read_file(xlsx(rows, merges=["C2:C3"]), "x.xlsx")
    assert t.rows[2].tolist() == ["Dinas Kesehatan", "Dinas Kesehatan"]


def test_csv_semicolon_windows_1252():
    rows = [["NIP Baru", "Nama", "Unit Kerja"], ["198609262015051001", "Siti – Aminah", "Bagian Umum"]]
    t = read_file(csv_bytes(rows, ";", "cp1252"), "siasn.csv")
    assert t.fmt == "csv" and 'pemisah ";"' in t.detail and "Windows-1252" in t.detail
    assert t.rows.iloc[0, 1] == "Siti – Aminah"


def test_csv_comma_utf8_bom_and_trailing_empty_rows():
    content = "\ufeffnipBaru,nama,unorNama\n198609262015051001,Siti,Puskesmas\n,,\n\n".encode("utf-8")
    t = read_file(content, "siasn.csv")
    assert t.headers == ["nipBaru", "nama", "unorNama"] and t.n_rows == 1 and "UTF-8" in t.detail


@pytest.mark.parametrize("content,name,message", [
    (b"", "kosong.xlsx", "Berkas 'kosong.xlsx' kosong."),
    (b"ini bukan lembar kerja, hanya teks biasa\n", "laporan.xlsx",
     "Berkas 'laporan.xlsx' bukan lembar kerja Excel yang dapat dibaca (isinya rusak atau bukan berkas .xlsx). "
     "Buka berkas itu di Excel, simpan ulang sebagai .xlsx atau .csv, lalu impor kembali."),
    (b"%PDF-1.4 binary", "data.pdf", "Jenis berkas '.pdf' tidak didukung: gunakan .xlsx, .xls atau .csv."),
    (b"NIP;Nama\x00\x01\x02", "data.csv",
     "Berkas 'data.csv' berisi karakter NUL (bita nol) di baris 1: bukan teks biasa. Simpan ulang dari Excel "
     "sebagai \"CSV UTF-8\", lalu unggah lagi."),
    (b"Kolom1;Kolom2\na;b\n", "acak.csv",
     "Baris judul kolom tidak ditemukan pada 30 baris pertama berkas 'acak.csv'. Pastikan ada satu baris judul "
     "dengan kolom seperti NIP, Nama, Nama Jabatan atau Predikat Kinerja."),
])
def test_unreadable_files_are_rejected_with_a_sentence(content, name, message):
    with pytest.raises(Rejected) as exc:
        read_file(content, name)
    assert str(exc.value) == message


def test_zip_that_is_not_a_workbook():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("word/document.xml", "<w/>")
    with pytest.raises(Rejected) as exc:
        read_file(buf.getvalue(), "surat.xlsx")
    assert str(exc.value).startswith("Berkas 'surat.xlsx' bukan lembar kerja Excel yang dapat dibaca")


def test_header_keys_and_kind_detection():
    assert header_key("nipBaru") == header_key("Nip Baru") == header_key(" NIP_BARU ") == "nipbaru"
    siasn = ["nipBaru", "nama", "gelarDepan", "tglLahir", "unorNama", "unorIndukNama", "jenisJabatan", "jabatanNama",
             "eselon", "golRuangAkhir", "tkPendidikanTerakhir", "NIK", "alamat"]
    assert detect_kind(siasn) == "personnel"
    m = auto_map(siasn, "personnel")
    assert m[0] == "nip" and m[4] == "unit_kerja" and m[5] == "opd" and m[9] == "golongan"
    assert 11 not in m and 12 not in m and is_sensitive("NIK") and is_sensitive("Alamat Rumah")
    assert detect_kind(["NIP", "Nama", "Predikat Kinerja"]) == "performance"
    assert detect_kind(["NIP", "Nama", "Integritas", "Kerja Sama", "JPM"]) == "assessment"
    assert detect_kind(["NIP", "Jenis Hukuman", "TMT Hukuman"]) == "discipline"
    assert detect_kind(["Nama Jabatan", "Perangkat Daerah", "Jenjang Jabatan", "Lowong", "Kritikal"]) == "target-posts"
    with pytest.raises(Rejected, match="Jenis data tidak dapat dikenali"):
        detect_kind(["Kolom A", "Kolom B"])


def test_remembered_mapping_wins_over_synonyms():
    headers = ["NIP", "Nama", "Satker Induk", "Unit Kerja"]
    assert 2 not in auto_map(headers, "personnel")
    m = auto_map(headers, "personnel", {header_key("Satker Induk"): "opd", header_key("Unit Kerja"): ""})
    assert m[2] == "opd" and 3 not in m


def _norm(fn, values, *args):
    vals, msgs = fn(pd.Series(values, dtype=object), *args)
    return vals.tolist(), msgs.tolist()


def test_predikat_spellings():
    allowed = ["Sangat Baik", "Baik", "Butuh Perbaikan", "Kurang", "Sangat Kurang"]
    vals, msgs = _norm(norm_predikat, ["sangat baik", "SB", "Sangat  Baik ", "BAIK", "butuh perbaikan",
                                       "Kurang/Misconduct", "Cukup", None, ""], allowed)
    assert vals == ["Sangat Baik"] * 3 + ["Baik", "Butuh Perbaikan", "Kurang", None, None, None]
    assert msgs[6] == ("Predikat 'Cukup' tidak dikenali. Gunakan salah satu: Sangat Baik, Baik, Butuh Perbaikan, "
                       "Kurang, Sangat Kurang.")
    assert msgs[:6] == [None] * 6 and msgs[7:] == [None, None]


def test_golongan_spellings():
    vals, msgs = _norm(norm_golongan, ["III/a", "III / A", "iii-b", "3c", "Penata Muda (III/a)",
                                       "Pembina Utama Muda, IV/c", "Penata Tk. I", "IX", "9", "IV/f", "V/a"])
    assert vals == ["III/a", "III/a", "III/b", "III/c", "III/a", "IV/c", "III/d", "IX", "IX", None, None]
    assert msgs[9] == "Golongan 'IV/f' tidak dikenali. Tulis seperti III/a (PNS, I/a–IV/e) atau IX (PPPK, I–XVII)."


def test_dates_in_usual_indonesian_forms():
    vals, msgs = _norm(norm_date, ["05-01-2026", "5/1/2026", "2026-01-05", "5 Januari 2026", "05 Jan 2026",
                                   date(2026, 1, 5), 46027.0, "20260105", "05-01-26", "31-02-2026"])
    assert vals[:8] == [date(2026, 1, 5)] * 8
    assert msgs[8] == "Tanggal '05-01-26' memakai tahun dua digit; tulis tahun lengkap, misalnya 05-01-2026."
    assert msgs[9] == "Tanggal '31-02-2026' tidak dikenali. Gunakan bentuk HH-BB-TTTT, misalnya 05-01-2026."


def test_decimal_commas_and_ranges():
    vals, msgs = _norm(norm_decimal, ["85,5", "85.5", 85.5, "1.234,5", " 90 ", "105,5", "abc", "80 %"], 0, 100)
    assert vals[:5] == [85.5, 85.5, 85.5, None, 90.0] and vals[7] == 80.0
    assert msgs[3] == "Nilai 1234,5 di luar rentang 0–100."
    assert msgs[5] == "Nilai 105,5 di luar rentang 0–100."
    assert msgs[6] == "'abc' bukan angka (harus 0–100)."
    vals, msgs = _norm(norm_decimal, ["3", 4.0, "3,5", "6"], 1, 5, True)
    assert vals[:2] == [3, 4] and msgs[2] == "Level '3,5' harus bilangan bulat 1–5." and msgs[3] == "Nilai 6 di luar rentang 1–5."


def test_job_levels_from_eselon_kind_and_post_name():
    idx = pd.RangeIndex(6)
    levels = ["JPT Pratama", "Administrator", "Pengawas", "JF Ahli Muda", "JF Terampil", "Pelaksana"]
    jenjang, errs, warns = derive_jenjang(
        None, pd.Series(["Struktural", "Struktural", "Fungsional Tertentu", "Fungsional Umum", "Fungsional", "Struktural"]),
        pd.Series(["II.b", "IV.a", "", "", "", ""]),
        pd.Series(["Kepala Dinas", "Lurah Cipare", "Perawat Ahli Muda", "Pengadministrasi", "Guru", "Kepala Bagian"]),
        levels, idx)
    assert jenjang.tolist()[:4] == ["JPT Pratama", "Pengawas", "JF Ahli Muda", "Pelaksana"]
    assert errs[4].startswith("Jenjang jabatan fungsional tidak dapat ditentukan")
    assert errs[5] == "Jabatan struktural tanpa eselon: isi kolom Eselon atau Jenjang Jabatan."


def test_education_and_field_split():
    vals, _ = _norm(norm_pendidikan, ["S1", "S-1", "Strata II", "D-III", "DIV", "SLTA", "Sarjana", "SMA/SMK"],
                    ["SD", "SMP", "SMA", "D3", "D4", "S1", "S2", "S3"])
    assert vals == ["S1", "S1", "S2", "D3", "D4", "SMA", "S1", "SMA"]
    bidang, tingkat = strip_pendidikan(pd.Series(["S-1 Ilmu Pemerintahan", "D-III Keperawatan", "Hukum"]))
    assert bidang.tolist() == ["Ilmu Pemerintahan", "Keperawatan", "Hukum"]
    assert tingkat.tolist() == ["S1", "D3", None]


@pytest.mark.parametrize("kind", KINDS)
def test_templates_round_trip(kind):
    import openpyxl

    content = template_xlsx(kind, {"opd": ["Dinas Kesehatan", "BKPSDM"]})
    wb = openpyxl.load_workbook(io.BytesIO(content))
    assert wb.sheetnames == ["Data", "Petunjuk", "Daftar"] and wb["Daftar"].sheet_state == "hidden"
    ws = wb["Data"]
    assert ws.data_validations.dataValidation, "dropdown / range validation present"
    if kind != "target-posts":
        assert ws["A1"].value == "NIP" and ws.column_dimensions["A"].number_format == "@"
    with pytest.raises(Rejected, match="tidak berisi baris data"):
        t = read_file(content, f"templat-{kind}.xlsx")
        assert detect_kind(t.headers) == kind
        assert len(auto_map(t.headers, kind)) == len(t.headers)   # every template column is recognised
        validate(t, kind, auto_map(t.headers, kind), 2025, Reference(personnel_nips={"x"}))
