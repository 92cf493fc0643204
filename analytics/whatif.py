"""What-if cut-offs: re-place people under other potential cut-offs without touching the data."""
from __future__ import annotations

import pandas as pd

from analytics.ninebox import box_number, box_summary
from analytics.performance import categorise
from analytics.rules import RuleSet


def replace_with_cutoffs(placed: pd.DataFrame, rules: RuleSet, hi: float, mid: float) -> pd.Series:
    """Box per person if the potential cut-offs were (hi, mid)."""
    if mid > hi:
        raise ValueError("Batas menengah tidak boleh lebih tinggi dari batas tinggi.")
    kat = categorise(placed["potensial_nilai"], hi, mid, ("rendah", "menengah", "tinggi"))
    return box_number(placed["kinerja_kategori"], kat, rules.boxes)


def compare(placed: pd.DataFrame, rules: RuleSet, hi: float, mid: float) -> pd.DataFrame:
    """Per box: saved count, what-if count and the difference; plus how many people move."""
    saved = box_summary(placed["kotak"], rules.boxes)[["kotak", "label", "jumlah"]]
    new = box_summary(replace_with_cutoffs(placed, rules, hi, mid), rules.boxes)["jumlah"]
    out = saved.rename(columns={"jumlah": "tersimpan"})
    out["simulasi"] = new.to_numpy()
    out["selisih"] = out["simulasi"] - out["tersimpan"]
    return out


def moved(placed: pd.DataFrame, rules: RuleSet, hi: float, mid: float) -> int:
    new = replace_with_cutoffs(placed, rules, hi, mid)
    both = placed["kotak"].notna() & new.notna()
    return int((placed.loc[both, "kotak"] != new[both]).sum())
