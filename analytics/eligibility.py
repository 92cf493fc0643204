"""Succession eligibility: every candidate checked against one target post.

Pure functions over frames. Every threshold comes from the rule frames passed in
(``rule_eligibility``, ``rule_retirement``, ``job_level``, ``education_level``,
``rule_predikat``, ``rule_box``, ``rule_skj``, ``rule_jpm_band``); this module holds
no regulation values. Rows of ``rule_eligibility`` for the target's own level
override the ``'*'`` rows with the same parameter.

Each check answers ``memenuhi`` (pass), ``tidak`` (fail) or ``belum diketahui``
(data missing: never a failure) with an Indonesian reason. Checks and their kind:

================================ ========================================== ===========
check (aturan)                   rule parameter(s)                          kind
================================ ========================================== ===========
kotak                            kotak (allowed boxes for the target level) pengembangan
pendidikan                       pendidikan_minimal (education_level.urutan) pengembangan
golongan                         golongan_minimal (only if a row exists)    pengembangan
jabatan_sebelumnya               jabatan_sebelumnya (job_level.urutan)      pengembangan
lama_jabatan                     lama_jabatan_sebelumnya_tahun, tmt_jabatan waktu
pengalaman                       pengalaman_tahun, tmt_cpns                 waktu
predikat                         predikat_minimal + predikat_tahun          waktu
kompetensi                       rule_jpm_band 'seleksi' on the target SKJ  waktu (2nd band) / pengembangan
usia                             usia_maksimal                              mutlak
bup                              jarak_bup_minimal_tahun, rule_retirement   mutlak
hukdis                           bebas_hukdis, rule_discipline              mutlak
hukdis_riwayat                   hukdis_riwayat_tahun (+ _tingkat)          waktu
bidang                           bidang_sesuai_teknis, target bidang        mutlak
================================ ========================================== ===========

Date rules (all on the appointment date ``on``):

* age: passes while ``on`` ≤ birth date + ``usia_maksimal`` years (56 years exactly passes,
  56 years and a day fails); ``usia_maksimal_cara`` = 'genap' reads it as "while the completed age
  is 56" instead (until the day before the 57th birthday); ``jpm_pita_kedua`` = 'memenuhi' counts the
  second JPM band ("Masih Memenuhi Syarat") as meeting the competency check (both policy rows);
* years in post / experience: pass when TMT + N years ≤ ``on`` (2 years exactly passes);
* BUP: the pension date is the first day of the month after birth date + ``usia_bup`` of the
  *target* level (the level the candidate would hold; :func:`analytics.retirement.pension_date`);
  passes when pension date − ``on`` ≥ ``jarak_bup_minimal_tahun`` years (exactly one year away
  passes);
* sanctions: in force on ``on`` from their start and end dates (:mod:`analytics.sanctions`; a
  sanction without an end date dated by ``rule_discipline``); the look-back fails for a sanction of
  the listed levels imposed after ``on`` − N years (exactly N years ago passes) and closes when it
  is N years old;
* predikat: each of the periods ``period − predikat_tahun + 1 … period`` must have a predikat
  ranked (rule_predikat.urutan, and rule_legacy_score.urutan for the PP 46/2011 labels such as
  Cukup and Buruk: known, below Baik) at least ``predikat_minimal``; any period missing → unknown,
  unless a known period already fails.

Readiness and the talent score: :mod:`analytics.readiness`.
"""
from __future__ import annotations

import re
from datetime import date

import numpy as np
import pandas as pd

from analytics import career as careers
from analytics import fit
from analytics.competency import jpm as jpm_of
from analytics.competency import required_levels
from analytics.demography import age_on
from analytics.lookup import isin
from analytics.performance import effective_predikat, predikat_rank
from analytics.readiness import (
    CHECK_LABELS,
    FAILS,
    MEETS,
    MUTLAK,
    PENGEMBANGAN,
    UNKNOWN,
    WAKTU,
    SuccessionRules,
    decide_readiness,
    repeat_text,
    talent_score,
)
from analytics.retirement import pension_date
from analytics.sanctions import HISTORY_COLUMN, NONE, from_column, imposed_within, state_on
from analytics.years import dates, plus_years, served_since
from common import fmt


# -- helpers -------------------------------------------------------------------------------------
def _fmt_years(v: float) -> str:
    """One decimal, Indonesian (every reason text is Indonesian)."""
    return fmt.num(v, 1, "id")


def split_list(text: str) -> list[str]:
    return [x.strip() for x in str(text).split(";") if x.strip()]


def _blank(s: pd.Series) -> np.ndarray:
    return s.isna().to_numpy() | (s.astype(object).map(lambda v: isinstance(v, str) and not v.strip())).to_numpy()


_ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4}


def golongan_rank(g) -> float:
    """'III/c' → 32.0 (ruang a=0); NaN when the text is not a PNS golongan (PPPK grades, blanks)."""
    if not isinstance(g, str):
        return np.nan
    m = re.fullmatch(r"\s*(IV|III|II|I)\s*/\s*([a-eA-E])\s*", g)
    if not m:
        return np.nan
    return _ROMAN[m.group(1)] * 10 + (ord(m.group(2).lower()) - ord("a"))


class _Checks:
    def __init__(self, index: pd.Index):
        self.index = index
        self.rows: list[pd.DataFrame] = []

    def add(self, aturan: str, kind, hasil: np.ndarray, alasan, sumber: str = "",
            shortfall: np.ndarray | None = None) -> None:
        n = len(self.index)

        def text(v) -> pd.Series:
            """An object column of shared strings: not one string object (or Arrow string) per row and check
            (a national pool of 250k × 11 checks made 11M of them)."""
            if isinstance(v, str):
                return pd.Series(repeat_text(v, n), dtype=object)
            a = np.asarray(v)
            if a.dtype.kind == "U":  # np.where over texts: one object per distinct text
                uniq, inv = np.unique(a, return_inverse=True)
                a = uniq.astype(object)[inv]
            return pd.Series(a.astype(object, copy=False), dtype=object)
        self.rows.append(pd.DataFrame({
            "row": np.arange(n), "aturan": text(aturan), "syarat": text(CHECK_LABELS[aturan]), "jenis": text(kind),
            "hasil": text(hasil), "alasan": text(alasan), "sumber": text(sumber),
            "kekurangan_tahun": np.full(n, np.nan) if shortfall is None else shortfall}))


def _three(pass_mask: np.ndarray, unknown_mask: np.ndarray) -> np.ndarray:
    return np.array([FAILS, MEETS, UNKNOWN], dtype=object)[np.where(unknown_mask, 2, np.where(pass_mask, 1, 0))]


# -- the engine ----------------------------------------------------------------------------------
def evaluate(candidates: pd.DataFrame, target: dict | pd.Series, rules: SuccessionRules, on: date,
             period: int, predikat_history: pd.DataFrame | None = None, *,
             reasons: bool = True, career: pd.DataFrame | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Check every candidate against one target post.

    ``career``: the candidates' career spans (:func:`analytics.career.spans` of the position
    history); anyone missing from it is counted from the current post and its TMT only.

    ``candidates``: one row per person with nip, jenjang_jabatan, tmt_jabatan, tmt_cpns,
    pendidikan_tingkat, pendidikan_bidang, golongan, tanggal_lahir, hukdis_aktif, kotak (final),
    kinerja_nilai, potensial_nilai and the SKJ competency levels (k_*) where known.
    ``target``: jenjang_jabatan, bidang_pendidikan (';'-separated or empty), pemangku_nip.
    ``predikat_history``: nip, period, predikat (or the rating pair / legacy score).

    Returns (summary, checks): summary has one row per candidate (same index) with kotak,
    skor_talenta, jpm_target, kesiapan, alasan, counts; checks is long: nip, aturan, syarat,
    jenis, hasil, alasan, sumber, kekurangan_tahun.

    ``reasons=False`` leaves every ``alasan`` empty (the results and readiness are the same): for
    callers that only count, like :func:`bench_strength`, where the texts were most of the work.
    """
    c = candidates
    idx = c.index
    n = len(c)
    on_ts = pd.Timestamp(on)
    jenjang_t = str(target["jenjang_jabatan"])
    p = rules.params(jenjang_t)
    chk = _Checks(idx)
    words = careers.FieldWords(rules.field_words)
    spans = fit.spans_for(c, career, words)
    post_fields = careers.fields_of_post(target, words)

    def col(name: str) -> pd.Series:
        return c[name] if name in c.columns else pd.Series([None] * n, index=idx, dtype=object)

    # box for the target level
    kotak = pd.to_numeric(col("kotak"), errors="coerce").to_numpy(dtype=float)
    if "kotak" in p:
        allowed = [int(x) for x in split_list(p["kotak"][0])]
        ok = np.isin(kotak, allowed)
        unk = np.isnan(kotak)
        text = ", ".join(map(str, allowed))
        why = np.where(unk, "Belum diprofil: kotak belum diketahui.",
                       [f"Kotak {int(k) if k == k else '–'}; jenjang {jenjang_t} mensyaratkan kotak {text}."
                        for k in kotak]) if reasons else ""
        chk.add("kotak", PENGEMBANGAN, _three(ok, unk), why, p["kotak"][1])

    # education
    if "pendidikan_minimal" in p:
        edu = rules.education.set_index("tingkat")["urutan"].astype(float).to_dict()
        listed = split_list(p["pendidikan_minimal"][0])
        need = min(edu.get(x, np.inf) for x in listed)
        tingkat = col("pendidikan_tingkat").astype(object)
        have = tingkat.map(lambda v: edu.get(str(v).strip().upper(), np.nan) if isinstance(v, str) else np.nan)
        have = have.to_numpy(dtype=float)
        unk = np.isnan(have)
        why = [f"Pendidikan {t if isinstance(t, str) else '–'}; paling rendah {'/'.join(listed)}."
               if not u else "Tingkat pendidikan tidak tercatat atau tidak dikenal."
               for t, u in zip(tingkat, unk)] if reasons else ""
        chk.add("pendidikan", PENGEMBANGAN, _three(have >= need, unk), why, p["pendidikan_minimal"][1])

    # golongan (only when a rule row exists)
    if "golongan_minimal" in p:
        need = golongan_rank(p["golongan_minimal"][0])
        gol = col("golongan").astype(object)
        have = gol.map(golongan_rank).to_numpy(dtype=float)
        unk = np.isnan(have) | np.isnan(need)
        why = [f"Golongan {g}; paling rendah {p['golongan_minimal'][0]}." if not u
               else "Golongan tidak tercatat atau bukan golongan PNS." for g, u in zip(gol, unk)] if reasons else ""
        chk.add("golongan", PENGEMBANGAN, _three(have >= need, unk), why, p["golongan_minimal"][1])

    # prior post level, then years in it
    level_ok = np.ones(n, dtype=bool)
    if "jabatan_sebelumnya" in p:
        urut = rules.job_level.set_index("jenjang_jabatan")["urutan"].astype(float).to_dict()
        listed = split_list(p["jabatan_sebelumnya"][0])
        need = min(urut.get(x, np.inf) for x in listed)
        jj = col("jenjang_jabatan").astype(object)
        have = jj.map(lambda v: urut.get(v, np.nan) if isinstance(v, str) else np.nan).to_numpy(dtype=float)
        unk = np.isnan(have)
        level_ok = have >= need
        why = [f"Saat ini {j}; disyaratkan {' atau '.join(listed)} (atau lebih tinggi)." if not u
               else "Jenjang jabatan tidak tercatat atau tidak dikenal." for j, u in zip(jj, unk)] if reasons else ""
        chk.add("jabatan_sebelumnya", PENGEMBANGAN, _three(level_ok, unk), why, p["jabatan_sebelumnya"][1])
        if "lama_jabatan_sebelumnya_tahun" in p:
            # cumulative years in the listed levels or above (JF equivalence by urutan), across the history
            years = float(p["lama_jabatan_sebelumnya_tahun"][0])
            feeder = [lv for lv, u in urut.items() if u >= need]
            y = fit.years_in(spans, c, levels=feeder, need_years=years, on=on)
            ok, unk2, short, served = y["ok"], y["unknown"], y["short"], y["served"]
            why = np.where(unk2, "TMT jabatan tidak tercatat dan riwayat jabatan tidak ada.",
                           [f"{_fmt_years(s)} tahun sebagai {' / '.join(listed)} atau lebih tinggi ({fit.source_note(o)}); "
                            f"paling sedikit {_fmt_years(years)} tahun." for s, o in zip(served, y["source"])]) \
                if reasons else ""
            # years only count for a qualifying level; a level below is already a fail above
            res = _three(ok, unk2)
            res = np.where(~level_ok & ~unk, FAILS, res)
            if reasons:
                why = np.where(~level_ok & ~unk, "Jenjang jabatan sekarang belum memenuhi syarat.", why)
            short = np.where(~level_ok & ~unk, np.nan, short)
            chk.add("lama_jabatan", WAKTU, res, why, p["lama_jabatan_sebelumnya_tahun"][1], short)

    # years of service
    if "pengalaman_tahun" in p:
        years = float(p["pengalaman_tahun"][0])
        ok, unk, short, served = served_since(col("tmt_cpns").to_numpy(), idx, years, on_ts)
        why = np.where(unk, "TMT CPNS tidak tercatat.",
                       [f"Masa kerja {_fmt_years(s)} tahun; paling sedikit {_fmt_years(years)} tahun."
                        for s in np.nan_to_num(served)]) if reasons else ""
        chk.add("pengalaman", WAKTU, _three(ok, unk), why, p["pengalaman_tahun"][1], short)

    # years in the post's field of work, cumulative across the history
    field_y = fit.years_in(spans, c, fields=post_fields, need_years=1, on=on)
    if "pengalaman_bidang_tahun" in p:
        years = float(p["pengalaman_bidang_tahun"][0])
        src = p["pengalaman_bidang_tahun"][1]
        if not post_fields:
            chk.add("pengalaman_bidang", WAKTU, np.full(n, MEETS),
                    "Bidang tugas jabatan ini belum tercatat: pengalaman di bidang tidak diperiksa.", src)
        else:
            y = fit.years_in(spans, c, fields=post_fields, need_years=years, on=on)
            why = np.where(y["unknown"], "TMT jabatan tidak tercatat dan riwayat jabatan tidak ada.",
                           [f"{_fmt_years(s)} tahun di bidang {' / '.join(post_fields)} ({fit.source_note(o)}); "
                            f"paling sedikit {_fmt_years(years)} tahun." for s, o in zip(y["served"], y["source"])]) \
                if reasons else ""
            chk.add("pengalaman_bidang", WAKTU, _three(y["ok"], y["unknown"]), why, src, y["short"])

    # predikat in the last N periods
    if "predikat_minimal" in p:
        minimum = p["predikat_minimal"][0]
        rank = predikat_rank(rules.predikat, rules.legacy_score)
        need = rank.get(minimum, np.nan)
        src = p["predikat_minimal"][1]
        if "predikat_tahun" not in p or np.isnan(need):
            chk.add("predikat", WAKTU, np.full(n, UNKNOWN),
                    "Aturan predikat tidak lengkap (predikat_minimal dan predikat_tahun).", src)
        else:
            years = int(float(p["predikat_tahun"][0]))
            periods = list(range(period - years + 1, period + 1))
            h = predikat_history if predikat_history is not None else pd.DataFrame(columns=["nip", "period"])
            # only the candidates' rows: the table below is reindexed to them anyway
            h = h[h["period"].isin(periods).to_numpy() & isin(h["nip"], c["nip"])].copy()
            h["pred"] = effective_predikat(h, rules.predikat_pair, rules.legacy_score) if len(h) \
                else pd.Series(dtype=object)
            wide = h.pivot_table(index="nip", columns="period", values="pred", aggfunc="first") if len(h) \
                else pd.DataFrame(index=pd.Index([], name="nip"))
            wide = wide.reindex(index=c["nip"].to_numpy(), columns=periods)
            vals = wide.to_numpy(dtype=object)
            ranks = np.vectorize(lambda v: rank.get(v, np.nan) if isinstance(v, str) else np.nan,
                                 otypes=[float])(vals) if vals.size else np.full((n, years), np.nan)
            known_fail = (ranks < need).any(axis=1)
            missing = np.isnan(ranks).any(axis=1)
            ok = ~missing & (ranks >= need).all(axis=1)
            res = np.where(known_fail, FAILS, np.where(missing, UNKNOWN, np.where(ok, MEETS, FAILS))).astype(object)
            why = [] if reasons else ""
            for row in vals if reasons else ():
                parts = [f"{per}: {v if isinstance(v, str) else 'tidak ada data'}" for per, v in zip(periods, row)]
                why.append(f"Paling rendah {minimum} {years} periode terakhir; " + ", ".join(parts) + ".")
            chk.add("predikat", WAKTU, res, why, f"{src}; {p['predikat_tahun'][1]}",
                    np.where(res == FAILS, float(years), 0.0))

    # competency: JPM computed from the levels against the target level's SKJ, under the cap rule
    # (never the file's official JPM: that one is against the person's own post)
    codes = [k for k in rules.skj_codes if k in c.columns]
    required = required_levels(pd.Series(jenjang_t, index=idx), rules.skj, codes) if codes else None
    if codes:
        jpm_t = jpm_of(c[codes], required, cap=rules.jpm_cap)
    else:
        jpm_t = pd.Series(np.nan, index=idx)
    bands = rules.jpm_bands[rules.jpm_bands["skema"] == "seleksi"].sort_values("batas_bawah", ascending=False)
    v = jpm_t.to_numpy(dtype=float)
    unk = np.isnan(v)
    if len(bands):
        top = float(bands["batas_bawah"].iloc[0])
        near = float(bands["batas_bawah"].iloc[1]) if len(bands) > 1 else top
        ok = v >= top
        if p.get("jpm_pita_kedua", ("",))[0].strip().lower() == "memenuhi":   # policy row: the 2nd band meets
            ok = v >= near
        is_near = (v >= near) & ~ok
        labels = bands["label"].tolist()
        band_of = np.where(ok, labels[0], np.where(is_near, labels[min(1, len(labels) - 1)], labels[-1]))
        why = np.where(unk, "Belum ada hasil asesmen kompetensi manajerial/sosial kultural.",
                       [f"JPM {_fmt_years(x) if x == x else '–'}% (dihitung dari level) terhadap SKJ {jenjang_t} ({b})."
                        for x, b in zip(v, band_of)]) if reasons else ""
        res = _three(ok, unk)
        # near band: a small gap, closable by development within the horizon; lowest band: not
        short = np.where(is_near & ~unk, 1.0, np.where(~ok & ~unk, np.inf, 0.0))
        kinds = np.where(ok | is_near | unk, WAKTU, PENGEMBANGAN)
        chk.add("kompetensi", kinds, res, why, "rule_jpm_band (seleksi)", short)

    # age at appointment
    birth = dates(col("tanggal_lahir").to_numpy())
    birth.index = idx
    if "usia_maksimal" in p:
        limit = float(p["usia_maksimal"][0])
        last_day = plus_years(birth, limit)
        if p.get("usia_maksimal_cara", ("",))[0].strip().lower() == "genap":  # policy row: while the age is N
            last_day = plus_years(birth, limit + 1) - pd.Timedelta(days=1)
        unk = birth.isna().to_numpy()
        ok = (on_ts <= last_day).to_numpy() & ~unk
        if reasons:
            ages = age_on(birth, on) if (~unk).any() else pd.Series(pd.NA, index=idx)
        why = np.where(unk, "Tanggal lahir tidak tercatat.",
                       [f"Usia {a if pd.notna(a) else '–'} tahun pada {on:%d-%m-%Y}; "
                        f"paling tinggi {_fmt_years(limit).replace(',0', '')} tahun"
                        + ("." if o else " (batas terlewati).") for a, o in zip(ages, ok)]) if reasons else ""
        chk.add("usia", MUTLAK, _three(ok, unk), why, p["usia_maksimal"][1])

    # distance to BUP (at the target level), counted to the pension date (first of the month after BUP)
    if "jarak_bup_minimal_tahun" in p:
        gap = float(p["jarak_bup_minimal_tahun"][0])
        bup_t = rules.retirement.set_index("jenjang_jabatan")["usia_bup"]
        if jenjang_t in bup_t.index:
            bup_age = float(bup_t[jenjang_t])
            retire = pension_date(birth, bup_age)
            unk = birth.isna().to_numpy()
            ok = (plus_years(pd.Series(on_ts, index=idx, dtype="datetime64[us]"), gap) <= retire).to_numpy() & ~unk
            why = np.where(unk, "Tanggal lahir tidak tercatat.",
                           [f"Pensiun (BUP {int(bup_age)} tahun, {jenjang_t}) mulai "
                            f"{r:%d-%m-%Y}; paling sedikit {_fmt_years(gap)} tahun lagi."
                            if pd.notna(r) else "" for r in retire]) if reasons else ""
            chk.add("bup", MUTLAK, _three(ok, unk), why, p["jarak_bup_minimal_tahun"][1])
        else:
            chk.add("bup", MUTLAK, np.full(n, UNKNOWN), f"BUP jenjang {jenjang_t} tidak ada di rule_retirement.",
                    p["jarak_bup_minimal_tahun"][1])

    # disciplinary sanctions on the appointment date, and (where a level asks) none imposed lately
    if p.get("bebas_hukdis", ("",))[0].strip().lower() == "ya" or "hukdis_riwayat_tahun" in p:
        discipline_checks(chk, col, c["nip"].to_numpy(), p, rules, on, reasons)

    # field of study for technical posts
    if p.get("bidang_sesuai_teknis", ("",))[0].strip().lower() == "ya":
        req_text = target.get("bidang_pendidikan") if hasattr(target, "get") else None
        wanted = split_list(req_text) if isinstance(req_text, str) else []
        src = p["bidang_sesuai_teknis"][1]
        if not wanted:
            chk.add("bidang", MUTLAK, np.full(n, MEETS), "Jabatan ini tidak mensyaratkan bidang pendidikan tertentu.",
                    src)
        else:
            bd = col("pendidikan_bidang").astype(object)
            unk = _blank(bd)
            norm = {w.casefold() for w in wanted}
            ok = bd.map(lambda v: isinstance(v, str) and v.strip().casefold() in norm).to_numpy() & ~unk
            why = np.where(unk, "Bidang pendidikan tidak tercatat.",
                           [f"Bidang {b}; disyaratkan {', '.join(wanted)}." for b in bd]) if reasons else ""
            chk.add("bidang", MUTLAK, _three(ok, unk), why, src)

    checks = pd.concat(chk.rows, ignore_index=True) if chk.rows else pd.DataFrame(
        columns=["row", "aturan", "syarat", "jenis", "hasil", "alasan", "sumber", "kekurangan_tahun"])
    checks.insert(0, "nip", c["nip"].to_numpy()[checks["row"].to_numpy(dtype=int)])

    summary = decide_readiness(c, checks, kotak, rules, reasons)
    summary["jpm_target"] = jpm_t.round(2).to_numpy()
    summary["skor_talenta"] = talent_score(c, rules.score_weights).to_numpy()
    # fit to the post (the shortlist's second key, after readiness)
    summary["bidang_target"] = " / ".join(post_fields)
    summary["tahun_bidang"] = np.round(field_y["served"], 2) if post_fields else np.nan
    summary["sumber_karier"] = field_y["source"]
    seleksi = rules.jpm_bands[rules.jpm_bands["skema"] == "seleksi"]["batas_bawah"]
    jpm_top = float(seleksi.max()) if len(seleksi) else np.inf
    summary["kecocokan"] = fit.fit_level(summary["tahun_bidang"].to_numpy(dtype=float),
                                         summary["jpm_target"].to_numpy(dtype=float), rules.field_years, jpm_top)
    summary.index = idx
    return summary, checks.drop(columns="row")


def discipline_checks(chk: _Checks, col, nips: np.ndarray, p: dict, rules: SuccessionRules, on: date,
                      reasons: bool) -> None:
    """``hukdis``: no sanction in force on ``on`` (dated by :mod:`analytics.sanctions` when the candidates
    carry their sanctions, :data:`HISTORY_COLUMN`; else the frame's ``hukdis_aktif`` as read).
    ``hukdis_riwayat``: no sanction of ``hukdis_riwayat_tingkat`` imposed in the last
    ``hukdis_riwayat_tahun`` years (only where the target level has that row)."""
    history = col(HISTORY_COLUMN)
    dated = history.map(lambda v: isinstance(v, (tuple, list))).to_numpy(dtype=bool)
    sanctions = from_column(nips, history.to_numpy(dtype=object))
    if p.get("bebas_hukdis", ("",))[0].strip().lower() == "ya":
        hk = col("hukdis_aktif").astype(object).to_numpy()
        if dated.any():
            on_day = state_on(sanctions, nips, on, rules.discipline).to_numpy(dtype=object)
            hk = np.where(dated, on_day, hk)
        hk = pd.Series(hk, dtype=object)
        unk = _blank(hk)
        ok = (hk == NONE).to_numpy() & ~unk
        when = f"{on:%d-%m-%Y}"
        why = np.where(unk, "Data disiplin tidak tersedia.",
                       np.where(ok, f"Tidak ada hukuman disiplin yang berlaku pada {when}.",
                                [f"Hukuman disiplin {h} masih berlaku pada {when}." for h in hk])) if reasons else ""
        chk.add("hukdis", MUTLAK, _three(ok, unk), why, p["bebas_hukdis"][1])
    if "hukdis_riwayat_tahun" in p:
        years = float(p["hukdis_riwayat_tahun"][0])
        levels = split_list(p.get("hukdis_riwayat_tingkat", ("sedang;berat",))[0])
        latest = imposed_within(sanctions, nips, on, years, levels)
        hit = latest.notna().to_numpy() & dated
        unk = ~dated
        # the window closes when the latest such sanction is ``years`` old: a time gap
        closes = plus_years(latest.reset_index(drop=True), years)
        short = np.where(hit, (closes - pd.Timestamp(on)).dt.days.to_numpy(dtype=float) / 365.25, 0.0)
        span = _fmt_years(years).replace(",0", "")
        what = " atau ".join(levels)
        why = np.where(unk, "Riwayat hukuman disiplin tidak tersedia.",
                       [f"Hukuman disiplin {what} dijatuhkan {d:%d-%m-%Y}, dalam {span} tahun terakhir."
                        if h else f"Tidak ada hukuman disiplin {what} dalam {span} tahun terakhir."
                        for d, h in zip(latest, hit)]) if reasons else ""
        src = p["hukdis_riwayat_tahun"][1]
        chk.add("hukdis_riwayat", WAKTU, _three(~hit & dated, unk), why, src, short)
