"""The 9-box figures: the grid of counts (Beranda, exports, slides) and the dot scatter (Sembilan Kotak,
Kalibrasi), plus the count/share texts of a box legend. Colours and layout only: every number arrives
from analytics/."""
from __future__ import annotations

import html

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from analytics.ninebox import box_suppression
from common import fmt
from common.i18n import language, t
from common.palette import BOX_COLOURS, CATEGORY_COLOURS, INK, OTHER
from reports.figures.margins import axis_margins

AXIS_POT = ("rendah", "menengah", "tinggi")
AXIS_PERF = ("di bawah", "sesuai", "di atas")


def with_count_labels(summary: pd.DataFrame, min_count: int = 0, lang: str | None = None) -> pd.DataFrame:
    """The box summary plus ``jumlah_teks``/``persen_teks``, count and share as shown, and ``ditekan``
    (hidden): under the anonymisation switch (``min_count`` > 0) boxes of 1 … ``min_count``-1 people and
    the boxes that would give them away (``analytics.ninebox.box_suppression``) read ``*``; 0 shows all."""
    lang = lang or language()
    s = box_suppression(summary, min_count)
    mark = t("privacy.hidden_mark", lang=lang)
    kotak = summary["kotak"].astype(int)
    return summary.assign(
        jumlah_teks=[mark if s.cell_hidden(k) else fmt.num(c, lang=lang) for k, c in zip(kotak, summary["jumlah"])],
        persen_teks=[mark if s.share_hidden(k) else fmt.pct(p, lang=lang) for k, p in zip(kotak, summary["persen"])],
        ditekan=[s.cell_hidden(k) for k in kotak])


def ninebox_grid(summary: pd.DataFrame, height: int = 560, min_count: int = 0, lang: str | None = None) -> go.Figure:
    """3×3 grid: one cell per box with its number, count and share of placed ASN. Built as one dict
    (shapes and annotations added one by one re-validated the growing layout: 0.13 s a grid)."""
    lang = lang or language()
    summary = with_count_labels(summary, min_count, lang)
    shapes, annotations = [], []
    ink = "#1b1b1b"
    for r in summary.itertuples(index=False):
        x0, y0 = r.kolom, r.baris
        shapes.append(dict(type="rect", x0=x0 + 0.02, x1=x0 + 0.98, y0=y0 + 0.02, y1=y0 + 0.98,
                           fillcolor=BOX_COLOURS.get(r.kotak, "#cccccc"), opacity=0.9,
                           line=dict(color="white", width=2), layer="below"))
        annotations += [
            dict(x=x0 + 0.08, y=y0 + 0.86, text=f"<b>{r.kotak}</b>", showarrow=False, xanchor="left",
                 font=dict(size=30, color=ink)),
            dict(x=x0 + 0.5, y=y0 + 0.46, text=f"<b>{r.jumlah_teks}</b>", showarrow=False,
                 font=dict(size=34, color=ink)),
            dict(x=x0 + 0.5, y=y0 + 0.22, text=r.persen_teks, showarrow=False, font=dict(size=18, color=ink))]
    # an invisible trace carries hover text per cell
    hover = dict(type="scatter", x=(summary["kolom"] + 0.5).tolist(), y=(summary["baris"] + 0.5).tolist(),
                 mode="markers", marker=dict(size=120, opacity=0), hoverinfo="text", showlegend=False,
                 text=[f"{t('grid.box', lang=lang, n=k)}<br>{html.escape(str(lbl))}<br>"
                       f"{t('grid.count', lang=lang, count=c, pct=p)}"
                       for k, lbl, c, p in zip(summary["kotak"], summary["label"], summary["jumlah_teks"],
                                               summary["persen_teks"])])

    def axis(key: str, values: tuple) -> dict:
        return dict(range=[0, 3], tickvals=[0.5, 1.5, 2.5], ticktext=[t(f"grid.{c}", lang=lang) for c in values],
                    title=dict(text=f"<b>{t(key, lang=lang)}</b>", font=dict(size=16)), showgrid=False,
                    zeroline=False, fixedrange=True, tickfont=dict(size=15))
    xaxis, yaxis = axis("grid.x", AXIS_POT), axis("grid.y", AXIS_PERF)
    return go.Figure(data=[hover], layout=dict(
        shapes=shapes, annotations=annotations, xaxis=xaxis, yaxis=yaxis, height=height,
        margin=axis_margins(yaxis["ticktext"], xaxis["ticktext"], title_size=16),
        plot_bgcolor="white", paper_bgcolor="white", dragmode=False))


def _tint(hex_colour: str, alpha: float) -> str:
    h = hex_colour.lstrip("#")
    r, g, b = (int(h[i:i + 2], 16) for i in (0, 2, 4))
    return f"rgba({r},{g},{b},{alpha})"


#: Up to this many dots they are drawn as SVG, above as WebGL: a WebGL context costs about half a second
#: on the chart's first draw (software GL on a laptop without a GPU), SVG scales with the dots.
SVG_DOTS = 2_500
HOVER_COLUMNS = ("nip", "nama", "jabatan", "opd_nama", "predikat_efektif", "jpm_teks", "kotak")
#: Dots coloured by a category show at most this many groups, the largest, and the rest as one grey
#: "Lainnya": a reader tells about seven colours apart, and a legend of 37 OPDs squashed the plot.
MAX_COLOUR_GROUPS = len(CATEGORY_COLOURS)


def colour_groups(points: pd.DataFrame, colour: str) -> list[tuple[str, str, pd.DataFrame]]:
    """(legend name, colour, dots) per group of ``colour``: every group when there are at most
    MAX_COLOUR_GROUPS + 1 (in their own order), else the MAX_COLOUR_GROUPS largest (largest first,
    ties by name) and "Lainnya" (grey) for the rest."""
    values = points[colour].astype(object).where(points[colour].notna(), "–").astype(str)
    sizes = values.value_counts()
    if len(sizes) <= MAX_COLOUR_GROUPS + 1:
        names = sorted(sizes.index)
        return [(n, CATEGORY_COLOURS[i % len(CATEGORY_COLOURS)], points[values == n]) for i, n in enumerate(names)]
    ranked = sorted(sizes.items(), key=lambda kv: (-kv[1], kv[0]))[:MAX_COLOUR_GROUPS]
    top = [n for n, _ in ranked]
    out = [(n, CATEGORY_COLOURS[i], points[values == n]) for i, n in enumerate(top)]
    return out + [(t("ui.colour_other"), OTHER, points[~values.isin(top)])]


def ninebox_scatter(points: pd.DataFrame, summary: pd.DataFrame, colour: str | None,
                    x_cuts: tuple[float, float] | None, height: int = 640,
                    drag_select: bool = False, marked: pd.DataFrame | None = None,
                    min_count: int = 0, count_only: bool = False) -> tuple[go.Figure, dict[int, list[str]]]:
    """Dots per ASN over the 3×3 grid, one clickable badge per box.

    ``points`` has x, y and HOVER_COLUMNS (plus ``colour`` when given). Returns the
    figure and, per curve number, the NIPs in point order (to map a selection back). ``count_only``: the
    badges say the count without the share (a chart in a narrow column; the share stays in the hover).
    """
    lang = language()
    curves: dict[int, list[str]] = {}
    summary = with_count_labels(summary, min_count, lang)
    hidden = summary.loc[summary["ditekan"], "kotak"].astype(int).tolist()
    if hidden:  # a hidden box draws no dot: neither its people's positions nor their hover data leave the server
        points = points[~pd.to_numeric(points["kotak"], errors="coerce").isin(hidden)]
        if marked is not None:
            marked = marked[marked["nip"].isin(points["nip"])]
    counts, shares = summary["jumlah_teks"], summary["persen_teks"]
    # dots go to the browser in the keyed ``sampel`` order, not the frame's NIP order (the i-th dot of a
    # trace would otherwise be the i-th NIP of its group); the rings follow their dots' keyed positions
    points = points.sort_values("sampel", kind="stable") if "sampel" in points.columns else points
    if marked is not None:
        marked = marked.sort_values(["x", "y"], kind="stable")
    # The figure is assembled as plain dicts and validated once when it is made: adding shapes and
    # annotations one by one re-validates the whole layout each time (half a second of a cold first draw).
    shapes = [dict(type="rect", x0=r.kolom, x1=r.kolom + 1, y0=r.baris, y1=r.baris + 1,
                   fillcolor=_tint(BOX_COLOURS.get(r.kotak, "#cccccc"), 0.22),
                   line=dict(color="white", width=3), layer="below") for r in summary.itertuples(index=False)]
    # clickable badges: box number, count and share
    badge_text = [f"<b>{k}</b>" for k in summary["kotak"]]
    traces: list[dict] = [dict(
        type="scatter", x=(summary["kolom"] + 0.09).tolist(), y=(summary["baris"] + 0.89).tolist(),
        mode="markers+text", text=badge_text,
        textfont=dict(size=17, color="white"), marker=dict(symbol="square", size=34,
        color=[BOX_COLOURS.get(k) for k in summary["kotak"]], line=dict(color="white", width=1)),
        customdata=[f"kotak:{k}" for k in summary["kotak"]], name=t("grid.boxes"), showlegend=False,
        # a click selects one badge: the others must stay legible, not fade like unselected dots
        unselected=dict(marker=dict(opacity=1), textfont=dict(color="white")),
        hovertemplate="%{hovertext}<extra></extra>",
        hovertext=[f"{t('grid.box', n=k)} · {html.escape(str(lbl))}<br>{t('grid.count', count=c, pct=p)}"
                   f"<br><i>{t('grid.click_box')}</i>"
                   for k, lbl, c, p in zip(summary["kotak"], summary["label"], counts, shares)])]
    curves[0] = []
    annotations = [dict(x=r.kolom + 0.09, y=r.baris + 0.89, xanchor="left", xshift=22, showarrow=False,
                        text=f"<b>{c}</b>" if count_only else f"<b>{c}</b> · {p}", font=dict(size=15, color="#1b1b1b"))
                   for r, c, p in zip(summary.itertuples(index=False), counts, shares)]
    if colour is None:
        groups = [("", "#0b6e4f", points)]
    elif colour == "kotak":
        groups = [(t("grid.box", n=int(k)), BOX_COLOURS.get(int(k), "#555555"), g)
                  for k, g in points.groupby(colour, sort=True)]
    else:
        # "Lainnya" is drawn first, under the named groups' dots, and listed last
        groups = sorted(colour_groups(points, colour), key=lambda group: group[1] != OTHER)
    dot_type = "scatter" if len(points) <= SVG_DOTS else "scattergl"
    hover = ("<b>%{customdata[1]}</b><br>%{customdata[2]}<br>%{customdata[3]}<br>"
             + t("grid.hover_predikat") + ": %{customdata[4]} · JPM: %{customdata[5]}"
             + "<br>" + t("grid.box", n="%{customdata[6]}") + "<extra></extra>")
    for name, col, g in groups:
        traces.append(dict(
            type=dot_type, legendrank=2000 if col == OTHER else 1000,
            x=g["x"].to_numpy(dtype="float32"), y=g["y"].to_numpy(dtype="float32"), mode="markers", name=html.escape(name),
            # no outline: plotly styles an SVG dot's stroke one by one (a quarter of the 9-box's drawing time)
            marker=dict(size=7, color=col if colour != "kotak" else _darker(col), opacity=0.85, line=dict(width=0)),
            selected=dict(marker=dict(opacity=1)), unselected=dict(marker=dict(opacity=0.45)),
            customdata=_hover_safe(g[list(HOVER_COLUMNS)]), hovertemplate=hover,
            showlegend=colour not in (None, "kotak")))
        curves[len(traces) - 1] = g["nip"].tolist()
    if marked is not None and len(marked):  # people the committee moved: a ring around their dot
        traces.append(dict(
            type=dot_type, x=marked["x"].to_numpy(dtype="float32"), y=marked["y"].to_numpy(dtype="float32"),
            mode="markers", name=t("grid.moved"),
            marker=dict(symbol="diamond-open", size=14, color="#1b1b1b", line=dict(width=2)),
            customdata=marked[["nip"]].to_numpy(dtype=object), hoverinfo="skip", showlegend=True))
        curves[len(traces) - 1] = marked["nip"].tolist()
    for pos in (1, 2):
        shapes.append(dict(type="line", x0=pos, x1=pos, y0=0, y1=3, line=dict(color="#555", width=1.5, dash="dot")))
        shapes.append(dict(type="line", x0=0, x1=3, y0=pos, y1=pos, line=dict(color="#555", width=1.5, dash="dot")))
    ticks = [t(f"grid.{c}") for c in AXIS_POT]
    if x_cuts is not None:
        mid, hi = x_cuts
        ticks = [f"{ticks[0]}<br>< {fmt.num(mid, 1, lang)}", f"{ticks[1]}<br>{fmt.num(mid, 1, lang)} – < {fmt.num(hi, 1, lang)}",
                 f"{ticks[2]}<br>≥ {fmt.num(hi, 1, lang)}"]
    # Click mode (default): no dragmode, so Streamlit picks clickmode "event+select" and a click on a
    # badge or dot selects it. Drag mode: dragmode "select", where Streamlit sends box selections
    # but no clicks; the page offers the two as an explicit toggle so nobody gets stuck in one.
    # the legend (colour by a category) hangs below the axis title, not over it
    y_ticks = [t(f"grid.{c}") for c in AXIS_PERF]
    layout = dict(
        shapes=shapes, annotations=annotations, height=height, margin=axis_margins(y_ticks, ticks, title_size=18),
        plot_bgcolor="white", paper_bgcolor="white",
        legend=dict(orientation="h", yanchor="top", y=-0.2, font=dict(size=15)), uirevision=f"ninebox-{drag_select}",
        xaxis=dict(range=[0, 3], tickvals=[0.5, 1.5, 2.5], ticktext=ticks, showgrid=False, zeroline=False,
                   title=dict(text=f"<b>{t('grid.x')}</b>", font=dict(size=18, color=INK)),
                   tickfont=dict(size=15, color=INK), fixedrange=True),
        yaxis=dict(range=[0, 3], tickvals=[0.5, 1.5, 2.5], ticktext=y_ticks,
                   showgrid=False, zeroline=False, title=dict(text=f"<b>{t('grid.y')}</b>", font=dict(size=18, color=INK)),
                   tickfont=dict(size=15, color=INK), fixedrange=True))
    if drag_select:
        layout["dragmode"] = "select"
    return go.Figure(data=traces, layout=layout), curves


def _hover_safe(frame: pd.DataFrame) -> np.ndarray:
    """customdata for hover cards with text escaped: Plotly renders a subset of HTML in hover labels,
    and a name like ``<img src=x onerror=…>`` must show as typed. The NIP (column 0) stays raw for
    selections."""
    out = frame.to_numpy(dtype=object)
    for j in range(1, out.shape[1]):
        out[:, j] = [html.escape(v) if isinstance(v, str) else v for v in out[:, j]]
    return out


def _darker(hex_colour: str) -> str:
    h = hex_colour.lstrip("#")
    r, g, b = (int(int(h[i:i + 2], 16) * 0.7) for i in (0, 2, 4))
    return f"#{r:02x}{g:02x}{b:02x}"
