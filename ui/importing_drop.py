"""Impor Data's upload tab: one drop of one or several files → each read and recognised → mapped →
checked together → ONE report → ONE click writes them all (one transaction) → a link to Sembilan
Kotak of the imported period. A drop of one file is the same flow (its mapping editor shown open).

The write runs in the button's callback, before the script: the run that follows already shows the
success (no second run), and the uploader comes back empty under a new key."""
from __future__ import annotations

import hashlib
import logging
import time
from datetime import date
from functools import partial

import pandas as pd
import streamlit as st

from common import fmt
from common.i18n import language, t
from data.importing import sandbox
from ui import import_done, importing, services
from ui.components import XLSX_MIME
from ui.import_done import DONE

LOG = logging.getLogger(__name__)
FAILED = "impor_failed"      # the refusal of the last write (the check passed, the write did not)
CHECKED = "impor_outcome"    # (key, Drop): the check of the current drop, once per combination
USED = "impor_used"          # (digest, kind) -> (mapping, constants) last used for a file of the drop


def n(x: int) -> str:
    return fmt.num(x, lang=language())


def kind_label(kind: str, lang: str | None = None) -> str:
    return t(f"impor.kind.{kind}", lang=lang)


def period_text(period: int | None) -> str:
    return t("impor.period_suffix", period=period) if period is not None else ""


# -- upload → read → map → check --------------------------------------------------------------------
def upload_section() -> None:
    """The uploader (several files at once), their reading, mapping and check, and the import button."""
    if failed := st.session_state.pop(FAILED, None):
        st.error(failed)
    periods = importing.periods()
    lang = language()
    c1, c2 = st.columns([2, 1])
    kind_choice = c1.selectbox(t("impor.kind"), ["auto", *importing.KINDS], key="impor_kind",
                               format_func=lambda k: t("impor.kind_auto", lang=lang) if k == "auto"
                               else kind_label(k, lang), help=t("impor.drop_kind_help"))
    period_value = c2.number_input(t("impor.period"), min_value=1990, max_value=2100, step=1, key="impor_period",
                                   value=max(periods) if periods else date.today().year - 1,
                                   help=t("impor.period_help"))
    limits = importing.read_limits()      # above upload_mb importing.read refuses, in Indonesian
    uploads = st.file_uploader(t("impor.drop_files"), type=["xlsx", "xls", "csv"], accept_multiple_files=True,
                               help=t("impor.drop_files_help") + " " + t("impor.file_help") + " "
                               + t("impor.file_limit", mb=n(limits.upload_mb)),
                               key=f"impor_file_{st.session_state.get('impor_nonce', 0)}")
    if not uploads:
        sandbox.prepare()   # workbook readers waiting (their imports done) by the time files arrive
        return
    forced = None if kind_choice == "auto" or len(uploads) > 1 else kind_choice
    files = read_uploads([(u.name, u.getvalue()) for u in uploads], forced, limits, int(period_value))
    first_of: dict[str, importing.DropFile] = {}
    for f, digest in files:   # the same content dropped twice is used once
        if digest in first_of:
            st.warning(t("impor.drop_same_content", file=f.name, other=first_of[digest].name))
        first_of.setdefault(digest, f)
    files = [(f, d) for f, d in files if first_of[d] is f]
    for f, digest in files:
        if f.rejected is None:
            mapping_section(f, digest, kind_choice == "auto", alone=len(files) == 1)
    allow_key = "impor_opd_" + hashlib.sha256("".join(d for _, d in files).encode()).hexdigest()[:16]
    drop = checked([f for f, _ in files], [d for _, d in files], int(period_value),
                   bool(st.session_state.get(allow_key, False)))
    if drop is None:
        return
    new_opd = sorted({o for f in drop.files if f.outcome is not None for o in f.outcome.new_opd})
    if new_opd:
        new_opd_confirmation(new_opd, allow_key)
    import_button(drop)


def read_uploads(uploads: list[tuple[str, bytes]], kind: str | None, limits,
                 period: int) -> list[tuple[importing.DropFile, str]]:
    """The uploaded files, each read and recognised once per content (kept in the session while the
    drop is mapped and checked; the new ones read together), with their digests; a new DropFile
    each run (its mapping is this run's; a check started as it was read goes to this run's only)."""
    digests = [hashlib.sha256(content).hexdigest() for _, content in uploads]
    cache = st.session_state.setdefault("impor_tables", {})
    new = list({d: i for i, d in reversed(list(enumerate(digests))) if (d, kind) not in cache}.values())
    if new:
        bar = LateBar(0.0, t("impor.reading"))   # drawn when a file is read after 0.4 s: a city's are before
        try:
            for i, f in zip(new, importing.read_drop_files([uploads[i] for i in new], kind, limits,
                                                           lambda value, _: bar.progress(value), period)):
                cache[(digests[i], kind)] = f
        finally:
            bar.empty()
    out = []
    for (name, _), d in zip(uploads, digests):
        f = cache[(d, kind)]
        ahead, f.ahead = f.ahead, None
        out.append((importing.DropFile(name=name, table=f.table, kind=f.kind, rejected=f.rejected,
                                       seconds=dict(f.seconds), ahead=ahead), d))
    return out


def mapping_section(f: importing.DropFile, digest: str, detected: bool, alone: bool) -> None:
    """What was read, and the column mapping (open for a lone file, folded for each of several). A folded
    file's editor is not built: its mapping is the one last used in it, else the proposal (three data
    editors drawn hidden cost the browser more than the rest of the report)."""
    table = f.table
    sheet = t("impor.sheet", sheet=table.sheet) if table.sheet else ""
    info = t("impor.read_info", file=table.file_name, sheet=sheet, rows=n(table.n_rows), kind=kind_label(f.kind),
             header="–".join(map(str, table.header_rows)), detected=t("impor.detected") if detected else "")
    used = st.session_state.setdefault(USED, {})
    if alone:
        st.info(info)
        body = st.container()
    else:
        body = st.expander(t("impor.drop_mapping_of", file=table.file_name, kind=kind_label(f.kind)),
                           key=f"impor_mapping_{digest[:16]}_{f.kind}", on_change="rerun")
        if not body.open:
            f.mapping, f.constants = folded(f, digest, used.get((digest, f.kind)))
            return
        body.caption(info)
    with body:
        f.mapping = mapping_editor(table, f.kind, digest)
        ignored = [h for i, h in enumerate(table.headers) if i not in f.mapping]
        if ignored:
            st.caption(t("impor.ignored", cols=", ".join(
                f"{h} ({t('impor.sensitive')})" if importing.is_sensitive(h) else h for h in ignored)))
        if f.kind == "assessment" and "sumber" not in f.mapping.values():
            before = used.get((digest, f.kind), ({}, {}))[1].get("sumber", SOURCES[0])
            f.constants = {"sumber": st.selectbox(t("impor.sumber_constant"), SOURCES, index=SOURCES.index(before),
                                                  key="impor_sumber" if alone else f"impor_sumber_{digest[:16]}")}
    used[(digest, f.kind)] = (dict(f.mapping), dict(f.constants))


SOURCES = ["CACT", "AC", "LAIN"]   # an assessment file without a source column: the source of all its rows


def folded(f: importing.DropFile, digest: str, used: tuple[dict, dict] | None) -> tuple[dict, dict]:
    """A folded file's mapping and constants: as last used in its editor (which, opened again, starts from
    them), else the proposal and the first source."""
    defaults = st.session_state.setdefault("impor_default", {})
    if used is not None:
        defaults[(digest, f.kind)] = dict(used[0])
        return dict(used[0]), dict(used[1])
    if (digest, f.kind) not in defaults:
        defaults[(digest, f.kind)] = importing.default_mapping(f.table, f.kind)
    mapping = dict(defaults[(digest, f.kind)])
    return mapping, ({"sumber": SOURCES[0]} if f.kind == "assessment" and "sumber" not in mapping.values() else {})


def mapping_editor(table: importing.RawTable, kind: str, digest: str) -> dict[int, str]:
    """Column → field, proposed and editable; a field picked twice counts once (with a warning).
    The proposal is made once per file and kind, so a choice remembered meanwhile leaves the editor
    as it is."""
    fields = importing.FIELDS[kind]
    label_of = {f.name: f.label for f in fields}
    name_of = {f.label: f.name for f in fields}
    defaults = st.session_state.setdefault("impor_default", {})
    if (digest, kind) not in defaults:
        defaults[(digest, kind)] = importing.default_mapping(table, kind)
    default = defaults[(digest, kind)]
    frame = pd.DataFrame({
        "kolom": table.headers,
        "contoh": [importing.samples(table, i) for i in range(len(table.headers))],
        "bidang": [label_of.get(default.get(i, ""), t("impor.ignore")) for i in range(len(table.headers))],
    })
    st.markdown(f"**{t('impor.mapping')}**")
    edited = st.data_editor(
        frame, key=f"impor_map_{digest[:16]}_{kind}", hide_index=True, width="stretch",
        disabled=["kolom", "contoh"],
        column_config={
            "kolom": st.column_config.TextColumn(t("impor.col_header")),
            "contoh": st.column_config.TextColumn(t("impor.col_sample")),
            "bidang": st.column_config.SelectboxColumn(
                t("impor.col_field"), options=[t("impor.ignore"), *name_of], required=True,
                help=t("impor.mapping_help")),
        })
    mapping: dict[int, str] = {}
    for i, label in enumerate(edited["bidang"].tolist()):
        name = name_of.get(label)
        if name is None:
            continue
        if name in mapping.values():
            first = next(p for p, f in mapping.items() if f == name)
            st.warning(t("impor.duplicate_field", field=label, header=table.headers[first]))
            continue
        mapping[i] = name
    remembered_note(table, kind, label_of)
    return mapping


def remembered_note(table: importing.RawTable, kind: str, label_of: dict[str, str]) -> None:
    """Which remembered choices apply to this file's headers, by whom and when."""
    notes = importing.remembered(table, kind)
    if notes.empty:
        return
    st.caption(t("impor.remembered", cols="; ".join(
        f"{fmt.plain(r.header)} → {label_of.get(r.field, t('impor.ignore'))} "
        f"({r.updated_by}, {fmt.tanggal(r.updated_at.date(), lang=language())} {r.updated_at:%H:%M})"
        for r in notes.itertuples(index=False))))


def checked(files: list[importing.DropFile], digests: list[str], period: int,
            allow_new_opd: bool) -> importing.Drop | None:
    """The check of this drop (once per files, mappings, period), shown as one report. A mapping fixed
    by hand is remembered as the check runs, so a corrected re-upload gets it."""
    key = (tuple((d, f.kind, tuple(sorted(f.mapping.items())), tuple(sorted(f.constants.items())))
                 for f, d in zip(files, digests)), period, allow_new_opd)
    cached = st.session_state.get(CHECKED)
    if cached and cached[0] == key:
        drop = cached[1]
    else:
        saved = sum(len(importing.remember(f.table, f.kind, f.mapping)) for f in files if f.rejected is None)
        if saved:
            st.toast(t("impor.mapping_saved", n=n(saved)), icon=":material/bookmark:")
        bar = LateBar(0.4, t("impor.checking"))
        try:
            drop = importing.check_drop(files, period, allow_new_opd, bar.progress)
        finally:
            bar.empty()
        st.session_state[CHECKED] = (key, drop)
    with st.container(key="impor_drop_report"):
        if len(drop.files) == 1 and not drop.problems:
            show_file(drop.files[0])
        else:
            show_drop(drop)
    return drop


class LateBar:
    """A progress bar drawn once its work has run SHOW_AFTER seconds: a city's check is over before a bar
    would be read, and each update is one more message the browser draws the page for."""
    SHOW_AFTER = 0.4

    def __init__(self, value: float, text: str) -> None:
        self._slot, self._start, self._last, self._shown = st.empty(), time.monotonic(), (value, text), False

    def progress(self, value: float, text: str | None = None) -> None:
        self._last = (min(value, 1.0), text or self._last[1])
        if self._shown or time.monotonic() - self._start >= self.SHOW_AFTER:
            self._slot.progress(self._last[0], text=self._last[1])
            self._shown = True

    def empty(self) -> None:
        if self._shown:
            self._slot.empty()


def show_file(f: importing.DropFile) -> None:
    """A drop of one file: its counts, issues (errors first), report workbook and preview."""
    if f.rejected:
        st.error(f.rejected)
        return
    outcome = f.outcome
    c1, c2, c3 = st.columns(3)
    c1.metric(t("impor.rows"), n(outcome.rows), border=True)
    c2.metric(t("impor.errors"), n(outcome.errors), border=True)
    c3.metric(t("impor.warnings"), n(outcome.warnings), border=True)
    if outcome.errors:
        st.error(t("impor.has_errors", n=n(outcome.errors)))
    elif outcome.ok:
        st.success(t("impor.ready", rows=n(outcome.rows), kind=t(f"impor.noun.{outcome.kind}"),
                     period=period_text(outcome.period)))
    issues_table(outcome.issues)
    report_button(outcome, "impor_report")
    if outcome.frames:
        with st.expander(t("impor.preview")):
            st.dataframe(importing.preview_table(outcome, language()), hide_index=True, width="stretch")


def show_drop(drop: importing.Drop) -> None:
    """Several files: one line per file, the totals, every issue naming its file, row and column."""
    c1, c2, c3, c4 = st.columns(4)
    c1.metric(t("impor.drop_files_count"), n(len(drop.files)), border=True)
    c2.metric(t("impor.rows"), n(drop.rows), border=True)
    c3.metric(t("impor.errors"), n(drop.errors), border=True)
    c4.metric(t("impor.warnings"), n(drop.warnings), border=True)
    # what stops the drop as a whole, or a file as a whole, is said in words (not only in the grid)
    whole = [*drop.problems, *(f.rejected for f in drop.files if f.rejected)]
    for message in whole:
        st.error(message)
    if drop.errors:
        st.error(t("impor.drop_has_errors", n=n(drop.errors)))
    elif drop.ok:
        st.success(t("impor.drop_ready", files=n(len(drop.files)), rows=n(drop.rows),
                     period=period_text(drop.period)))
    lang = language()
    summary = pd.DataFrame({
        t("impor.drop_h_file"): [fmt.plain(f.name) for f in drop.files],   # a static table reads Markdown
        t("impor.drop_h_kind"): [kind_label(f.kind, lang) if f.kind else fmt.MISSING for f in drop.files],
        t("impor.drop_h_period"): [str(f.period) if f.period is not None else fmt.MISSING for f in drop.files],
        t("impor.rows"): [n(f.rows) for f in drop.files],
        t("impor.errors"): [n(f.errors) for f in drop.files],
        t("impor.warnings"): [n(f.warnings) for f in drop.files],
    })
    # a few lines: a static table (a grid's code is fetched and set up by the browser when the page has none)
    st.table(summary, hide_index=True)
    issues = drop.issues()
    issues_table(issues[~(issues["baris"].isna() & issues["pesan"].isin(whole))], with_file=True)
    for i, f in enumerate(drop.files):
        if f.outcome is not None and len(f.outcome.issues):
            report_button(f.outcome, f"impor_report_{i}", t("impor.drop_report_of", file=f.name))


def issues_table(issues: pd.DataFrame, with_file: bool = False) -> None:
    if not len(issues):
        return
    st.markdown(f"**{t('impor.issues')}**")
    shown = issues.sort_values("tingkat", key=lambda s: s.ne("galat"), kind="stable").head(1000)
    shown = shown.assign(baris=shown["baris"].map(lambda b: "–" if pd.isna(b) else str(int(b))).astype(object),
                         tingkat=shown["tingkat"].map(lambda v: t(f"label.level.{v}")).astype(object))
    if with_file:
        shown = shown.assign(berkas=shown["berkas"].map(lambda v: v or t("impor.drop_all_files")))
    config = {
        "baris": st.column_config.TextColumn(t("impor.issue_row"), width="small"),
        "kolom": st.column_config.TextColumn(t("impor.issue_col"), width="small"),
        "tingkat": st.column_config.TextColumn(t("impor.issue_level"), width="small"),
        "pesan": st.column_config.TextColumn(t("impor.issue_msg"), width="large")}
    if with_file:
        config["berkas"] = st.column_config.TextColumn(t("impor.drop_h_file"), width="small")
    st.dataframe(shown, hide_index=True, width="stretch", column_config=config)
    if len(issues) > len(shown):
        st.caption(t("impor.issues_more", shown=n(len(shown)), total=n(len(issues))))


def report_button(outcome: importing.Outcome, key: str, label: str | None = None) -> None:
    stem = outcome.table.file_name.rsplit(".", 1)[0]
    st.download_button(label or t("impor.report"), data=partial(importing.report, outcome),
                       file_name=f"laporan-{stem}.xlsx", mime=XLSX_MIME, on_click="ignore", key=key,
                       icon=":material/description:")


def new_opd_confirmation(names: list[str], key: str) -> None:
    """OPDs the database does not know: errors until the operator confirms adding them, by name."""
    st.markdown(t("impor.new_opd", n=n(len(names))) + "\n\n" + "\n".join(f"- {fmt.plain(name)}" for name in names))
    st.checkbox(t("impor.new_opd_confirm", n=n(len(names))), key=key, help=t("impor.new_opd_help"))


# -- the one click ------------------------------------------------------------------------------------
def import_button(drop: importing.Drop) -> None:
    """What the import replaces (all the demo data, on the first real import: confirmed by the
    operator), and the one button that writes every file of the drop."""
    demo = importing.demo_replacement()
    sure = True
    if demo is not None:
        sure = demo_notice(demo)
    elif drop.ok:
        for f in drop.files:
            if current := importing.rows_replaced(f.kind, f.period, f.outcome):
                st.warning(t("impor.replaces", n=n(current), what=t(f"impor.noun.{f.kind}") + period_text(f.period)))
    st.button(t("impor.submit"), type="primary", disabled=not (drop.ok and sure), key="impor_submit",
              on_click=write_drop, args=(drop,))


def write_drop(drop: importing.Drop) -> None:
    """The button's callback (before the next run): write every file in one transaction; the run that
    follows shows the success and its link, or the refusal, and an empty uploader."""
    try:
        ids = importing.commit_drop(drop)
    except (importing.Rejected, importing.StoreError) as exc:
        st.session_state[FAILED] = str(exc)
        return
    except Exception:
        LOG.exception("Impor Data: unexpected error while writing")
        st.session_state[FAILED] = t("impor.unexpected")
        return
    warn = t("impor.done_warnings", n=n(drop.warnings)) if drop.warnings else ""
    if len(ids) == 1:
        f = drop.files[0]
        message = t("impor.done", batch=ids[0], rows=n(f.outcome.rows), kind=t(f"impor.noun.{f.kind}"),
                    period=period_text(f.period), warnings=warn)
    else:
        message = t("impor.drop_done", batches=", ".join(f"#{b}" for b in ids), files=n(len(ids)),
                    rows=n(drop.rows), period=period_text(drop.period), warnings=warn)
    st.session_state[DONE] = {"message": message, "period": drop.period}
    forget_drop()
    if drop.period is not None:
        # placed and stored now (the same engine the pages run): the period's 9-box draws at once
        services.prepare(drop.period)
        if len(ids) > 1:   # a period's files: on to its 9-box, from here (no Impor run)
            import_done.go_to_period(drop.period)


def forget_drop() -> None:
    """After a write: the drop's files, checks and mappings go, and the uploader comes back empty."""
    st.session_state["impor_nonce"] = st.session_state.get("impor_nonce", 0) + 1
    for key in ("impor_tables", CHECKED, "impor_default", USED):
        st.session_state.pop(key, None)


def demo_notice(demo: dict) -> bool:
    """What the first real import removes while the demo is in the database; True once confirmed."""
    periods = ", ".join(str(p) for p in demo["periods"]) or "–"
    st.warning(t("impor.demo_notice", periods=periods, asn=n(demo["asn"]), posts=n(demo["target_post"]),
                 discipline=n(demo["discipline"]), calibration=n(demo["calibration"]),
                 discussion=n(demo["discussion"]), development=n(demo["development_action"])),
               icon=":material/delete_sweep:")
    return st.checkbox(t("impor.demo_confirm"), key="impor_demo_confirm")
