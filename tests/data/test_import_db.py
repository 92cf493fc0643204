"""Imports against a real database: exact messages, nothing written on rejection, replace
semantics per kind and period, idempotency, undo, mapping memory, report and command line."""
from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from analytics.nip import MSG_EXCEL
from data.importing import Rejected, pipeline
from data.importing.report import report_xlsx
from data.store import StoreError, open_store
from tests.import_helpers import (
    DATA_TABLES,
    PERSONNEL_HEADER,
    assert_same,
    csv_bytes,
    new_nips,
    personnel_rows,
    snapshot,
    xlsx,
)

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def store(real_store):
    return real_store


def run(store, content, name, **kw):
    kw.setdefault("actor", "uji")
    return pipeline.run(store, content, name, **kw)


def demo_nips(store, period=2025, n=5):
    return store._frame("SELECT nip FROM asn_period WHERE period = ? ORDER BY nip LIMIT ?", [period, n])["nip"].tolist()


# -- rejected files change nothing ------------------------------------------------------------------

def _perf_rows(nips, predikat="Baik"):
    return [["NIP", "Nama", "Predikat Kinerja", "Nilai SKP"]] + [[n, "x", predikat, None] for n in nips]


REJECTS = {
    "float NIP (Excel number)": (
        lambda s: xlsx([PERSONNEL_HEADER, [198609262015051001, "Siti", "Dinas Kesehatan", "Puskesmas",
                                           "Perawat Ahli Muda", "JF Ahli Muda", "III/c", "S1"]],
                       title=["DAFTAR PEGAWAI"]), "pegawai.xlsx", {"period": 2025},
        ["Baris 3, kolom NIP: " + MSG_EXCEL.format(v="1.98609262015051e+17")]),
    "bad predikat": (
        lambda s: xlsx(_perf_rows(demo_nips(s, n=2), "Cukup Baik")), "kinerja.xlsx", {"period": 2025},
        ["Baris 2, kolom Predikat Kinerja: Predikat 'Cukup Baik' tidak dikenali. Gunakan salah satu: Sangat Baik, Baik, "
         "Butuh Perbaikan, Kurang, Sangat Kurang.",
         "Baris 3, kolom Predikat Kinerja: Predikat 'Cukup Baik' tidak dikenali. Gunakan salah satu: Sangat Baik, Baik, "
         "Butuh Perbaikan, Kurang, Sangat Kurang."]),
    "duplicate NIP": (
        lambda s: csv_bytes([PERSONNEL_HEADER] + personnel_rows(new_nips(2)) + personnel_rows(new_nips(1))),
        "pegawai.csv", {"period": 2025},
        [f"Baris 2, kolom NIP: NIP {new_nips(1)[0]} muncul lebih dari sekali dalam berkas (baris 2, 4).",
         f"Baris 4, kolom NIP: NIP {new_nips(1)[0]} muncul lebih dari sekali dalam berkas (baris 2, 4)."]),
    "unknown NIP": (
        lambda s: xlsx(_perf_rows(demo_nips(s, n=1) + new_nips(1))), "kinerja.xlsx", {"period": 2025},
        [f"Baris 3, kolom NIP: NIP {new_nips(1)[0]} tidak ada dalam data kepegawaian periode 2025. Impor data "
         "kepegawaian periode itu lebih dulu, atau periksa NIP-nya."]),
    "decimal comma out of range": (
        lambda s: csv_bytes([["NIP", "Nilai SKP"], [demo_nips(s, n=1)[0], "105,5"]]), "skp.csv",
        {"period": 2025, "kind": "performance"},
        ["Baris 2, kolom Nilai SKP: Nilai 105,5 di luar rentang 0–100."]),
    "missing required column": (
        lambda s: xlsx([["NIP", "Nama Lengkap", "Nama Jabatan"], [new_nips(1)[0], "Siti", "Analis"]]),
        "pegawai.xlsx", {"period": 2025, "kind": "personnel"},
        ["Kolom wajib 'Perangkat Daerah' tidak ditemukan. Petakan kolom yang sesuai, atau gunakan templat Data "
         "kepegawaian.",
         "Kolom wajib 'Jenjang Jabatan (atau Jenis Jabatan/Eselon)' tidak ditemukan. Petakan kolom yang sesuai, atau "
         "gunakan templat Data kepegawaian."]),
}
REJECTS_WHOLE = {
    "empty file": (lambda s: b"", "kosong.xlsx", {}, "Berkas 'kosong.xlsx' kosong."),
    "header only": (lambda s: xlsx([PERSONNEL_HEADER], title=["DAFTAR"]), "pegawai.xlsx", {"period": 2025},
                    "Berkas 'pegawai.xlsx' tidak berisi baris data di bawah judul kolom (baris 2)."),
    "not a spreadsheet": (lambda s: b"NIP,Nama\n1,2\n", "data.xlsx", {},
                          "Berkas 'data.xlsx' bukan lembar kerja Excel yang dapat dibaca (isinya rusak atau bukan "
                          "berkas .xlsx). Buka berkas itu di Excel, simpan ulang sebagai .xlsx atau .csv, lalu impor "
                          "kembali."),
    "no personnel for period": (lambda s: xlsx(_perf_rows(demo_nips(s, n=1))), "kinerja.xlsx", {"period": 2030},
                                "Belum ada data kepegawaian periode 2030. Impor data kepegawaian periode itu lebih "
                                "dulu."),
    "two periods in one file": (
        lambda s: xlsx([["NIP", "Predikat", "Tahun"], [demo_nips(s)[0], "Baik", 2024], [demo_nips(s)[1], "Baik", 2025]]),
        "kinerja.xlsx", {}, "Berkas berisi beberapa periode (2024, 2025); impor satu periode per berkas."),
    "period unknown": (lambda s: xlsx(_perf_rows(demo_nips(s, n=1))), "kinerja.xlsx", {},
                       "Periode belum ditentukan: pilih periode (di baris perintah: --period TAHUN) atau tambahkan "
                       "kolom Periode."),
}


@pytest.mark.parametrize("case", list(REJECTS))
def test_rows_with_errors_block_the_import_and_change_nothing(store, case):
    build, name, kw, expected = REJECTS[case]
    content = build(store)
    before = snapshot(store)
    result = run(store, content, name, **kw)
    assert result.batch_id is None
    errors = [m for m in result.outcome.messages() if "Peringatan" not in m]
    assert errors == expected
    assert_same(before, snapshot(store))


@pytest.mark.parametrize("case", list(REJECTS_WHOLE))
def test_unusable_files_are_refused_and_change_nothing(store, case):
    build, name, kw, expected = REJECTS_WHOLE[case]
    content = build(store)
    before = snapshot(store)
    with pytest.raises(Rejected) as exc:
        run(store, content, name, **kw)
    assert str(exc.value) == expected
    assert_same(before, snapshot(store))


def test_commit_refuses_an_outcome_with_errors(store):
    table = pipeline.read(xlsx(_perf_rows(demo_nips(store, n=1), "Cukup Baik")), "k.xlsx")
    outcome = pipeline.check(store, table, "performance", pipeline.default_mapping(store, table, "performance"), 2025)
    before = snapshot(store)
    with pytest.raises(Rejected, match="Impor dibatalkan: 1 galat; basis data tidak diubah."):
        pipeline.commit(store, outcome, "uji")
    assert_same(before, snapshot(store))


def test_a_failure_inside_the_write_rolls_everything_back(store):
    """Atomicity below validation: the second table violates a CHECK constraint."""
    table = pipeline.read(csv_bytes([PERSONNEL_HEADER] + personnel_rows(new_nips(3))), "p.csv")
    outcome = pipeline.check(store, table, "personnel", pipeline.default_mapping(store, table, "personnel"), 2025)
    assert outcome.ok
    outcome.frames["asn_period"].loc[outcome.frames["asn_period"].index[-1], "nip"] = "123"   # breaks nothing yet
    asn = outcome.frames["asn"]
    asn["jenis_kelamin"] = asn["jenis_kelamin"].astype(object)      # a categorical of L/P otherwise
    asn.loc[asn.index[-1], "jenis_kelamin"] = "X"                                              # CHECK violation
    before = snapshot(store)
    with pytest.raises(StoreError, match="Impor gagal ditulis ke basis data; tidak ada yang diubah"):
        pipeline.commit(store, outcome, "uji")
    assert_same(before, snapshot(store))


# -- success, replace semantics, idempotency ---------------------------------------------------------

def test_messy_siasn_export_imports_with_warnings(store):
    nips = new_nips(4, pppk=1)
    nips = nips[1:] + nips[:1]                      # the last one is PPPK
    header = ["No", "nipBaru", "nama", "gelarBelakang", "tglLahir", "jenisKelamin", "unorNama", "unorIndukNama",
              "jenisJabatan", "jabatanNama", "eselon", "golRuangAkhir", "tmtGolAkhir", "tkPendidikanTerakhir",
              "pendidikanTerakhirNama", "NIK", "alamat", "agama"]
    rows = [
        [1, f"'{nips[0]}", "  Siti  Aminah ", "S.Kep.", "29-02-1988", "L", "Puskesmas Curug", "Dinas Kesehatan",
         "Fungsional Tertentu", "Perawat Ahli Muda", "", "iii/c", "1 April 2022", "S-1", "S-1 Keperawatan",
         "3604xxxx", "Jl. Mawar", "Islam"],
        [2, nips[1], "Budi", "M.Si.", "", "", "Sekretariat", "DINAS KESEHATAN", "Struktural", "Sekretaris Dinas",
         "III.a", "Pembina (IV/a)", "01-10-2023", "S2", "S-2 Administrasi Publik", "", "", ""],
        [3, nips[2], "Ani", "", "", "", "Bagian Umum", "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia",
         "Fungsional Umum", "Pengadministrasi Perkantoran", "", "II/b", "", "SLTA", "SMA IPS", "", "", ""],
        [4, nips[3], "Dedi", "", "", "", "Bidang Aplikasi", "Dinas Komunikasi Informatika Persandian",
         "Fungsional Tertentu", "Pranata Komputer Terampil", "", "3", "", "D-III", "D-III Manajemen Informatika",
         "", "", ""],
    ]
    content = xlsx([header] + rows, title=["DAFTAR NOMINATIF ASN", "PEMERINTAH KOTA SERANG", ""],
                   merges=["A1:R1", "A2:R2"])
    result = run(store, content, "siasn-export.xlsx", period=2026, allow_new_opd=True)
    o = result.outcome
    assert result.batch_id is not None and o.kind == "personnel" and o.period == 2026, o.messages()
    assert o.ignored == ["No", "NIK", "alamat", "agama"]
    assert o.messages() == [
        "kolom unorIndukNama: Peringatan: Perangkat daerah baru akan ditambahkan: Dinas Komunikasi Informatika "
        "Persandian. Periksa ejaannya bila seharusnya sudah ada.",
        "Baris 5, kolom jenisKelamin: Peringatan: Jenis kelamin 'L' berbeda dengan digit ke-15 NIP; yang disimpan "
        "menurut NIP.",
    ]
    ap = store._frame("SELECT * FROM asn_period WHERE period = 2026 ORDER BY nip")
    assert len(ap) == 4
    got = ap.set_index("nip")
    assert got.loc[nips[0], "golongan"] == "III/c" and got.loc[nips[0], "jenjang_jabatan"] == "JF Ahli Muda"
    assert got.loc[nips[0], "opd_id"] == "DINKES" and got.loc[nips[1], "opd_id"] == "DINKES"
    assert got.loc[nips[1], "jenjang_jabatan"] == "Administrator" and got.loc[nips[1], "eselon"] == "III.a"
    assert got.loc[nips[1], "golongan"] == "IV/a" and got.loc[nips[2], "jenjang_jabatan"] == "Pelaksana"
    assert got.loc[nips[2], "pendidikan_tingkat"] == "SMA" and got.loc[nips[0], "pendidikan_bidang"] == "Keperawatan"
    assert got.loc[nips[3], "jenjang_jabatan"] == "JF Terampil" and got.loc[nips[3], "golongan"] == "III"
    asn = store._frame("SELECT * FROM asn WHERE nip = ?", [nips[0]]).iloc[0]
    assert asn["nama"] == "Siti Aminah" and asn["gelar_belakang"] == "S.Kep."
    assert "nik" not in store.columns("asn") and "alamat" not in store.columns("asn")
    assert 2026 in store.periods()


def test_decimal_commas_are_stored_as_numbers(store):
    nips = demo_nips(store, n=2)
    rows = [["NIP", "Nilai SKP", "Nilai Penghargaan"], [nips[0], "85,5", "90"], [nips[1], "77,25", ""]]
    result = run(store, csv_bytes(rows), "skp-lama.csv", period=2025, kind="performance")
    assert result.batch_id is not None, result.outcome.messages()
    got = store._frame("SELECT nip, nilai_legacy, penghargaan FROM performance WHERE period = 2025 ORDER BY nip")
    assert got["nilai_legacy"].tolist() == [85.5, 77.25] and got["penghargaan"].iloc[0] == 90


def test_replace_semantics_per_kind_and_period(store):
    before = snapshot(store)
    nips = demo_nips(store, n=3)
    run(store, xlsx(_perf_rows(nips, "Sangat Baik")), "kinerja.xlsx", period=2025)
    after = snapshot(store)
    perf = after["performance"]
    assert perf[perf["period"] == 2025]["nip"].tolist() == nips              # 2025 replaced
    old = before["performance"]
    assert perf[perf["period"] == 2024].reset_index(drop=True).equals(
        old[old["period"] == 2024].reset_index(drop=True))                   # 2024 untouched
    for t in ("asn", "asn_period", "assessment", "discipline", "target_post"):
        assert after[t].equals(before[t]), t                                  # other kinds untouched


def test_assessment_replaces_only_its_sources(store):
    ac_before = store._frame("SELECT count(*) AS n FROM assessment WHERE period = 2025 AND sumber = 'AC'")["n"][0]
    assert ac_before > 0
    nips = demo_nips(store, n=2)
    rows = [["NIP", "Integritas", "Kerja Sama", "JPM (%)"], [nips[0], 3, "4", "78,5"], [nips[1], "2", 3, 70]]
    result = run(store, csv_bytes(rows), "cact.csv", period=2025, kind="assessment", constants={"sumber": "CACT"})
    assert result.batch_id is not None, result.outcome.messages()
    counts = store._frame("SELECT sumber, count(*) AS n FROM assessment WHERE period = 2025 GROUP BY sumber")
    counts = dict(zip(counts["sumber"], counts["n"]))
    assert counts == {"AC": ac_before, "CACT": 2}


def test_same_file_twice_gives_the_same_database(store):
    content = csv_bytes([PERSONNEL_HEADER] + personnel_rows(new_nips(25, pppk=3)), ";", "cp1252")
    first = run(store, content, "pegawai.csv", period=2025)
    assert first.batch_id is not None, first.outcome.messages()
    once = snapshot(store, DATA_TABLES)
    second = run(store, content, "pegawai.csv", period=2025)
    assert second.batch_id == first.batch_id + 1
    assert_same(once, snapshot(store, DATA_TABLES))
    assert store.count_rows("asn_period", 2025) == 25


def test_data_version_changes_on_import_and_undo(store):
    v0 = store.data_version()
    run(store, xlsx(_perf_rows(demo_nips(store, n=2))), "k.xlsx", period=2025)
    v1 = store.data_version()
    store.undo_import("performance", 2025, "uji")
    v2 = store.data_version()
    assert len({v0, v1, v2}) == 3


# -- undo --------------------------------------------------------------------------------------------

def test_undo_restores_exactly_the_previous_state_for_every_kind(store):
    nips = new_nips(6)
    steps = [
        ("personnel", 2025, csv_bytes([PERSONNEL_HEADER] + personnel_rows(nips, opd="Dinas Baru Sekali")),
         {"period": 2025, "allow_new_opd": True}),
        ("performance", 2024, xlsx(_perf_rows(demo_nips(store, 2024, 4), "Kurang")), {"period": 2024}),
        ("assessment", 2025, xlsx([["NIP", "Sumber Asesmen", "Integritas", "Nilai Potensi"],
                                   [nips[0], "AC", 4, "81,5"], [nips[1], "ac", "3", 70]]), {"period": 2025}),
        ("discipline", None, xlsx([["NIP", "Jenis Hukuman", "TMT Hukuman"], [nips[0], "Teguran tertulis", "02-01-2025"],
                                   [nips[1], "Penurunan jabatan setingkat lebih rendah", "2025-03-01"]]), {}),
        ("target-posts", None, xlsx([["Nama Jabatan", "Perangkat Daerah", "Jenjang Jabatan", "Lowong", "Kritikal"],
                                     ["Kepala Dinas Uji", "Dinas Uji Coba", "JPT Pratama", "Ya", "tidak"]]),
         {"allow_new_opd": True}),
    ]
    states = [snapshot(store, DATA_TABLES)]
    for kind, _period, content, kw in steps:
        name = f"{kind}.csv" if content[:2] != b"PK" else f"{kind}.xlsx"
        result = run(store, content, name, kind=kind, **kw)
        assert result.batch_id is not None, (kind, result.outcome.messages())
        states.append(snapshot(store, DATA_TABLES))
        assert not all(states[-1][t].equals(states[-2][t]) for t in DATA_TABLES)
    for (kind, period, _, _), previous in zip(reversed(steps), reversed(states[:-1])):
        store.undo_import(kind, period, "uji")
        assert_same(previous, snapshot(store, DATA_TABLES))
    with pytest.raises(StoreError, match="^Tidak ada impor data kepegawaian periode 2025 yang dapat dibatalkan.$"):
        store.undo_import("personnel", 2025, "uji")


def test_reimported_people_are_replaced_in_place_and_undo_brings_them_back(store):
    """Known NIPs take the file's values (the ASN rows are merged on their key, not deleted and
    re-inserted), new ones are added, and undo restores exactly the rows before."""
    known, fresh = demo_nips(store, 2025, 4), new_nips(2)
    before = snapshot(store, DATA_TABLES)
    old_names = dict(store._frame("SELECT nip, nama FROM asn WHERE list_contains(?, nip)", [known]).values)
    result = run(store, csv_bytes([PERSONNEL_HEADER] + personnel_rows(known + fresh)), "pegawai.csv", period=2025)
    assert result.batch_id is not None, result.outcome.messages()
    rows = store._frame("SELECT nip, nama, batch_id FROM asn WHERE list_contains(?, nip) ORDER BY nip", [known + fresh])
    assert len(rows) == 6 and set(rows["batch_id"]) == {result.batch_id}
    assert dict(rows[["nip", "nama"]].values) == {nip: f"Pegawai Uji {i + 1}" for i, nip in enumerate(known + fresh)}
    assert all(old_names[nip] != f"Pegawai Uji {i + 1}" for i, nip in enumerate(known))
    others = store._scalar("SELECT count(*) FROM asn WHERE NOT list_contains(?, nip)", [known + fresh])
    assert others == len(before["asn"]) - 4
    store.undo_import("personnel", 2025, "uji")
    assert_same(before, snapshot(store, DATA_TABLES))


def test_shadow_table_behind_its_table_gets_the_column_and_undo_restores(store):
    """A shadow table (the replaced rows kept for undo) lacking a column of its table, as a database from
    before that column was added: the import adds it, and the undo restores that column's values."""
    nips = demo_nips(store, 2024, 2)
    first = xlsx([["NIP", "Jenis Hukuman", "TMT Hukuman"], [nips[0], "Teguran tertulis", "02-01-2025"],
                  [nips[1], "Penurunan jabatan setingkat lebih rendah", "2025-03-01"]])
    assert run(store, first, "hukdis.xlsx", kind="discipline").batch_id is not None
    before = snapshot(store, DATA_TABLES)
    column = store._con.execute("SELECT column_name FROM duckdb_columns() WHERE table_name = 'discipline'"
                                " AND column_name NOT IN ('nip', 'batch_id') ORDER BY column_index").fetchone()[0]
    store._con.execute(f"ALTER TABLE import_replaced_discipline DROP COLUMN {column}")
    store.close()
    store = open_store(store.path)   # as a server started on that database
    second = xlsx([["NIP", "Jenis Hukuman", "TMT Hukuman"], [nips[0], "Teguran lisan", "05-05-2025"]])
    assert run(store, second, "hukdis-2.xlsx", kind="discipline").batch_id is not None
    assert column in [r[0] for r in store._con.execute(
        "SELECT column_name FROM duckdb_columns() WHERE table_name = 'import_replaced_discipline'").fetchall()]
    store.undo_import("discipline", None, "uji")
    assert_same(before, snapshot(store, DATA_TABLES))


def test_undo_is_a_stack_per_kind_and_period(store):
    nips = demo_nips(store, n=3)
    s0 = snapshot(store, DATA_TABLES)
    run(store, xlsx(_perf_rows(nips[:2], "Baik")), "a.xlsx", period=2025)
    s1 = snapshot(store, DATA_TABLES)
    run(store, xlsx(_perf_rows(nips, "Sangat Baik")), "b.xlsx", period=2025)
    store.undo_import("performance", 2025, "uji")
    assert_same(s1, snapshot(store, DATA_TABLES))
    store.undo_import("performance", 2025, "uji")
    assert_same(s0, snapshot(store, DATA_TABLES))


def test_undo_refused_when_a_later_import_replaced_its_rows(store):
    nips = new_nips(3)
    rows = [PERSONNEL_HEADER] + personnel_rows(nips)
    run(store, csv_bytes(rows), "p2025.csv", period=2025)
    later = run(store, csv_bytes(rows), "p2024.csv", period=2024)      # same people: overwrites their asn rows
    with pytest.raises(StoreError) as exc:
        store.undo_import("personnel", 2025, "uji")
    assert str(exc.value) == (f"Impor #{later.batch_id - 1} tidak dapat dibatalkan karena sebagian datanya sudah "
                              f"diganti oleh impor #{later.batch_id} (data kepegawaian periode 2024). Batalkan impor "
                              "itu lebih dulu.")
    store.undo_import("personnel", 2024, "uji")
    store.undo_import("personnel", 2025, "uji")
    assert not set(nips) & set(store._frame("SELECT nip FROM asn")["nip"])


# -- mapping memory, report ------------------------------------------------------------------------

def test_confirmed_mapping_is_remembered(store):
    nips = new_nips(2)
    header = ["NIP", "Nama", "Instansi Unit", "Nama Jabatan", "Jenjang Jabatan"]
    content = xlsx([header] + [[n, "X", "Dinas Kesehatan", "Analis", "Pelaksana"] for n in nips])
    table = pipeline.read(content, "p.xlsx")
    assert 2 not in pipeline.default_mapping(store, table, "personnel")
    first = run(store, content, "p.xlsx", period=2025, overrides={"Instansi Unit": "Perangkat Daerah"})
    assert first.batch_id is not None, first.outcome.messages()
    assert store.import_mappings("personnel") == {"instansiunit": "opd"}
    assert pipeline.default_mapping(store, table, "personnel")[2] == "opd"
    second = run(store, content, "p.xlsx", period=2025)
    assert second.batch_id is not None


def test_report_has_original_rows_and_messages(store):
    nips = demo_nips(store, n=2)
    content = xlsx(_perf_rows(nips[:1], "Baik") + [[nips[1], "y", "Luar Biasa", None]], title=["KINERJA 2025"])
    result = run(store, content, "kinerja.xlsx", period=2025)
    wb = openpyxl.load_workbook(io.BytesIO(report_xlsx(result.outcome)))
    assert wb.sheetnames == ["Ringkasan", "Laporan", "Pesan"]
    rows = list(wb["Laporan"].iter_rows(values_only=True))
    assert rows[0] == ("Baris", "NIP", "Predikat Kinerja", "Nilai SKP", "Status", "Pesan")   # 'Nama' is ignored
    assert rows[1][:5] == (3, nips[0], "Baik", None, "OK")
    assert rows[2][4] == "Galat" and rows[2][5].startswith("Predikat Kinerja: Predikat 'Luar Biasa' tidak dikenali.")


# -- command line ------------------------------------------------------------------------------------

def _cli(*args, db):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "data", "--db", str(db), *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=60)


def test_cli_import_undo_and_errors(store, tmp_path):
    db = store.path
    store.close()
    good = tmp_path / "pegawai.csv"
    good.write_bytes(csv_bytes([PERSONNEL_HEADER] + personnel_rows(new_nips(5))))
    bad = tmp_path / "kinerja.xlsx"
    bad.write_bytes(b"bukan excel")
    r = _cli("import", str(good), "--period", "2026", db=db)
    assert r.returncode == 0, r.stderr
    assert "[  5%] Membaca berkas pegawai.csv…" in r.stdout and "Jenis data: Data kepegawaian (dikenali dari judul kolom)." in r.stdout
    assert "Selesai: impor #2, 5 baris data kepegawaian periode 2026. Batalkan dengan: python -m data undo --kind " \
           "personnel --period 2026" in r.stdout
    r = _cli("import", str(bad), db=db)
    assert r.returncode == 1 and r.stderr.count("\n") == 1 and "Traceback" not in r.stderr
    assert r.stderr.startswith("Gagal: Berkas 'kinerja.xlsx' bukan lembar kerja Excel yang dapat dibaca")
    r = _cli("undo", "--kind", "personnel", "--period", "2026", db=db)
    assert r.returncode == 0 and r.stdout.strip() == ("Impor #2 (data kepegawaian periode 2026, berkas pegawai.csv, "
                                                      "5 baris) dibatalkan; data sebelumnya dipulihkan.")
    s = open_store(db, read_only=True)
    assert 2026 not in s.periods()
    s.close()


@pytest.mark.slow
def test_cli_says_the_dashboard_holds_the_database(demo_db, tmp_path):
    db = tmp_path / "locked.duckdb"
    shutil.copy(demo_db, db)
    f = tmp_path / "p.csv"
    f.write_bytes(csv_bytes([PERSONNEL_HEADER] + personnel_rows(new_nips(1))))
    holder = subprocess.Popen([sys.executable, "-c", "import duckdb, sys, time; c = duckdb.connect(sys.argv[1]); "
                               "print('ok', flush=True); time.sleep(30)", str(db)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "ok"
        r = _cli("import", str(f), "--period", "2025", db=db)
    finally:
        holder.kill()
        holder.wait()
    assert r.returncode == 1 and "Traceback" not in r.stderr and r.stderr.count("\n") == 1
    assert r.stderr == (f"Gagal: Basis data {db} sedang dipakai proses lain (misalnya dashboard yang sedang berjalan): "
                        "lakukan impor lewat halaman Impor Data di dashboard itu, atau hentikan proses itu lalu coba "
                        "lagi.\n")


def test_first_real_import_replaces_the_synthetic_demo(demo_db, tmp_path):
    path = tmp_path / "demo-then-real.duckdb"
    shutil.copy(demo_db, path)
    s = open_store(path)
    try:
        assert s.has_synthetic_data() and not s.has_real_data()
        demo_nip = s.population(2025)["nip"].iloc[0]
        s.record_discussion(2025, demo_nip, 60, True, "ketua1")
        s.add_development_action(2025, demo_nip, "coaching", "Coaching kinerja", "ketua1")
        nips = new_nips(4)
        run(s, xlsx([PERSONNEL_HEADER, *personnel_rows(nips)]), "pegawai.xlsx", period=2025)
        assert not s.has_synthetic_data() and s.has_real_data()
        # committee and development records made on the demo are gone with it
        for table in ("calibration", "discussion"):
            assert s.count_rows(table) == 0, table
        assert s._scalar("SELECT count(*) FROM development_action") == 0
        assert sorted(s.dump_table("asn")["nip"]) == sorted(nips)  # no synthetic person is left
        assert s.periods() == [2025]                                  # the synthetic 2024 went too
        assert s.count_rows("assessment") == 0 and s.count_rows("target_post") == 0
        assert set(s.opd()["opd_id"]) == set(s.dump_table("asn_period")["opd_id"])
    finally:
        s.close()


def test_a_target_post_without_a_level_is_a_row_error_not_a_database_error(store):
    """Eselon left blank and no Jenjang Jabatan column: the row is named, nothing is written."""
    before = store.count_rows("target_post")
    result = run(store, xlsx([["Nama Jabatan", "Perangkat Daerah", "Eselon", "Lowong"],
                              ["Kepala Dinas Uji", "Dinas Uji Coba", "II.b", "Ya"],
                              ["Sekretaris Uji", "Dinas Uji Coba", None, "Ya"]]), "posts.xlsx", kind="target-posts",
                 allow_new_opd=True)
    assert result.batch_id is None
    issues = result.outcome.issues
    bad = issues[issues["pesan"].str.startswith("Jenjang jabatan target kosong")]
    assert bad["baris"].tolist() == [3] and bad["kolom"].tolist() == ["Eselon"]
    assert store.count_rows("target_post") == before
