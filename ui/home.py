"""Home (the Beranda page and the key-figures slide): the period's headline numbers."""
from __future__ import annotations

from dataclasses import dataclass, field

from analytics.anonymise import Suppression
from analytics.ninebox import POOL, box_suppression
from common import fmt
from common.i18n import t
from ui import services
from ui.frame import Context


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

    @property
    def any_hidden(self) -> bool:
        return bool(self.hidden.cells or self.hidden.groups or self.hidden.total)

    def pool_text(self, lang: str) -> str:
        """The pool headline as shown: hidden when it would give away a hidden box."""
        return t("privacy.hidden_mark", lang=lang) if self.hidden.group_hidden(POOL) else fmt.num(self.pool, lang=lang)

    def status_line(self, lang: str) -> str:
        """Placed · not profiled · no performance; with the total of placed hidden all three are (with
        the ASN count, any two give the third)."""
        mark = t("privacy.hidden_mark", lang=lang)
        n = (lambda v: mark) if self.hidden.total else (lambda v: fmt.num(v, lang=lang))  # noqa: E731
        return t("beranda.placed", lang=lang, placed=n(self.placed), unprofiled=n(self.unprofiled),
                 noperf=n(self.no_performance))


def key_figures(ctx: Context, min_count: int = 0) -> KeyFigures:
    """The headline numbers; ``min_count`` > 0 (the anonymisation switch) hides what the 9-box hides
    (``analytics.ninebox.box_suppression`` over the same summary the grid shows)."""
    head = services.headline(ctx.period, ctx.filters, ctx.scope)
    placed = services.placements(ctx.period, ctx.filters, ctx.scope)
    boxes = services.rules(ctx.period).boxes
    pool_boxes = boxes.loc[boxes["kelompok_suksesi"], "kotak"].tolist()
    status = placed["status"].value_counts()
    hidden = box_suppression(services.summary(ctx.period, ctx.filters, ctx.scope), min_count)
    return KeyFigures(head["asn"], head["profiled_cact"], head["quota_cact"], int(placed["kotak"].isin(pool_boxes).sum()),
                      pool_boxes, head["vacant_posts"], status.get("ditempatkan", 0), status.get("belum diprofil", 0),
                      status.get("belum ada kinerja", 0), hidden)
