"""Fields of study, degree titles and the education tier of each synthetic person."""
from __future__ import annotations

import numpy as np

from data.synthetic.constants import D3, D4, S1, S2, S3, SMA
from data.synthetic.sampling import weighted_choice

# name -> (D3 title, D4 title, S1 title, S2 title, title in front for S1+)
FIELDS: dict[str, tuple[str | None, str | None, str | None, str | None, str | None]] = {
    "Pendidikan Guru SD": (None, None, "S.Pd.", "M.Pd.", None),
    "Pendidikan Guru PAUD": (None, None, "S.Pd.", "M.Pd.", None),
    "Pendidikan Matematika": (None, None, "S.Pd.", "M.Pd.", None),
    "Pendidikan Bahasa Indonesia": (None, None, "S.Pd.", "M.Pd.", None),
    "Pendidikan Bahasa Inggris": (None, None, "S.Pd.", "M.Pd.", None),
    "Pendidikan IPA": (None, None, "S.Pd.", "M.Pd.", None),
    "Pendidikan IPS": (None, None, "S.Pd.", "M.Pd.", None),
    "Pendidikan Agama Islam": (None, None, "S.Pd.", "M.Pd.", None),
    "Pendidikan Jasmani": (None, None, "S.Pd.", "M.Pd.", None),
    "Pendidikan Pancasila dan Kewarganegaraan": (None, None, "S.Pd.", "M.Pd.", None),
    "Bimbingan dan Konseling": (None, None, "S.Pd.", "M.Pd.", None),
    "Manajemen Pendidikan": (None, None, "S.Pd.", "M.Pd.", None),
    "Keperawatan": ("A.Md.Kep.", "S.Tr.Kep.", "S.Kep., Ners", "M.Kep.", None),
    "Kebidanan": ("A.Md.Keb.", "S.Tr.Keb.", "S.Keb., Bd.", "M.Keb.", None),
    "Kedokteran": (None, None, None, "M.Kes.", "dr."),
    "Kedokteran Gigi": (None, None, None, "M.Kes.", "drg."),
    "Farmasi": ("A.Md.Farm.", None, "S.Farm.", "M.Farm.", "apt."),
    "Analis Kesehatan": ("A.Md.AK.", "S.Tr.Kes.", "S.Si.", "M.Si.", None),
    "Gizi": ("A.Md.Gz.", "S.Tr.Gz.", "S.Gz.", "M.Gz.", None),
    "Kesehatan Lingkungan": ("A.Md.KL.", "S.Tr.KL.", "S.K.M.", "M.K.M.", None),
    "Kesehatan Masyarakat": (None, None, "S.K.M.", "M.K.M.", None),
    "Radiologi": ("A.Md.Rad.", "S.Tr.Rad.", None, None, None),
    "Rekam Medis": ("A.Md.RMIK.", "S.Tr.RMIK.", None, None, None),
    "Fisioterapi": ("A.Md.Ftr.", "S.Tr.Ftr.", None, None, None),
    "Ilmu Pemerintahan": (None, "S.STP", "S.IP.", "M.Si.", None),
    "Administrasi Negara": (None, None, "S.Sos.", "M.Si.", None),
    "Administrasi Publik": (None, None, "S.AP.", "M.A.P.", None),
    "Manajemen": ("A.Md.", None, "S.E.", "M.M.", None),
    "Akuntansi": ("A.Md.Ak.", "S.Tr.Ak.", "S.E.", "M.Ak.", None),
    "Ekonomi Pembangunan": (None, None, "S.E.", "M.E.", None),
    "Hukum": (None, None, "S.H.", "M.H.", None),
    "Teknik Sipil": ("A.Md.T.", "S.Tr.T.", "S.T.", "M.T.", None),
    "Arsitektur": (None, None, "S.Ars.", "M.T.", None),
    "Perencanaan Wilayah dan Kota": (None, None, "S.T.", "M.T.", None),
    "Teknik Lingkungan": (None, None, "S.T.", "M.T.", None),
    "Teknik Mesin": ("A.Md.T.", None, "S.T.", "M.T.", None),
    "Informatika": ("A.Md.Kom.", None, "S.Kom.", "M.Kom.", None),
    "Sistem Informasi": ("A.Md.Kom.", None, "S.Kom.", "M.Kom.", None),
    "Ilmu Komunikasi": (None, None, "S.I.Kom.", "M.I.Kom.", None),
    "Sosiologi": (None, None, "S.Sos.", "M.Si.", None),
    "Kesejahteraan Sosial": (None, None, "S.Sos.", "M.Si.", None),
    "Psikologi": (None, None, "S.Psi.", "M.Psi.", None),
    "Agribisnis": ("A.Md.P.", None, "S.P.", "M.Si.", None),
    "Agroteknologi": (None, None, "S.P.", "M.P.", None),
    "Peternakan": (None, None, "S.Pt.", "M.Si.", None),
    "Teknologi Pangan": (None, None, "S.TP.", "M.Si.", None),
    "Statistika": (None, None, "S.Stat.", "M.Stat.", None),
    "Ilmu Perpustakaan": ("A.Md.", None, "S.I.Pust.", "M.Hum.", None),
    "Administrasi Perkantoran": ("A.Md.", None, None, None, None),
    "Manajemen Informatika": ("A.Md.Kom.", None, None, None, None),
    "IPA": (None, None, None, None, None),
    "IPS": (None, None, None, None, None),
    "SMK Administrasi Perkantoran": (None, None, None, None, None),
    "SMK Akuntansi": (None, None, None, None, None),
    "SMK Teknik Komputer dan Jaringan": (None, None, None, None, None),
}
FIELD_NAMES = tuple(FIELDS)
FIELD_INDEX = {f: i for i, f in enumerate(FIELD_NAMES)}
SPECIALIST = ("Sp.PD.", "Sp.A.", "Sp.OG.", "Sp.B.", "Sp.An.", "Sp.Rad.", "Sp.P.", "Sp.JP.", "Sp.N.", "Sp.M.")
OLD_SOCIAL = {"Administrasi Negara", "Ilmu Pemerintahan", "Sosiologi", "Manajemen", "Akuntansi",
              "Ekonomi Pembangunan", "Ilmu Komunikasi", "Kesejahteraan Sosial"}
OLD_ENGINEERING = {"Teknik Sipil", "Arsitektur", "Perencanaan Wilayah dan Kota", "Teknik Lingkungan",
                   "Agribisnis", "Agroteknologi", "Peternakan", "Teknik Mesin"}

GENERAL_S = (("Ilmu Pemerintahan", 4), ("Administrasi Negara", 4), ("Manajemen", 3), ("Hukum", 2),
             ("Akuntansi", 2), ("Ekonomi Pembangunan", 1.5), ("Administrasi Publik", 1.5),
             ("Sosiologi", 1), ("Ilmu Komunikasi", 1), ("Informatika", 1), ("Psikologi", 0.5),
             ("Teknik Sipil", 0.5), ("Kesehatan Masyarakat", 0.3), ("Statistika", 0.2))
GENERAL_D = (("Administrasi Perkantoran", 4), ("Akuntansi", 2), ("Manajemen Informatika", 2),
             ("Manajemen", 1))
GENERAL_A = (("IPS", 4), ("IPA", 2), ("SMK Administrasi Perkantoran", 3), ("SMK Akuntansi", 1.5),
             ("SMK Teknik Komputer dan Jaringan", 1))
HEALTH_S = (("Kedokteran", 3), ("Kesehatan Masyarakat", 4), ("Keperawatan", 2), ("Farmasi", 1))
EDU_S = (("Manajemen Pendidikan", 3), ("Pendidikan Guru SD", 2), ("Pendidikan Matematika", 1),
         ("Pendidikan Bahasa Indonesia", 1), ("Administrasi Negara", 1))
ENG_S = (("Teknik Sipil", 5), ("Arsitektur", 2), ("Perencanaan Wilayah dan Kota", 2), ("Manajemen", 1))
FIN_S = (("Akuntansi", 5), ("Manajemen", 3), ("Ekonomi Pembangunan", 2))
GOV_S = (("Ilmu Pemerintahan", 6), ("Administrasi Negara", 3), ("Hukum", 1), ("Sosiologi", 1))

TITLES = np.array([[FIELDS[f][k] for k in range(5)] for f in FIELD_NAMES], dtype=object)  # d3 d4 s1 s2 depan


def pick_tier(rng: np.random.Generator, probs: np.ndarray) -> np.ndarray:
    """One education tier per row from an (n, 6) probability matrix."""
    cum = np.cumsum(probs / probs.sum(axis=1, keepdims=True), axis=1)
    return np.minimum((rng.random(len(probs))[:, None] > cum).sum(axis=1), 5)


def fields_for(rng: np.random.Generator, tiers: np.ndarray, pools: tuple) -> np.ndarray:
    """Field index per row: S pool for D4+, D pool for D3, A pool for SMA."""
    pool_s, pool_d, pool_a = pools
    out = np.empty(len(tiers), dtype=np.int64)
    for pool, mask in ((pool_s, tiers >= D4), (pool_d, tiers == D3), (pool_a, tiers == SMA)):
        k = int(mask.sum())
        if k:
            names, weights = zip(*pool)
            out[mask] = [FIELD_INDEX[f] for f in weighted_choice(rng, names, weights, k)]
    return out


def fix_tiers(tiers: np.ndarray, fields: np.ndarray) -> np.ndarray:
    """Make (tier, field) pairs that have a degree title."""
    t = tiers.copy()
    d3, d4, s1, depan = (TITLES[fields, i] != None for i in (0, 1, 2, 4))  # noqa: E711
    has_s = s1 | depan
    t = np.where((t == D4) & ~d4, np.where(s1 | depan, S1, D3), t)
    t = np.where((t >= S1) & ~has_s, np.where(d4, D4, D3), t)
    return t


def degree_titles(rng: np.random.Generator, tier: np.ndarray, field_idx: np.ndarray, female: np.ndarray,
                  birth_year: np.ndarray, official: np.ndarray,
                  specialist: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """gelar_depan and gelar_belakang consistent with education."""
    n = len(tier)
    d3, d4, s1, s2, depan0 = (TITLES[field_idx, i] for i in range(5))
    none = np.full(n, None, dtype=object)
    s1_txt = np.where(s1 == None, "", s1)  # noqa: E711
    master = np.where(s1 == None, s2, s1_txt + ", " + np.where(s2 == None, "", s2))  # noqa: E711
    spec = np.array(SPECIALIST, dtype=object)[rng.integers(0, len(SPECIALIST), n)]
    master = np.where(specialist, spec, master)
    back = np.select([tier == SMA, tier == D3, tier == D4, tier == S1], [none, d3, d4, s1], master)
    front = np.where(tier >= S1, depan0, None)
    # older graduates: Drs./Dra. (social sciences) and Ir. (engineering, agriculture)
    names = np.array(FIELD_NAMES, dtype=object)[field_idx]
    old = (birth_year < 1972) & ((tier == S1) | (tier == S2)) & (rng.random(n) < 0.6)
    social = old & np.isin(names, list(OLD_SOCIAL))
    eng = old & np.isin(names, list(OLD_ENGINEERING))
    front = np.where(social, np.where(female, "Dra.", "Drs."), front)
    front = np.where(eng, "Ir.", front)
    back = np.where(social | eng, np.where(tier == S2, s2, None), back)
    # doctorate
    front = np.where(tier == S3, np.where(front == None, "Dr.", "Dr. " + np.where(front == None, "", front)),  # noqa: E711
                     front)
    # hajj title for some
    hajj = (front == None) & (rng.random(n) < np.where(official, 0.15, 0.03))  # noqa: E711
    front = np.where(hajj, np.where(female, "Hj.", "H."), front)
    return front, back
