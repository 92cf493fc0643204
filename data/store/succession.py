"""Succession: target posts and the performance history of candidates."""
from __future__ import annotations

from collections.abc import Sequence
from datetime import date

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

    def levels_of(self, period: int, nips: Sequence[str]) -> pd.DataFrame:
        """nip, jenjang_jabatan of ``nips`` in ``period``: a light read that narrows a pool (for example to
        those who could be ready now for a level) before the pool's people are read in full."""
        return self._frame("SELECT nip, jenjang_jabatan FROM asn_period WHERE period = ?"
                           " AND nip IN (SELECT unnest(?::VARCHAR[])) ORDER BY nip", [period, list(nips)])

    def stored_vacant_ready(self, period: int, version: tuple, on: date) -> int | None:
        """The stored count of vacant target posts with a candidate ready now on ``on`` for everyone (no
        scope, no filters) at exactly this data version; None when it is not stored."""
        found = self._scalar("SELECT max(jumlah) FROM vacant_ready WHERE periode = ? AND versi_impor = ?"
                             " AND versi_audit = ? AND tanggal = ?",
                             [int(period), int(version[0]), int(version[1]), on])
        return None if found is None else int(found)

    def store_vacant_ready(self, period: int, version: tuple, on: date, count: int) -> bool:
        """Write that count, worked out at ``version``; skipped (False) on a read-only store, when it is
        already stored or when a newer version has been stored since. Older versions of every period are
        removed in the same transaction. Derived data written on a read: no audit entry (decision 0035)."""
        if self.read_only:
            return False
        v_impor, v_audit = int(version[0]), int(version[1])
        with self._transaction() as cur:
            if cur.execute("SELECT EXISTS (SELECT 1 FROM vacant_ready WHERE periode = ? AND (versi_audit > ? OR"
                           " (versi_impor = ? AND versi_audit = ? AND tanggal = ?)))",
                           [int(period), v_audit, v_impor, v_audit, on]).fetchone()[0]:
                return False
            cur.execute("DELETE FROM vacant_ready WHERE versi_audit < ? OR (versi_audit = ? AND versi_impor <> ?)",
                        [v_audit, v_audit, v_impor])
            cur.execute("INSERT INTO vacant_ready VALUES (?, ?, ?, ?, ?)", [int(period), v_impor, v_audit, on,
                                                                              int(count)])
        return True
