"""Box numbering and per-box summaries, driven by the rule_box table."""
from __future__ import annotations

import numpy as np
import pandas as pd

from analytics.rules import PERFORMANCE_CATEGORIES, POTENTIAL_CATEGORIES


def box_number(kinerja: pd.Series, potensial: pd.Series, boxes: pd.DataFrame) -> pd.Series:
    """Box per (performance category, potential category); <NA> when either is missing."""
    keys = pd.MultiIndex.from_frame(boxes[["kategori_kinerja", "kategori_potensial"]])
    table = pd.Series(boxes["kotak"].to_numpy(), index=keys)
    idx = pd.MultiIndex.from_arrays([kinerja.to_numpy(dtype=object), potensial.to_numpy(dtype=object)])
    pos = table.index.get_indexer(idx)
    values = np.where(pos >= 0, table.to_numpy()[np.clip(pos, 0, None)], 0)
    out = pd.Series(values, index=kinerja.index).astype("Int8")
    return out.mask(pos < 0)


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
