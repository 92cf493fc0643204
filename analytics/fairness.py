"""Fairness checks on one period's placements: do groups (sex, age band, OPD, job kind, ASN kind)
end up in different boxes, or get rated differently on either axis?

Pure functions, no Streamlit. Everything here is a screening signal for the talent committee,
not proof of bias: a difference can have legitimate causes (e.g. job mix), and the verdicts say
only whether the data show a difference and how large it is.

Who is analysed
    People placed in a box, with a value for the grouping attribute and both axis values.
    Groups with fewer than ``min_group`` such people are **suppressed**: dropped before any
    test, so they appear in no row, count, share or label, and they are not part of "the rest"
    in group-vs-rest comparisons either. They are *not* pooled into a "lainnya" group: a pool
    of unrelated small OPDs answers no question anybody asked, and comparing pools across
    filtered views could reveal the small groups again. If fewer than two groups remain, no
    test is run and the result says there is not enough data.

Box distribution: chi-square test of independence, group × box band
    The nine boxes are collapsed into three bands on the grid's diagonal, from the rule table's
    axes (rank = performance row + potential column, see ``analytics.movement``): rank ≤ 1
    "bawah" (boxes 1–3 nationally), rank 2 "tengah" (4–6), rank ≥ 3 "atas" (7–9, the succession
    pool). Nine boxes × many groups would leave most expected counts near zero; the three
    performance rows would only repeat the performance-axis test. Bands nobody is in are left
    out. ``scipy.stats.chi2_contingency`` without Yates' correction (so it matches Cramér's V).
    When Cochran's rule fails (an expected count < 1, or more than 20% of them < 5), the
    p-value comes from a Monte Carlo test over random tables with the same margins
    (``MonteCarloMethod``, 9,999 tables, fixed seed: deterministic). Effect size: Cramér's V.

Axes: rank tests on ``kinerja_nilai`` and ``potensial_nilai``
    Two groups: Mann–Whitney U (two-sided), effect size rank-biserial r = 2U/(n₁n₂) − 1.
    Three or more: Kruskal–Wallis H, effect size ε² = H / (n − 1) (Tomczak & Tomczak 2014).
    Rank tests because performance values are a handful of predikat levels with many ties and
    neither axis is normal. The three tests of one attribute are Holm-corrected together.

"Higher on performance, lower on potential"
    For each group against everyone else analysed: mean percentile rank (0–100, mid-ranks over
    the analysed people) on each axis, and their difference. Two one-sided Mann–Whitney tests
    (performance greater, potential less); the 2·k p-values of the attribute are Holm-corrected
    together. A group is flagged when both corrected p-values are below ``alpha`` *and* both
    rank-biserial effects are at least "small" (|r| ≥ 0.10): with thousands of people a
    negligible shift would otherwise be flagged.

Verdicts (``tingkat``): "tidak ada" (p ≥ alpha), "sangat kecil" (significant but below the small
threshold), "kecil", "sedang", "besar" by EFFECT_THRESHOLDS, or "tidak cukup data".
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from scipy import stats

from analytics.demography import band_labels
from analytics.movement import box_rank

ATTRIBUTES = ("jenis_kelamin", "kelompok_usia", "opd_nama", "jenis_jabatan", "jenis_asn")
MIN_GROUP = 5
ALPHA = 0.05
MC_RESAMPLES = 9_999
MC_SEED = 20_260_105  # fixed: the same data always gives the same p-value

BANDS = ("bawah", "tengah", "atas")  # box bands by rank: ≤ 1, 2, ≥ 3

# Conventional effect-size thresholds (lower bounds of small / medium / large).
# Cramér's V: Cohen's w (0.1 / 0.3 / 0.5) divided by √df*, df* = min(rows, cols) − 1 (Cohen 1988,
#   Statistical Power Analysis for the Behavioral Sciences, 2nd ed., ch. 7); rows above 4 use df* = 4.
# ε² (Kruskal–Wallis): read on Cohen's η² scale 0.01 / 0.06 / 0.14 (Cohen 1988 ch. 8; Tomczak &
#   Tomczak 2014, Trends in Sport Sciences 21(1), for ε² as the rank-based η²).
# Rank-biserial r: Cohen's r scale 0.1 / 0.3 / 0.5 (Cohen 1988 ch. 3; Kerby 2014, Comprehensive
#   Psychology 3, for r = 2U/(n₁n₂) − 1).
EFFECT_THRESHOLDS = pd.DataFrame(
    [("cramer_v", 1, 0.10, 0.30, 0.50, "Cohen (1988) w, df* = 1"),
     ("cramer_v", 2, 0.07, 0.21, 0.35, "Cohen (1988) w/√2, df* = 2"),
     ("cramer_v", 3, 0.06, 0.17, 0.29, "Cohen (1988) w/√3, df* = 3"),
     ("cramer_v", 4, 0.05, 0.15, 0.25, "Cohen (1988) w/√4, df* ≥ 4"),
     ("epsilon_squared", 0, 0.01, 0.06, 0.14, "Cohen (1988) η²; Tomczak & Tomczak (2014) untuk ε²"),
     ("rank_biserial", 0, 0.10, 0.30, 0.50, "Cohen (1988) r; Kerby (2014) untuk r rank-biserial")],
    columns=["ukuran", "df", "kecil", "sedang", "besar", "sumber"])

EFFECT_NAMES = {"cramer_v": "V Cramér", "epsilon_squared": "ε²", "rank_biserial": "r rank-biserial"}
LEVEL_TEXT = {"tidak ada": "tidak ada indikasi perbedaan", "sangat kecil": "perbedaan sangat kecil",
              "kecil": "perbedaan kecil", "sedang": "perbedaan sedang", "besar": "perbedaan besar"}

GROUP_COLUMNS = ["kelompok", "n", "rerata_kinerja", "rerata_potensial", *[f"persen_{b}" for b in BANDS]]
SHARE_COLUMNS = ["kelompok", "kotak", "jumlah", "persen"]
TEST_COLUMNS = ["uji", "metode", "k", "n", "statistik", "p", "p_holm", "efek_nama", "efek", "tingkat", "kesimpulan"]
CHECK_COLUMNS = ["kelompok", "n", "persentil_kinerja", "persentil_potensial", "selisih", "r_kinerja", "r_potensial",
                 "p_kinerja", "p_potensial", "ditandai", "kesimpulan"]


@dataclass(frozen=True)
class FairnessResult:
    attribute: str
    min_group: int
    enough: bool                 # at least two groups of ≥ min_group people
    message: str                 # why there is no test ('' when enough)
    suppressed: bool             # some group was left out (never says which, nor how many)
    groups: pd.DataFrame = field(repr=False)   # GROUP_COLUMNS
    shares: pd.DataFrame = field(repr=False)   # SHARE_COLUMNS, every box per group
    tests: pd.DataFrame = field(repr=False)    # TEST_COLUMNS, one row per test
    check: pd.DataFrame = field(repr=False)    # CHECK_COLUMNS, one row per group

    def frames(self) -> dict[str, pd.DataFrame]:
        return {"groups": self.groups, "shares": self.shares, "tests": self.tests, "check": self.check}

    @property
    def flagged(self) -> list[str]:
        return self.check.loc[self.check["ditandai"], "kelompok"].tolist() if self.enough else []


# -- small helpers ----------------------------------------------------------------------------
def holm(pvalues) -> np.ndarray:
    """Holm–Bonferroni adjusted p-values (step-down, monotone, capped at 1)."""
    p = np.asarray(pvalues, dtype=float)
    adjusted = np.empty_like(p)
    running = 0.0
    for i, idx in enumerate(np.argsort(p, kind="stable")):
        running = max(running, (len(p) - i) * p[idx])
        adjusted[idx] = min(1.0, running)
    return adjusted


def p_text(p: float) -> str:
    """p-value in Indonesian notation: p=0,042 · p<0,001."""
    if p < 0.001:
        return "p<0,001"
    return f"p={p:.3f}".replace(".", ",")


def thresholds(measure: str, df: int = 0) -> tuple[float, float, float]:
    rows = EFFECT_THRESHOLDS[EFFECT_THRESHOLDS["ukuran"] == measure]
    if measure == "cramer_v":
        rows = rows[rows["df"] == min(max(df, 1), 4)]
    r = rows.iloc[0]
    return float(r["kecil"]), float(r["sedang"]), float(r["besar"])


def level(p: float, effect: float, measure: str, df: int = 0, alpha: float = ALPHA) -> str:
    """'tidak ada' | 'sangat kecil' | 'kecil' | 'sedang' | 'besar'."""
    if not p < alpha:
        return "tidak ada"
    small, medium, large = thresholds(measure, df)
    size = abs(effect)
    return "besar" if size >= large else "sedang" if size >= medium else "kecil" if size >= small else "sangat kecil"


def verdict(tingkat: str, p: float) -> str:
    text = LEVEL_TEXT[tingkat]
    return text if tingkat == "tidak ada" else f"{text} ({p_text(p)})"


def box_band(boxes: pd.DataFrame) -> pd.Series:
    """Band per box (index ``kotak``) from its rank: 'bawah' ≤ 1, 'tengah' 2, 'atas' ≥ 3."""
    rank = box_rank(boxes)
    return pd.Series(np.where(rank <= 1, "bawah", np.where(rank == 2, "tengah", "atas")), index=rank.index,
                     name="pita")


def percentile_rank(values: np.ndarray) -> np.ndarray:
    """Mid-rank percentile 0–100 (ties share their average rank)."""
    return (stats.rankdata(values) - 0.5) / len(values) * 100.0


def _rank_biserial(u: float, n1: int, n2: int) -> float:
    return 2.0 * u / (n1 * n2) - 1.0


def _mann_whitney(x: np.ndarray, y: np.ndarray, alternative: str) -> tuple[float, float, float]:
    """(U of x, p, rank-biserial r: > 0 when x tends higher)."""
    res = stats.mannwhitneyu(x, y, alternative=alternative, method="auto")
    p = 1.0 if np.isnan(res.pvalue) else float(res.pvalue)
    return float(res.statistic), p, _rank_biserial(float(res.statistic), len(x), len(y))


def _empty(columns: list[str]) -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype=object) for c in columns})


def _group_order(attribute: str, labels) -> list[str]:
    labels = [str(v) for v in labels]
    if attribute == "kelompok_usia":
        known = [b for b in band_labels() if b in labels]
        return known + sorted(set(labels) - set(known))
    return sorted(labels)


# -- the tests --------------------------------------------------------------------------------
def _box_test(group: pd.Series, band: pd.Series) -> dict:
    table = pd.crosstab(group, band).reindex(columns=list(BANDS), fill_value=0)
    table = table.loc[:, table.sum() > 0]
    n = int(table.to_numpy().sum())
    if table.shape[1] < 2:  # everybody in one band: nothing differs
        return dict(metode="chi-kuadrat", statistik=0.0, p=1.0, efek=0.0, df=1)
    obs = table.to_numpy()
    res = stats.chi2_contingency(obs, correction=False)
    expected = res.expected_freq
    cochran = bool((expected >= 1).all() and (expected < 5).mean() <= 0.2)
    p, metode = float(res.pvalue), "chi-kuadrat"
    if not cochran:
        mc = stats.chi2_contingency(obs, correction=False, method=stats.MonteCarloMethod(
            n_resamples=MC_RESAMPLES, rng=np.random.default_rng(MC_SEED)))
        p, metode = float(mc.pvalue), "chi-kuadrat (Monte Carlo)"
    df_star = min(obs.shape) - 1
    v = float(np.sqrt(res.statistic / (n * df_star))) if n and df_star else 0.0
    return dict(metode=metode, statistik=float(res.statistic), p=p, efek=v, df=df_star)


def _axis_test(values: np.ndarray, group: np.ndarray, order: list[str]) -> dict:
    samples = [values[group == g] for g in order]
    n = len(values)
    if len(order) == 2:
        u, p, r = _mann_whitney(samples[0], samples[1], "two-sided")
        return dict(metode="Mann–Whitney U", statistik=u, p=p, efek=r, ukuran="rank_biserial")
    try:
        res = stats.kruskal(*samples)
        h, p = float(res.statistic), float(res.pvalue)
    except ValueError:  # all values identical
        h, p = 0.0, 1.0
    if np.isnan(p):
        h, p = 0.0, 1.0
    return dict(metode="Kruskal–Wallis H", statistik=h, p=p, efek=max(h, 0.0) / (n - 1), ukuran="epsilon_squared")


def _not_enough(attribute: str, min_group: int, suppressed: bool) -> FairnessResult:
    msg = f"Data tidak cukup untuk diuji: kurang dari dua kelompok yang beranggotakan sedikitnya {min_group} orang."
    return FairnessResult(attribute, min_group, False, msg, suppressed, _empty(GROUP_COLUMNS), _empty(SHARE_COLUMNS),
                          _empty(TEST_COLUMNS), _empty(CHECK_COLUMNS))


def analyse(placed: pd.DataFrame, attribute: str, boxes: pd.DataFrame, min_group: int = MIN_GROUP,
            alpha: float = ALPHA) -> FairnessResult:
    """Box-distribution, axis and "higher performance / lower potential" tests for one attribute.

    ``placed`` needs kotak, kinerja_nilai, potensial_nilai and ``attribute``; rows without a box,
    an axis value or an attribute value are left out. See the module docstring for the methods.
    """
    if min_group < 2:
        raise ValueError("min_group harus sedikitnya 2.")
    cols = ["kotak", "kinerja_nilai", "potensial_nilai", attribute]
    df = placed.loc[:, cols].dropna()
    df = df.assign(kelompok=df[attribute].astype(str), kotak=df["kotak"].astype(int))
    sizes = df["kelompok"].value_counts()
    keep = sizes.index[sizes >= min_group]
    suppressed = len(keep) < len(sizes)
    df = df[df["kelompok"].isin(keep)]
    if len(keep) < 2:
        return _not_enough(attribute, min_group, suppressed)

    order = _group_order(attribute, keep)
    group = df["kelompok"].to_numpy()
    kin = df["kinerja_nilai"].to_numpy(dtype=float)
    pot = df["potensial_nilai"].to_numpy(dtype=float)
    band = df["kotak"].map(box_band(boxes))
    n = len(df)

    # -- per group: size, axis means, band shares; per box shares ----------------------------
    sizes = df["kelompok"].value_counts().reindex(order)
    means = df.groupby("kelompok")[["kinerja_nilai", "potensial_nilai"]].mean().reindex(order)
    band_share = pd.crosstab(df["kelompok"], band, normalize="index").reindex(index=order, columns=list(BANDS),
                                                                               fill_value=0.0) * 100.0
    groups = pd.DataFrame({"kelompok": order, "n": sizes.to_numpy().astype(int),
                           "rerata_kinerja": means["kinerja_nilai"].to_numpy(),
                           "rerata_potensial": means["potensial_nilai"].to_numpy(),
                           **{f"persen_{b}": band_share[b].to_numpy() for b in BANDS}})
    keys = sorted(int(k) for k in boxes["kotak"])
    counts = pd.crosstab(df["kelompok"], df["kotak"]).reindex(index=order, columns=keys, fill_value=0)
    shares = counts.stack().rename("jumlah").reset_index()
    shares.columns = ["kelompok", "kotak", "jumlah"]
    shares["jumlah"] = shares["jumlah"].astype(int)
    shares["persen"] = shares["jumlah"] / shares["kelompok"].map(sizes).astype(float) * 100.0

    # -- the three tests, Holm-corrected together -------------------------------------------
    box = _box_test(df["kelompok"], band)
    rows = [dict(uji="sebaran_kotak", metode=box["metode"], statistik=box["statistik"], p=box["p"],
                 ukuran="cramer_v", efek=box["efek"], df=box["df"])]
    for name, values in (("kinerja", kin), ("potensial", pot)):
        res = _axis_test(values, group, order)
        rows.append(dict(uji=name, metode=res["metode"], statistik=res["statistik"], p=res["p"],
                         ukuran=res["ukuran"], efek=res["efek"], df=0))
    tests = pd.DataFrame(rows)
    tests["p_holm"] = holm(tests["p"])
    tests["tingkat"] = [level(p, e, u, d, alpha) for p, e, u, d in
                        zip(tests["p_holm"], tests["efek"], tests["ukuran"], tests["df"])]
    tests["kesimpulan"] = [verdict(lv, p) for lv, p in zip(tests["tingkat"], tests["p_holm"])]
    tests["efek_nama"] = tests["ukuran"].map(EFFECT_NAMES)
    tests["k"], tests["n"] = len(order), n
    tests = tests[TEST_COLUMNS]

    # -- higher on performance, lower on potential: each group vs the rest ------------------
    pk, pp = percentile_rank(kin), percentile_rank(pot)
    small = thresholds("rank_biserial")[0]
    check_rows, pvals = [], []
    for g in order:
        inside = group == g
        _, p_k, r_k = _mann_whitney(kin[inside], kin[~inside], "greater")
        _, p_p, r_p = _mann_whitney(pot[inside], pot[~inside], "less")
        pvals += [p_k, p_p]
        check_rows.append(dict(kelompok=g, n=int(inside.sum()), persentil_kinerja=float(pk[inside].mean()),
                               persentil_potensial=float(pp[inside].mean()), r_kinerja=r_k, r_potensial=r_p))
    check = pd.DataFrame(check_rows)
    check["selisih"] = check["persentil_kinerja"] - check["persentil_potensial"]
    adjusted = holm(pvals)
    check["p_kinerja"], check["p_potensial"] = adjusted[0::2], adjusted[1::2]
    check["ditandai"] = ((check["p_kinerja"] < alpha) & (check["p_potensial"] < alpha)
                         & (check["r_kinerja"] >= small) & (-check["r_potensial"] >= small))
    check["kesimpulan"] = [
        (f"kinerja lebih tinggi tetapi potensial lebih rendah daripada kelompok lain "
         f"(kinerja {p_text(a)}, potensial {p_text(b)})") if flag else "tidak ada indikasi"
        for flag, a, b in zip(check["ditandai"], check["p_kinerja"], check["p_potensial"])]
    check = check[CHECK_COLUMNS]

    return FairnessResult(attribute, min_group, True, "", suppressed, groups, shares.reset_index(drop=True),
                          tests, check)


def analyse_all(placed: pd.DataFrame, boxes: pd.DataFrame, attributes=ATTRIBUTES, min_group: int = MIN_GROUP,
                alpha: float = ALPHA) -> dict[str, FairnessResult]:
    return {a: analyse(placed, a, boxes, min_group, alpha) for a in attributes if a in placed.columns}


def overview(results: dict[str, FairnessResult]) -> pd.DataFrame:
    """One row per attribute: the level of each test and the groups flagged by the check."""
    rows = []
    for attribute, res in results.items():
        if not res.enough:
            rows.append(dict(atribut=attribute, sebaran_kotak="tidak cukup data", kinerja="tidak cukup data",
                             potensial="tidak cukup data", ditandai=""))
            continue
        lv = dict(zip(res.tests["uji"], res.tests["tingkat"]))
        rows.append(dict(atribut=attribute, sebaran_kotak=lv["sebaran_kotak"], kinerja=lv["kinerja"],
                         potensial=lv["potensial"], ditandai="; ".join(res.flagged)))
    return pd.DataFrame(rows, columns=["atribut", "sebaran_kotak", "kinerja", "potensial", "ditandai"])
