"""Succession: target posts and the performance history of candidates."""
from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from data.store.connection import ConnectionBase
from data.store.filters import EVERYTHING, Scope, in_scope


class SuccessionMixin(ConnectionBase):
    def target_posts(self, scope: Scope = EVERYTHING) -> pd.DataFrame:
        return self._frame(
            "SELECT t.*, o.nama AS opd_nama FROM target_post t LEFT JOIN opd o USING (opd_id)"
            f" WHERE {in_scope('t.opd_id')} ORDER BY lowong DESC, jabatan",
            scope.params)

    def predikat_history(self, period: int, years: int, scope: Scope = EVERYTHING,
                         nips: Sequence[str] | None = None) -> pd.DataFrame:
        """SKP results of the ``years`` periods up to ``period`` for the ASN of ``period`` inside the scope:
        nip, period, predikat, hasil_kerja, perilaku, nilai_legacy (one row per nip and period)."""
        sql = ("SELECT pf.nip, pf.period, pf.predikat, pf.hasil_kerja, pf.perilaku, pf.nilai_legacy"
               " FROM performance pf WHERE pf.period <= ? AND pf.period > ? - ?"
               f" AND pf.nip IN (SELECT nip FROM asn_period WHERE period = ? AND {in_scope('opd_id')})")
        params: list = [period, period, int(years), period, *scope.params]
        if nips is not None:
            sql += " AND pf.nip IN (SELECT unnest(?::VARCHAR[]))"
            params.append(list(nips))
        return self._frame(sql + " ORDER BY pf.nip, pf.period", params)

    def sanctions(self, period: int, scope: Scope = EVERYTHING, nips: Sequence[str] | None = None) -> pd.DataFrame:
        """Disciplinary sanctions of the ASN of ``period`` inside the scope (every date: the checks date
        them): nip, tingkat, tanggal_mulai, tanggal_selesai."""
        sql = ("SELECT d.nip, d.tingkat, d.tanggal_mulai, d.tanggal_selesai FROM discipline d"
               f" WHERE d.nip IN (SELECT nip FROM asn_period WHERE period = ? AND {in_scope('opd_id')})")
        params: list = [period, *scope.params]
        if nips is not None:
            sql += " AND d.nip IN (SELECT unnest(?::VARCHAR[]))"
            params.append(list(nips))
        return self._frame(sql + " ORDER BY d.nip, d.tanggal_mulai", params)
