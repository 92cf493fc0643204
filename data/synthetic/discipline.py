"""Disciplinary sanctions of the synthetic people."""
from __future__ import annotations

import numpy as np
import pandas as pd

from data.synthetic.dates import day, month_start
from data.synthetic.frames import objframe
from data.synthetic.sampling import uniform_dates, weighted_choice

DISCIPLINE = {
    "ringan": (("Teguran lisan", 0), ("Teguran tertulis", 0), ("Pernyataan tidak puas secara tertulis", 0)),
    "sedang": (("Pemotongan tunjangan kinerja 25% selama 6 bulan", 6),
               ("Pemotongan tunjangan kinerja 25% selama 9 bulan", 9),
               ("Pemotongan tunjangan kinerja 25% selama 12 bulan", 12)),
    "berat": (("Penurunan jabatan setingkat lebih rendah selama 12 bulan", 12),
              ("Pembebasan dari jabatannya menjadi jabatan pelaksana selama 12 bulan", 12)),
}
DISCIPLINE_REASON = ("Tidak masuk kerja tanpa alasan yang sah", "Pelanggaran ketentuan jam kerja",
                     "Pelanggaran netralitas ASN", "Tidak mencapai target kinerja",
                     "Penyalahgunaan wewenang", "Pelanggaran kode etik")


def discipline_rows(rng: np.random.Generator, n_asn: int, entrant: np.ndarray, rec24: pd.DataFrame,
                    rec25: pd.DataFrame, perf: np.ndarray, nip: np.ndarray) -> pd.DataFrame:
    """Sanctions of ~0.5 % of ASN, weighted towards weak performers; never a JPT, never an entrant
    (``entrant``, ``perf`` and ``nip`` are indexed by person, ``rec24``/``rec25`` carry ``pid``)."""
    n = len(entrant)
    k_disc = max(2, int(round(0.005 * n_asn)))
    pool = np.flatnonzero(~entrant & ~np.isin(rec24.set_index("pid").reindex(np.arange(n))["jenjang"]
                                              .to_numpy(dtype=object), ["JPT Pratama"]))
    w = np.exp(-1.5 * perf[pool])
    who = rng.choice(pool, size=min(k_disc, len(pool)), replace=False, p=w / w.sum())
    second = who[rng.random(len(who)) < 0.1]
    who = np.r_[who, second]
    tingkat = weighted_choice(rng, list(DISCIPLINE), [.6, .3, .1], len(who))
    in25 = np.isin(who, rec25["pid"].to_numpy())
    start = uniform_dates(rng, day("2024-01-15"), np.where(in25, day("2025-11-28"), day("2024-12-13")), len(who))
    jenis, months = [], []
    for t in tingkat:
        j, m = DISCIPLINE[t][rng.integers(0, len(DISCIPLINE[t]))]
        jenis.append(j)
        months.append(m)
    months = np.array(months)
    end = (start.astype("datetime64[M]") + months).astype("datetime64[D]") + (start - month_start(start))
    open_end = (months > 0) & (rng.random(len(who)) < 0.15)
    # a reprimand (ringan) has no duration (PP 94/2021) and the import template leaves its end empty:
    # rule_discipline dates it (12 months); ended sedang/berat sanctions of 2024 show "ended last year"
    open_end |= months == 0
    return objframe({
        "nip": nip[who], "tingkat": tingkat, "jenis": np.array(jenis, dtype=object),
        "tanggal_mulai": start.astype("datetime64[s]"),
        "tanggal_selesai": np.where(open_end, np.datetime64("NaT"), end).astype("datetime64[s]"),
        "keterangan": weighted_choice(rng, DISCIPLINE_REASON, np.ones(len(DISCIPLINE_REASON)), len(who)),
    })
