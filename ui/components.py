"""Building blocks the pages share: table height, a person table that opens the profile, and an
audited xlsx download button. Pages arrange these; they do not repeat them."""
from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping

import pandas as pd
import streamlit as st

from common.i18n import language, speaking, t
from ui import privacy, profile, services
from ui.user import acting_user, can

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ROW_PX = 35      # st.dataframe's row height
HEADER_PX = 38   # header row plus border


def table_height(rows: int, max_px: int = 420, min_rows: int = 1) -> int:
    """Pixels that fit ``rows`` rows (at least ``min_rows``) without an empty band, capped at ``max_px``."""
    return min(max_px, HEADER_PX + ROW_PX * max(rows, min_rows))


def view_key(prefix: str, *signature: object) -> str:
    """A widget key per shown list: a table selection holds row positions, so a different list must
    get a different key and a stale position never points at someone never clicked."""
    return f"{prefix}_{hashlib.sha1(repr(signature).encode()).hexdigest()[:12]}"


# A Styler's display values cost Streamlit ~0.2 ms a row to send (measured: 1,000 rows 0.2–0.4 s,
# 5,000 rows 1.1 s on the 2-core machine); longer lists keep the grid's own number display so a click
# stays instant (rounded to the same precision). A box of the 6k demo holds at most ~500 people.
STYLED_ROWS_MAX = 1_000


def local_decimals(frame: pd.DataFrame, precision: int = 1, lang: str | None = None,
                   columns: list[str] | None = None):
    """``frame`` with its float columns (or only ``columns``) written the language's way (1.234,5 in
    Indonesian) by a pandas Styler; unchanged when it has none. The grid still sorts by the numbers.
    Give those columns no ``format`` in the column config: a configured format would be applied to the
    raw number instead (and Streamlit's ``format="localized"`` follows the browser, not the app's
    language). A progress bar column is left out through ``columns``: its text comes from its format."""
    floats = [c for c in frame.columns if pd.api.types.is_float_dtype(frame[c])
              and (columns is None or c in columns)]
    if not floats or frame.empty:
        return frame
    if len(frame) > STYLED_ROWS_MAX:   # the grid's decimal point, at the same precision
        return frame.assign(**{c: frame[c].round(precision) for c in floats})
    decimal, thousands = (",", ".") if (lang or language()) == "id" else (".", ",")  # ≤ STYLED_ROWS_MAX rows
    return frame.style.format(subset=floats, precision=precision, decimal=decimal, thousands=thousands, na_rep="")


def person_table(table: pd.DataFrame, key: str, column_config: Mapping, on_pick: Callable[[str], None],
                 shown: pd.DataFrame | None = None, height: int | None = None) -> None:
    """A table of people where a click on a person's row, the name or any other cell (not only the small
    row marker) calls ``on_pick(nip)``, once per pick.

    ``table`` holds the ``nip`` column the pick is read from; ``shown`` (default ``table``) is what
    the browser receives, e.g. the anonymised frame; its float columns are shown with the language's
    decimal comma (:func:`local_decimals`). ``key`` should come from :func:`view_key`."""
    shown = table if shown is None else shown
    event = st.dataframe(local_decimals(shown), hide_index=True, width="stretch", key=key, on_select="rerun",
                         selection_mode=["single-row", "single-cell"], column_config=dict(column_config),
                         height=table_height(len(table)) if height is None else height)
    selection = event.selection if event is not None else {}
    picked = list(selection.get("rows", [])) or [row for row, _ in selection.get("cells", [])]
    nip = table.iloc[picked[0]]["nip"] if picked else None
    last = f"{key.rsplit('_', 1)[0]}_last"
    if st.session_state.get(last) != (key, nip):
        st.session_state[last] = (key, nip)
        if nip is not None:
            on_pick(nip)


def open_profile(nip: str, period: int, scope, on_close: Callable[[], None] | None = None) -> None:
    """The profile drawer of one person (``nip`` may be a pseudonym while identities are hidden).

    Without ``on_close`` the drawer shows for one run. With it, the caller keeps it open across
    reruns (a screen that refreshes itself) until the user closes it, which calls ``on_close``."""
    @st.dialog(t("profil.title"), width="large", on_dismiss=on_close or "ignore")
    def _dialog() -> None:
        profile.render(privacy.real_nip(nip), period, scope)
    _dialog()


def xlsx_download(label: str, build: Callable[[], bytes], file_name: str, key: str, action: str, entity: str,
                  detail: Callable[[], dict] | dict | None = None, mime: str = XLSX_MIME) -> None:
    """A download button for users allowed to export; the workbook (or another file: ``mime``) is built
    on the click and the export is written to the audit log under the user who asked (captured now: the
    click runs later)."""
    if not can("ekspor"):
        return
    who, lang = acting_user(), language()

    def _build() -> bytes:
        services.audit(who, action, entity, detail() if callable(detail) else (detail or {}))
        with speaking(lang):        # the click runs outside the page: the file speaks the page's language
            return build()

    st.download_button(label, data=_build, file_name=file_name, mime=mime, on_click="ignore",
                       icon=":material/download:", key=key)
