"""The demo's talent cycle: the 2025 appointments to target posts (read off the two periods' holders)
and a few retention actions for strong performers. Its own random stream, so the rest of the demo is
unchanged by it."""
from __future__ import annotations

import numpy as np
import pandas as pd

from data.synthetic.frames import clean, objframe

#: Retention actions of the demo: kind, description.
RETENTION = (
    ("penghargaan", "Penghargaan ASN berprestasi tingkat kota"),
    ("percepatan_karier", "Diusulkan dalam daftar percepatan karier (kelompok rencana suksesi)"),
    ("tugas_belajar", "Tugas belajar S2 Administrasi Publik"),
    ("rotasi", "Rotasi ke perangkat daerah lain untuk pengayaan jabatan"),
    ("coaching", "Coaching kepemimpinan oleh pejabat pimpinan tinggi"),
)
RETENTION_COUNT = 12


def cycle_tables(frames: dict[str, pd.DataFrame], seed: int) -> dict[str, pd.DataFrame]:
    """``appointment`` and ``retention_action`` rows of the demo, from its other frames."""
    rng = np.random.default_rng(seed + 18)
    return {"appointment": appointments(frames, rng), "retention_action": retention_actions(frames, rng)}


def appointments(frames: dict[str, pd.DataFrame], rng: np.random.Generator) -> pd.DataFrame:
    """Every target post whose 2025 holder held another post in 2024: an appointment dated on the
    holder's TMT. Promotions to Administrator came from the talent pool, promotions to JPT alternately
    from the pool and an open selection; moves between posts of the same level are 'lainnya'."""
    ap = frames["asn_period"]
    posts = frames["target_post"].dropna(subset=["pemangku_nip"]).sort_values("post_id")
    # only the rows that matter (a national roll has millions): the holders, and who held those posts
    now = ap[(ap["period"] == 2025) & ap["nip"].isin(posts["pemangku_nip"])].set_index("nip")
    before = ap[(ap["period"] == 2024) & (ap["nip"].isin(posts["pemangku_nip"]) | ap["jabatan"].isin(posts["jabatan"]))]
    before_by_nip = before.set_index("nip")
    rows = []
    jpt_promotions = 0
    for post in posts.itertuples(index=False):
        nip = post.pemangku_nip
        if nip not in now.index:
            continue
        if nip in before_by_nip.index:
            was = before_by_nip.loc[nip]
            if was["jabatan"] == post.jabatan and was["opd_id"] == post.opd_id:
                continue
            promoted = was["jenjang_jabatan"] != post.jenjang_jabatan
        else:
            promoted = True
        tanggal = pd.Timestamp(now.loc[nip, "tmt_jabatan"])
        if promoted and post.jenjang_jabatan == "JPT Pratama":
            cara = "talent_pool" if jpt_promotions % 2 == 0 else "seleksi_terbuka"
            jpt_promotions += 1
        else:
            cara = "talent_pool" if promoted else "lainnya"
        kesiapan = {"talent_pool": "Siap Sekarang", "seleksi_terbuka": "Siap 1–2 Tahun"}.get(cara)
        prior = before[(before["jabatan"] == post.jabatan) & (before["opd_id"] == post.opd_id)]
        previous = prior["nip"].iloc[0] if len(prior) else None
        rows.append({
            "period": 2025, "nip": nip, "post_id": post.post_id, "tanggal": tanggal,
            "nomor_sk": f"821.2/Kep.{len(rows) + 11:03d}-BKPSDM/{tanggal.year}", "cara": cara,
            "kesiapan": kesiapan,
            "lowong_sejak": tanggal - pd.Timedelta(days=int(rng.integers(30, 181))) if promoted else pd.NaT,
            "pemangku_sebelumnya": previous, "dicatat_oleh": "bkpsdm",
            "dicatat_pada": tanggal + pd.Timedelta(days=int(rng.integers(1, 8)), hours=10)})
    out = pd.DataFrame(rows, columns=["period", "nip", "post_id", "tanggal", "nomor_sk", "cara", "kesiapan",
                                      "lowong_sejak", "pemangku_sebelumnya", "dicatat_oleh", "dicatat_pada"])
    for col in ("tanggal", "lowong_sejak", "dicatat_pada"):
        out[col] = pd.to_datetime(out[col]).astype("datetime64[s]")
    return clean(out)


def retention_actions(frames: dict[str, pd.DataFrame], rng: np.random.Generator) -> pd.DataFrame:
    """A few retention actions of 2025 for officials and senior JF with a 'Sangat Baik' predikat and an
    assessment in 2025 (strong candidates of the pool), of every kind and status."""
    ap = frames["asn_period"]
    perf = frames["performance"]
    assessed = frames["assessment"].loc[frames["assessment"]["period"] == 2025, "nip"]
    best = perf.loc[(perf["period"] == 2025) & (perf["predikat"] == "Sangat Baik"), "nip"]
    senior = ap[(ap["period"] == 2025) & ap["jenjang_jabatan"].isin(["Administrator", "Pengawas", "JF Ahli Madya"])]
    pool = sorted(senior.loc[senior["nip"].isin(assessed) & senior["nip"].isin(best), "nip"].astype(str))
    if not pool:
        return pd.DataFrame(columns=["period", "nip", "jenis", "uraian", "status", "target_tanggal", "dibuat_oleh",
                                     "dibuat_pada", "setelah_penetapan"])
    picked = rng.choice(np.array(pool, dtype=object), size=min(RETENTION_COUNT, len(pool)), replace=False)
    statuses = np.array(["rencana", "berjalan", "selesai"], dtype=object)
    made = pd.Timestamp("2025-11-03") + pd.to_timedelta(rng.integers(0, 50, len(picked)), unit="D") \
        + pd.Timedelta(hours=9)
    kinds = [RETENTION[i % len(RETENTION)] for i in range(len(picked))]
    return clean(objframe({
        "period": np.full(len(picked), 2025, dtype=np.int64), "nip": picked,
        "jenis": np.array([k for k, _ in kinds], dtype=object), "uraian": np.array([u for _, u in kinds], dtype=object),
        "status": statuses[rng.integers(0, 3, len(picked))],
        "target_tanggal": (made + pd.Timedelta(days=180)).normalize().to_numpy().astype("datetime64[s]"),
        "dibuat_oleh": np.full(len(picked), "bkpsdm", dtype=object),
        "dibuat_pada": made.to_numpy().astype("datetime64[s]"),
        "setelah_penetapan": np.zeros(len(picked), dtype=bool),
    }))
