"""The headline sentence of Beranda and the first slide, as parts worked out from the counts.

Pure: takes counts, returns the parts (a catalog key with its numbers), so the wording stays in the
i18n catalogs and the number formats in ``common.fmt``. Every share names its base: the share of ASN
placed on the 9-box is of all ASN in the filters, the succession pool's share is of those placed
(never of all ASN). A number the anonymisation switch hides never appears: the clause that would carry
it is left out, and so is every clause whose share would give it back.

Sentence, with the demo's numbers:
"1.239 dari 6.000 ASN (21%) sudah ditempatkan di 9-box; 347 di antaranya (28%) masuk kelompok rencana
suksesi. 5 jabatan target lowong, 3 punya calon siap sekarang."
"""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Counts:
    asn: int                  # ASN in the scope and filters
    placed: int               # of them, with a box on the 9-box
    pool: int                 # of those placed, in the succession pool's boxes
    vacant: int               # vacant target posts
    vacant_ready: int | None  # of them, with at least one candidate ready now (None: not worked out)
    placed_hidden: bool = False   # the switch hides the total placed (and so every share of it)
    pool_hidden: bool = False     # the switch hides the pool's count


@dataclass(frozen=True)
class Part:
    """One clause: its catalog key, its counts (whole numbers) and shares (percent points)."""
    key: str
    counts: dict[str, int] = field(default_factory=dict)
    shares: dict[str, float] = field(default_factory=dict)


def share(part: int, whole: int) -> float:
    """``part`` of ``whole`` in percent points (0 when the whole is 0)."""
    return part / whole * 100 if whole else 0.0


def parts(c: Counts) -> list[Part]:
    """The clauses of the headline, in reading order (keys under ``story.headline.``)."""
    out: list[Part] = []
    if c.asn == 0:
        out.append(Part("story.headline.no_asn"))
    elif not c.placed_hidden:
        if c.placed == 0:
            out.append(Part("story.headline.none_placed", {"asn": c.asn}))
        elif c.pool_hidden:
            out.append(Part("story.headline.placed", {"placed": c.placed, "asn": c.asn},
                            {"placed_pct": share(c.placed, c.asn)}))
        else:
            out.append(Part("story.headline.placed_pool", {"placed": c.placed, "asn": c.asn, "pool": c.pool},
                            {"placed_pct": share(c.placed, c.asn), "pool_pct": share(c.pool, c.placed)}))
    if c.vacant == 0:
        out.append(Part("story.headline.no_vacant"))
    elif c.vacant_ready is None:
        out.append(Part("story.headline.vacant", {"vacant": c.vacant}))
    elif c.vacant_ready == 0:
        out.append(Part("story.headline.vacant_none_ready", {"vacant": c.vacant}))
    else:
        out.append(Part("story.headline.vacant_ready", {"vacant": c.vacant, "ready": c.vacant_ready}))
    return out
