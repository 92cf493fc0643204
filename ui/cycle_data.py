"""The talent cycle's reads and measures (the Siklus Talenta page, its slide and the Monev report):
one period's funnel, readiness, posts as of a day, talent needs, the pool register, the watchlist and
the placement indicators, from the store and ``analytics.cycle`` / ``analytics.needs``
(decision 0031). Cached per data version, period, filters and scope: shared, never mutate.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import pandas as pd

from analytics import cycle as cy
from analytics import needs as nd
from analytics import succession as sc
from analytics.engine import STATUS_NOT_PROFILED
from data.store import Filters, Scope, Store, StoreError  # noqa: F401  (the page catches StoreError from here)
from ui import services, succession
from ui.user import acting_user

YEARS = 5   # the horizon of the talent needs: posts falling vacant within this many years


def cycle_day(period: int, today: date | None = None) -> date:
    """The day a period's cycle is read on: today for the current period, the period's last day for a
    past one (a past year is judged as it ended)."""
    today = today or date.today()
    return min(today, date(period, 12, 31))


@dataclass(frozen=True)
class Cycle:
    """One period's cycle within the scope and filters."""
    period: int
    on: date
    placed: pd.DataFrame          # services.placements (every ASN of the period)
    posts: pd.DataFrame           # target posts as of ``on`` (appointments fill them)
    ready: pd.DataFrame           # post_id, nip, kesiapan (pool candidates)
    appointments: pd.DataFrame    # active appointments of the period
    funnel: pd.DataFrame          # tahap, jumlah, persen_sebelumnya, persen_asn
    vacancies: pd.DataFrame
    needs: pd.DataFrame           # per jenjang_jabatan, bidang
    feeders: pd.DataFrame
    indicators: dict


def _moves(snap: Store, scope: Scope) -> tuple:
    """The appointments as a cache key part: recording or undoing one does not change the data version
    (which counts imports, rule changes and calibrations), yet moves the cycle."""
    every = snap.appointments(scope=scope, include_undone=True)
    return tuple(zip(every["id"].astype(int).tolist(), every["dibatalkan_pada"].isna().tolist()))


@services.versioned_cache(max_entries=8)
def _cycle(_snap: Store, path: str, version: tuple, period: int, opd: tuple, jenis: tuple, asn: tuple,
           scope: tuple | None, on: date, moves: tuple) -> Cycle:
    filters, sc_ = Filters(opd, jenis, asn), Scope(scope)
    placed = services.placements(period, filters, sc_)
    rules = succession.build_rules(_snap, period)
    cand, hist = succession.candidates(period, filters, sc_)
    spans = succession.career_spans(sc.pool_only(cand, rules), period)
    every = _snap.appointments(scope=sc_)
    posts = cy.posts_as_of(_snap.target_posts(sc_), every, on)
    ready = cy.readiness_by_post(posts, cand, rules, on, period, hist, career=spans)
    mine = _snap.appointments(period=period, scope=sc_)
    funnel = cy.funnel(placed, ready, mine, rules.boxes)
    vac = nd.vacancies(posts, placed, rules.retirement, on, years=YEARS)
    needs = nd.needs_by_group(vac, ready)
    per_post = nd.post_needs(vac, ready)
    gap_posts = per_post.loc[per_post["tanpa_penerus"], "post_id"].tolist() if len(per_post) else []
    people = placed[["nip", "jenjang_jabatan", "opd_id"]].assign(
        diprofil=(placed["status"].astype(object) != STATUS_NOT_PROFILED).to_numpy())
    feeders = nd.feeders(people, posts, rules.eligibility, gap_posts=gap_posts)
    indicators = cy.placement_indicators(mine, posts, ready, period=period)
    return Cycle(period, on, placed, posts, ready, mine, funnel, vac, needs, feeders, indicators)


def cycle(period: int, filters: Filters, scope: Scope, on: date | None = None) -> Cycle:
    """The cycle of ``period`` read on ``on`` (:func:`cycle_day` by default), from one snapshot."""
    on = on or cycle_day(period)
    with services.snapshot() as snap:
        return _cycle(snap, str(snap.path), snap.version, period, filters.opd_ids, filters.jenis_jabatan,
                      filters.jenis_asn, scope.opd_ids, on, _moves(snap, scope))


@services.versioned_cache(max_entries=8)
def _register(_snap: Store, path: str, version: tuple, period: int, opd: tuple, jenis: tuple, asn: tuple,
              scope: tuple | None) -> pd.DataFrame:
    filters, sc_ = Filters(opd, jenis, asn), Scope(scope)
    previous = _snap.previous_period(period)
    curr = services.placements(period, filters, sc_)
    boxes = services.rules(period).boxes
    if previous is None:
        return cy.pool_register(curr.iloc[0:0], curr, boxes)
    prev = services.placements(previous, filters, sc_)
    retirement = _snap.table("rule_retirement")
    start, end = date(previous, 12, 31), cycle_day(period)
    retired = cy.retired_by(prev, retirement, end)
    sanctioned = cy.sanctioned_between(_snap.sanctions(period, sc_, nips=prev["nip"].to_numpy()), start, end)
    pool = cy.pool_boxes(boxes)
    earlier = []   # the pools of the periods before the previous one, newest first
    for p in reversed([q for q in _snap.periods() if q < previous]):
        before = services.placements(p, filters, sc_)
        earlier.append(set(before.loc[before["kotak"].isin(pool), "nip"].astype(str)))
    return cy.pool_register(prev, curr, boxes, retired=retired, sanctioned=sanctioned, earlier_pools=earlier)


def register(period: int, filters: Filters, scope: Scope) -> pd.DataFrame:
    """The talent-pool register from the previous period to ``period`` (everyone entered, stayed or left)."""
    with services.snapshot() as snap:
        return _register(snap, str(snap.path), snap.version, period, filters.opd_ids, filters.jenis_jabatan,
                         filters.jenis_asn, scope.opd_ids)


def watchlist(period: int, filters: Filters, scope: Scope, on: date | None = None) -> pd.DataFrame:
    """Pool members at risk: one row per member and signal that fires (read each run: development and
    retention actions change it without changing the data version)."""
    on = on or cycle_day(period)
    with services.snapshot() as snap:
        c = cycle(period, filters, scope, on)
        boxes = services.rules(period).boxes
        pool = c.placed[c.placed["kotak"].isin(cy.pool_boxes(boxes))]
        if pool.empty:
            return pd.DataFrame(columns=cy.WATCH_COLUMNS)
        tmt = snap.population(period, filters, nips=pool["nip"].to_numpy(), scope=scope, columns=["tmt_jabatan"])
        members = pool[["nip", "tanggal_lahir", "jenjang_jabatan", "kotak"]].merge(
            tmt[["nip", "tmt_jabatan"]], on="nip", how="left")
        previous = snap.previous_period(period)
        before = (services.placements(previous, filters, scope)[["nip", "kotak"]] if previous is not None
                  else pd.DataFrame({"nip": [], "kotak": []}))
        members = members.merge(before.rename(columns={"kotak": "kotak_sebelum"}), on="nip", how="left")
        nips = members["nip"].tolist()
        acts = [snap.development_actions(p, nips=nips, scope=scope) for p in snap.periods() if p <= period]
        acts.append(snap.retention_actions(nips=nips, scope=scope))
        acts = [a[["nip", "dibuat_pada", "status"]] for a in acts if len(a)]
        retirement = snap.table("rule_retirement")
        return cy.watchlist(members, snap.cycle_rules()["signals"], on, boxes,
                            development=pd.concat(acts, ignore_index=True) if acts else
                            pd.DataFrame({"nip": [], "dibuat_pada": [], "status": []}),
                            ready=c.ready, vacancy=nd.vacancy_dates(c.posts, c.placed, retirement),
                            retirement=retirement)


# -- writes (the store audits them and refuses an appointment on a finalised period) -------------------------
def record_appointment(period: int, nip: str, post_id: str, tanggal: date, nomor_sk: str, cara: str, *,
                       expected_holder: str | None, kesiapan: str | None, lowong_sejak: date | None,
                       scope: Scope) -> int:
    return services.store().record_appointment(period, nip, post_id, tanggal, nomor_sk, cara, acting_user(),
                                               expected_holder=expected_holder, kesiapan=kesiapan,
                                               lowong_sejak=lowong_sejak, scope=scope)


def undo_appointment(appointment_id: int, reason: str, scope: Scope) -> None:
    services.store().undo_appointment(appointment_id, reason, acting_user(), scope=scope)


def add_retention_action(period: int, nip: str, jenis: str, uraian: str, target, scope: Scope) -> int:
    return services.store().add_retention_action(period, nip, jenis, uraian, acting_user(), target_tanggal=target,
                                                 scope=scope)


def update_retention_action(action_id: int, status: str, scope: Scope) -> None:
    services.store().update_retention_action(action_id, status, acting_user(), scope=scope)


def retention_actions(period: int, scope: Scope, nips: Sequence[str] = ()) -> pd.DataFrame:
    return services.store().retention_actions(period, nips=nips, scope=scope)


def retention_types(lang: str) -> dict[str, str]:
    """kode → name of the retention action kinds, in their order."""
    types = services.store().retention_action_types()
    return dict(zip(types["kode"], types["nama_en" if lang == "en" else "nama"]))


def exit_reasons(lang: str) -> dict[str, str]:
    reasons = services.store().cycle_rules()["exit_reasons"]
    return dict(zip(reasons["kode"], reasons["nama_en" if lang == "en" else "nama"]))


def period_locked(period: int) -> bool:
    return services.store().period_status(period)["status"] == "ditetapkan"
