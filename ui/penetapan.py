"""Penetapan on the Kalibrasi page: the review before finalising, attendance, an acknowledgement that
names every breach, the history of penetapan and reopening, and the berita acara download.

The review covers the whole period in the user's scope (not the sidebar filters): penetapan fixes
every box of the period. It is stored with the penetapan (``Store.finalise_period(summary=...)``).
"""
from __future__ import annotations

import json
from datetime import date

import pandas as pd
import streamlit as st

from analytics.penetapan import breach_sentence, review
from common import fmt
from common.i18n import language, t
from data.store import Filters, StoreError
from reports.berita_acara import DOCX_MIME, berita_acara
from ui import components, privacy, services
from ui.frame import Context
from ui.user import acting_user, can

K_SURE, K_BUTTON, K_SEEN = "kal_finalise_sure", "kal_finalise", "pen_seen_breaches"
K_PRESENT, K_GUESTS, K_CHAIR, K_SECRETARY = "pen_hadir", "pen_tamu", "pen_ketua", "pen_sekretaris"
K_REASON, K_REOPEN = "pen_alasan_buka", "pen_buka"
COVERAGE_SETTING = "penetapan_cakupan_minimal"   # percent discussed under which penetapan names a breach
GUEST = "tamu:"


def _placed(ctx: Context) -> pd.DataFrame:
    everyone = services.placements(ctx.period, Filters(), ctx.scope)
    return everyone[everyone["kotak_awal"].notna()]


def _reason_labels() -> dict[str, str]:
    reasons = services.store().calibration_reasons(False)
    return dict(zip(reasons["kode"], reasons["label"]))


def current_review(ctx: Context, lang: str = "id") -> dict:
    """The review of the period as it stands (sentences in ``lang``; stored ones are Indonesian)."""
    s = services.store()
    minimal = s.setting(COVERAGE_SETTING)
    return review(_placed(ctx), s.calibrations(ctx.period, scope=ctx.scope), s.discussions(ctx.period, scope=ctx.scope),
                  s.distribution_rules(ctx.period), _reason_labels(),
                  min_coverage=float(minimal) if minimal else None, lang=lang)


def committee_users() -> pd.DataFrame:
    """Active users whose role may calibrate (``username``, ``nama``, ``role``)."""
    s = services.store()
    roles = s.roles()
    calibrating = {r.role for r in roles.itertuples() if "kalibrasi" in str(r.izin).split(";")}
    users = s.users()
    return users[users["aktif"].astype(bool) & users["role"].isin(calibrating)][["username", "nama", "role"]]


def render(ctx: Context, locked: bool) -> None:
    """The penetapan section: review and confirm (open period), or the minutes and reopening (locked),
    and the history; nothing for a role that may not finalise an open period never finalised."""
    rows = services.store().finalisations(ctx.period)
    may_finalise = not locked and can("penetapan")
    if not (may_finalise or locked or len(rows)):
        return
    with st.expander(t("kal.finalise"), expanded=locked):
        if may_finalise:
            confirm(ctx)
        if locked:
            minutes_download(ctx, rows)
            if can("penetapan:buka"):
                reopen(ctx.period)
        history(rows)


def show_review(summary: dict) -> None:
    """Metrics, the guidelines with people over/under, groups and boxes nobody discussed, before/after."""
    lang = language()
    c1, c2, c3, c4 = st.columns(4)
    c1.metric(t("kal.placed"), fmt.num(summary["ditempatkan"], lang=lang), border=True)
    c2.metric(t("kal.discussed"), f"{fmt.num(summary['dibahas'], lang=lang)} "
                                  f"({fmt.pct(summary['dibahas_persen'], 1, lang)})", border=True)
    c3.metric(t("kal.moved"), fmt.num(summary["dipindah"], lang=lang), border=True)
    c4.metric(t("kal.minutes"), fmt.num(summary["menit"], 1, lang), border=True)
    if summary["pedoman"]:
        st.markdown(f"**{t('kal.distribution')}**")
        st.dataframe(pd.DataFrame([{
            t("ba.col.group"): g["kelompok"], t("ba.col.count"): fmt.num(g["jumlah"], lang=lang),
            t("ba.col.share"): fmt.pct(g["persen"], 1, lang),
            t("ba.col.range"): f"{fmt.num(g['persen_min'], lang=lang)}–{fmt.num(g['persen_max'], lang=lang)}%",
            t("ba.col.status"): t("kal.status." + g["status"].replace(" ", "_")),
            t("ba.col.over"): g["lebih"], t("ba.col.under"): g["kurang"]} for g in summary["pedoman"]]),
            hide_index=True, width="stretch")
    silent = summary["belum_dibahas"]
    if silent["kelompok"]:
        st.markdown(f"**{t('pen.groups_silent', n=fmt.num(len(silent['kelompok']), lang=lang))}**")
        st.dataframe(pd.DataFrame([{t("kal.by.opd_nama"): g["nama"], t("kal.placed"): g["ditempatkan"]}
                                   for g in silent["kelompok"]]),
                     hide_index=True, width="stretch", height=components.table_height(len(silent["kelompok"]), 250))
    if silent["kotak"]:
        st.markdown(t("pen.boxes_silent", kotak=", ".join(str(k) for k in silent["kotak"])))
    with st.expander(t("pen.before_after")):
        st.dataframe(pd.DataFrame([{t("ba.col.box"): d["kotak"], t("ba.col.before"): d["awal"],
                                    t("ba.col.after"): d["akhir"], t("ba.col.change"): d["akhir"] - d["awal"]}
                                   for d in summary["distribusi"]]), hide_index=True, width="stretch")


def attendance() -> list[dict] | None:
    """Who is present (committee users and guests) with the chair and secretary; None = no chair yet."""
    users = committee_users()
    names = dict(zip(users["username"], users["nama"]))
    roles = dict(zip(users["username"], users["role"]))
    me = acting_user()
    present = st.multiselect(t("pen.present"), list(names), default=[me] if me in names else [], key=K_PRESENT,
                             format_func=lambda u: f"{names.get(u, u)} ({u})", placeholder=t("pen.present_hint"))
    guests = [g.strip() for g in st.text_area(t("pen.guests"), key=K_GUESTS, height=80, max_chars=1000,
                                              help=t("pen.guests_help")).splitlines() if g.strip()]
    people = {u: names[u] for u in present} | {f"{GUEST}{g}": g for g in guests}
    if not people:
        st.info(t("pen.need_attendance"))
        return None
    ids = list(people)
    chair_default = next((u for u in ids if roles.get(u) == "ketua"), me if me in ids else ids[0])
    col1, col2 = st.columns(2)
    chair = col1.selectbox(t("pen.chair"), ids, index=ids.index(chair_default), key=K_CHAIR, format_func=people.get)
    others = [u for u in ids if u != chair]
    secretary = col2.selectbox(t("pen.secretary"), others, index=None, key=K_SECRETARY, format_func=people.get,
                               placeholder=t("pen.secretary_hint"))

    def role(u: str) -> str:
        if u == chair:
            return "ketua"
        if u == secretary:
            return "sekretaris"
        return "tamu" if u.startswith(GUEST) else "anggota"

    return [{"nama": people[u], "username": None if u.startswith(GUEST) else u, "peran": role(u)} for u in ids]


def _signature(breaches: list[dict]) -> str:
    return json.dumps([[b["kode"], b["param"]] for b in breaches], sort_keys=True, default=str)


def acknowledgement(breaches: list[dict]) -> bool:
    """The checkbox that must be ticked; its label names every breach. A change in the breaches since
    the last run unticks it, so an acknowledgement always covers what is shown."""
    lang = language()
    sentences = [breach_sentence(b, lang) for b in breaches]
    if breaches:
        st.warning(t("pen.breaches_title", n=len(breaches)) + "\n\n"
                   + "\n".join(f"{i}. {fmt.plain(s)}" for i, s in enumerate(sentences, start=1)),
                   icon=":material/warning:")
    sig = _signature(breaches)
    if st.session_state.get(K_SEEN) != sig:
        st.session_state[K_SEEN] = sig
        st.session_state[K_SURE] = False
    label = (t("pen.ack_breaches", list="; ".join(fmt.plain(s.rstrip(".")) for s in sentences) + ".") if breaches
             else t("kal.finalise_confirm"))
    return st.checkbox(label, key=K_SURE)


def confirm(ctx: Context) -> None:
    summary = current_review(ctx, lang="id")
    st.caption(t("pen.scope_note"))
    show_review(summary)
    st.divider()
    hadir = attendance()
    st.warning(t("kal.finalise_warning", period=ctx.period, moved=fmt.num(summary["dipindah"], lang=language())))
    sure = acknowledgement(summary["pelanggaran"])
    clicked = st.button(t("kal.finalise_button", period=ctx.period), type="primary", key=K_BUTTON,
                        disabled=not sure or hadir is None)
    if not clicked:
        return
    if not sure or hadir is None:   # the data changed since the box was ticked, or nobody is present
        st.error(t("pen.need_ack"))
        return
    try:
        services.store().finalise_period(ctx.period, acting_user(), summary={**summary, "periode": ctx.period,
                                                                            "hadir": hadir})
        st.session_state.pop(K_SURE, None)
        st.rerun()
    except StoreError as exc:
        st.error(str(exc))


def _summary(raw: object) -> dict:
    return json.loads(raw) if isinstance(raw, str) and raw else {}


def moved_people(ctx: Context) -> pd.DataFrame:
    """Every moved person of the period with from/to box, reason label and comment, as it may be shown."""
    placed = _placed(ctx)
    calib = services.store().calibrations(ctx.period, scope=ctx.scope)
    people = placed.loc[placed["dikalibrasi"], ["nip", "nama", "jabatan", "opd_nama", "kotak_awal", "kotak"]]
    out = people.merge(calib[["nip", "alasan_kode", "komentar"]], on="nip", how="left")
    out["alasan"] = out["alasan_kode"].map(_reason_labels())
    out = out.drop(columns=["alasan_kode"]).sort_values(["kotak", "nama"], ascending=[False, True])
    return privacy.people(out.reset_index(drop=True))


def minutes_download(ctx: Context, rows: pd.DataFrame) -> None:
    """The berita acara (.docx) of the latest penetapan (``rows``: the history, newest first), built on
    the click; the download is audited."""
    if rows.empty:
        return
    row = rows.iloc[0]
    summary = _summary(row["ringkasan"])
    if not summary:   # finalised before summaries were kept: the review as it stands (locked since)
        summary = current_review(ctx, lang="id")
    lang, maker, anonymised = language(), acting_user(), privacy.is_on()
    moved = privacy.masking().frame(moved_people(ctx))   # the one file masking step: NIPs in comments too
    on = pd.Timestamp(row["ditetapkan_pada"]).date()

    def build() -> bytes:
        return berita_acara(period=ctx.period, summary=summary, finalised_on=on, finalised_by=row["ditetapkan_oleh"],
                            moved=moved, synthetic=ctx.synthetic, anonymised=anonymised, made_on=date.today(),
                            made_by=maker, lang=lang)
    components.xlsx_download(t("pen.download"), build, f"berita-acara-penetapan-{ctx.period}.docx", "pen_docx",
                             "ekspor:berita_acara", f"periode:{ctx.period}",
                             {"penetapan": int(row["id"]), "dipindah": len(moved), "disamarkan": anonymised},
                             mime=DOCX_MIME)


def reopen(period: int) -> None:
    """Admin: lift the penetapan with a reason (kept in the history and the audit log)."""
    st.markdown(f"**{t('pen.reopen')}**")
    reason = st.text_area(t("pen.reopen_reason"), key=K_REASON, max_chars=1000, height=80,
                          placeholder=t("pen.reopen_hint"))
    if st.button(t("pen.reopen_button", period=period), key=K_REOPEN, icon=":material/lock_open:"):
        if not (reason or "").strip():
            st.error(t("pen.need_reason"))
            return
        try:
            services.store().reopen_period(period, reason, acting_user())
            st.rerun()
        except StoreError as exc:
            st.error(str(exc))


def _when(value) -> str:
    if value is None or pd.isna(value):
        return ""
    ts = pd.Timestamp(value)
    return f"{fmt.tanggal(ts.date(), language())} {ts:%H:%M}"


def _plain(value) -> str:
    return "" if value is None or pd.isna(value) else str(value)


def history(rows: pd.DataFrame) -> None:
    """Every penetapan of the period (``Store.finalisations``, newest first), with its reopening."""
    if rows.empty:
        return
    st.markdown(f"**{t('pen.history')}**")
    shown = []
    for r in rows.itertuples(index=False):
        s = _summary(r.ringkasan)
        shown.append({t("pen.col.finalised"): _when(r.ditetapkan_pada), t("pen.col.by"): r.ditetapkan_oleh,
                      t("pen.col.present"): ", ".join(a.get("nama", "") for a in s.get("hadir", [])),
                      t("pen.col.breaches"): fmt.num(len(s["pelanggaran"])) if "pelanggaran" in s else "–",
                      t("pen.col.reopened"): _when(r.dibuka_pada), t("pen.col.reopened_by"): _plain(r.dibuka_oleh),
                      t("pen.col.reason"): _plain(r.alasan_buka)})
    st.dataframe(pd.DataFrame(shown), hide_index=True, width="stretch")

