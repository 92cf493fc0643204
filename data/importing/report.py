"""The validation report: the original rows (their mapped columns) with a status and a message column (xlsx)."""
from __future__ import annotations

import io
from datetime import date, datetime

import pandas as pd

from data.exports import safe_cell
from data.importing.fields import KIND_LABELS
from data.importing.outcome import ERROR, WARNING, Outcome

STATUS = {ERROR: "Galat", WARNING: "Peringatan"}


def row_messages(issues: pd.DataFrame) -> pd.DataFrame:
    """Per source row: status ('Galat' / 'Peringatan') and the joined messages."""
    rows = issues.dropna(subset=["baris"])
    if rows.empty:
        return pd.DataFrame(columns=["status", "pesan"])
    text = rows["kolom"].where(rows["kolom"] == "", rows["kolom"] + ": ") + rows["pesan"]
    text = text.where(rows["tingkat"] == ERROR, "Peringatan: " + text)
    grouped = pd.DataFrame({"baris": rows["baris"].astype(int), "t": rows["tingkat"], "m": text})
    out = grouped.groupby("baris").agg(
        status=("t", lambda s: STATUS[ERROR] if (s == ERROR).any() else STATUS[WARNING]),
        pesan=("m", "; ".join))
    return out


def report_xlsx(outcome: Outcome) -> bytes:
    """Workbook: 'Laporan' (every row as read, mapped columns only, + Status + Pesan), 'Pesan'
    (one line per issue) and 'Ringkasan'."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font, PatternFill

    table = outcome.table
    wb = Workbook(write_only=True)
    bold = Font(bold=True)
    red, yellow = PatternFill("solid", fgColor="F8D7DA"), PatternFill("solid", fgColor="FFF3CD")

    def head(ws, names):
        cells = []
        for n in names:
            c = WriteOnlyCell(ws, value=n)
            c.font = bold
            cells.append(c)
        ws.append(cells)

    summary = wb.create_sheet("Ringkasan")
    head(summary, ["Keterangan", "Nilai"])
    for k, v in (("Berkas", table.file_name), ("Jenis data", KIND_LABELS.get(outcome.kind, outcome.kind)),
                 ("Periode", outcome.period if outcome.period is not None else "-"),
                 ("Lembar", table.sheet or "-"), ("Baris judul kolom", ", ".join(map(str, table.header_rows))),
                 ("Baris data", outcome.rows), ("Galat", outcome.errors), ("Peringatan", outcome.warnings),
                 ("Kolom diabaikan (tidak disimpan)", ", ".join(outcome.ignored) or "-"),
                 ("Hasil", "Dapat diimpor" if outcome.ok else "Tidak dapat diimpor: perbaiki galat lalu unggah ulang")):
        summary.append([k, _cell(v)])
    for r in outcome.issues[outcome.issues["baris"].isna()].itertuples(index=False):
        summary.append([STATUS.get(r.tingkat, r.tingkat), _cell(f"{r.kolom + ': ' if r.kolom else ''}{r.pesan}")])

    ws = wb.create_sheet("Laporan")
    # only the mapped columns: what the product does not use (NIK, address, phone, religion, any
    # column left ignored) never leaves the file it came in
    used = [p for p in sorted(outcome.mapping) if p in table.rows.columns and p < len(table.headers)]
    head(ws, ["Baris", *(safe_cell(table.headers[p]) for p in used), "Status", "Pesan"])
    per_row = row_messages(outcome.issues)
    status = per_row["status"].to_dict()
    pesan = per_row["pesan"].to_dict()
    for idx, values in zip(table.rows.index, table.rows[used].itertuples(index=False, name=None)):
        st = status.get(idx, "OK")
        cells = [idx, *(_cell(v) for v in values), st, _cell(pesan.get(idx, ""))]
        if st != "OK":
            c = WriteOnlyCell(ws, value=st)
            c.fill = red if st == STATUS[ERROR] else yellow
            cells[-2] = c
        ws.append(cells)

    detail = wb.create_sheet("Pesan")
    head(detail, ["Baris", "Kolom", "Tingkat", "Pesan"])
    for r in outcome.issues.itertuples(index=False):
        detail.append([None if pd.isna(r.baris) else int(r.baris), _cell(r.kolom), STATUS.get(r.tingkat, r.tingkat),
                       _cell(r.pesan)])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _cell(v):
    if isinstance(v, str):
        return safe_cell(v)
    if v is None or isinstance(v, (int, float, bool, date, datetime)):
        return v
    return safe_cell(str(v))
