"""One drop of a period's files: read each, recognise its kind, map its columns, check them TOGETHER.

    files = read_drop(store, [(name, bytes_or_path), ...])   # each read once, kind and mapping proposed
    drop = check_drop(store, files, period)                   # never writes; one combined report
    ids = commit_drop(store, drop, actor)                     # ONE transaction for every file, or nothing

Checked together means: personnel first (the order the rows depend on); the NIPs of a performance or
assessment file are looked up in the personnel file of the same drop (it replaces the period's roll)
and the NIPs of the other kinds in the database plus that file; the files carrying a period must
agree on it; two files of one kind are refused. Every issue names its file, row and column, in
Indonesian. Each step is timed (``seconds``) and logged.
"""
from __future__ import annotations

import logging
import os
import time
from collections.abc import Sequence
from concurrent.futures import Future, ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field

import pandas as pd

from data.importing import pipeline, sandbox
from data.importing.errors import Rejected
from data.importing.fields import KINDS, PERIOD_KINDS
from data.importing.limits import DEFAULT, ReadLimits
from data.importing.outcome import ERROR, Outcome, Reference
from data.importing.reader import RawTable, parsed_in_child
from data.importing.validate import complete
from data.kinds import KIND_NOUNS

LOG = logging.getLogger("data.importing")
ORDER = {k: i for i, k in enumerate(KINDS)}   # personnel first: the others read its NIPs
MSG_TWICE = ("Dua berkas berisi {noun}: {names}. Satu unggahan memuat satu berkas per jenis data: buang salah "
             "satunya, atau gabungkan isinya dalam satu berkas.")
MSG_PERIODS = ("Berkas-berkas ini berbeda periode: {found}. Satu unggahan untuk satu periode: perbaiki kolom "
               "Periode, atau unggah berkas tiap periode terpisah.")
# the NIP check's words when the personnel file is in the same drop (it, not the database, is the roll)
MSG_NIP_DB = ". Impor data kepegawaian periode itu lebih dulu, atau periksa NIP-nya."
MSG_NIP_DROP = (" (berkas kepegawaian '{name}' yang diunggah bersamanya). Tambahkan pegawai itu ke berkas "
                "kepegawaian, atau periksa NIP-nya.")
Progress = pipeline.Progress


@dataclass
class DropFile:
    """One file of a drop: what was read, recognised and checked (or why it could not be used)."""

    name: str
    table: RawTable | None = None
    kind: str | None = None
    mapping: dict[int, str] = field(default_factory=dict)
    constants: dict = field(default_factory=dict)
    outcome: Outcome | None = None
    rejected: str | None = None          # the file cannot be used at all (unreadable, no kind, ...)
    seconds: dict[str, float] = field(default_factory=dict)   # step → wall-clock seconds
    # a check started as the file was read, while the drop's other files were still being read
    ahead: Future | None = field(default=None, repr=False, compare=False)

    @property
    def period(self) -> int | None:
        return self.outcome.period if self.outcome is not None else None

    @property
    def rows(self) -> int:
        return self.outcome.rows if self.outcome is not None else (self.table.n_rows if self.table else 0)

    @property
    def errors(self) -> int:
        return (self.outcome.errors if self.outcome is not None else 0) + (1 if self.rejected else 0)

    @property
    def warnings(self) -> int:
        return self.outcome.warnings if self.outcome is not None else 0


@dataclass
class Drop:
    """The checked drop: its files in dependency order and the problems of the drop as a whole."""

    files: list[DropFile]
    problems: list[str] = field(default_factory=list)   # drop-level errors (kind twice, periods differ)
    seconds: dict[str, float] = field(default_factory=dict)

    @property
    def errors(self) -> int:
        return len(self.problems) + sum(f.errors for f in self.files)

    @property
    def warnings(self) -> int:
        return sum(f.warnings for f in self.files)

    @property
    def rows(self) -> int:
        return sum(f.rows for f in self.files)

    @property
    def ok(self) -> bool:
        return bool(self.files) and self.errors == 0 and all(f.outcome is not None and f.outcome.ok
                                                             for f in self.files)

    @property
    def period(self) -> int | None:
        found = {f.period for f in self.files if f.period is not None}
        return found.pop() if len(found) == 1 else None

    def issues(self) -> pd.DataFrame:
        """Every issue of the drop: berkas, baris, kolom, tingkat, pesan (drop problems first, then
        per file in dependency order, errors first)."""
        parts = [pd.DataFrame({"berkas": "", "baris": pd.Series([pd.NA] * len(self.problems), dtype="Int64"),
                               "kolom": "", "tingkat": ERROR, "pesan": self.problems})]
        for f in self.files:
            if f.rejected:
                parts.append(pd.DataFrame({"berkas": [f.name], "baris": pd.Series([pd.NA], dtype="Int64"),
                                           "kolom": [""], "tingkat": [ERROR], "pesan": [f.rejected]}))
            if f.outcome is not None and len(f.outcome.issues):
                iss = f.outcome.issues.sort_values("tingkat", key=lambda s: s.ne(ERROR), kind="stable")
                parts.append(iss.assign(berkas=f.name)[["berkas", "baris", "kolom", "tingkat", "pesan"]])
        out = pd.concat([p for p in parts if len(p)], ignore_index=True) if any(len(p) for p in parts) else parts[0]
        out["baris"] = out["baris"].astype("Int64")
        return out

    def messages(self, limit: int | None = None) -> list[str]:
        """'pegawai.xlsx, baris 7, kolom NIP: …' lines."""
        out = []
        for r in self.issues().head(limit).itertuples(index=False):
            where = [r.berkas] if r.berkas else []
            if not pd.isna(r.baris):
                where.append(f"baris {int(r.baris)}")
            if r.kolom:
                where.append(f"kolom {r.kolom}")
            tag = "" if r.tingkat == ERROR else "Peringatan: "
            out.append(f"{', '.join(where)}: {tag}{r.pesan}" if where else f"{tag}{r.pesan}")
        return out


def read_one(store, name: str, content: bytes | os.PathLike, limits: ReadLimits = DEFAULT,
             kind: str | None = None) -> DropFile:
    """Read one file, recognise its kind (or take ``kind``) and propose its mapping (remembered
    choices, then synonyms). A file that cannot be used comes back with ``rejected``."""
    f = DropFile(name=name)
    t0 = time.perf_counter()
    try:
        f.table = pipeline.read(content, name, limits=limits)
        f.seconds["baca"] = time.perf_counter() - t0
        f.kind = pipeline.resolve_kind(f.table, kind)
        f.mapping = pipeline.default_mapping(store, f.table, f.kind)
    except Rejected as exc:
        f.rejected = str(exc)
    f.seconds["baca+kenali"] = time.perf_counter() - t0
    return f


def _read_behind(store, name: str, content: bytes | os.PathLike, limits: ReadLimits, kind: str | None) -> DropFile:
    """:func:`read_one` of a file the drop does not wait for first: a workbook's child yields the CPU to the
    drop's largest file (read beside it, and awaited last)."""
    with sandbox.behind():
        return read_one(store, name, content, limits, kind)


def read_drop(store, files: Sequence[tuple[str, bytes | os.PathLike]], limits: ReadLimits | None = None,
              progress: Progress = pipeline._noop, kinds: Sequence[str | None] | None = None,
              period: int | None = None) -> list[DropFile]:
    """Each file read once, kind recognised (or ``kinds[i]``), mapping proposed. Small files are
    read at the same time (a workbook is parsed in its own child process, so the reads of a drop
    overlap instead of queueing); files above ``PARALLEL_BYTES`` together, one after the other
    (their tables would be in memory at once). Read together, the largest workbook's reading child keeps
    its CPU priority and the other workbooks' children yield to it (:func:`sandbox.behind`): the drop
    waits for that read (a csv is parsed here, several times faster than a workbook of its size), while
    the smaller ones are done well before it either way.

    With ``period`` (the period a later :func:`check_drop` is given) and files read together, a
    performance or assessment file read while a workbook of the drop is still being parsed (in its
    child process: this one waits) starts its check at once, with its proposed mapping, in a thread
    beside the reads (``DropFile.ahead``): everything but the look-up of its NIPs in the roll, which
    waits for the drop's personnel file (:func:`check_drop`). The personnel file of a period is its
    largest, read last; the check of the others then costs no time. A csv is parsed in this process:
    a check beside it would only take turns with it."""
    limits = limits or pipeline.read_limits(store)
    kinds = list(kinds) if kinds is not None else [None] * len(files)
    progress(0.05, "Membaca " + ", ".join(name for name, _ in files) + "…")
    read: dict[int, DropFile] = {}
    together = len(files) > 1 and sum(_size(c) for _, c in files) <= PARALLEL_BYTES
    # checks ahead only where the tables are in memory together anyway (not for a national drop)
    checks = ThreadPoolExecutor(max_workers=1, thread_name_prefix="check-ahead") \
        if period is not None and together else None
    in_child = [parsed_in_child(content) for _, content in files] if together else []

    def done(i: int, f: DropFile) -> None:   # in the caller's thread, as each file is done
        read[i] = f
        progress(0.05 + 0.3 * len(read) / len(files), f"{len(read)} dari {len(files)} berkas terbaca ({f.name}).")
        if checks is not None and f.rejected is None and f.kind in AHEAD_KINDS and \
                any(in_child[j] for j in range(len(files)) if j not in read):
            f.ahead = checks.submit(_check_ahead, store, f, period)

    try:
        if together:
            largest_first = sorted(range(len(files)), key=lambda i: -_size(files[i][1]))   # the longest read first
            # a workbook costs far more to parse than a csv of its size: the largest workbook is the longest read
            lead = next((i for i in largest_first if in_child[i]), None)
            with ThreadPoolExecutor(max_workers=min(len(files), PARALLEL_READS)) as pool:
                running = {pool.submit(read_one if i == lead else _read_behind,
                                       store, files[i][0], files[i][1], limits, kinds[i]): i
                           for i in largest_first}
                for future in as_completed(running):
                    done(running[future], future.result())
        else:
            for i, ((name, content), kind) in enumerate(zip(files, kinds)):
                done(i, read_one(store, name, content, limits, kind))
    finally:
        if checks is not None:
            checks.shutdown(wait=False)   # its thread ends when the checks it holds are done
    return [read[i] for i in range(len(files))]


AHEAD_KINDS = ("performance", "assessment")   # checked against the roll: the drop's personnel file


def _check_ahead(store, f: DropFile, period: int) -> tuple[tuple, Outcome | None]:
    """``f`` checked with what it was read with, its roll look-up left for :func:`check_drop`; with
    what the check was made for (mapping, constants, period). None when it could not be made (the
    check in :func:`check_drop` then runs in full and says why)."""
    file_period = pipeline.period_hint(f.table, f.kind, f.mapping) or period
    key = (dict(f.mapping), dict(f.constants), file_period)
    try:
        ref = pipeline.reference(store, f.kind, file_period, roll_later=True)
        return key, pipeline.check(store, f.table, f.kind, dict(f.mapping), file_period, dict(f.constants) or None,
                                   ref=ref)
    except Exception:   # noqa: BLE001 - a head start only: the full check reports it
        LOG.debug("Check ahead of %s not made", f.name, exc_info=True)
        return key, None


def _taken_ahead(f: DropFile, period: int | None) -> Outcome | None:
    """The check made ahead of ``f`` (waited for), when it was made for the mapping, constants and
    period ``f`` is checked with now."""
    ahead, f.ahead = f.ahead, None
    if ahead is None:
        return None
    key, outcome = ahead.result()
    return outcome if key == (f.mapping, f.constants, period) else None


PARALLEL_BYTES, PARALLEL_READS = 64 << 20, max(2, os.cpu_count() or 2)


def _size(content: bytes | os.PathLike) -> int:
    try:
        return len(content) if isinstance(content, bytes | bytearray) else os.path.getsize(content)
    except OSError:
        return 0


def check_drop(store, files: Sequence[DropFile], period: int | None = None, allow_new_opd: bool = False,
               progress: Progress = pipeline._noop) -> Drop:
    """Check the files together, never writing. ``period`` is for the files that carry none (the
    files that carry one decide it). The files come back in dependency order (personnel first)."""
    t0 = time.perf_counter()
    files = sorted(files, key=lambda f: (ORDER.get(f.kind, len(ORDER)), f.name))
    drop = Drop(files=list(files))
    usable = [f for f in files if f.rejected is None and f.table is not None]
    by_kind: dict[str, list[str]] = {}
    for f in usable:
        by_kind.setdefault(f.kind, []).append(f.name)
    for kind, names in by_kind.items():
        if len(names) > 1:
            drop.problems.append(MSG_TWICE.format(noun=KIND_NOUNS[kind], names=", ".join(f"'{n}'" for n in names)))
    hints = {f.name: pipeline.period_hint(f.table, f.kind, f.mapping) for f in usable if f.kind in PERIOD_KINDS}
    found = sorted({p for p in hints.values() if p is not None})
    if len(found) > 1:
        drop.problems.append(MSG_PERIODS.format(found="; ".join(
            f"'{n}' periode {p}" for n, p in hints.items() if p is not None)))
    common = found[0] if len(found) == 1 else period
    roll: DropFile | None = None   # the drop's personnel file, once checked
    for i, f in enumerate(usable):
        progress(0.4 + 0.3 * i / max(len(usable), 1), f"Memeriksa {f.name}…")
        t1 = time.perf_counter()
        file_period = (hints.get(f.name) or common) if f.kind in PERIOD_KINDS else None
        try:
            ref = _reference(store, f, file_period, roll)
            early = _taken_ahead(f, file_period)
            f.outcome = complete(early, ref.personnel_nips) if early is not None else \
                pipeline.check(store, f.table, f.kind, f.mapping, file_period, f.constants or None,
                               allow_new_opd=allow_new_opd, ref=ref)
        except Rejected as exc:
            f.rejected = str(exc)
        if roll is not None and f.outcome is not None and f.kind in ("performance", "assessment"):
            f.outcome.issues["pesan"] = f.outcome.issues["pesan"].str.replace(
                MSG_NIP_DB, MSG_NIP_DROP.format(name=roll.name), regex=False)
        if f.kind == "personnel" and f.outcome is not None and f.outcome.frames:
            roll = f
        f.seconds["periksa"] = time.perf_counter() - t1
    drop.seconds["periksa"] = time.perf_counter() - t0
    progress(0.7, f"Pemeriksaan selesai: {pipeline.num(drop.errors)} galat, {pipeline.num(drop.warnings)} "
                  "peringatan.")
    log_seconds("periksa", drop)
    return drop


def _reference(store, f: DropFile, period: int | None, roll: DropFile | None) -> Reference:
    """What ``f`` is checked against: the database, with the NIPs of the drop's personnel file (it
    replaces the period's roll, and adds people to the register)."""
    ref = pipeline.reference(store, f.kind, period)
    if roll is None or f.kind == "personnel":
        return ref
    nips = roll.outcome.frames["asn_period"]["nip"].dropna().astype(str)
    if f.kind in ("performance", "assessment"):
        if roll.period == period:
            ref.personnel_nips = nips.reset_index(drop=True)
    elif f.kind in ("discipline", "target-posts", "position-history"):
        ref.known_nips = pd.concat([pd.Series(ref.known_nips, dtype=str), nips], ignore_index=True)
    return ref


def commit_drop(store, drop: Drop, actor: str, remember: bool = True, progress: Progress = pipeline._noop) -> list[int]:
    """Write every file of a clean drop in ONE transaction (personnel first); returns the batch ids.
    Refuses a drop with errors; a failure in any file writes nothing."""
    if not drop.ok:
        raise Rejected(f"Impor dibatalkan: {pipeline.num(drop.errors)} galat; basis data tidak diubah."
                       if drop.errors else "Tidak ada baris untuk diimpor.")
    progress(0.75, f"Menulis {pipeline.num(drop.rows)} baris dari {len(drop.files)} berkas ke basis data…")
    t0 = time.perf_counter()
    ids = store.write_imports([
        dict(kind=o.kind, period=o.period, frames=o.frames, scope=o.scope, file_name=o.table.file_name,
             file_hash=o.table.file_hash, row_count=o.rows, warning_count=o.warnings)
        for o in (f.outcome for f in drop.files)], actor=actor)
    drop.seconds["tulis"] = time.perf_counter() - t0
    if remember:
        t1 = time.perf_counter()
        for f in drop.files:
            pipeline.remember_mapping(store, f.table, f.kind, f.mapping, actor)
        drop.seconds["ingat-pemetaan"] = time.perf_counter() - t1
    log_seconds("tulis", drop)
    progress(1.0, "Selesai: impor " + ", ".join(f"#{b}" for b in ids) + ".")
    return ids


@dataclass
class DropResult:
    drop: Drop
    batch_ids: list[int]
    seconds: float


def run_drop(store, files: Sequence[tuple[str, bytes | os.PathLike]], *, period: int | None = None, actor: str,
             allow_new_opd: bool = False, constants: dict | None = None, dry_run: bool = False,
             progress: Progress = pipeline._noop) -> DropResult:
    """The whole drop, as the command line does it: read, check together, and (when clean and not
    ``dry_run``) write in one transaction. ``constants`` (e.g. the assessment's sumber) go to the
    files of the kinds that lack the column."""
    t0 = time.perf_counter()
    read = read_drop(store, files, progress=progress, period=period)
    for f in read:
        if constants and f.kind == "assessment" and "sumber" not in f.mapping.values():
            f.constants = dict(constants)
    drop = check_drop(store, read, period, allow_new_opd, progress)
    ids = commit_drop(store, drop, actor, progress=progress) if drop.ok and not dry_run else []
    return DropResult(drop, ids, time.perf_counter() - t0)


def log_seconds(step: str, drop: Drop) -> None:
    per_file = "; ".join(f"{f.name}: " + ", ".join(f"{k} {v:.3f}s" for k, v in f.seconds.items()) for f in drop.files)
    LOG.info("impor %s (%d berkas, %d baris): %s | %s", step, len(drop.files), drop.rows,
             ", ".join(f"{k} {v:.3f}s" for k, v in drop.seconds.items()), per_file)
