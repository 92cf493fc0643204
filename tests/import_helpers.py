"""Builders of messy spreadsheets for the import tests, and database snapshots."""
from __future__ import annotations

import csv
import io
from datetime import date

import openpyxl

from analytics.nip import build_nip

DATA_TABLES = ("asn", "asn_period", "performance", "assessment", "discipline", "target_post", "opd", "period")
ALL_TABLES = DATA_TABLES + ("import_batch", "audit_log")


def snapshot(store, tables=ALL_TABLES) -> dict:
    return {t: store.dump_table(t) for t in tables}


def assert_same(a: dict, b: dict) -> None:
    assert a.keys() == b.keys()
    for t in a:
        left, right = a[t].reset_index(drop=True), b[t].reset_index(drop=True)
        assert left.equals(right), f"table {t} changed"


def xlsx(rows: list[list], *, title: list[str] = (), merges: list[str] = (), sheet: str = "Data",
         extra_sheets: dict[str, list[list]] | None = None) -> bytes:
    """A workbook whose first rows are ``title`` lines, then ``rows`` (header first)."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = sheet
    for line in title:
        ws.append([line])
    for r in rows:
        ws.append(list(r))
    for m in merges:
        ws.merge_cells(m)
    for name, srows in (extra_sheets or {}).items():
        other = wb.create_sheet(name)
        for r in srows:
            other.append(list(r))
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def csv_bytes(rows: list[list], sep: str = ";", encoding: str = "cp1252") -> bytes:
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=sep, lineterminator="\r\n")
    for r in rows:
        w.writerow(["" if v is None else v for v in r])
    return buf.getvalue().encode(encoding)


def new_nips(n: int, year: int = 1988, pppk: int = 0) -> list[str]:
    """``n`` valid NIPs not in the synthetic data (born on 29 February of leap years + sequence)."""
    out = []
    for i in range(n):
        birth = date(year + (i // 900) * 4, 2, 29)
        seq = i % 900 + 100
        if i < pppk:
            out.append(build_nip(birth, "P" if i % 2 else "L", tahun_pppk=birth.year + 30, kode_pppk="21", urut=seq))
        else:
            out.append(build_nip(birth, "P" if i % 2 else "L", tmt_cpns=date(birth.year + 25, 3, 1), urut=seq))
    return out


PERSONNEL_HEADER = ("NIP", "Nama", "Perangkat Daerah", "Unit Kerja", "Nama Jabatan", "Jenjang Jabatan", "Golongan",
                    "Tingkat Pendidikan")  # a tuple: a test that edits its rows in place cannot change it for the next


def personnel_rows(nips: list[str], opd: str = "Dinas Kesehatan") -> list[list]:
    jobs = [("Perawat Ahli Muda", "JF Ahli Muda", "III/c"), ("Pengadministrasi Perkantoran", "Pelaksana", "II/b"),
            ("Analis SDM Aparatur Ahli Pertama", "JF Ahli Pertama", "III/a")]
    rows = []
    for i, nip in enumerate(nips):
        job, level, gol = jobs[i % len(jobs)]
        pppk = nip[12:14] == "21"
        rows.append([nip, f"Pegawai Uji {i + 1}", opd, "Sekretariat", job, level, "IX" if pppk else gol, "S1"])
    return rows


def filled_personnel_template(nips: list[str], opd: str = "Dinas Kesehatan") -> bytes:
    """The downloadable personnel template, filled in as a BKPSDM analyst would."""
    from data.importing.templates import template_xlsx

    wb = openpyxl.load_workbook(io.BytesIO(template_xlsx("personnel")))
    ws = wb["Data"]
    for i, nip in enumerate(nips):
        ws.append([nip, f"Pegawai Baru {i + 1}", None, "S.T.", opd, "Puskesmas Curug", "Perawat Ahli Muda",
                   "JF Ahli Muda", None, "III/c", "01-04-2022", "02-01-2024", "S1", "Keperawatan"])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
