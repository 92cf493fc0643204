"""Sembilan Kotak (the 9-box page): who is in view under the page's own filters, what its chart, list,
tray and what-if take from the shared placements frame, and saving a cut-off.

The page never copies the (national) frame: who is in view is a mask over it, and what is shown is
taken from it in these small functions, so nothing large outlives a rerun in the page's names (widget
callbacks keep them alive until the session's next rerun, one copy per session).
"""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from analytics import whatif
from analytics.ninebox import box_suppression
from analytics.positions import stable_sample
from analytics.rules import RuleSet
from common.i18n import t
from data.store import StoreError
from ui import privacy, services
from ui.frame import LIST_LIMIT
from ui.user import acting_user

__all__ = ["StoreError"]

DOT_LIMIT = 20_000           # above this, a stated, stable sample of dots is drawn
#: the page's own filters (widget keys; the four lists are bound to the URL under the same names)
FILTER_KEYS = ("gol", "jk", "usia", "pend", "cari")
#: a frame of no dots (the columns ``reports.figures.ninebox.ninebox_scatter`` reads): the counts drawn first
NO_DOTS = pd.DataFrame({c: pd.Series(dtype=object) for c in ("nip", "nama", "jabatan", "opd_nama", "predikat_efektif",
                                                              "jpm_teks", "kotak", "x", "y", "sampel")})
LIST_COLUMNS = ["nama", "nip", "kotak", "predikat_efektif", "potensial_nilai", "jpm", "jabatan", "opd_nama", "golongan"]


@dataclass(frozen=True)
class PageFilters:
    """The page's own filters (on top of the sidebar's), as chosen."""
    golongan: tuple[str, ...] = ()
    jenis_kelamin: tuple[str, ...] = ()
    usia: tuple[str, ...] = ()
    pendidikan: tuple[str, ...] = ()
    search: str | None = None

    @property
    def query(self) -> str:
        return self.search.strip() if self.search else ""

    def lines(self) -> list[str]:
        """The chosen filters as written lines (for an exported figure)."""
        return [f"{label}: {', '.join(map(str, values))}" for label, values in (
            (t("nk.golongan"), self.golongan), (t("nk.jk"), [t(f"nk.jk.{v}") for v in self.jenis_kelamin]),
            (t("nk.usia"), self.usia), (t("nk.pendidikan"), self.pendidikan),
            (t("nk.search"), [self.query] if self.query else [])) if values]


def page_filtered(query_params, session_state) -> bool:
    """Whether a page filter is chosen, in the URL (before its widget has read it) or in the session."""
    return any(query_params.get(k) for k in FILTER_KEYS[:4]) or any(session_state.get(k) for k in FILTER_KEYS)


def in_view(everyone: pd.DataFrame, f: PageFilters) -> pd.Series:
    """Who the page filters let through, as a mask over ``everyone``."""
    mask = pd.Series(True, index=everyone.index)
    if f.golongan:
        mask &= everyone["golongan"].isin(f.golongan)
    if f.jenis_kelamin:
        mask &= everyone["jenis_kelamin"].isin(f.jenis_kelamin)
    if f.usia:
        mask &= everyone["kelompok_usia"].isin(f.usia)
    if f.pendidikan:
        mask &= everyone["pendidikan_tingkat"].isin(f.pendidikan)
    if f.query:
        q = f.query
        mask &= everyone["nama"].str.contains(q, case=False, regex=False, na=False) | everyone["nip"].str.startswith(q)
    return mask


def dots(everyone: pd.DataFrame, has_box: pd.Series) -> tuple[pd.DataFrame, int]:
    """The placed people drawn (all, or a stable sample above DOT_LIMIT) and how many are placed."""
    units = everyone.loc[has_box, "sampel"]
    return everyone.loc[units.index[stable_sample(units, DOT_LIMIT).to_numpy()]], len(units)


def listed(everyone: pd.DataFrame, where: pd.Series) -> tuple[pd.DataFrame, int]:
    """The list's rows (highest box and potential first, at most LIST_LIMIT, chosen before the columns
    are taken) and how many people it stands for."""
    key = everyone.loc[where, ["kotak", "potensial_nilai"]].sort_values(["kotak", "potensial_nilai"], ascending=False)
    return everyone.loc[key.index[:LIST_LIMIT], LIST_COLUMNS], len(key)


def tray_count(everyone: pd.DataFrame, mask: pd.Series) -> int:
    """How many in view are not yet profiled."""
    return int((mask & (everyone["status"] == "belum diprofil")).sum())


def tray(everyone: pd.DataFrame, mask: pd.Series) -> tuple[pd.DataFrame, int]:
    """The not-yet-profiled in view: the first LIST_LIMIT by NIP, sorted by name, and how many there are."""
    idx = everyone.index[(mask & (everyone["status"] == "belum diprofil")).to_numpy()]
    return everyone.loc[idx[:LIST_LIMIT], ["nama", "jabatan", "opd_nama"]].sort_values("nama"), len(idx)


def hidden_boxes(summary: pd.DataFrame) -> set[int]:
    """Boxes whose count is hidden on this screen (the anonymisation switch's linked suppression):
    their people are neither drawn nor listed."""
    if not privacy.is_on():
        return set()
    s = box_suppression(summary, privacy.min_group())
    return {int(k) for k in summary["kotak"] if s.cell_hidden(int(k))}


def simulate(everyone: pd.DataFrame, has_box: pd.Series, rules: RuleSet, hi: float,
             mid: float) -> tuple[pd.DataFrame, int]:
    """Boxes per count saved vs simulated with the potential cut-offs ``mid``/``hi``, and how many move."""
    placed = everyone.loc[has_box, ["kotak", "kinerja_kategori", "potensial_nilai"]]
    return whatif.compare(placed, rules, hi, mid), whatif.moved(placed, rules, hi, mid)


def save_cutoff(period: int, hi: float, mid: float) -> None:
    """The potential cut-offs of ``period`` (recorded under the acting user)."""
    services.store().save_cutoff(period, "potensial", hi, mid, acting_user())
