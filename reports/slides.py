"""One slide of the presentation: shown by the Mode Presentasi page and written to the PowerPoint deck."""
from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd
import plotly.graph_objects as go


@dataclass(frozen=True)
class Slide:
    key: str                                   # stable id, e.g. "angka", "sembilan-kotak"
    title: str
    subtitle: str = ""                         # e.g. period and filters
    metrics: tuple[tuple[str, str], ...] = ()  # (label, value already formatted the Indonesian way)
    figure: go.Figure | None = None
    table: pd.DataFrame | None = None          # already anonymised when the switch is on
    notes: tuple[str, ...] = field(default=())  # short bullet lines under the figure
