"""Stored placements: the engine's result per period and data version, so counts are a GROUP BY.

The rows are computed by the one engine code path (``ui/services.py``: ``place``, ``plot_positions``,
``apply_calibration``) over the whole period, no scope and no filters, inside a snapshot, and written
here under that snapshot's version. A reader uses them only when they belong to the exact version its
own snapshot reads (``placements_stored``); otherwise it places people as before. See
docs/decisions/0033-stored-placements.md.
"""
from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from data.store.connection import ConnectionBase
from data.store.filters import EVERYTHING, Filters, Scope, _filter_sql, in_scope
from data.store.snapshot import VERSION_SQL

# What a stored row holds of a placement (besides the period and the version)
PLACEMENT_COLUMNS = ("nip", "opd_id", "jenis_jabatan", "jenis_asn", "kotak", "kotak_awal", "status",
                     "predikat_efektif", "kinerja_nilai", "potensial_nilai", "jpm", "usia")


def _where(period: int, version: tuple, filters: Filters, scope: Scope) -> tuple[str, list]:
    """Rows of the period at the version, inside the scope and filters (``_filter_sql``'s conditions,
    the person's ``jenis_asn`` read from the stored row)."""
    where, params = _filter_sql(filters, scope)
    where = where.replace(" a.jenis_asn", " ap.jenis_asn")
    return (f"ap.periode = ? AND ap.versi_impor = ? AND ap.versi_audit = ?{where}",
            [int(period), int(version[0]), int(version[1]), *params])


class PlacementsMixin(ConnectionBase):
    def placements_stored(self, period: int, version: tuple) -> bool:
        """Whether the period's placements at exactly this data version are stored."""
        return bool(self._scalar(
            "SELECT EXISTS (SELECT 1 FROM placement WHERE periode = ? AND versi_impor = ? AND versi_audit = ?)",
            [int(period), int(version[0]), int(version[1])]))

    def store_placements(self, period: int, version: tuple, placed: pd.DataFrame) -> bool:
        """Write the period's placements (everyone, no scope or filters) computed at ``version``.

        Skipped (False) when they are already stored or the data has changed since ``version`` (the
        caller read an older state). Every older version of any period is removed in the same
        transaction: an older version is never read again (a snapshot reads the newest state). Each row
        also gets ``cact``: whether the person has a CACT assessment in the period, read in the same
        transaction, whose state is ``version`` (checked first). Derived data, written on a read: no
        period lock and no audit entry (decisions 0033, 0037)."""
        if self.read_only:
            return False
        v_impor, v_audit = int(version[0]), int(version[1])
        rows = placed[list(PLACEMENT_COLUMNS)]
        with self._transaction() as cur:
            if tuple(cur.execute(VERSION_SQL).fetchone()) != (v_impor, v_audit):
                return False   # the placements of an older state: the newer one is stored on its first read
            newer = cur.execute(
                "SELECT EXISTS (SELECT 1 FROM placement WHERE periode = ? AND (versi_audit > ? OR"
                " (versi_impor = ? AND versi_audit = ?)))", [int(period), v_audit, v_impor, v_audit]).fetchone()[0]
            if newer:
                return False
            cur.execute("DELETE FROM placement WHERE versi_audit < ? OR (versi_audit = ? AND versi_impor <> ?)",
                        [v_audit, v_audit, v_impor])
            cur.register("_placed", rows)
            try:
                cur.execute(
                    "INSERT INTO placement SELECT ?, ?, ?, nip::VARCHAR, opd_id::VARCHAR, jenis_jabatan::VARCHAR,"
                    " jenis_asn::VARCHAR, kotak::TINYINT, kotak_awal::TINYINT, status::VARCHAR,"
                    " predikat_efektif::VARCHAR, kinerja_nilai::DOUBLE, potensial_nilai::DOUBLE, jpm::DOUBLE,"
                    " usia::INTEGER, nip::VARCHAR IN (SELECT nip FROM assessment WHERE period = ? AND sumber = 'CACT')"
                    " FROM _placed", [int(period), v_impor, v_audit, int(period)])
            finally:
                cur.unregister("_placed")
        return True

    def placement_counts(self, period: int, version: tuple, filters: Filters = Filters(),
                         scope: Scope = EVERYTHING) -> pd.DataFrame:
        """People per (kotak, status) of the stored placements inside the scope and filters:
        columns kotak (NULL: not placed), status, jumlah."""
        where, params = _where(period, version, filters, scope)
        return self._frame(f"SELECT kotak, status, count(*) AS jumlah FROM placement ap WHERE {where}"
                           " GROUP BY kotak, status ORDER BY kotak NULLS LAST, status", params)

    def placement_headline(self, period: int, version: tuple, filters: Filters = Filters(),
                           scope: Scope = EVERYTHING) -> dict:
        """``Store.headline`` from the stored placements: the ASN of the view are its stored rows and the
        CACT profiled those flagged ``cact``, so no roll is joined; the vacant posts and the quota as
        ``headline`` reads them."""
        where, params = _where(period, version, filters, scope)
        cur = self._cur()
        try:
            asn, cact = cur.execute(f"SELECT count(*), count(*) FILTER (WHERE cact) FROM placement ap WHERE {where}",
                                    params).fetchone()
            vacant = cur.execute(f"SELECT count(*) FROM target_post WHERE lowong AND {in_scope('opd_id')}",
                                 scope.params).fetchone()[0]
        finally:
            cur.close()
        return {"asn": int(asn), "profiled_cact": int(cact), "quota_cact": int(self.setting("kuota_cact") or 0),
                "vacant_posts": int(vacant)}

    def stored_placements(self, period: int, version: tuple, filters: Filters = Filters(),
                          scope: Scope = EVERYTHING, boxes: Sequence[int] | None = None) -> pd.DataFrame:
        """The stored rows (``PLACEMENT_COLUMNS``) inside the scope and filters, only the people in
        ``boxes`` when given, sorted by NIP."""
        where, params = _where(period, version, filters, scope)
        if boxes is not None:
            where += " AND list_contains(?, ap.kotak)"
            params.append([int(b) for b in boxes])
        return self._frame(f"SELECT {', '.join(PLACEMENT_COLUMNS)} FROM placement ap WHERE {where} ORDER BY nip",
                           params)
