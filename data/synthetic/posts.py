"""Structural posts, school units and the target posts of the synthetic city."""
from __future__ import annotations

import numpy as np
import pandas as pd

from data.synthetic.city import (
    CRITICAL,
    KEC_PENGAWAS,
    OPD_BY_ID,
    OPDS,
    SD_PER_KEC,
    SETDA_JPT,
    SETDA_KASUBBAG,
    SMP_COUNT,
    TARGET_ADMIN,
    VACANT_JPT,
)
from data.synthetic.frames import objframe
from data.synthetic.history import POST_FIELDS, POST_SKILLS

VACANT_NOTE = ("Lowong; diisi dari kelompok rencana suksesi, bukan seleksi terbuka "
               "(peluncuran Manajemen Talenta ASN, 5 Januari 2026)")


def structural_posts(scale: float) -> pd.DataFrame:
    """One row per structural post; Administrator/Pengawas posts scale with ``scale``."""
    jpt, adm, pgw = [], [], []
    setda = OPD_BY_ID["SETDA"]
    jpt.append(("Sekretaris Daerah", "II.a", "SETDA", setda.nama, None, setda.fields))
    for name, bidang in SETDA_JPT:
        jpt.append((name, "II.b", "SETDA", setda.nama, bidang, setda.fields))
    for o in OPDS:
        if o.opd_id == "SETDA":
            continue
        if o.head:
            jpt.append((o.head, "II.b", o.opd_id, o.nama, o.bidang_target, o.fields))
        if o.kelompok == "kecamatan":
            kec = o.nama.removeprefix("Kecamatan ")
            adm.append((f"Camat {kec}", "III.a", o.opd_id, o.nama, o.fields))
            adm.append((f"Sekretaris Kecamatan {kec}", "III.b", o.opd_id, o.nama, o.fields))
            for title in KEC_PENGAWAS:
                pgw.append((title, "IV.b" if "Subbagian" in title else "IV.a", o.opd_id, o.nama, o.fields))
            for unit in o.units[1:]:
                pgw.append((f"Lurah {unit.removeprefix('Kelurahan ')}", "IV.a", o.opd_id, unit, o.fields))
            continue
        if o.opd_id == "DPRD":
            for unit in o.units:
                adm.append((f"Kepala {unit}", "III.a", o.opd_id, unit, o.fields))
            for title in ("Kepala Subbagian Tata Usaha dan Kepegawaian", "Kepala Subbagian Keuangan",
                          "Kepala Subbagian Rumah Tangga dan Perlengkapan"):
                pgw.append((title, "IV.a", o.opd_id, o.units[0], o.fields))
            continue
        if o.opd_id == "INSPEKTORAT":
            adm.append(("Sekretaris Inspektorat", "III.a", o.opd_id, "Sekretariat", o.fields))
            for unit in o.units[1:]:
                adm.append((unit, "III.a", o.opd_id, unit, o.fields))
        elif o.opd_id == "RSUD":
            adm.append(("Wakil Direktur Umum dan Keuangan", "III.a", o.opd_id, "Bagian Umum dan Keuangan",
                        o.fields))
            adm.append(("Wakil Direktur Pelayanan", "III.a", o.opd_id,
                        "Bidang Pelayanan Medis dan Keperawatan", o.fields))
            for title, unit in (("Kepala Seksi Pelayanan Medis", "Bidang Pelayanan Medis dan Keperawatan"),
                                ("Kepala Seksi Keperawatan", "Bidang Pelayanan Medis dan Keperawatan"),
                                ("Kepala Subbagian Kepegawaian", "Bagian Umum dan Keuangan"),
                                ("Kepala Subbagian Keuangan", "Bagian Umum dan Keuangan")):
                pgw.append((title, "IV.a", o.opd_id, unit, o.fields))
        else:
            adm.append((f"Sekretaris {o.nama}", "III.a", o.opd_id,
                        "Sekretariat", o.fields))
        for unit in o.kabid:
            adm.append((f"Kepala {unit}", "III.a", o.opd_id, unit, o.fields))
        for unit in o.uptd:
            pgw.append((f"Kepala {unit}", "IV.a", o.opd_id, unit, o.fields))
        for title in o.kasubbag:
            pgw.append((title, "IV.b" if title.endswith("Keuangan") else "IV.a", o.opd_id, "Sekretariat",
                        o.fields))
    for unit in setda.units:
        adm.append((f"Kepala {unit}", "III.a", "SETDA", unit, setda.fields))
    for unit, title in SETDA_KASUBBAG:
        pgw.append((title, "IV.a", "SETDA", unit, setda.fields))

    def scaled(rows: list) -> list:
        count = max(2, int(round(len(rows) * scale)))
        if count <= len(rows):
            keep = np.unique(np.linspace(0, len(rows) - 1, count).round().astype(int))
            return [(*rows[i], 0) for i in keep]
        out = []
        copy = 0
        while len(out) < count:
            for r in rows:
                if len(out) >= count:
                    break
                out.append((*r, copy))
            copy += 1
        return out

    records = []
    for name, eselon, opd_id, unit, bidang, fields in jpt:
        records.append(dict(jabatan=name, jenjang="JPT Pratama", eselon=eselon, opd_id=opd_id,
                            unit_kerja=unit, bidang_target=bidang, fields=fields, replica=0))
    for rows, jenjang in ((adm, "Administrator"), (pgw, "Pengawas")):
        for name, eselon, opd_id, unit, fields, copy in scaled(rows):
            records.append(dict(jabatan=name, jenjang=jenjang, eselon=eselon, opd_id=opd_id,
                                unit_kerja=unit if copy == 0 else f"{unit} {copy + 1}",
                                bidang_target=None, fields=fields, replica=copy))
    posts = pd.DataFrame(records)
    admin_target = posts["jabatan"].map(TARGET_ADMIN).where(posts["jabatan"].isin(list(TARGET_ADMIN)))
    posts["bidang_target"] = posts["bidang_target"].where(posts["bidang_target"].notna(), admin_target)
    posts["bidang_target"] = posts["bidang_target"].astype(object).where(posts["bidang_target"].notna(), None)
    posts["vacant_2025"] = posts["jabatan"].isin(VACANT_JPT) & (posts["jenjang"] == "JPT Pratama")
    return posts


def school_units(scale: float) -> dict[str, list[str]]:
    sd = []
    for kec, count in SD_PER_KEC.items():
        sd += [f"SDN {kec} {i}" for i in range(1, max(1, int(round(count * scale))) + 1)]
    smp = [f"SMPN {i} Kota Serang" for i in range(1, max(2, int(round(SMP_COUNT * scale))) + 1)]
    tk = ["TK Negeri Pembina Kota Serang"] + [f"TK Negeri {i} Kota Serang"
                                              for i in range(1, max(1, int(round(5 * scale))) + 1)]
    return {"sd": sd, "smp": smp, "tk": tk}


def target_posts(posts: pd.DataFrame, holder25: np.ndarray, nip: np.ndarray) -> pd.DataFrame:
    """Every JPT Pratama post plus key Administrator posts, with their 2025 holder (``holder25``:
    person per post, -1 when vacant)."""
    tp = posts[(posts["replica"] == 0) & ((posts["jenjang"] == "JPT Pratama")
                                          | posts["jabatan"].isin(list(TARGET_ADMIN)))].copy()
    holder = holder25[tp.index.to_numpy()]
    bidang = tp["bidang_target"].to_numpy(dtype=object)
    lowong = holder < 0
    return objframe({
        "post_id": [f"TP-{i:03d}" for i in range(1, len(tp) + 1)],
        "jabatan": tp["jabatan"].to_numpy(dtype=object),
        "opd_id": tp["opd_id"].to_numpy(dtype=object),
        "jenjang_jabatan": tp["jenjang"].to_numpy(dtype=object),
        "lowong": lowong,
        "kritikal": tp["jabatan"].isin(list(CRITICAL)).to_numpy(),
        "bidang_pendidikan": bidang,
        "bidang_tugas": tp["jabatan"].map(POST_FIELDS).to_numpy(dtype=object),
        "kompetensi_teknis": tp["jabatan"].map(POST_SKILLS).to_numpy(dtype=object),
        "pemangku_nip": np.where(lowong, None, nip[np.maximum(holder, 0)]),
        "keterangan": np.where(lowong, VACANT_NOTE, None),
    })
