"""The frames each kind of import writes, with the checks of that kind."""
from __future__ import annotations

import hashlib

import numpy as np
import pandas as pd

from data.importing.checks import (
    Ctx,
    apply_column,
    as_dates,
    check_duplicates,
    check_known_nip,
    check_nip,
    choose,
    date_column,
    fmt_day,
    number_column,
    resolve_opd,
    text_column,
    where,
)
from data.importing.fields import DL_FIELDS, ES_FIELDS, K_FIELDS, P_FIELDS
from data.importing.normalise.categories import (
    hukdis_level,
    norm_bool,
    norm_jenis_asn,
    norm_predikat,
    norm_rating,
    norm_sex,
    norm_status,
    norm_sumber,
    norm_tingkat_hukdis,
)
from data.importing.normalise.columns import blank_mask, map_unique, same_values
from data.importing.normalise.education import norm_pendidikan, strip_pendidikan
from data.importing.normalise.free_text import norm_code
from data.importing.normalise.golongan import golongan_kind, norm_golongan
from data.importing.normalise.jenjang import derive_jenjang, norm_eselon
from data.importing.outcome import WARNING, Issues, Reference, RollCheck


def _personnel(ctx: Ctx, index: pd.Index, period: int, ref: Reference, issues: Issues):
    p = check_nip(ctx, issues, index)
    valid = p["valid"].to_numpy(dtype=bool)
    check_duplicates(p["nip"], valid, "NIP {v}", issues, ctx.col("nip"))

    nama = text_column(ctx, "nama", issues, index, required=True, max_len=200)
    gelar_depan = text_column(ctx, "gelar_depan", issues, index, max_len=100)
    gelar_belakang = text_column(ctx, "gelar_belakang", issues, index, max_len=100)
    opd_name = text_column(ctx, "opd", issues, index, required=True, max_len=200)
    unit = text_column(ctx, "unit_kerja", issues, index, max_len=300)
    jabatan = text_column(ctx, "jabatan", issues, index, required=True, max_len=300)

    eselon = apply_column(ctx, "eselon", norm_eselon, issues, index)
    jenjang, jmsg, jwarn = derive_jenjang(ctx.raw.get("jenjang_jabatan"), ctx.raw.get("jenis_jabatan"),
                                          ctx.raw.get("eselon"), jabatan, list(ref.levels), index)
    jcol = next((ctx.col(n) for n in ("jenjang_jabatan", "jenis_jabatan", "eselon") if ctx.has(n)), "Jenjang Jabatan")
    issues.add(jmsg, jcol)
    issues.add(jwarn, jcol, WARNING)
    jenis_jabatan = map_unique(jenjang, ref.levels.get)

    golongan = apply_column(ctx, "golongan", norm_golongan, issues, index)
    if ctx.has("golongan"):
        gkind = map_unique(golongan, golongan_kind)
        asn_kind = p["jenis_asn"]
        pns_bad = valid & (asn_kind == "PNS").to_numpy() & (gkind == "PPPK").to_numpy()
        pppk_bad = valid & (asn_kind == "PPPK").to_numpy() & (gkind == "PNS").to_numpy()
        issues.add(golongan[pns_bad].map(
            lambda g: f"Golongan PNS harus lengkap dengan ruang (misalnya III/a), bukan '{g}'.",
            na_action="ignore"), ctx.col("golongan"))
        issues.add(golongan[pppk_bad].map(
            lambda g: f"NIP ini NI PPPK: golongan PPPK berupa angka Romawi I–XVII, bukan '{g}'.",
            na_action="ignore"), ctx.col("golongan"))

    tmt_gol = date_column(ctx, "tmt_golongan", issues, index)
    tmt_jab = date_column(ctx, "tmt_jabatan", issues, index)
    tmt_cpns = date_column(ctx, "tmt_cpns", issues, index)

    tingkat = apply_column(ctx, "pendidikan_tingkat", norm_pendidikan, issues, index, ref.education)
    if ctx.has("pendidikan_bidang"):
        bidang, tingkat_from_bidang = strip_pendidikan(ctx.raw["pendidikan_bidang"])
        tingkat_from_bidang = tingkat_from_bidang.where(tingkat_from_bidang.isin(ref.education))
        tingkat = choose(tingkat.notna(), tingkat, tingkat_from_bidang)
        bidang = map_unique(bidang, lambda s: s[:200] if isinstance(s, str) else None)
    elif ctx.has("pendidikan_tingkat"):     # 'S-1 Keperawatan' in a level column: keep the field too
        bidang, _ = strip_pendidikan(ctx.raw["pendidikan_tingkat"])
        bidang = map_unique(bidang.where(tingkat.notna()), lambda s: s[:200] if isinstance(s, str) else None)
    else:
        bidang = pd.Series(None, index=index, dtype=object)
    status = apply_column(ctx, "status_kepegawaian", norm_status, issues, index)

    # cross-checks against what the NIP says (warnings: the NIP wins)
    birth_nip = p["tanggal_lahir"]
    if ctx.has("tanggal_lahir"):
        lahir = date_column(ctx, "tanggal_lahir", issues, index)
        ld = as_dates(lahir)
        diff = valid & ld.notna().to_numpy() & (ld != birth_nip).to_numpy()
        if diff.any():
            msg = pd.Series([f"Tanggal lahir {fmt_day(a)} berbeda dengan tanggal lahir menurut NIP ({fmt_day(b)}); "
                             "yang disimpan tanggal menurut NIP." for a, b in zip(ld[diff], birth_nip[diff])],
                            index=index[diff], dtype=object)
            issues.add(msg, ctx.col("tanggal_lahir"), WARNING)
    if ctx.has("jenis_kelamin"):
        jk = apply_column(ctx, "jenis_kelamin", norm_sex, issues, index)
        diff = valid & jk.notna().to_numpy() & ~same_values(jk, p["jenis_kelamin"])
        issues.add(where(diff, map_unique(jk, lambda s: f"Jenis kelamin '{s}' berbeda dengan digit ke-15 NIP; yang "
                                             "disimpan menurut NIP."), index),
                   ctx.col("jenis_kelamin"), WARNING)
    if ctx.has("jenis_asn"):
        ja = apply_column(ctx, "jenis_asn", norm_jenis_asn, issues, index)
        diff = valid & ja.notna().to_numpy() & ~same_values(ja, p["jenis_asn"])
        if diff.any():
            msg = pd.Series([f"Jenis ASN '{a}' berbeda dengan NIP ({b}); yang disimpan menurut NIP."
                             for a, b in zip(ja[diff], p["jenis_asn"][diff])], index=index[diff], dtype=object)
            issues.add(msg, ctx.col("jenis_asn"), WARNING)
    cpns_nip = p["tmt_cpns"]
    tmt_cpns_d = as_dates(tmt_cpns)
    if ctx.has("tmt_cpns"):
        diff = valid & tmt_cpns_d.notna().to_numpy() & cpns_nip.notna().to_numpy() & \
            (tmt_cpns_d.dt.to_period("M") != cpns_nip.dt.to_period("M")).to_numpy()
        issues.add(where(diff, "Bulan TMT CPNS berbeda dengan digit 9–14 NIP.", index), ctx.col("tmt_cpns"), WARNING)
    tmt_cpns_d = tmt_cpns_d.where(tmt_cpns_d.notna(), cpns_nip)

    opd_id, new_opd = resolve_opd(opd_name, ref.opd, issues, ctx.col("opd"), ctx.allow_new_opd)
    ctx.new_opd = new_opd["nama"].tolist()

    asn = pd.DataFrame({
        "nip": p["nip"], "nama": nama, "gelar_depan": gelar_depan, "gelar_belakang": gelar_belakang,
        "tanggal_lahir": birth_nip, "jenis_kelamin": p["jenis_kelamin"], "jenis_asn": p["jenis_asn"],
    }, index=index)
    asn_period = pd.DataFrame({
        "period": np.full(len(index), period, dtype=np.int64), "nip": p["nip"], "jabatan": jabatan,
        "jenis_jabatan": jenis_jabatan, "jenjang_jabatan": jenjang, "eselon": eselon, "opd_id": opd_id,
        "unit_kerja": unit, "golongan": golongan, "tmt_golongan": as_dates(tmt_gol), "tmt_jabatan": as_dates(tmt_jab),
        "tmt_cpns": tmt_cpns_d, "pendidikan_tingkat": tingkat, "pendidikan_bidang": bidang,
        "status_kepegawaian": status,
    }, index=index)
    frames = {"asn": asn, "asn_period": asn_period}
    if len(new_opd) and ctx.allow_new_opd:
        frames["opd"] = new_opd
    if period not in ref.period_status:
        frames["period"] = pd.DataFrame({"period": [period], "label": [f"Periode {period}"],
                                         "status": ["terbuka"]})
    preview = pd.concat([asn[["nip", "nama"]], asn_period.drop(columns=["period", "nip"])], axis=1)
    preview["opd"] = opd_name
    return frames, {}, preview


def on_roll(ctx: Ctx, p: pd.DataFrame, period: int, ref: Reference, issues: Issues) -> None:
    """The file's NIPs looked up in the period's roll: the last check of a performance or assessment
    file, so that it can also be done after the others (:func:`validate.complete`) with the same
    issues in the same order."""
    message = ("NIP {v} tidak ada dalam data kepegawaian periode " + str(period)
               + ". Impor data kepegawaian periode itu lebih dulu, atau periksa NIP-nya.")
    if ref.personnel_nips is None:
        ctx.roll_check = RollCheck(p[["nip", "valid"]], message, ctx.col("nip"))
    else:
        check_known_nip(p, ref.personnel_nips, message, issues, ctx.col("nip"))


def _performance(ctx: Ctx, index: pd.Index, period: int, ref: Reference, issues: Issues):
    p = check_nip(ctx, issues, index)
    valid = p["valid"].to_numpy(dtype=bool)
    check_duplicates(p["nip"], valid, "NIP {v}", issues, ctx.col("nip"))
    predikat = apply_column(ctx, "predikat", norm_predikat, issues, index, ref.predikat)
    hasil = apply_column(ctx, "hasil_kerja", norm_rating, issues, index)
    perilaku = apply_column(ctx, "perilaku", norm_rating, issues, index)
    legacy = number_column(ctx, "nilai_legacy", issues, index)
    extra = {n: number_column(ctx, n, issues, index) for n in ("penghargaan", "penugasan_tim", "umpan_balik")}

    raw_blank = {n: (pd.Series(blank_mask(ctx.raw[n]), index=index) if ctx.has(n) else pd.Series(True, index=index))
                 for n in ("predikat", "hasil_kerja", "perilaku", "nilai_legacy")}
    one_rating = raw_blank["hasil_kerja"] ^ raw_blank["perilaku"]
    no_predikat = raw_blank["predikat"]
    issues.add(where(no_predikat & one_rating, "Rating hasil kerja dan rating perilaku kerja harus diisi "
                     "keduanya.", index), ctx.col("hasil_kerja") if ctx.has("hasil_kerja") else ctx.col("perilaku"))
    nothing = no_predikat & (raw_blank["hasil_kerja"] | raw_blank["perilaku"]) & raw_blank["nilai_legacy"] & ~one_rating
    issues.add(where(nothing, "Predikat kinerja kosong: isi Predikat Kinerja, atau kedua rating, atau Nilai SKP.",
                     index), ctx.col("predikat") if ctx.has("predikat") else "")
    if ctx.has("predikat") and ctx.has("hasil_kerja") and ctx.has("perilaku"):
        implied = pd.Series(_implied(hasil, perilaku, ref.predikat_pairs), index=index, dtype=object)
        diff = (predikat.notna() & implied.notna() & (predikat != implied)).to_numpy(dtype=bool)
        msg = np.full(len(index), None, dtype=object)
        at = np.flatnonzero(diff)                          # a message for the few rows that differ
        msg[at] = [f"Predikat '{a}' tidak sesuai dengan rating hasil kerja '{h}' dan perilaku '{b}' "
                   f"(seharusnya {c}); yang dipakai predikat."
                   for a, h, b, c in zip(predikat.iloc[at], hasil.iloc[at], perilaku.iloc[at], implied.iloc[at])]
        issues.add(pd.Series(msg, index=index, dtype=object), ctx.col("predikat"), WARNING)
    perf = pd.DataFrame({"period": np.full(len(index), period, dtype=np.int64), "nip": p["nip"],
                         "predikat": predikat, "hasil_kerja": hasil, "perilaku": perilaku,
                         "nilai_legacy": legacy.astype("Float64"),
                         **{k: v.astype("Float64") for k, v in extra.items()}}, index=index)
    on_roll(ctx, p, period, ref, issues)
    return {"performance": perf}, {}, perf.drop(columns=["period"])


def _implied(hasil: pd.Series, perilaku: pd.Series, pairs: dict) -> np.ndarray:
    """The predikat each row's pair of ratings gives (None when either is missing), looked up once
    per distinct pair."""
    ch, uh = pd.factorize(hasil.to_numpy(dtype=object), use_na_sentinel=True)
    cb, ub = pd.factorize(perilaku.to_numpy(dtype=object), use_na_sentinel=True)
    table = np.full((len(uh) + 1, len(ub) + 1), None, dtype=object)     # the last row / column: NA (code -1)
    for i, h in enumerate(uh):
        for j, b in enumerate(ub):
            if isinstance(h, str) and isinstance(b, str):
                table[i, j] = pairs.get((h, b))
    return table[ch, cb]


def _assessment(ctx: Ctx, index: pd.Index, period: int, ref: Reference, issues: Issues):
    p = check_nip(ctx, issues, index)
    valid = p["valid"].to_numpy(dtype=bool)
    sumber = apply_column(ctx, "sumber", norm_sumber, issues, index)
    issues.add(where(sumber.isna() & blank_mask(ctx.raw["sumber"]), "Sumber asesmen wajib diisi (CACT, AC "
                     "atau LAIN).", index), ctx.col("sumber"))
    check_duplicates(p["nip"] + " (sumber " + sumber.astype(object).fillna("?") + ")",
                     valid & sumber.notna().to_numpy(), "NIP {v}", issues, ctx.col("nip"))
    tanggal = date_column(ctx, "tanggal", issues, index)
    cols: dict[str, pd.Series] = {}
    for code, _, _ in K_FIELDS:
        cols[code] = number_column(ctx, code, issues, index, integer=True).astype("Int8") if ctx.has(code) \
            else pd.Series(pd.NA, index=index, dtype="Int8")
    for group in (P_FIELDS, DL_FIELDS, ES_FIELDS):
        for code, _, _ in group:
            cols[code] = number_column(ctx, code, issues, index).astype("Float64")
    for code in ("jpm_sumber", "nilai_potensi"):
        cols[code] = number_column(ctx, code, issues, index).astype("Float64")
    core = [c for c, _, _ in K_FIELDS + P_FIELDS] + ["jpm_sumber", "nilai_potensi"]
    has_any = np.zeros(len(index), dtype=bool)
    for c in core:
        has_any |= cols[c].notna().to_numpy(dtype=bool)
    for c in core:
        if ctx.has(c):
            has_any |= ~blank_mask(ctx.raw[c])   # bad values are reported already
    issues.add(where(~has_any, "Baris tidak berisi satu pun nilai asesmen (level kompetensi, aspek potensi, JPM "
                     "atau nilai potensi).", index), "")
    frame = pd.DataFrame({"period": np.full(len(index), period, dtype=np.int64), "nip": p["nip"],
                          "sumber": sumber, "tanggal": as_dates(tanggal), **cols}, index=index)
    scope = {"sumber": sorted({s for s in sumber.dropna()})}
    on_roll(ctx, p, period, ref, issues)
    return {"assessment": frame}, scope, frame.drop(columns=["period"])


def _discipline(ctx: Ctx, index: pd.Index, period, ref: Reference, issues: Issues):
    p = check_nip(ctx, issues, index)
    valid = p["valid"].to_numpy(dtype=bool)
    check_known_nip(p, ref.known_nips, "NIP {v} tidak ada dalam data kepegawaian. Impor data kepegawaian lebih "
                    "dulu, atau periksa NIP-nya.", issues, ctx.col("nip"))
    jenis = text_column(ctx, "jenis", issues, index, max_len=300)
    if ctx.has("tingkat"):
        blank = pd.Series(blank_mask(ctx.raw["tingkat"]), index=index)
        tingkat = apply_column(ctx, "tingkat", norm_tingkat_hukdis, issues, index)
    else:
        blank = pd.Series(True, index=index)
        tingkat = pd.Series(None, index=index, dtype=object)
    derived = jenis.map(hukdis_level, na_action="ignore")
    tingkat = choose(~blank, tingkat, derived)
    issues.add(where(blank & tingkat.isna(), "Tingkat hukuman kosong dan tidak dapat ditentukan dari jenis "
                     "hukuman (ringan, sedang atau berat).", index),
               ctx.col("tingkat") if ctx.has("tingkat") else ctx.col("jenis"))
    mulai = date_column(ctx, "tanggal_mulai", issues, index, required=True)
    selesai = date_column(ctx, "tanggal_selesai", issues, index)
    m, s = as_dates(mulai), as_dates(selesai)
    issues.add(where((s < m).to_numpy(dtype=bool), "Tanggal selesai lebih awal dari TMT hukuman.", index),
               ctx.col("tanggal_selesai"))
    keterangan = text_column(ctx, "keterangan", issues, index, max_len=500)
    key = p["nip"].fillna("") + " (TMT " + m.map(fmt_day) + ", " + tingkat.astype(object).fillna("?") + ")"
    check_duplicates(key, valid & m.notna().to_numpy(), "Hukuman NIP {v}", issues, ctx.col("nip"))
    frame = pd.DataFrame({"nip": p["nip"], "tingkat": tingkat, "jenis": jenis, "tanggal_mulai": m,
                          "tanggal_selesai": s, "keterangan": keterangan}, index=index)
    return {"discipline": frame}, {}, frame


def _target_posts(ctx: Ctx, index: pd.Index, period, ref: Reference, issues: Issues):
    jabatan = text_column(ctx, "jabatan", issues, index, required=True, max_len=300)
    opd_name = text_column(ctx, "opd", issues, index, max_len=200)
    opd_id, new_opd = resolve_opd(opd_name, ref.opd, issues, ctx.col("opd"), ctx.allow_new_opd)
    ctx.new_opd = new_opd["nama"].tolist()
    jenjang, jmsg, _ = derive_jenjang(ctx.raw.get("jenjang_jabatan"), None, None, None,
                                      list(ref.levels), index) if ctx.has("jenjang_jabatan") else \
        derive_jenjang(None, None, ctx.raw.get("eselon"), None, list(ref.levels), index)
    jenjang = jenjang.where(jenjang != "Pelaksana") if not ctx.has("jenjang_jabatan") else jenjang
    jcol = ctx.col("jenjang_jabatan") if ctx.has("jenjang_jabatan") else ctx.col("eselon")
    issues.add(jmsg, jcol)
    # a post's level is required (rules read it): an empty cell is this row's error, not the database's
    no_level = jabatan.notna().to_numpy() & jenjang.isna().to_numpy() & ~jmsg.reindex(index).notna().to_numpy()
    issues.add(where(no_level, "Jenjang jabatan target kosong: isi kolom Jenjang Jabatan (mis. JPT Pratama) "
                               "atau Eselon untuk jabatan ini.", index), jcol)
    lowong = apply_column(ctx, "lowong", norm_bool, issues, index)
    kritikal = apply_column(ctx, "kritikal", norm_bool, issues, index)
    bidang = text_column(ctx, "bidang_pendidikan", issues, index, max_len=500)
    bidang_tugas = text_column(ctx, "bidang_tugas", issues, index, max_len=300)
    bidang_tugas = bidang_tugas.map(lambda v: v.strip().lower() if isinstance(v, str) else None).astype(object)
    teknis = text_column(ctx, "kompetensi_teknis", issues, index, max_len=1000)
    keterangan = text_column(ctx, "keterangan", issues, index, max_len=500)
    holder = check_nip(ctx, issues, index, "pemangku_nip", required=False) if ctx.has("pemangku_nip") else None
    holder_nip = holder["nip"] if holder is not None else pd.Series(None, index=index, dtype=object)
    if holder is not None:
        check_known_nip(holder, ref.known_nips, "NIP pemangku {v} tidak ada dalam data kepegawaian.",
                        _WarnSink(issues, WARNING), ctx.col("pemangku_nip"))
        both = (lowong == True).to_numpy() & holder_nip.notna().to_numpy()  # noqa: E712
        issues.add(where(both, "Jabatan ditandai lowong tetapi ada NIP pemangku.", index),
                   ctx.col("pemangku_nip"), WARNING)
    given = apply_column(ctx, "post_id", norm_code, issues, index)
    generated = pd.Series([
        "TP-" + hashlib.sha1(f"{o or ''}|{j or ''}".lower().encode()).hexdigest()[:10].upper()
        for o, j in zip(opd_id.to_numpy(dtype=object, na_value=None), jabatan.to_numpy(dtype=object, na_value=None))],
        index=index, dtype=object)
    post_id = choose(given.notna(), given, generated)
    check_duplicates(post_id, jabatan.notna().to_numpy(), "Jabatan target {v}", issues,
                     ctx.col("post_id") if ctx.has("post_id") else ctx.col("jabatan"))
    frame = pd.DataFrame({"post_id": post_id, "jabatan": jabatan, "opd_id": opd_id, "jenjang_jabatan": jenjang,
                          "lowong": lowong.map(lambda v: bool(v) if v is not None else False).astype(bool),
                          "kritikal": kritikal.map(lambda v: bool(v) if v is not None else False).astype(bool),
                          "bidang_pendidikan": bidang, "bidang_tugas": bidang_tugas, "kompetensi_teknis": teknis,
                          "pemangku_nip": holder_nip, "keterangan": keterangan},
                         index=index)
    frames = {"target_post": frame}
    if len(new_opd) and ctx.allow_new_opd:
        frames["opd"] = new_opd
    preview = frame.assign(opd=opd_name)
    return frames, {}, preview


def _position_history(ctx: Ctx, index: pd.Index, period, ref: Reference, issues: Issues):
    p = check_nip(ctx, issues, index)
    valid = p["valid"].to_numpy(dtype=bool)
    check_known_nip(p, ref.known_nips, "NIP {v} tidak ada dalam data kepegawaian. Impor data kepegawaian lebih "
                    "dulu, atau periksa NIP-nya.", issues, ctx.col("nip"))
    jabatan = text_column(ctx, "jabatan", issues, index, required=True, max_len=300)
    opd_name = text_column(ctx, "opd", issues, index, max_len=200)
    unit = text_column(ctx, "unit_kerja", issues, index, max_len=300)
    jenis = text_column(ctx, "jenis_jabatan", issues, index, max_len=100)
    apply_column(ctx, "eselon", norm_eselon, issues, index)     # an unreadable eselon is this row's error
    jenjang, jmsg, jwarn = derive_jenjang(ctx.raw.get("jenjang_jabatan"), ctx.raw.get("jenis_jabatan"),
                                          ctx.raw.get("eselon"), jabatan, list(ref.levels), index)
    jcol = next((ctx.col(n) for n in ("jenjang_jabatan", "jenis_jabatan", "eselon") if ctx.has(n)), "Jenjang Jabatan")
    issues.add(jmsg, jcol)
    issues.add(jwarn, jcol, WARNING)
    mulai = as_dates(date_column(ctx, "tmt_jabatan", issues, index, required=True))
    selesai = as_dates(date_column(ctx, "tmt_selesai", issues, index))
    issues.add(where((selesai < mulai).to_numpy(dtype=bool), "TMT selesai lebih awal dari TMT jabatan.", index),
               ctx.col("tmt_selesai") if ctx.has("tmt_selesai") else ctx.col("tmt_jabatan"))
    bidang = text_column(ctx, "bidang", issues, index, max_len=200)
    bidang = bidang.map(lambda v: v.strip().lower() if isinstance(v, str) else None).astype(object)
    # a past OPD need not exist any more: matched quietly, kept by name either way
    opd_id, _ = resolve_opd(opd_name, ref.opd, _NullSink(), ctx.col("opd")) if ctx.has("opd") else \
        (pd.Series(None, index=index, dtype=object), None)
    known_opd = set(ref.opd["opd_id"].astype(str))
    opd_id = opd_id.astype(object).where(opd_id.astype(object).isin(known_opd), None)
    key = p["nip"].fillna("") + " (TMT " + mulai.map(fmt_day) + ", " + jabatan.astype(object).fillna("?") + ")"
    check_duplicates(key, valid & mulai.notna().to_numpy(), "Riwayat NIP {v}", issues, ctx.col("nip"))
    frame = pd.DataFrame({"nip": p["nip"], "jabatan": jabatan, "opd_nama": opd_name, "opd_id": opd_id,
                          "unit_kerja": unit, "jenis_jabatan": jenis, "jenjang_jabatan": jenjang,
                          "tmt_jabatan": mulai, "tmt_selesai": selesai, "bidang": bidang}, index=index)
    # the preview names the OPD as the file does (the page shows no internal code)
    return {"position_history": frame}, {}, frame.rename(columns={"opd_nama": "opd"})


class _NullSink:
    """Drops every message (a lookup whose misses are not errors)."""

    def add(self, *args, **kwargs):
        pass

    def file(self, *args, **kwargs):
        pass


class _WarnSink:
    """Routes Issues.add() to another severity."""

    def __init__(self, issues: Issues, severity: str):
        self._issues, self._severity = issues, severity

    def add(self, messages, column, severity=None):
        self._issues.add(messages, column, self._severity)


# kind → builder(ctx, index, period, ref, issues) → (frames, scope, preview)
BUILDERS = {"personnel": _personnel, "performance": _performance, "assessment": _assessment,
            "discipline": _discipline, "target-posts": _target_posts, "position-history": _position_history}
