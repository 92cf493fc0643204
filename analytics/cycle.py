"""The talent cycle (akuisisi, pengembangan, retensi, penempatan) as pure functions over frames.

* :func:`funnel`: all ASN → profiled → placed on the 9-box → kelompok rencana suksesi → ready (Siap
  Sekarang for at least one target post, now or as recorded when appointed) → appointed to a target
  post in the period. Each stage is intersected with the one before, so they nest by construction.
* :func:`pool_register`: who entered, stayed in and left the talent pool between two periods, the
  reason of each exit (the first of :data:`EXIT_REASONS` that applies) and the time in the pool.
* :func:`watchlist`: pool members at risk, one row per signal that fires; each signal is a row of
  ``rule_retention_signal`` (threshold, unit, source) and fires when the value reaches the threshold.
* :func:`posts_as_of` and :func:`placement_indicators`: appointments fill their post from their date;
  the penempatan indicators.

Codes are returned, never labels: the pages translate them (catalog keys ``siklus.*``).
Talent needs (akuisisi) are in :mod:`analytics.needs`.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

import numpy as np
import pandas as pd

from analytics.career import FieldWords, fields_of_post
from analytics.eligibility import evaluate, split_list
from analytics.engine import STATUS_NOT_PROFILED, STATUS_PLACED
from analytics.headline import share
from analytics.lookup import lookup
from analytics.movement import box_rank
from analytics.readiness import BUKAN, SIAP_SEKARANG, SuccessionRules
from analytics.retirement import pension_date
from analytics.sanctions import last_day
from analytics.years import plus_years

STAGES = ("asn", "diprofil", "ditempatkan", "kelompok_suksesi", "siap", "diangkat")
ROUTES = ("talent_pool", "seleksi_terbuka", "lainnya")
ENTERED, STAYED, LEFT = "masuk", "tetap", "keluar"
#: Exit reasons in precedence order (``pool_exit_reason.urutan``).
EXIT_REASONS = ("pensiun", "keluar", "hukdis", "tidak_ditempatkan", "kotak_turun")
SIGNALS = ("tanpa_pengembangan", "jabatan_sama", "kotak_turun", "bup_dekat", "siap_tanpa_jabatan")
READY_POST_COLUMNS = ["post_id", "nip", "kesiapan"]
WATCH_COLUMNS = ["nip", "sinyal", "nilai", "ambang", "satuan", "sumber"]


def pool_boxes(boxes: pd.DataFrame) -> list[int]:
    """The boxes of the succession pool (``rule_box.kelompok_suksesi``)."""
    return boxes.loc[boxes["kelompok_suksesi"].astype(bool), "kotak"].astype(int).tolist()


def _nips(frame: pd.DataFrame | None, mask=None) -> set[str]:
    if frame is None or frame.empty:
        return set()
    col = frame["nip"] if mask is None else frame.loc[mask, "nip"]
    return set(col.astype(str))


def _active(appointments: pd.DataFrame | None) -> pd.DataFrame:
    """Appointments not cancelled (no ``dibatalkan_pada``)."""
    if appointments is None:
        return pd.DataFrame(columns=["id", "nip", "post_id", "tanggal", "cara", "kesiapan", "lowong_sejak"])
    if "dibatalkan_pada" in appointments.columns:
        return appointments[appointments["dibatalkan_pada"].isna()]
    return appointments


# -- readiness per post -------------------------------------------------------------------------------

def readiness_by_post(posts: pd.DataFrame, candidates: pd.DataFrame, rules: SuccessionRules, on: date,
                      period: int, predikat_history: pd.DataFrame | None = None,
                      career: pd.DataFrame | None = None) -> pd.DataFrame:
    """Long frame (post_id, nip, kesiapan): every pool candidate's readiness for every target post,
    the post's holder left out and Bukan Kandidat rows dropped. The same evaluation as
    :func:`analytics.succession.bench_strength` (one per level, fields of study and field of work)."""
    pool = pool_boxes(rules.boxes)
    cand = candidates[pd.to_numeric(candidates["kotak"], errors="coerce").isin(pool)]
    nips = cand["nip"].astype(str).to_numpy(dtype=object)
    words = FieldWords(rules.field_words)
    memo: dict[tuple, np.ndarray] = {}
    parts = []
    for post in posts.to_dict("records"):
        fields = post.get("bidang_pendidikan")
        level = str(post["jenjang_jabatan"])
        work = tuple(fields_of_post(post, words)) if "pengalaman_bidang_tahun" in rules.params(level) else ()
        key = (level, tuple(split_list(fields)) if isinstance(fields, str) else (), work)
        if key not in memo:
            summ, _ = evaluate(cand, post, rules, on, period, predikat_history, reasons=False, career=career)
            memo[key] = summ["kesiapan"].to_numpy(dtype=object)
        ready = memo[key]
        keep = (ready != BUKAN) & (nips != post.get("pemangku_nip"))
        parts.append(pd.DataFrame({"post_id": post["post_id"], "nip": nips[keep], "kesiapan": ready[keep]}))
    if not parts:
        return pd.DataFrame(columns=READY_POST_COLUMNS)
    return pd.concat(parts, ignore_index=True)[READY_POST_COLUMNS]


# -- appointments fill posts ----------------------------------------------------------------------------

def posts_as_of(posts: pd.DataFrame, appointments: pd.DataFrame | None, on: date) -> pd.DataFrame:
    """The target posts with their holder as of ``on``: an active appointment dated on or before ``on``
    fills its post from that date (the latest by date, then id, wins over the import's holder).
    Adds ``diisi_pada`` and ``appointment_id`` (NaT/NaN where the import's holder stands)."""
    out = posts.copy()
    out["diisi_pada"] = pd.NaT
    out["appointment_id"] = np.nan
    act = _active(appointments)
    if act.empty:
        return out
    act = act[pd.to_datetime(act["tanggal"]) <= pd.Timestamp(on)]
    latest = act.sort_values(["tanggal", "id"]).drop_duplicates("post_id", keep="last").set_index("post_id")
    hit = out["post_id"].isin(latest.index).to_numpy()
    if not hit.any():
        return out
    pick = latest.reindex(out.loc[hit, "post_id"].to_numpy())   # reindex, not map: map fails on empty dates
    out["pemangku_nip"] = out["pemangku_nip"].astype(object)
    out.loc[hit, "pemangku_nip"] = pick["nip"].astype(str).to_numpy(dtype=object)
    out.loc[hit, "lowong"] = False
    out.loc[hit, "diisi_pada"] = pd.to_datetime(pick["tanggal"]).to_numpy()
    out.loc[hit, "appointment_id"] = pick["id"].astype(float).to_numpy()
    return out


# -- the funnel -----------------------------------------------------------------------------------------

def funnel_stages(placed: pd.DataFrame, ready: pd.DataFrame, appointments: pd.DataFrame | None,
                  boxes: pd.DataFrame) -> dict[str, set[str]]:
    """The NIPs of each stage (:data:`STAGES`), each a subset of the one before.

    ``placed``: the engine's output (nip, status, kotak) of every ASN of the period in the scope.
    ``ready``: :func:`readiness_by_post`. ``appointments``: the period's appointments (cancelled ones
    are ignored). Ready means Siap Sekarang for at least one target post, or appointed with the
    readiness recorded as Siap Sekarang (once appointed, a person holds the post and is no longer
    its successor); appointed means appointed to a target post in the period *and* ready."""
    status = placed["status"].astype(object)
    kotak = pd.to_numeric(placed["kotak"], errors="coerce")
    act = _active(appointments)
    stages: dict[str, set[str]] = {"asn": _nips(placed)}
    stages["diprofil"] = stages["asn"] & _nips(placed, (status != STATUS_NOT_PROFILED).to_numpy())
    stages["ditempatkan"] = stages["diprofil"] & _nips(placed, ((status == STATUS_PLACED) & kotak.notna()).to_numpy())
    stages["kelompok_suksesi"] = stages["ditempatkan"] & _nips(placed, kotak.isin(pool_boxes(boxes)).to_numpy())
    ready_now = _nips(ready, (ready["kesiapan"] == SIAP_SEKARANG).to_numpy()) if len(ready) else set()
    recorded = _nips(act, (act["kesiapan"] == SIAP_SEKARANG).to_numpy()) if len(act) else set()
    stages["siap"] = stages["kelompok_suksesi"] & (ready_now | recorded)
    stages["diangkat"] = stages["siap"] & _nips(act)
    return stages


def funnel(placed: pd.DataFrame, ready: pd.DataFrame, appointments: pd.DataFrame | None,
           boxes: pd.DataFrame) -> pd.DataFrame:
    """tahap, jumlah, persen_sebelumnya (of the stage before; 100 for the first), persen_asn (of all ASN)."""
    stages = funnel_stages(placed, ready, appointments, boxes)
    counts = [len(stages[s]) for s in STAGES]
    before = [counts[0], *counts[:-1]]
    return pd.DataFrame({"tahap": list(STAGES), "jumlah": counts,
                         "persen_sebelumnya": [share(c, b) for c, b in zip(counts, before)],
                         "persen_asn": [share(c, counts[0]) for c in counts]})


# -- the talent-pool register ----------------------------------------------------------------------------

def retired_by(people: pd.DataFrame, retirement: pd.DataFrame, on: date) -> set[str]:
    """NIPs whose pension date (BUP of their level, :func:`analytics.retirement.pension_date`) is on or
    before ``on``. ``people``: nip, tanggal_lahir, jenjang_jabatan."""
    if people.empty:
        return set()
    bup = retirement.set_index("jenjang_jabatan")["usia_bup"].astype(float).to_dict()
    age = pd.Series(lookup(people["jenjang_jabatan"], bup), index=people.index, dtype=float)
    when = pension_date(pd.to_datetime(people["tanggal_lahir"], errors="coerce"), age)
    return _nips(people, (when <= pd.Timestamp(on)).to_numpy())


def sanctioned_between(sanctions: pd.DataFrame | None, start: date, end: date,
                       rule: pd.DataFrame | None = None) -> set[str]:
    """NIPs with a disciplinary sanction in force at some time in [start, end] (imposed by ``end``,
    not over before ``start``; a sanction without an end date is dated by ``rule_discipline``)."""
    if sanctions is None or sanctions.empty:
        return set()
    first = pd.to_datetime(sanctions["tanggal_mulai"], errors="coerce")
    last = last_day(sanctions, rule)
    hit = (first <= pd.Timestamp(end)) & (last.isna() | (last >= pd.Timestamp(start)))
    return _nips(sanctions, hit.to_numpy(dtype=bool))


def _box_of(frame: pd.DataFrame) -> pd.Series:
    return pd.Series(pd.to_numeric(frame["kotak"], errors="coerce").to_numpy(), index=frame["nip"].astype(str))


def pool_register(prev: pd.DataFrame, curr: pd.DataFrame, boxes: pd.DataFrame, *, retired: Iterable[str] = (),
                  sanctioned: Iterable[str] = (), earlier_pools: Sequence[Iterable[str]] = ()) -> pd.DataFrame:
    """The talent pool between the previous period (``prev``) and the current one (``curr``): one row per
    person in either pool: nip, status (masuk / tetap / keluar), alasan (for keluar: the first of
    :data:`EXIT_REASONS` that applies), kotak_sebelum, kotak_sesudah, lama_periode.

    ``prev`` / ``curr``: nip, kotak of every ASN of each period (a person missing from ``curr`` is not
    in the period). ``retired``: NIPs past their pension date by the current period's date
    (:func:`retired_by`); ``sanctioned``: NIPs under a sanction between the two periods
    (:func:`sanctioned_between`). ``earlier_pools``: the pools of the periods before ``prev``, newest
    first, for ``lama_periode`` (consecutive periods in the pool up to the current period, or up to
    the previous one for those who left)."""
    pool = pool_boxes(boxes)
    before, after = _box_of(prev), _box_of(curr)
    p_pool = set(before.index[before.isin(pool)])
    c_pool = set(after.index[after.isin(pool)])
    present = set(after.index)
    retired, sanctioned = set(map(str, retired)), set(map(str, sanctioned))
    earlier = [set(map(str, p)) for p in earlier_pools]

    def streak(nip: str) -> int:
        n = 0
        for p in earlier:
            if nip not in p:
                break
            n += 1
        return n

    rows = []
    for nip in sorted(p_pool | c_pool):
        was, now = nip in p_pool, nip in c_pool
        reason = None
        if was and not now:
            status = LEFT
            if nip in retired:
                reason = "pensiun"
            elif nip not in present:
                reason = "keluar"
            elif nip in sanctioned:
                reason = "hukdis"
            elif pd.isna(after.get(nip)):
                reason = "tidak_ditempatkan"
            else:
                reason = "kotak_turun"
            length = 1 + streak(nip)
        else:
            status = STAYED if was else ENTERED
            length = 1 + (1 + streak(nip) if was else 0)
        rows.append((nip, status, reason, before.get(nip, np.nan), after.get(nip, np.nan), length))
    return pd.DataFrame(rows, columns=["nip", "status", "alasan", "kotak_sebelum", "kotak_sesudah", "lama_periode"])


# -- the watchlist ----------------------------------------------------------------------------------------

def months_between(start: pd.Series, on: date) -> pd.Series:
    """Whole months from each date to ``on`` (a month is complete on the same day of the month)."""
    s = pd.to_datetime(start, errors="coerce")
    o = pd.Timestamp(on)
    m = (o.year - s.dt.year) * 12 + (o.month - s.dt.month) - (o.day < s.dt.day).astype(float)
    return m.where(s.notna())


def whole_years(start: pd.Series, on: date) -> pd.Series:
    """Whole (calendar) years from each date to ``on``."""
    return np.floor(months_between(start, on) / 12)


def watchlist(members: pd.DataFrame, signals: pd.DataFrame, on: date, boxes: pd.DataFrame, *,
              development: pd.DataFrame | None = None, ready: pd.DataFrame | None = None,
              vacancy: pd.DataFrame | None = None, retirement: pd.DataFrame | None = None) -> pd.DataFrame:
    """Pool members at risk: one row (nip, sinyal, nilai, ambang, satuan, sumber) per member and active
    signal that fires; a signal fires when its value reaches its threshold (``ambang``).

    ``members``: nip, tmt_jabatan, tanggal_lahir, jenjang_jabatan, kotak, kotak_sebelum (NaN: not
    placed before). ``development``: nip, dibuat_pada (and status; 'batal' is ignored): the members'
    development and retention actions. ``ready``: :func:`readiness_by_post`. ``vacancy``:
    :func:`analytics.needs.vacancy_dates` (post_id, lowong, tanggal_lowong). ``retirement``:
    rule_retirement. A signal whose input is not given is not tested."""
    nip = pd.Series(members["nip"].astype(str).to_numpy(dtype=object))
    m = members.reset_index(drop=True)
    on_ts = pd.Timestamp(on)
    parts = []
    for sig in signals[signals["aktif"].astype(bool)].itertuples(index=False):
        limit = float(sig.ambang)
        value = fire = None
        if sig.kode == "tanpa_pengembangan" and development is not None:
            acts = development if "status" not in development.columns else development[development["status"] != "batal"]
            acts = acts[pd.to_datetime(acts["dibuat_pada"]) <= on_ts]
            last = pd.to_datetime(acts.groupby(acts["nip"].astype(str).to_numpy(dtype=object))["dibuat_pada"].max())
            value = months_between(pd.Series(last.reindex(nip.to_numpy()).to_numpy()), on)
            fire = value.isna() | (value >= limit)
        elif sig.kode == "jabatan_sama":
            value = whole_years(m["tmt_jabatan"], on)
            fire = value >= limit
        elif sig.kode == "kotak_turun":
            rank = box_rank(boxes).to_dict()
            value = pd.Series(lookup(m["kotak_sebelum"], rank), dtype=float) - pd.Series(lookup(m["kotak"], rank),
                                                                                          dtype=float)
            fire = value >= limit
        elif sig.kode == "bup_dekat" and retirement is not None:
            bup = retirement.set_index("jenjang_jabatan")["usia_bup"].astype(float).to_dict()
            when = pension_date(pd.to_datetime(m["tanggal_lahir"], errors="coerce"),
                                pd.Series(lookup(m["jenjang_jabatan"], bup), dtype=float))
            value = pd.Series((when - on_ts).dt.days / 365.25).round(1)
            fire = when <= plus_years(pd.Series([on_ts]), limit).iloc[0]
        elif sig.kode == "siap_tanpa_jabatan" and ready is not None and vacancy is not None:
            horizon = plus_years(pd.Series([on_ts]), limit).iloc[0]
            soon = vacancy["lowong"].astype(bool) | (pd.to_datetime(vacancy["tanggal_lowong"]) <= horizon)
            in_sight = set(vacancy.loc[soon, "post_id"])
            now = ready[ready["kesiapan"] == SIAP_SEKARANG]
            sighted = set(now.loc[now["post_id"].isin(in_sight), "nip"].astype(str))
            count = now.groupby(now["nip"].astype(str))["post_id"].nunique()
            value = nip.map(count).fillna(0)
            fire = (value > 0) & ~nip.isin(sighted)
        if fire is None:
            continue
        hit = fire.fillna(False).to_numpy(dtype=bool)
        parts.append(pd.DataFrame({"nip": nip[hit].to_numpy(), "sinyal": sig.kode,
                                   "nilai": pd.Series(value).to_numpy(dtype=float)[hit], "ambang": limit,
                                   "satuan": sig.satuan, "sumber": sig.sumber}))
    if not parts:
        return pd.DataFrame(columns=WATCH_COLUMNS)
    out = pd.concat(parts, ignore_index=True)
    order = {k: i for i, k in enumerate(SIGNALS)}
    return out.assign(_o=out["sinyal"].map(order)).sort_values(["nip", "_o"]).drop(columns="_o") \
        .reset_index(drop=True)[WATCH_COLUMNS]


# -- penempatan indicators ----------------------------------------------------------------------------------

def placement_indicators(appointments: pd.DataFrame | None, posts: pd.DataFrame, ready: pd.DataFrame,
                         period: int | None = None, min_ready: int = 2) -> dict:
    """The penempatan indicators of a period's (or every) active appointments:

    posts_total, filled (target posts filled by an appointment), from_pool / from_pool_share (filled
    from the talent pool), ready_now / ready_now_share (readiness recorded as Siap Sekarang),
    days_known, days_to_fill_median / _mean (``lowong_sejak`` → ``tanggal``, where known),
    critical_total, critical_ready (critical posts with at least ``min_ready`` successors Siap Sekarang
    in ``ready``), critical_ready_share. Shares in percent points of ``filled`` (or of critical posts)."""
    act = _active(appointments)
    if period is not None and "period" in act.columns:
        act = act[act["period"] == period]
    latest = act.sort_values(["tanggal", "id"]).drop_duplicates("post_id", keep="last") if len(act) else act
    filled = len(latest)
    from_pool = int((latest["cara"] == "talent_pool").sum()) if filled else 0
    ready_now = int((latest["kesiapan"] == SIAP_SEKARANG).sum()) if filled else 0
    days = pd.Series(dtype=float)
    if filled:
        gap = pd.to_datetime(latest["tanggal"]) - pd.to_datetime(latest["lowong_sejak"])
        days = gap.dt.days.dropna().astype(float)
    critical = posts[posts["kritikal"].astype(bool)]
    now = ready[ready["kesiapan"] == SIAP_SEKARANG] if len(ready) else ready
    per_post = now.groupby("post_id")["nip"].nunique() if len(now) else pd.Series(dtype=int)
    crit_ready = int((critical["post_id"].map(per_post).fillna(0) >= min_ready).sum())
    return {"posts_total": len(posts), "filled": filled,
            "from_pool": from_pool, "from_pool_share": share(from_pool, filled),
            "ready_now": ready_now, "ready_now_share": share(ready_now, filled),
            "days_known": len(days),
            "days_to_fill_median": float(days.median()) if len(days) else None,
            "days_to_fill_mean": float(days.mean()) if len(days) else None,
            "critical_total": len(critical), "critical_ready": crit_ready,
            "critical_ready_share": share(crit_ready, len(critical))}
