"""Validation: a read table + a column mapping → the rows to store, and every complaint.

Errors (``galat``) block the import; warnings (``peringatan``) do not. Each issue names the
source row (as numbered in the spreadsheet) and the column as headed in the file, with an
Indonesian message. Problems with the file as a whole raise :class:`Rejected`, or (for a
mapping the user can still fix) come back as file-level issues without a row number.
"""
from __future__ import annotations

import dataclasses
from collections.abc import Collection

import numpy as np
import pandas as pd

from data.importing.checks import Ctx, check_known_nip
from data.importing.errors import Rejected
from data.importing.fields import KIND_LABELS, PERIOD_KINDS, header_key
from data.importing.footer import find_footers
from data.importing.kinds import BUILDERS
from data.importing.mapping import ignored_columns, missing_required
from data.importing.normalise.columns import blank_mask, compact_values, key_equals
from data.importing.normalise.numbers import norm_decimal
from data.importing.outcome import WARNING, Issues, Outcome, Reference
from data.importing.reader import RawTable
from data.store.errors import PeriodLocked

MSG_NO_ROWS = "Berkas '{name}' tidak berisi baris data di bawah judul kolom (baris {row})."
MAX_PERIOD, MIN_PERIOD = 2100, 1990


def validate(table: RawTable, kind: str, mapping: dict[int, str], period: int | None, ref: Reference,
             constants: dict[str, object] | None = None, allow_new_opd: bool = False) -> Outcome:
    """Check every row of ``table`` as ``kind`` with ``mapping``; build the frames to write.

    An OPD name the database does not know is an error on its rows unless ``allow_new_opd``
    (the operator confirmed adding the OPDs listed in ``Outcome.new_opd``)."""
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

    ctx = Ctx(table, kind, mapping, constants)
    ctx.allow_new_opd = allow_new_opd
    rows = table.rows
    if len(rows):
        # "Jumlah" / "Total" lines under the data: skipped with a warning, not invalid NIPs (looked
        # for first: a footer whose word sits in an unmapped column is otherwise a silent blank row)
        footers, footer_col = find_footers(rows, table.headers, ctx.raw, ctx.header, rows.index)
        for col, msgs in footers.groupby(footer_col, sort=False):
            issues.add(msgs, col, WARNING)
        mapped = [ctx.raw[f] for f in ctx.raw if not ctx.header[f].endswith("(nilai tetap)")]
        keep = np.zeros(len(rows), dtype=bool)
        for s in mapped:
            keep |= ~blank_mask(s)
        # a header row repeated further down (page breaks of an export)
        first = next(iter(ctx.raw))
        keep &= ~key_equals(ctx.raw[first], header_key(ctx.header[first]))
        if len(footers):
            keep &= ~rows.index.isin(footers.index)
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
    builder = BUILDERS[kind]
    with compact_values():       # text columns as categoricals: a national file fits in memory
        frames, scope, preview = builder(ctx, index, period, ref, issues)
    return Outcome(period=period, frames=frames, issues=issues.frame(), rows=len(index), scope=scope,
                   preview=preview, new_opd=ctx.new_opd, roll_check=ctx.roll_check, **base)


def _resolve_period(ctx: Ctx, kind: str, period: int | None, ref: Reference, issues: Issues,
                    index: pd.Index) -> int | None:
    if kind not in PERIOD_KINDS:
        return None
    if ctx.has("periode"):
        vals, msgs = norm_decimal(ctx.raw["periode"], MIN_PERIOD, MAX_PERIOD, integer=True)
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
        raise Rejected(str(PeriodLocked(period)))  # the store's own words: who can reopen, and where
    if kind in ("performance", "assessment") and ref.personnel_nips is not None:
        _refuse_without_roll(ref.personnel_nips, period)
    return period


def _refuse_without_roll(nips: Collection[str], period: int) -> None:
    if len(nips) == 0:
        raise Rejected(f"Belum ada data kepegawaian periode {period}. Impor data kepegawaian periode itu "
                       "lebih dulu.")


def complete(outcome: Outcome, personnel_nips: Collection[str]) -> Outcome:
    """An outcome checked without the period's roll (``Reference.personnel_nips`` None) with its NIPs now
    looked up in ``personnel_nips``: the same issues, in the same order, as a check that had the roll.
    Raises :class:`Rejected` for an empty roll, as that check does."""
    pending = outcome.roll_check
    if pending is None:
        return outcome
    _refuse_without_roll(personnel_nips, outcome.period)
    issues = Issues(outcome.issues)   # the look-up's issues after the row's others, as the builders add it
    check_known_nip(pending.parsed, personnel_nips, pending.message, issues, pending.column)
    return dataclasses.replace(outcome, issues=issues.frame(), roll_check=None)
