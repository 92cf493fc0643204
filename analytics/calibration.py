"""Calibration by the talent committee: final boxes, distribution guidelines, attention coverage."""
from __future__ import annotations

import numpy as np
import pandas as pd

from analytics.ninebox import grid_position
from analytics.positions import DOT_TOP, MARGIN, keyed_units


def apply_calibration(placed: pd.DataFrame, calib: pd.DataFrame, boxes: pd.DataFrame,
                      key: bytes | None = None) -> pd.DataFrame:
    """Copy of ``placed`` with ``kotak_awal`` (the engine's proposal), ``kotak`` (final: calibrated
    where the committee moved someone), ``dikalibrasi`` and ``alasan_kode``. When ``x``/``y`` plot
    positions are present, moved people are redrawn inside their new box, at a place keyed by ``key``
    (the installation secret, required then: see ``analytics.positions``)."""
    out = placed.copy(deep=False)  # copy-on-write: changing ``out`` leaves ``placed`` as it was
    out["kotak_awal"] = out["kotak"]
    moved = calib.set_index("nip") if not calib.empty else pd.DataFrame(columns=["kotak_baru", "alasan_kode"])
    new_box = out["nip"].map(moved["kotak_baru"]) if len(moved) else pd.Series(np.nan, index=out.index)
    has = new_box.notna() & out["kotak_awal"].notna()
    out["kotak"] = out["kotak_awal"].where(~has, new_box).astype("Int8")
    out["dikalibrasi"] = has
    out["alasan_kode"] = out["nip"].map(moved["alasan_kode"]).where(has) if len(moved) else None
    if has.any() and {"x", "y"} <= set(out.columns):
        cells = grid_position(boxes).set_index("kotak")
        k = out.loc[has, "kotak"].astype(int)
        u = keyed_units(out.loc[has, "nip"], key, 2, "kalibrasi")
        out.loc[has, "x"] = cells.loc[k, "kolom"].to_numpy() + MARGIN + u[:, 0] * (1 - 2 * MARGIN)
        out.loc[has, "y"] = cells.loc[k, "baris"].to_numpy() + MARGIN + u[:, 1] * (DOT_TOP - MARGIN)
    return out


def distribution_status(kotak: pd.Series, guidelines: pd.DataFrame) -> pd.DataFrame:
    """Share of placed people per guideline group of boxes, against its target range."""
    placed = kotak.dropna().astype(int)
    total = len(placed)
    rows = []
    for g in guidelines.itertuples(index=False):
        boxes = [int(b) for b in str(g.kotak).split(";") if b.strip()]
        n = int(placed.isin(boxes).sum())
        share = n / total * 100 if total else 0.0
        status = "di bawah rentang" if share < g.persen_min else "di atas rentang" if share > g.persen_max else "sesuai"
        rows.append((g.label, g.kotak, n, round(share, 1), g.persen_min, g.persen_max, status))
    return pd.DataFrame(rows, columns=["kelompok", "kotak", "jumlah", "persen", "persen_min", "persen_max", "status"])


def attention(placed: pd.DataFrame, discussions: pd.DataFrame, by: str, min_group: int = 5,
              low_ratio: float = 0.5) -> pd.DataFrame:
    """Coverage (share discussed) and minutes per person per group; groups below ``low_ratio`` of the
    overall figure on either are flagged. Groups under ``min_group`` people are left out."""
    people = placed[placed["kotak"].notna()][["nip", by]]
    d = discussions.set_index("nip") if not discussions.empty else pd.DataFrame(columns=["dibahas", "detik"])
    talked = d.index[d["dibahas"].astype(bool)] if len(d) else []
    people = people.assign(dibahas=people["nip"].isin(talked),
                           detik=people["nip"].map(d["detik"]).fillna(0).astype(float))
    overall_cov = people["dibahas"].mean() if len(people) else 0.0
    overall_min = people["detik"].mean() / 60 if len(people) else 0.0
    g = people.groupby(by, observed=True).agg(n=("nip", "size"), dibahas=("dibahas", "sum"),
                                              detik=("detik", "sum")).reset_index()
    g = g[g["n"] >= min_group]
    g["cakupan_persen"] = (g["dibahas"] / g["n"] * 100).round(1)
    g["menit_per_orang"] = (g["detik"] / 60 / g["n"]).round(2)
    low_cov = g["cakupan_persen"] < overall_cov * 100 * low_ratio
    low_time = g["menit_per_orang"] < overall_min * low_ratio
    g["perhatian_kurang"] = (overall_cov > 0) & (low_cov | low_time)
    return g.rename(columns={by: "kelompok"}).drop(columns=["detik"]).sort_values("cakupan_persen").reset_index(drop=True)


def calibration_record(placed: pd.DataFrame, calib: pd.DataFrame, discussions: pd.DataFrame,
                       reason_labels: dict[str, str]) -> pd.DataFrame:
    """Everyone the committee moved or discussed: original and final box, reason, comment, who,
    when, discussed and minutes spent (the record the committee exports)."""
    disc = discussions if not discussions.empty else pd.DataFrame(columns=["nip", "dibahas", "detik"])
    touched = placed["dikalibrasi"] | placed["nip"].isin(disc["nip"])
    cal = calib if not calib.empty else pd.DataFrame(columns=["nip", "alasan_kode", "komentar", "oleh", "pada"])
    out = placed.loc[touched, ["nip", "nama", "jabatan", "opd_nama", "kotak_awal", "kotak"]].merge(
        cal[["nip", "alasan_kode", "komentar", "oleh", "pada"]], on="nip", how="left").merge(
        disc[["nip", "dibahas", "detik"]], on="nip", how="left")
    out["alasan"] = out["alasan_kode"].map(reason_labels)
    out["menit"] = (out["detik"].astype(float) / 60).round(1)
    out["dibahas"] = out["dibahas"].astype("boolean").fillna(False)
    cols = ["nip", "nama", "jabatan", "opd_nama", "kotak_awal", "kotak", "alasan", "komentar", "oleh", "pada",
            "dibahas", "menit"]
    return out[cols].sort_values(["pada", "nama"], na_position="last").reset_index(drop=True)
