"""Pseudonyms, masked NIPs and small-group suppression for the anonymisation switch.

A pseudonym is the first 40 bits of HMAC-SHA256(key, NIP) written in Crockford base32
(8 characters): stable across pages, periods and exports of one installation, and not
recomputable without the installation's secret key (NIPs are structured and easy to
enumerate, so a plain hash would not hide them).
"""
from __future__ import annotations

import hmac
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_LENGTH = 8
MASK = "•" * (18 - CODE_LENGTH)   # a masked NIP keeps a NIP's 18 characters: 10 dots + the code

# identity columns replaced in a person frame (the rest of a row is kept)
NAME_COLUMNS = ("nama", "nama_lengkap")
NIP_COLUMNS = ("nip", "pemangku_nip", "nip_pemangku")
NAME_OF_NIP = {"pemangku_nama": "pemangku_nip"}
BLANKED = ("gelar_depan", "gelar_belakang", "tanggal_lahir", "tempat_lahir", "unit_kerja")


def code(nip: str, key: bytes) -> str:
    digest = hmac.digest(key, str(nip).encode(), "sha256")
    value = int.from_bytes(digest[:5], "big")
    return "".join(CROCKFORD[(value >> shift) & 31] for shift in range(35, -1, -5))


def pseudonym(nip: str, key: bytes) -> str:
    """The name shown instead of a person's name, e.g. ``ASN 7K3Q-9M2X``."""
    c = code(nip, key)
    return f"ASN {c[:4]}-{c[4:]}"


def masked_nip(nip: str, key: bytes) -> str:
    """The NIP shown instead of the real one: 18 characters, none of them from the NIP."""
    return MASK + code(nip, key)


def anonymise_people(frame: pd.DataFrame, key: bytes) -> tuple[pd.DataFrame, dict[str, str]]:
    """A copy with names → pseudonyms, NIPs → masked NIPs, titles, birth data and unit blanked, and
    the post title (which names a unique post for senior officials) replaced by its level when the
    frame has one. Returns the copy and the masked → real NIP map for selections made on it.
    Idempotent: a frame anonymised already comes back the same (its masked NIPs keep their codes)."""
    out = frame.copy(deep=False)  # copy-on-write: only the replaced columns are new (a national frame is 0.7 GB)
    back: dict[str, str] = {}
    codes: dict[str, pd.Series] = {}
    for col in NIP_COLUMNS:
        if col in out.columns:
            real = out[col]
            codes[col] = real.map(lambda v: _code_of(v, key))
            masked = MASK + codes[col]
            back.update({m: r for m, r in zip(masked, real) if isinstance(m, str) and m != r})
            out[col] = masked.where(codes[col].notna(), real)
    for col in NAME_COLUMNS:
        if col in out.columns:  # a name without its NIP cannot get a stable pseudonym: it is hidden
            out[col] = _names(codes["nip"]) if "nip" in codes else "–"
    for col, nip_col in NAME_OF_NIP.items():
        if col in out.columns:
            out[col] = _names(codes[nip_col]) if nip_col in codes else "–"
    for col in BLANKED:
        if col in out.columns:
            out[col] = None
    if "jabatan" in out.columns and "jenjang_jabatan" in out.columns:
        out["jabatan"] = out["jenjang_jabatan"]
    return out, back


def _code_of(value: object, key: bytes) -> str | None:
    """The code of a NIP; a NIP masked already keeps its code (anonymising twice changes nothing)."""
    if not isinstance(value, str) or not value:
        return None
    if value.startswith(MASK) and len(value) == len(MASK) + CODE_LENGTH:
        return value[len(MASK):]
    return code(value, key)


def _names(codes: pd.Series) -> pd.Series:
    return ("ASN " + codes.str[:4] + "-" + codes.str[4:]).fillna("–")


def suppress_small(counts: pd.Series, minimum: int = 5) -> pd.Series:
    """Counts as text with cells of 1 … minimum-1 shown as ``< minimum`` (0 stays 0)."""
    values = counts.fillna(0).astype(int)
    return pd.Series(np.where((values > 0) & (values < minimum), f"< {minimum}", values.astype(str)),
                     index=counts.index, dtype=object)


@dataclass(frozen=True)
class Suppression:
    """What of one linked table may be shown: the hidden cells, the hidden group headlines and
    whether the total is hidden. Shares (cell / total) are shown only for shown cells of a shown total."""
    cells: frozenset = frozenset()
    groups: frozenset = frozenset()
    total: bool = False

    def cell_hidden(self, key: object) -> bool:
        return key in self.cells

    def share_hidden(self, key: object) -> bool:
        return self.total or key in self.cells

    def group_hidden(self, name: str) -> bool:
        return name in self.groups


def _disjoint_groups(groups: dict | None, cells) -> dict[str, frozenset]:
    """Headline groups as frozensets of known cells, no cell in two groups (else ValueError)."""
    sets = {name: frozenset(keys) for name, keys in (groups or {}).items()}
    seen: set = set()
    for name, keys in sets.items():
        if not keys <= cells or keys & seen:
            raise ValueError(f"group {name!r} must hold known cells and share none with another group")
        seen |= keys
    return sets


def suppress_linked(counts: Mapping[object, int] | pd.Series, minimum: int,
                    groups: Mapping[str, Iterable[object]] | None = None) -> Suppression:
    """Small-cell suppression for every number of one screen as one linked table.

    ``counts``: cell → count (e.g. the 9 boxes); the total (their sum) is shown unless hidden here;
    ``groups``: headline name → its cells (e.g. the succession pool = boxes 7–9), pairwise disjoint.
    Cells of 1 … ``minimum``-1 are hidden (0 stays shown), then, until no hidden cell can be derived,
    more: what the shown numbers reveal is the sum of the hidden cells of each *atom* (a shown
    group's cells; the cells in no shown group, through the shown total), so an atom is safe when it
    holds no hidden cell, or two or more whose sum is above their number (every hidden cell is at least
    1, so a sum equal to the number would make each one 1). An unsafe atom first hides its smallest shown
    non-empty cell; without one, a group hides its headline (its cells join the rest), and the rest
    makes a group's headline hidden, or finally the total. ``minimum`` < 2 hides nothing.
    """
    values = {k: int(v) if pd.notna(v) else 0 for k, v in counts.items()}
    sets = _disjoint_groups(groups, values.keys())
    if minimum < 2:
        return Suppression()
    hidden = {k for k, v in values.items() if 0 < v < minimum}
    hidden_groups: set[str] = set()
    total_hidden = False
    order = list(values)
    while True:
        shown_groups = {n: ks for n, ks in sets.items() if n not in hidden_groups}
        rest = frozenset(values).difference(*shown_groups.values())
        atoms = [(n, ks) for n, ks in shown_groups.items()] + ([(None, rest)] if not total_hidden else [])
        unsafe = next(((n, ks) for n, ks in atoms if not _safe(ks, hidden, values)), None)
        if unsafe is None:
            return Suppression(frozenset(hidden), frozenset(hidden_groups), total_hidden)
        name, keys = unsafe
        candidates = [k for k in order if k in keys and k not in hidden and values[k] > 0]
        if candidates:
            hidden.add(min(candidates, key=lambda k: (values[k], order.index(k))))
        elif name is not None:
            hidden_groups.add(name)
        elif shown_groups:
            hidden_groups.add(min(shown_groups, key=lambda n: (sum(values[k] for k in shown_groups[n]), n)))
        else:
            total_hidden = True


def _safe(keys: frozenset, hidden: set, values: dict) -> bool:
    inside = [values[k] for k in keys if k in hidden]
    return not inside or (len(inside) >= 2 and sum(inside) > len(inside))


_NIP_IN_TEXT = re.compile(r"(?<!\d)\d{18}(?!\d)")


def mask_nips_in_text(values: pd.Series, key: bytes) -> pd.Series:
    """Free text (audit entities and details) with every 18-digit NIP replaced by its masked form."""
    return values.map(lambda v: _NIP_IN_TEXT.sub(lambda m: masked_nip(m.group(0), key), v) if isinstance(v, str) else v)


@dataclass(frozen=True)
class TableSuppression:
    """What of a 2-D table (rows × columns) may be shown: hidden cells as (row, column) keys, hidden row
    totals, column totals and headline groups, and whether the grand total is hidden."""
    cells: frozenset = frozenset()
    rows: frozenset = frozenset()
    cols: frozenset = frozenset()
    groups: frozenset = frozenset()
    total: bool = False

    @property
    def any_hidden(self) -> bool:
        return bool(self.cells or self.rows or self.cols or self.groups or self.total)

    def cell_hidden(self, row: object, col: object) -> bool:
        return (row, col) in self.cells

    def group_hidden(self, name: str) -> bool:
        return name in self.groups


def suppress_table(matrix: pd.DataFrame, minimum: int,
                   groups: Mapping[str, Iterable[tuple[object, object]]] | None = None,
                   margins: bool = True) -> TableSuppression:
    """Small-cell suppression for a 2-D table shown with its row totals, column totals, grand total and
    headline groups (sets of (row, column) cells, which may overlap rows and columns but not each other).

    Cells of 1 … ``minimum``-1 are hidden (0 stays shown). Rows and columns cross, so the atoms of
    :func:`suppress_linked` do not apply: a reader's knowledge is solved instead. The shown sums that
    hold hidden cells are linear equations over them, and every hidden cell is at least 1; a hidden
    cell is *exposed* when its value is fixed by them (its unit vector lies in the equations' row
    space, or its least and greatest feasible values are equal). While a cell is exposed, the smallest
    shown non-empty cell sharing a shown row, column or group with it (else the grand total) is hidden
    too (one already in the most sums with hidden cells first); when there is none, the shown sum whose
    hiding leaves the fewest cells exposed is hidden (on a tie a group's headline first, then a row or
    column total, finally the grand total). ``minimum`` < 2 hides nothing.

    ``margins=False``: the row and column totals are not shown (all of them come back hidden when any
    cell is), so only the groups and the grand total link the cells — far fewer cells need hiding in a
    sparse table (the demo's 9×9 movement: 22 of 41 non-empty cells instead of 40).
    """
    rows_k, cols_k = list(matrix.index), list(matrix.columns)
    values = {(r, c): int(v) if pd.notna(v) else 0
              for r in rows_k for c, v in zip(cols_k, matrix.loc[r].tolist())}
    sets = _disjoint_groups(groups, values.keys())
    if minimum < 2:
        return TableSuppression()
    # every shown sum: (kind, key) → its cells
    hidden_sums: set[tuple[str, object]] = set()
    sums: dict[tuple[str, object], frozenset] = {("group", n): ks for n, ks in sets.items()}
    if margins:
        sums |= {("row", r): frozenset((r, c) for c in cols_k) for r in rows_k}
        sums |= {("col", c): frozenset((r, c) for r in rows_k) for c in cols_k}
    else:
        hidden_sums |= {("row", r) for r in rows_k} | {("col", c) for c in cols_k}
    sums[("total", None)] = frozenset(values)
    rank_of_kind = {"group": 0, "row": 1, "col": 1, "total": 2}
    hidden = {k for k, v in values.items() if 0 < v < minimum}
    order = list(values)
    while True:
        shown = {s: ks for s, ks in sums.items() if s not in hidden_sums}
        exposed = _exposed(hidden, values, [ks for ks in shown.values() if ks & hidden])
        if not exposed:
            break
        around = [(s, ks) for s, ks in shown.items() if exposed[0] in ks]
        # a cell of its own row, column or group first; a cell anywhere (through the grand total) last
        candidates = ({k for s, ks in around if s[0] != "total" for k in ks if k not in hidden and values[k] > 0}
                      or {k for _, ks in around for k in ks if k not in hidden and values[k] > 0})
        if candidates:  # the one leaving the fewest cells exposed, then the smallest
            hidden.add(min(candidates, key=lambda k: (
                len(_exposed(hidden | {k}, values, [ks for ks in shown.values() if ks & (hidden | {k})])),
                values[k], order.index(k))))
            continue
        # no cell left to hide: the shown sum whose hiding leaves the fewest cells exposed (on a tie the
        # one with the fewest hidden cells, a headline before a row or column total, the grand total last)
        with_hidden = {s: ks for s, ks in shown.items() if ks & hidden}
        hidden_sums.add(min(with_hidden, key=lambda gone: (
            len(_exposed(hidden, values, [ks for s, ks in with_hidden.items() if s != gone])),
            len(with_hidden[gone] & hidden), rank_of_kind[gone[0]], str(gone[1]))))
    if not hidden:  # nothing to protect: the totals may show after all
        return TableSuppression()
    return TableSuppression(frozenset(hidden), frozenset(k for kind, k in hidden_sums if kind == "row"),
                            frozenset(k for kind, k in hidden_sums if kind == "col"),
                            frozenset(k for kind, k in hidden_sums if kind == "group"),
                            ("total", None) in hidden_sums)


def _exposed(hidden: set, values: dict, sums: list[frozenset]) -> list:
    """The hidden cells whose value the shown sums pin down, in table order.

    A reader knows A·y = b (one row per shown sum, over the hidden cells) and y ≥ 1. A cell is pinned
    when no feasible direction at the true point moves it: d with A·d = 0 and d ≥ 0 on the cells at 1.
    One linear programme finds the cells at 1 that can rise (the rest stay at 1, pinned); with those
    held at 0, a cell can move exactly when its unit vector is outside the equations' row space."""
    keys = sorted(hidden, key=list(values).index)
    if not keys or not sums:
        return []
    n = len(keys)
    col = {k: j for j, k in enumerate(keys)}
    a = np.zeros((len(sums), n))
    for i, ks in enumerate(sums):
        for k in ks & hidden:
            a[i, col[k]] = 1.0
    tight = [j for j, k in enumerate(keys) if values[k] == 1]
    stuck: list[int] = []
    if tight:
        from scipy.optimize import linprog  # only needed when a hidden cell is 1

        m = len(tight)
        cost = np.concatenate([np.zeros(n), -np.ones(m)])   # maximise the tight cells that can rise
        a_ub = np.zeros((m, n + m))
        for i, j in enumerate(tight):
            a_ub[i, j], a_ub[i, n + i] = -1.0, 1.0           # t_i ≤ d_j
        bounds = [(0, None) if j in tight else (None, None) for j in range(n)] + [(0, 1)] * m
        res = linprog(cost, A_ub=a_ub, b_ub=np.zeros(m), A_eq=np.hstack([a, np.zeros((len(sums), m))]),
                      b_eq=np.zeros(len(sums)), bounds=bounds)
        rises = res.x[n:] > 1e-7 if res.status == 0 else np.zeros(m, dtype=bool)
        stuck = [j for i, j in enumerate(tight) if not rises[i]]
    held = np.vstack([a] + [np.eye(n)[j] for j in stuck]) if stuck else a
    _, sv, vt = np.linalg.svd(held)
    null = vt[int((sv > 1e-9).sum()):]
    free = np.abs(null).max(axis=0) > 1e-9 if len(null) else np.zeros(n, dtype=bool)
    return [k for j, k in enumerate(keys) if not free[j]]
