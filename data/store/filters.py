"""What a caller may see (Scope) and which people a page shows (Filters), applied in SQL."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Filters:
    """Global filters shared by every page. Empty tuple = no restriction."""

    opd_ids: tuple[str, ...] = ()
    jenis_jabatan: tuple[str, ...] = ()
    jenis_asn: tuple[str, ...] = ()


@dataclass(frozen=True)
class Scope:
    """Which OPDs a caller may see. ``opd_ids=None`` means every OPD.

    Every query over personal data takes a scope and applies it in SQL, so no
    filter value, URL parameter or NIP typed by a user can reach other OPDs.
    """

    opd_ids: tuple[str, ...] | None = None

    @staticmethod
    def everything() -> Scope:
        return Scope(None)

    @property
    def params(self) -> list:
        """Parameters for :func:`in_scope`: (sees everything?, the OPD list)."""
        return [self.opd_ids is None, list(self.opd_ids or ())]


def in_scope(column: str) -> str:
    """SQL condition 'this OPD column is inside the scope'; bind ``Scope.params`` to it."""
    return f"(? OR list_contains(?, {column}))"


EVERYTHING = Scope(None)


def _filter_sql(filters: Filters, scope: Scope = EVERYTHING) -> tuple[str, list]:
    """Parameterised WHERE fragment for the scope and the global filters (aliases ap, a)."""
    parts, params = [], []
    if scope.opd_ids is not None:
        parts.append(in_scope("ap.opd_id"))
        params += scope.params
    for column, values in (("ap.opd_id", filters.opd_ids),
                           ("ap.jenis_jabatan", filters.jenis_jabatan),
                           ("a.jenis_asn", filters.jenis_asn)):
        if values:
            parts.append(f"list_contains(?, {column})")
            params.append(list(values))
    return ("".join(f" AND {p}" for p in parts), params)
