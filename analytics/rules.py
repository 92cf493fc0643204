"""The rule set the talent engine runs on, as plain frames read from the rule tables.

The engine never holds regulation values itself: everything it needs about box
numbering, predikat, weights, cut-offs, SKJ levels and bands arrives here.
"""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

PERFORMANCE_CATEGORIES = ("di bawah", "sesuai", "di atas")   # low → high, axis order
POTENTIAL_CATEGORIES = ("rendah", "menengah", "tinggi")       # low → high, axis order


@dataclass(frozen=True)
class RuleSet:
    """Frames from the rule tables (see data/migrations/002_rules.sql)."""

    period: int
    boxes: pd.DataFrame          # kotak, kategori_kinerja, kategori_potensial, label, rekomendasi, kelompok_suksesi
    predikat: pd.DataFrame       # predikat, kategori_kinerja, nilai, urutan
    predikat_pair: pd.DataFrame  # hasil_kerja, perilaku, predikat
    legacy_score: pd.DataFrame   # batas_bawah, sebutan, kategori_kinerja
    weights: pd.DataFrame        # sumbu, komponen, bobot
    cutoffs: pd.DataFrame        # sumbu, metode, batas_tinggi, batas_menengah
    education: pd.DataFrame      # tingkat, nilai
    integrity: pd.DataFrame      # tingkat_hukdis, nilai
    skj: pd.DataFrame            # jenjang_jabatan, kode, level
    competencies: pd.DataFrame   # kode, nama, kelompok, urutan
    jpm_bands: pd.DataFrame      # skema, label, batas_bawah
    jpm_cap: bool = True           # setting jpm_maksimal_100: attained levels capped at the standard

    def cutoff(self, sumbu: str) -> tuple[str, float | None, float | None]:
        """(metode, batas_tinggi, batas_menengah) for an axis."""
        row = self.cutoffs[self.cutoffs["sumbu"] == sumbu]
        if row.empty:
            raise ValueError(f"Tidak ada batas kategori untuk sumbu {sumbu}.")
        r = row.iloc[0]
        hi = None if pd.isna(r["batas_tinggi"]) else float(r["batas_tinggi"])
        mid = None if pd.isna(r["batas_menengah"]) else float(r["batas_menengah"])
        return str(r["metode"]), hi, mid

    def axis_weights(self, sumbu: str) -> dict[str, float]:
        w = self.weights[self.weights["sumbu"] == sumbu]
        return dict(zip(w["komponen"], w["bobot"].astype(float)))

    def skj_codes(self) -> list[str]:
        c = self.competencies
        c = c[c["kelompok"].isin(["manajerial", "sosial kultural"])]
        return c.sort_values(["kelompok", "urutan"])["kode"].tolist()

    def potential_codes(self) -> list[str]:
        c = self.competencies
        return c[c["kelompok"] == "potensi"].sort_values("urutan")["kode"].tolist()

    def with_cutoff(self, sumbu: str, batas_tinggi: float, batas_menengah: float) -> RuleSet:
        """A copy with other cut-offs for one axis (what-if panels)."""
        cut = self.cutoffs.copy()
        mask = cut["sumbu"] == sumbu
        cut.loc[mask, ["metode", "batas_tinggi", "batas_menengah"]] = ["nilai", batas_tinggi, batas_menengah]
        return RuleSet(**{**self.__dict__, "cutoffs": cut})
