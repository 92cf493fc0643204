"""The succession slides: the vacant posts, those at risk first, then one slide per vacant post with its
first candidates and what sets each apart (``analytics.succession_story``).

Candidates come from the Suksesi page's own shortlist (``ui.succession.shortlist``): the order is its
order. Under the anonymisation switch names become the same pseudonyms as everywhere else and post
titles their level (``analytics.anonymise.anonymise_people`` with the agency's key: the deck is built
on a click, where the session's switch cannot be read, so the caller says whether to anonymise).
"""
from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd

from analytics import succession as sc
from analytics import succession_story as story
from analytics.anonymise import anonymise_people
from common import fmt
from common.i18n import t
from reports.slides import Slide
from ui import services, succession
from ui.frame import Context

TOP = 3          # candidates per post slide
MAX_POSTS = 5    # post slides at most (at risk first); the overview lists every vacant post
_READY = {sc.SIAP_SEKARANG: "pres.ready_now", sc.SIAP_SEGERA: "pres.ready_soon", sc.POTENSI: "pres.future"}
_STATE = {story.AT_RISK: "story.suc.at_risk", story.NOT_NOW: "story.suc.not_now", story.READY: "story.suc.ready"}


def slides(ctx: Context, lang: str, subtitle: str, today: date, anonymised: bool) -> list[Slide]:
    """The overview slide, then one slide per vacant post (at most MAX_POSTS, at risk first)."""
    bench = succession.bench(ctx.period, ctx.filters, ctx.scope, today)
    order = story.post_order(bench)
    n = lambda v: fmt.num(v, lang=lang)  # noqa: E731
    table = pd.DataFrame({
        t("suk.col.post", lang=lang): order["jabatan"],
        t("col.opd", lang=lang): order["opd_nama"].fillna("–"),
        t("story.suc.state", lang=lang): [t(_STATE[s], lang=lang) for s in order["keadaan"]],
        t("pres.ready_now", lang=lang): order["siap_sekarang"],   # candidates per post, not a group of people
        t("pres.ready_soon", lang=lang): order["siap_1_2_tahun"],
        t("pres.future", lang=lang): order["potensi_masa_depan"]})
    notes = [t("story.suc.order_note", lang=lang), t("pres.succession_note", lang=lang, on=fmt.tanggal(today, lang))]
    if len(order) > MAX_POSTS:
        notes.insert(1, t("story.suc.more", lang=lang, shown=n(MAX_POSTS), total=n(len(order))))
    overview = Slide("suksesi", t("pres.s.succession", lang=lang), subtitle, metrics=(
        (t("pres.vacant_posts", lang=lang), n(len(order))),
        (t("story.suc.n_at_risk", lang=lang), n(int((order["keadaan"] == story.AT_RISK).sum()))),
        (t("story.suc.n_ready", lang=lang), n(int((order["keadaan"] == story.READY).sum())))),
        table=table, notes=tuple(notes))
    if order.empty:
        return [overview]
    return [overview] + _post_slides(ctx, lang, subtitle, today, anonymised, order.head(MAX_POSTS))


def _post_slides(ctx: Context, lang: str, subtitle: str, today: date, anonymised: bool,
                 order: pd.DataFrame) -> list[Slide]:
    cand, hist = succession.candidates(ctx.period, ctx.filters, ctx.scope)
    rules = succession.rules(ctx.period)
    pool = sc.pool_only(cand, rules)
    posts = succession.target_posts(ctx.scope).set_index("post_id")
    out = []
    for i, row in enumerate(order.to_dict("records"), start=1):
        post = {**posts.loc[row["post_id"]].to_dict(), "post_id": row["post_id"]}
        head = succession.shortlist(pool, hist, post, rules, today, ctx.period, TOP).shown
        facts = story.candidate_facts(head, pool, post, rules.retirement, rules.jpm_bands, today)
        out.append(_post_slide(i, row, post, head, facts, rules, lang, subtitle, today, anonymised))
    return out


def _post_slide(i: int, row: dict, post: dict, head: pd.DataFrame, facts: pd.DataFrame, rules: sc.SuccessionRules,
                lang: str, subtitle: str, today: date, anonymised: bool) -> Slide:
    n = lambda v: fmt.num(v, lang=lang)  # noqa: E731
    standard = story.jpm_standard(rules.jpm_bands)
    bup = story.bup_age(rules.retirement, str(post["jenjang_jabatan"]))
    who = head[["nip", "nama_lengkap", "jabatan", "jenjang_jabatan"]].rename(columns={"nama_lengkap": "nama"})
    if anonymised:
        who = anonymise_people(who, services.pseudonym_key())[0]
    table = pd.DataFrame({
        t("label.peringkat", lang=lang): facts["peringkat"].astype(int).to_numpy(),
        t("col.nama", lang=lang): who["nama"].to_numpy(),
        t("story.suc.col_post_now", lang=lang): who["jabatan"].to_numpy(),
        t("story.suc.col_ready", lang=lang): [t(_READY[k], lang=lang) if k in _READY else k for k in facts["kesiapan"]],
        t("story.suc.col_jpm", lang=lang, standard=fmt.pct(standard, 0, lang) if standard is not None else "–"):
            [_jpm(v, ok, standard, lang) for v, ok in zip(facts["jpm_target"], facts["jpm_memenuhi"])],
        t("story.suc.col_bup", lang=lang): [t("story.suc.years", lang=lang, n=n(int(v))) if v == v else "–"
                                           for v in facts["tahun_ke_bup"]],
        t("story.suc.col_field", lang=lang): [_field(b, ok, lang) for b, ok in zip(facts["bidang"], facts["bidang_sesuai"])],
    })
    fields = post.get("bidang_pendidikan")
    notes = [t("story.suc.at_risk_note", lang=lang)] if row["keadaan"] == story.AT_RISK else []
    if head.empty:
        notes.append(t("story.suc.nobody", lang=lang))
    apart = [_standout(kind, rank, value, lang) for kind, rank, value in story.standouts(facts)]
    if apart:
        notes.append(t("story.suc.apart", lang=lang, items=" · ".join(apart)))
    notes.append(t("story.suc.post_rules", lang=lang, level=post["jenjang_jabatan"],
                   standard=fmt.pct(standard, 0, lang) if standard is not None else "–",
                   bup=n(int(bup)) if bup is not None else "–",
                   fields=fields if isinstance(fields, str) and fields.strip() else t("story.suc.any_field", lang=lang)))
    notes.append(t("pres.succession_note", lang=lang, on=fmt.tanggal(today, lang)))
    opd = row.get("opd_nama")
    return Slide(f"suksesi-{i}", t("story.suc.post_title", lang=lang, post=row["jabatan"]),
                 " · ".join(x for x in (opd if isinstance(opd, str) else "", subtitle) if x), metrics=(
                     (t("story.suc.state", lang=lang), t(_STATE[row["keadaan"]], lang=lang)),
                     (t("pres.ready_now", lang=lang), n(row["siap_sekarang"])),
                     (t("pres.ready_soon", lang=lang), n(row["siap_1_2_tahun"])),
                     (t("pres.future", lang=lang), n(row["potensi_masa_depan"]))),
                 table=table if len(table) else None, notes=tuple(notes))


def _standout(kind: str, rank: int, value: float | None, lang: str) -> str:
    """"JPM tertinggi: #1 (100%)", "terlama sebelum BUP: #2 (10 tahun)", "bidangnya sesuai: #3"."""
    if kind == "jpm":
        return t("story.suc.apart_jpm", lang=lang, rank=rank, jpm=fmt.pct(value, 0, lang))
    if kind == "bup":
        return t("story.suc.apart_bup", lang=lang, rank=rank, years=t("story.suc.years", lang=lang,
                                                                          n=fmt.num(int(value), lang=lang)))
    return t("story.suc.apart_field", lang=lang, rank=rank)


def _jpm(value: float, meets: object, standard: float | None, lang: str) -> str:
    """"84% · memenuhi" / "72% · kurang 8 poin" against the standard; "–" when unknown."""
    if value != value:
        return t("story.suc.jpm_unknown", lang=lang)
    text = fmt.pct(value, 0, lang)
    if meets is None or standard is None:
        return text
    if meets:
        return t("story.suc.jpm_meets", lang=lang, jpm=text)
    return t("story.suc.jpm_short", lang=lang, jpm=text, gap=fmt.num(float(np.ceil(standard - value)), lang=lang))


def _field(field: object, fits: object, lang: str) -> str:
    """The field of study, with whether it is one the post asks for."""
    if not isinstance(field, str) or not field.strip():
        return "–"
    if fits is None:
        return field
    return t("story.suc.field_fits" if fits else "story.suc.field_other", lang=lang, field=field)
