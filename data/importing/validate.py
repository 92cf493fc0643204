"""Validation: a read table + a column mapping → the rows to store, and every complaint.

Errors (``galat``) block the import; warnings (``peringatan``) do not. Each issue names the
source row (as numbered in the spreadsheet) and the column as headed in the file, with an
Indonesian message. Problems with the file as a whole raise :class:`Rejected`, or (for a
mapping the user can still fix) come back as file-level issues without a row number.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from typing import Collection

import numpy as np
import pandas as pd

from analytics.nip import parse_nips
from data.importing import normalise as nz
from data.importing.errors import Rejected
from data.importing.fields import KIND_LABELS, PERIOD_KINDS, field_map, header_key
from data.importing.mapping import ignored_columns, missing_required
from data.importing.reader import RawTable

ERROR, WARNING = "galat", "peringatan"
ISSUE_COLUMNS = ["baris", "kolom", "tingkat", "pesan"]
MSG_NO_ROWS = "Berkas '{name}' tidak berisi baris data di bawah judul kolom (baris {row})."
MAX_PERIOD, MIN_PERIOD = 2100, 1990


@dataclass
class Reference:
    """What validation needs to know about the database (read once per import)."""

    period_status: dict[int, str] = field(default_factory=dict)   # period → 'terbuka' / 'ditetapkan'
    # NIPs of the import period / every NIP in asn: a set, or a text column (Store.import_reference)
    personnel_nips: Collection[str] = field(default_factory=set)
    known_nips: Collection[str] = field(default_factory=set)
    opd: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=["opd_id", "nama", "singkatan"]))
    levels: dict[str, str] = field(default_factory=dict)          # jenjang_jabatan → jenis_jabatan
    predikat: list[str] = field(default_factory=list)
    predikat_pairs: dict[tuple[str, str], str] = field(default_factory=dict)
    education: list[str] = field(default_factory=list)


@dataclass
class Outcome:
    kind: str
    period: int | None
    table: RawTable
    mapping: dict[int, str]
    frames: dict[str, pd.DataFrame]
    issues: pd.DataFrame
    rows: int
    scope: dict = field(default_factory=dict)
    preview: pd.DataFrame = field(default_factory=pd.DataFrame)
    ignored: list[str] = field(default_factory=list)

    @property
    def errors(self) -> int:
        return int((self.issues["tingkat"] == ERROR).sum())

    @property
    def warnings(self) -> int:
        return int((self.issues["tingkat"] == WARNING).sum())

    @property
    def ok(self) -> bool:
        return self.errors == 0 and self.rows > 0 and bool(self.frames)

    def messages(self, limit: int | None = None) -> list[str]:
        """'Baris 7, kolom NIP: …' lines, errors first."""
        iss = self.issues.sort_values("tingkat", key=lambda s: s.ne(ERROR), kind="stable")
        out = []
        for r in iss.head(limit).itertuples(index=False):
            where = []
            if not pd.isna(r.baris):
                where.append(f"Baris {int(r.baris)}")
            if r.kolom:
                where.append(f"kolom {r.kolom}")
            prefix = ", ".join(where)
            tag = "" if r.tingkat == ERROR else "Peringatan: "
            out.append(f"{prefix}: {tag}{r.pesan}" if prefix else f"{tag}{r.pesan}")
        return out


class Issues:
    def __init__(self):
        self._parts: list[pd.DataFrame] = []

    def add(self, messages: pd.Series, column: str | None, severity: str = ERROR) -> None:
        m = messages.dropna()
        if m.empty:
            return
        self._parts.append(pd.DataFrame({"baris": m.index.to_numpy(dtype="int64"), "kolom": column or "",
                                         "tingkat": severity, "pesan": m.astype(str).to_numpy()}))

    def file(self, message: str, severity: str = ERROR, column: str | None = None) -> None:
        self._parts.append(pd.DataFrame({"baris": [pd.NA], "kolom": [column or ""], "tingkat": [severity],
                                         "pesan": [message]}))

    def frame(self) -> pd.DataFrame:
        if not self._parts:
            return pd.DataFrame({"baris": pd.Series([], dtype="Int64"), "kolom": pd.Series([], dtype=object),
                                 "tingkat": pd.Series([], dtype=object), "pesan": pd.Series([], dtype=object)})
        f = pd.concat(self._parts, ignore_index=True)
        f["baris"] = f["baris"].astype("Int64")
        return f.sort_values("baris", na_position="first", kind="stable").reset_index(drop=True)


def _where(cond: pd.Series | np.ndarray, message, index: pd.Index) -> pd.Series:
    """Messages (a constant or a Series on ``index``) of the rows where ``cond`` holds."""
    cond = np.asarray(cond, dtype=bool)
    if isinstance(message, pd.Series):
        return message[cond]
    return pd.Series(message, index=index[cond], dtype=object)


def _choose(cond: pd.Series, a: pd.Series, b: pd.Series) -> pd.Series:
    """``a`` where ``cond`` holds, else ``b`` (either may be a categorical)."""
    return nz.compact(a.astype(object).where(cond, b.astype(object)))


def _dates(values: pd.Series) -> pd.Series:
    if values.dtype == "datetime64[s]":
        return values
    return pd.to_datetime(values, errors="coerce").astype("datetime64[s]")


class _Ctx:
    """Raw columns by field, with the header each came from."""

    def __init__(self, table: RawTable, kind: str, mapping: dict[int, str], constants: dict[str, object]):
        self.kind = kind
        self.fields = field_map(kind)
        self.raw: dict[str, pd.Series] = {}
        self.header: dict[str, str] = {}
        for pos, name in sorted(mapping.items()):
            if name and name in self.fields and name not in self.raw and pos in table.rows.columns:
                self.raw[name] = table.rows[pos]
                self.header[name] = table.headers[pos]
        for name, value in (constants or {}).items():
            if name in self.fields and name not in self.raw and value not in (None, ""):
                self.raw[name] = pd.Series(value, index=table.rows.index, dtype=object)
                self.header[name] = f"{self.fields[name].label} (nilai tetap)"

    def has(self, name: str) -> bool:
        return name in self.raw

    def col(self, name: str) -> str:
        return self.header.get(name) or self.fields[name].label


def validate(table: RawTable, kind: str, mapping: dict[int, str], period: int | None, ref: Reference,
             constants: dict[str, object] | None = None) -> Outcome:
    """Check every row of ``table`` as ``kind`` with ``mapping``; build the frames to write."""
    constants = constants or {}
    issues = Issues()
    ignored = ignored_columns(table.headers, mapping)
    missing = [m for m in missing_required(kind, {**mapping, **{-i - 1: f for i, f in enumerate(constants)
                                                               if constants[f] not in (None, "")}})]
    base = dict(kind=kind, table=table, mapping=dict(mapping), ignored=ignored)
    if missing:
        for label in missing:
            issues.file(f"Kolom wajib '{label}' tidak ditemukan. Petakan kolom yang sesuai, atau gunakan "
                        f"templat {KIND_LABELS[kind]}.")
        return Outcome(period=period, frames={}, issues=issues.frame(), rows=0, **base)

    ctx = _Ctx(table, kind, mapping, constants)
    rows = table.rows
    if len(rows):
        mapped = [ctx.raw[f] for f in ctx.raw if not ctx.header[f].endswith("(nilai tetap)")]
        keep = np.zeros(len(rows), dtype=bool)
        for s in mapped:
            keep |= ~nz.blank_mask(s)
        # a header row repeated further down (page breaks of an export)
        first = next(iter(ctx.raw))
        keep &= ~nz.key_equals(ctx.raw[first], header_key(ctx.header[first]))
        index = rows.index
        if not keep.all():
            ctx.raw = {k: v[keep] for k, v in ctx.raw.items()}
            index = index[keep]
    else:
        index = rows.index
    del rows
    if len(index) == 0:
        raise Rejected(MSG_NO_ROWS.format(name=table.file_name, row=table.header_rows[-1]))

    period = _resolve_period(ctx, kind, period, ref, issues, index)
    builder = {"personnel": _personnel, "performance": _performance, "assessment": _assessment,
               "discipline": _discipline, "target-posts": _target_posts}[kind]
    with nz.compact_values():       # text columns as categoricals: a national file fits in memory
        frames, scope, preview = builder(ctx, index, period, ref, issues)
    return Outcome(period=period, frames=frames, issues=issues.frame(), rows=len(index), scope=scope,
                   preview=preview, **base)


def _resolve_period(ctx: _Ctx, kind: str, period: int | None, ref: Reference, issues: Issues,
                    index: pd.Index) -> int | None:
    if kind not in PERIOD_KINDS:
        return None
    if ctx.has("periode"):
        vals, msgs = nz.norm_decimal(ctx.raw["periode"], MIN_PERIOD, MAX_PERIOD, integer=True)
        issues.add(msgs, ctx.col("periode"))
        found = sorted({int(v) for v in vals.dropna()})
        if len(found) > 1:
            raise Rejected(f"Berkas berisi beberapa periode ({', '.join(map(str, found))}); impor satu periode "
                           "per berkas.")
        if found:
            if period is not None and int(period) != found[0]:
                raise Rejected(f"Kolom {ctx.col('periode')} berisi {found[0]}, sedangkan periode yang dipilih "
                               f"{period}. Samakan keduanya.")
            period = found[0]
    if period is None:
        raise Rejected("Periode belum ditentukan: pilih periode (di baris perintah: --period TAHUN) atau "
                       "tambahkan kolom Periode.")
    period = int(period)
    if not MIN_PERIOD <= period <= MAX_PERIOD:
        raise Rejected(f"Periode {period} tidak masuk akal (harus tahun {MIN_PERIOD}–{MAX_PERIOD}).")
    if ref.period_status.get(period) == "ditetapkan":
        raise Rejected(f"Periode {period} sudah ditetapkan; datanya tidak dapat diubah lewat impor.")
    if kind in ("performance", "assessment") and len(ref.personnel_nips) == 0:
        raise Rejected(f"Belum ada data kepegawaian periode {period}. Impor data kepegawaian periode itu "
                       "lebih dulu.")
    return period


# -- shared checks -------------------------------------------------------------------------------

NIP_CHUNK = 250_000     # rows per parse_nips call: its working arrays are ~300 bytes a row


def _parse_nips(raw: pd.Series) -> pd.DataFrame:
    """parse_nips (row by row rules) a slice at a time, so that a national file needs no more
    than a slice's working memory."""
    if len(raw) <= NIP_CHUNK:
        parsed = parse_nips(raw)
    else:
        parsed = pd.concat([parse_nips(raw.iloc[i:i + NIP_CHUNK]) for i in range(0, len(raw), NIP_CHUNK)])
    for c in ("jenis_kelamin", "jenis_asn"):       # two values each: a byte a row, not a string
        parsed[c] = nz.compact_text(parsed[c])
    return parsed


def _nip(ctx: _Ctx, issues: Issues, index: pd.Index, name: str = "nip", required: bool = True) -> pd.DataFrame:
    raw = ctx.raw.get(name, pd.Series(None, index=index, dtype=object))
    parsed = _parse_nips(raw)
    bad = ~parsed["valid"].to_numpy(dtype=bool)
    if not required:
        bad &= ~nz.blank_mask(raw)
    issues.add(parsed["kesalahan"].where(bad), ctx.col(name))
    return parsed


def _duplicates(keys: pd.Series, valid: np.ndarray, what: str, issues: Issues, column: str) -> None:
    """Error on every row whose key appears more than once among valid rows."""
    k = keys[valid]
    dup = nz.repeated(k)
    if not dup.any():
        return
    d = k[dup]
    d = pd.Series(d.to_numpy(dtype=object), index=d.index, dtype=object)    # the few repeated keys
    rows_of = d.groupby(d, sort=False).apply(lambda s: ", ".join(str(i) for i in s.index))
    msg = d.map(lambda v: f"{what.format(v=v)} muncul lebih dari sekali dalam berkas (baris {rows_of[v]}).")
    issues.add(msg, column)


def _text(ctx, name, issues, index, required=False, max_len=500) -> pd.Series:
    if not ctx.has(name):
        return pd.Series(None, index=index, dtype=object)
    vals, msgs = nz.norm_text(ctx.raw[name], max_len)
    issues.add(msgs, ctx.col(name))
    if required:
        issues.add(_where(vals.isna() & msgs.isna(), f"{ctx.fields[name].label} wajib diisi.", index), ctx.col(name))
    return vals


def _date(ctx, name, issues, index, required=False) -> pd.Series:
    """Dates of a column as datetime64[s] (NaT when empty or unreadable)."""
    if not ctx.has(name):
        return pd.Series(np.full(len(index), np.datetime64("NaT", "s")), index=index)
    vals, msgs = nz.norm_date_days(ctx.raw[name])
    issues.add(msgs, ctx.col(name))
    if required:
        issues.add(_where(vals.isna() & msgs.isna(), f"{ctx.fields[name].label} wajib diisi.", index), ctx.col(name))
    return vals


def _number(ctx, name, issues, index, integer=False) -> pd.Series:
    if not ctx.has(name):
        return pd.Series(np.nan, index=index)
    f = ctx.fields[name]
    vals, msgs = nz.norm_decimal(ctx.raw[name], f.lo, f.hi, integer=integer)
    issues.add(msgs, ctx.col(name))
    return vals


def _apply(ctx, name, fn, issues, index, *args) -> pd.Series:
    if not ctx.has(name):
        return pd.Series(None, index=index, dtype=object)
    vals, msgs = fn(ctx.raw[name], *args)
    issues.add(msgs, ctx.col(name))
    return vals


def _unknown_nip(parsed: pd.DataFrame, known: Collection[str], message: str, issues: Issues, column: str) -> None:
    valid = parsed["valid"].to_numpy(dtype=bool)
    nips = parsed["nip"]
    unknown = valid & ~nips.isin(known).to_numpy(dtype=bool)
    if unknown.any():
        issues.add(nips[unknown].map(lambda v: message.format(v=v), na_action="ignore"), column)


def _opd_key(name: str) -> str:
    k = header_key(name)
    for suffix in ("pemerintahkotaserang", "kotaserang"):
        if k.endswith(suffix) and len(k) > len(suffix):
            k = k[: -len(suffix)]
    return k


def _kelompok(name: str) -> str:
    k = name.lower()
    for prefix, group in (("kecamatan", "kecamatan"), ("kelurahan", "kecamatan"), ("dinas", "dinas"),
                          ("badan", "badan"), ("sekretariat", "sekretariat")):
        if k.startswith(prefix):
            return group
    return "lainnya"


def resolve_opd(names: pd.Series, ref_opd: pd.DataFrame, issues: Issues, column: str
                ) -> tuple[pd.Series, pd.DataFrame]:
    """OPD id per row (matching name, abbreviation or id, case and punctuation ignored); OPDs
    not yet known are added (a warning lists them)."""
    lookup: dict[str, str] = {}
    for r in ref_opd.itertuples(index=False):
        for v in (r.opd_id, r.nama, getattr(r, "singkatan", None)):
            if isinstance(v, str) and v.strip():
                lookup.setdefault(_opd_key(v), r.opd_id)
    taken = set(ref_opd["opd_id"].astype(str))
    new_rows = []
    # in order of first appearance; a categorical's codes, not a Python object a row
    codes, uniques = pd.factorize(names if names.dtype == "category" else names.to_numpy(dtype=object),
                                  use_na_sentinel=True)
    ids = []
    for u in uniques:
        key = _opd_key(u)
        if key in lookup:
            ids.append(lookup[key])
            continue
        base = "-".join(re.findall(r"[A-Za-z0-9]+", nz.text(u))).upper()[:40] or "OPD"
        oid, n = base, 2
        while oid in taken:
            oid, n = f"{base[:37]}-{n}", n + 1
        taken.add(oid)
        lookup[key] = oid
        ids.append(oid)
        new_rows.append({"opd_id": oid, "nama": nz.text(u), "singkatan": None, "kelompok": _kelompok(nz.text(u))})
    out = nz.column(np.array(ids + [None], dtype=object), codes, names.index)
    new = pd.DataFrame(new_rows, columns=["opd_id", "nama", "singkatan", "kelompok"])
    if len(new):
        listing = ", ".join(new["nama"].head(10)) + (f", dan {len(new) - 10} lainnya" if len(new) > 10 else "")
        issues.file(f"Perangkat daerah baru akan ditambahkan: {listing}. Periksa ejaannya bila seharusnya "
                    "sudah ada.", WARNING, column)
    return out, new


def _fmt(d) -> str:
    return "" if d is None or pd.isna(d) else nz.fmt_date(pd.Timestamp(d).date())


# -- kinds ---------------------------------------------------------------------------------------

def _personnel(ctx: _Ctx, index: pd.Index, period: int, ref: Reference, issues: Issues):
    p = _nip(ctx, issues, index)
    valid = p["valid"].to_numpy(dtype=bool)
    _duplicates(p["nip"], valid, "NIP {v}", issues, ctx.col("nip"))

    nama = _text(ctx, "nama", issues, index, required=True, max_len=200)
    gelar_depan = _text(ctx, "gelar_depan", issues, index, max_len=100)
    gelar_belakang = _text(ctx, "gelar_belakang", issues, index, max_len=100)
    opd_name = _text(ctx, "opd", issues, index, required=True, max_len=200)
    unit = _text(ctx, "unit_kerja", issues, index, max_len=300)
    jabatan = _text(ctx, "jabatan", issues, index, required=True, max_len=300)

    eselon = _apply(ctx, "eselon", nz.norm_eselon, issues, index)
    jenjang, jmsg, jwarn = nz.derive_jenjang(ctx.raw.get("jenjang_jabatan"), ctx.raw.get("jenis_jabatan"),
                                             ctx.raw.get("eselon"), jabatan, list(ref.levels), index)
    jcol = next((ctx.col(n) for n in ("jenjang_jabatan", "jenis_jabatan", "eselon") if ctx.has(n)), "Jenjang Jabatan")
    issues.add(jmsg, jcol)
    issues.add(jwarn, jcol, WARNING)
    jenis_jabatan = nz.map_unique(jenjang, ref.levels.get)

    golongan = _apply(ctx, "golongan", nz.norm_golongan, issues, index)
    if ctx.has("golongan"):
        gkind = nz.map_unique(golongan, nz.golongan_kind)
        asn_kind = p["jenis_asn"]
        pns_bad = valid & (asn_kind == "PNS").to_numpy() & (gkind == "PPPK").to_numpy()
        pppk_bad = valid & (asn_kind == "PPPK").to_numpy() & (gkind == "PNS").to_numpy()
        issues.add(golongan[pns_bad].map(
            lambda g: f"Golongan PNS harus lengkap dengan ruang (misalnya III/a), bukan '{g}'.",
            na_action="ignore"), ctx.col("golongan"))
        issues.add(golongan[pppk_bad].map(
            lambda g: f"NIP ini NI PPPK: golongan PPPK berupa angka Romawi I–XVII, bukan '{g}'.",
            na_action="ignore"), ctx.col("golongan"))

    tmt_gol = _date(ctx, "tmt_golongan", issues, index)
    tmt_jab = _date(ctx, "tmt_jabatan", issues, index)
    tmt_cpns = _date(ctx, "tmt_cpns", issues, index)

    tingkat = _apply(ctx, "pendidikan_tingkat", nz.norm_pendidikan, issues, index, ref.education)
    if ctx.has("pendidikan_bidang"):
        bidang, tingkat_from_bidang = nz.strip_pendidikan(ctx.raw["pendidikan_bidang"])
        tingkat_from_bidang = tingkat_from_bidang.where(tingkat_from_bidang.isin(ref.education))
        tingkat = _choose(tingkat.notna(), tingkat, tingkat_from_bidang)
        bidang = nz.map_unique(bidang, lambda s: s[:200] if isinstance(s, str) else None)
    elif ctx.has("pendidikan_tingkat"):     # 'S-1 Keperawatan' in a level column: keep the field too
        bidang, _ = nz.strip_pendidikan(ctx.raw["pendidikan_tingkat"])
        bidang = nz.map_unique(bidang.where(tingkat.notna()), lambda s: s[:200] if isinstance(s, str) else None)
    else:
        bidang = pd.Series(None, index=index, dtype=object)
    status = _apply(ctx, "status_kepegawaian", nz.norm_status, issues, index)

    # cross-checks against what the NIP says (warnings: the NIP wins)
    birth_nip = p["tanggal_lahir"]
    if ctx.has("tanggal_lahir"):
        lahir = _date(ctx, "tanggal_lahir", issues, index)
        ld = _dates(lahir)
        diff = valid & ld.notna().to_numpy() & (ld != birth_nip).to_numpy()
        if diff.any():
            msg = pd.Series([f"Tanggal lahir {_fmt(a)} berbeda dengan tanggal lahir menurut NIP ({_fmt(b)}); "
                             "yang disimpan tanggal menurut NIP." for a, b in zip(ld[diff], birth_nip[diff])],
                            index=index[diff], dtype=object)
            issues.add(msg, ctx.col("tanggal_lahir"), WARNING)
    if ctx.has("jenis_kelamin"):
        jk = _apply(ctx, "jenis_kelamin", nz.norm_sex, issues, index)
        diff = valid & jk.notna().to_numpy() & ~nz.same_values(jk, p["jenis_kelamin"])
        issues.add(_where(diff, nz.map_unique(jk, lambda s: f"Jenis kelamin '{s}' berbeda dengan digit ke-15 NIP; yang "
                                                 "disimpan menurut NIP."), index),
                   ctx.col("jenis_kelamin"), WARNING)
    if ctx.has("jenis_asn"):
        ja = _apply(ctx, "jenis_asn", nz.norm_jenis_asn, issues, index)
        diff = valid & ja.notna().to_numpy() & ~nz.same_values(ja, p["jenis_asn"])
        if diff.any():
            msg = pd.Series([f"Jenis ASN '{a}' berbeda dengan NIP ({b}); yang disimpan menurut NIP."
                             for a, b in zip(ja[diff], p["jenis_asn"][diff])], index=index[diff], dtype=object)
            issues.add(msg, ctx.col("jenis_asn"), WARNING)
    cpns_nip = p["tmt_cpns"]
    tmt_cpns_d = _dates(tmt_cpns)
    if ctx.has("tmt_cpns"):
        diff = valid & tmt_cpns_d.notna().to_numpy() & cpns_nip.notna().to_numpy() & \
            (tmt_cpns_d.dt.to_period("M") != cpns_nip.dt.to_period("M")).to_numpy()
        issues.add(_where(diff, "Bulan TMT CPNS berbeda dengan digit 9–14 NIP.", index), ctx.col("tmt_cpns"), WARNING)
    tmt_cpns_d = tmt_cpns_d.where(tmt_cpns_d.notna(), cpns_nip)

    opd_id, new_opd = resolve_opd(opd_name, ref.opd, issues, ctx.col("opd"))

    asn = pd.DataFrame({
        "nip": p["nip"], "nama": nama, "gelar_depan": gelar_depan, "gelar_belakang": gelar_belakang,
        "tanggal_lahir": birth_nip, "jenis_kelamin": p["jenis_kelamin"], "jenis_asn": p["jenis_asn"],
    }, index=index)
    asn_period = pd.DataFrame({
        "period": np.full(len(index), period, dtype=np.int64), "nip": p["nip"], "jabatan": jabatan,
        "jenis_jabatan": jenis_jabatan, "jenjang_jabatan": jenjang, "eselon": eselon, "opd_id": opd_id,
        "unit_kerja": unit, "golongan": golongan, "tmt_golongan": _dates(tmt_gol), "tmt_jabatan": _dates(tmt_jab),
        "tmt_cpns": tmt_cpns_d, "pendidikan_tingkat": tingkat, "pendidikan_bidang": bidang,
        "status_kepegawaian": status,
    }, index=index)
    frames = {"asn": asn, "asn_period": asn_period}
    if len(new_opd):
        frames["opd"] = new_opd
    if period not in ref.period_status:
        frames["period"] = pd.DataFrame({"period": [period], "label": [f"Periode {period}"],
                                         "status": ["terbuka"]})
    preview = pd.concat([asn[["nip", "nama"]], asn_period.drop(columns=["period", "nip"])], axis=1)
    preview["opd"] = opd_name
    return frames, {}, preview


def _performance(ctx: _Ctx, index: pd.Index, period: int, ref: Reference, issues: Issues):
    p = _nip(ctx, issues, index)
    valid = p["valid"].to_numpy(dtype=bool)
    _duplicates(p["nip"], valid, "NIP {v}", issues, ctx.col("nip"))
    _unknown_nip(p, ref.personnel_nips, "NIP {v} tidak ada dalam data kepegawaian periode " + str(period)
                 + ". Impor data kepegawaian periode itu lebih dulu, atau periksa NIP-nya.", issues, ctx.col("nip"))
    predikat = _apply(ctx, "predikat", nz.norm_predikat, issues, index, ref.predikat)
    hasil = _apply(ctx, "hasil_kerja", nz.norm_rating, issues, index)
    perilaku = _apply(ctx, "perilaku", nz.norm_rating, issues, index)
    legacy = _number(ctx, "nilai_legacy", issues, index)
    extra = {n: _number(ctx, n, issues, index) for n in ("penghargaan", "penugasan_tim", "umpan_balik")}

    raw_blank = {n: (pd.Series(nz.blank_mask(ctx.raw[n]), index=index) if ctx.has(n) else pd.Series(True, index=index))
                 for n in ("predikat", "hasil_kerja", "perilaku", "nilai_legacy")}
    one_rating = raw_blank["hasil_kerja"] ^ raw_blank["perilaku"]
    no_predikat = raw_blank["predikat"]
    issues.add(_where(no_predikat & one_rating, "Rating hasil kerja dan rating perilaku kerja harus diisi "
                      "keduanya.", index), ctx.col("hasil_kerja") if ctx.has("hasil_kerja") else ctx.col("perilaku"))
    nothing = no_predikat & (raw_blank["hasil_kerja"] | raw_blank["perilaku"]) & raw_blank["nilai_legacy"] & ~one_rating
    issues.add(_where(nothing, "Predikat kinerja kosong: isi Predikat Kinerja, atau kedua rating, atau Nilai SKP.",
                      index), ctx.col("predikat") if ctx.has("predikat") else "")
    if ctx.has("predikat") and ctx.has("hasil_kerja") and ctx.has("perilaku"):
        implied = pd.Series([ref.predikat_pairs.get((h, b)) if isinstance(h, str) and isinstance(b, str) else None
                             for h, b in zip(hasil, perilaku)], index=index, dtype=object)
        diff = predikat.notna() & implied.notna() & (predikat != implied)
        msg = pd.Series([f"Predikat '{a}' tidak sesuai dengan rating hasil kerja '{h}' dan perilaku '{b}' "
                         f"(seharusnya {c}); yang dipakai predikat." if d else None
                         for a, h, b, c, d in zip(predikat, hasil, perilaku, implied, diff)], index=index, dtype=object)
        issues.add(msg, ctx.col("predikat"), WARNING)
    perf = pd.DataFrame({"period": np.full(len(index), period, dtype=np.int64), "nip": p["nip"],
                         "predikat": predikat, "hasil_kerja": hasil, "perilaku": perilaku,
                         "nilai_legacy": legacy.astype("Float64"),
                         **{k: v.astype("Float64") for k, v in extra.items()}}, index=index)
    return {"performance": perf}, {}, perf.drop(columns=["period"])


def _assessment(ctx: _Ctx, index: pd.Index, period: int, ref: Reference, issues: Issues):
    from data.importing.fields import DL_FIELDS, ES_FIELDS, K_FIELDS, P_FIELDS

    p = _nip(ctx, issues, index)
    valid = p["valid"].to_numpy(dtype=bool)
    _unknown_nip(p, ref.personnel_nips, "NIP {v} tidak ada dalam data kepegawaian periode " + str(period)
                 + ". Impor data kepegawaian periode itu lebih dulu, atau periksa NIP-nya.", issues, ctx.col("nip"))
    sumber = _apply(ctx, "sumber", nz.norm_sumber, issues, index)
    issues.add(_where(sumber.isna() & nz.blank_mask(ctx.raw["sumber"]), "Sumber asesmen wajib diisi (CACT, AC "
                      "atau LAIN).", index), ctx.col("sumber"))
    _duplicates(p["nip"] + " (sumber " + sumber.astype(object).fillna("?") + ")", valid & sumber.notna().to_numpy(),
                "NIP {v}", issues, ctx.col("nip"))
    tanggal = _date(ctx, "tanggal", issues, index)
    cols: dict[str, pd.Series] = {}
    for code, _, _ in K_FIELDS:
        cols[code] = _number(ctx, code, issues, index, integer=True).astype("Int8") if ctx.has(code) \
            else pd.Series(pd.NA, index=index, dtype="Int8")
    for group in (P_FIELDS, DL_FIELDS, ES_FIELDS):
        for code, _, _ in group:
            cols[code] = _number(ctx, code, issues, index).astype("Float64")
    for code in ("jpm_sumber", "nilai_potensi"):
        cols[code] = _number(ctx, code, issues, index).astype("Float64")
    core = [c for c, _, _ in K_FIELDS + P_FIELDS] + ["jpm_sumber", "nilai_potensi"]
    has_any = np.zeros(len(index), dtype=bool)
    for c in core:
        has_any |= cols[c].notna().to_numpy(dtype=bool)
    for c in core:
        if ctx.has(c):
            has_any |= ~nz.blank_mask(ctx.raw[c])   # bad values are reported already
    issues.add(_where(~has_any, "Baris tidak berisi satu pun nilai asesmen (level kompetensi, aspek potensi, JPM "
                      "atau nilai potensi).", index), "")
    frame = pd.DataFrame({"period": np.full(len(index), period, dtype=np.int64), "nip": p["nip"],
                          "sumber": sumber, "tanggal": _dates(tanggal), **cols}, index=index)
    scope = {"sumber": sorted({s for s in sumber.dropna()})}
    return {"assessment": frame}, scope, frame.drop(columns=["period"])


def _discipline(ctx: _Ctx, index: pd.Index, period, ref: Reference, issues: Issues):
    p = _nip(ctx, issues, index)
    valid = p["valid"].to_numpy(dtype=bool)
    _unknown_nip(p, ref.known_nips, "NIP {v} tidak ada dalam data kepegawaian. Impor data kepegawaian lebih "
                 "dulu, atau periksa NIP-nya.", issues, ctx.col("nip"))
    jenis = _text(ctx, "jenis", issues, index, max_len=300)
    if ctx.has("tingkat"):
        blank = pd.Series(nz.blank_mask(ctx.raw["tingkat"]), index=index)
        tingkat = _apply(ctx, "tingkat", nz.norm_tingkat_hukdis, issues, index)
    else:
        blank = pd.Series(True, index=index)
        tingkat = pd.Series(None, index=index, dtype=object)
    derived = jenis.map(nz.hukdis_level, na_action="ignore")
    tingkat = _choose(~blank, tingkat, derived)
    issues.add(_where(blank & tingkat.isna(), "Tingkat hukuman kosong dan tidak dapat ditentukan dari jenis "
                      "hukuman (ringan, sedang atau berat).", index),
               ctx.col("tingkat") if ctx.has("tingkat") else ctx.col("jenis"))
    mulai = _date(ctx, "tanggal_mulai", issues, index, required=True)
    selesai = _date(ctx, "tanggal_selesai", issues, index)
    m, s = _dates(mulai), _dates(selesai)
    issues.add(_where((s < m).to_numpy(dtype=bool), "Tanggal selesai lebih awal dari TMT hukuman.", index),
               ctx.col("tanggal_selesai"))
    keterangan = _text(ctx, "keterangan", issues, index, max_len=500)
    key = p["nip"].fillna("") + " (TMT " + m.map(_fmt) + ", " + tingkat.astype(object).fillna("?") + ")"
    _duplicates(key, valid & m.notna().to_numpy(), "Hukuman NIP {v}", issues, ctx.col("nip"))
    frame = pd.DataFrame({"nip": p["nip"], "tingkat": tingkat, "jenis": jenis, "tanggal_mulai": m,
                          "tanggal_selesai": s, "keterangan": keterangan}, index=index)
    return {"discipline": frame}, {}, frame


def _target_posts(ctx: _Ctx, index: pd.Index, period, ref: Reference, issues: Issues):
    jabatan = _text(ctx, "jabatan", issues, index, required=True, max_len=300)
    opd_name = _text(ctx, "opd", issues, index, max_len=200)
    opd_id, new_opd = resolve_opd(opd_name, ref.opd, issues, ctx.col("opd"))
    jenjang, jmsg, _ = nz.derive_jenjang(ctx.raw.get("jenjang_jabatan"), None, None, None,
                                         list(ref.levels), index) if ctx.has("jenjang_jabatan") else \
        nz.derive_jenjang(None, None, ctx.raw.get("eselon"), None, list(ref.levels), index)
    jenjang = jenjang.where(jenjang != "Pelaksana") if not ctx.has("jenjang_jabatan") else jenjang
    jcol = ctx.col("jenjang_jabatan") if ctx.has("jenjang_jabatan") else ctx.col("eselon")
    issues.add(jmsg, jcol)
    # a post's level is required (rules read it): an empty cell is this row's error, not the database's
    no_level = jabatan.notna().to_numpy() & jenjang.isna().to_numpy() & ~jmsg.reindex(index).notna().to_numpy()
    issues.add(_where(no_level, "Jenjang jabatan target kosong: isi kolom Jenjang Jabatan (mis. JPT Pratama) "
                                "atau Eselon untuk jabatan ini.", index), jcol)
    lowong = _apply(ctx, "lowong", nz.norm_bool, issues, index)
    kritikal = _apply(ctx, "kritikal", nz.norm_bool, issues, index)
    bidang = _text(ctx, "bidang_pendidikan", issues, index, max_len=500)
    keterangan = _text(ctx, "keterangan", issues, index, max_len=500)
    holder = _nip(ctx, issues, index, "pemangku_nip", required=False) if ctx.has("pemangku_nip") else None
    holder_nip = holder["nip"] if holder is not None else pd.Series(None, index=index, dtype=object)
    if holder is not None:
        _unknown_nip(holder, ref.known_nips, "NIP pemangku {v} tidak ada dalam data kepegawaian.",
                     _WarnSink(issues, WARNING), ctx.col("pemangku_nip"))
        both = (lowong == True).to_numpy() & holder_nip.notna().to_numpy()  # noqa: E712
        issues.add(_where(both, "Jabatan ditandai lowong tetapi ada NIP pemangku.", index),
                   ctx.col("pemangku_nip"), WARNING)
    given = _apply(ctx, "post_id", nz.norm_code, issues, index)
    generated = pd.Series([
        "TP-" + hashlib.sha1(f"{o or ''}|{j or ''}".lower().encode()).hexdigest()[:10].upper()
        for o, j in zip(opd_id.to_numpy(dtype=object, na_value=None), jabatan.to_numpy(dtype=object, na_value=None))],
        index=index, dtype=object)
    post_id = _choose(given.notna(), given, generated)
    _duplicates(post_id, jabatan.notna().to_numpy(), "Jabatan target {v}", issues,
                ctx.col("post_id") if ctx.has("post_id") else ctx.col("jabatan"))
    frame = pd.DataFrame({"post_id": post_id, "jabatan": jabatan, "opd_id": opd_id, "jenjang_jabatan": jenjang,
                          "lowong": lowong.map(lambda v: bool(v) if v is not None else False).astype(bool),
                          "kritikal": kritikal.map(lambda v: bool(v) if v is not None else False).astype(bool),
                          "bidang_pendidikan": bidang, "pemangku_nip": holder_nip, "keterangan": keterangan},
                         index=index)
    frames = {"target_post": frame}
    if len(new_opd):
        frames["opd"] = new_opd
    preview = frame.assign(opd=opd_name)
    return frames, {}, preview


class _WarnSink:
    """Routes Issues.add() to another severity."""

    def __init__(self, issues: Issues, severity: str):
        self._issues, self._severity = issues, severity

    def add(self, messages, column, severity=None):
        self._issues.add(messages, column, self._severity)
