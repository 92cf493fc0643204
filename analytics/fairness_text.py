"""Plain sentences from the fairness tests: one per finding, for leaders who read no statistics.

Pure: a :class:`~analytics.fairness.FairnessResult` in, sentences out (catalog ``fair.s.*``, the
language passed in). Each sentence names the groups and the figures behind the finding (shares in
a band of boxes, mean axis values, percentiles) and ends with what the test says in words: a
difference this size could be chance (``tidak ada``), or is unlikely to be chance, and how large
it is. The test names, p-values and effect sizes stay in the statistics beside them.
"""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from analytics.fairness import BANDS, FairnessResult, box_band
from common import fmt
from common.i18n import t

NOTABLE = ("kecil", "sedang", "besar")   # unlikely to be chance and at least a small effect


@dataclass(frozen=True)
class Finding:
    attribute: str
    topic: str        # "sebaran_kotak" | "kinerja" | "potensial" | "ditandai" | "data"
    tingkat: str      # the verdict level (analytics.fairness), "ditandai" or "tidak cukup data"
    sentence: str

    @property
    def notable(self) -> bool:
        """A difference worth raising: unlikely to be chance and not negligible, or a flagged group."""
        return self.tingkat in NOTABLE or self.tingkat == "ditandai"


def _start(text: str) -> str:
    return text[:1].upper() + text[1:]


def box_span(boxes: pd.DataFrame, band: str) -> str:
    """The boxes of a band as read: "7–9" when consecutive, else "2, 4, 7"."""
    bands = box_band(boxes)
    numbers = sorted(int(k) for k, b in bands.items() if b == band)
    if not numbers:
        return ""
    if numbers == list(range(numbers[0], numbers[-1] + 1)) and len(numbers) > 1:
        return f"{numbers[0]}–{numbers[-1]}"
    return ", ".join(map(str, numbers))


def _ends(values: pd.Series) -> tuple[str, str]:
    """(lowest, highest) group of ``values``; two different groups even when every value is equal."""
    low, high = values.idxmin(), values.idxmax()
    if high == low:
        high = next(g for g in reversed(values.index) if g != low)
    return low, high


def _tail(tingkat: str, lang: str) -> str:
    return t(f"fair.s.tail.{tingkat}", lang=lang)


def _box_finding(res: FairnessResult, boxes: pd.DataFrame, names: dict[str, str], lang: str) -> Finding:
    row = res.tests.set_index("uji").loc["sebaran_kotak"]
    groups = res.groups.set_index("kelompok")
    # the band whose share differs most between groups carries the sentence
    spread = {b: groups[f"persen_{b}"].max() - groups[f"persen_{b}"].min() for b in BANDS}
    band = max(reversed(BANDS), key=spread.get)   # ties: the top band (the succession pool) first
    share = groups[f"persen_{band}"]
    low, high = _ends(share)
    values = dict(low=names.get(low, low), high=names.get(high, high), lp=fmt.pct(share[low], 0, lang),
                  hp=fmt.pct(share[high], 0, lang), boxes=box_span(boxes, band),
                  attr=t(f"fair.s.attr.{res.attribute}", lang=lang), tail=_tail(row["tingkat"], lang))
    shape = ("none" if row["tingkat"] == "tidak ada" else "") + ("_two" if len(groups) == 2 else "_many")
    if shape == "_two" and band == "bawah":   # boxes 1–3: who lands there more often is the news
        shape = "_two_often"
    return Finding(res.attribute, "sebaran_kotak", row["tingkat"],
                   _start(t(f"fair.s.box{shape}", lang=lang, **values)))


def _axis_finding(res: FairnessResult, axis: str, names: dict[str, str], lang: str) -> Finding:
    row = res.tests.set_index("uji").loc[axis]
    mean = res.groups.set_index("kelompok")[f"rerata_{axis}"]
    low, high = _ends(mean)
    values = dict(low=names.get(low, low), high=names.get(high, high), lv=fmt.num(mean[low], 1, lang),
                  hv=fmt.num(mean[high], 1, lang), axis=t(f"fair.s.axis.{axis}", lang=lang),
                  attr=t(f"fair.s.attr.{res.attribute}", lang=lang), tail=_tail(row["tingkat"], lang))
    shape = ("none" if row["tingkat"] == "tidak ada" else "") + ("_two" if len(mean) == 2 else "_many")
    return Finding(res.attribute, axis, row["tingkat"], _start(t(f"fair.s.axis{shape}", lang=lang, **values)))


def findings(res: FairnessResult, boxes: pd.DataFrame, names: dict[str, str] | None = None,
             lang: str = "id") -> list[Finding]:
    """One finding per test of ``res`` (box distribution, performance, potential), then one per group
    flagged "higher on performance, lower on potential"; a single "too few to say" when the groups
    are too small. ``names`` gives each group as a sentence should read it (default: as stored)."""
    names = names or {}
    attr = t(f"fair.s.attr.{res.attribute}", lang=lang)
    if not res.enough:
        return [Finding(res.attribute, "data", "tidak cukup data",
                        t("fair.s.too_few", lang=lang, attr=attr, n=res.min_group))]
    out = [_box_finding(res, boxes, names, lang), _axis_finding(res, "kinerja", names, lang),
           _axis_finding(res, "potensial", names, lang)]
    check = res.check.set_index("kelompok")
    for g in res.flagged:
        out.append(Finding(res.attribute, "ditandai", "ditandai", _start(t(
            "fair.s.flagged", lang=lang, group=names.get(g, g), pk=fmt.num(check.loc[g, "persentil_kinerja"], 0, lang),
            pp=fmt.num(check.loc[g, "persentil_potensial"], 0, lang)))))
    return out
