"""The potential axis (X): composite from assessment and track-record components."""
from __future__ import annotations

import numpy as np
import pandas as pd

from analytics.competency import person_jpm
from analytics.lookup import lookup
from analytics.performance import categorise, weighted
from analytics.rules import RuleSet

# Potential components read from population columns of these names when present (not yet imported).
EXTRA_COMPONENTS = ("pengembangan_kompetensi", "pengalaman_jabatan", "kesesuaian_bidang")
# Components that come from an assessment: without at least one of them a person
# is "belum diprofil" and is never placed, whatever else is known about them.
ASSESSMENT_COMPONENTS = ("asesmen_kompetensi", "aspek_potensi")


def potential_components(frame: pd.DataFrame, rules: RuleSet, jpm_value: pd.Series | None = None) -> pd.DataFrame:
    """Each component on 0–100; NaN where the data cannot supply it.

    asesmen_kompetensi: the person's JPM (the file's official one, else computed against their own SKJ
    under the cap rule), at most 100 on this 0–100 scale.
    aspek_potensi: mean of the 8 potential aspects (1–5) as a share of 5, else the source's score.
    tingkat_pendidikan / integritas: from the education and discipline rule tables; integritas from
    ``hukdis_aktif``, the heaviest sanction in force on the period's end (31 December), as the
    population query dates it (see :mod:`analytics.sanctions`).
    pengembangan_kompetensi, pengalaman_jabatan, kesesuaian_bidang: taken from columns of
    those names when present (not yet imported), otherwise left out.
    """
    idx = frame.index
    j = person_jpm(frame, rules.skj, rules.skj_codes(), rules.jpm_cap) if jpm_value is None else jpm_value
    out = pd.DataFrame({"asesmen_kompetensi": np.minimum(j, 100.0)}, index=idx)

    pcodes = [c for c in rules.potential_codes() if c in frame.columns]
    aspects = frame[pcodes].astype(float).mean(axis=1) / 5.0 * 100.0 if pcodes else pd.Series(np.nan, index=idx)
    if "nilai_potensi" in frame.columns:
        aspects = aspects.where(aspects.notna(), frame["nilai_potensi"].astype(float))
    out["aspek_potensi"] = aspects

    edu = dict(zip(rules.education["tingkat"], rules.education["nilai"]))
    out["tingkat_pendidikan"] = lookup(frame["pendidikan_tingkat"], edu) \
        if "pendidikan_tingkat" in frame.columns else np.nan
    integ = dict(zip(rules.integrity["tingkat_hukdis"], rules.integrity["nilai"]))
    out["integritas"] = lookup(frame["hukdis_aktif"], integ, default=integ.get("tidak ada", np.nan)) \
        if "hukdis_aktif" in frame.columns else np.nan
    for extra in EXTRA_COMPONENTS:
        out[extra] = frame[extra].astype(float) if extra in frame.columns else np.nan
    return out


def potential_axis(frame: pd.DataFrame, rules: RuleSet, components: pd.DataFrame | None = None) -> pd.DataFrame:
    """Columns: potensial_nilai, potensial_kategori, potensial_formula (NaN/None when not profiled)."""
    comps = potential_components(frame, rules) if components is None else components
    profiled = comps[list(ASSESSMENT_COMPONENTS)].notna().any(axis=1)
    value, formula = weighted(comps, rules.axis_weights("potensial"))
    value = value.where(profiled)
    metode, hi, mid = rules.cutoff("potensial")
    if metode != "nilai" or hi is None or mid is None:
        raise ValueError("Sumbu potensial memerlukan batas nilai tinggi dan menengah.")
    return pd.DataFrame({
        "potensial_nilai": value,
        "potensial_kategori": categorise(value, hi, mid, ("rendah", "menengah", "tinggi")),
        "potensial_formula": formula.where(profiled),
    }, index=frame.index)
