"""The styled Excel workbooks: a page's table download (:func:`workbook`) and the talent report
(:func:`talent_report`: Ringkasan, one sheet per box (9 → 1), calibration record, shortlists).

Frames arrive prepared (columns chosen and named by the caller); every frame and text line goes
through the caller's ``masking`` (``reports.masking``: the anonymisation switch, required, so no
workbook can leave without it), and every sheet is written by ``reports.xlsx.write_table``, so text
is formula-safe and numbers and dates read the Indonesian way. No Streamlit here.
"""
from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from datetime import date

import pandas as pd

from common.i18n import language, t
from common.palette import box_colour
from data.exports import safe_cell
from reports.common import ink_on, legend_texts
from reports.masking import Masking
from reports.xlsx import (
    DATE_FORMAT,
    INK,
    INTEGER_FORMAT,
    header_style,
    localised,
    new_workbook,
    save,
    sheet_name,
    styled,
    text_value,
    write_table,
)

LEGEND_COLUMNS = ("kotak", "label", "rekomendasi")
_FOLLOWUP_WIDTH = 60
SYNTHETIC_RED = "B00020"


def workbook(sheets: dict[str, pd.DataFrame], title: str, context: list[tuple[str, str]], *,
             masking: Masking, lang: str | None = None, synthetic: bool = False) -> bytes:
    """A styled xlsx: a summary sheet (title and context lines, e.g. filters and date; a missing value
    reads "–"), then one sheet per frame with the catalog's column labels in ``lang`` (see
    :func:`reports.xlsx.write_table`), everything through ``masking``. Text is formula-safe."""
    from openpyxl.styles import Font

    lang = lang or language()
    title = masking.text(title)
    context = [(k, masking.text(str(text_value(v)))) for k, v in context]
    sheets = {name: masking.frame(frame) for name, frame in sheets.items()}
    wb = new_workbook(title)
    summary = t("rep.wb.summary_sheet", lang=lang)
    ws = wb.create_sheet(summary)
    ws.column_dimensions["A"].width = 28
    ws.column_dimensions["B"].width = 60
    ws.append([styled(ws, safe_cell(title), font=Font(bold=True, size=14, color=INK))])
    if synthetic:
        ws.append([styled(ws, t("file.synthetic_cover", lang=lang), font=Font(bold=True, color=SYNTHETIC_RED))])
        _mark_sheet(ws, lang)
    for k, v in context:
        ws.append([safe_cell(k), safe_cell(v)])
    taken: set[str] = {summary.lower()}
    for name, frame in sheets.items():
        ws = write_table(wb, sheet_name(name, taken), frame, lang=lang, title_lines=_banner(synthetic, lang),
                         yes_no=(t("rep.yes", lang=lang), t("rep.no", lang=lang)))
        if synthetic:
            _mark_sheet(ws, lang)
    return save(wb)


def talent_report(*, title: str, period: int | str, filter_lines: Sequence[str], made_on: date, made_by: str,
                  anonymised: bool, boxes: pd.DataFrame, people: pd.DataFrame, box_column: str = "kotak",
                  calibration: pd.DataFrame | None = None,
                  shortlists: Mapping[str, pd.DataFrame] | None = None, lang: str = "id",
                  masking: Masking, synthetic: bool = False) -> bytes:
    """The talent report as xlsx bytes.

    ``boxes``: one row per box with ``kotak``, ``label``, ``rekomendasi`` (';'-separated, as in
    ``rule_box``) and optionally ``jumlah``/``persen`` (``box_summary`` output; counted from
    ``people`` when absent) and ``jumlah_teks``/``persen_teks`` (shown instead when small groups are
    suppressed). ``people``: the placed people with the columns to show, including ``box_column``.
    ``masking``: the anonymisation switch as the page had it; ``anonymised`` states it on the summary.
    ``calibration``: the calibration record (optional). ``shortlists``: post → candidates (optional).
    ``synthetic`` (made from demo data): the summary says so, every sheet opens with the
    "DATA SINTETIS" line and prints it in its page header.
    """
    people, calibration = masking.frame(people), masking.frame(calibration)
    shortlists = {masking.text(post): masking.frame(frame) for post, frame in (shortlists or {}).items()}
    filter_lines = [masking.text(line) for line in filter_lines]
    missing = [c for c in LEGEND_COLUMNS if c not in boxes.columns]
    if missing:
        raise ValueError(f"boxes lacks columns {missing}")
    if box_column not in people.columns:
        raise ValueError(f"people lacks the box column {box_column!r}")
    legend = _legend(boxes, people[box_column])
    wb = new_workbook(title)
    taken: set[str] = set()
    _summary(wb, sheet_name(t("rep.wb.summary_sheet", lang=lang), taken), title, period, filter_lines, made_on,
             made_by, anonymised, legend, lang, synthetic)
    mark = _banner(synthetic, lang)
    yes_no = (t("rep.yes", lang=lang), t("rep.no", lang=lang))
    box_of = pd.to_numeric(people[box_column], errors="coerce")
    sheets = []
    for r in legend.itertuples(index=False):
        k = int(r.kotak)
        rows = people[box_of == k]
        sheets.append(write_table(wb, sheet_name(t("rep.wb.box_sheet", lang=lang, n=k, label=r.label), taken), rows,
                    title_lines=(*mark, t("rep.wb.box_title", lang=lang, n=k, label=r.label),
                                 t("rep.wb.box_info", lang=lang, count=r.jumlah_teks,
                                   followup=_followups(r.rekomendasi, "; "))),
                    empty_note=t("rep.wb.box_empty", lang=lang), yes_no=yes_no, lang=lang))
    if calibration is not None:
        sheets.append(write_table(wb, sheet_name(t("rep.wb.calibration_sheet", lang=lang), taken), calibration,
                    title_lines=(*mark, t("rep.wb.calibration_title", lang=lang), _period_line(period, lang)),
                    yes_no=yes_no, lang=lang))
    for i, (post, frame) in enumerate((shortlists or {}).items(), start=1):
        sheets.append(write_table(wb, sheet_name(t("rep.wb.shortlist_sheet", lang=lang, i=i, post=post), taken), frame,
                    title_lines=(*mark, t("rep.wb.shortlist_title", lang=lang, post=post), _period_line(period, lang)),
                    yes_no=yes_no, lang=lang))
    for ws in sheets if synthetic else ():
        _mark_sheet(ws, lang)
    return save(wb)


def _banner(synthetic: bool, lang: str) -> tuple[str, ...]:
    """The first line of every sheet of a file made from demo data (none otherwise)."""
    return (t("file.synthetic_cover", lang=lang),) if synthetic else ()


def _mark_sheet(ws, lang: str) -> None:
    """"DATA SINTETIS" in red in the printed page's header, centred, on every page of the sheet."""
    ws.oddHeader.center.text = f"{t('file.synthetic', lang=lang)} · {t('file.synthetic_note', lang=lang)}"
    ws.oddHeader.center.color = SYNTHETIC_RED
    ws.oddHeader.center.font = "Arial,Bold"


def _legend(boxes: pd.DataFrame, kotak: pd.Series) -> pd.DataFrame:
    """Boxes 9 → 1 with count and share, their texts, and ``ditekan`` where the caller's text is not
    the plain count (a suppressed small group: the cell then holds the text, not the number)."""
    out = boxes.copy()
    if "jumlah" not in out or "persen" not in out:
        counts = pd.to_numeric(kotak, errors="coerce").dropna().astype(int).value_counts()
        out["jumlah"] = out["kotak"].astype(int).map(counts).fillna(0).astype(int)
        total = int(out["jumlah"].sum())
        out["persen"] = (out["jumlah"] / total * 100).round(1) if total else 0.0
    plain, _ = legend_texts(out.drop(columns=["jumlah_teks", "persen_teks"], errors="ignore"))
    counts, shares = legend_texts(out)
    out["jumlah_teks"], out["persen_teks"] = counts, shares
    out["ditekan"] = [c != p for c, p in zip(counts, plain)]
    return out.sort_values("kotak", ascending=False).reset_index(drop=True)


def _followups(rekomendasi: object, sep: str) -> str:
    return sep.join(p.strip() for p in str(rekomendasi or "").split(";") if p.strip())


def _period_line(period: int | str, lang: str) -> str:
    return f"{t('rep.wb.period', lang=lang)}: {period}"


def _summary(wb, name: str, title: str, period: int | str, filter_lines: Sequence[str], made_on: date,
             made_by: str, anonymised: bool, legend: pd.DataFrame, lang: str, synthetic: bool = False) -> None:
    """Title, the context as label/value rows, then the legend of the nine boxes with their colours."""
    from openpyxl.styles import Alignment, Font, PatternFill

    ws = wb.create_sheet(name)
    for col, width in zip("ABCDE", (16, 46, _FOLLOWUP_WIDTH, 12, 12)):
        ws.column_dimensions[col].width = width
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = 9                 # A4
    label_font, top = Font(bold=True, color=INK), Alignment(vertical="top", wrap_text=True)
    written = 0

    def add(row: list, height: float | None = None) -> None:
        nonlocal written
        written += 1
        if height is not None:                  # write-only: a row's height is set before the row
            ws.row_dimensions[written].height = height
        ws.append(row)

    def pair(label: str, value, number_format: str | None = None) -> None:
        add([styled(ws, safe_cell(label), font=label_font, alignment=top),
             styled(ws, safe_cell(value), number_format=number_format, alignment=top)])

    add([styled(ws, safe_cell(title), font=Font(bold=True, size=16, color=INK))])
    if synthetic:                               # demo data: said first, in red, and in the print header
        add([styled(ws, t("file.synthetic_cover", lang=lang), font=Font(bold=True, size=13, color=SYNTHETIC_RED))])
        _mark_sheet(ws, lang)
    add([])
    pair(t("rep.wb.period", lang=lang), period)
    lines = [str(s) for s in filter_lines if str(s).strip()] or [t("rep.wb.no_filter", lang=lang)]
    for i, line in enumerate(lines):
        pair(t("rep.wb.filters", lang=lang) if i == 0 else "", line)
    pair(t("rep.wb.made_on", lang=lang), made_on, localised(DATE_FORMAT, lang))
    pair(t("rep.wb.made_by", lang=lang), made_by)
    pair(t("rep.wb.anonymised", lang=lang),
         t("rep.wb.anonymised_yes" if anonymised else
           "file.anonymised_synthetic" if synthetic else "rep.wb.anonymised_no", lang=lang))
    pair(t("rep.wb.placed", lang=lang), int(legend["jumlah"].sum()), INTEGER_FORMAT)
    add([])
    add([styled(ws, t("rep.wb.legend", lang=lang), font=Font(bold=True, size=13, color=INK))])
    font, fill = header_style()
    add([styled(ws, t(k, lang=lang), font=font, fill=fill) for k in
         ("rep.col.box", "rep.col.name", "rep.col.followup", "rep.col.count", "rep.col.share")])
    for r in legend.itertuples(index=False):
        colour = box_colour(r.kotak)
        box_fill = PatternFill("solid", fgColor=colour.lstrip("#").upper())
        box_font = Font(bold=True, size=13, color=ink_on(colour).lstrip("#").upper())
        followup = _followups(r.rekomendasi, "\n")
        lines_needed = sum(max(1, math.ceil(len(p) / (_FOLLOWUP_WIDTH - 4))) for p in followup.split("\n"))
        count, share, count_format, share_format = (
            (r.jumlah_teks, r.persen_teks, None, None) if r.ditekan
            else (int(r.jumlah), float(r.persen) / 100, INTEGER_FORMAT, "0.0%"))
        add([styled(ws, int(r.kotak), font=box_font, fill=box_fill,
                    alignment=Alignment(horizontal="center", vertical="top")),
             styled(ws, safe_cell(str(r.label)), alignment=top),
             styled(ws, safe_cell(followup), alignment=top),
             styled(ws, safe_cell(count), number_format=count_format, alignment=top),
             styled(ws, safe_cell(share), number_format=share_format, alignment=top)],
            height=max(18, 15 * lines_needed))
