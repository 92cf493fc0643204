"""Monev and the cycle's slide: the indicators of a period against the previous one, the Monev workbook
and deck (``reports.monev``), the CACT quota proposal workbook, and the Siklus Talenta slide of Mode
Presentasi. Files are built on the click: what they need of the session is captured by the caller."""
from __future__ import annotations

from datetime import date, datetime

from analytics import cycle as cy
from common import fmt
from common.i18n import t
from reports import monev
from reports.figures import cycle as figures
from reports.masking import Masking
from reports.monev import Indicator
from reports.slides import Slide
from reports.workbook import workbook
from ui import cycle_data, cycle_tables, services
from ui.cycle_data import Cycle
from ui.frame import Context


def _measures(ctx: Context, period: int, lang: str) -> dict:
    """Every indicator's value for ``period`` (None where it cannot be measured)."""
    c = cycle_data.cycle(period, ctx.filters, ctx.scope)
    stage = dict(zip(c.funnel["tahap"], c.funnel["jumlah"]))
    i = c.indicators
    reg = cycle_data.register(period, ctx.filters, ctx.scope)
    first = services.store().previous_period(period) is None
    watch = cycle_data.watchlist(period, ctx.filters, ctx.scope, c.on)
    store = services.store()
    dev = store.development_actions(period, scope=ctx.scope)
    ret = store.retention_actions(period, scope=ctx.scope)
    quota = cycle_tables.quota(period, c, lang)
    return {
        "asn": stage["asn"], "diprofil": c.funnel.set_index("tahap").loc["diprofil", "persen_asn"],
        "ditempatkan": stage["ditempatkan"], "kelompok_suksesi": stage["kelompok_suksesi"], "siap": stage["siap"],
        "diangkat": stage["diangkat"], "filled": i["filled"],
        "from_pool_share": i["from_pool_share"] if i["filled"] else None,
        "ready_now_share": i["ready_now_share"] if i["filled"] else None,
        "days_to_fill": i["days_to_fill_median"],
        "critical_ready_share": i["critical_ready_share"] if i["critical_total"] else None,
        "vacating": len(c.vacancies), "gap": int(c.needs["kesenjangan"].sum()) if len(c.needs) else 0,
        "pool_entered": None if first else int((reg["status"] == cy.ENTERED).sum()),
        "pool_left": None if first else int((reg["status"] == cy.LEFT).sum()),
        "watch": int(watch["nip"].nunique()) if len(watch) else 0,
        "development_actions": len(dev), "retention_actions": len(ret), "quota_proposed": quota.proposed}


#: (indicator key, unit, the base of a share: a catalog key or "")
INDICATORS = (("asn", "n", ""), ("diprofil", "pct", "siklus.base.asn"), ("ditempatkan", "n", ""),
              ("kelompok_suksesi", "n", ""), ("siap", "n", ""), ("diangkat", "n", ""),
              ("filled", "n", ""), ("from_pool_share", "pct", "siklus.base.filled"),
              ("ready_now_share", "pct", "siklus.base.filled"), ("days_to_fill", "days", "siklus.base.days"),
              ("critical_ready_share", "pct", "siklus.base.critical"), ("vacating", "n", ""), ("gap", "n", ""),
              ("pool_entered", "n", ""), ("pool_left", "n", ""), ("watch", "n", ""),
              ("development_actions", "n", ""), ("retention_actions", "n", ""), ("quota_proposed", "n", ""))


def indicators(ctx: Context, lang: str) -> tuple[list[Indicator], int | None]:
    """The cycle's indicators of the context's period and of the previous one (when there is one)."""
    previous = services.store().previous_period(ctx.period)
    now = _measures(ctx, ctx.period, lang)
    before = _measures(ctx, previous, lang) if previous is not None else {}
    return [Indicator(key, unit, now.get(key), before.get(key), t(base, lang=lang) if base else "")
            for key, unit, base in INDICATORS], previous


def _context(ctx: Context, exporter: str, lang: str) -> list[tuple[str, str]]:
    from ui.presentation import filter_lines
    return [(t("kal.export_period", lang=lang), str(ctx.period)),
            (t("kal.export_filters", lang=lang), " · ".join(filter_lines(ctx, lang)[1:])),
            (t("kal.export_made", lang=lang), f"{fmt.tanggal(datetime.now().date(), lang)} · {exporter}")]


def monev_workbook(ctx: Context, lang: str, exporter: str, masking: Masking) -> bytes:
    """The Monev workbook: indicators against the previous year, the funnel, needs, the quota proposal."""
    inds, previous = indicators(ctx, lang)
    c = cycle_data.cycle(ctx.period, ctx.filters, ctx.scope)
    funnel = c.funnel.assign(tahap=c.funnel["tahap"].map(lambda s: t(f"siklus.stage.{s}", lang=lang)))
    details = {t("siklus.monev.sheet.funnel", lang=lang): funnel,
               t("siklus.monev.sheet.needs", lang=lang): cycle_tables.needs_table(c.needs, lang, suppress=False),
               t("siklus.monev.sheet.quota", lang=lang): cycle_tables.quota(ctx.period, c, lang).numbers,
               t("siklus.monev.sheet.appointments", lang=lang): cycle_tables.appointment_table(
                   c.appointments, lang, hide_posts=masking.on)}
    return monev.workbook(inds, ctx.period, previous, details, _context(ctx, exporter, lang), lang=lang,
                          masking=masking, synthetic=ctx.synthetic)


def monev_deck(ctx: Context, lang: str, masking: Masking, today: date | None = None) -> bytes:
    """The Monev deck: the indicators (two slides), the funnel, the needs and the quota proposal."""
    from ui.presentation import filter_lines
    inds, previous = indicators(ctx, lang)
    subtitle = " · ".join(filter_lines(ctx, lang))
    c = cycle_data.cycle(ctx.period, ctx.filters, ctx.scope)
    needs = cycle_tables.needs_table(c.needs, lang, suppress=False)
    quota = cycle_tables.quota(ctx.period, c, lang)
    extra = [Slide("monev-kebutuhan", t("siklus.acq.needs", lang=lang), subtitle,
                   table=needs.rename(columns=_column_names(needs.columns, lang)),
                   notes=(t("siklus.acq.needs_help", lang=lang, years=cycle_data.YEARS),)),
             Slide("monev-kuota", t("siklus.acq.proposal", lang=lang), subtitle,
                   table=quota.table.rename(columns=_column_names(quota.table.columns, lang)),
                   notes=(t("siklus.acq.proposal_help", lang=lang),))]
    slides = monev.slides(inds, ctx.period, previous, subtitle, lang, funnel=slide(ctx, lang, subtitle, 0), extra=extra)
    return monev.deck(slides, ctx.period, subtitle, lang=lang, masking=masking, synthetic=ctx.synthetic, made_on=today)


def _column_names(columns, lang: str) -> dict:
    from common.i18n import column_label
    return {c: column_label(c, lang) for c in columns}


def quota_workbook(quota: cycle_tables.Quota, ctx: Context, exporter: str, masking: Masking) -> bytes:
    """The CACT quota proposal as a workbook BKPSDM can attach to its request to BKN."""
    from common.i18n import language
    lang = language()
    return workbook({t("siklus.monev.sheet.quota", lang=lang): quota.numbers},
                    t("siklus.acq.export_title", lang=lang, year=ctx.period + 1), masking=masking, lang=lang,
                    synthetic=ctx.synthetic, context=[
                        *_context(ctx, exporter, lang),
                        (t("siklus.acq.quota_now", lang=lang), fmt.num(quota.current, lang=lang)),
                        (t("siklus.acq.quota_next", lang=lang), fmt.num(quota.proposed, lang=lang)),
                        (t("siklus.acq.rule", lang=lang), t("siklus.acq.proposal_help", lang=lang))])


def slide(ctx: Context, lang: str, subtitle: str, min_count: int) -> Slide:
    """The Siklus Talenta slide: the funnel and the four penempatan indicators (counts under
    ``min_count`` read "*")."""
    c: Cycle = cycle_data.cycle(ctx.period, ctx.filters, ctx.scope)
    labels, values, texts, hidden = cycle_tables.funnel_parts(c, lang, min_count)
    notes = [t("siklus.funnel.help", lang=lang, on=fmt.tanggal(c.on, lang))]
    if hidden:
        notes.append(t("privacy.hidden_note", lang=lang, n=min_count))
    return Slide("siklus", t("siklus.slide.title", lang=lang, period=ctx.period), subtitle,
                 metrics=tuple((t("story.tile.with_base", lang=lang, label=label, base=short), value)
                               for label, value, _, short in cycle_tables.indicator_tiles(c, lang)),
                 figure=figures.funnel(labels, values, texts, height=420, font=18), notes=tuple(notes))
