"""Readiness and talent score of succession candidates, and the rule frames the checks read.

Every check (see :mod:`analytics.eligibility`) answers ``memenuhi`` (pass), ``tidak`` (fail) or
``belum diketahui`` (data missing: never a failure), of a kind ``waktu``, ``pengembangan`` or
``mutlak``. Readiness (``kesiapan``), decided in this order:

1. **Bukan Kandidat**: box unknown (not profiled) or outside the succession pool
   (``rule_box.kelompok_suksesi``), or any ``mutlak`` check fails (over the age limit, too
   close to BUP, active disciplinary sanction, field of study outside a technical post's).
2. **Siap Sekarang**: every check passes.
3. **Siap 1–2 Tahun**: every check that does not pass is unknown, or a ``waktu`` fail that
   closes within :data:`READY_SOON_YEARS` years (years in post, experience, predikat history,
   or a JPM in the second selection band, "Masih Memenuhi Syarat").
4. **Potensi Masa Depan**: the rest: in the pool, no ``mutlak`` fail, but a ``pengembangan``
   fail (box below the target level's boxes, prior post level, education, golongan, JPM in
   the lowest band) or a time gap longer than :data:`READY_SOON_YEARS`.

Talent score = weighted mean of final potential and performance values
(:data:`TALENT_SCORE_WEIGHTS`).
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

MEETS, FAILS, UNKNOWN = "memenuhi", "tidak", "belum diketahui"
WAKTU, PENGEMBANGAN, MUTLAK = "waktu", "pengembangan", "mutlak"

SIAP_SEKARANG = "Siap Sekarang"
SIAP_SEGERA = "Siap 1–2 Tahun"
POTENSI = "Potensi Masa Depan"
BUKAN = "Bukan Kandidat"
READINESS = (SIAP_SEKARANG, SIAP_SEGERA, POTENSI, BUKAN)

#: Horizon of "Siap 1–2 Tahun": a time-based shortfall closing within this many years.
#: Taken from the label itself (Siap 1–2 Tahun), not from a regulation.
READY_SOON_YEARS = 2.0

#: Talent score = 50% potential + 50% performance. Source: Model Manajemen Talenta BKN 2025 (C):
#: the talent score is the mean of the potential and performance axis values. There is no
#: rule_axis_weight axis for it (its CHECK allows only 'kinerja' and 'potensial'); callers may pass
#: other weights.
TALENT_SCORE_WEIGHTS = {"potensial_nilai": 0.5, "kinerja_nilai": 0.5}

CHECK_LABELS = {
    "kotak": "Kotak talenta untuk jenjang target",
    "pendidikan": "Pendidikan minimal",
    "golongan": "Golongan minimal",
    "jabatan_sebelumnya": "Jenjang jabatan saat ini",
    "lama_jabatan": "Lama dalam jenjang jabatan pengumpan",
    "pengalaman": "Pengalaman kerja",
    "pengalaman_bidang": "Pengalaman di bidang tugas jabatan",
    "predikat": "Predikat kinerja",
    "kompetensi": "Kompetensi (JPM terhadap SKJ target)",
    "usia": "Usia saat pengangkatan",
    "bup": "Jarak ke batas usia pensiun",
    "hukdis": "Bebas hukuman disiplin",
    "hukdis_riwayat": "Riwayat hukuman disiplin sedang/berat",
    "bidang": "Kesesuaian bidang pendidikan",
}


@dataclass(frozen=True)
class SuccessionRules:
    """The rule frames eligibility reads (see data/migrations/002_rules.sql)."""

    eligibility: pd.DataFrame   # rule_eligibility: jenjang_target, parameter, nilai, sumber
    retirement: pd.DataFrame    # rule_retirement: jenjang_jabatan, usia_bup
    job_level: pd.DataFrame     # job_level: jenjang_jabatan, urutan
    education: pd.DataFrame     # education_level: tingkat, urutan
    predikat: pd.DataFrame      # rule_predikat: predikat, urutan
    boxes: pd.DataFrame         # rule_box of the scheme in force: kotak, kelompok_suksesi
    skj: pd.DataFrame           # rule_skj: jenjang_jabatan, kode, level
    skj_codes: list[str]        # competencies of the SKJ (managerial + socio-cultural)
    jpm_bands: pd.DataFrame     # rule_jpm_band: skema, label, batas_bawah
    predikat_pair: pd.DataFrame | None = None   # rule_predikat_pair, to derive predikat
    legacy_score: pd.DataFrame | None = None    # rule_legacy_score (with urutan: legacy labels' rank)
    discipline: pd.DataFrame | None = None      # rule_discipline: tingkat, lama_bulan (sanction without an end)
    field_words: pd.DataFrame | None = None     # rule_bidang: bidang, kata, urutan (field of a post)
    field_years: float = 5.0    # setting bidang_tahun_cocok: years in the post's field that fit fully
    jpm_cap: bool = True        # setting jpm_maksimal_100 (see analytics/competency.py)
    score_weights: dict = field(default_factory=lambda: dict(TALENT_SCORE_WEIGHTS))

    def params(self, jenjang_target: str) -> dict[str, tuple[str, str]]:
        """parameter → (nilai, sumber) for a target level; the level's rows win over '*'."""
        e = self.eligibility
        out = {r.parameter: (str(r.nilai), str(r.sumber)) for r in e[e["jenjang_target"] == "*"].itertuples()}
        out.update({r.parameter: (str(r.nilai), str(r.sumber))
                    for r in e[e["jenjang_target"] == jenjang_target].itertuples()})
        return out


def repeat_text(value: str, n: int) -> np.ndarray:
    """``n`` references to one string (``np.full(n, s, dtype=object)`` makes ``n`` copies of it)."""
    out = np.empty(n, dtype=object)
    out.fill(value)
    return out


def talent_score(frame: pd.DataFrame, weights: dict) -> pd.Series:
    """Weighted mean of the axis values present (NaN when none)."""
    names = [k for k, w in weights.items() if w > 0 and k in frame.columns]
    if not names:
        return pd.Series(np.nan, index=frame.index)
    x = frame[names].to_numpy(dtype=float)
    w = np.array([weights[k] for k in names], dtype=float)
    have = ~np.isnan(x)
    den = (have * w).sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        v = np.where(have.all(axis=1), np.nansum(x * w, axis=1) / den, np.nan)
    return pd.Series(np.round(v, 2), index=frame.index)


def decide_readiness(c: pd.DataFrame, checks: pd.DataFrame, kotak: np.ndarray, rules: SuccessionRules,
               reasons: bool = True) -> pd.DataFrame:
    n = len(c)
    rows = checks["row"].to_numpy(dtype=int)
    fails = (checks["hasil"] == FAILS).to_numpy()
    unknown = (checks["hasil"] == UNKNOWN).to_numpy()
    kind = checks["jenis"].to_numpy()
    short = checks["kekurangan_tahun"].to_numpy(dtype=float)

    def per_row(mask: np.ndarray) -> np.ndarray:
        return np.bincount(rows[mask], minlength=n)

    n_fail, n_unknown, n_pass = per_row(fails), per_row(unknown), per_row((checks["hasil"] == MEETS).to_numpy())
    hard = per_row(fails & (kind == MUTLAK)) > 0
    soon_fail = fails & (kind == WAKTU) & (short <= READY_SOON_YEARS)
    other_fail = per_row(fails & ~soon_fail) > 0

    pool = rules.boxes.loc[rules.boxes["kelompok_suksesi"].astype(bool), "kotak"].astype(int).tolist()
    in_pool = np.isin(kotak, pool)
    label = np.where(~in_pool | hard, BUKAN,
                     np.where((n_fail == 0) & (n_unknown == 0), SIAP_SEKARANG,
                              np.where(~other_fail, SIAP_SEGERA, POTENSI))).astype(object)

    # reason text: not-pool first, then every failing / unknown check
    if not reasons:
        alasan = repeat_text("", n)
    else:
        texts = [[] for _ in range(n)]
        for i, k in enumerate(kotak):
            if np.isnan(k):
                texts[i].append("Belum diprofil (kotak belum diketahui).")
            elif not in_pool[i]:
                texts[i].append(f"Kotak {int(k)} di luar kelompok rencana suksesi (kotak {', '.join(map(str, pool))}).")
        # plain object arrays: iterating the frame's Arrow-backed text columns is ~20x slower
        syarat, hasil, teks = (checks[k].to_numpy(dtype=object) for k in ("syarat", "hasil", "alasan"))
        for r, s, h, a in zip(rows, syarat, hasil, teks):
            if h == FAILS:
                texts[r].append(f"Tidak memenuhi {s.lower()}: {a}")
        for r, s, h, a in zip(rows, syarat, hasil, teks):
            if h == UNKNOWN and not (s == CHECK_LABELS["kotak"] and np.isnan(kotak[r])):
                texts[r].append(f"Belum diketahui ({s.lower()}): {a}")
        alasan = [" ".join(t) if t else "Memenuhi semua syarat." for t in texts]
    return pd.DataFrame({"nip": c["nip"].to_numpy(), "kotak": kotak, "kesiapan": label, "alasan": alasan,
                         "jumlah_memenuhi": n_pass, "jumlah_tidak": n_fail, "jumlah_belum_diketahui": n_unknown})
