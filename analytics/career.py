"""Careers from the position history (riwayat jabatan): the field of work of a post, the spans a
person held each post, and the cumulative years in a set of job levels or in a field up to a date.

Pure functions over frames; the words that name a field come in as a frame (``rule_bidang``:
bidang, kata). A person without history rows is counted from the current post and its TMT only,
and the result says so (``sumber`` = :data:`FROM_CURRENT`).

Years are counted in days. A requirement of N years on date ``on`` is met when the days counted
reach the days between ``on`` − N calendar years and ``on``: for one unbroken post this is exactly
"TMT + N years ≤ on" (the rule the checks always used), and spans of several posts add up.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date

import numpy as np
import pandas as pd

FROM_HISTORY = "riwayat jabatan"
FROM_CURRENT = "jabatan sekarang saja"

SPAN_COLUMNS = ["nip", "jabatan", "jenjang_jabatan", "bidang", "mulai", "selesai", "sumber"]


class FieldWords:
    """The words of ``rule_bidang``. The field of a row is that of its first word found, reading the
    post's name, then the unit, then the OPD; a word of a lower ``urutan`` wins over any of a higher
    one wherever it stands (so the generic 'umum' of "Pengadministrasi Umum" gives way to the unit's
    "Bidang Kedaruratan"); at one place the longest word wins."""

    def __init__(self, words: pd.DataFrame | None):
        rows = [] if words is None or words.empty else list(zip(
            words["kata"], words["bidang"], words["urutan"] if "urutan" in words.columns else [1] * len(words)))
        self.field = {str(k).strip().lower(): str(b).strip() for k, b, _ in rows if str(k).strip()}
        self.rank = {str(k).strip().lower(): int(u) for k, _, u in rows if str(k).strip()}
        self.fields = sorted(set(self.field.values()))
        alternatives = sorted(self.field, key=len, reverse=True)
        self._re = re.compile(r"(?<![0-9a-z])(?:" + "|".join(map(re.escape, alternatives)) + r")(?![0-9a-z])") \
            if alternatives else None

    def best(self, text) -> tuple[int, str] | None:
        """(urutan, field) of the text's first word of the lowest urutan; None when it has none."""
        if self._re is None or not isinstance(text, str):
            return None
        found = [(self.rank[m.group(0)], m.start(), m.group(0)) for m in self._re.finditer(text.lower())]
        if not found:
            return None
        rank, _, word = min(found)
        return rank, self.field[word]

    def of_text(self, *texts) -> str | None:
        """The field of texts read in order (post, unit, OPD)."""
        hits = [(b[0], i, b[1]) for i, t in enumerate(texts) if (b := self.best(t)) is not None]
        return min(hits)[2] if hits else None

    def of(self, *columns: pd.Series) -> pd.Series:
        """Field per row of the columns read together (post, unit, OPD), as :meth:`of_text`."""
        if not columns:
            return pd.Series(dtype=object)
        frame = pd.DataFrame({i: c.astype(object).to_numpy() for i, c in enumerate(columns)}, index=columns[0].index)
        frame = frame.where(frame.notna(), None)
        keys = list(frame.itertuples(index=False, name=None))
        uniq = {k: self.of_text(*k) for k in set(keys)}
        return pd.Series([uniq[k] for k in keys], index=frame.index, dtype=object)


def fields_of_post(post: dict | pd.Series, words: FieldWords) -> list[str]:
    """A target post's fields: its ``bidang_tugas`` (';'-separated), else from its name and OPD."""
    given = post.get("bidang_tugas") if hasattr(post, "get") else None
    if isinstance(given, str) and given.strip():
        return [x.strip() for x in given.split(";") if x.strip()]
    f = words.of_text(post.get("jabatan"), post.get("opd_nama"))
    return [f] if f else []


def spans(history: pd.DataFrame | None, current: pd.DataFrame, words: FieldWords) -> pd.DataFrame:
    """One row per post held: nip, jabatan, jenjang_jabatan, bidang, mulai, selesai (NaT = still
    held), sumber. A post ends at its ``tmt_selesai`` or the next post's TMT, whichever is first.

    ``current``: nip, jabatan, jenjang_jabatan, tmt_jabatan (and unit_kerja, opd_nama for the
    field). People with no history rows get their current post alone (sumber FROM_CURRENT); a
    current post newer than the last history row is added to the history.
    """
    cur = current.drop_duplicates("nip")
    h = history if history is not None else pd.DataFrame(columns=["nip", "tmt_jabatan"])
    h = h[h["nip"].isin(cur["nip"]) & h["tmt_jabatan"].notna()] if len(h) else h.iloc[0:0]

    def frame(src: pd.DataFrame, sumber: str) -> pd.DataFrame:
        def col(name: str) -> pd.Series:
            return src[name].astype(object) if name in src.columns else pd.Series(None, index=src.index, dtype=object)
        given = col("bidang").where(col("bidang").map(lambda v: isinstance(v, str) and bool(v.strip())))
        derived = words.of(col("jabatan"), col("unit_kerja"), col("opd_nama"))
        return pd.DataFrame({
            "nip": src["nip"].astype(object), "jabatan": col("jabatan"), "jenjang_jabatan": col("jenjang_jabatan"),
            "bidang": given.where(given.notna(), derived),
            "mulai": pd.to_datetime(src["tmt_jabatan"], errors="coerce"),
            "selesai": pd.to_datetime(src["tmt_selesai"], errors="coerce") if "tmt_selesai" in src.columns
            else pd.Series(pd.NaT, index=src.index),
            "sumber": sumber})

    last = pd.to_datetime(h["tmt_jabatan"]).groupby(h["nip"]).max() if len(h) \
        else pd.Series(dtype="datetime64[ns]")
    last_of = cur["nip"].map(pd.to_datetime(last)) if len(last) else pd.Series(pd.NaT, index=cur.index)
    cur_tmt = pd.to_datetime(cur["tmt_jabatan"], errors="coerce")
    no_history = last_of.isna()
    newer = ~no_history & cur_tmt.notna() & (cur_tmt > last_of)
    parts = [frame(cur[no_history], FROM_CURRENT), frame(cur[newer], FROM_HISTORY), frame(h, FROM_HISTORY)]
    out = pd.concat([p for p in parts if len(p)], ignore_index=True) if any(len(p) for p in parts) \
        else pd.DataFrame(columns=SPAN_COLUMNS)
    out = out[out["mulai"].notna()].sort_values(["nip", "mulai"], kind="stable").reset_index(drop=True)
    nxt = out.groupby("nip")["mulai"].shift(-1)
    end = out["selesai"].where(out["selesai"].notna() & (nxt.isna() | (out["selesai"] < nxt)), nxt)
    out["selesai"] = end
    return out[SPAN_COLUMNS]


def required_days(years: float, on: date) -> int:
    """Days that make ``years`` years up to ``on`` (calendar years when whole)."""
    on_ts = pd.Timestamp(on)
    start = on_ts - pd.DateOffset(years=int(years)) if float(years).is_integer() \
        else on_ts - pd.to_timedelta(years * 365.25, unit="D")
    return int((on_ts - start).days)


def _days(s: pd.DataFrame, on: date) -> np.ndarray:
    on_ts = pd.Timestamp(on)
    end = s["selesai"].where(s["selesai"].notna() & (s["selesai"] < on_ts), on_ts)
    return np.maximum((end - s["mulai"]).dt.days.to_numpy(dtype=float), 0.0)


def days_where(spans_: pd.DataFrame, mask: np.ndarray, nips: pd.Series, on: date) -> pd.Series:
    """Days up to ``on`` spent in the spans where ``mask`` holds, per NIP of ``nips`` (0 when none)."""
    s = spans_[mask & (spans_["mulai"] <= pd.Timestamp(on)).to_numpy()]
    if not len(s):
        return pd.Series(0.0, index=nips.index)
    per = pd.Series(_days(s, on)).groupby(s["nip"].to_numpy(dtype=object)).sum()
    return pd.Series(nips.to_numpy(dtype=object), index=nips.index, dtype=object).map(per).fillna(0.0).astype(float)


def days_in_levels(spans_: pd.DataFrame, levels: Iterable[str], nips: pd.Series, on: date) -> pd.Series:
    """Days in posts of the given job levels (e.g. Administrator and JF Ahli Madya)."""
    return days_where(spans_, spans_["jenjang_jabatan"].isin(list(levels)).to_numpy(), nips, on)


def days_in_fields(spans_: pd.DataFrame, fields: Iterable[str], nips: pd.Series, on: date) -> pd.Series:
    """Days in posts of the given fields of work (e.g. perencanaan)."""
    wanted = {f.casefold() for f in fields}
    codes, uniques = pd.factorize(spans_["bidang"].astype(object))   # each distinct field once
    hit = np.array([isinstance(b, str) and b.casefold() in wanted for b in uniques] + [False], dtype=bool)
    mask = hit[codes]
    return days_where(spans_, mask, nips, on)


def source_of(spans_: pd.DataFrame, nips: pd.Series) -> pd.Series:
    """FROM_HISTORY or FROM_CURRENT per NIP (FROM_CURRENT when the NIP has no span at all)."""
    hist = set(spans_.loc[spans_["sumber"] == FROM_HISTORY, "nip"])
    return pd.Series(np.where(nips.isin(hist), FROM_HISTORY, FROM_CURRENT), index=nips.index, dtype=object)


def as_years(days) -> np.ndarray:
    return np.asarray(days, dtype=float) / 365.25
