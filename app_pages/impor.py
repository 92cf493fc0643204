"""Impor Data: upload → column mapping → check report → one atomic import; templates; history and undo.

Thin: the work is done by data.importing (pure) and data.store; this page arranges widgets.
"""
from __future__ import annotations

import hashlib
import logging
from datetime import date
from functools import partial

import pandas as pd
import streamlit as st

from data.importing import KINDS, Rejected, pipeline
from data.importing.fields import FIELDS, PERIOD_KINDS, is_sensitive
from data.importing.normalise import text as cell_text
from data.importing.report import report_xlsx
from data.importing.templates import template_name, template_xlsx
from data.store import StoreError
from common import fmt
from ui import services
from common.i18n import language, t
from ui.user import acting_user

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
COUNTED = {"personnel": "asn_period", "performance": "performance", "assessment": "assessment",
           "discipline": "discipline", "target-posts": "target_post"}

lang = language()
store = services.store()
log = logging.getLogger(__name__)


def guarded(section) -> None:
    """Run a section; a bug shows one sentence (details go to the server log), never a trace."""
    try:
        section()
    except StoreError as exc:
        st.error(str(exc))
    except Exception:
        log.exception("Impor Data: unexpected error")
        st.error(t("impor.unexpected"))


def kind_label(kind: str) -> str:
    return t(f"impor.kind.{kind}")


def n(x: int) -> str:
    return fmt.num(x, lang=lang)


def finish(message: str) -> None:
    services.clear_data_caches()   # the old data's frames go now, not at each session's next read
    st.session_state["impor_flash"] = message
    st.session_state["impor_nonce"] = st.session_state.get("impor_nonce", 0) + 1
    for key in ("impor_table", "impor_outcome"):
        st.session_state.pop(key, None)
    st.rerun()


st.title(t("impor.title"))
st.caption(t("impor.caption"))
if flash := st.session_state.pop("impor_flash", None):
    st.success(flash)

tab_upload, tab_templates, tab_history = st.tabs(
    [t("impor.tab_upload"), t("impor.tab_templates"), t("impor.tab_history")])


# -- upload, mapping, check, import ---------------------------------------------------------------

def read_table(name: str, content: bytes, digest: str):
    cached = st.session_state.get("impor_table")
    if cached and cached[0] == digest:
        return cached[1]
    bar = st.progress(0.0, text=t("impor.reading"))
    try:
        table = pipeline.read(content, name, lambda f, txt: bar.progress(min(f, 1.0), text=txt))
    finally:
        bar.empty()
    st.session_state["impor_table"] = (digest, table)
    return table


def mapping_editor(table, kind: str, digest: str) -> dict[int, str]:
    fields = FIELDS[kind]
    label_of = {f.name: f.label for f in fields}
    name_of = {f.label: f.name for f in fields}
    default = pipeline.default_mapping(store, table, kind)
    samples = []
    for i in range(len(table.headers)):
        col = table.rows[i] if i in table.rows.columns else pd.Series(dtype=object)
        vals = [cell_text(v) for v in col.head(200) if cell_text(v)][:3]
        samples.append(" · ".join(vals))
    frame = pd.DataFrame({
        "kolom": table.headers,
        "contoh": samples,
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
    return mapping


def show_outcome(outcome) -> None:
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
        shown = shown.assign(baris=shown["baris"].map(lambda b: "–" if pd.isna(b) else str(int(b))).astype(object))
        st.dataframe(shown, hide_index=True, width="stretch", column_config={
            "baris": st.column_config.TextColumn(t("impor.issue_row"), width="small"),
            "kolom": st.column_config.TextColumn(t("impor.issue_col"), width="small"),
            "tingkat": st.column_config.TextColumn(t("impor.issue_level"), width="small"),
            "pesan": st.column_config.TextColumn(t("impor.issue_msg"), width="large")})
        if len(outcome.issues) > len(shown):
            st.caption(t("impor.issues_more", shown=n(len(shown)), total=n(len(outcome.issues))))
    stem = outcome.table.file_name.rsplit(".", 1)[0]
    st.download_button(t("impor.report"), data=partial(report_xlsx, outcome), file_name=f"laporan-{stem}.xlsx",
                       mime=XLSX_MIME, on_click="ignore", key="impor_report", icon=":material/description:")
    if outcome.frames:
        with st.expander(t("impor.preview")):
            st.dataframe(outcome.preview.head(50), width="stretch")


def upload_flow() -> None:
    periods = store.periods()
    c1, c2 = st.columns([2, 1])
    kind_choice = c1.selectbox(t("impor.kind"), ["auto", *KINDS], key="impor_kind",
                               format_func=lambda k: t("impor.kind_auto") if k == "auto" else kind_label(k))
    period_value = c2.number_input(t("impor.period"), min_value=1990, max_value=2100, step=1, key="impor_period",
                                   value=max(periods) if periods else date.today().year - 1,
                                   help=t("impor.period_help"))
    upload = st.file_uploader(t("impor.file"), type=["xlsx", "xls", "csv"], help=t("impor.file_help"),
                              key=f"impor_file_{st.session_state.get('impor_nonce', 0)}")
    if upload is None:
        return
    content = upload.getvalue()
    digest = hashlib.sha256(content).hexdigest()
    try:
        table = read_table(upload.name, content, digest)
        kind = pipeline.resolve_kind(table, None if kind_choice == "auto" else kind_choice)
    except Rejected as exc:
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
            f"{h} ({t('impor.sensitive')})" if is_sensitive(h) else h for h in ignored)))
    constants = {}
    if kind == "assessment" and "sumber" not in mapping.values():
        constants["sumber"] = st.selectbox(t("impor.sumber_constant"), ["CACT", "AC", "LAIN"], key="impor_sumber")
    period = int(period_value) if kind in PERIOD_KINDS else None
    key = (digest, kind, period, tuple(sorted(mapping.items())), tuple(sorted(constants.items())))
    cached = st.session_state.get("impor_outcome")
    if cached and cached[0] == key:
        outcome = cached[1]
    else:
        bar = st.progress(0.4, text=t("impor.checking"))
        try:
            outcome = pipeline.check(store, table, kind, mapping, period, constants,
                                     lambda f, txt: bar.progress(min(f, 1.0), text=txt))
        except Rejected as exc:
            st.error(str(exc))
            return
        finally:
            bar.empty()
        st.session_state["impor_outcome"] = (key, outcome)
    show_outcome(outcome)
    if outcome.ok:
        current = store.count_rows(COUNTED[kind], outcome.period if kind in PERIOD_KINDS else None)
        if current:
            st.warning(t("impor.replaces", n=n(current), what=t(f"impor.noun.{kind}")
                         + (t("impor.period_suffix", period=outcome.period) if outcome.period else "")))
    remember = st.checkbox(t("impor.remember"), value=True, key="impor_remember")
    if not st.button(t("impor.submit"), type="primary", disabled=not outcome.ok, key="impor_submit"):
        return
    with st.status(t("impor.writing"), expanded=True) as status:
        try:
            batch = pipeline.commit(store, outcome, acting_user(), remember=remember,
                                    progress=lambda f, txt: status.write(txt))
        except (Rejected, StoreError) as exc:
            status.update(state="error")
            st.error(str(exc))
            return
    warn = t("impor.done_warnings", n=n(outcome.warnings)) if outcome.warnings else ""
    period_txt = t("impor.period_suffix", period=outcome.period) if outcome.period is not None else ""
    finish(t("impor.done", batch=batch, rows=n(outcome.rows), kind=t(f"impor.noun.{kind}"),
             period=period_txt, warnings=warn))


with tab_upload:
    guarded(upload_flow)


# -- templates ------------------------------------------------------------------------------------

def templates_section() -> None:
    st.caption(t("impor.templates_intro"))
    lists = {"opd": store.opd()["nama"].tolist(), "jenjang": store.job_levels()["jenjang_jabatan"].tolist()}
    for kind in KINDS:
        c1, c2 = st.columns([3, 2])
        c1.markdown(f"**{kind_label(kind)}**  \n`{template_name(kind)}`")
        c2.download_button(t("impor.template_download"), data=partial(template_xlsx, kind, lists),
                           file_name=template_name(kind), mime=XLSX_MIME, on_click="ignore",
                           key=f"impor_tpl_{kind}", icon=":material/download:")


with tab_templates:
    guarded(templates_section)


# -- history and undo -----------------------------------------------------------------------------

def undo_section() -> None:
    st.markdown(f"**{t('impor.undo')}**")
    undoable = store.undoable_imports()
    if undoable.empty:
        st.caption(t("impor.nothing_to_undo"))
        return
    st.caption(t("impor.undo_help"))
    rows = undoable.set_index("batch_id")

    def describe(b: int) -> str:
        r = rows.loc[b]
        period = t("impor.no_period") if pd.isna(r["period"]) else f"{int(r['period'])}"
        return (f"#{b} · {kind_label(r['kind'])} · {period} · {r['file_name'] or '-'} · "
                f"{n(int(r['row_count']))} · {r['created_at']:%d-%m-%Y %H:%M}")

    pick = st.selectbox(t("impor.undo_pick"), undoable["batch_id"].tolist(), format_func=describe,
                        key="impor_undo_pick")
    sure = st.checkbox(t("impor.undo_confirm"), key="impor_undo_confirm")
    if not st.button(t("impor.undo_button"), disabled=not sure, key="impor_undo_button"):
        return
    r = rows.loc[pick]
    period = None if pd.isna(r["period"]) else int(r["period"])
    try:
        done = store.undo_import(r["kind"], period, acting_user())
    except StoreError as exc:
        st.error(str(exc))
        return
    st.session_state.pop("impor_undo_confirm", None)
    finish(t("impor.undo_done", batch=done["batch_id"]))


def history_section() -> None:
    st.markdown(f"**{t('impor.history')}**")
    hist = store.import_history()
    if hist.empty:
        st.caption(t("impor.history_empty"))
        return
    hist = hist.assign(kind=hist["kind"].map(lambda k: kind_label(k) if k in KINDS or k == "demo" else k))
    st.dataframe(hist, hide_index=True, width="stretch", column_config={
        "batch_id": st.column_config.NumberColumn(t("impor.h_batch"), format="%d", width="small"),
        "created_at": st.column_config.DatetimeColumn(t("impor.h_time"), format="DD-MM-YYYY HH:mm"),
        "kind": t("impor.h_kind"),
        "period": st.column_config.NumberColumn(t("impor.h_period"), format="%d"),
        "source": t("impor.h_source"), "file_name": t("impor.h_file"),
        "row_count": st.column_config.NumberColumn(t("impor.h_rows")),
        "warning_count": st.column_config.NumberColumn(t("impor.h_warnings")),
        "created_by": t("impor.h_user"),
        "undone_at": st.column_config.DatetimeColumn(t("impor.h_undone"), format="DD-MM-YYYY HH:mm"),
        "undone_by": None,
    })


with tab_history:
    guarded(undo_section)
    guarded(history_section)
