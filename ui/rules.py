"""Aturan & sumber: every rule table with its source and confidence mark, for admins (read only).

The tables are read from the store as they are (every ``rule_*`` table and the sourced reference
tables), so a rule table added by a migration shows up here without a change: under "Lainnya", with
its name and headers made readable until the catalogs give it proper ones.
"""
from __future__ import annotations

import re

import pandas as pd
import streamlit as st
from streamlit.errors import StreamlitAPIException

from analytics.sources import MARKS, confidence_marks
from common import fmt
from common.i18n import catalog, language, t
from ui import services
from ui.user import can

#: Sections of the page, each with its tables in reading order; a table in none goes to "lainnya".
SECTIONS: dict[str, tuple[str, ...]] = {
    "ninebox": ("rule_box", "rule_cutoff", "rule_predikat", "rule_predikat_pair", "rule_legacy_score",
                "rule_axis_weight", "education_level", "rule_integrity"),
    "competency": ("competency", "rule_skj", "rule_jpm_band"),
    "succession": ("rule_eligibility", "rule_retirement", "job_level"),
    "calibration": ("rule_distribution", "calibration_reason"),
    "development": ("development_action_type",),
    "settings": ("setting",),
}
#: Where a table can be changed in the app (page script, catalog key of the link); others through an
#: admin's migration or the command line, as the operations guide says.
EDITORS: dict[str, tuple[str, str]] = {
    "rule_cutoff": ("app_pages/sembilan_kotak.py", "aturan.edit_cutoff"),
    "rule_distribution": ("app_pages/kalibrasi.py", "aturan.edit_calibration"),
    "calibration_reason": ("app_pages/kalibrasi.py", "aturan.edit_calibration"),
}
MARK_COLUMN = "_tanda"
_IDENTIFIER = re.compile(r"^[A-Za-z0-9]+(_[A-Za-z0-9]+)+$")


def _known(key: str) -> bool:
    return key in catalog(language()) or key in catalog("id")


def readable(name: str) -> str:
    """A code name as words: ``rule_jpm_band`` → "Jpm band", ``batas_bawah`` → "Batas bawah"."""
    words = name.removeprefix("rule_").replace("_", " ").strip()
    return words[:1].upper() + words[1:]


def table_title(name: str) -> str:
    key = f"aturan.table.{name}"
    return t(key) if _known(key) else readable(name)


def column_label(column: str) -> str:
    key = f"aturan.col.{column}"
    return t(key) if _known(key) else readable(column)


def sections(tables: list[str]) -> list[tuple[str, list[str]]]:
    """(section key, its tables present in the database) in page order; unknown tables under "lainnya"."""
    out = [(key, [n for n in names if n in tables]) for key, names in SECTIONS.items()]
    placed = {n for names in SECTIONS.values() for n in names}
    out.append(("other", sorted(n for n in tables if n not in placed)))
    return [(key, names) for key, names in out if names]


def _cell(value: object, column: str, lang: str) -> str:
    if column == "period":
        return t("aturan.every_period") if _missing(value) else str(int(value))
    if _missing(value):
        return fmt.MISSING
    if isinstance(value, bool):
        return t("aturan.yes") if value else t("aturan.no")
    if isinstance(value, int | float):
        return fmt.num(value, 0 if float(value).is_integer() else 2, lang=lang)
    text = str(value)
    if text == "*":   # a rule row for every level (a bare "*" would also draw as a bullet)
        return t("aturan.every")
    return text.replace("_", " ") if _IDENTIFIER.match(text) else text


def _missing(value: object) -> bool:
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def shown(rows: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The table as read: every cell as text (numbers in the language's format, yes/no, no code
    names), the confidence marks of each row's source beside it, human headers."""
    out = pd.DataFrame({c: [_cell(v, c, lang) for v in rows[c]] for c in rows.columns}, index=rows.index)
    if "sumber" in rows.columns:   # the marks just before the source they come from
        out.insert(out.columns.get_loc("sumber"), MARK_COLUMN,
                   [", ".join(confidence_marks(s)) or fmt.MISSING for s in rows["sumber"]])
    return out.rename(columns={c: column_label(c) for c in out.columns}).reset_index(drop=True)


def mark_counts(tables: dict[str, pd.DataFrame]) -> dict[str, int]:
    """Rows per confidence mark over every table (a row with two marks counts for both)."""
    counts = dict.fromkeys(MARKS, 0)
    for rows in tables.values():
        for source in rows.get("sumber", pd.Series(dtype=object)):
            for mark in confidence_marks(source):
                counts[mark] += 1
    return counts


def render() -> None:
    st.title(t("aturan.title"))
    st.caption(t("aturan.intro"))
    store, lang = services.store(), language()
    tables = {name: store.rule_table(name) for name in store.rule_tables()}
    counts = mark_counts(tables)
    for col, mark in zip(st.columns(len(MARKS)), MARKS, strict=True):
        col.metric(t(f"aturan.mark.{mark}"), fmt.num(counts[mark], lang=lang), help=t("aturan.mark_help"), border=True)
    for section, names in sections(list(tables)):
        st.subheader(t(f"aturan.section.{section}"))
        for name in names:
            with st.expander(f"{table_title(name)} · {t('aturan.rows', n=fmt.num(len(tables[name]), lang=lang))}"):
                about = f"aturan.about.{name}"
                if _known(about):
                    st.caption(t(about))
                st.table(shown(tables[name], lang), hide_index=True)   # wraps long sources: read whole
                _editor_link(name)


def _editor_link(name: str) -> None:
    if name in EDITORS:
        page, key = EDITORS[name]
        _page_link(page, t(key))
    else:
        st.caption(t("aturan.no_editor"))


def _page_link(page: str, label: str) -> None:
    """A link to a page of the app; nothing when that page is not in this run's navigation (no period)."""
    try:
        st.page_link(page, label=label, icon=":material/edit:")
    except StreamlitAPIException:
        pass


def sources_link() -> None:
    """For a rule admin, a link to where the sources of the rules on this page are; nothing for others."""
    if can("aturan:ubah"):
        try:
            st.page_link("app_pages/aturan.py", label=t("aturan.see_sources"), icon=":material/menu_book:")
        except StreamlitAPIException:
            pass
