"""Position history (riwayat jabatan): the posts people held, read for the career computations."""
from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from data.store.connection import ConnectionBase
from data.store.filters import EVERYTHING, Scope, in_scope


class HistoryMixin(ConnectionBase):
    def position_history(self, period: int, nips: Sequence[str] | None = None,
                         scope: Scope = EVERYTHING) -> pd.DataFrame:
        """Every history row of the ASN of ``period`` inside the scope (their OPD in that period),
        optionally only ``nips``: nip, jabatan, opd_nama, opd_id, unit_kerja, jenis_jabatan,
        jenjang_jabatan, tmt_jabatan, tmt_selesai, bidang; ordered by NIP and TMT."""
        sql = ("SELECT h.nip, h.jabatan, coalesce(h.opd_nama, o.nama) AS opd_nama, h.opd_id, h.unit_kerja,"
               " h.jenis_jabatan, h.jenjang_jabatan, h.tmt_jabatan, h.tmt_selesai, h.bidang"
               " FROM position_history h LEFT JOIN opd o ON o.opd_id = h.opd_id"
               f" WHERE h.nip IN (SELECT nip FROM asn_period WHERE period = ? AND {in_scope('opd_id')})")
        params: list = [period, *scope.params]
        if nips is not None:
            sql += " AND h.nip IN (SELECT unnest(?::VARCHAR[]))"
            params.append([str(n) for n in nips])
        return self._frame(sql + " ORDER BY h.nip, h.tmt_jabatan, h.jabatan", params)

    def position_history_count(self, nips: Sequence[str] | None = None) -> int:
        """Rows of position history (0: the career counts come from the current post only); with ``nips``,
        the rows of those people (what an import of their histories replaces)."""
        if nips is None:
            return int(self._scalar("SELECT count(*) FROM position_history"))
        return int(self._scalar("SELECT count(*) FROM position_history WHERE nip IN (SELECT unnest(?::VARCHAR[]))",
                                [[str(n) for n in nips]]))
