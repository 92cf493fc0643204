"""CACT and assessment-centre results of the synthetic people."""
from __future__ import annotations

import numpy as np
import pandas as pd

from data.synthetic.constants import D4, JENJANG
from data.synthetic.dates import day
from data.synthetic.frames import objframe
from data.synthetic.sampling import uniform_dates

K_CODES = ("k_integritas", "k_kerja_sama", "k_komunikasi", "k_orientasi_hasil", "k_pelayanan_publik",
           "k_pengembangan_diri", "k_mengelola_perubahan", "k_pengambilan_keputusan", "k_perekat_bangsa")
K_OFFSET = np.array([.25, .1, 0, 0, .1, -.1, -.2, -.25, .2])
P_CODES = ("p_kemampuan_intelektual", "p_interpersonal", "p_kesadaran_diri", "p_berpikir_kritis",
           "p_problem_solving", "p_kecerdasan_emosi", "p_growth_mindset", "p_motivasi_komitmen")
P_OFFSET = np.array([0, .1, .05, -.15, -.1, .05, .05, .15])
DL_CODES = ("dl_digital_skills", "dl_digital_culture", "dl_digital_ethics", "dl_digital_safety")
ES_CODES = ("es_analytical_thinking", "es_problem_solving", "es_creativity", "es_leadership",
            "es_service_orientation", "es_adaptability", "es_emotional_intelligence",
            "es_continuous_learning", "es_troubleshooting_ux", "es_technology_design",
            "es_technology_use", "es_system_analysis")
# Tuned so that, with the default potential weights and the 90/78 cut-offs, about a fifth of
# the assessed are 'tinggi' and well over half 'menengah', with aspects averaging ~3.6 of 5
# (see tests/data/test_synthetic.py).
P_MEAN = 3.5                 # potential aspects: P_MEAN + P_COEF * latent potential (+ education)
P_COEF = 0.45


def assessment_rows(rng: np.random.Generator, people: pd.DataFrame, pids: np.ndarray, jenjang: np.ndarray,
                    period: int, sumber: str, lo: str, hi: str, nip: np.ndarray) -> pd.DataFrame:
    """Assessment results from latent competence/potential, education and job level."""
    k = len(pids)
    tier = people["tier"].to_numpy()[pids]
    comp = people["comp"].to_numpy()[pids]
    pot = people["pot"].to_numpy()[pids]
    dig = people["dig"].to_numpy()[pids]
    age = people["age24"].to_numpy()[pids] + (period - 2024)
    base = np.array([JENJANG[j][5] for j in jenjang])
    skj = np.array([JENJANG[j][4] for j in jenjang])
    level = (base + 0.5 * comp + np.array([-.15, -.05, .05, .05, .15, .25])[tier]
             + 0.12 * rng.standard_normal(k) + (0.05 if period == 2025 else 0.0))
    kk = np.clip(np.rint(level[:, None] + K_OFFSET + 0.45 * rng.standard_normal((k, 9))), 1, 5).astype(np.int8)
    # the CACT report's JPM: each level counts at most as the standard (a report's JPM is 0–100; the
    # importer refuses more), the same rule the engine computes by (setting jpm_maksimal_100)
    jpm = np.round(np.minimum(kk, skj[:, None]).sum(axis=1) / (9 * skj) * 100, 2)
    plevel = P_MEAN + P_COEF * pot + np.array([-.2, -.1, 0, 0, .15, .25])[tier] + 0.1 * rng.standard_normal(k)
    pp = np.clip(np.round(plevel[:, None] + P_OFFSET + 0.35 * rng.standard_normal((k, 8)), 1), 1, 5)
    out = {"period": np.full(k, period, dtype=np.int64), "nip": nip[pids],
           "sumber": np.full(k, sumber, dtype=object),
           "tanggal": uniform_dates(rng, day(lo), day(hi), k).astype("datetime64[s]")}
    out.update({c: kk[:, i] for i, c in enumerate(K_CODES)})
    out.update({c: pp[:, i] for i, c in enumerate(P_CODES)})
    cact = sumber == "CACT"
    out["jpm_sumber"] = jpm if cact else np.full(k, np.nan)
    out["nilai_potensi"] = (np.full(k, np.nan) if cact else
                            np.clip(np.round(pp.mean(axis=1) * 20 + 3 * rng.standard_normal(k), 2), 0, 100))
    edu = np.array([-6, -2, 0, 2, 4, 5])[tier]
    for i, c in enumerate(DL_CODES):
        v = 62 + 8 * dig - 0.35 * (age - 40) + edu + (0, 3, 5, -4)[i] + 6 * rng.standard_normal(k)
        out[c] = np.clip(np.round(v, 1), 0, 100) if cact else np.full(k, np.nan)
    es_off = (2, 1, -2, -3, 4, 1, 0, 3, -4, -8, -1, -3)
    for i, c in enumerate(ES_CODES):
        v = 58 + 7 * (0.6 * pot + 0.4 * dig) + edu + es_off[i] + 7 * rng.standard_normal(k)
        out[c] = np.clip(np.round(v, 1), 0, 100) if cact else np.full(k, np.nan)
    return objframe(out)


def cact_pick(rng: np.random.Generator, rec: pd.DataFrame, people: pd.DataFrame, k: int) -> np.ndarray:
    """Rows of ``rec`` chosen for CACT: officials and feeders first, then a spread of others."""
    jen = rec["jenjang"].to_numpy(dtype=object)
    pid = rec["pid"].to_numpy()
    pppk = people["pppk"].to_numpy(dtype=bool)[pid]
    tier = people["tier"].to_numpy()[pid]
    senior_pel = (jen == "Pelaksana") & (tier >= D4) & (rec["gol"].to_numpy() >= 6)
    prio = np.select(
        [rec["post"].to_numpy() >= 0, jen == "JF Ahli Madya", jen == "JF Ahli Muda", senior_pel,
         np.isin(jen, ["JF Ahli Pertama", "JF Penyelia"]), pppk],
        [100.0, 2.2, 1.5, 1.5, 0.8, 0.0], 0.4) + 2.5 * rng.random(len(rec))
    return np.argsort(-prio, kind="stable")[:min(k, len(rec))]
