"""Succession (the Suksesi page): rule frames, target posts, candidates (final boxes), shortlists,
bench strength and the shortlist workbook, read through the store.

Like ``ui/services.py``, every cached frame is shared between sessions: never mutate it.
Cache keys include the data version of the snapshot they were read in and the caller's scope.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date, datetime

import pandas as pd

from analytics import career as careers
from analytics import sanctions
from analytics import succession as sc
from common import fmt
from common.i18n import language, t
from data.store import Filters, Scope, Store
from reports.masking import Masking
from reports.workbook import workbook
from ui import services


def build_rules(store: Store, period: int) -> sc.SuccessionRules:
    """The rule frames eligibility reads, from the rule tables in force for ``period``."""
    rs = services.rules(period)
    return sc.SuccessionRules(
        eligibility=store.table("rule_eligibility"), retirement=store.table("rule_retirement"),
        job_level=store.table("job_level"), education=store.table("education_level"), predikat=rs.predikat,
        boxes=rs.boxes, skj=rs.skj, skj_codes=rs.skj_codes(), jpm_bands=rs.jpm_bands,
        predikat_pair=rs.predikat_pair, legacy_score=rs.legacy_score, jpm_cap=rs.jpm_cap,
        discipline=store.table("rule_discipline"), field_words=store.table("rule_bidang"),
        field_years=float(store.setting("bidang_tahun_cocok") or 5))


def rules(period: int) -> sc.SuccessionRules:
    """The succession rules in force for ``period``."""
    return build_rules(services.store(), period)


def target_posts(scope: Scope) -> pd.DataFrame:
    """The target posts within the scope (vacant or filled)."""
    return services.store().target_posts(scope)


def competency_names(period: int, rules: sc.SuccessionRules) -> dict[str, str]:
    """kode → name of the competencies of the SKJ."""
    named = rules.skj.merge(services.rules(period).competencies, on="kode")
    return dict(zip(named["kode"], named["nama"]))


@services.versioned_cache(max_entries=16)
def _candidates(_snap: Store, path: str, version: tuple, period: int, opd: tuple, jenis: tuple, asn: tuple,
                scope: tuple | None) -> tuple[pd.DataFrame, pd.DataFrame]:
    rules = build_rules(_snap, period)
    return _read_candidates(_snap, period, Filters(opd, jenis, asn), Scope(scope), _pool(period, opd, jenis, asn,
                                                                                         scope, rules), rules)


def _pool(period: int, opd: tuple, jenis: tuple, asn: tuple, scope: tuple | None,
          rules: sc.SuccessionRules) -> pd.DataFrame:
    """The placements of the succession pool (from the stored rows when there are, same snapshot)."""
    pool_boxes = rules.boxes.loc[rules.boxes["kelompok_suksesi"].astype(bool), "kotak"].astype(int).tolist()
    return sc.pool_only(services.pool_placements(period, Filters(opd, jenis, asn), Scope(scope), pool_boxes), rules)


def _read_candidates(snap: Store, period: int, filters: Filters, scope: Scope, pool: pd.DataFrame,
                     rules: sc.SuccessionRules) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(candidates, predikat history) of the people of ``pool`` (their placements): their population rows,
    performance history and dated sanctions, read for them only."""
    nips = pool["nip"].to_numpy()
    pop = snap.population(period, filters, nips=nips, scope=scope)
    years = int(float(rules.params("*").get("predikat_tahun", ("1", ""))[0]))
    history = snap.predikat_history(period, years, scope=scope, nips=nips)
    cand = sc.candidate_frame(pop, pool)
    # each candidate's sanctions with their dates: the checks date them on the appointment date
    found = snap.sanctions(period, scope, nips=nips)
    cand[sanctions.HISTORY_COLUMN] = sanctions.as_column(found, cand["nip"])
    return cand, history


@services.versioned_cache(max_entries=16)
def _ready_candidates(_snap: Store, path: str, version: tuple, period: int, opd: tuple, jenis: tuple, asn: tuple,
                      scope: tuple | None, levels: tuple) -> tuple[pd.DataFrame, pd.DataFrame]:
    rules = build_rules(_snap, period)
    pool = _pool(period, opd, jenis, asn, scope, rules)
    # box and current level first (two columns): only who passes both for a level can be ready now
    level = _snap.levels_of(period, pool["nip"].to_numpy()).set_index("nip")["jenjang_jabatan"]
    people = pd.DataFrame({"kotak": pool["kotak"].to_numpy(),
                           "jenjang_jabatan": pool["nip"].map(level).to_numpy(dtype=object)})
    pool = pool[sc.ready_now_possible(people, levels, rules)]
    return _read_candidates(_snap, period, Filters(opd, jenis, asn), Scope(scope), pool, rules)


def ready_candidates(period: int, filters: Filters, scope: Scope, levels) -> tuple[pd.DataFrame, pd.DataFrame]:
    """:func:`candidates` narrowed to those who could be Siap Sekarang for a post of one of ``levels``
    (:func:`analytics.succession.ready_now_possible`): their ready-now counts are those of all the
    candidates, their other readiness counts are not (use :func:`candidates` for those)."""
    with services.snapshot() as snap:
        return _ready_candidates(snap, str(snap.path), snap.version, period, filters.opd_ids,
                                 filters.jenis_jabatan, filters.jenis_asn, scope.opd_ids,
                                 tuple(sorted({str(lv) for lv in levels})))


def candidates(period: int, filters: Filters, scope: Scope) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(candidates, predikat history) of the succession pool (the boxes ``rule_box.kelompok_suksesi``)
    inside the scope and filters, read in one snapshot. Everyone else is Bukan Kandidat for any post."""
    with services.snapshot() as snap:
        return _candidates(snap, str(snap.path), snap.version, period, filters.opd_ids, filters.jenis_jabatan,
                           filters.jenis_asn, scope.opd_ids)


def _spans(snap: Store, pool: pd.DataFrame, period: int) -> pd.DataFrame:
    """Career spans of the pool: their position history, their current post where it has none."""
    history = snap.position_history(period, nips=pool["nip"].astype(str).tolist())
    return careers.spans(history, pool, careers.FieldWords(snap.table("rule_bidang")))


@services.versioned_cache(max_entries=16)
def _career(_snap: Store, path: str, version: tuple, period: int, key: str, _pool: pd.DataFrame) -> pd.DataFrame:
    return _spans(_snap, _pool, period)


def career_spans(pool: pd.DataFrame, period: int) -> pd.DataFrame:
    """The pool's career spans (:func:`analytics.career.spans`), cached per data version and pool."""
    key = hashlib.sha1("\n".join(sorted(pool["nip"].astype(str))).encode()).hexdigest()
    with services.snapshot() as snap:
        return _career(snap, str(snap.path), snap.version, period, key, pool)


@services.versioned_cache(max_entries=16)
def _bench(_snap: Store, path: str, version: tuple, period: int, opd: tuple, jenis: tuple, asn: tuple,
           scope: tuple | None, on: date) -> pd.DataFrame:
    cand, hist = _candidates(_snap, path, version, period, opd, jenis, asn, scope)
    rules = build_rules(_snap, period)
    spans = _spans(_snap, sc.pool_only(cand, rules), period)
    return sc.bench_strength(_snap.target_posts(Scope(scope)), cand, rules, on, period, hist, career=spans)


def bench(period: int, filters: Filters, scope: Scope, on: date) -> pd.DataFrame:
    with services.snapshot() as snap:
        return _bench(snap, str(snap.path), snap.version, period, filters.opd_ids, filters.jenis_jabatan,
                      filters.jenis_asn, scope.opd_ids, on)


def shortlists(period: int, filters: Filters, scope: Scope, on: date, limit: int = 10,
               vacant_only: bool = True) -> dict[str, pd.DataFrame]:
    """Per target post (``jabatan``), its ranked shortlist head as the Suksesi page computes it."""
    with services.snapshot() as s:  # posts, rules and candidates from one state
        cand, hist = candidates(period, filters, scope)
        rules = build_rules(s, period)
        posts = s.target_posts(scope)
    pool = sc.pool_only(cand, rules)
    spans = career_spans(pool, period)
    people = cand.set_index("nip")[["nama", "gelar_depan", "gelar_belakang", "jabatan", "jenjang_jabatan", "opd_nama"]]
    out: dict[str, pd.DataFrame] = {}
    for post in (posts[posts["lowong"]] if vacant_only else posts).to_dict("records"):
        ranked, _ = sc.ranked_with_reasons(pool[pool["nip"] != post.get("pemangku_nip")], post, rules, on, period,
                                           hist, limit=limit, career=spans)
        ranked = ranked.head(limit).join(people, on="nip")
        out[str(post["jabatan"])] = ranked[["peringkat", "nama", "nip", "jabatan", "jenjang_jabatan", "opd_nama",
                                            "kotak", "skor_talenta", "jpm_target", "kesiapan", "alasan",
                                            "alasan_urutan"]]
    return out


@dataclass(frozen=True)
class Shortlist:
    """One post's ranking: every ranked candidate, the checks of the head, and the head shown."""
    ranked: pd.DataFrame    # peringkat, nip, kesiapan, skor_talenta, ... with jabatan, opd_nama, usia
    checks: pd.DataFrame    # one row per (nip, syarat) of the head
    shown: pd.DataFrame     # the head, with nama_lengkap
    people: pd.DataFrame    # the pool indexed by NIP (copy-on-write: no copy)

    @property
    def ready(self) -> pd.Series:
        """Candidates per readiness label."""
        return self.ranked["kesiapan"].value_counts()


def shortlist(pool: pd.DataFrame, history: pd.DataFrame, post: dict, rules: sc.SuccessionRules, on: date,
              period: int, limit: int) -> Shortlist:
    """The ranked shortlist of ``post`` (its holder left out), reasons for the first ``limit``; the order
    and ``alasan_urutan`` (one line per candidate) read the pool's position history."""
    ranked, checks = sc.ranked_with_reasons(pool[pool["nip"] != post.get("pemangku_nip")], post, rules, on, period,
                                            history, limit=limit, career=career_spans(pool, period))
    people = pool.set_index("nip")
    ranked = ranked.join(people[["jabatan", "jenjang_jabatan", "opd_nama", "usia"]], on="nip")
    shown = ranked.head(limit)
    who = people.loc[shown["nip"]]
    shown = shown.assign(nama_lengkap=[fmt.full_name(n, d, b) for n, d, b in zip(
        who["nama"], who["gelar_depan"], who["gelar_belakang"])])
    return Shortlist(ranked, checks, shown, people)


def shortlist_workbook(table: pd.DataFrame, checks: pd.DataFrame, nips: pd.Series, ready: pd.Series, post: dict,
                       params: dict, on: date, period: int, exporter: str, masking: Masking,
                       synthetic: bool = False) -> bytes:
    """The shortlist as the page shows it (``table``: the head after the privacy switch; ``nips``: its
    real NIPs), the checks behind it and the rules used, every sheet through ``masking`` (captured in the
    page run: this runs on the click)."""
    sheet = table[["peringkat", "nama_lengkap", "nip", "jabatan", "opd_nama", "kotak", "skor_talenta",
                   "jpm_target", "kesiapan", "alasan_urutan", "alasan"]].rename(columns={"nama_lengkap": "nama",
                                                                                          "opd_nama": "opd"})
    # the rules' wording and values; their sources are for admins, on Aturan & sumber, not in a leader's file
    # ``syarat`` names each check in words: its code (``aturan``) stays out of the file
    detail = checks[checks["nip"].isin(nips)].drop(columns=["kekurangan_tahun", "sumber", "aturan"], errors="ignore")
    used = pd.DataFrame([(_param(k), v[0]) for k, v in params.items()], columns=["parameter", "nilai"])
    return workbook({t("label.sheet.shortlist"): sheet, t("label.sheet.checks"): detail, t("label.sheet.rules"): used},
                    t("suk.export_title", post=post["jabatan"]), [
                        (t("suk.level"), post["jenjang_jabatan"]), (t("col.opd"), _given(post.get("opd_nama"), fmt.MISSING)),
                        (t("suk.status"), t("suk.vacant") if post["lowong"] else t("suk.filled")),
                        (t("suk.field_list"), _given(post.get("bidang_pendidikan"), t("suk.any"))),
                        (t("suk.on"), fmt.tanggal(on, language())), (t("suk.export_period"), str(period)),
                        *[(k, str(int(ready.get(k, 0)))) for k in sc.READINESS[:3]],
                        (t("suk.export_made"), f"{fmt.tanggal(datetime.now().date(), language())} · {exporter}")],
                    masking=masking, synthetic=synthetic)


def _given(value: object, otherwise: str) -> str:
    """A post's text field, or ``otherwise`` when it has none (never "nan")."""
    return otherwise if value is None or pd.isna(value) or not str(value).strip() else str(value)


def readings(rules: sc.SuccessionRules, level: str, rows: pd.DataFrame, lang: str | None = None) -> list[str]:
    """The readings of the rules where the texts allow two (``rule_reading``, in its order), each one
    line in the user's language with the values in force for ``level``; a reading whose rule has no
    row for the level is left out."""
    p = rules.params(level)
    lang = lang or language()
    out = []
    for kode in rows.sort_values("urutan")["kode"]:
        key, kw = f"suk.rule_{kode}", {}
        if kode == "pensiun_tmt":
            kw = {"gap": p.get("jarak_bup_minimal_tahun", ("1",))[0]}
        elif kode == "usia_56":
            if "usia_maksimal" not in p:
                continue
            limit = int(float(p["usia_maksimal"][0]))
            kw = {"limit": limit, "next": limit + 1}
            if p.get("usia_maksimal_cara", ("",))[0].strip().lower() == "genap":
                key = "suk.rule_usia_56_genap"
        elif kode == "hukdis_ringan":
            d = rules.discipline
            months = d.loc[d["tingkat"] == "ringan", "lama_bulan"] if d is not None else pd.Series(dtype=float)
            if months.empty or pd.isna(months.iloc[0]):
                key = "suk.rule_hukdis_ringan_open"
            else:
                kw = {"months": int(months.iloc[0])}
        elif kode == "hukdis_riwayat":
            if "hukdis_riwayat_tahun" not in p:
                continue
            kw = {"level": level, "years": fmt.num(float(p["hukdis_riwayat_tahun"][0]), 0, lang),
                  "levels": p.get("hukdis_riwayat_tingkat", ("sedang;berat",))[0].replace(";", "/")}
        elif kode == "masih_memenuhi":
            bands = rules.jpm_bands[rules.jpm_bands["skema"] == "seleksi"].sort_values("batas_bawah",
                                                                                        ascending=False)
            if len(bands) < 2:
                continue
            kw = {"band": bands["label"].iloc[1], "lo": fmt.num(float(bands["batas_bawah"].iloc[1]), 0, lang),
                  "hi": fmt.num(float(bands["batas_bawah"].iloc[0]), 0, lang)}
            if p.get("jpm_pita_kedua", ("",))[0].strip().lower() == "memenuhi":
                key = "suk.rule_masih_memenuhi_pass"
        out.append(t(key, lang=lang, **kw))
    return out


def rule_readings(rules: sc.SuccessionRules, level: str) -> list[str]:
    """:func:`readings` of the rule rows in the store."""
    return readings(rules, level, services.store().table("rule_reading"))


def has_position_history() -> bool:
    """Whether any position history (riwayat jabatan) is imported; without it the feeder and field years
    come from the current post only."""
    return services.store().position_history_count() > 0


def _param(name: str) -> str:
    """A rule parameter in words (``label.param.*``), never its code."""
    key = f"label.param.{name}"
    text = t(key)
    return name.replace("_", " ").capitalize() if text == key else text
