"""Box numbering and per-box summaries, driven by the rule_box table."""
from __future__ import annotations

import numpy as np
import pandas as pd

from analytics.anonymise import Suppression, suppress_linked
from analytics.lookup import lookup
from analytics.rules import PERFORMANCE_CATEGORIES, POTENTIAL_CATEGORIES


def box_number(kinerja: pd.Series, potensial: pd.Series, boxes: pd.DataFrame) -> pd.Series:
    """Box per (performance category, potential category); <NA> when either is missing."""
    rows = {c: i for i, c in enumerate(PERFORMANCE_CATEGORIES)}
    cols = {c: i for i, c in enumerate(POTENTIAL_CATEGORIES)}
    grid = np.zeros((4, 4), dtype=np.int8)  # index 3 = missing
    for k, kin, pot in zip(boxes["kotak"], boxes["kategori_kinerja"], boxes["kategori_potensial"]):
        grid[rows[kin], cols[pot]] = k
    r = lookup(kinerja, rows, default=3, dtype=np.int64)
    c = lookup(potensial, cols, default=3, dtype=np.int64)
    out = pd.Series(grid[r, c], index=kinerja.index).astype("Int8")
    return out.mask(out == 0)


def grid_position(boxes: pd.DataFrame) -> pd.DataFrame:
    """Row/column of each box on screen: column 0..2 = potential low→high, row 0..2 = performance low→high."""
    out = boxes[["kotak", "label", "kategori_kinerja", "kategori_potensial", "rekomendasi", "kelompok_suksesi"]].copy()
    out["kolom"] = out["kategori_potensial"].map({c: i for i, c in enumerate(POTENTIAL_CATEGORIES)})
    out["baris"] = out["kategori_kinerja"].map({c: i for i, c in enumerate(PERFORMANCE_CATEGORIES)})
    return out


def box_summary(kotak: pd.Series, boxes: pd.DataFrame) -> pd.DataFrame:
    """Count and share (of placed people) per box, every box present even when empty."""
    grid = grid_position(boxes)
    counts = kotak.dropna().astype(int).value_counts()
    grid["jumlah"] = grid["kotak"].map(counts).fillna(0).astype(int)
    total = int(grid["jumlah"].sum())
    grid["persen"] = (grid["jumlah"] / total * 100.0).round(1) if total else 0.0
    return grid.sort_values("kotak").reset_index(drop=True)


POOL = "kelompok_suksesi"  # the succession pool's headline (the boxes rule_box marks kelompok_suksesi)


def box_suppression(summary: pd.DataFrame, minimum: int) -> Suppression:
    """What of a 9-box summary may be shown when small groups are hidden: its nine counts, their
    total (and shares) and the succession-pool headline, as one linked table (see ``suppress_linked``).
    Every screen that shows 9-box numbers takes this one answer, so they all hide the same cells."""
    counts = pd.Series(summary["jumlah"].to_numpy(), index=summary["kotak"].astype(int).to_numpy())
    groups = {}
    if POOL in summary.columns:
        groups[POOL] = summary.loc[summary[POOL].fillna(False).astype(bool), "kotak"].astype(int).tolist()
    return suppress_linked(counts, minimum, groups)
