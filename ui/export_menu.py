"""Download buttons for the files leaders keep: the Excel report, the 9-box as PNG/PDF, the slide deck.

Every file is built only when its button is clicked (a zero-argument callable), from what the
session may see: when the anonymisation switch is on, names, NIPs and small groups are hidden
in the file exactly as on screen. Each export is recorded in the audit log.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

import pandas as pd
import streamlit as st

from analytics.calibration import calibration_record
from analytics.ninebox import box_summary
from common import fmt
from common.i18n import language, t
from common.terms import box_label, followups
from reports import deck, figure_export, workbook
from reports.figures import ninebox as ninebox_figures
from reports.masking import SHOW, Masking
from ui import components, presentation, privacy, services, succession
from ui.frame import Context
from ui.user import acting_user, can

PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
PEOPLE_COLUMNS = ["nama", "nip", "jabatan", "jenjang_jabatan", "opd_nama", "jenis_asn", "golongan", "predikat_efektif",
                  "kinerja_kategori", "potensial_nilai", "potensial_kategori", "jpm", "jpm_asal", "kotak_awal", "kotak", "dikalibrasi"]


@dataclass(frozen=True)
class Request:
    """Everything a file needs, captured while the page runs: the builders run later, on the click,
    outside the script run, where the session (user, language, switch) cannot be read."""
    ctx: Context
    lang: str
    user: str
    anonymised: bool
    min_count: int
    key: bytes

    @property
    def masking(self) -> Masking:
        """The one masking step the file builders apply (``reports.masking``)."""
        return Masking(self.key) if self.anonymised else SHOW

    def shown(self, frame: pd.DataFrame) -> pd.DataFrame:
        return self.masking.frame(frame)


def request(ctx: Context, lang: str) -> Request:
    anon = privacy.is_on()
    return Request(ctx, lang, acting_user(), anon, privacy.min_group() if anon else 0, services.pseudonym_key())


def _audit(r: Request, action: str, extra: dict | None = None) -> None:
    services.audit(r.user, action, f"periode:{r.ctx.period}",
                   {"filter": presentation.filter_lines(r.ctx, "id"), "disamarkan": r.anonymised, **(extra or {})})


def _summary(r: Request) -> pd.DataFrame:
    """The nine boxes with counts as the file shows them, box names and follow-ups in the file's language
    (the builders run on the click, outside the page run, where the page's language cannot be read)."""
    with services.snapshot():
        boxes = services.rules(r.ctx.period).boxes
        kotak = services.placements(r.ctx.period, r.ctx.filters, r.ctx.scope)["kotak"]
    boxes = boxes.assign(
        label=[box_label(b.label, b.kategori_kinerja, b.kategori_potensial, r.lang) for b in boxes.itertuples()],
        rekomendasi=[followups(x, r.lang) for x in boxes["rekomendasi"]])
    return ninebox_figures.with_count_labels(box_summary(kotak, boxes), r.min_count, r.lang)


def report(r: Request) -> bytes:
    """The styled Excel report: summary with filters and legend, a sheet per box, calibration, shortlists."""
    ctx = r.ctx
    with services.snapshot() as store:  # built on the click, outside a page run: one state for the whole file
        placed = services.placements(ctx.period, ctx.filters, ctx.scope)
        reasons = store.calibration_reasons(False)
        calib = calibration_record(placed, store.calibrations(ctx.period, scope=ctx.scope),
                                   store.discussions(ctx.period, scope=ctx.scope),
                                   dict(zip(reasons["kode"], reasons["label"])))
        lists = succession.shortlists(ctx.period, ctx.filters, ctx.scope, date.today())
        summary = _summary(r)
    people = r.shown(placed.loc[placed["kotak"].notna(), [c for c in PEOPLE_COLUMNS if c in placed.columns]])
    calib = r.shown(calib)
    lists = {post: r.shown(frame) for post, frame in lists.items()}
    _audit(r, "ekspor:laporan", {"orang": len(people)})
    return workbook.talent_report(
        title=t("exp.report_title", lang=r.lang, period=ctx.period), period=ctx.period,
        filter_lines=presentation.filter_lines(ctx, r.lang), made_on=date.today(), made_by=r.user,
        anonymised=r.anonymised, boxes=summary, people=people,
        calibration=calib if not calib.empty else None, shortlists=lists, lang=r.lang, masking=r.masking,
        synthetic=r.ctx.synthetic)


def ninebox(r: Request, kind: str, page: str = "a4") -> bytes:
    """The 9-box grid with title, filters, date and legend, as PNG or PDF (rendered offline); the PDF
    on ``page`` ("a4": A4 landscape, "layar": 1200×750 pt)."""
    framed = ninebox_figure(r, kind, page)
    _audit(r, f"ekspor:9-kotak-{kind}", {"halaman": page} if kind == "pdf" else None)
    return figure_export.ninebox_file(framed, kind, page, lang=r.lang)


def ninebox_figure(r: Request, kind: str, page: str = "a4"):
    """The framed 9-box grid the PNG or PDF is drawn from (the mark of demo data included)."""
    summary = _summary(r)
    fig = ninebox_figures.ninebox_grid(summary, min_count=r.min_count, lang=r.lang)
    return figure_export.framed_ninebox(fig, t("exp.ninebox_title", lang=r.lang, period=r.ctx.period),
                                        presentation.filter_lines(r.ctx, r.lang), date.today(), summary,
                                        lang=r.lang, size=figure_export.frame_size(kind, page),
                                        synthetic=r.ctx.synthetic)


def view(r: Request, fig, summary: pd.DataFrame, extra_lines: list[str], kind: str, page: str = "a4") -> bytes:
    """A figure as the page shows it (e.g. the Sembilan Kotak dots with the page's own filters)."""
    framed = figure_export.framed_ninebox(fig, t("exp.ninebox_title", lang=r.lang, period=r.ctx.period),
                                          presentation.filter_lines(r.ctx, r.lang) + extra_lines, date.today(),
                                          ninebox_figures.with_count_labels(summary, r.min_count, r.lang), lang=r.lang,
                                          size=figure_export.frame_size(kind, page), synthetic=r.ctx.synthetic)
    _audit(r, f"ekspor:9-kotak-{kind}", {"filter_halaman": extra_lines, **({"halaman": page} if kind == "pdf" else {})})
    return figure_export.ninebox_file(framed, kind, page, lang=r.lang)


def _pdf_page(container, key: str) -> str:
    """The PDF page size chosen (A4 landscape by default)."""
    lang = language()      # the options' words in the page's language, also when read outside the run (AppTest)
    return container.radio(t("file.pdf_page"), figure_export.PDF_PAGES, horizontal=True, key=f"{key}_page",
                           format_func=lambda p: t(f"file.pdf_page.{p}", lang=lang),
                           help=t("file.pdf_page_help")) or "a4"


def view_menu(ctx: Context, lang: str, key: str, fig, summary: pd.DataFrame, extra_lines: list[str]) -> None:
    """PNG and PDF of the figure on the page, with every filter (sidebar and page) written on it."""
    if not can("ekspor"):
        return
    r = request(ctx, lang)
    stamp = f"{ctx.period}-{datetime.now():%Y%m%d}"
    c1, c2, c3 = st.columns([1, 1, 2])
    page = _pdf_page(c3, key)
    c1.download_button(t("exp.png"), data=lambda: view(r, fig, summary, extra_lines, "png"),
                       file_name=f"9-kotak-{stamp}.png", mime="image/png", on_click="ignore", icon=":material/image:",
                       key=f"{key}_png", width="stretch")
    c2.download_button(t("exp.pdf"), data=lambda: view(r, fig, summary, extra_lines, "pdf", page),
                       file_name=f"9-kotak-{stamp}.pdf", mime="application/pdf", on_click="ignore",
                       icon=":material/picture_as_pdf:", key=f"{key}_pdf", width="stretch")


def slides(r: Request) -> bytes:
    """The presentation slides as a PowerPoint deck."""
    with services.snapshot():
        made = presentation.build(r.ctx, r.lang, date.today(), min_count=r.min_count)
    _audit(r, "ekspor:presentasi", {"slide": len(made)})
    return deck.deck(made, t("exp.deck_title", lang=r.lang, period=r.ctx.period),
                     " · ".join(presentation.filter_lines(r.ctx, r.lang)), lang=r.lang, synthetic=r.ctx.synthetic)


def menu(ctx: Context, lang: str, key: str, with_deck: bool = False) -> None:
    """The download buttons (only for roles with ``ekspor``); the files carry the filters they were made with."""
    if not can("ekspor"):
        return
    r = request(ctx, lang)
    stamp = f"{ctx.period}-{datetime.now():%Y%m%d}"
    cols = st.columns(4 if with_deck else 3)
    page = _pdf_page(st, key)
    cols[0].download_button(t("exp.report"), data=lambda: report(r), file_name=f"talenta-{stamp}.xlsx",
                            mime=components.XLSX_MIME, on_click="ignore", icon=":material/table_view:", key=f"{key}_xlsx",
                            width="stretch")
    cols[1].download_button(t("exp.png"), data=lambda: ninebox(r, "png"), file_name=f"9-kotak-{stamp}.png",
                            mime="image/png", on_click="ignore", icon=":material/image:", key=f"{key}_png",
                            width="stretch")
    cols[2].download_button(t("exp.pdf"), data=lambda: ninebox(r, "pdf", page), file_name=f"9-kotak-{stamp}.pdf",
                            mime="application/pdf", on_click="ignore", icon=":material/picture_as_pdf:",
                            key=f"{key}_pdf", width="stretch")
    if with_deck:
        cols[3].download_button(t("exp.deck"), data=lambda: slides(r), file_name=f"presentasi-{stamp}.pptx",
                                mime=PPTX, on_click="ignore", icon=":material/slideshow:", key=f"{key}_pptx",
                                width="stretch")
    st.caption(t("exp.note", anon=t("pres.anon_on") if r.anonymised else t("pres.anon_off"),
                 made=fmt.tanggal(date.today())))
