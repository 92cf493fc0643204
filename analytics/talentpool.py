"""Which talent-pool and succession rules a person meets, from the rule tables.

Each check answers ``memenuhi``, ``tidak`` or ``belum diketahui`` (missing data is
never a failure) with a reason in Indonesian.
"""
from __future__ import annotations

import pandas as pd

MEETS, FAILS, UNKNOWN = "memenuhi", "tidak", "belum diketahui"


def pool_checks(kotak: int | None, predikat_history: dict[int, str | None], hukdis_aktif: str | None,
                boxes: pd.DataFrame, eligibility: pd.DataFrame, predikat: pd.DataFrame) -> pd.DataFrame:
    """Rows: aturan, hasil, alasan."""
    rows = []
    pool = boxes.loc[boxes["kelompok_suksesi"], "kotak"].astype(int).tolist()
    if kotak is None or pd.isna(kotak):
        rows.append(("Kelompok rencana suksesi", UNKNOWN, "Belum ditempatkan di kotak (belum diprofil)."))
    else:
        k = int(kotak)
        rows.append(("Kelompok rencana suksesi", MEETS if k in pool else FAILS,
                     f"Kotak {k}; kelompok suksesi = kotak {', '.join(map(str, pool))}."))
        for r in eligibility[eligibility["parameter"] == "kotak"].itertuples(index=False):
            allowed = [int(x) for x in str(r.nilai).split(";") if x.strip()]
            rows.append((f"Syarat kotak calon {r.jenjang_target}", MEETS if k in allowed else FAILS,
                         f"Kotak {k}; disyaratkan kotak {', '.join(map(str, allowed))} ({r.sumber})."))
    general = eligibility[eligibility["jenjang_target"] == "*"].set_index("parameter")["nilai"]
    if "predikat_minimal" in general:
        minimum = general["predikat_minimal"]
        years = int(general.get("predikat_tahun", 2))
        rank = predikat.set_index("predikat")["urutan"]
        latest = sorted(predikat_history)[-years:]
        values = [predikat_history[p] for p in latest]
        label = f"Predikat paling rendah {minimum} {years} tahun terakhir"
        if len(latest) < years or any(v is None for v in values):
            rows.append((label, UNKNOWN, f"Data predikat tersedia untuk {sum(v is not None for v in values)} "
                                         f"dari {years} periode."))
        else:
            ok = all(rank.get(v, 0) >= rank[minimum] for v in values)
            rows.append((label, MEETS if ok else FAILS,
                         ", ".join(f"{p}: {v}" for p, v in zip(latest, values)) + "."))
    if general.get("bebas_hukdis") == "ya":
        if hukdis_aktif is None:
            rows.append(("Tidak sedang menjalani hukuman disiplin", UNKNOWN, "Data disiplin tidak tersedia."))
        else:
            clean = hukdis_aktif == "tidak ada"
            rows.append(("Tidak sedang menjalani hukuman disiplin", MEETS if clean else FAILS,
                         "Tidak ada hukuman disiplin aktif." if clean else f"Hukuman disiplin {hukdis_aktif} aktif."))
    return pd.DataFrame(rows, columns=["aturan", "hasil", "alasan"])
