"""Calibration (the Kalibrasi page): what the committee reads and writes, through the store.

Writes are made under the acting user (read here, during the page run); a refused write raises
``StoreError`` with a message meant for the user.
"""
from __future__ import annotations

import time
from collections.abc import Callable
from datetime import datetime

import pandas as pd

from analytics.calibration import calibration_record
from common import fmt
from common.i18n import t
from data.store import Scope, StoreError
from reports.workbook import workbook
from ui import privacy, services
from ui.frame import Context
from ui.user import acting_user

__all__ = ["StoreError"]

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


def settle(period: int, nip: str, kotak_awal: int, kotak: int, target: int, reason: str | None, comment: str,
           started: dict[str, float], discussed: bool, scope: Scope) -> None:
    """Save the committee's decision on one person: a move (which needs a reason) when ``target`` is
    not the current box, then the discussion, timed from ``started[nip]`` (taken out of ``started``)."""
    if int(target) != int(kotak):
        if reason is None:
            raise StoreError(t("kal.need_reason"))
        services.store().calibrate(period, nip, int(kotak_awal), int(target), reason, comment, acting_user(),
                                   scope=scope)
    seconds = int(time.time() - started.pop(nip, time.time()))
    services.store().record_discussion(period, nip, seconds, discussed, acting_user(), scope=scope)


def finalise(period: int) -> None:
    services.store().finalise_period(period, acting_user())


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
    maker = acting_user()

    def build() -> bytes:
        return workbook({"Kalibrasi": shown}, t("kal.export_title", period=ctx.period), [
            (t("kal.export_period"), str(ctx.period)),
            (t("kal.export_status"), period_status),
            (t("kal.export_filters"), ", ".join(ctx.filters.opd_ids) or t("sidebar.all")),
            (t("kal.export_made"), f"{fmt.tanggal(datetime.now().date())} · {maker}")])
    return build
