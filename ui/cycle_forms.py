"""The Siklus Talenta forms (committee and admin): record an appointment to a target post or undo one,
record a retention action and change its status. The store checks and audits every write; an
appointment (or its undo) on a finalised period is refused with the period lock's message, shown as it is."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from analytics import cycle as cy
from analytics.readiness import BUKAN, SIAP_SEGERA, SIAP_SEKARANG
from common.i18n import language, t
from common.terms import term
from ui import cycle_data, privacy
from ui.cycle_data import Cycle, StoreError
from ui.frame import Context

READINESS_ORDER = {SIAP_SEKARANG: 0, SIAP_SEGERA: 1}


def _names(c: Cycle, nips) -> dict[str, str]:
    """nip → the name as it may be shown (pseudonymised while the switch is on)."""
    people = c.placed.loc[c.placed["nip"].isin(set(nips)), ["nip", "nama", "jabatan"]]
    shown = privacy.people(people)
    return dict(zip(people["nip"], shown["nama"].astype(str)))


def appointment_form(ctx: Context, c: Cycle) -> None:
    """Pick a target post (its holder as of today shown), then the person (its candidates by readiness,
    or another NIP for an open selection), the date, the SK number and how the post was filled."""
    lang = language()
    st.subheader(t("siklus.pl.record"))
    posts = c.posts.sort_values(["lowong", "jabatan"], ascending=[False, True])
    holders = _names(c, posts["pemangku_nip"].dropna())
    vacant_word = t("siklus.pl.vacant", lang=lang)
    labels = {p.post_id: f"{p.jabatan} · " + (vacant_word if p.lowong or not isinstance(p.pemangku_nip, str)
                                              else t("siklus.pl.held_by", lang=lang,
                                                     name=holders.get(p.pemangku_nip, p.pemangku_nip)))
              for p in posts.itertuples(index=False)}
    post_id = st.selectbox(t("siklus.pl.post"), list(labels), index=None, key="siklus_pl_post",
                           format_func=lambda k: labels.get(k, k), placeholder=t("siklus.pl.post_hint"))
    if post_id is None:
        st.caption(t("siklus.pl.pick_post"))
        return
    post = posts.set_index("post_id").loc[post_id]
    holder = post["pemangku_nip"] if isinstance(post["pemangku_nip"], str) and not post["lowong"] else None
    cand = c.ready[(c.ready["post_id"] == post_id) & (c.ready["kesiapan"] != BUKAN)]
    cand = cand.assign(_o=cand["kesiapan"].map(READINESS_ORDER).fillna(9)).sort_values(["_o", "nip"])
    names = _names(c, cand["nip"])
    readiness = dict(zip(cand["nip"], cand["kesiapan"]))
    options = cand["nip"].tolist()
    with st.form("siklus_pl_form", border=True):
        nip = st.selectbox(t("siklus.pl.person"), options, index=None, key=f"siklus_pl_person_{post_id}",
                           format_func=lambda n: f"{names.get(n, n)} · {term(readiness.get(n, ''), lang)}",
                           placeholder=t("siklus.pl.person_hint"))
        other = st.text_input(t("siklus.pl.other_nip"), key=f"siklus_pl_other_{post_id}", max_chars=18,
                              help=t("siklus.pl.other_help"))
        a, b = st.columns(2)
        when = a.date_input(t("siklus.pl.date"), value=None, key="siklus_pl_date", format="DD/MM/YYYY")
        since = b.date_input(t("siklus.pl.since"), value=None, key="siklus_pl_since", format="DD/MM/YYYY",
                             help=t("siklus.pl.since_help"))
        sk = st.text_input(t("siklus.pl.sk"), key="siklus_pl_sk", max_chars=100)
        how = st.radio(t("siklus.pl.how"), list(cy.ROUTES), key="siklus_pl_how", horizontal=True,
                       format_func=lambda k: t(f"siklus.route.{k}"))
        sent = st.form_submit_button(t("siklus.pl.save"), type="primary")
    st.caption(t("siklus.pl.kept"))
    if not sent:
        return
    chosen = (other or "").strip() or nip
    if not chosen:
        st.error(t("siklus.pl.need_person"))
        return
    try:
        cycle_data.record_appointment(ctx.period, chosen, post_id, when, sk, how, expected_holder=holder,
                                      kesiapan=readiness.get(chosen), lowong_sejak=since, scope=ctx.scope)
    except StoreError as exc:
        st.error(str(exc))
        return
    st.toast(t("siklus.pl.saved"))
    st.rerun()


def appointment_undo(ctx: Context, c: Cycle) -> None:
    """Undo a recorded appointment (entered by mistake, or its SK revoked): with a reason and a confirmation.
    The row stays in the store, marked; the post goes back to its holder before."""
    with st.expander(t("siklus.pl.undo")):
        shown = privacy.people(c.appointments)
        post = "jenjang_target" if privacy.is_on() else "jabatan_target"   # a title names its one holder
        labels = {int(r["id"]): f"#{int(r['id'])} · {r['nama']} · {r[post]} · {pd.Timestamp(r['tanggal']):%d-%m-%Y}"
                  for _, r in shown.iterrows()}
        pick = st.selectbox(t("siklus.pl.undo_pick"), list(labels), index=None, key="siklus_pl_undo_pick",
                            format_func=lambda k: labels.get(k, k), placeholder=t("siklus.pl.undo_pick_hint"))
        reason = st.text_input(t("siklus.pl.undo_reason"), key="siklus_pl_undo_reason", max_chars=300,
                               placeholder=t("siklus.pl.undo_reason_hint"))
        sure = st.checkbox(t("siklus.pl.undo_confirm"), key="siklus_pl_undo_confirm")
        if not st.button(t("siklus.pl.undo_button"), disabled=not sure or pick is None, key="siklus_pl_undo_button"):
            return
        try:
            cycle_data.undo_appointment(pick, reason, ctx.scope)
        except StoreError as exc:
            st.error(str(exc))
            return
    for key in ("siklus_pl_undo_pick", "siklus_pl_undo_confirm", "siklus_pl_undo_reason"):
        st.session_state.pop(key, None)
    st.toast(t("siklus.pl.undone", label=labels[pick]))
    st.rerun()


def retention_form(ctx: Context, c: Cycle, types: dict[str, str]) -> None:
    """Record a retention action for a member of the talent pool."""
    st.markdown(f"**{t('siklus.ret.record')}**")
    from ui import services
    pool = c.placed[c.placed["kotak"].isin(cy.pool_boxes(services.rules(ctx.period).boxes))]
    names = _names(c, pool["nip"])
    nips = sorted(pool["nip"], key=lambda n: names.get(n, n))
    with st.form("siklus_ret_form", border=True):
        nip = st.selectbox(t("siklus.ret.person"), nips, index=None, key="siklus_ret_person",
                           format_func=lambda n: names.get(n, n), placeholder=t("siklus.pl.person_hint"))
        a, b = st.columns(2)
        jenis = a.selectbox(t("dev.col.jenis"), list(types), key="siklus_ret_kind", format_func=lambda k: types.get(k, k))
        target = b.date_input(t("dev.col.target"), value=None, key="siklus_ret_target", format="DD/MM/YYYY")
        uraian = st.text_input(t("dev.col.uraian"), key="siklus_ret_text", max_chars=500)
        sent = st.form_submit_button(t("siklus.ret.save"), type="primary")
    if cycle_data.period_locked(ctx.period):
        st.caption(t("dev.after_final"))
    if not sent:
        return
    if nip is None:
        st.error(t("siklus.pl.need_person"))
        return
    try:
        cycle_data.add_retention_action(ctx.period, nip, jenis, uraian, target, ctx.scope)
    except StoreError as exc:
        st.error(str(exc))
        return
    st.toast(t("siklus.ret.saved"))
    st.rerun()


def retention_status(ctx: Context, acts: pd.DataFrame, types: dict[str, str]) -> None:
    """Change the status of a recorded retention action."""
    from analytics.development import ACTION_STATUSES
    shown = privacy.people(acts)
    labels = {int(r.id): f"#{r.id} · {r.nama} · {types.get(r.jenis, r.jenis)}" for r in shown.itertuples(index=False)}
    a1, a2, a3 = st.columns([3, 2, 1], vertical_alignment="bottom")
    act_id = a1.selectbox(t("dev.status_pick"), list(labels), key="siklus_ret_status_id", format_func=labels.get)
    status = a2.selectbox(t("dev.col.status"), list(ACTION_STATUSES), key="siklus_ret_status_new",
                          format_func=lambda s: t(f"dev.status.{s}"))
    if a3.button(t("dev.status_save"), key="siklus_ret_status_save"):
        try:
            cycle_data.update_retention_action(act_id, status, ctx.scope)
            st.toast(t("dev.status_saved"))
            st.rerun()
        except StoreError as exc:
            st.error(str(exc))
