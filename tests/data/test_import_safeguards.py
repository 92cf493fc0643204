"""Operator safeguards of the importer: a mapping fixed by hand is kept for the corrected re-upload,
footer rows are skipped, an OPD the database does not know needs a confirmation, the first real
import says what it removes, and the check report carries only mapped columns."""
from __future__ import annotations

import io

import openpyxl
import pandas as pd
import pytest

from data.importing import pipeline
from data.importing.footer import FOOTER_WORDS, find_footers, footer_word
from data.importing.report import report_xlsx
from data.store import open_store
from tests.data.test_import_db import _cli
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


@pytest.fixture
def store(real_store):
    return real_store


def run(store, content, name, **kw):
    kw.setdefault("actor", "uji")
    return pipeline.run(store, content, name, **kw)


# -- a mapping fixed by hand is kept for the re-upload -----------------------------------------------

MAP_HEADER = ["NIP", "Nama", "Instansi Unit", "Nama Jabatan", "Jenjang Jabatan"]


def test_a_mapping_fixed_by_hand_is_kept_when_the_check_fails_and_prefills_the_corrected_file(store):
    nips = new_nips(3)
    bad = xlsx([MAP_HEADER] + [[n, "X", "Dinas Kesehatan", "Analis", "Pelaksana"] for n in nips[:2]]
               + [[nips[2], "X", "Dinas Kesehatan", "Analis", "Jenjang Tak Dikenal"]])
    version = store.data_version()
    first = run(store, bad, "p.xlsx", period=2025, overrides={"Instansi Unit": "Perangkat Daerah"})
    assert first.batch_id is None and first.outcome.errors == 1          # the file still has an error …
    assert store.import_mappings("personnel") == {"instansiunit": "opd"}  # … but the fix is kept already
    audit = store.audit_entries(action="impor-pemetaan")
    assert len(audit) == 1 and audit["actor"].iloc[0] == "uji" and "Instansi Unit" in audit["detail"].iloc[0]
    assert store.data_version() == version                                # a mapping changes no data
    notes = store.import_mapping_entries("personnel")
    assert notes[["header", "field", "updated_by"]].values.tolist() == [["Instansi Unit", "opd", "uji"]]
    # the corrected file, same headers: pre-filled, imports without any override
    good = xlsx([MAP_HEADER] + [[n, "X", "Dinas Kesehatan", "Analis", "Pelaksana"] for n in nips])
    table = pipeline.read(good, "p-benar.xlsx")
    assert pipeline.default_mapping(store, table, "personnel")[2] == "opd"
    second = run(store, good, "p-benar.xlsx", period=2025)
    assert second.batch_id is not None, second.outcome.messages()
    assert len(store.audit_entries(action="impor-pemetaan")) == 1        # nothing new to remember: no write


def test_setting_a_choice_back_to_the_proposal_forgets_it(store):
    table = pipeline.read(xlsx([MAP_HEADER, [new_nips(1)[0], "X", "Dinas Kesehatan", "Analis", "Pelaksana"]]),
                          "p.xlsx")
    mapping = pipeline.default_mapping(store, table, "personnel")
    saved = pipeline.remember_mapping(store, table, "personnel", {**mapping, 2: "opd", 1: ""}, "uji")
    assert saved == [("Nama", ""), ("Instansi Unit", "opd")]
    assert store.import_mappings("personnel") == {"nama": "", "instansiunit": "opd"}
    assert pipeline.remember_mapping(store, table, "personnel", {**mapping, 2: "opd", 1: ""}, "uji") == []
    back = pipeline.remember_mapping(store, table, "personnel", {**mapping, 2: "opd"}, "uji")
    assert back == [("Nama", None)]
    assert store.import_mappings("personnel") == {"instansiunit": "opd"}


# -- footer rows -------------------------------------------------------------------------------------

def test_footer_words_are_one_list_and_match_case_insensitively():
    assert {"jumlah", "total", "grand total", "jumlah total"} <= set(FOOTER_WORDS)
    assert footer_word("JUMLAH :") == "JUMLAH"
    assert footer_word("  Grand Total") == "Grand Total"
    assert footer_word("Jumlah Total Pegawai") == "Jumlah Total"
    assert footer_word("jumlah pegawai") == "jumlah"
    assert footer_word("Totalitas") is None and footer_word("Siti Jumlah") is None and footer_word(12) is None


def test_footer_rows_in_pyarrow_text_columns_are_found_too():
    """The csv reader gives columns of many distinct texts as pyarrow strings (a national NIP column)."""
    index = pd.RangeIndex(2, 6)
    nip = pd.Series(["198609262015051001", "Jumlah", None, "19860926 2015051002"], index=index,
                    dtype="string[pyarrow]")
    rows = pd.DataFrame({0: nip.astype(object), 1: ["Ani", None, "TOTAL :", "Budi"]}, index=index)
    messages, columns = find_footers(rows, ["NIP", "Nama"], {"nip": nip, "nama": rows[1]},
                                     {"nip": "NIP", "nama": "Nama"}, index)
    assert messages.to_dict() == {3: "Baris jumlah/total ('Jumlah') dilewati: baris ini bukan data dan tidak "
                                     "diimpor.",
                                  4: "Baris jumlah/total ('TOTAL') dilewati: baris ini bukan data dan tidak diimpor."}
    assert columns.to_dict() == {3: "NIP", 4: "Nama"}
    # an xlsx column of text and numbers (an Excel-number NIP): the same rows, by the slower path
    mixed = nip.astype(object).where(nip.index != 2, 1.98609262015051e17)
    found, _ = find_footers(rows, ["NIP", "Nama"], {"nip": mixed, "nama": rows[1]}, {"nip": "NIP", "nama": "Nama"},
                            index)
    assert list(found.index) == [3, 4]


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_footer_rows_are_skipped_with_a_warning_not_an_invalid_nip(store, fmt):
    nips = new_nips(4)
    header = ["No", *PERSONNEL_HEADER]
    body = [[i + 1, *r] for i, r in enumerate(personnel_rows(nips[:2]))]
    body += [["Jumlah", None, None, None, None, None, None, None, None]]          # row 4: in the first cell
    body += [[i + 3, *r] for i, r in enumerate(personnel_rows(nips[2:]))]
    body += [[None, "TOTAL", None, None, None, None, None, None, None],           # row 7: in the NIP cell
             [None, None, "Grand Total", None, None, None, None, None, None],     # row 8: in the name cell
             [None, "12", "jumlah total pegawai", None, None, None, None, None, None]]  # row 9: a count as NIP
    content = xlsx([header] + body) if fmt == "xlsx" else csv_bytes([header] + body, ";", "utf-8")
    result = run(store, content, f"pegawai.{fmt}", period=2026)
    o = result.outcome
    assert result.batch_id is not None and o.errors == 0, o.messages()
    assert o.rows == 4
    assert o.messages() == [
        "Baris 4, kolom No: Peringatan: Baris jumlah/total ('Jumlah') dilewati: baris ini bukan data dan tidak "
        "diimpor.",
        "Baris 7, kolom NIP: Peringatan: Baris jumlah/total ('TOTAL') dilewati: baris ini bukan data dan tidak "
        "diimpor.",
        "Baris 8, kolom Nama: Peringatan: Baris jumlah/total ('Grand Total') dilewati: baris ini bukan data dan "
        "tidak diimpor.",
        "Baris 9, kolom Nama: Peringatan: Baris jumlah/total ('jumlah total') dilewati: baris ini bukan data dan "
        "tidak diimpor.",
    ]
    assert sorted(store._frame("SELECT nip FROM asn_period WHERE period = 2026")["nip"]) == sorted(nips)


def test_a_row_with_a_bad_nip_and_a_real_name_is_still_an_error(store):
    rows = [PERSONNEL_HEADER, *personnel_rows(new_nips(1)), ["12345", "Totok Jumlahan", "Dinas Kesehatan", "", "Analis",
                                                             "Pelaksana", "II/b", "S1"]]
    result = run(store, xlsx(rows), "p.xlsx", period=2026)
    assert result.batch_id is None
    assert [m for m in result.outcome.messages() if "dilewati" in m] == []
    assert result.outcome.issues["baris"].tolist() == [3]


# -- an OPD not in the database ----------------------------------------------------------------------

def test_an_unknown_opd_is_an_error_until_confirmed(store):
    nips = new_nips(3)
    rows = [PERSONNEL_HEADER, *personnel_rows(nips[:1]), *personnel_rows(nips[1:], opd="Dinas Kesehatn")]
    before = snapshot(store, DATA_TABLES)
    refused = run(store, csv_bytes(rows), "p.csv", period=2025)
    assert refused.batch_id is None
    assert refused.outcome.new_opd == ["Dinas Kesehatn"]
    msg = ("Perangkat daerah 'Dinas Kesehatn' belum ada di basis data. Periksa ejaannya (daftar isian di templat "
           "memuat nama yang dikenal); bila memang perangkat daerah baru, centang konfirmasi penambahannya di "
           "halaman Impor Data (baris perintah: --tambah-opd).")
    assert refused.outcome.messages() == [f"Baris 3, kolom Perangkat Daerah: {msg}",
                                          f"Baris 4, kolom Perangkat Daerah: {msg}"]
    assert_same(before, snapshot(store, DATA_TABLES))
    confirmed = run(store, csv_bytes(rows), "p.csv", period=2025, allow_new_opd=True)
    assert confirmed.batch_id is not None and confirmed.outcome.new_opd == ["Dinas Kesehatn"]
    assert "Dinas Kesehatn" in store.opd()["nama"].tolist()


def test_unknown_opd_of_a_target_post_needs_the_same_confirmation(store):
    content = xlsx([["Nama Jabatan", "Perangkat Daerah", "Jenjang Jabatan"], ["Kepala Dinas X", "Dinas X", "JPT Pratama"],
                    ["Sekretaris Dinas Kesehatan", "Dinas Kesehatan", "Administrator"]])
    assert run(store, content, "posts.xlsx", kind="target-posts").outcome.issues["baris"].tolist() == [2]
    assert run(store, content, "posts.xlsx", kind="target-posts", allow_new_opd=True).batch_id is not None


def test_first_import_into_an_empty_database_lists_every_opd_for_confirmation(tmp_path):
    s = open_store(tmp_path / "kosong.duckdb")
    try:
        rows = [PERSONNEL_HEADER, *personnel_rows(new_nips(2)), *personnel_rows(new_nips(3)[2:], opd="Inspektorat")]
        refused = run(s, csv_bytes(rows), "p.csv", period=2025)
        assert refused.batch_id is None and refused.outcome.new_opd == ["Dinas Kesehatan", "Inspektorat"]
        done = run(s, csv_bytes(rows), "p.csv", period=2025, allow_new_opd=True)
        assert done.batch_id is not None and sorted(s.opd()["nama"]) == ["Dinas Kesehatan", "Inspektorat"]
    finally:
        s.close()


def test_first_real_import_on_the_demo_validates_against_the_demo_opd_list(demo_store):
    """The demo's OPDs are Kota Serang's: a real file naming them needs no confirmation."""
    names = demo_store.opd()["nama"].tolist()
    nips = new_nips(len(names))
    rows = [PERSONNEL_HEADER] + [personnel_rows([n], opd=o)[0] for n, o in zip(nips, names)]
    result = run(demo_store, csv_bytes(rows), "p.csv", period=2025)
    assert result.batch_id is not None and result.outcome.new_opd == [], result.outcome.messages()[:3]


# -- the first real import says what it removes ------------------------------------------------------

def test_demo_replacement_counts_what_the_first_real_import_removes(demo_store, store):
    s = demo_store
    nip = s.population(2025)["nip"].iloc[0]
    s.add_development_action(2025, nip, "coaching", "Coaching kinerja", "ketua1")
    s.record_discussion(2025, nip, 60, True, "ketua1")
    demo = s.demo_replacement()
    assert demo["periods"] == s.periods() == sorted(s.periods()) and len(demo["periods"]) >= 2
    for key, table in (("asn", "asn"), ("target_post", "target_post"), ("discipline", "discipline"),
                       ("calibration", "calibration"), ("discussion", "discussion"),
                       ("development_action", "development_action")):
        assert demo[key] == s._scalar(f"SELECT count(*) FROM {table}"), key
    assert demo["asn"] > 1000 and demo["development_action"] >= 1 and demo["discussion"] >= 1
    assert store.demo_replacement() is None                     # real data: nothing to announce


def test_cli_first_real_import_on_the_demo_needs_its_confirmation(demo_store, tmp_path):
    db = demo_store.path
    demo = demo_store.demo_replacement()
    demo_store.close()
    f = tmp_path / "pegawai.csv"
    f.write_bytes(csv_bytes([PERSONNEL_HEADER] + personnel_rows(new_nips(3))))
    r = _cli("import", str(f), "--period", "2025", db=db)
    assert r.returncode == 1 and "Traceback" not in r.stderr
    asn, dev = (f"{demo[k]:,}".replace(",", ".") for k in ("asn", "development_action"))
    assert ("Basis data berisi data peragaan (sintetis). Impor data nyata pertama menghapus semuanya: periode "
            f"2024, 2025; {asn} ASN; {demo['target_post']} jabatan target; {demo['discipline']} hukuman "
            f"disiplin; 0 kalibrasi dan 0 catatan pembahasan; {dev} tindakan pengembangan.") in r.stdout
    assert r.stderr == ("Gagal: Impor dibatalkan: impor data nyata pertama menghapus data peragaan di atas. Ulangi "
                        "dengan --ganti-data-peragaan untuk melanjutkan.\n")
    r = _cli("import", str(f), "--period", "2025", "--ganti-data-peragaan", db=db)
    assert r.returncode == 0, r.stderr
    s = open_store(db, read_only=True)
    assert not s.has_synthetic_data() and s.count_rows("asn") == 3
    s.close()


def test_cli_new_opd_needs_tambah_opd_and_a_map_fix_is_remembered(store, tmp_path):
    db = store.path
    store.close()
    f = tmp_path / "pegawai.csv"
    header = ["NIP", "Nama", "Instansi Unit", "Nama Jabatan", "Jenjang Jabatan"]
    f.write_bytes(csv_bytes([header] + [[n, "X", "Dinas Baru", "Analis", "Pelaksana"] for n in new_nips(2)]))
    r = _cli("import", str(f), "--period", "2026", "--map", "Instansi Unit=Perangkat Daerah", db=db)
    assert r.returncode == 1
    assert ("Pemetaan kolom disimpan untuk berkas berikutnya dengan judul kolom yang sama: Instansi Unit → "
            "Perangkat Daerah.") in r.stdout
    assert "Perangkat daerah yang belum ada di basis data (1): Dinas Baru. Bila memang baru, ulangi dengan " \
           "--tambah-opd." in r.stdout
    r = _cli("import", str(f), "--period", "2026", "--tambah-opd", db=db)   # the mapping is remembered
    assert r.returncode == 0, r.stdout + r.stderr
    assert "Pemetaan kolom disimpan" not in r.stdout


# -- the check report carries only mapped columns ----------------------------------------------------

def test_report_never_copies_ignored_columns(store):
    nips = new_nips(2)
    header = [*PERSONNEL_HEADER, "NIK", "Alamat", "No. Telepon", "Agama", "Catatan Lain"]
    private = [["3604012345670001", "Jl. Mawar No. 7 RT 01", "081234567890", "Katolik", "rahasia-satu"],
               ["3604019876540002", "Kp. Melati Gg. 2", "+62 811 000 111", "Hindu", "rahasia-dua"]]
    rows = [r + p for r, p in zip(personnel_rows(nips), private)]
    rows[1][5] = "Jenjang Tak Dikenal"            # one error, so the report has messages too
    result = run(store, xlsx([header, *rows], title=["DAFTAR PEGAWAI"]), "pegawai.xlsx", period=2025)
    assert result.outcome.ignored == ["NIK", "Alamat", "No. Telepon", "Agama", "Catatan Lain"]
    wb = openpyxl.load_workbook(io.BytesIO(report_xlsx(result.outcome)))
    cells = [str(c) for ws in wb.worksheets for row in ws.iter_rows(values_only=True) for c in row if c is not None]
    for value in (v for p in private for v in p):
        assert not [c for c in cells if value in c], value
    laporan = list(wb["Laporan"].iter_rows(values_only=True))
    assert laporan[0] == ("Baris", *PERSONNEL_HEADER, "Status", "Pesan")
    assert laporan[1][1] == nips[0] and laporan[2][-2] == "Galat"
