"""The committee's desk on the Kalibrasi page: the decision form, the live watch, who is open.

Several members calibrate the same period at once, each on their own screen:

- **Live**: :func:`watch` is a small fragment on a timer that reads the period's calibration
  fingerprint and reruns the page when someone else saved, so every screen shows every move within
  a few seconds without a click.
- **No lost update**: the form remembers the version of the person's placement the user saw; a save
  based on an older one is refused (``StaleWrite``) with who, when and the new box, and the form
  then shows the stored state while keeping the reason and comment typed.
- **Nothing typed is lost**: the form is a fragment of its own (choosing a box or a reason reruns
  only it); every field keeps a draft (:mod:`ui.drafts`) restored after a browser reload and
  forgotten once saved. A rerun of the page keeps the fields: they live in the session, not the form.
"""
from __future__ import annotations

import time
from dataclasses import dataclass

import streamlit as st

from common.i18n import t
from data.store import Scope
from ui import calibration, privacy

# Seconds between two checks for someone else's save. Short enough that a move shows on every
# screen while it is still being talked about; each check is one small query (counts and latest
# times of the period's calibration and discussion rows), so a room of screens costs nothing.
LIVE_SECONDS = 3
KEY_NIP, KEY_SEEN, KEY_SEEN_VERSION = "kal_nip", "kal_seen_activity", "kal_seen_version"
KEY_FLASH, KEY_REFRESH, KEY_STARTED = "kal_flash", "kal_refresh", "kal_started"


def watch(period: int) -> None:
    """Remember what this run draws, then check on a timer for anyone's later save."""
    st.session_state[KEY_SEEN] = (period, calibration.activity(period))
    _check(period)


@st.fragment(run_every=LIVE_SECONDS)
def _check(period: int) -> None:
    # in a page run this reads the run's own snapshot (equal to what was just drawn); on a timer tick a fresh one
    if st.session_state.get(KEY_SEEN) != (period, calibration.activity(period)):
        st.rerun(scope="app")


def open_person(period: int, nip: str | None) -> None:
    """Open ``nip`` in the form (a callback: the chart, the search, the agenda's "Berikutnya")."""
    if nip:
        st.session_state[KEY_NIP] = nip


def reopen(period: int) -> None:
    """After a browser reload the session starts empty: reopen the person who was open."""
    if st.session_state.get(KEY_NIP) is None and (nip := calibration.open_before(period)):
        st.session_state[KEY_NIP] = nip


@dataclass(frozen=True)
class Person:
    """What the form decides on: who, and their boxes as the page drew them."""
    period: int
    nip: str
    kotak_awal: int
    kotak: int
    scope: Scope


def _keys(nip: str) -> dict[str, str]:
    tk = privacy.token(nip)  # widget keys reach the browser: never the NIP itself
    return {f: f"kal_{f}_{tk}" for f in ("target", "reason", "comment", "disc", "save", "accept")}


def _typed(keys: dict[str, str]) -> dict:
    return {f: st.session_state.get(keys[f]) for f in ("target", "reason", "comment")}


def _keep(p: Person) -> None:
    calibration.keep_draft(p.period, p.nip, _typed(_keys(p.nip)))


def _fill(p: Person, keys: dict[str, str]) -> None:
    """Fields not in the session yet (a person just opened, a reload) start from the draft, else empty."""
    kept = calibration.draft(p.period, p.nip)
    for field, empty in (("target", p.kotak), ("reason", None), ("comment", "")):
        if keys[field] not in st.session_state:
            st.session_state[keys[field]] = empty if kept.get(field) is None else kept[field]


def _accept(p: Person, version: int, kotak: int) -> None:
    """The user has seen the other member's change: decide from the stored state from now on."""
    st.session_state.setdefault(KEY_SEEN_VERSION, {})[(p.period, p.nip)] = version
    st.session_state[_keys(p.nip)["target"]] = kotak
    _keep(p)
    st.session_state[KEY_REFRESH] = True


def _save(p: Person) -> None:
    keys, seen = _keys(p.nip), st.session_state.setdefault(KEY_SEEN_VERSION, {})
    v = _typed(keys)
    started = st.session_state.setdefault(KEY_STARTED, {})
    try:
        calibration.settle(p.period, p.nip, p.kotak_awal, p.kotak, int(v["target"]), v["reason"], v["comment"] or "",
                           started, bool(st.session_state.get(keys["disc"], True)), p.scope,
                           expected=seen.get((p.period, p.nip)))
    except calibration.StaleWrite as exc:
        now = calibration.state(p.period, p.nip)
        seen[(p.period, p.nip)] = now.version
        st.session_state[keys["target"]] = now.kotak if now.kotak is not None else p.kotak_awal
        _keep(p)  # the reason and comment typed stay, in the form and in the draft
        st.session_state[KEY_FLASH] = ("error", calibration.stale_message(exc))
        st.session_state[KEY_REFRESH] = True
        return
    except calibration.StoreError as exc:
        st.session_state[KEY_FLASH] = ("error", str(exc))
        return
    seen[(p.period, p.nip)] = calibration.state(p.period, p.nip).version
    st.session_state[keys["reason"]], st.session_state[keys["comment"]] = None, ""
    calibration.forget_draft(p.period, p.nip)
    st.session_state[KEY_FLASH] = ("ok", t("kal.saved", n=int(v["target"])))
    st.session_state[KEY_REFRESH] = True  # the page redraws the saved state; the person stays open


@st.fragment
def decision(p: Person, may_change: bool) -> None:
    """The form that moves the person or marks them discussed (reruns alone while the user fills it)."""
    if st.session_state.pop(KEY_REFRESH, False):
        st.rerun(scope="app")
    keys = _keys(p.nip)
    calibration.keep_open(p.period, p.nip)
    st.session_state.setdefault(KEY_STARTED, {}).setdefault(p.nip, time.time())
    now = calibration.state(p.period, p.nip)
    seen = st.session_state.setdefault(KEY_SEEN_VERSION, {}).setdefault((p.period, p.nip), now.version)
    with st.container():  # one slot whatever it holds: the fields below keep their place between runs
        _flash()
        if now.version != seen:
            st.warning(calibration.changed_notice(now), icon=":material/sync_problem:")
            st.button(t("kal.accept_current"), key=keys["accept"], on_click=_accept,
                      args=(p, now.version, now.kotak if now.kotak is not None else p.kotak_awal))
    _fill(p, keys)
    reasons = calibration.reasons()
    with st.container(border=True):
        st.segmented_control(t("kal.target"), list(range(1, 10)), key=keys["target"], format_func=str,
                             required=True, on_change=_keep, args=(p,))
        st.selectbox(t("kal.reason"), reasons["kode"].tolist(), index=None, key=keys["reason"],
                     format_func=dict(zip(reasons["kode"], reasons["label"])).get, placeholder=t("kal.reason_hint"),
                     on_change=_keep, args=(p,))
        st.text_area(t("kal.comment"), key=keys["comment"], max_chars=1000, height=90, on_change=_keep, args=(p,))
        st.checkbox(t("kal.mark_discussed"), value=True, key=keys["disc"])
        st.button(t("kal.save"), type="primary", disabled=not may_change, key=keys["save"], on_click=_save,
                  args=(p,))
        _draft_note(calibration.draft(p.period, p.nip))


def _draft_note(kept: dict) -> None:
    """Which typed fields are kept for a reload (so the user knows they are safe to leave)."""
    what = [t(f"kal.draft.{f}") for f in ("reason", "comment") if kept.get(f)]
    if what:
        st.caption(t("kal.draft_kept", what=f" {t('kal.draft.and')} ".join(what)))


def _flash() -> None:
    kind, text = st.session_state.pop(KEY_FLASH, (None, None))
    if kind == "ok":
        st.toast(text)
    elif kind == "error":
        st.error(text)
