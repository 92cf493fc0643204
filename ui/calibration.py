"""Calibration (the Kalibrasi page): what the committee reads and writes, through the store.

Writes are made under the acting user (read here, during the page run); a refused write raises
``StoreError`` with a message meant for the user, and a move based on a state someone changed
since raises ``StaleWrite`` (see :func:`stale_message`).
"""
from __future__ import annotations

import time
from collections.abc import Callable
from datetime import datetime

import pandas as pd

from analytics import agenda as agenda_order
from analytics.calibration import calibration_record
from common import fmt
from common.i18n import language, t
from data.store import Filters, Scope, StaleWrite, Store, StoreError
from data.store.calibration import CalibrationState
from reports.workbook import workbook
from ui import drafts, privacy, services
from ui.frame import Context
from ui.user import acting_user

__all__ = ["CalibrationState", "StaleWrite", "StoreError"]

DEFAULT_ATTENTION_RATIO = 0.5


def placed(ctx: Context) -> pd.DataFrame:
    """The people the engine gave a box (``kotak_awal``) in the period, filters and scope."""
    everyone = services.placements(ctx.period, ctx.filters, ctx.scope)
    return everyone[everyone["kotak_awal"].notna()]


def status(period: int) -> dict:
    """``status`` ("terbuka"/"ditetapkan"), ``finalised_by``, ``finalised_at`` of the period."""
    return services.store().period_status(period)


def reasons(active_only: bool = True) -> pd.DataFrame:
    """The reason list (``kode``, ``label``, …) a move must cite."""
    return services.store().calibration_reasons(active_only)


def discussions(period: int, scope: Scope) -> pd.DataFrame:
    return services.store().discussions(period, scope=scope)


def distribution_rules(period: int) -> pd.DataFrame:
    return services.store().distribution_rules(period)


def attention_ratio() -> float:
    """Minutes per person of a group, relative to the meeting's mean, under which it had too little attention."""
    return float(services.store().setting("perhatian_rasio_minimal") or DEFAULT_ATTENTION_RATIO)


def state(period: int, nip: str) -> CalibrationState:
    """One person's calibration version (who last moved them, when, where), as of this run's snapshot."""
    with services.snapshot() as snap:
        return snap.calibration_state(period, nip)


def activity(period: int) -> tuple:
    """The period's calibration fingerprint (changes on every save), as of this run's snapshot."""
    with services.snapshot() as snap:
        return snap.calibration_activity(period)


def settle(period: int, nip: str, kotak_awal: int, kotak: int, target: int, reason: str | None, comment: str,
           started: dict[str, float], discussed: bool, scope: Scope, expected: int | None = None) -> None:
    """Save the committee's decision on one person: a move (which needs a reason) when ``target`` is
    not the current box, then the discussion, timed from ``started[nip]`` (taken out of ``started``).

    ``expected`` is the calibration version the user saw (:func:`state`): when someone moved the
    person since, ``StaleWrite`` and nothing is saved, not even the discussion (the user decided on a
    box that is no longer there)."""
    s = services.store()
    if expected is not None and (now := s.calibration_state(period, nip)).version != expected:
        raise StaleWrite(now.oleh, now.pada, now.kotak)
    if int(target) != int(kotak):
        if reason is None:
            raise StoreError(t("kal.need_reason"))
        s.calibrate(period, nip, int(kotak_awal), int(target), reason, comment, acting_user(), scope=scope,
                    expected=expected)
    seconds = int(time.time() - started.pop(nip, time.time()))
    s.record_discussion(period, nip, seconds, discussed, acting_user(), scope=scope)


def moment(when: datetime, lang: str | None = None) -> str:
    """A date and time as people read them ("5 Januari 2026 pukul 14.30")."""
    lang = lang or language()
    clock = f"{when:%H.%M}" if lang == "id" else f"{when:%H:%M}"   # CLDR: 14.30 (id), 14:30 (en)
    return t("kal.moment", date=fmt.tanggal(when.date(), lang), time=clock)


def stale_message(exc: StaleWrite) -> str:
    """The refusal of a stale save: who changed the person, when and to which box."""
    return t("kal.stale", oleh=fmt.plain(exc.oleh or "–"), when=moment(exc.pada) if exc.pada else "–",
             n=exc.kotak if exc.kotak is not None else "–")


def changed_notice(now: CalibrationState) -> str:
    """The notice in the form when someone moved the open person after it was opened here."""
    return t("kal.changed", oleh=fmt.plain(now.oleh or "–"), when=moment(now.pada) if now.pada else "–",
             n=now.kotak if now.kotak is not None else "–")


# -- the agenda -----------------------------------------------------------------------------
AGENDA_ORDERS = agenda_order.ORDERS
AGENDA_SHOWN = 10   # people listed ahead (the queue itself is everyone still to discuss)


@services.versioned_cache()
def _ranked(_snap: Store, path: str, version: tuple, period: int, opd: tuple, jenis: tuple, asn: tuple,
            scope: tuple | None, order: str) -> list[str]:
    placed = services.placements(period, Filters(opd, jenis, asn), Scope(scope))
    return agenda_order.ranked(placed[placed["kotak_awal"].notna()], order, services.rules(period))


def agenda(placed: pd.DataFrame, disc: pd.DataFrame, order: str, ctx: Context,
           current: str | None) -> tuple[pd.DataFrame, int]:
    """The next people to discuss after ``current`` in ``order`` (as they may be shown: ``nip``, ``nama``,
    ``jabatan``, ``opd_nama``, ``kotak``; the real NIP is in ``nip_asli``) and how many are still to discuss."""
    with services.snapshot() as snap:
        f = ctx.filters
        ranked = _ranked(snap, str(snap.path), snap.version, ctx.period, f.opd_ids, f.jenis_jabatan, f.jenis_asn,
                         ctx.scope.opd_ids, order)
    talked = set(disc.loc[disc["dibahas"].astype(bool), "nip"]) if not disc.empty else set()
    ahead = agenda_order.upcoming(ranked, talked, current, AGENDA_SHOWN)
    rows = placed.loc[placed["nip"].isin(ahead), ["nip", "nama", "jabatan", "opd_nama", "kotak"]]
    rows = rows.set_index("nip").loc[ahead].reset_index()   # in the agenda's order
    undiscussed = ~placed["nip"].isin(talked)
    left = int(undiscussed.sum()) - int((undiscussed & placed["nip"].eq(current)).any())  # besides the open one
    return privacy.people(rows).assign(nip_asli=ahead), left


# -- drafts: what the user typed, kept across a browser reload --------------------------------
def _draft_name(period: int, nip: str) -> str:
    return f"kalibrasi:{period}:{nip}"


def keep_draft(period: int, nip: str, values: dict) -> None:
    drafts.keep(_draft_name(period, nip), dict(values))


def draft(period: int, nip: str) -> dict:
    return drafts.recall(_draft_name(period, nip), {}) or {}


def forget_draft(period: int, nip: str) -> None:
    drafts.forget(_draft_name(period, nip))


def keep_open(period: int, nip: str) -> None:
    """Remember the person open on the page (reopened after a reload)."""
    drafts.keep(f"kalibrasi:{period}:terbuka", nip)


def open_before(period: int) -> str | None:
    return drafts.recall(f"kalibrasi:{period}:terbuka")


def save_reasons(rows: pd.DataFrame) -> None:
    """The reason list as edited (rows without a code or label are dropped)."""
    services.store().save_rule_rows("calibration_reason", rows.dropna(subset=["kode", "label"]), acting_user())


def save_distribution(period: int, rows: pd.DataFrame) -> None:
    """The period's distribution guide as edited (rows without a box or label are dropped)."""
    services.store().save_rule_rows("rule_distribution", rows.dropna(subset=["kotak", "label"]), acting_user(),
                                    period=period)


def record(placed: pd.DataFrame, disc: pd.DataFrame, all_reasons: pd.DataFrame, ctx: Context) -> pd.DataFrame:
    """The calibration record of the period as it may be shown (anonymised when the switch is on)."""
    calib = services.store().calibrations(ctx.period, scope=ctx.scope)
    labels = dict(zip(all_reasons["kode"], all_reasons["label"]))
    return privacy.people(calibration_record(placed, calib, disc, labels))


def record_workbook(shown: pd.DataFrame, ctx: Context, period_status: str) -> Callable[[], bytes]:
    """The record's workbook, built on the click; the maker is named as who asks now."""
    maker, masking = acting_user(), privacy.masking()

    def build() -> bytes:
        return workbook({t("label.sheet.calibration"): shown}, t("kal.export_title", period=ctx.period), masking=masking,
                        synthetic=ctx.synthetic, context=[
            (t("kal.export_period"), str(ctx.period)),
            (t("kal.export_status"), period_status),
            (t("kal.export_filters"), ", ".join(ctx.filters.opd_ids) or t("sidebar.all")),
            (t("kal.export_made"), f"{fmt.tanggal(datetime.now().date(), language())} · {maker}")])
    return build
