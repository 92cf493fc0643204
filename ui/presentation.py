"""The slides of Mode Presentasi, built once from the cached services for the chosen period and filters.

The same ``Slide`` list is shown by ``app_pages/presentasi.py`` and written to the PowerPoint deck,
so what a leader sees on the projector is what they take home. Every count that describes a
breakdown follows the anonymisation switch: on the key figures and the 9-box, small boxes and every
number that would give them away read ``*`` (``analytics.ninebox.box_suppression``, one answer for both).
"""
from __future__ import annotations

from datetime import date

import pandas as pd

from analytics import development as dv
from common import fmt
from common.i18n import t
from reports.figures import movement as movement_figures
from reports.figures import ninebox
from reports.figures import presentation as presentation_figures
from reports.slides import Slide
from ui import cycle_monev, home, movement, privacy, services, succession_story
from ui.frame import Context


def filter_lines(ctx: Context, lang: str) -> list[str]:
    """The filters as written lines, for slide subtitles and export headers."""
    s = services.store()
    names = dict(zip(s.opd()["opd_id"], s.opd()["nama"]))
    f = ctx.filters
    every = t("sidebar.all", lang=lang)
    return [f"{t('sidebar.period', lang=lang)}: {ctx.period}",
            f"{t('sidebar.opd', lang=lang)}: " + (", ".join(names.get(o, o) for o in f.opd_ids) or every),
            f"{t('sidebar.jenis_jabatan', lang=lang)}: " + (", ".join(f.jenis_jabatan) or every),
            f"{t('sidebar.jenis_asn', lang=lang)}: " + (", ".join(f.jenis_asn) or every)]


def build(ctx: Context, lang: str, today: date, min_count: int | None = None) -> list[Slide]:
    """The slides: key figures, 9-box, movement, profiling, the vacant posts, one per vacant post and the
    talent cycle;
    ``min_count`` (groups under it are hidden, and names pseudonymised when > 0) defaults to the
    session's switch."""
    subtitle = " · ".join(filter_lines(ctx, lang))
    k = (privacy.min_group() if privacy.is_on() else 0) if min_count is None else min_count
    return [s for s in (_figures(ctx, lang, subtitle, k, today), _ninebox(ctx, lang, subtitle, k),
                        _movement(ctx, lang, subtitle, k), _coverage(ctx, lang, subtitle, k)) if s is not None
            ] + succession_story.slides(ctx, lang, subtitle, today, anonymised=k > 0) + [
                cycle_monev.slide(ctx, lang, subtitle, k)]


IN_LEAD = ("asn", "placed")   # key figures the first slide's lead sentence states


def _figures(ctx: Context, lang: str, subtitle: str, min_count: int, today: date) -> Slide:
    """The headline sentence (the slide's lead) and Beranda's key figures, the same tiles."""
    k = home.key_figures(ctx, min_count, today)
    return Slide("angka", t("pres.s.figures", lang=lang, period=ctx.period), subtitle,
                 # ASN and those placed are in the lead sentence: four tiles fit the stage in two rows
                 metrics=tuple(tile.on_slide(lang) for tile in k.tiles(lang) if tile.key not in IN_LEAD),
                 notes=(t("privacy.hidden_note", lang=lang, n=min_count),) if k.any_hidden else (),
                 lead=k.headline(lang))


def _ninebox(ctx: Context, lang: str, subtitle: str, k: int) -> Slide:
    summary = services.summary(ctx.period, ctx.filters, ctx.scope)
    legend = ninebox.with_count_labels(summary, k, lang).sort_values("kotak", ascending=False)
    table = pd.DataFrame({t("beranda.legend_box", lang=lang): legend["kotak"].astype(int),
                          t("beranda.legend_label", lang=lang): legend["label"],
                          t("beranda.legend_count", lang=lang): legend["jumlah_teks"],
                          t("beranda.legend_pct", lang=lang): legend["persen_teks"]})
    hidden = bool(legend["ditekan"].any())  # the total is only ever hidden along with boxes
    return Slide("sembilan-kotak", t("pres.s.ninebox", lang=lang, period=ctx.period), subtitle,
                 figure=ninebox.ninebox_grid(summary, height=620, min_count=k, lang=lang), table=table,
                 notes=(t("privacy.hidden_note", lang=lang, n=k),) if hidden else ())


def _movement(ctx: Context, lang: str, subtitle: str, k: int) -> Slide | None:
    periods = [p for p in movement.periods() if p < ctx.period]
    if not periods:
        return None
    cmp, _ = movement.between(periods[-1], ctx.period, ctx.filters, ctx.scope)
    hidden = cmp.hidden(k)  # the page's answer: small cells and whatever would give them away read *
    tiles = cmp.tiles(hidden, lang)
    notes = (movement.sum_line(cmp, tiles, lang), movement.into_bottom_line(cmp, tiles, lang),
             t("pg.matrix_help", lang=lang, before=cmp.before, after=cmp.after))
    return Slide("pergerakan", t("pres.s.movement", lang=lang, before=cmp.before, after=cmp.after), subtitle,
                 metrics=((t("pg.both", lang=lang), tiles["total"]),
                          *((label, value) for label, value, _ in movement.direction_tiles(cmp, tiles, lang))),
                 figure=movement_figures.transition_heatmap(cmp.matrix, cmp.before, cmp.after, height=520,
                                                            hidden=hidden),
                 notes=notes + ((t("privacy.hidden_note", lang=lang, n=k),) if hidden.any_hidden else ()))


def _coverage(ctx: Context, lang: str, subtitle: str, k: int) -> Slide:
    placed = services.placements(ctx.period, ctx.filters, ctx.scope)
    head = services.headline(ctx.period, ctx.filters, ctx.scope)
    cov = dv.coverage(placed, "jenis_jabatan")
    if k:
        cov = cov[cov["n"] >= k]  # a share of a group under the minimum would describe a few people
    fig = presentation_figures.coverage_bars(cov, lang)
    profiled = int(placed["sumber"].notna().sum())
    n = lambda v: fmt.num(v, lang=lang)  # noqa: E731
    quota = head["quota_cact"]
    return Slide("profiling", t("pres.s.coverage", lang=lang, period=ctx.period), subtitle, metrics=(
        (t("dev.cov_profiled", lang=lang), n(profiled)),
        (t("dev.cov_unprofiled", lang=lang), n(len(placed) - profiled)),
        (t("dev.cov_cact", lang=lang, period=ctx.period), f"{n(head['profiled_cact'])} / {n(quota)}"),
        (t("dev.cov_share", lang=lang), fmt.pct(profiled / len(placed) * 100 if len(placed) else 0, 1, lang))),
        figure=fig, notes=(t("pres.coverage_note", lang=lang),))
