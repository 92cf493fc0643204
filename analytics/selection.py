"""Turning a Plotly selection event from Streamlit into NIPs and boxes."""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

BOX_PREFIX = "kotak:"


@dataclass(frozen=True)
class Selection:
    nips: tuple[str, ...] = ()
    boxes: tuple[int, ...] = ()
    empty: bool = field(default=True)


def _first(customdata: Any) -> Any:
    """customdata arrives as ``[v, ...]`` (plotly < 6) or ``{"0": v, ...}`` (plotly ≥ 6)."""
    if customdata is None:
        return None
    if isinstance(customdata, Mapping):
        return customdata.get("0", customdata.get(0))
    if isinstance(customdata, (list, tuple)):
        return customdata[0] if customdata else None
    return customdata


def selection_from_event(event: Any, curves: Mapping[int, Sequence[str]] | None = None) -> Selection:
    """NIPs of selected dots and numbers of selected box badges.

    ``curves`` maps curve number → the NIPs of that trace in point order; it is
    the fallback when a point carries no customdata.
    """
    sel = getattr(event, "selection", None)
    if sel is None and isinstance(event, Mapping):
        sel = event.get("selection")
    if not sel:
        return Selection()
    points = sel.get("points", []) if isinstance(sel, Mapping) else getattr(sel, "points", [])
    nips: list[str] = []
    boxes: list[int] = []
    for p in points or []:
        value = _first(p.get("customdata"))
        if value is None and curves is not None:
            curve, idx = p.get("curve_number"), p.get("point_index")
            if curve in curves and idx is not None and 0 <= idx < len(curves[curve]):
                value = curves[curve][idx]
        if value is None:
            continue
        value = str(value)
        if value.startswith(BOX_PREFIX):
            boxes.append(int(value[len(BOX_PREFIX):]))
        else:
            nips.append(value)
    nips = list(dict.fromkeys(nips))
    boxes = sorted(set(boxes))
    return Selection(tuple(nips), tuple(boxes), empty=not (nips or boxes))
