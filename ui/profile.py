"""The ASN profile: identity, history, competencies, potential, follow-up and pool rules."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from analytics.competency import JPM_COMPUTED, JPM_OFFICIAL, gaps, required_levels
from analytics.talentpool import pool_checks
from common import fmt
from common.i18n import language, t
from data.store import Scope
from reports.figures import competency
from ui import privacy, services
from ui.user import acting_user

JPM_ORIGINS = (JPM_OFFICIAL, JPM_COMPUTED)


def jpm_number(value: float, lang: str) -> str:
    """A JPM as a report prints it: up to 2 decimals, no trailing zeros (57,86 · 81,5 · 100)."""
    if pd.isna(value):
        return "–"
    decimals = next((d for d in (0, 1) if round(float(value), d) == round(float(value), 2)), 2)
    return fmt.num(value, decimals, lang)


def jpm_texts(now: pd.Series, cap: bool, lang: str) -> tuple[str, str, str | None]:
    """(label, help, both) of the profile's JPM: official from the file, or computed from the levels.
    ``both`` names both values when the file's JPM and the computed one differ, else None."""
    asal = now.get("jpm_asal")
    sumber = fmt.plain(now.get("sumber")) if isinstance(now.get("sumber"), str) else t("profil.jpm_berkas")
    bands = " · ".join(v if isinstance(v, str) else "–" for v in (now.get("jpm_pemetaan"), now.get("jpm_seleksi")))
    rule = t("profil.jpm_cap_ya") if cap else t("profil.jpm_cap_tidak")
    if asal == JPM_OFFICIAL:
        label, help_text = t("profil.jpm_resmi", sumber=sumber), t("profil.jpm_help_resmi", pita=bands)
    elif asal == JPM_COMPUTED:
        label, help_text = t("profil.jpm_dihitung"), t("profil.jpm_help_dihitung", aturan=rule, pita=bands)
    else:
        return "JPM", bands, None
    both = None
    if asal == JPM_OFFICIAL and pd.notna(now.get("jpm_hitung")):
        both = t("profil.jpm_beda", sumber=sumber, resmi=jpm_number(now["jpm"], lang),
                 hitung=jpm_number(now["jpm_hitung"], lang), aturan=rule)
    return label, help_text, both


def render(nip: str, period: int, scope: Scope) -> None:
    """Draw the profile of ``nip`` as of ``period`` in the current container."""
    lang = language()
    history = services.person_history(nip, scope)
    if history.empty or period not in set(history["period"]):
        st.info(t("profil.not_found"))
        return
    s = services.store()
    s.audit(acting_user(), "lihat:profil", f"nip:{nip}", {"periode": period, "disamarkan": privacy.is_on()})
    history = privacy.people(history)  # from here on only what may be shown
    shown_nip = history["nip"].iloc[0]
    rules = services.rules(period)
    now = history[history["period"] == period].iloc[0]

    st.markdown(f"### {fmt.plain(fmt.full_name(now['nama'], now['gelar_depan'], now['gelar_belakang']))}")
    st.caption(" · ".join(fmt.plain(v) for v in (
        f"NIP {shown_nip}", now["jabatan"], now["opd_nama"], now["unit_kerja"], now["golongan"], now["jenis_asn"],
        f"{now['pendidikan_tingkat']} {now['pendidikan_bidang'] or ''}".strip()) if isinstance(v, str) and v))

    c1, c2, c3, c4 = st.columns(4)
    kotak = now["kotak"]
    c1.metric(t("profil.kotak"), "–" if pd.isna(kotak) else int(kotak), border=True)
    c2.metric(t("profil.predikat"), now["predikat_efektif"] or "–", border=True,
              help=t("profil.formula", formula=now["kinerja_formula"] or "–"))
    jpm_label, jpm_help, jpm_both = jpm_texts(now, rules.jpm_cap, lang)
    c3.metric(jpm_label, jpm_number(now["jpm"], lang), border=True, help=jpm_help)
    pot_text = "–" if pd.isna(now["potensial_nilai"]) else \
        f"{fmt.num(now['potensial_nilai'], 1, lang)} ({now['potensial_kategori']})"
    c4.metric(t("profil.potensial"), pot_text, border=True,
              help=t("profil.formula", formula=now["potensial_formula"] or "–"))

    if jpm_both:
        st.caption(jpm_both)

    if pd.isna(kotak):
        st.warning(t("profil.unplaced", status=now["status"]))
    else:
        box = rules.boxes.set_index("kotak").loc[int(kotak)]
        st.markdown(f"**{t('profil.followup')}** — {fmt.plain(box['label'])}")
        st.markdown("\n".join(f"- {fmt.plain(r)}" for r in str(box["rekomendasi"]).split(";")))

    st.markdown(f"**{t('profil.history')}**")
    hist = history[["period", "jabatan", "opd_nama", "golongan", "predikat_efektif", "kinerja_kategori",
                     "potensial_kategori", "kotak", "jpm", "jpm_asal"]].sort_values("period", ascending=False)
    hist = hist.assign(
        kotak=hist["kotak"].map(lambda v: "–" if pd.isna(v) else str(int(v))),
        jpm=hist["jpm"].map(lambda v: jpm_number(v, lang)),
        jpm_asal=hist["jpm_asal"].map(lambda v: t(f"jpm.asal.{v}") if v in JPM_ORIGINS else "–"))
    hist = hist.astype({c: object for c in ("predikat_efektif", "kinerja_kategori", "potensial_kategori")}).fillna(
        {"predikat_efektif": "–", "kinerja_kategori": "–", "potensial_kategori": "–"})
    st.dataframe(hist, hide_index=True, width="stretch", column_config={
        "period": st.column_config.NumberColumn(t("col.periode"), format="%d"),
        "jabatan": t("col.jabatan"), "opd_nama": t("col.opd"), "golongan": t("col.golongan"),
        "predikat_efektif": t("col.predikat"), "kinerja_kategori": t("col.kinerja"),
        "potensial_kategori": t("col.potensial"), "kotak": t("col.kotak"), "jpm": "JPM",
        "jpm_asal": t("col.jpm_asal")})

    codes = rules.skj_codes()
    names = rules.competencies.set_index("kode")["nama"]
    if now[codes].notna().any():
        left, right = st.columns([3, 2])
        req = required_levels(pd.Series([now["jenjang_jabatan"]]), rules.skj, codes).iloc[0]
        att = now[codes].astype(float)
        with left:
            st.markdown(f"**{t('profil.competency')}** ({fmt.plain(now['sumber'])} {int(now['periode_asesmen'])})")
            st.plotly_chart(competency.radar([names[c] for c in codes], att.tolist(), req.tolist(),
                                         t("profil.attained"), t("profil.standard", level=now["jenjang_jabatan"])),
                            key=f"radar_{shown_nip}", config={"displayModeBar": False})
        with right:
            g = gaps(att.to_frame().T, req.to_frame().T).iloc[0]
            table = pd.DataFrame({"kompetensi": [names[c] for c in codes], "standar": req.to_numpy(),
                                  "capaian": att.to_numpy(), "selisih": g.to_numpy()})
            st.markdown(f"**{t('profil.gaps')}**")
            st.dataframe(table, hide_index=True, width="stretch", column_config={
                "kompetensi": t("col.kompetensi"), "standar": st.column_config.NumberColumn(t("col.standar")),
                "capaian": st.column_config.NumberColumn(t("col.capaian")),
                "selisih": st.column_config.NumberColumn(t("col.selisih"), format="%+d")})
    pcodes = rules.potential_codes()
    if now[pcodes].notna().any():
        st.markdown(f"**{t('profil.aspects')}**")
        aspects = pd.DataFrame({"aspek": [names[c] for c in pcodes], "nilai": now[pcodes].astype(float).to_numpy()})
        st.dataframe(aspects, hide_index=True, width="stretch", column_config={
            "aspek": t("col.aspek"),
            "nilai": st.column_config.ProgressColumn(t("col.nilai"), min_value=0, max_value=5, format="%.1f")})

    st.markdown(f"**{t('profil.pool')}**")
    predikat_hist = dict(zip(history["period"], history["predikat_efektif"].where(history["predikat_efektif"].notna(), None)))
    predikat_hist = {p: v for p, v in predikat_hist.items() if p <= period}
    checks = pool_checks(None if pd.isna(kotak) else int(kotak), predikat_hist, now.get("hukdis_aktif"),
                         rules.boxes, s.table("rule_eligibility"), rules.predikat)
    st.dataframe(checks, hide_index=True, width="stretch", column_config={
        "aturan": t("col.aturan"), "hasil": t("col.hasil"), "alasan": t("col.alasan")})
    disc = s.discipline_of(nip, scope=scope)
    if privacy.is_on():  # free text may name people or cases
        disc = disc.drop(columns=["keterangan"], errors="ignore")
    if not disc.empty:
        st.markdown(f"**{t('profil.discipline')}**")
        st.dataframe(disc, hide_index=True, width="stretch")
