"""Monev: the yearly monitoring report of the talent cycle (Permen PANRB 3/2020 asks for monitoring and
evaluation of the whole cycle) — the cycle's indicators of a period against the previous one, as an
Excel workbook (:func:`workbook`) and a PowerPoint deck (:func:`deck`), for the Wali Kota and for
reporting upwards.

The caller (``ui/cycle.py``) measures the indicators and prepares the detail frames (columns named
by data column, labelled from the catalog by the workbook writer); this module only lays them out.
Every frame and text goes through ``masking``. No Streamlit here.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

import pandas as pd

from common import fmt
from common.i18n import t
from reports import deck as deck_writer
from reports import workbook as workbook_writer
from reports.masking import Masking
from reports.slides import Slide

UNITS = ("n", "pct", "days")
DASH = "–"


@dataclass(frozen=True)
class Indicator:
    """One indicator of the cycle in two periods. ``unit``: ``n`` (a count), ``pct`` (a share in per
    cent, of ``base``), ``days`` (a mean number of days). None: not measurable that period."""
    key: str                   # its name is the catalog's ``siklus.ind.<key>``
    unit: str
    value: float | None
    previous: float | None
    base: str = ""             # what a share is of, in words ("dari jabatan target yang terisi")

    def text(self, value: float | None, lang: str) -> str:
        if value is None or pd.isna(value):
            return DASH
        if self.unit == "pct":
            return fmt.pct(value, 1, lang)
        if self.unit == "days":
            return t("siklus.unit.days", lang=lang, n=fmt.num(value, 0, lang))
        return fmt.num(value, lang=lang)

    def change(self, lang: str) -> str:
        """The change from the previous period in words and the indicator's unit (a share in points):
        "naik 4,5 poin", "turun 2", "tetap" (no leading sign: a file would read it as a formula)."""
        if self.value is None or self.previous is None or pd.isna(self.value) or pd.isna(self.previous):
            return DASH
        diff = float(self.value) - float(self.previous)
        if diff == 0:
            return t("siklus.change.same", lang=lang)
        if self.unit == "pct":
            amount = t("siklus.unit.points", lang=lang, n=fmt.num(abs(diff), 1, lang))
        elif self.unit == "days":
            amount = t("siklus.unit.days", lang=lang, n=fmt.num(abs(diff), 0, lang))
        else:
            amount = fmt.num(abs(diff), lang=lang)
        return t("siklus.change.up" if diff > 0 else "siklus.change.down", lang=lang, n=amount)


def indicator_table(indicators: Sequence[Indicator], period: int, previous: int | None, lang: str) -> pd.DataFrame:
    """One row per indicator: its name, the previous period's value, this period's, the change, and
    the base a share is of. Values are written in the language (each row has its own unit)."""
    rows = [{"indikator": t(f"siklus.ind.{i.key}", lang=lang),
             "nilai_sebelumnya": i.text(i.previous, lang) if previous is not None else DASH,
             "nilai": i.text(i.value, lang),
             "perubahan": i.change(lang) if previous is not None else DASH,
             "dasar": i.base or DASH} for i in indicators]
    table = pd.DataFrame(rows, columns=["indikator", "nilai_sebelumnya", "nilai", "perubahan", "dasar"])
    return table.rename(columns={"nilai_sebelumnya": str(previous) if previous is not None else DASH,
                                 "nilai": str(period)})


def workbook(indicators: Sequence[Indicator], period: int, previous: int | None, details: Mapping[str, pd.DataFrame],
             context: list[tuple[str, str]], *, lang: str, masking: Masking, synthetic: bool) -> bytes:
    """The Monev workbook: the summary (title, period, scope, made), the indicators sheet, then one
    sheet per detail frame (``details``: sheet name → frame) in the given order."""
    sheets = {t("siklus.monev.sheet.indicators", lang=lang): indicator_table(indicators, period, previous, lang),
              **details}
    return workbook_writer.workbook(sheets, t("siklus.monev.title", lang=lang, period=period), context,
                                    masking=masking, lang=lang, synthetic=synthetic)


SLIDE_ROWS = 9   # indicators on one slide: the table stays readable from the back of the room


def slides(indicators: Sequence[Indicator], period: int, previous: int | None, subtitle: str, lang: str,
           funnel: Slide | None = None, extra: Sequence[Slide] = ()) -> list[Slide]:
    """The deck's slides: the indicators against the previous period (tables of at most
    :data:`SLIDE_ROWS` rows, each share's base in the notes), the funnel, then ``extra``."""
    out = []
    for start in range(0, len(indicators), SLIDE_ROWS):
        part = list(indicators[start:start + SLIDE_ROWS])
        table = indicator_table(part, period, previous, lang).drop(columns=["dasar"])
        table = table.rename(columns={"indikator": t("label.indikator", lang=lang),
                                      "perubahan": t("label.perubahan", lang=lang)})
        out.append(Slide(f"monev-indikator-{start // SLIDE_ROWS + 1}", t(
            "siklus.monev.slide_indicators", lang=lang, period=period,
            previous=previous if previous is not None else DASH), subtitle, table=table,
            notes=tuple(f"{t(f'siklus.ind.{i.key}', lang=lang)}: {i.base}" for i in part if i.base)))
    return [*out, *([funnel] if funnel is not None else []), *extra]


def deck(slides_: Sequence[Slide], period: int, subtitle: str, *, lang: str, masking: Masking, synthetic: bool,
         made_on: date | None = None) -> bytes:
    """The Monev deck (16:9, ``reports.deck``): tables and notes through ``masking``."""
    safe = [Slide(s.key, str(masking.text(s.title)), str(masking.text(s.subtitle)), s.metrics, s.figure,
                  masking.frame(s.table), tuple(str(masking.text(n)) for n in s.notes), str(masking.text(s.lead)))
            for s in slides_]
    return deck_writer.deck(safe, t("siklus.monev.title", lang=lang, period=period), subtitle, lang,
                            made_on=made_on, synthetic=synthetic)
