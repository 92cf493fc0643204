"""Downloadable templates per kind: a 'Data' sheet with the headers the importer recognises,
text-formatted NIP and date columns and dropdown validation, an instructions sheet, and a
hidden sheet with the lists the dropdowns use."""
from __future__ import annotations

import io

from data.importing.fields import FIELDS, KIND_LABELS, Field
from data.importing.normalise.golongan import PNS_GOLONGAN, PPPK_GOLONGAN

ROWS = 5000                  # rows that carry validation and the text format
DEFAULT_LISTS = {
    "predikat": ["Sangat Baik", "Baik", "Butuh Perbaikan", "Kurang", "Sangat Kurang"],
    "rating": ["di atas ekspektasi", "sesuai ekspektasi", "di bawah ekspektasi"],
    "golongan": list(PNS_GOLONGAN) + list(PPPK_GOLONGAN),
    "jenjang": ["JPT Utama", "JPT Madya", "JPT Pratama", "Administrator", "Pengawas", "JF Ahli Utama",
                "JF Ahli Madya", "JF Ahli Muda", "JF Ahli Pertama", "JF Penyelia", "JF Mahir", "JF Terampil",
                "Pelaksana"],
    "pendidikan": ["SD", "SMP", "SMA", "D1", "D2", "D3", "D4", "S1", "S2", "S3"],
    "sumber": ["CACT", "AC", "LAIN"],
    "tingkat_hukdis": ["ringan", "sedang", "berat"],
    "bool": ["Ya", "Tidak"],
    "status": ["penuh waktu", "paruh waktu"],
    "opd": [],
}
_TEXT_TYPES = {"nip", "nip_optional", "date", "golongan", "eselon", "code", "text", "opd"}


def template_xlsx(kind: str, lists: dict[str, list[str]] | None = None) -> bytes:
    """The template of ``kind`` as xlsx bytes. ``lists`` overrides dropdown lists (e.g. the OPD
    names and job levels of the database)."""
    from openpyxl import Workbook
    from openpyxl.comments import Comment
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    lists = {**DEFAULT_LISTS, **{k: list(v) for k, v in (lists or {}).items() if v}}
    fields = [f for f in FIELDS[kind] if f.in_template]
    wb = Workbook()
    ws = wb.active
    ws.title = "Data"
    ws.append([f.label for f in fields])
    head_fill = PatternFill("solid", fgColor="0B6E4F")
    for i, f in enumerate(fields, start=1):
        c = ws.cell(row=1, column=i)
        c.font = Font(bold=True, color="FFFFFF")
        c.fill = head_fill
        c.alignment = Alignment(wrap_text=True, vertical="center")
        c.comment = Comment(_note(f), "Talenta")
        letter = get_column_letter(i)
        ws.column_dimensions[letter].width = max(14, min(40, len(f.label) + 6))
        if f.type in _TEXT_TYPES:
            ws.column_dimensions[letter].number_format = "@"
    ws.freeze_panes = "A2"

    daftar = wb.create_sheet("Daftar")
    used: dict[str, str] = {}
    col = 1
    for f in fields:
        key = _list_key(f)
        if key is None or key in used or not lists.get(key):
            continue
        letter = get_column_letter(col)
        daftar.cell(row=1, column=col, value=f"Daftar {key}")
        for r, v in enumerate(lists[key], start=2):
            daftar.cell(row=r, column=col, value=v)
        used[key] = f"Daftar!${letter}$2:${letter}${len(lists[key]) + 1}"
        col += 1
    daftar.sheet_state = "hidden"

    for i, f in enumerate(fields, start=1):
        rng = f"{get_column_letter(i)}2:{get_column_letter(i)}{ROWS + 1}"
        key = _list_key(f)
        dv = None
        if key in used:
            # golongan, OPD and pendidikan accept other spellings: warn instead of refusing
            strict = key in ("predikat", "rating", "sumber", "tingkat_hukdis", "bool", "jenjang")
            dv = DataValidation(type="list", formula1=f"={used[key]}", allow_blank=True,
                                errorStyle="stop" if strict else "warning")
            dv.error = f"Pilih {f.label} dari daftar."
        elif f.type == "level":
            dv = DataValidation(type="whole", operator="between", formula1="1", formula2="5", allow_blank=True)
            dv.error = "Level harus bilangan bulat 1–5."
        elif f.type == "score" and f.lo is not None and f.hi is not None:
            dv = DataValidation(type="decimal", operator="between", formula1=str(f.lo), formula2=str(f.hi),
                                allow_blank=True, errorStyle="warning")
            dv.error = f"Nilai {f.label} harus {f.lo:g}–{f.hi:g}."
        elif f.type in ("nip", "nip_optional"):
            dv = DataValidation(type="textLength", operator="equal", formula1="18", allow_blank=True)
            dv.error = "NIP harus 18 digit, diketik sebagai teks."
        if dv is not None:
            dv.errorTitle = "Isian tidak sesuai"
            dv.showErrorMessage = True
            dv.add(rng)
            ws.add_data_validation(dv)

    info = wb.create_sheet("Petunjuk", 1)
    info.column_dimensions["A"].width = 30
    info.column_dimensions["B"].width = 10
    info.column_dimensions["C"].width = 90
    info.column_dimensions["D"].width = 28
    info.append([f"Templat impor: {KIND_LABELS[kind]}"])
    info["A1"].font = Font(bold=True, size=14)
    for line in _general(kind):
        info.append([line])
    info.append([])
    info.append(["Kolom", "Wajib", "Keterangan", "Contoh"])
    for c in info[info.max_row]:
        c.font = Font(bold=True)
    for f in fields:
        info.append([f.label, "ya" if f.required else "", f.note, f.example])
        info.cell(row=info.max_row, column=3).alignment = Alignment(wrap_text=True, vertical="top")
        info.cell(row=info.max_row, column=4).number_format = "@"
    wb.active = 0
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def template_name(kind: str) -> str:
    return f"templat-{kind}.xlsx"


def _list_key(f: Field) -> str | None:
    return {"predikat": "predikat", "rating": "rating", "golongan": "golongan", "jenjang": "jenjang",
            "pendidikan": "pendidikan", "sumber": "sumber", "tingkat_hukdis": "tingkat_hukdis", "bool": "bool",
            "status": "status", "opd": "opd"}.get(f.type)


def _note(f: Field) -> str:
    parts = ["Wajib." if f.required else "Tidak wajib.", f.note]
    if f.example:
        parts.append(f"Contoh: {f.example}")
    return " ".join(p for p in parts if p)


def _general(kind: str) -> list[str]:
    lines = [
        "Isi lembar 'Data' mulai baris 2, satu baris per data. Jangan mengubah judul kolom.",
        "NIP diketik sebagai teks 18 digit (kolom sudah berformat Teks). NIP yang tersimpan sebagai angka "
        "ditolak karena digit terakhirnya hilang.",
        "Tanggal ditulis HH-BB-TTTT, misalnya 05-01-2026. Angka desimal boleh memakai koma (85,5).",
        "Kolom lain yang ditambahkan (NIK, alamat, telepon, agama, …) tidak disimpan.",
    ]
    if kind in ("personnel", "performance", "assessment"):
        lines.append("Satu berkas = satu periode. Pilih periode saat impor; mengimpor ulang jenis dan periode "
                     "yang sama menggantikan data sebelumnya (dapat dibatalkan di halaman Impor Data).")
    else:
        lines.append("Mengimpor berkas ini menggantikan seluruh data jenis ini (dapat dibatalkan di halaman Impor Data).")
    if kind in ("performance", "assessment"):
        lines.append("NIP harus sudah ada dalam data kepegawaian periode yang sama: impor data kepegawaian lebih dulu.")
    return lines
