"""The anonymisation switch: one toggle, honoured by every table, hover card, profile and export.

On: names become stable pseudonyms (``ASN 7K3Q-9M2X``), NIPs are masked (18 characters, none
from the NIP), titles, birth dates and units are blanked, post titles show their level, and
group counts under the ``kelompok_minimal`` setting are suppressed in breakdowns. The real NIP
of a masked one is only ever looked up on the server (:func:`real_nip`) for a click.

Who may turn it off: roles with the ``identitas`` permission. For everyone else it is always on.
It switches on by itself when a session enters presentation mode, and stays on until someone allowed
turns it off: its state is the session's (``_ON``), not the toggle widget's. The toggle is one widget
per page script (the sidebar's belongs to ``app.py``, the presentation bar's to its page), and a widget
of a page left behind takes its value, and its URL parameter, with it; so each toggle is drawn from
the session's state and writes back to it when clicked.
"""
from __future__ import annotations

import pandas as pd
import streamlit as st

from analytics.anonymise import MASK, anonymise_people, code, mask_nips_in_text, suppress_small
from analytics.fairness import MIN_GROUP
from common.i18n import t
from data.store import Filters, Scope
from reports.masking import SHOW, Masking
from ui import services
from ui.user import can

KEY = "anonim"
_ON = "_anonim_aktif"  # the switch's state for the whole session (see the module docstring)
_MAP, _BIG_MAP = "_samaran", "_samaran_besar"


def allowed_to_reveal() -> bool:
    return can("identitas")


def is_on() -> bool:
    return not allowed_to_reveal() or _state()


def _state() -> bool:
    """The session's switch; a session's first run takes it from the URL (``anonim=true``: a reload, a link)."""
    if _ON not in st.session_state:
        st.session_state[_ON] = st.query_params.get(KEY) == "true"
    return bool(st.session_state[_ON])


def _clicked() -> None:
    """The toggle's new value becomes the session's. A request the browser sent for a screen the server
    has just replaced (a timer's rerun arriving after the idle check logged the user out) still carries
    the toggle's value, but the toggle's key is gone with that screen: then nothing was clicked here."""
    value = st.session_state.get(KEY)
    if value is not None:
        st.session_state[_ON] = bool(value)


def switch(container=st.sidebar) -> bool:
    """The toggle (shown in the URL as ``anonim``); shown locked on for roles without ``identitas``."""
    if not allowed_to_reveal():
        container.toggle(t("privacy.switch"), value=True, disabled=True, key=f"{KEY}_terkunci",
                         help=t("privacy.locked"))
        container.caption(t("privacy.locked"))  # a disabled toggle reads as "off" at a glance
        return True
    st.session_state[KEY] = _state()  # this page's toggle shows the session's switch, whatever it was here
    return container.toggle(t("privacy.switch"), key=KEY, bind="query-params", help=t("privacy.help"),
                            on_change=_clicked)


def turn_on() -> None:
    """Switch on (before the toggle is drawn in this run): entering presentation mode does this."""
    st.session_state[_ON] = True


def _key() -> bytes:
    return services.pseudonym_key()


def people(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame as it may be shown: anonymised when the switch is on, else unchanged."""
    if not is_on() or frame is None or frame.empty:
        return frame
    out, back = anonymise_people(frame, _key())
    st.session_state.setdefault(_MAP, {}).update(back)
    return Masking(_key()).frame(out)   # NIPs typed into free text (a comment) too, as in files


@services.versioned_cache(max_entries=8)
def _placements(path: str, version: tuple, period: int, opd: tuple, jenis: tuple, asn: tuple,
                scope: tuple | None) -> tuple[pd.DataFrame, dict[str, str]]:
    placed = services.placements(period, Filters(opd, jenis, asn), Scope(scope))
    return anonymise_people(placed, services.pseudonym_key())


def placements(period: int, filters: Filters, scope: Scope) -> pd.DataFrame:
    """``services.placements`` as it may be shown (anonymised frames are cached too: shared, never mutate)."""
    if not is_on():
        return services.placements(period, filters, scope)
    with services.snapshot() as snap:  # keyed by the state it was read from (see services)
        frame, back = _placements(str(snap.path), snap.version, period, filters.opd_ids, filters.jenis_jabatan,
                                  filters.jenis_asn, scope.opd_ids)
    st.session_state[_BIG_MAP] = back
    return frame


def text(frame: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """Free-text columns (audit log) with NIPs masked when the switch is on."""
    if not is_on() or frame.empty:
        return frame
    return frame.assign(**{c: mask_nips_in_text(frame[c], _key()) for c in columns if c in frame.columns})


def masking() -> Masking:
    """What a file made now may carry (capture it in the page run: files are built on the click, where
    the switch cannot be read). Every file builder takes it (``reports.masking``)."""
    return Masking(_key()) if is_on() else SHOW


def token(nip: str) -> str:
    """A widget-key-safe stand-in for a NIP (widget keys travel to the browser)."""
    return code(nip, _key())


def real_nip(shown: str | None) -> str | None:
    """The NIP behind a NIP taken from a shown frame or a chart click (masked or not)."""
    if not isinstance(shown, str) or not shown.startswith(MASK):
        return shown
    return st.session_state.get(_MAP, {}).get(shown) or st.session_state.get(_BIG_MAP, {}).get(shown)


def counts(values: pd.Series) -> pd.Series:
    """Counts for a breakdown table: as numbers, or as text with small groups suppressed when on."""
    if not is_on():
        return values
    return suppress_small(values, min_group())


def min_group() -> int:
    """The ``kelompok_minimal`` setting, never below 5 (a privacy floor)."""
    try:
        return max(MIN_GROUP, int(services.store().setting("kelompok_minimal") or MIN_GROUP))
    except (TypeError, ValueError):
        return MIN_GROUP
