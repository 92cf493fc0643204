"""Planned actions per person and period: development actions (pengembangan) and retention actions
(retensi) are one shape in two tables, written and read here once, parameterised by :class:`ActionKind`.

Both are plans that follow the period's result: allowed on a finalised period by design (exempt from
the period lock), and an action made after penetapan records it (``setelah_penetapan``).
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import duckdb
import pandas as pd

from analytics.development import ACTION_STATUSES
from data.store.audit import _audit
from data.store.errors import StoreError
from data.store.filters import EVERYTHING, Scope, in_scope
from data.store.periods import PeriodsMixin


@dataclass(frozen=True)
class ActionKind:
    """One kind of planned action: its table, its type table, its audit prefix and its name in messages."""

    table: str
    type_table: str
    audit: str   # audit actions "<audit>:tambah" and "<audit>:status"
    noun: str    # "tindakan pengembangan": the Indonesian name in messages


DEVELOPMENT = ActionKind("development_action", "development_action_type", "pengembangan", "tindakan pengembangan")
RETENTION = ActionKind("retention_action", "retention_action_type", "retensi", "tindakan retensi")


class ActionsMixin(PeriodsMixin):
    def _action_types(self, kind: ActionKind) -> pd.DataFrame:
        return self._frame(f"SELECT * FROM {kind.type_table} ORDER BY urutan")

    def _actions(self, kind: ActionKind, period: int | None, nips: Sequence[str], scope: Scope) -> pd.DataFrame:
        """Actions of ``kind`` (newest first) of people inside the scope in the action's period."""
        where, params = [in_scope("ap.opd_id")], list(scope.params)
        if period is not None:
            where.append("x.period = ?")
            params.append(period)
        if nips:
            where.append("list_contains(?, x.nip)")
            params.append(list(nips))
        return self._frame(
            f"SELECT x.*, a.nama, ap.jabatan, ap.opd_id FROM {kind.table} x"
            " JOIN asn_period ap ON ap.period = x.period AND ap.nip = x.nip JOIN asn a ON a.nip = x.nip"
            f" WHERE {' AND '.join(where)} ORDER BY x.dibuat_pada DESC, x.id DESC", params)

    def _add_action(self, kind: ActionKind, period: int, nip: str, jenis: str, uraian: str, actor: str,
                    target_tanggal=None, scope: Scope = EVERYTHING) -> int:
        """Record a planned action of ``kind``; returns its id. Audited; refused for a person outside the
        scope; on a finalised period marked ``setelah_penetapan``."""
        uraian = (uraian or "").strip()
        if not uraian:
            raise StoreError(f"Uraian {kind.noun} wajib diisi.")
        with self._transaction() as cur:   # exempt from the period lock by design (module docstring)
            self._require_in_scope(cur, period, nip, scope)
            if not cur.execute(f"SELECT count(*) FROM {kind.type_table} WHERE kode = ?", [jenis]).fetchone()[0]:
                raise StoreError(f"Pilih jenis {kind.noun} dari daftar.")
            after = _finalised(cur, period)
            new_id = int(cur.execute(
                f"INSERT INTO {kind.table} (period, nip, jenis, uraian, target_tanggal, dibuat_oleh,"
                " setelah_penetapan) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
                [period, nip, jenis, uraian, target_tanggal, actor, after]).fetchone()[0])
            _audit(cur, actor, f"{kind.audit}:tambah", f"nip:{nip}", {
                "periode": period, "id": new_id, "jenis": jenis, "setelah_penetapan": after,
                "target": None if target_tanggal is None else str(target_tanggal)})
        return new_id

    def _update_action(self, kind: ActionKind, action_id: int, status: str, actor: str,
                       scope: Scope = EVERYTHING) -> None:
        """Change the status of an action of ``kind``. Audited (before/after); allowed on a finalised period."""
        if status not in ACTION_STATUSES:
            raise StoreError(f"Status tidak dikenal: {status}.")
        with self._transaction() as cur:   # exempt from the period lock by design
            row = cur.execute(f"SELECT period, nip, status FROM {kind.table} WHERE id = ?",
                              [int(action_id)]).fetchone()
            if row is None:
                raise StoreError(f"{kind.noun.capitalize()} #{action_id} tidak ada.")
            period, nip, before = row
            self._require_in_scope(cur, period, nip, scope)
            cur.execute(f"UPDATE {kind.table} SET status = ?, diubah_pada = current_timestamp WHERE id = ?",
                        [status, int(action_id)])
            _audit(cur, actor, f"{kind.audit}:status", f"nip:{nip}",
                   {"periode": period, "id": int(action_id), "sebelum": before, "sesudah": status})


def _finalised(cur: duckdb.DuckDBPyConnection, period: int) -> bool:
    row = cur.execute("SELECT status = 'ditetapkan' FROM period WHERE period = ?", [period]).fetchone()
    return bool(row and row[0])
