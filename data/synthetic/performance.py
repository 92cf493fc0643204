"""SKP results (predikat and rating pair) of the synthetic people."""
from __future__ import annotations

import numpy as np
import pandas as pd

from data.synthetic.frames import objframe

PREDIKAT = ("Sangat Baik", "Baik", "Butuh Perbaikan", "Kurang", "Sangat Kurang")
# thresholds on a standard normal score: 15 % / 70 % / 10 % / 4 % / 1 %
PREDIKAT_CUTS = (1.0364, -1.0364, -1.6449, -2.3263)


def performance_rows(rng: np.random.Generator, rec: pd.DataFrame, period: int, perf: np.ndarray,
                     nip: np.ndarray) -> pd.DataFrame:
    """SKP result per person of the period: predikat, mostly with the consistent rating pair."""
    k = len(rec)
    pid = rec["pid"].to_numpy()
    y = 0.8 * perf[pid] + 0.6 * rng.standard_normal(k)
    cat = np.searchsorted(-np.array(PREDIKAT_CUTS), -y, side="right")   # 0 = Sangat Baik
    predikat = np.array(PREDIKAT, dtype=object)[cat]
    # rating pair consistent with rule_predikat_pair (Permen PANRB 6/2022)
    u = rng.random(k)
    pairs = {  # category -> ((hasil, perilaku), cumulative probability)
        0: ((("di atas", "di atas"), 1.0),),
        1: ((("di atas", "sesuai"), .12), (("sesuai", "di atas"), .25), (("sesuai", "sesuai"), 1.0)),
        2: ((("di bawah", "sesuai"), .85), (("di bawah", "di atas"), 1.0)),
        3: ((("sesuai", "di bawah"), .7), (("di atas", "di bawah"), 1.0)),
        4: ((("di bawah", "di bawah"), 1.0),),
    }
    hasil = np.empty(k, dtype=object)
    perilaku = np.empty(k, dtype=object)
    for c, options in pairs.items():
        done = np.zeros(k, dtype=bool)
        for (h, pr), cum in options:
            m = (cat == c) & ~done & (u < cum)
            hasil[m], perilaku[m] = h, pr
            done |= m
    no_pair = rng.random(k) < 0.1
    hasil = np.where(no_pair, None, hasil).astype(object)
    perilaku = np.where(no_pair, None, perilaku).astype(object)
    nan = np.full(k, np.nan)
    award = team = feedback = nan
    if period == 2025:
        official = rec["post"].to_numpy() >= 0
        has = official & (rng.random(k) < 0.75)
        p = perf[pid]
        award = np.where(has, np.clip(np.round((0.5 + 0.25 * p + 0.35 * rng.standard_normal(k)) * 4) * 25,
                                      0, 100), np.nan)
        team = np.where(has, np.clip(np.round(62 + 14 * p + 12 * rng.standard_normal(k)), 0, 100), np.nan)
        feedback = np.where(has, np.clip(np.round(78 + 7 * p + 6 * rng.standard_normal(k), 1), 0, 100), np.nan)
    return objframe({
        "period": np.full(k, period, dtype=np.int64), "nip": nip[pid], "predikat": predikat,
        "hasil_kerja": hasil, "perilaku": perilaku, "nilai_legacy": nan, "penghargaan": award,
        "penugasan_tim": team, "umpan_balik": feedback,
    })
