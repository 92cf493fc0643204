"""One importer for the page and the command line: read → map → validate → write.

    table = read(content, name)                          # Rejected if unreadable
    kind = resolve_kind(table, kind)                     # detected from the headers when None
    mapping = default_mapping(store, table, kind)        # remembered choices, then synonyms
    remember_mapping(store, table, kind, mapping, actor) # a choice made by hand is kept at once
    outcome = check(store, table, kind, mapping, period) # never writes
    batch = commit(store, outcome, actor)                # one transaction, all rows or none

``progress(fraction, text)`` callbacks let the page draw a bar and the command print lines.
"""
from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import dataclass

from data.importing.errors import Rejected
from data.importing.fields import KINDS, PERIOD_KINDS, header_key
from data.importing.limits import DEFAULT, ReadLimits, from_settings
from data.importing.mapping import auto_map, detect_kind
from data.importing.normalise.numbers import parse_number
from data.importing.outcome import Outcome, Reference
from data.importing.reader import RawTable, read_file
from data.importing.validate import validate
from data.kinds import KIND_NOUNS
from data.memory import release_freed

Progress = Callable[[float, str], None]


def _noop(fraction: float, text: str) -> None:
    pass


def num(n: int) -> str:
    """1.234 (Indonesian thousands separator)."""
    return f"{int(n):,}".replace(",", ".")


def read_limits(store) -> ReadLimits:
    """The reading limits of this database (``setting`` rows, migration 013)."""
    return from_settings(store.setting)


def read(content: bytes | os.PathLike, file_name: str, progress: Progress = _noop,
         limits: ReadLimits = DEFAULT) -> RawTable:
    """The file as a table (``content``: its bytes, or its path: see :func:`read_file`)."""
    progress(0.05, f"Membaca berkas {file_name}…")
    table = read_file(content, file_name, limits=limits)
    release_freed()  # before the next step, DuckDB's above all, stacks on top
    where = f"lembar '{table.sheet}', " if table.sheet else ""
    progress(0.35, f"Terbaca {num(table.n_rows)} baris ({where}judul kolom di baris "
                   f"{'–'.join(map(str, table.header_rows))}).")
    return table


def resolve_kind(table: RawTable, kind: str | None) -> str:
    if kind:
        if kind not in KINDS:
            raise Rejected(f"Jenis data '{kind}' tidak dikenal; pilih salah satu: {', '.join(KINDS)}.")
        return kind
    return detect_kind(table.headers)


def default_mapping(store, table: RawTable, kind: str) -> dict[int, str]:
    return auto_map(table.headers, kind, store.import_mappings(kind))


def reference(store, kind: str, period: int | None, roll_later: bool = False) -> Reference:
    """What a file of ``kind`` is checked against. ``roll_later``: without the period's roll (its NIPs
    are looked up after the check, :func:`validate.complete`)."""
    roll = kind in ("performance", "assessment")
    ref = Reference(**store.import_reference(period if kind in PERIOD_KINDS else None,
                                             known_nips=kind in ("discipline", "target-posts", "position-history"),
                                             personnel_nips=roll and not roll_later))
    if roll and roll_later:
        ref.personnel_nips = None
    return ref


def check(store, table: RawTable, kind: str, mapping: dict[int, str], period: int | None,
          constants: dict | None = None, progress: Progress = _noop, allow_new_opd: bool = False,
          ref: Reference | None = None) -> Outcome:
    """Validate without writing. Raises :class:`Rejected` for a file that cannot be used at all.
    OPDs the database does not know are errors unless ``allow_new_opd`` (confirmed by the
    operator; ``Outcome.new_opd`` lists them either way). ``ref``: what to check against, when not
    the database alone (a drop's personnel file, :mod:`data.importing.batch`)."""
    progress(0.4, f"Memeriksa {num(table.n_rows)} baris {KIND_NOUNS[kind]}…")
    period = period if period is not None else period_hint(table, kind, mapping)
    outcome = validate(table, kind, mapping, period, ref if ref is not None else reference(store, kind, period),
                       constants, allow_new_opd)
    release_freed()
    progress(0.7, f"Pemeriksaan selesai: {num(outcome.errors)} galat, {num(outcome.warnings)} peringatan.")
    return outcome


def period_hint(table: RawTable, kind: str, mapping: dict[int, str]) -> int | None:
    """The period written in the file (needed to load the right NIPs when none was chosen)."""
    if kind not in PERIOD_KINDS:
        return None
    pos = next((p for p, f in mapping.items() if f == "periode"), None)
    if pos is None or pos not in table.rows.columns:
        return None
    values = {parse_number(v) for v in table.rows[pos].dropna().unique()[:50]}
    values = {int(v) for v in values if v is not None and float(v).is_integer()}
    return values.pop() if len(values) == 1 else None


def commit(store, outcome: Outcome, actor: str, progress: Progress = _noop,
           remember: bool = True) -> int:
    """Write a clean outcome (one transaction). Refuses one with errors."""
    if not outcome.ok:
        raise Rejected(f"Impor dibatalkan: {num(outcome.errors)} galat; basis data tidak diubah."
                       if outcome.errors else "Tidak ada baris untuk diimpor.")
    progress(0.75, f"Menulis {num(outcome.rows)} baris ke basis data…")
    batch = store.write_import(outcome.kind, outcome.period, outcome.frames, actor=actor, scope=outcome.scope,
                               file_name=outcome.table.file_name, file_hash=outcome.table.file_hash,
                               row_count=outcome.rows, warning_count=outcome.warnings)
    if remember:
        remember_mapping(store, outcome.table, outcome.kind, outcome.mapping, actor)
    progress(1.0, f"Selesai: impor #{batch}.")
    return batch


def remember_mapping(store, table: RawTable, kind: str, mapping: dict[int, str], actor: str) -> list[tuple[str, str]]:
    """Keep the choices that differ from what the synonyms alone would give, by header key, so
    that the next file with the same headers (a corrected re-upload) gets them; forget a key
    whose choice is back to the synonyms'. Writes (one audited transaction) only what changed;
    returns those (header, field) pairs, field '' = ignored, None = forgotten."""
    synonyms = auto_map(table.headers, kind)
    remembered = store.import_mappings(kind)
    entries: dict[str, tuple[str, str, str | None]] = {}
    for i, header in enumerate(table.headers):
        key = header_key(header)
        if not key or header.startswith("Kolom ") or key in entries:
            continue
        chosen, default = mapping.get(i, ""), synonyms.get(i, "")
        if chosen != default:
            if remembered.get(key) != chosen:
                entries[key] = (key, header, chosen)
        elif key in remembered:
            entries[key] = (key, header, None)
    if entries:
        store.save_import_mapping(kind, list(entries.values()), actor)
    return [(header, field) for _, header, field in entries.values()]


@dataclass
class Result:
    outcome: Outcome
    batch_id: int | None
    seconds: float


def run(store, content: bytes | os.PathLike, file_name: str, *, kind: str | None = None,
        period: int | None = None, actor: str, overrides: dict[str, str] | None = None,
        constants: dict | None = None, progress: Progress = _noop, allow_new_opd: bool = False) -> Result:
    """The whole import, as the command line does it. ``content`` is the file's bytes, or its
    path (then the bytes are let go once parsed). ``overrides`` maps header → field ('' =
    ignore); a mapping fixed so is remembered when the check runs, even if the check then finds
    errors. Raises Rejected when the file cannot be used; returns the outcome (with its
    issues) and the batch id, or None when errors blocked the write."""
    t0 = time.perf_counter()
    table = read(content, file_name, progress, read_limits(store))
    kind = resolve_kind(table, kind)
    mapping = default_mapping(store, table, kind)
    if overrides:
        mapping = apply_overrides(table, kind, mapping, overrides)
    remember_mapping(store, table, kind, mapping, actor)
    outcome = check(store, table, kind, mapping, period, constants, progress, allow_new_opd)
    batch = commit(store, outcome, actor, progress) if outcome.ok else None
    return Result(outcome, batch, time.perf_counter() - t0)


def apply_overrides(table: RawTable, kind: str, mapping: dict[int, str], overrides: dict[str, str]) -> dict[int, str]:
    from data.importing.fields import FIELDS
    by_label = {}
    for f in FIELDS[kind]:
        by_label[header_key(f.label)] = f.name
        by_label[header_key(f.name)] = f.name
    out = dict(mapping)
    keys = [header_key(h) for h in table.headers]
    for header, target in overrides.items():
        hk = header_key(header)
        if hk not in keys:
            raise Rejected(f"Kolom '{header}' tidak ada di berkas. Kolom yang ada: {', '.join(table.headers)}.")
        pos = keys.index(hk)
        if target in ("", "-", "abaikan"):
            out.pop(pos, None)
            continue
        name = by_label.get(header_key(target))
        if name is None:
            raise Rejected(f"Bidang '{target}' tidak dikenal untuk {KIND_NOUNS[kind]}.")
        out = {p: f for p, f in out.items() if f != name}
        out[pos] = name
    return out
