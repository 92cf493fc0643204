"""Importing (the Impor Data page): the import pipeline, templates, history and undo, through the
store. The pipeline itself (data.importing) is pure; here it meets the process's store and the
acting user, and a finished write drops every cached frame of the old data."""
from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from common import fmt
from common.i18n import column_label, t
from data.importing import KINDS, Rejected, batch, pipeline  # noqa: F401  (the page names kinds and catches Rejected)
from data.importing.batch import Drop, DropFile  # noqa: F401  (the upload tab's types)
from data.importing.fields import FIELDS, PERIOD_KINDS, is_sensitive  # noqa: F401
from data.importing.limits import mb
from data.importing.normalise import text as cell_text
from data.importing.outcome import Outcome
from data.importing.reader import RawTable
from data.importing.report import report_xlsx
from data.importing.templates import template_name, template_xlsx  # noqa: F401
from data.store import StoreError  # noqa: F401  (the page catches it from here)
from ui import services
from ui.user import acting_user

Progress = Callable[[float, str], None]
MSG_UPLOAD = ("Berkas '{name}' berukuran {size}, di atas batas unggah {limit} MB: impor berkas sebesar itu "
              "lewat perintah python -m data import di server, atau bagi berkasnya.")
# the table whose rows an import of each kind replaces (what "replaces n rows" counts)
COUNTED = {"personnel": "asn_period", "performance": "performance", "assessment": "assessment",
           "discipline": "discipline", "target-posts": "target_post", "position-history": "position_history"}


def periods() -> list[int]:
    return services.store().periods()


def read_limits():
    """The reading limits (``setting`` rows): file sizes, rows, columns, the reader's memory."""
    return pipeline.read_limits(services.store())


def read(content: bytes, file_name: str, progress: Progress) -> RawTable:
    """The uploaded file as a table (header found, cells as read); raises Rejected, also for a
    file above the upload limit (Streamlit's own limit is set higher so that the refusal is ours,
    in Indonesian)."""
    limits = read_limits()
    if len(content) > limits.upload_mb * (1 << 20):
        raise Rejected(MSG_UPLOAD.format(name=file_name, size=mb(len(content)), limit=limits.upload_mb))
    return pipeline.read(content, file_name, progress, limits)


def read_drop_files(uploads: list[tuple[str, bytes]], kind: str | None, limits=None,
                    progress: Progress = pipeline._noop, period: int | None = None) -> list[DropFile]:
    """The files of a drop read (as :func:`read`, the upload limit included; small ones at the same
    time), each kind recognised (or ``kind``) and mapping proposed; a file that cannot be used comes
    back with ``rejected``. ``progress`` hears of each file read. With ``period`` (the one the drop
    will be checked for) the files read before the others start their check (``DropFile.ahead``)."""
    limits = limits or read_limits()
    out: dict[int, DropFile] = {}
    for i, (name, content) in enumerate(uploads):
        if len(content) > limits.upload_mb * (1 << 20):
            out[i] = DropFile(name=name, rejected=MSG_UPLOAD.format(name=name, size=mb(len(content)),
                                                                    limit=limits.upload_mb))
    todo = [i for i in range(len(uploads)) if i not in out]
    for i, f in zip(todo, batch.read_drop(services.store(), [uploads[i] for i in todo], limits, progress,
                                          kinds=[kind] * len(todo), period=period)):
        out[i] = f
    return [out[i] for i in range(len(uploads))]


def check_drop(files: list[DropFile], period: int | None, allow_new_opd: bool, progress: Progress) -> Drop:
    """The files checked together against the database (never writes): one report."""
    return batch.check_drop(services.store(), files, period, allow_new_opd, progress)


def commit_drop(drop: Drop) -> list[int]:
    """Write every file of a clean drop in ONE transaction for the acting user; returns the batch ids.
    The mappings were remembered when the drop was checked. The pages' cached frames of the old data
    go at the next run's snapshot (a newer data version), not here."""
    return batch.commit_drop(services.store(), drop, acting_user(), remember=False)


def resolve_kind(table: RawTable, chosen: str | None) -> str:
    """The kind chosen, or the one the headers show when ``chosen`` is None; raises Rejected."""
    return pipeline.resolve_kind(table, chosen)


def default_mapping(table: RawTable, kind: str) -> dict[int, str]:
    """Column position → field, from the headers and the mappings remembered from earlier imports."""
    return pipeline.default_mapping(services.store(), table, kind)


def remember(table: RawTable, kind: str, mapping: dict[int, str]) -> list[tuple[str, str | None]]:
    """Keep the operator's choices (by header) for the next file with the same headers, at once:
    a corrected re-upload is pre-filled. Returns what was written ((header, field), field ''
    ignored, None forgotten); nothing when nothing changed."""
    return pipeline.remember_mapping(services.store(), table, kind, mapping, acting_user())


def remembered(table: RawTable, kind: str) -> pd.DataFrame:
    """The remembered choices that apply to this file's headers: header, field, by whom, when."""
    entries = services.store().import_mapping_entries(kind)
    return entries[entries["header_key"].isin(set(table.header_keys))].reset_index(drop=True)


def samples(table: RawTable, column: int, count: int = 3) -> str:
    """The first ``count`` non-empty values of a column (of its first 200 rows), as text."""
    col = table.rows[column] if column in table.rows.columns else pd.Series(dtype=object)
    found: list[str] = []
    for v in col.head(200).dropna():
        if text := cell_text(v):
            found.append(text)
            if len(found) == count:
                break
    return " · ".join(found)


def check(table: RawTable, kind: str, mapping: dict[int, str], period: int | None, constants: dict,
          progress: Progress, allow_new_opd: bool = False) -> Outcome:
    """Normalise and validate every row against the database; raises Rejected. OPDs not in the
    database are errors unless ``allow_new_opd`` (the operator confirmed them)."""
    return pipeline.check(services.store(), table, kind, mapping, period, constants, progress,
                          allow_new_opd=allow_new_opd)


def demo_replacement() -> dict | None:
    """What the first real import removes while the database holds the demo (None otherwise)."""
    return services.store().demo_replacement()


def rows_replaced(kind: str, period: int | None, outcome: Outcome | None = None) -> int:
    """Rows an import of ``kind`` (for ``period`` when the kind has one) would replace. A position history
    replaces only the histories of the people in the file (``outcome``)."""
    if kind == "position-history" and outcome is not None:
        frame = outcome.frames.get("position_history")
        nips = [] if frame is None else frame["nip"].dropna().astype(str).unique().tolist()
        return services.store().position_history_count(nips)
    return services.store().count_rows(COUNTED[kind], period if kind in PERIOD_KINDS else None)


def commit(outcome: Outcome, remember: bool, progress: Progress) -> int:
    """Write the checked rows in one transaction for the acting user; returns the batch id."""
    return pipeline.commit(services.store(), outcome, acting_user(), remember=remember, progress=progress)


def report(outcome: Outcome) -> bytes:
    """The check report workbook."""
    return report_xlsx(outcome)


def template_lists() -> dict[str, list[str]]:
    """The lists a template offers in its drop-downs (OPD names, job levels)."""
    store = services.store()
    return {"opd": store.opd()["nama"].tolist(), "jenjang": store.job_levels()["jenjang_jabatan"].tolist()}


def undoable() -> pd.DataFrame:
    """The latest import per kind and period, with ``locked`` (its period is finalised: not offered)
    and ``dependents`` / ``dependent_kinds`` (later imports that read a personnel import's rows)."""
    return services.store().undoable_imports()


def undo(kind: str, period: int | None, with_dependents: bool = False) -> dict:
    """Restore the data before the last import of ``kind`` (and period) for the acting user;
    ``with_dependents`` undoes the later imports that depend on it too (``together`` in the result)."""
    return services.store().undo_import(kind, period, acting_user(), with_dependents=with_dependents)


def history() -> pd.DataFrame:
    return services.store().import_history()


def after_write() -> None:
    """The old data's frames go now, not at each session's next read."""
    services.clear_data_caches()


def _label(kind: str, column: str, lang: str) -> str:
    """A preview column's header: the catalog's label; else the import field's own label; never the name."""
    key = f"label.{column}"
    if t(key, lang=lang) != key:
        return column_label(column, lang)
    field = next((f for f in FIELDS.get(kind, ()) if f.name == column), None)
    return field.label if field is not None else column_label(column, lang)


def preview_table(outcome: Outcome, lang: str, rows: int = 50) -> pd.DataFrame:
    """The first rows as they will be stored, as a person reads them: labelled headers, the OPD by name
    only (its code is internal), dates without a time of day, nothing as "–"."""
    frame = outcome.preview.head(rows)
    if "opd" in frame.columns:
        frame = frame.drop(columns=[c for c in ("opd_id",) if c in frame.columns])
    shown = fmt.cells(frame, lang)
    return shown.rename(columns={c: _label(outcome.kind, str(c), lang) for c in shown.columns})


SOURCES = ("impor", "sintetis")


def history_table(hist: pd.DataFrame, lang: str, kind_label: Callable[[str], str]) -> pd.DataFrame:
    """The import history as a person reads it (newest first): kinds and sources in words, times as
    "27 Mei 2025 14:03", no period or undo as "–", under the catalog's headers."""
    out = pd.DataFrame({
        "batch_id": hist["batch_id"].map(lambda b: f"#{int(b)}"),
        "created_at": hist["created_at"].map(lambda v: fmt.cell(v, lang)),
        "kind": hist["kind"].map(kind_label),
        "period": hist["period"].map(lambda p: fmt.MISSING if pd.isna(p) else str(int(p))),
        "source": hist["source"].map(lambda s: t(f"label.source.{s}", lang=lang) if s in SOURCES else fmt.cell(s, lang)),
        "file_name": hist["file_name"].map(lambda v: fmt.cell(v, lang)),
        "row_count": hist["row_count"].map(lambda v: fmt.cell(v, lang)),
        "warning_count": hist["warning_count"].map(lambda v: fmt.cell(v, lang)),
        "created_by": hist["created_by"].map(lambda v: fmt.cell(v, lang)),
        "undone_at": [fmt.MISSING if pd.isna(at) else f"{fmt.cell(at, lang)} · {fmt.cell(by, lang)}"
                      for at, by in zip(hist["undone_at"], hist["undone_by"])],
    })
    return out.rename(columns={c: t(f"impor.h_{h}", lang=lang) for c, h in HISTORY_HEADERS.items()})


HISTORY_HEADERS = {"batch_id": "batch", "created_at": "time", "kind": "kind", "period": "period", "source": "source",
                   "file_name": "file", "row_count": "rows", "warning_count": "warnings", "created_by": "user",
                   "undone_at": "undone"}
