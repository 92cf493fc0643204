"""The demo's development actions: most of the likely talent pool (people assessed in a period with a
'Sangat Baik' or 'Baik' predikat) have one or two actions of 2025 (a few already in late 2024), so the
Pengembangan page tracks something and the Siklus Talenta watchlist flags a minority, not everyone.
Its own random stream, so the rest of the demo is unchanged by it."""
from __future__ import annotations

import numpy as np
import pandas as pd

from data.synthetic.frames import clean, objframe

#: Share of the assessed people with this predikat who get actions (stronger people more often, as the
#: higher boxes carry development follow-ups; in 2024, the first year, a few people rated 'Baik', with room
#: to move up).
SHARE = {2025: {"Sangat Baik": 0.8, "Baik": 0.66}, 2024: {"Baik": 0.06}}
#: Share of the people with actions who get a second one.
SECOND = 0.35
#: Days the actions of a period are made in (first, last), and the day their status is read on (the last
#: day of the demo's latest period).
WINDOW = {2025: ("2025-01-06", "2025-11-28"), 2024: ("2024-08-05", "2024-12-13")}
READ_ON = pd.Timestamp("2025-12-31")

OFFICIALS = ("JPT Pratama", "Administrator", "Pengawas")
#: Classroom training by job level (the leadership training of the level, else a technical course).
DIKLAT = {
    "JPT Pratama": ("Pelatihan Kepemimpinan Nasional Tingkat II (PKN II)",
                    "Pelatihan manajemen risiko sektor publik bagi pimpinan tinggi"),
    "Administrator": ("Pelatihan Kepemimpinan Administrator (PKA)", "Bimtek penyusunan SAKIP perangkat daerah"),
    "Pengawas": ("Pelatihan Kepemimpinan Pengawas (PKP)", "Bimtek penyusunan SKP dan manajemen kinerja"),
}
DIKLAT_OTHER = ("Bimtek penyusunan SKP", "Pelatihan teknis pengadaan barang/jasa (sertifikasi PBJ)",
                "Pelatihan analisis kebijakan publik", "Pelatihan literasi data dan dasbor kinerja",
                "Uji kompetensi dan pelatihan penjenjangan jabatan fungsional")
COACHING = ("Coaching oleh kepala OPD", "Coaching kinerja oleh atasan langsung",
            "Coaching penyusunan rencana pengembangan individu (IDP)")
MENTORING = ("Mentoring oleh pejabat pimpinan tinggi pratama", "Mentoring proyek perubahan oleh pejabat senior",
             "Mentoring penulisan kajian kebijakan")
ROTASI = ("Rotasi ke unit kerja lain di perangkat daerah yang sama", "Penugasan sementara di Sekretariat Daerah",
          "Pengayaan jabatan: penanggung jawab program prioritas daerah")
TUGAS_BELAJAR = ("Tugas belajar S2 Administrasi Publik", "Tugas belajar S2 Perencanaan Wilayah dan Kota",
                 "Tugas belajar S2 Manajemen Keuangan Daerah")
#: Kinds and their weights: officials are coached, mentored and rotated more; others study more.
KINDS = ("diklat", "coaching", "mentoring", "rotasi", "tugas_belajar")
WEIGHTS = {True: (0.40, 0.22, 0.18, 0.15, 0.05), False: (0.45, 0.20, 0.15, 0.08, 0.12)}
#: Months from an action to its target day, by kind.
MONTHS = {"diklat": (2, 6), "coaching": (3, 6), "mentoring": (4, 9), "rotasi": (6, 12), "tugas_belajar": (18, 24)}

COLUMNS = ["period", "nip", "jenis", "uraian", "status", "target_tanggal", "dibuat_oleh", "dibuat_pada",
           "setelah_penetapan"]


def development_actions(frames: dict[str, pd.DataFrame], seed: int) -> pd.DataFrame:
    """``development_action`` rows of the demo (period 2025 and a few of 2024), from its other frames,
    in (period, dibuat_pada, nip) order so the ids are the same on every load."""
    rng = np.random.default_rng(seed + 6)
    parts = [_period_actions(frames, period, rng) for period in (2024, 2025)]
    out = pd.concat([p for p in parts if len(p)], ignore_index=True) if any(len(p) for p in parts) else \
        pd.DataFrame(columns=COLUMNS)
    out = out.sort_values(["period", "dibuat_pada", "nip"], kind="stable", ignore_index=True)
    return clean(out[COLUMNS])


def _period_actions(frames: dict[str, pd.DataFrame], period: int, rng: np.random.Generator) -> pd.DataFrame:
    ap = frames["asn_period"]
    perf = frames["performance"]
    assessed = frames["assessment"].loc[frames["assessment"]["period"] == period, "nip"]
    shares = SHARE[period]
    pred = perf.loc[(perf["period"] == period) & perf["predikat"].isin(list(shares)), ["nip", "predikat"]]
    people = ap.loc[ap["period"] == period, ["nip", "jenjang_jabatan"]].merge(pred, on="nip")
    people = people[people["nip"].isin(assessed)].sort_values("nip", kind="stable")
    share = people["predikat"].astype(object).map(shares).to_numpy(dtype=float)
    people = people[rng.random(len(people)) < share]
    if people.empty:
        return pd.DataFrame(columns=COLUMNS)
    twice = rng.random(len(people)) < SECOND
    rows = pd.concat([people, people[twice]], ignore_index=True)
    n = len(rows)
    nip = rows["nip"].astype(object).to_numpy()
    jenjang = rows["jenjang_jabatan"].astype(object).to_numpy()
    official = np.isin(jenjang, OFFICIALS)
    kinds = np.where(official, rng.choice(KINDS, n, p=WEIGHTS[True]), rng.choice(KINDS, n, p=WEIGHTS[False]))
    pick = rng.integers(0, 1 << 30, n)
    uraian = np.array([_describe(k, j, i) for k, j, i in zip(kinds, jenjang, pick)], dtype=object)
    first, last = (np.datetime64(d) for d in WINDOW[period])
    days = np.busday_count(first, last)
    made = np.busday_offset(first, rng.integers(0, days + 1, n), roll="forward").astype("datetime64[s]") \
        + (rng.integers(8 * 60, 15 * 60, n) * 60).astype("timedelta64[s]")
    low, high = np.array([MONTHS[k] for k in kinds]).T
    target = (made.astype("datetime64[D]")
              + (rng.integers(low, high + 1) * 30).astype("timedelta64[D]")).astype("datetime64[s]")
    on = READ_ON.to_datetime64()
    # by the year's end: past its target most are done; started ones run; the last weeks' are plans
    done = (target <= on) & (rng.random(n) < 0.85)
    planned = (on - made) < np.timedelta64(45, "D")
    status = np.where(done, "selesai", np.where(planned, "rencana", "berjalan")).astype(object)
    return objframe({
        "period": np.full(n, period, dtype=np.int64), "nip": nip, "jenis": kinds.astype(object),
        "uraian": uraian, "status": status, "target_tanggal": target, "dibuat_oleh": np.full(n, "bkpsdm", dtype=object),
        "dibuat_pada": made, "setelah_penetapan": np.zeros(n, dtype=bool),
    })


def _describe(kind: str, jenjang: str, i: int) -> str:
    """A plausible uraian for an action of this kind for someone at this job level."""
    if kind == "diklat":
        options = DIKLAT.get(jenjang, DIKLAT_OTHER)
    else:
        options = {"coaching": COACHING, "mentoring": MENTORING, "rotasi": ROTASI, "tugas_belajar": TUGAS_BELAJAR}[kind]
    return options[i % len(options)]
