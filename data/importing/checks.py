"""Checks shared by every kind of import: a column read as text, dates, numbers or NIPs, duplicate
keys, unknown NIPs and OPD names."""
from __future__ import annotations

import re
from collections.abc import Callable, Collection

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from analytics.nip import parse_nips
from data.importing.fields import field_map, header_key
from data.importing.normalise.arrow_text import arrow_text, bools
from data.importing.normalise.cells import text
from data.importing.normalise.columns import (
    blank_mask,
    compact,
    compact_text,
    repeated,
)
from data.importing.normalise.columns import (
    column as column_from_codes,
)
from data.importing.normalise.dates import fmt_date, norm_date_days
from data.importing.normalise.free_text import norm_text
from data.importing.normalise.numbers import norm_decimal
from data.importing.outcome import WARNING, Issues
from data.importing.reader import RawTable

NIP_CHUNK = 250_000     # rows per parse_nips call: its working arrays are ~300 bytes a row


def where(cond: pd.Series | np.ndarray, message, index: pd.Index) -> pd.Series:
    """Messages (a constant or a Series on ``index``) of the rows where ``cond`` holds."""
    cond = np.asarray(cond, dtype=bool)
    if isinstance(message, pd.Series):
        return message[cond]
    return pd.Series(message, index=index[cond], dtype=object)


def choose(cond: pd.Series, a: pd.Series, b: pd.Series) -> pd.Series:
    """``a`` where ``cond`` holds, else ``b`` (either may be a categorical)."""
    return compact(a.astype(object).where(cond, b.astype(object)))


def as_dates(values: pd.Series) -> pd.Series:
    if values.dtype == "datetime64[s]":
        return values
    return pd.to_datetime(values, errors="coerce").astype("datetime64[s]")


class Ctx:
    """Raw columns by field, with the header each came from."""

    def __init__(self, table: RawTable, kind: str, mapping: dict[int, str], constants: dict[str, object]):
        self.kind = kind
        self.fields = field_map(kind)
        self.allow_new_opd = False          # OPD names not in the database: errors unless confirmed
        self.new_opd: list[str] = []        # those names, as the file spells them
        self.roll_check = None              # outcome.RollCheck: the roll look-up left for later
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


def _parse_nips(raw: pd.Series) -> pd.DataFrame:
    """parse_nips (row by row rules) a slice at a time, so that a national file needs no more
    than a slice's working memory."""
    if len(raw) <= NIP_CHUNK:
        parsed = parse_nips(raw)
    else:
        parsed = pd.concat([parse_nips(raw.iloc[i:i + NIP_CHUNK]) for i in range(0, len(raw), NIP_CHUNK)])
    for c in ("jenis_kelamin", "jenis_asn"):       # two values each: a byte a row, not a string
        parsed[c] = compact_text(parsed[c])
    return parsed


def check_nip(ctx: Ctx, issues: Issues, index: pd.Index, name: str = "nip", required: bool = True) -> pd.DataFrame:
    raw = ctx.raw.get(name, pd.Series(None, index=index, dtype=object))
    parsed = _parse_nips(raw)
    bad = ~parsed["valid"].to_numpy(dtype=bool)
    if not required:
        bad &= ~blank_mask(raw)
    issues.add(parsed["kesalahan"].where(bad), ctx.col(name))
    return parsed


def check_duplicates(keys: pd.Series, valid: np.ndarray, what: str, issues: Issues, column: str) -> None:
    """Error on every row whose key appears more than once among valid rows."""
    k = keys[valid]
    dup = repeated(k)
    if not dup.any():
        return
    d = k[dup]
    d = pd.Series(d.to_numpy(dtype=object), index=d.index, dtype=object)    # the few repeated keys
    rows_of = d.groupby(d, sort=False).apply(lambda s: ", ".join(str(i) for i in s.index))
    msg = d.map(lambda v: f"{what.format(v=v)} muncul lebih dari sekali dalam berkas (baris {rows_of[v]}).")
    issues.add(msg, column)


def text_column(ctx: Ctx, name: str, issues: Issues, index: pd.Index, required: bool = False,
                max_len: int = 500) -> pd.Series:
    if not ctx.has(name):
        return pd.Series(None, index=index, dtype=object)
    vals, msgs = norm_text(ctx.raw[name], max_len)
    issues.add(msgs, ctx.col(name))
    if required:
        _require(ctx, name, vals, msgs, issues, index)
    return vals


def _require(ctx: Ctx, name: str, vals: pd.Series, msgs: pd.Series, issues: Issues, index: pd.Index) -> None:
    """A required column's empty cells (those not already reported unreadable) are errors."""
    issues.add(where(vals.isna() & msgs.isna(), f"{ctx.fields[name].label} wajib diisi.", index), ctx.col(name))


def date_column(ctx: Ctx, name: str, issues: Issues, index: pd.Index, required: bool = False) -> pd.Series:
    """Dates of a column as datetime64[s] (NaT when empty or unreadable)."""
    if not ctx.has(name):
        return pd.Series(np.full(len(index), np.datetime64("NaT", "s")), index=index)
    vals, msgs = norm_date_days(ctx.raw[name])
    issues.add(msgs, ctx.col(name))
    if required:
        _require(ctx, name, vals, msgs, issues, index)
    return vals


def number_column(ctx: Ctx, name: str, issues: Issues, index: pd.Index, integer: bool = False) -> pd.Series:
    if not ctx.has(name):
        return pd.Series(np.nan, index=index)
    f = ctx.fields[name]
    vals, msgs = norm_decimal(ctx.raw[name], f.lo, f.hi, integer=integer)
    issues.add(msgs, ctx.col(name))
    return vals


def apply_column(ctx: Ctx, name: str, fn: Callable[..., tuple[pd.Series, pd.Series]], issues: Issues,
                 index: pd.Index, *args) -> pd.Series:
    if not ctx.has(name):
        return pd.Series(None, index=index, dtype=object)
    vals, msgs = fn(ctx.raw[name], *args)
    issues.add(msgs, ctx.col(name))
    return vals


def check_known_nip(parsed: pd.DataFrame, known: Collection[str], message: str, issues: Issues, column: str) -> None:
    valid = parsed["valid"].to_numpy(dtype=bool)
    nips = parsed["nip"]
    unknown = valid & ~_member(nips, known)
    if unknown.any():
        issues.add(nips[unknown].map(lambda v: message.format(v=v), na_action="ignore"), column)


def _as_arrow(values) -> pa.Array:
    """Texts as one pyarrow string array (no copy for a pyarrow-backed column)."""
    if isinstance(values, pd.Series):
        arr = arrow_text(values)
        if arr is not None:
            return arr.combine_chunks()
        return pa.array(values.to_numpy(dtype=object), type=pa.string(), from_pandas=True)
    return pa.array(list(values), type=pa.string())


def _member(values: pd.Series, known: Collection[str]) -> np.ndarray:
    """``values.isin(known)``, hashed by pyarrow (pandas compares a pyarrow-backed column with a
    Python object per known NIP: ~2.5 s for 100k)."""
    try:
        return bools(pc.is_in(_as_arrow(values), value_set=_as_arrow(known)))
    except (pa.ArrowInvalid, pa.ArrowTypeError, TypeError):     # not texts: pandas decides
        return values.isin(known).to_numpy(dtype=bool)


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


MSG_NEW_OPD = ("Perangkat daerah '{name}' belum ada di basis data. Periksa ejaannya (daftar isian di templat memuat "
               "nama yang dikenal); bila memang perangkat daerah baru, centang konfirmasi penambahannya di halaman "
               "Impor Data (baris perintah: --tambah-opd).")


def resolve_opd(names: pd.Series, ref_opd: pd.DataFrame, issues: Issues, column: str, allow_new: bool = False
                ) -> tuple[pd.Series, pd.DataFrame]:
    """OPD id per row (matching name, abbreviation or id, case and punctuation ignored), and the
    OPDs not yet known (in order of first appearance). Those are an error on every row naming
    them, unless ``allow_new`` (the operator confirmed them): then they are added, and a warning
    lists them."""
    lookup: dict[str, str] = {}
    for r in ref_opd.itertuples(index=False):
        for v in (r.opd_id, r.nama, getattr(r, "singkatan", None)):
            if isinstance(v, str) and v.strip():
                lookup.setdefault(_opd_key(v), r.opd_id)
    known = set(ref_opd["opd_id"].astype(str))
    taken = set(known)
    new_rows = []
    # in order of first appearance; a categorical's codes, not a Python object a row
    codes, uniques = pd.factorize(names if names.dtype == "category" else names.to_numpy(dtype=object),
                                  use_na_sentinel=True)
    ids = []
    is_new = []
    for u in uniques:
        key = _opd_key(u)
        if key in lookup:
            ids.append(lookup[key])
            is_new.append(lookup[key] not in known)     # a second spelling of a new OPD in this file
            continue
        base = "-".join(re.findall(r"[A-Za-z0-9]+", text(u))).upper()[:40] or "OPD"
        oid, n = base, 2
        while oid in taken:
            oid, n = f"{base[:37]}-{n}", n + 1
        taken.add(oid)
        lookup[key] = oid
        ids.append(oid)
        is_new.append(True)
        new_rows.append({"opd_id": oid, "nama": text(u), "singkatan": None, "kelompok": _kelompok(text(u))})
    out = column_from_codes(np.array(ids + [None], dtype=object), codes, names.index)
    new = pd.DataFrame(new_rows, columns=["opd_id", "nama", "singkatan", "kelompok"])
    if len(new) and allow_new:
        listing = ", ".join(new["nama"].head(10)) + (f", dan {len(new) - 10} lainnya" if len(new) > 10 else "")
        issues.file(f"Perangkat daerah baru akan ditambahkan: {listing}. Periksa ejaannya bila seharusnya "
                    "sudah ada.", WARNING, column)
    elif len(new):
        flagged = np.array(is_new + [False], dtype=bool)[codes]
        message = np.array([MSG_NEW_OPD.format(name=text(u)) for u in uniques] + [None], dtype=object)
        issues.add(pd.Series(message[codes][flagged], index=names.index[flagged], dtype=object), column)
    return out, new


def fmt_day(d) -> str:
    return "" if d is None or pd.isna(d) else fmt_date(pd.Timestamp(d).date())
