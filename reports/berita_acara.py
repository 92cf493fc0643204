"""The berita acara (minutes) of a penetapan as a .docx (python-docx).

Inputs arrive prepared: ``summary`` is the stored review (``analytics.penetapan.review`` plus
``hadir``, the people present), ``moved`` the moved people as they may be shown (anonymised by the
caller when the switch is on). No Streamlit here.
"""
from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import date

import pandas as pd

from analytics.penetapan import breach_sentence
from common import fmt
from common.i18n import t

DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
ROLE_ORDER = ("ketua", "sekretaris", "anggota", "tamu")
_RED = (0xB0, 0x00, 0x20)


def _text(value: object) -> str:
    return "" if value is None or (isinstance(value, float) and pd.isna(value)) or value is pd.NA else str(value)


def _table(doc, header: Sequence[str], rows: Sequence[Sequence[object]], widths: Sequence[float] | None = None):
    from docx.shared import Cm

    table = doc.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, header):
        cell.text = ""
        cell.paragraphs[0].add_run(text).bold = True
    for row in rows:
        cells = table.add_row().cells
        for cell, value in zip(cells, row):
            cell.text = _text(value)
    if widths:
        for row in table.rows:
            for cell, w in zip(row.cells, widths):
                cell.width = Cm(w)
    return table


def _synthetic_mark(doc, lang: str) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt, RGBColor

    for container in (doc.sections[0].header, doc):
        p = container.add_paragraph() if container is doc else container.paragraphs[0]
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = p.add_run(t("ba.synthetic", lang=lang))
        run.bold = True
        run.font.size = Pt(11)
        run.font.color.rgb = RGBColor(*_RED)


def _rank(person: dict) -> int:
    role = person.get("peran", "anggota")
    return ROLE_ORDER.index(role) if role in ROLE_ORDER else len(ROLE_ORDER)


def signatories(attendance: Sequence[dict]) -> list[tuple[str, str]]:
    """(role label key, name) per person present: the chair, the secretary, then members and guests."""
    return [(f"ba.role.{a.get('peran', 'anggota')}", str(a.get("nama", ""))) for a in sorted(attendance, key=_rank)]


def berita_acara(*, period: int | str, summary: dict, finalised_on: date, finalised_by: str, moved: pd.DataFrame,
                 synthetic: bool, anonymised: bool, made_on: date, made_by: str, lang: str = "id") -> bytes:
    """The minutes as .docx bytes.

    ``moved``: one row per moved person with ``nama``, ``nip``, ``jabatan``, ``opd_nama``,
    ``kotak_awal``, ``kotak``, ``alasan`` (the reason's label) and ``komentar``."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    doc = Document()
    section = doc.sections[0]
    section.left_margin = section.right_margin = Cm(2)
    doc.styles["Normal"].font.name = "Calibri"
    doc.styles["Normal"].font.size = Pt(10.5)
    doc.core_properties.title = t("ba.title", lang=lang)
    doc.core_properties.author = made_by
    if synthetic:
        _synthetic_mark(doc, lang)
    title = doc.add_heading(t("ba.title", lang=lang), level=0)
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    sub = doc.add_paragraph(t("ba.subtitle", lang=lang, period=period))
    sub.alignment = WD_ALIGN_PARAGRAPH.CENTER
    when = fmt.tanggal(finalised_on, lang)
    doc.add_paragraph(t("ba.opening", lang=lang, date=when, period=period))

    hadir = list(summary.get("hadir") or [])
    doc.add_heading(t("ba.h.attendance", lang=lang), level=1)
    _table(doc, [t("ba.col.no", lang=lang), t("ba.col.name", lang=lang), t("ba.col.role", lang=lang)],
           [(i, name, t(key, lang=lang)) for i, (key, name) in enumerate(signatories(hadir), start=1)],
           widths=(1.2, 9, 6))

    doc.add_heading(t("ba.h.summary", lang=lang), level=1)
    n = fmt.num
    _table(doc, [t("ba.col.item", lang=lang), t("ba.col.value", lang=lang)], [
        (t("ba.placed", lang=lang), n(summary.get("ditempatkan", 0), lang=lang)),
        (t("ba.discussed", lang=lang), f"{n(summary.get('dibahas', 0), lang=lang)} "
                                       f"({fmt.pct(summary.get('dibahas_persen', 0), 1, lang)})"),
        (t("ba.moved", lang=lang), n(summary.get("dipindah", 0), lang=lang)),
        (t("ba.minutes", lang=lang), n(summary.get("menit", 0), 1, lang)),
        (t("ba.finalised_by", lang=lang), finalised_by),
        (t("ba.finalised_on", lang=lang), when)], widths=(8, 8))

    guides = summary.get("pedoman") or []
    if guides:
        doc.add_heading(t("ba.h.guidelines", lang=lang), level=1)
        _table(doc, [t("ba.col.group", lang=lang), t("ba.col.count", lang=lang), t("ba.col.share", lang=lang),
                     t("ba.col.range", lang=lang), t("ba.col.status", lang=lang), t("ba.col.over", lang=lang),
                     t("ba.col.under", lang=lang)],
               [(g["kelompok"], n(g["jumlah"], lang=lang), fmt.pct(g["persen"], 1, lang),
                 f"{n(g['persen_min'], lang=lang)}–{n(g['persen_max'], lang=lang)}%",
                 t("kal.status." + g["status"].replace(" ", "_"), lang=lang), n(g["lebih"], lang=lang),
                 n(g["kurang"], lang=lang)) for g in guides])

    doc.add_heading(t("ba.h.distribution", lang=lang), level=1)
    dist = summary.get("distribusi") or []
    _table(doc, [t("ba.col.box", lang=lang), t("ba.col.before", lang=lang), t("ba.col.after", lang=lang),
                 t("ba.col.change", lang=lang)],
           [(d["kotak"], n(d["awal"], lang=lang), n(d["akhir"], lang=lang),
             f"{d['akhir'] - d['awal']:+d}" if d["akhir"] != d["awal"] else "0") for d in dist])

    doc.add_heading(t("ba.h.moved", lang=lang), level=1)
    if moved.empty:
        doc.add_paragraph(t("ba.none_moved", lang=lang))
    else:
        _table(doc, [t("ba.col.no", lang=lang), t("ba.col.name", lang=lang), "NIP", t("ba.col.post", lang=lang),
                     t("ba.col.from", lang=lang), t("ba.col.to", lang=lang), t("ba.col.reason", lang=lang),
                     t("ba.col.comment", lang=lang)],
               [(i, r.nama, r.nip, f"{_text(r.jabatan)} · {_text(r.opd_nama)}".strip(" ·"), int(r.kotak_awal),
                 int(r.kotak), r.alasan, r.komentar) for i, r in enumerate(moved.itertuples(index=False), start=1)])

    doc.add_heading(t("ba.h.breaches", lang=lang), level=1)
    breaches = summary.get("pelanggaran") or []
    if breaches:
        doc.add_paragraph(t("ba.breaches_intro", lang=lang))
        for b in breaches:
            doc.add_paragraph(breach_sentence(b, lang) if "kode" in b else str(b.get("kalimat", "")),
                              style="List Number")
    else:
        doc.add_paragraph(t("ba.no_breaches", lang=lang))

    doc.add_heading(t("ba.h.signatures", lang=lang), level=1)
    doc.add_paragraph(t("ba.signed_at", lang=lang, date=when))
    signers = signatories(hadir)
    grid = doc.add_table(rows=0, cols=2)
    for i in range(0, len(signers), 2):
        cells = grid.add_row().cells
        for cell, (key, name) in zip(cells, signers[i:i + 2]):
            cell.text = ""
            cell.paragraphs[0].add_run(t(key, lang=lang)).bold = True
            cell.add_paragraph("\n\n")
            cell.add_paragraph(f"( {name} )")

    foot = doc.add_paragraph()
    foot.add_run(t("ba.made", lang=lang, date=fmt.tanggal(made_on, lang), by=made_by) + " · "
                 + t("rep.wb.anonymised", lang=lang) + ": "
                 + t("rep.wb.anonymised_yes" if anonymised else "rep.wb.anonymised_no", lang=lang)).italic = True
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
