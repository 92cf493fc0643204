"""Impor Data: drop one or several files → column mapping → one check report → one atomic import;
templates; history and undo.

Thin: the upload tab is ui/importing_drop.py, the work the import pipeline's through ui/importing.py;
this page arranges sections.
"""
from __future__ import annotations

import logging
from collections.abc import Callable
from functools import partial

import pandas as pd
import streamlit as st

from common import fmt
from common.i18n import language, t
from ui import import_done, importing, importing_drop
from ui.components import XLSX_MIME

LOG = logging.getLogger(__name__)
TABS = "impor_tab"   # the open tab (its label)


def main() -> None:
    st.title(t("impor.title"))
    st.caption(t("impor.caption"))
    if flash := st.session_state.pop("impor_flash", None):
        st.success(flash)
    import_done.done_notice()
    # Only the open tab is built: a drop's runs do not query and send the templates and the history too
    tab_upload, tab_templates, tab_history = st.tabs(
        [t("impor.tab_upload"), t("impor.tab_templates"), t("impor.tab_history")], key=TABS, on_change="rerun")
    if tab_upload.open:
        with tab_upload:
            guarded(importing_drop.upload_section)
    if tab_templates.open:
        with tab_templates:
            guarded(templates_section)
    if tab_history.open:
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
    importing_drop.forget_drop()
    st.rerun()


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
    # the files of one drop are undone together: offered once
    undoable = undoable[undoable["drop_id"].isna() | ~undoable["drop_id"].duplicated()]
    if undoable.empty:
        return
    st.caption(t("impor.undo_help"))
    rows = undoable.set_index("batch_id")
    lang = language()

    def describe(b: int) -> str:
        r = rows.loc[b]
        period = t("impor.no_period", lang=lang) if pd.isna(r["period"]) else f"{int(r['period'])}"
        if len(r["drop_batches"]) > 1:
            return t("impor.drop_undo_item", lang=lang, batches=", ".join(f"#{x}" for x in sorted(r["drop_batches"])),
                     kinds=", ".join(kind_label(k, lang) for k in reversed(list(r["drop_kinds"]))), period=period,
                     at=fmt.cell(r["created_at"], lang))
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
