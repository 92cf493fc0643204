"""Plotly figures for pages and exports, by feature. Colours and layout only: every number arrives
from analytics/."""
