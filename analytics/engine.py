"""The talent engine: from one period's population and its rules to placements."""
from __future__ import annotations

import numpy as np
import pandas as pd

from analytics.competency import jpm_band, person_jpm_detail
from analytics.ninebox import box_number
from analytics.performance import SUPPORTING, performance_axis
from analytics.potential import EXTRA_COMPONENTS, potential_axis, potential_components
from analytics.rules import RuleSet

STATUS_PLACED = "ditempatkan"
STATUS_NOT_PROFILED = "belum diprofil"
STATUS_NO_PERFORMANCE = "belum ada kinerja"


def input_columns(rules: RuleSet) -> list[str]:
    """The population columns :func:`place` reads (the rest need not be loaded: national scale).
    Several are optional there, so a column left out here would silently change placements; a test
    checks that placing on exactly these gives the same result as on the whole population."""
    return ["nip", "predikat", "hasil_kerja", "perilaku", "nilai_legacy", *SUPPORTING, "jenjang_jabatan",
            *rules.skj_codes(), "jpm_sumber", *rules.potential_codes(), "nilai_potensi", "pendidikan_tingkat",
            "hukdis_aktif", *EXTRA_COMPONENTS]


def place(population: pd.DataFrame, rules: RuleSet) -> pd.DataFrame:
    """One row per ASN (same index as ``population``) with both axes, box and JPM.

    People without an assessment get status ``belum diprofil`` and no box; people
    without any SKP result get ``belum ada kinerja``. Nobody is guessed. The JPM is the
    assessment file's official one where it has one (``jpm_asal`` 'resmi'), else computed from
    the levels under the cap rule ('dihitung'); ``jpm_hitung`` holds a computed value that
    differs from the official one.
    """
    perf = performance_axis(population, rules)
    jpm_detail = person_jpm_detail(population, rules.skj, rules.skj_codes(), rules.jpm_cap)
    jpm_value = jpm_detail["jpm"]
    comps = potential_components(population, rules, jpm_value)
    pot = potential_axis(population, rules, comps)
    kotak = box_number(perf["kinerja_kategori"], pot["potensial_kategori"], rules.boxes)

    # not profiled wins over no performance (same as two successive masks, without object-array passes)
    state = np.where(pot["potensial_kategori"].isna().to_numpy(), 2,
                     np.where(perf["kinerja_kategori"].isna().to_numpy(), 1, 0))
    labels = np.array([STATUS_PLACED, STATUS_NO_PERFORMANCE, STATUS_NOT_PROFILED], dtype=object)
    status = pd.Series(labels[state], index=population.index, dtype=object)

    out = pd.concat([population[["nip"]], perf, pot], axis=1)
    out["kotak"] = kotak
    out["status"] = status
    out["jpm"] = jpm_value
    out["jpm_asal"] = jpm_detail["jpm_asal"]
    out["jpm_hitung"] = jpm_detail["jpm_hitung"]
    out["jpm_pemetaan"] = jpm_band(jpm_value, rules.jpm_bands, "pemetaan")
    out["jpm_seleksi"] = jpm_band(jpm_value, rules.jpm_bands, "seleksi")
    return out
