"""Position histories (riwayat jabatan) of the synthetic PNS, and the fields of work of the target posts.

Each PNS of 2025 gets their current post, their 2024 post when it was another one, and earlier
posts back to their appointment: segments of 2–6 years, each a level below the next one with some
chance (Administrator ← Pengawas ← Pelaksana; JF Ahli Madya ← Ahli Muda ← Ahli Pertama), mostly in
the same OPD (a career within one field) and sometimes in another one (movers). Officials with a
strong record and a part of the talent pool's administrators spent earlier years in the OPDs of
the five vacant posts, so each vacant post has candidates with years in its field. PPPK get no
history: they are counted from their current post (the product's fallback). No field is written:
it is derived from the words of the post, unit and OPD, as for a SIASN export.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from data.synthetic.city import OPDS
from data.synthetic.constants import JENJANG, JF_SUFFIX
from data.synthetic.dates import month_start
from data.synthetic.frames import objframe

#: Fields of work of the five vacant posts, and of two more key posts, as a committee would list the
#: related fields (the others are derived from the post and OPD names).
POST_FIELDS = {
    "Kepala Dinas Pariwisata, Pemuda dan Olahraga": "pariwisata dan olahraga;perekonomian",
    "Kepala Badan Penanggulangan Bencana Daerah": "kebencanaan;ketertiban",
    "Sekretaris DPRD": "hukum;pemerintahan;umum",
    "Staf Ahli Wali Kota Bidang Kemasyarakatan dan Sumber Daya Manusia": "sosial;kepegawaian",
    "Kepala Badan Kepegawaian dan Pengembangan Sumber Daya Manusia": "kepegawaian",
    "Kepala Badan Perencanaan Pembangunan Daerah": "perencanaan",
    "Kepala Badan Pengelolaan Keuangan dan Aset Daerah": "keuangan",
}
POST_SKILLS = {
    "Kepala Dinas Pariwisata, Pemuda dan Olahraga": "Pengembangan destinasi wisata;Pembinaan kepemudaan dan olahraga",
    "Kepala Badan Penanggulangan Bencana Daerah": "Manajemen kedaruratan;Kajian risiko bencana;Logistik kebencanaan",
    "Sekretaris DPRD": "Fasilitasi persidangan;Penyusunan peraturan daerah;Keuangan DPRD",
    "Staf Ahli Wali Kota Bidang Kemasyarakatan dan Sumber Daya Manusia": "Analisis kebijakan sosial;Manajemen ASN",
    "Kepala Badan Kepegawaian dan Pengembangan Sumber Daya Manusia": "Manajemen ASN;Sistem merit;Manajemen talenta",
}
# where earlier careers of the pool's administrators went (the vacant posts' OPDs and their fields)
_VACANT_OPDS = ("DISPARPORA", "BPBD", "DPRD", "DINSOS", "BKPSDM", "SATPOLPP", "DAMKAR", "KEC-SERANG",
                "KEC-KASEMEN")
_PELAKSANA = ("Pengadministrasi Umum", "Pengelola Data", "Penyusun Laporan Keuangan", "Pengolah Data",
              "Analis Data dan Informasi")
_DOWN = {"JPT Pratama": "Administrator", "Administrator": "Pengawas", "Pengawas": "Pelaksana",
         "JF Ahli Madya": "JF Ahli Muda", "JF Ahli Muda": "JF Ahli Pertama", "JF Penyelia": "JF Mahir",
         "JF Mahir": "JF Terampil"}
_MAX_STEPS = 6


_OPD_NAME = {o.opd_id: o.nama for o in OPDS}
_JENIS = {j: v[0] for j, v in JENJANG.items()}


def _row_frame(nip, jabatan, opd_id, unit, jenjang, tmt) -> pd.DataFrame:
    opd_id = np.asarray(opd_id, dtype=object)
    jenjang = np.asarray(jenjang, dtype=object)
    return objframe({
        "nip": np.asarray(nip, dtype=object), "jabatan": np.asarray(jabatan, dtype=object),
        "opd_nama": pd.Series(opd_id).map(_OPD_NAME).to_numpy(dtype=object),
        "opd_id": opd_id, "unit_kerja": np.asarray(unit, dtype=object),
        "jenis_jabatan": pd.Series(jenjang).map(_JENIS).to_numpy(dtype=object), "jenjang_jabatan": jenjang,
        "tmt_jabatan": np.asarray(tmt, dtype="datetime64[D]").astype("datetime64[s]"),
        "tmt_selesai": np.full(len(opd_id), np.datetime64("NaT"), dtype="datetime64[s]"),
        "bidang": None,
    })


def position_history(rng: np.random.Generator, rec24: pd.DataFrame, rec25: pd.DataFrame, posts: pd.DataFrame,
                     nip: np.ndarray, pppk: np.ndarray, tmt_cpns: np.ndarray, strength: np.ndarray) -> pd.DataFrame:
    """The history rows (table ``position_history``, no batch_id) of the PNS in ``rec25``.

    ``strength``: a latent record per person (performance + potential); the strongest officials are
    the ones whose earlier careers may run through the vacant posts' OPDs."""
    r25 = rec25[~pppk[rec25["pid"].to_numpy()]]
    pid = r25["pid"].to_numpy()
    parts = [_row_frame(nip[pid], r25["jabatan"], r25["opd_id"], r25["unit_kerja"], r25["jenjang"], r25["tmt_jab"])]

    # the 2024 post, when it was another one (a promotion or a rotation in 2025)
    r24 = rec24.set_index("pid").reindex(pid)
    changed = (r24["jabatan"].to_numpy(dtype=object) != r25["jabatan"].to_numpy(dtype=object)) \
        | (r24["opd_id"].to_numpy(dtype=object) != r25["opd_id"].to_numpy(dtype=object))
    changed &= r24["jabatan"].notna().to_numpy()
    prev = r24[changed]
    parts.append(_row_frame(nip[pid[changed]], prev["jabatan"], prev["opd_id"], prev["unit_kerja"],
                            prev["jenjang"], prev["tmt_jab"]))

    # earlier posts, back to the appointment
    start = np.where(changed, r24["tmt_jab"].to_numpy(dtype="datetime64[D]"), r25["tmt_jab"].to_numpy(
        dtype="datetime64[D]"))
    level = np.where(changed, r24["jenjang"].to_numpy(dtype=object), r25["jenjang"].to_numpy(dtype=object))
    opd = np.where(changed, r24["opd_id"].to_numpy(dtype=object), r25["opd_id"].to_numpy(dtype=object))
    base_name = _jf_base(r25["jabatan"].to_numpy(dtype=object), r25["jenjang"].to_numpy(dtype=object))
    cpns = tmt_cpns[pid].astype("datetime64[D]")
    officials = np.isin(r25["jenjang"].to_numpy(dtype=object), ["JPT Pratama", "Administrator", "JF Ahli Madya"])
    s = strength[pid]
    strong = officials & (s >= np.quantile(s[officials], 0.5) if officials.any() else False)
    detour = strong & (rng.random(len(pid)) < 0.7)
    detour_opd = np.array(_VACANT_OPDS, dtype=object)[rng.integers(0, len(_VACANT_OPDS), len(pid))]
    by_opd_level = _posts_by(posts)
    units = {o.opd_id: [u for u in o.units if not u.startswith("Kelurahan")] or list(o.units) for o in OPDS}
    all_opds = np.array([o.opd_id for o in OPDS], dtype=object)
    for step in range(_MAX_STEPS):
        room = (start - cpns).astype(np.int64) / 365.25
        active = room >= 1.5
        if not active.any():
            break
        years = rng.uniform(2.0, 6.0, len(pid))
        years = np.where(room - years < 1.5, room, years)      # the last segment runs from the appointment
        seg = np.maximum(month_start(start - np.round(years * 365.25).astype(np.int64)), cpns)
        down = rng.random(len(pid)) < np.where(step == 0, 0.75, 0.55)
        lower = pd.Series(level).map(_DOWN).to_numpy(dtype=object)
        new_level = np.where(down & pd.notna(lower), lower, level)
        jf = np.isin(new_level, list(JF_SUFFIX))                  # a JF career stays in its OPD
        move = (rng.random(len(pid)) < 0.2) & ~jf
        new_opd = np.where(move, all_opds[rng.integers(0, len(all_opds), len(pid))], opd)
        new_opd = np.where(detour & ~jf & (step in (0, 1)), detour_opd, new_opd)   # several years in that field
        idx = np.flatnonzero(active)
        jab, unit, opd_final = _names(rng, new_level[idx], new_opd[idx], base_name[idx], by_opd_level, units)
        parts.append(_row_frame(nip[pid[idx]], jab, opd_final, unit, new_level[idx], seg[idx]))
        start = np.where(active, seg, start)
        level = np.where(active, new_level, level)
        opd = np.where(active, new_opd, opd)
        opd[idx] = opd_final
    out = pd.concat(parts, ignore_index=True).sort_values(["nip", "tmt_jabatan"], kind="stable", ignore_index=True)
    # the same post twice in a row (no step down, no move) is one post: keep its first TMT
    same = (out["nip"] == out["nip"].shift()) & (out["jabatan"] == out["jabatan"].shift()) \
        & (out["opd_id"] == out["opd_id"].shift())
    return out[~same.to_numpy(dtype=bool)].reset_index(drop=True)


def _jf_base(jabatan: np.ndarray, level: np.ndarray) -> np.ndarray:
    """The JF's kind without its level ("Perawat Ahli Muda" → "Perawat"); None for other posts."""
    out = np.full(len(jabatan), None, dtype=object)
    names = pd.Series(jabatan, dtype=object)
    for lv, suffix in JF_SUFFIX.items():
        idx = np.flatnonzero(level == lv)
        sub = names.iloc[idx]
        ok = sub.str.endswith(suffix, na=False).to_numpy(dtype=bool)
        out[idx[ok]] = sub[ok].str[: -len(suffix)].str.strip().to_numpy(dtype=object)
    return out


def _posts_by(posts: pd.DataFrame) -> dict[tuple[str, str], list[tuple[str, str]]]:
    out: dict[tuple[str, str], list[tuple[str, str]]] = {}
    for r in posts[posts["replica"] == 0].itertuples(index=False):
        out.setdefault((r.opd_id, r.jenjang), []).append((r.jabatan, r.unit_kerja))
        out.setdefault(("*", r.jenjang), []).append((r.jabatan, r.unit_kerja, r.opd_id))
    return out


def _names(rng: np.random.Generator, level: np.ndarray, opd: np.ndarray, base: np.ndarray,
           by_opd_level: dict, units: dict) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Post name, unit and OPD of earlier segments: a structural post of that level in that OPD (any OPD
    when it has none), a JF of the same kind one level down, or a pelaksana post in a unit of the OPD.
    Worked out per (level, OPD) group, not per row (a national city has millions of segments)."""
    n = len(level)
    jab = np.empty(n, dtype=object)
    unit = np.empty(n, dtype=object)
    opd_out = opd.copy()
    pick = rng.random(n)
    has_base = pd.notna(base)
    groups = pd.DataFrame({"level": level, "opd": opd}).groupby(["level", "opd"], sort=False).indices
    for (lv, o), idx in groups.items():
        if lv in ("JPT Pratama", "Administrator", "Pengawas"):
            options = by_opd_level.get((o, lv))
            if options:
                choice = (pick[idx] * len(options)).astype(int)
                jab[idx] = np.array([x[0] for x in options], dtype=object)[choice]
                unit[idx] = np.array([x[1] for x in options], dtype=object)[choice]
            else:
                anywhere = by_opd_level.get(("*", lv), [("Pengadministrasi Umum", None, o)])
                choice = (pick[idx] * len(anywhere)).astype(int)
                for k, target in enumerate((jab, unit, opd_out)):
                    target[idx] = np.array([x[k] for x in anywhere], dtype=object)[choice]
            continue
        jf = idx[has_base[idx]] if lv in JF_SUFFIX else idx[:0]
        if len(jf):
            jab[jf] = (pd.Series(base[jf], dtype=object) + " " + JF_SUFFIX[lv]).to_numpy(dtype=object)
            unit[jf] = None
        rest = np.setdiff1d(idx, jf, assume_unique=True)
        names = np.array(units.get(o) or [None], dtype=object)
        jab[rest] = np.array(_PELAKSANA, dtype=object)[(pick[rest] * len(_PELAKSANA)).astype(int)]
        unit[rest] = names[(pick[rest] * 7919).astype(int) % len(names)]
    return jab, unit, opd_out
