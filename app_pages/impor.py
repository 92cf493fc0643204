"""Impor Data: upload → column mapping → check report → one atomic import; templates; history and undo.

Thin: the work is done by the import pipeline through ui/importing.py; this page arranges widgets.
"""
from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable
from datetime import date
from functools import partial

import pandas as pd
import streamlit as st

from common import fmt
from common.i18n import language, t
from ui import importing
from ui.components import XLSX_MIME

LOG = logging.getLogger(__name__)


def main() -> None:
    st.title(t("impor.title"))
    st.caption(t("impor.caption"))
    if flash := st.session_state.pop("impor_flash", None):
        st.success(flash)
    tab_upload, tab_templates, tab_history = st.tabs(
        [t("impor.tab_upload"), t("impor.tab_templates"), t("impor.tab_history")])
    with tab_upload:
        guarded(upload_flow)
    with tab_templates:
        guarded(templates_section)
    with tab_history:
        guarded(undo_section)
        guarded(history_section)


def guarded(section: Callable[[], None]) -> None:
    """Run a section; a bug shows one sentence (details go to the server log), never a trace."""
    try:
        section()
    except importing.StoreError as exc:
        st.error(str(exc))
    except Exception:
        LOG.exception("Impor Data: unexpected error")
        st.error(t("impor.unexpected"))


def kind_label(kind: str, lang: str | None = None) -> str:
    return t(f"impor.kind.{kind}", lang=lang)


def n(x: int) -> str:
    return fmt.num(x, lang=language())


def finish(message: str) -> None:
    """After a write: fresh data everywhere, the message shown once, a new empty uploader."""
    importing.after_write()
    st.session_state["impor_flash"] = message
    st.session_state["impor_nonce"] = st.session_state.get("impor_nonce", 0) + 1
    for key in ("impor_table", "impor_outcome", "impor_default"):
        st.session_state.pop(key, None)
    st.rerun()


# -- upload, mapping, check, import ---------------------------------------------------------------
def read_table(name: str, content: bytes, digest: str) -> importing.RawTable:
    """The uploaded file read once per content (kept in the session while it is being mapped)."""
    cached = st.session_state.get("impor_table")
    if cached and cached[0] == digest:
        return cached[1]
    bar = st.progress(0.0, text=t("impor.reading"))
    try:
        table = importing.read(content, name, lambda f, txt: bar.progress(min(f, 1.0), text=txt))
    finally:
        bar.empty()
    st.session_state["impor_table"] = (digest, table)
    return table


def mapping_editor(table: importing.RawTable, kind: str, digest: str) -> dict[int, str]:
    """Column → field, proposed and editable; a field picked twice counts once (with a warning).
    The proposal is made once per file and kind, so a choice remembered meanwhile leaves the editor
    as it is."""
    fields = importing.FIELDS[kind]
    label_of = {f.name: f.label for f in fields}
    name_of = {f.label: f.name for f in fields}
    cached = st.session_state.get("impor_default")
    if cached and cached[0] == (digest, kind):
        default = cached[1]
    else:
        default = importing.default_mapping(table, kind)
        st.session_state["impor_default"] = ((digest, kind), default)
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


def show_outcome(outcome: importing.Outcome) -> None:
    """The check's counts, its issues (errors first) and the report workbook."""
    c1, c2, c3 = st.columns(3)
    c1.metric(t("impor.rows"), n(outcome.rows), border=True)
    c2.metric(t("impor.errors"), n(outcome.errors), border=True)
    c3.metric(t("impor.warnings"), n(outcome.warnings), border=True)
    period = t("impor.period_suffix", period=outcome.period) if outcome.period is not None else ""
    if outcome.errors:
        st.error(t("impor.has_errors", n=n(outcome.errors)))
    elif outcome.ok:
        st.success(t("impor.ready", rows=n(outcome.rows), kind=t(f"impor.noun.{outcome.kind}"), period=period))
    if len(outcome.issues):
        st.markdown(f"**{t('impor.issues')}**")
        shown = outcome.issues.sort_values("tingkat", key=lambda s: s.ne("galat"), kind="stable").head(1000)
        shown = shown.assign(baris=shown["baris"].map(lambda b: "–" if pd.isna(b) else str(int(b))).astype(object),
                             tingkat=shown["tingkat"].map(lambda v: t(f"label.level.{v}")).astype(object))
        st.dataframe(shown, hide_index=True, width="stretch", column_config={
            "baris": st.column_config.TextColumn(t("impor.issue_row"), width="small"),
            "kolom": st.column_config.TextColumn(t("impor.issue_col"), width="small"),
            "tingkat": st.column_config.TextColumn(t("impor.issue_level"), width="small"),
            "pesan": st.column_config.TextColumn(t("impor.issue_msg"), width="large")})
        if len(outcome.issues) > len(shown):
            st.caption(t("impor.issues_more", shown=n(len(shown)), total=n(len(outcome.issues))))
    stem = outcome.table.file_name.rsplit(".", 1)[0]
    st.download_button(t("impor.report"), data=partial(importing.report, outcome), file_name=f"laporan-{stem}.xlsx",
                       mime=XLSX_MIME, on_click="ignore", key="impor_report", icon=":material/description:")
    if outcome.frames:
        with st.expander(t("impor.preview")):
            st.dataframe(importing.preview_table(outcome, language()), hide_index=True, width="stretch")


def upload_flow() -> None:
    """Upload → read → map → check; the import button once the check has no errors."""
    periods = importing.periods()
    lang = language()
    c1, c2 = st.columns([2, 1])
    kind_choice = c1.selectbox(t("impor.kind"), ["auto", *importing.KINDS], key="impor_kind",
                               format_func=lambda k: t("impor.kind_auto", lang=lang) if k == "auto"
                               else kind_label(k, lang))
    period_value = c2.number_input(t("impor.period"), min_value=1990, max_value=2100, step=1, key="impor_period",
                                   value=max(periods) if periods else date.today().year - 1,
                                   help=t("impor.period_help"))
    limit_mb = importing.read_limits().upload_mb      # above it importing.read refuses, in Indonesian
    upload = st.file_uploader(t("impor.file"), type=["xlsx", "xls", "csv"],
                              help=t("impor.file_help") + " " + t("impor.file_limit", mb=n(limit_mb)),
                              key=f"impor_file_{st.session_state.get('impor_nonce', 0)}")
    if upload is None:
        return
    content = upload.getvalue()
    digest = hashlib.sha256(content).hexdigest()
    try:
        table = read_table(upload.name, content, digest)
        kind = importing.resolve_kind(table, None if kind_choice == "auto" else kind_choice)
    except importing.Rejected as exc:
        st.error(str(exc))
        return
    sheet = t("impor.sheet", sheet=table.sheet) if table.sheet else ""
    st.info(t("impor.read_info", file=table.file_name, sheet=sheet, rows=n(table.n_rows), kind=kind_label(kind),
              header="–".join(map(str, table.header_rows)),
              detected=t("impor.detected") if kind_choice == "auto" else ""))
    mapping = mapping_editor(table, kind, digest)
    ignored = [h for i, h in enumerate(table.headers) if i not in mapping]
    if ignored:
        st.caption(t("impor.ignored", cols=", ".join(
            f"{h} ({t('impor.sensitive')})" if importing.is_sensitive(h) else h for h in ignored)))
    constants = {}
    if kind == "assessment" and "sumber" not in mapping.values():
        constants["sumber"] = st.selectbox(t("impor.sumber_constant"), ["CACT", "AC", "LAIN"], key="impor_sumber")
    confirm_opd_key = f"impor_opd_{digest[:16]}_{kind}"
    outcome = checked(table, kind, mapping, int(period_value) if kind in importing.PERIOD_KINDS else None, constants,
                      digest, bool(st.session_state.get(confirm_opd_key, False)))
    if outcome is None:
        return
    if outcome.new_opd:
        new_opd_confirmation(outcome, confirm_opd_key)
    import_button(outcome, kind)


def new_opd_confirmation(outcome: importing.Outcome, key: str) -> None:
    """OPDs the database does not know: errors until the operator confirms adding them, by name."""
    names = outcome.new_opd
    st.markdown(t("impor.new_opd", n=n(len(names))) + "\n\n" + "\n".join(f"- {fmt.plain(name)}" for name in names))
    st.checkbox(t("impor.new_opd_confirm", n=n(len(names))), key=key, help=t("impor.new_opd_help"))


def checked(table: importing.RawTable, kind: str, mapping: dict[int, str], period: int | None, constants: dict,
            digest: str, allow_new_opd: bool) -> importing.Outcome | None:
    """The check of this file, mapping and period (once per combination), shown; None when rejected.
    A mapping fixed by hand is remembered as the check runs, so a corrected re-upload gets it."""
    key = (digest, kind, period, tuple(sorted(mapping.items())), tuple(sorted(constants.items())), allow_new_opd)
    cached = st.session_state.get("impor_outcome")
    if cached and cached[0] == key:
        outcome = cached[1]
    else:
        if saved := importing.remember(table, kind, mapping):
            st.toast(t("impor.mapping_saved", n=n(len(saved))), icon=":material/bookmark:")
        bar = st.progress(0.4, text=t("impor.checking"))
        try:
            outcome = importing.check(table, kind, mapping, period, constants,
                                      lambda f, txt: bar.progress(min(f, 1.0), text=txt), allow_new_opd)
        except importing.Rejected as exc:
            st.error(str(exc))
            return None
        finally:
            bar.empty()
        st.session_state["impor_outcome"] = (key, outcome)
    show_outcome(outcome)
    return outcome


def import_button(outcome: importing.Outcome, kind: str) -> None:
    """What the import replaces (all the demo data, on the first real import: confirmed by the
    operator), and the import itself."""
    demo = importing.demo_replacement()
    sure = True
    if demo is not None:
        sure = demo_notice(demo)
    elif outcome.ok:
        current = importing.rows_replaced(kind, outcome.period, outcome)
        if current:
            st.warning(t("impor.replaces", n=n(current), what=t(f"impor.noun.{kind}")
                         + (t("impor.period_suffix", period=outcome.period) if outcome.period else "")))
    if not st.button(t("impor.submit"), type="primary", disabled=not (outcome.ok and sure), key="impor_submit"):
        return
    with st.status(t("impor.writing"), expanded=True) as status:
        try:
            batch = importing.commit(outcome, True, lambda f, txt: status.write(txt))
        except (importing.Rejected, importing.StoreError) as exc:
            status.update(state="error")
            st.error(str(exc))
            return
    warn = t("impor.done_warnings", n=n(outcome.warnings)) if outcome.warnings else ""
    period_txt = t("impor.period_suffix", period=outcome.period) if outcome.period is not None else ""
    finish(t("impor.done", batch=batch, rows=n(outcome.rows), kind=t(f"impor.noun.{kind}"),
             period=period_txt, warnings=warn))


def demo_notice(demo: dict) -> bool:
    """What the first real import removes while the demo is in the database; True once confirmed."""
    periods = ", ".join(str(p) for p in demo["periods"]) or "–"
    st.warning(t("impor.demo_notice", periods=periods, asn=n(demo["asn"]), posts=n(demo["target_post"]),
                 discipline=n(demo["discipline"]), calibration=n(demo["calibration"]),
                 discussion=n(demo["discussion"]), development=n(demo["development_action"])),
               icon=":material/delete_sweep:")
    return st.checkbox(t("impor.demo_confirm"), key="impor_demo_confirm")


# -- templates ------------------------------------------------------------------------------------
def templates_section() -> None:
    st.caption(t("impor.templates_intro"))
    lists = importing.template_lists()
    for kind in importing.KINDS:
        c1, c2 = st.columns([3, 2])
        c1.markdown(f"**{kind_label(kind)}**  \n`{importing.template_name(kind)}`")
        c2.download_button(t("impor.template_download"), data=partial(importing.template_xlsx, kind, lists),
                           file_name=importing.template_name(kind), mime=XLSX_MIME, on_click="ignore",
                           key=f"impor_tpl_{kind}", icon=":material/download:")


# -- history and undo -----------------------------------------------------------------------------
def undo_section() -> None:
    st.markdown(f"**{t('impor.undo')}**")
    undoable = importing.undoable()
    if undoable.empty:
        st.caption(t("impor.nothing_to_undo"))
        return
    locked = undoable[undoable["locked"]]
    if not locked.empty:   # a finalised period's imports are not offered (the store refuses them too)
        st.info(t("impor.undo_locked", items="; ".join(
            f"#{r.batch_id} · {kind_label(r.kind)} · {int(r.period)}" for r in locked.itertuples(index=False))),
            icon=":material/lock:")
    undoable = undoable[~undoable["locked"]]
    if undoable.empty:
        return
    st.caption(t("impor.undo_help"))
    rows = undoable.set_index("batch_id")
    lang = language()

    def describe(b: int) -> str:
        r = rows.loc[b]
        period = t("impor.no_period", lang=lang) if pd.isna(r["period"]) else f"{int(r['period'])}"
        return (f"#{b} · {kind_label(r['kind'], lang)} · {period} · {fmt.cell(r['file_name'], lang)} · "
                f"{fmt.num(int(r['row_count']), lang=lang)} · {fmt.cell(r['created_at'], lang)}")

    pick = st.selectbox(t("impor.undo_pick"), undoable["batch_id"].tolist(), format_func=describe,
                        key="impor_undo_pick")
    r = rows.loc[pick]
    dependents = [int(b) for b in r["dependents"]]
    together = True
    if dependents:   # a personnel import later performance/assessment imports read: only all together
        st.warning(t("impor.undo_dependents", items="; ".join(
            f"#{b} · {kind_label(k)} · {int(r['period'])}" for b, k in zip(dependents, r["dependent_kinds"]))))
        together = st.checkbox(t("impor.undo_dependents_confirm"), key="impor_undo_together")
    sure = st.checkbox(t("impor.undo_confirm"), key="impor_undo_confirm")
    if not st.button(t("impor.undo_button"), disabled=not (sure and together), key="impor_undo_button"):
        return
    try:
        done = importing.undo(r["kind"], None if pd.isna(r["period"]) else int(r["period"]),
                              with_dependents=bool(dependents))
    except importing.StoreError as exc:
        st.error(str(exc))
        return
    for key in ("impor_undo_confirm", "impor_undo_together"):
        st.session_state.pop(key, None)
    finish(t("impor.undo_done_together", batch=done["batch_id"], others=", ".join(f"#{b}" for b in done["together"]))
           if done.get("together") else t("impor.undo_done", batch=done["batch_id"]))


def history_section() -> None:
    st.markdown(f"**{t('impor.history')}**")
    hist = importing.history()
    if hist.empty:
        st.caption(t("impor.history_empty"))
        return
    lang = language()
    shown = importing.history_table(
        hist, lang, lambda k: kind_label(k, lang) if k in importing.KINDS or k == "demo" else fmt.cell(k, lang))
    st.dataframe(shown, hide_index=True, width="stretch")


main()
