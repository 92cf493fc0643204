"""Sizes, periods and the job-level tables every part of the synthetic city reads."""
from __future__ import annotations

import numpy as np

BASE_N = 6000
PERIODS = (2024, 2025)
CACT_SHARE = 0.192            # 1,152 of 6,000: the BKN quota for Kota Serang
CACT_PILOT_SHARE = 500 / 6000
ENTRANT_SHARE = 0.03
MIN_N = 200

TIERS = ("SMA", "D3", "D4", "S1", "S2", "S3")
SMA, D3, D4, S1, S2, S3 = range(6)
GOL = ("II/a", "II/b", "II/c", "II/d", "III/a", "III/b", "III/c", "III/d", "IV/a", "IV/b", "IV/c")
GOL_START = np.array([0, 2, 4, 4, 5, 6])                 # first golongan by education tier
GOL_PPPK = np.array(["V", "VII", "IX", "IX", "X", "XI"], dtype=object)
PELAKSANA_GOL_CAP = np.array([5, 6, 7, 7, 7, 7])          # pelaksana: SMA up to III/b, ...

# jenjang -> (jenis_jabatan, golongan range, BUP, SKJ level, competence mean)
JENJANG: dict[str, tuple[str, int, int, int, int, float]] = {
    "JPT Pratama":     ("JPT",           9, 10, 60, 4, 3.6),
    "Administrator":   ("Administrator", 7, 9,  58, 3, 2.7),
    "Pengawas":        ("Pengawas",      5, 8,  58, 2, 2.0),
    "JF Ahli Madya":   ("Fungsional",    8, 10, 60, 4, 3.0),
    "JF Ahli Muda":    ("Fungsional",    6, 7,  58, 3, 2.3),
    "JF Ahli Pertama": ("Fungsional",    4, 5,  58, 2, 1.75),
    "JF Penyelia":     ("Fungsional",    6, 7,  58, 2, 1.75),
    "JF Mahir":        ("Fungsional",    4, 5,  58, 1, 1.45),
    "JF Terampil":     ("Fungsional",    1, 3,  58, 1, 1.25),
    "Pelaksana":       ("Pelaksana",     0, 7,  58, 1, 1.2),
}
JF_SUFFIX = {"JF Ahli Madya": "Ahli Madya", "JF Ahli Muda": "Ahli Muda",
             "JF Ahli Pertama": "Ahli Pertama", "JF Penyelia": "Penyelia", "JF Mahir": "Mahir",
             "JF Terampil": "Terampil"}
ENTRY_LEVELS = ("JF Ahli Pertama", "JF Terampil", "Pelaksana")
NEXT_JENJANG = {"JF Ahli Pertama": "JF Ahli Muda", "JF Ahli Muda": "JF Ahli Madya",
                "JF Terampil": "JF Mahir", "JF Mahir": "JF Penyelia"}
# age at the end of 2024 (integer years) and Beta shape, by jenjang, for PNS
AGE_RANGE = {
    "JPT Pratama": (46, 58, 2.5, 1.5), "Administrator": (38, 57, 2.2, 1.5),
    "Pengawas": (34, 57, 2.0, 1.5), "JF Ahli Madya": (42, 59, 2.0, 1.4),
    "JF Ahli Muda": (32, 57, 1.8, 1.5), "JF Ahli Pertama": (25, 57, 1.3, 2.6),
    "JF Penyelia": (36, 57, 2.0, 1.4), "JF Mahir": (28, 57, 1.8, 1.7),
    "JF Terampil": (22, 57, 1.3, 2.4), "Pelaksana": (21, 57, 1.6, 1.5),
}
PPPK_AGE = (24, 54, 1.6, 1.8)
# education tier probabilities (SMA, D3, D4, S1, S2, S3) by jenjang
EDU = {
    "JPT Pratama": (0, 0, 0, .08, .82, .10), "Administrator": (0, 0, .05, .33, .60, .02),
    "Pengawas": (0, 0, .10, .55, .35, 0), "JF Ahli Madya": (0, 0, 0, .50, .45, .05),
    "JF Ahli Muda": (0, 0, .05, .75, .20, 0), "JF Ahli Pertama": (0, 0, .07, .88, .05, 0),
    "JF Penyelia": (0, .85, 0, .15, 0, 0), "JF Mahir": (0, .90, 0, .10, 0, 0),
    "JF Terampil": (.10, .90, 0, 0, 0, 0), "Pelaksana": (.45, .20, .02, .30, .03, 0),
}
