"""Development (the Pengembangan page): the cached assessed population, names the page shows,
development actions (read and write), profiling coverage and priority, and the priority workbook.

Writes record the acting user; the store audits them. They stay allowed once the period is final
(the plan follows the result): the store marks such actions ``setelah_penetapan``.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

import pandas as pd

from analytics import development as dv
from common import fmt
from common.i18n import language, t
from data.store import Filters, Scope, Store, StoreError  # noqa: F401  (pages catch StoreError from here)
from reports.masking import Masking
from reports.workbook import workbook
from ui import services
from ui.frame import LIST_LIMIT, Context
from ui.user import acting_user

# what the page shows of a person next to their competencies
PERSON_COLUMNS = ("nama", "jabatan", "jenjang_jabatan", "opd_id", "opd_nama")


@services.versioned_cache(max_entries=16)
def _population(_snap: Store, path: str, version: tuple, period: int, opd: tuple, jenis: tuple, asn: tuple,
                scope: tuple | None) -> pd.DataFrame:
    codes = services.rules(period).competencies["kode"].tolist()   # same snapshot (nested)
    return _snap.population(period, Filters(opd, jenis, asn), scope=Scope(scope), assessed_only=True,
                            columns=[*PERSON_COLUMNS, *codes])


def population(period: int, filters: Filters, scope: Scope) -> pd.DataFrame:
    """The assessed ASN of the period within scope and filters: who they are and every competency
    level and score (shared: do not mutate). Only they have these, which all the page's analyses
    read; the others are counted from the placements."""
    with services.snapshot() as snap:
        return _population(snap, str(snap.path), snap.version, period, filters.opd_ids, filters.jenis_jabatan,
                           filters.jenis_asn, scope.opd_ids)


@dataclass(frozen=True)
class Names:
    """What the page shows for codes: OPD names and abbreviations, competency and action type names."""
    opd: dict[str, str]
    opd_short: dict[str, str]
    competency: dict[str, str]
    action_type: dict[str, str]
    action_types: list[str]     # action type codes in their order


def names(period: int, lang: str) -> Names:
    """Names in ``lang`` (competencies and action types have English names)."""
    store = services.store()
    opd = store.opd()
    comp = services.rules(period).competencies
    name_col = "nama_en" if lang == "en" and "nama_en" in comp.columns else "nama"
    types = store.development_action_types()
    return Names(opd=dict(zip(opd["opd_id"], opd["nama"])),
                 opd_short={k: (s if isinstance(s, str) and s else k) for k, s in zip(opd["opd_id"], opd["singkatan"])},
                 competency=dict(zip(comp["kode"], comp[name_col])),
                 action_type=dict(zip(types["kode"], types["nama_en" if lang == "en" else "nama"])),
                 action_types=types["kode"].tolist())


def period_locked(period: int) -> bool:
    """The period is final (ditetapkan): actions recorded now are marked after penetapan."""
    return services.store().period_status(period)["status"] == "ditetapkan"


def actions(period: int, scope: Scope, nips: Sequence[str] = ()) -> pd.DataFrame:
    """Development actions of the period within the scope (of ``nips`` only when given), newest first."""
    return services.store().development_actions(period, nips=nips, scope=scope)


def add_action(period: int, nip: str, jenis: str, uraian: str, target, scope: Scope) -> int:
    """Record a planned action for the acting user; raises StoreError when refused."""
    return services.store().add_development_action(period, nip, jenis, uraian, acting_user(),
                                                   target_tanggal=target, scope=scope)


def update_action(action_id: int, status: str, scope: Scope) -> None:
    """Change an action's status for the acting user; raises StoreError when refused."""
    services.store().update_development_action(action_id, status, acting_user(), scope=scope)


def idp_draft(nip: str, pop: pd.DataFrame, placed: pd.DataFrame, period: int) -> tuple[pd.Series, dict]:
    """(the person's row with their ``kotak``, their IDP draft: the box's follow-up and largest gaps)."""
    rules = services.rules(period)
    person = pop.set_index("nip").loc[nip].copy()
    person["kotak"] = placed.set_index("nip")["kotak"].get(nip)
    threshold = int(services.store().setting("idp_selisih_diklat") or -2)
    return person, dv.idp_draft(person, rules.skj, rules.competencies, rules.boxes, threshold)


def coverage_counts(period: int, filters: Filters, scope: Scope) -> tuple[int, int]:
    """(CACT assessments of the period within scope and filters, the CACT quota)."""
    store = services.store()
    return store.cact_count(period, filters, scope), int(store.setting("kuota_cact") or 0)


@dataclass(frozen=True)
class Priority:
    """Who to profile next: the list's head (the quota and a margin) and the rule behind it."""
    head: pd.DataFrame
    total: int          # people on the whole list
    quota: int
    min_years: int      # years to BUP at least (rule_eligibility '*'.jarak_bup_minimal_tahun)
    near_years: int     # "near retirement" within this many years (setting)


def priority(placed: pd.DataFrame, period: int, scope: Scope) -> Priority:
    """The profiling priority list of the placed people (the head only: never a national roll)."""
    store = services.store()
    quota = int(store.setting("kuota_cact") or 0)
    ref = store.development_rules()
    elig = ref["eligibility"]
    gap_years = elig.loc[(elig["jenjang_target"] == "*") & (elig["parameter"] == "jarak_bup_minimal_tahun"), "nilai"]
    min_years = int(gap_years.iloc[0]) if len(gap_years) else 1
    near_years = int(store.setting("profiling_dekat_pensiun_tahun") or 3)
    head, total = dv.profile_next_head(placed, period, ref["job_level"], ref["retirement"], store.target_posts(scope),
                                       elig, quota=quota, min_years_to_bup=min_years, near_years=near_years,
                                       limit=max(LIST_LIMIT, quota))
    return Priority(head, total, quota, min_years, near_years)


def priority_workbook(shown: pd.DataFrame, ctx: Context, rule_text: str, quota_text: str, exporter: str,
                      masking: Masking) -> bytes:
    """The priority list as shown (privacy applied), with the period, filters and rule it was made with."""
    sheet = shown.rename(columns={
        "urutan": "No", "nip": "NIP", "nama": t("col.nama"), "jabatan": t("col.jabatan"),
        "jenjang_jabatan": t("dev.col.jenjang"), "jenis_jabatan": t("dev.col.jenis_jabatan"), "opd_id": "Kode OPD",
        "opd_nama": t("col.opd"), "usia": t("dev.col.usia"), "usia_bup": "BUP", "tahun_ke_bup": t("dev.col.ke_bup"),
        "prioritas": t("dev.col.prioritas"), "alasan": t("col.alasan"), "dalam_kuota": t("dev.col.kuota")})
    return workbook({t("dev.export_sheet"): sheet}, t("dev.export_title", period=ctx.period), masking=masking,
                    synthetic=ctx.synthetic, context=[
        (t("kal.export_period"), str(ctx.period)),
        (t("dev.export_quota"), quota_text),
        (t("kal.export_filters"), ", ".join(ctx.filters.opd_ids + ctx.filters.jenis_jabatan
                                            + ctx.filters.jenis_asn) or t("sidebar.all")),
        (t("dev.export_rule"), rule_text),
        (t("kal.export_made"), f"{fmt.tanggal(datetime.now().date(), language())} · {exporter}")])


def previous_period(period: int) -> int | None:
    return services.store().previous_period(period)
