"""The fairness panel: box and axis differences between groups, for the committee during calibration.

Compact on purpose (it also sits inside an expander on the Kalibrasi page, so it opens no
expander of its own). It leads with one plain sentence per finding (``analytics.fairness_text``):
the notable ones over every attribute, then, for the attribute picked, every finding and the box
shares per group. The statistics (overview of every attribute, the three tests with methods,
p-values and effect sizes, the "higher performance, lower potential" check) are one click away,
in the second tab. The numbers
come from ``analytics.fairness``; groups under the minimum size are dropped there, so nothing
here can show them.
"""
from __future__ import annotations

import pandas as pd
import streamlit as st

from analytics import fairness, fairness_text
from analytics.fairness import ATTRIBUTES, MIN_GROUP
from common import fmt
from common.i18n import language, t
from reports.figures import fairness as fairness_figures
from ui import privacy, services

_COLUMNS = ["nip", "kotak", "kinerja_nilai", "potensial_nilai", *ATTRIBUTES]
_METHODS = {"chi-kuadrat": "fair.m.chi", "chi-kuadrat (Monte Carlo)": "fair.m.chi_mc",
            "Mann–Whitney U": "fair.m.mwu", "Kruskal–Wallis H": "fair.m.kw"}
_EFFECTS = {v: f"fair.e.{k}" for k, v in fairness.EFFECT_NAMES.items()}


@st.cache_data(show_spinner=False, max_entries=16)
def _analyse(data: pd.DataFrame, boxes: pd.DataFrame, min_group: int) -> dict[str, fairness.FairnessResult]:
    return fairness.analyse_all(data, boxes, min_group=min_group)


def p_label(p: float, lang: str) -> str:
    if p < 0.001:
        return f"p<{fmt.num(0.001, 3, lang)}"
    return f"p={fmt.num(p, 3, lang)}"


def level_text(tingkat: str, p: float, lang: str) -> str:
    return t(f"fair.level.{tingkat}", p=p_label(p, lang))


def group_labels(attribute: str, groups) -> dict[str, str]:
    if attribute == "jenis_kelamin":
        return {g: t(f"nk.jk.{g}") if g in ("L", "P") else g for g in groups}
    return {g: g for g in groups}


def render(placed: pd.DataFrame, key: str, boxes: pd.DataFrame | None = None, min_group: int | None = None) -> None:
    """Draw the panel for ``placed`` (one period's placements; uses the final box ``kotak``).

    ``boxes`` defaults to the rule table of the shared context's period; ``min_group`` to the
    ``kelompok_minimal`` setting (never below 5). ``key`` prefixes every widget key.
    """
    lang = language()
    if boxes is None:
        from ui.frame import context
        boxes = services.rules(context().period).boxes
    min_group = privacy.min_group() if min_group is None else max(MIN_GROUP, int(min_group))
    data = placed.loc[placed["kotak"].notna(), [c for c in _COLUMNS if c in placed.columns]].reset_index(drop=True)
    results = _analyse(data, boxes, min_group)

    st.caption(t("fair.caption", n=min_group))
    st.markdown(f"**{t('fair.findings')}**")
    _sentences([f for a, res in results.items() for f in _findings(res, boxes, lang) if f.notable]
               or t("fair.findings_none"))

    attribute = st.segmented_control(t("fair.attribute"), list(results), key=f"{key}_attr", default=ATTRIBUTES[0],
                                     required=True, format_func=lambda a: t(f"fair.attr.{a}"))
    res = results[attribute or ATTRIBUTES[0]]
    plain, numbers = st.tabs([t("fair.tab.plain"), t("fair.tab.stats")])
    with plain:
        _sentences(_findings(res, boxes, lang))
    with numbers:   # the statistics, one click away
        _overview(results, lang, key)
        if res.enough:
            _statistics(res, lang, key)
        st.caption(t("fair.method"))
    if not res.enough:   # the plain tab said so
        return
    labels = group_labels(res.attribute, res.groups["kelompok"])
    with plain:
        st.markdown(f"**{t('fair.shares')}**")
        sizes = dict(zip(res.groups["kelompok"], res.groups["n"].astype(int)))
        st.plotly_chart(fairness_figures.box_share_bars(res.shares, res.groups["kelompok"].tolist(), labels, sizes),
                        key=f"{key}_bars", config={"displayModeBar": False})
        if res.suppressed:
            st.caption(t("fair.suppressed", n=min_group))


def _findings(res: fairness.FairnessResult, boxes: pd.DataFrame, lang: str) -> list[fairness_text.Finding]:
    names = group_labels(res.attribute, res.groups["kelompok"])
    if res.attribute == "jenis_kelamin":   # mid-sentence: "dibanding laki-laki"
        names = {g: n.lower() for g, n in names.items()}
    return fairness_text.findings(res, boxes, names, lang)


def _sentences(found: list[fairness_text.Finding] | str) -> None:
    """One plain sentence per finding (a flagged group as a warning); names shown as typed."""
    if isinstance(found, str):
        st.markdown(fmt.plain(found))
        return
    for f in found:
        if f.tingkat == "ditandai":
            st.warning(fmt.plain(f.sentence), icon=":material/balance:")
        elif f.tingkat == "tidak cukup data":
            st.info(fmt.plain(f.sentence))
        else:
            st.markdown(f"- {fmt.plain(f.sentence)}")


def _statistics(res: fairness.FairnessResult, lang: str, key: str) -> None:
    """The three tests with their methods, p-values and effect sizes, and the per-group check."""
    labels = group_labels(res.attribute, res.groups["kelompok"])
    tests = res.tests.assign(
        uji=res.tests["uji"].map(lambda u: t(f"fair.test.{u}")),
        metode=res.tests["metode"].map(lambda m: t(_METHODS[m]) if m in _METHODS else m),
        efek_nama=res.tests["efek_nama"].map(lambda e: t(_EFFECTS[e]) if e in _EFFECTS else e),
        kesimpulan=[level_text(lv, p, lang) for lv, p in zip(res.tests["tingkat"], res.tests["p_holm"])],
        p_teks=res.tests["p_holm"].map(lambda p: p_label(p, lang)))
    shown = tests[["uji", "kesimpulan", "metode", "statistik", "p_teks", "efek_nama", "efek"]]
    styled = _tinted(shown, {"kesimpulan": res.tests["tingkat"].tolist()}).format(   # 1,96 / 0,123: the app's decimals
        {"statistik": lambda v: fmt.num(v, 2, lang), "efek": lambda v: fmt.num(v, 3, lang)})
    st.dataframe(styled, hide_index=True, width="stretch",
                 key=f"{key}_tests", column_config={
                     "uji": t("fair.col.uji"), "kesimpulan": t("fair.col.kesimpulan"), "metode": t("fair.col.metode"),
                     "statistik": st.column_config.NumberColumn(t("fair.col.statistik")),
                     "p_teks": t("fair.col.p"), "efek_nama": t("fair.col.efek_nama"),
                     "efek": st.column_config.NumberColumn(t("fair.col.efek"))})

    st.markdown(f"**{t('fair.check')}**")
    check = res.check.assign(kelompok=res.check["kelompok"].map(labels))
    st.dataframe(check[["kelompok", "n", "persentil_kinerja", "persentil_potensial", "selisih", "ditandai"]],
                 hide_index=True, width="stretch", key=f"{key}_check",
                 height=min(420, 38 + 35 * len(check)), column_config={
                     "kelompok": st.column_config.TextColumn(t("fair.col.kelompok"), width="large"),
                     "n": st.column_config.NumberColumn(t("fair.col.n")),
                     "persentil_kinerja": st.column_config.NumberColumn(t("fair.col.pk"), format="%.0f"),
                     "persentil_potensial": st.column_config.NumberColumn(t("fair.col.pp"), format="%.0f"),
                     "selisih": st.column_config.NumberColumn(t("fair.col.selisih"), format="%+.0f"),
                     "ditandai": st.column_config.CheckboxColumn(t("fair.col.ditandai"))})
    st.caption(t("fair.check_help"))


# cell tints per verdict level, so a projected table reads at a glance (text stays the source)
_TINTS = {"kecil": "background-color: #fff3c4", "sedang": "background-color: #ffd8a8",
          "besar": "background-color: #ffb8b0", "ditandai": "background-color: #ffb8b0"}


def _tinted(frame: pd.DataFrame, levels: dict[str, list[str]]):
    """A Styler tinting the cells of ``levels``' columns by their verdict level."""
    css = pd.DataFrame("", index=frame.index, columns=frame.columns)
    for col, lv in levels.items():
        css[col] = [_TINTS.get(x, "") for x in lv]
    return frame.style.apply(lambda _: css, axis=None)


def _overview(results: dict[str, fairness.FairnessResult], lang: str, key: str) -> None:
    """One line per attribute: the three verdicts and any flagged groups."""
    rows, levels = [], {"sebaran_kotak": [], "kinerja": [], "potensial": [], "ditandai": []}
    for attribute, res in results.items():
        if not res.enough:
            verdicts = {u: t("fair.level.tidak cukup data") for u in ("sebaran_kotak", "kinerja", "potensial")}
            tingkat = dict.fromkeys(verdicts, "tidak cukup data")
            flagged = ""
        else:
            verdicts = {u: level_text(lv, p, lang) for u, lv, p in
                        zip(res.tests["uji"], res.tests["tingkat"], res.tests["p_holm"])}
            tingkat = dict(zip(res.tests["uji"], res.tests["tingkat"]))
            names = group_labels(attribute, res.flagged)
            flagged = ", ".join(names[g] for g in res.flagged)
        rows.append({"atribut": t(f"fair.attr.{attribute}"), **verdicts, "ditandai": flagged or "–"})
        for u in ("sebaran_kotak", "kinerja", "potensial"):
            levels[u].append(tingkat[u])
        levels["ditandai"].append("ditandai" if flagged else "")
    st.dataframe(_tinted(pd.DataFrame(rows), levels), hide_index=True, width="stretch", key=f"{key}_overview",
                 column_config={
        "atribut": t("fair.col.atribut"), "sebaran_kotak": t("fair.test.sebaran_kotak"),
        "kinerja": t("fair.test.kinerja"), "potensial": t("fair.test.potensial"),
        "ditandai": t("fair.col.ov_ditandai")})
