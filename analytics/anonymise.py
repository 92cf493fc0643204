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
    sets = {name: frozenset(keys) for name, keys in (groups or {}).items()}
    seen: set = set()
    for name, keys in sets.items():
        if not keys <= values.keys() or keys & seen:
            raise ValueError(f"group {name!r} must hold known cells and share none with another group")
        seen |= keys
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
