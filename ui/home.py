"""Home (the Beranda page and the key-figures slide): the period's headline numbers and sentence."""
from __future__ import annotations

import threading
from dataclasses import dataclass, field
from datetime import date

from analytics import headline as hl
from analytics import succession as sc
from analytics.anonymise import Suppression
from analytics.ninebox import POOL, box_suppression
from common import fmt
from common.i18n import t
from data.store import Filters, Scope, Store
from ui import services, succession
from ui.frame import Context


@dataclass(frozen=True)
class Tile:
    """One key figure: its number and, in the tile itself, the base of its share ("79% dari 6.000 ASN")."""
    key: str     # asn, placed, unprofiled, quota, pool, vacant
    label: str
    value: str
    base: str
    help: str

    def on_slide(self, lang: str) -> tuple[str, str]:
        """(label, value) for a slide, the base written after the label."""
        return (t("story.tile.with_base", lang=lang, label=self.label, base=self.base) if self.base else self.label,
                self.value)


@dataclass(frozen=True)
class KeyFigures:
    asn: int                 # ASN within the scope and filters
    profiled_cact: int       # CACT profiled / quota (from the headline)
    quota_cact: int
    pool: int                # people in the succession pool's boxes
    pool_boxes: list[int]
    vacant_posts: int
    placed: int              # status counts: placed, not profiled, no performance yet
    unprofiled: int
    no_performance: int
    hidden: Suppression = field(default_factory=Suppression)  # what of the 9-box numbers the switch hides
    vacant_ready: int | None = None   # vacant posts with a candidate ready now (None: not worked out)

    @property
    def any_hidden(self) -> bool:
        return bool(self.hidden.cells or self.hidden.groups or self.hidden.total)

    def tiles(self, lang: str) -> list[Tile]:
        """The key figures, for Beranda and the first slide alike: ASN, placed on the 9-box and not profiled
        (each of all ASN), the CACT quota use (of the quota: a different measure from "not profiled", as
        CACT is one of two assessments), the succession pool (of those placed) and the vacant posts (with
        how many have a candidate ready now). What the switch hides reads "*", and no base names a hidden
        number."""
        mark = t("privacy.hidden_mark", lang=lang)
        n = lambda v: fmt.num(v, lang=lang)  # noqa: E731
        pct = lambda v, whole: share_text(hl.share(v, whole), lang)  # noqa: E731
        gone, pool_gone = self.hidden.total, self.hidden.group_hidden(POOL) or self.hidden.total
        of_asn = lambda v: (t("story.base.of_asn_bare", lang=lang, asn=n(self.asn)) if gone  # noqa: E731
                            else t("story.base.of_asn", lang=lang, pct=pct(v, self.asn), asn=n(self.asn)))
        if gone:
            of_placed = t("story.base.of_placed_hidden", lang=lang)
        elif pool_gone:
            of_placed = t("story.base.of_placed_bare", lang=lang, placed=n(self.placed))
        else:
            of_placed = t("story.base.of_placed", lang=lang, pct=pct(self.pool, self.placed), placed=n(self.placed))
        ready = ("" if not self.vacant_posts or self.vacant_ready is None
                 else t("story.base.ready", lang=lang, ready=n(self.vacant_ready)))
        return [
            Tile("asn", t("beranda.asn", lang=lang), n(self.asn), "", t("beranda.asn_help", lang=lang)),
            Tile("placed", t("story.tile.placed", lang=lang), mark if gone else n(self.placed), of_asn(self.placed),
                 t("story.tile.placed_help", lang=lang)),
            Tile("unprofiled", t("story.tile.unprofiled", lang=lang), mark if gone else n(self.unprofiled), of_asn(self.unprofiled),
                 t("story.tile.unprofiled_help", lang=lang)),
            Tile("quota", t("story.tile.quota", lang=lang), n(self.profiled_cact),
                 t("story.base.of_quota", lang=lang, pct=pct(self.profiled_cact, self.quota_cact),
                   quota=n(self.quota_cact)) if self.quota_cact else "", t("story.tile.quota_help", lang=lang)),
            Tile("pool", t("story.tile.pool", lang=lang), mark if pool_gone else n(self.pool), of_placed,
                 t("story.tile.pool_help", lang=lang, boxes=", ".join(map(str, self.pool_boxes)))),
            Tile("vacant", t("beranda.vacant", lang=lang), n(self.vacant_posts), ready, t("beranda.vacant_help", lang=lang)),
        ]

    def headline(self, lang: str) -> str:
        """The sentence of Beranda and the first slide (``analytics.headline``), hidden numbers left out."""
        counts = hl.Counts(self.asn, self.placed, self.pool, self.vacant_posts, self.vacant_ready,
                           placed_hidden=self.hidden.total, pool_hidden=self.hidden.group_hidden(POOL))
        return " ".join(t(p.key, lang=lang, **{k: fmt.num(v, lang=lang) for k, v in p.counts.items()},
                          **{k: share_text(v, lang) for k, v in p.shares.items()}) for p in hl.parts(counts))

    def status_line(self, lang: str) -> str:
        """Placed · not profiled · no performance; with the total of placed hidden all three are (with
        the ASN count, any two give the third)."""
        mark = t("privacy.hidden_mark", lang=lang)
        n = (lambda v: mark) if self.hidden.total else (lambda v: fmt.num(v, lang=lang))  # noqa: E731
        return t("beranda.placed", lang=lang, placed=n(self.placed), unprofiled=n(self.unprofiled),
                 noperf=n(self.no_performance))


def share_text(value: float, lang: str) -> str:
    """A share in whole percent, one decimal under 1% (so that a few people never read "0%")."""
    return fmt.pct(value, 1 if 0 < value < 1 else 0, lang)


def key_figures(ctx: Context, min_count: int = 0, on: date | None = None, ready: bool = True) -> KeyFigures:
    """The headline numbers; ``min_count`` > 0 (the anonymisation switch) hides what the 9-box hides
    (``analytics.ninebox.box_suppression`` over the same summary the grid shows). Readiness for the
    vacant posts is worked out on ``on`` (today by default), as on Suksesi; ``ready=False`` leaves it
    out (None), for a page that fills it in after drawing the 9-box (it evaluates the pool per post)."""
    head = services.headline(ctx.period, ctx.filters, ctx.scope)
    counts = services.counts(ctx.period, ctx.filters, ctx.scope)   # per (kotak, status): no one is read
    boxes = services.rules(ctx.period).boxes
    pool_boxes = boxes.loc[boxes["kelompok_suksesi"], "kotak"].tolist()
    status = counts.groupby("status")["jumlah"].sum()
    pool = int(counts.loc[counts["kotak"].isin(pool_boxes), "jumlah"].sum())
    hidden = box_suppression(services.summary(ctx.period, ctx.filters, ctx.scope), min_count)
    return KeyFigures(head["asn"], head["profiled_cact"], head["quota_cact"], pool,
                      pool_boxes, head["vacant_posts"], int(status.get("ditempatkan", 0)),
                      int(status.get("belum diprofil", 0)), int(status.get("belum ada kinerja", 0)), hidden,
                      vacant_ready(ctx, on or date.today()) if ready else None)


_writing = threading.Lock()   # one write of the stored count at a time


def vacant_ready(ctx: Context, on: date) -> int:
    """Vacant target posts (in the scope) with at least one candidate ready now (in the filters)."""
    return vacant_ready_count(ctx.period, ctx.filters, ctx.scope, on)


def vacant_ready_count(period: int, filters: Filters, scope: Scope, on: date) -> int:
    """:func:`vacant_ready` without a page context (the server's warm-up). For everyone (no scope, no
    filters) the count is stored per data version and date once worked out (decision 0035), so a cold
    Beranda after the warm-up reads one row."""
    everyone = scope.opd_ids is None and not (filters.opd_ids or filters.jenis_jabatan or filters.jenis_asn)
    with services.snapshot() as snap:
        if everyone and (found := snap.stored_vacant_ready(period, snap.version, on)) is not None:
            return found
        count = _vacant_ready(snap, str(snap.path), snap.version, period, filters.opd_ids, filters.jenis_jabatan,
                              filters.jenis_asn, scope.opd_ids, on)
        version = snap.version
    if everyone:   # by the process's store, outside the snapshot (which cannot write)
        with _writing:
            services.store().store_vacant_ready(period, version, on, count)
    return count


@services.versioned_cache(max_entries=16)
def _vacant_ready(_snap: Store, path: str, version: tuple, period: int, opd: tuple, jenis: tuple, asn: tuple,
                  scope: tuple | None, on: date) -> int:
    # The bench of the vacant posts only, as Suksesi counts each post (analytics.succession.bench_strength):
    # a post's readiness is evaluated per (level, fields), so a few vacant posts need a few evaluations
    # instead of one per kind of every target post; and of the pool only those whose box and current level
    # could make them ready now for one of these levels are read and evaluated (the same ready-now counts).
    filters, seen = Filters(opd, jenis, asn), Scope(scope)
    posts = _snap.target_posts(seen)
    vacant = posts[posts["lowong"].astype(bool)]
    if vacant.empty:
        return 0
    cand, hist = succession.ready_candidates(period, filters, seen, vacant["jenjang_jabatan"].tolist())
    rules = succession.build_rules(_snap, period)
    spans = succession.career_spans(sc.pool_only(cand, rules), period)
    bench = sc.bench_strength(vacant, cand, rules, on, period, hist, career=spans)
    return int((bench["siap_sekarang"] > 0).sum())
