"""Home (the Beranda page and the key-figures slide): the period's headline numbers."""
from __future__ import annotations

from dataclasses import dataclass

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


def key_figures(ctx: Context) -> KeyFigures:
    head = services.headline(ctx.period, ctx.filters, ctx.scope)
    placed = services.placements(ctx.period, ctx.filters, ctx.scope)
    boxes = services.rules(ctx.period).boxes
    pool_boxes = boxes.loc[boxes["kelompok_suksesi"], "kotak"].tolist()
    status = placed["status"].value_counts()
    return KeyFigures(head["asn"], head["profiled_cact"], head["quota_cact"], int(placed["kotak"].isin(pool_boxes).sum()),
                      pool_boxes, head["vacant_posts"], status.get("ditempatkan", 0), status.get("belum diprofil", 0),
                      status.get("belum ada kinerja", 0))
