"""The presentation palette (not regulation): one place for the colours every chart, slide,
workbook and page style uses."""
from __future__ import annotations

# Per 9-box box: warm for attention, green for the talent pool.
BOX_COLOURS = {1: "#d64545", 2: "#f0a35e", 3: "#f0a35e", 4: "#f4d35e", 5: "#f4d35e", 6: "#f4d35e",
               7: "#7cc47f", 8: "#7cc47f", 9: "#2e8b57"}
# Movement charts tell boxes of the same band apart, so each box has its own shade.
SHARE_COLOURS = {1: "#d64545", 2: "#f5b77e", 3: "#e08a3c", 4: "#f9e8a0", 5: "#f4d35e", 6: "#d4ad1f",
                 7: "#a8dbaa", 8: "#6fbf73", 9: "#2e8b57"}
# Dots coloured by a category (OPD, jenis jabatan, age band …): colours a reader tells apart at a
# glance, none of them grey or the box tints' reds and yellows; the rest of a long category is OTHER.
CATEGORY_COLOURS = ("#1f77b4", "#ff7f0e", "#9467bd", "#17becf", "#8c564b", "#e377c2", "#d62728")
OTHER = "#a6a6a6"        # "Lainnya": the groups beyond the largest few, in grey
UNKNOWN = "#cccccc"
INK = "#1b1b1b"          # text on light backgrounds
ACCENT = "#0b6e4f"       # header green: tables, workbook headers, bars
GRID = "#e5e5e5"         # chart grid lines


def box_colour(kotak: int) -> str:
    return BOX_COLOURS.get(int(kotak), UNKNOWN)
