"""What the report builders share: the error they raise, dates per language, box colours and the
count/share texts of a box legend."""
from __future__ import annotations

from datetime import date

import pandas as pd

from common import fmt
from common.palette import INK

NEUTRAL_AUTHOR = "Talenta"   # document properties never carry a person's name


class ReportError(RuntimeError):
    """A report or image could not be built; the message is meant for the user (Indonesian by default)."""


def tanggal(d: date, lang: str = "id") -> str:
    """5 Januari 2026 (id) / 5 January 2026 (en)."""
    return fmt.tanggal(d, lang)



def ink_on(hex_colour: str) -> str:
    """Black or white text, whichever reads better on ``hex_colour`` (WCAG relative luminance)."""
    h = hex_colour.lstrip("#")
    channels = []
    for i in (0, 2, 4):
        c = int(h[i:i + 2], 16) / 255
        channels.append(c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4)
    lum = 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2]
    # contrast against white (1.05 / (lum + 0.05)) vs against ink ≈ black ((lum + 0.05) / 0.05)
    return "#ffffff" if 1.05 / (lum + 0.05) > (lum + 0.05) / 0.05 else INK


def legend_texts(legend: pd.DataFrame, lang: str = "id") -> tuple[list[str], list[str]]:
    """Count and share per row as shown. A caller that suppresses small groups (the anonymisation
    switch) passes ``jumlah_teks``/``persen_teks`` (e.g. from ``reports.figures.ninebox.with_count_labels``) and those are
    used as they are; otherwise ``jumlah``/``persen`` are formatted the Indonesian way."""
    counts = (legend["jumlah_teks"].astype(str).tolist() if "jumlah_teks" in legend
              else [fmt.num(int(v), lang=lang) for v in legend["jumlah"]])
    shares = (legend["persen_teks"].astype(str).tolist() if "persen_teks" in legend
              else [fmt.pct(float(v), lang=lang) for v in legend["persen"]])
    return counts, shares
