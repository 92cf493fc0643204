"""reports/workbook.py (the table workbook and the styled talent report) and the shared writer reports/xlsx.py."""
from __future__ import annotations

import io
from datetime import date, datetime

import numpy as np
import openpyxl
import pandas as pd
import pytest

from analytics.ninebox import box_summary
from common.i18n import column_label
from common.palette import BOX_COLOURS
from reports.masking import SHOW
from reports.workbook import talent_report, workbook
from reports.xlsx import DATE_FORMAT, DATETIME_FORMAT, DECIMAL_FORMAT, INTEGER_FORMAT, sheet_name

MADE_ON = date(2026, 11, 29)
FILTERS = ["OPD: Dinas Kesehatan", "Jenis jabatan: Fungsional", "Jenis ASN: PNS"]


def _people(n: int, seed: int = 7) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    kotak = rng.choice(np.arange(1, 10), size=n, p=[.04, .16, .07, .02, .41, .02, .11, .13, .04])
    return pd.DataFrame({
        "NIP": [f"{19650101 + i:08d}199003100{i % 10}" for i in range(n)],
        "Nama": [f"Pegawai {i}" for i in range(n)],
        "Jabatan": rng.choice(["Analis Kebijakan Ahli Muda", "Guru Ahli Madya", "Pengawas"], size=n),
        "OPD": rng.choice(["Dinas Kesehatan", "BKPSDM", "Kecamatan Serang"], size=n),
        "Nilai kinerja": rng.uniform(40, 100, n).round(2),
        "Nilai potensial": rng.uniform(50, 100, n).round(2),
        "Masa kerja (tahun)": rng.integers(1, 35, n),
        "Periode asesmen": np.full(n, 2025),
        "Tanggal lahir": [date(1965, 1, 1) + pd.Timedelta(days=int(d)) for d in rng.integers(0, 12000, n)],
        "kotak": pd.array(kotak, dtype="Int8"),
    })


@pytest.fixture(scope="module")
def people() -> pd.DataFrame:
    frame = _people(400)
    frame.loc[0, "Nama"] = '=HYPERLINK("http://x","klik")'
    frame.loc[0, "kotak"] = 9
    return frame


@pytest.fixture(scope="module")
def calibration(people) -> pd.DataFrame:
    return pd.DataFrame({"nip": people["NIP"].head(3), "kotak_awal": [5, 5, 8], "kotak": [7, 5, 9],
                         "komentar": ["-1 bukan rumus", "ok", "@SUM(A1)"], "oleh": "ketua1",
                         "pada": pd.to_datetime(["2026-11-20 10:15", "2026-11-20 11:00", "2026-11-21 09:00"]),
                         "dibahas": pd.array([True, False, None], dtype="boolean"), "menit": [2.5, 0.0, 12.25]})


@pytest.fixture(scope="module")
def report(rules, people, calibration) -> openpyxl.Workbook:
    summary = box_summary(people["kotak"], rules.boxes)
    data = talent_report(masking=SHOW, title="Laporan Talenta Periode 2025", period=2025, filter_lines=FILTERS, made_on=MADE_ON,
                         made_by="admin.bkpsdm", anonymised=True, boxes=summary, people=people,
                         calibration=calibration,
                         shortlists={"Kepala Dinas Kesehatan": people.head(5),
                                     "Kepala Dinas Lingkungan Hidup dan Kebersihan": people.head(2)})
    return openpyxl.load_workbook(io.BytesIO(data))


def _values(ws) -> list:
    return [c.value for row in ws.iter_rows() for c in row if c.value is not None]


def test_sheets_in_order_within_excels_limit(report):
    names = report.sheetnames
    assert names[0] == "Ringkasan"
    assert [n.split(" – ")[0] for n in names[1:10]] == [f"Kotak {k}" for k in range(9, 0, -1)]
    assert names[10] == "Kalibrasi" and names[11].startswith("Calon 1 – ") and names[12].startswith("Calon 2 – ")
    assert all(len(n) <= 31 for n in names) and len({n.lower() for n in names}) == len(names)


def test_ringkasan_holds_context_and_the_coloured_legend(report, people):
    ws = report["Ringkasan"]
    values = _values(ws)
    assert values[0] == "Laporan Talenta Periode 2025"
    for line in FILTERS:
        assert line in values
    assert "admin.bkpsdm" in values and "Ya: nama dan NIP disamarkan" in values
    made = next(r[1] for r in ws.iter_rows() if r[0].value == "Tanggal dibuat")
    assert made.value == datetime(2026, 11, 29) and made.number_format == DATE_FORMAT == "[$-421]d mmmm yyyy"
    placed = next(r[1] for r in ws.iter_rows() if r[0].value == "ASN ditempatkan")
    assert placed.value == len(people) and placed.number_format == INTEGER_FORMAT
    head = next(i for i, r in enumerate(ws.iter_rows(values_only=True), start=1) if r[0] == "Kotak")
    rows = list(ws.iter_rows(min_row=head + 1, max_row=head + 9))
    assert [r[0].value for r in rows] == list(range(9, 0, -1))
    counts = people["kotak"].value_counts()
    for r in rows:
        k = r[0].value
        assert r[0].fill.fgColor.rgb.endswith(BOX_COLOURS[k].lstrip("#").upper())
        assert r[3].value == counts.get(k, 0) and r[3].number_format == INTEGER_FORMAT
        assert r[4].number_format == "0.0%" and abs(r[4].value - counts.get(k, 0) / len(people)) < 0.001
        assert r[2].value and ";" not in r[2].value                     # one follow-up per line
    assert "Dipromosikan" in rows[0][2].value


def test_one_sheet_per_box_with_header_formats_and_print_setup(report, people):
    ws = report[report.sheetnames[1]]                                  # box 9
    assert ws["A1"].value.startswith("Kotak 9 — Kinerja di atas ekspektasi")
    assert "ASN · Rekomendasi: Dipromosikan" in ws["A2"].value
    header = [c.value for c in ws[4]]
    assert header == [column_label(c) for c in people.columns]          # the catalog's labels, never `kotak`
    assert "Kotak" in header and "kotak" not in header
    assert ws["A4"].font.bold and ws["A4"].fill.fgColor.rgb.endswith("0B6E4F")
    assert ws.freeze_panes == "A5"
    body = list(ws.iter_rows(min_row=5, values_only=True))
    assert len(body) == int((people["kotak"] == 9).sum())
    assert ws.auto_filter.ref == f"A4:J{4 + len(body)}"
    assert ws.print_title_rows == "$4:$4"
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.fitToWidth == 1
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    row = {h: c for h, c in zip(header, ws[5])}
    assert row["Nilai kinerja"].number_format == DECIMAL_FORMAT
    assert row["Masa kerja (tahun)"].number_format == "0"               # a year-like header stays plain
    assert row["Periode asesmen"].number_format == "0" and row["Periode asesmen"].value == 2025
    assert row["Tanggal lahir"].number_format == DATE_FORMAT and isinstance(row["Tanggal lahir"].value, datetime)
    assert row["Kotak"].number_format == INTEGER_FORMAT and row["Kotak"].value == 9
    assert row["NIP"].data_type == "s"
    assert ws.column_dimensions["C"].width >= len("Analis Kebijakan Ahli Muda")


def test_text_is_formula_safe_everywhere(report):
    ws = report[report.sheetnames[1]]
    assert ws["B5"].value == "'=HYPERLINK(\"http://x\",\"klik\")"
    kal = report["Kalibrasi"]
    komentar = [r[3] for r in kal.iter_rows(min_row=5, values_only=True)]
    assert komentar == ["'-1 bukan rumus", "ok", "'@SUM(A1)"]
    assert not [c for name in report.sheetnames for row in report[name].iter_rows() for c in row
                if c.data_type == "f"]


def test_calibration_and_shortlists(report):
    kal = report["Kalibrasi"]
    assert kal["A1"].value == "Catatan kalibrasi komite talenta" and kal["A2"].value == "Periode: 2025"
    rows = list(kal.iter_rows(min_row=5))
    assert rows[0][5].value == datetime(2026, 11, 20, 10, 15) and rows[0][5].number_format == DATETIME_FORMAT
    assert [r[6].value for r in rows] == ["Ya", "Tidak", None]
    assert rows[2][7].value == 12.25 and rows[0][7].number_format == DECIMAL_FORMAT
    short = report[report.sheetnames[11]]
    assert short["A1"].value == "Daftar pendek calon: Kepala Dinas Kesehatan"
    assert len(list(short.iter_rows(min_row=5))) == 5


def test_suppressed_counts_and_an_empty_box(rules):
    people = _people(30).assign(kotak=pd.array([5] * 27 + [9] * 3, dtype="Int8"))
    summary = box_summary(people["kotak"], rules.boxes)
    summary["jumlah_teks"] = ["< 5" if 0 < n < 5 else str(n) for n in summary["jumlah"]]
    summary["persen_teks"] = ["–" if 0 < n < 5 else f"{p:.1f}%".replace(".", ",")
                              for n, p in zip(summary["jumlah"], summary["persen"])]
    wb = openpyxl.load_workbook(io.BytesIO(talent_report(
        masking=SHOW, title="T", period=2025, filter_lines=[], made_on=MADE_ON, made_by="x", anonymised=False,
        boxes=summary, people=people)))
    ws = wb["Ringkasan"]
    legend = {r[0]: r for r in ws.iter_rows(values_only=True) if isinstance(r[0], int)}
    assert legend[9][3:5] == ("< 5", "–") and legend[5][3] == 27 and legend[1][3] == 0
    assert "Tanpa saringan (semua ASN)" in _values(ws)
    assert "Tidak: memuat nama dan NIP asli (data pribadi, UU 27/2022)" in _values(ws)
    empty = wb[wb.sheetnames[9]]                                           # box 1
    assert empty["A5"].value == "Tidak ada ASN di kotak ini."


def test_english_labels(rules, people):
    wb = openpyxl.load_workbook(io.BytesIO(talent_report(
        masking=SHOW, title="Talent report", period=2025, filter_lines=FILTERS, made_on=MADE_ON, made_by="x", anonymised=True,
        boxes=rules.boxes, people=people, lang="en")))
    assert wb.sheetnames[0] == "Summary" and wb.sheetnames[1].startswith("Box 9 – ")
    assert "Made by" in _values(wb["Summary"])
    header = [c.value for c in wb[wb.sheetnames[1]][4]]
    assert "Box" in header and "Kotak" not in header          # the catalog labels speak English too


def test_a_missing_context_value_reads_a_dash():
    frame = pd.DataFrame({"nama": ["Budi"], "bidang_pendidikan": [None]})
    wb = openpyxl.load_workbook(io.BytesIO(workbook({"Data": frame}, "Judul", [("Bidang pendidikan", float("nan")),
                                                                               ("OPD", "None")], masking=SHOW)))
    assert [r[1].value for r in wb["Ringkasan"].iter_rows(min_row=2)] == ["–", "–"]
    assert wb["Data"]["B2"].value is None and wb["Data"]["B1"].value == "Bidang pendidikan"


@pytest.mark.slow  # builds a 6k-person workbook, a few seconds
def test_six_thousand_people_each_land_on_their_box_sheet(rules):
    """A city's whole roll in one workbook: every person on the sheet of their box. (Its build time is a
    figure for the benchmark, not a test's bound: a timed test fails on a busy machine.)"""
    people = _people(6000)
    summary = box_summary(people["kotak"], rules.boxes)
    data = talent_report(masking=SHOW, title="T", period=2025, filter_lines=FILTERS, made_on=MADE_ON, made_by="x",
                         anonymised=False, boxes=summary, people=people)
    book = openpyxl.load_workbook(io.BytesIO(data), read_only=True)
    nips = set(people["NIP"])
    on_sheets = {c for ws in book.worksheets[1:] for row in ws.iter_rows(values_only=True) for c in row if c in nips}
    assert on_sheets == nips


def test_document_properties_name_no_person(report):
    assert report.properties.creator == "Talenta" and report.properties.lastModifiedBy == "Talenta"


# -- the shared writer behind the page downloads -------------------------------------------------

def test_page_workbook_uses_the_shared_writer():
    frame = pd.DataFrame({"nama": ["=1+1", "Budi"], "jumlah": [1152, 3], "pada": [date(2026, 1, 5), None],
                          "dibahas": [True, False]})
    wb = openpyxl.load_workbook(io.BytesIO(workbook({"Data": frame}, "Judul", [("Periode", "2025")], masking=SHOW)))
    assert wb.sheetnames == ["Ringkasan", "Data"] and wb["Ringkasan"]["B2"].value == "2025"
    ws = wb["Data"]
    assert [c.value for c in ws[1]] == ["Nama", "Jumlah", "Waktu", "Dibahas"]
    assert ws["A2"].value == "'=1+1" and ws["B2"].number_format == INTEGER_FORMAT
    assert ws["C2"].number_format == DATE_FORMAT and ws["D2"].value == "Ya"
    assert ws.freeze_panes == "A2" and ws.auto_filter.ref == "A1:D3"


def test_sheet_names_are_valid_and_unique():
    taken: set[str] = set()
    a = sheet_name("Kotak 9 – Kinerja di atas ekspektasi, potensial tinggi", taken)
    assert len(a) <= 31 and a.endswith("…") and a.startswith("Kotak 9 – Kinerja")
    assert sheet_name("a/b:c?d*[e]", taken) == "a-b-c-d--e-"
    assert sheet_name("Kotak 9 – Kinerja di atas ekspektasi, potensial tinggi", taken) != a
    assert sheet_name("RINGKASAN", {"ringkasan"} | taken).endswith("(2)")
