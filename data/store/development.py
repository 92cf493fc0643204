"""Development actions per person and period, and the reference tables development reads."""
from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from data.store.audit import _audit
from data.store.errors import StoreError
from data.store.filters import EVERYTHING, Scope, in_scope
from data.store.periods import PeriodsMixin


class DevelopmentMixin(PeriodsMixin):
    def development_action_types(self) -> pd.DataFrame:
        return self._frame("SELECT * FROM development_action_type ORDER BY urutan")

    def development_actions(self, period: int | None = None, nips: Sequence[str] = (),
                            scope: Scope = EVERYTHING) -> pd.DataFrame:
        """Development actions (newest first) of people inside the scope in the action's period."""
        where, params = [in_scope("ap.opd_id")], scope.params
        if period is not None:
            where.append("d.period = ?")
            params.append(period)
        if nips:
            where.append("list_contains(?, d.nip)")
            params.append(list(nips))
        return self._frame(
            "SELECT d.*, a.nama, ap.jabatan, ap.opd_id FROM development_action d"
            " JOIN asn_period ap ON ap.period = d.period AND ap.nip = d.nip JOIN asn a ON a.nip = d.nip"
            f" WHERE {' AND '.join(where)} ORDER BY d.dibuat_pada DESC, d.id DESC", params)

    def add_development_action(self, period: int, nip: str, jenis: str, uraian: str, actor: str,
                               target_tanggal=None, scope: Scope = EVERYTHING) -> int:
        """Record a planned development action; returns its id. Audited; refused for a person outside
        the scope. Allowed on a finalised period by design (the plan follows the result): the action
        then records that it was made after penetapan (``setelah_penetapan``)."""
        uraian = (uraian or "").strip()
        if not uraian:
            raise StoreError("Uraian tindakan pengembangan wajib diisi.")
        with self._transaction() as cur:   # exempt from the period lock by design, see above
            self._require_in_scope(cur, period, nip, scope)
            if not cur.execute("SELECT count(*) FROM development_action_type WHERE kode = ?",
                               [jenis]).fetchone()[0]:
                raise StoreError("Pilih jenis tindakan pengembangan dari daftar.")
            after = cur.execute("SELECT status = 'ditetapkan' FROM period WHERE period = ?", [period]).fetchone()
            new_id = int(cur.execute(
                "INSERT INTO development_action (period, nip, jenis, uraian, target_tanggal, dibuat_oleh,"
                " setelah_penetapan) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
                [period, nip, jenis, uraian, target_tanggal, actor, bool(after and after[0])]).fetchone()[0])
            _audit(cur, actor, "pengembangan:tambah", f"nip:{nip}", {
                "periode": period, "id": new_id, "jenis": jenis, "setelah_penetapan": bool(after and after[0]),
                "target": None if target_tanggal is None else str(target_tanggal)})
        return new_id

    def update_development_action(self, action_id: int, status: str, actor: str, scope: Scope = EVERYTHING) -> None:
        """Change an action's status. Audited (before/after); allowed on a finalised period (see
        :meth:`add_development_action`)."""
        if status not in ("rencana", "berjalan", "selesai", "batal"):
            raise StoreError(f"Status tidak dikenal: {status}.")
        with self._transaction() as cur:   # exempt from the period lock by design
            row = cur.execute("SELECT period, nip, status FROM development_action WHERE id = ?",
                              [int(action_id)]).fetchone()
            if row is None:
                raise StoreError(f"Tindakan pengembangan #{action_id} tidak ada.")
            period, nip, before = row
            self._require_in_scope(cur, period, nip, scope)
            cur.execute("UPDATE development_action SET status = ?, diubah_pada = current_timestamp WHERE id = ?",
                        [status, int(action_id)])
            _audit(cur, actor, "pengembangan:status", f"nip:{nip}",
                   {"periode": period, "id": int(action_id), "sebelum": before, "sesudah": status})

    def development_rules(self) -> dict[str, pd.DataFrame]:
        """Reference tables the development analytics read (none holds personal data)."""
        return {"job_level": self._frame("SELECT * FROM job_level ORDER BY urutan DESC"),
                "retirement": self._frame("SELECT * FROM rule_retirement"),
                "eligibility": self._frame("SELECT * FROM rule_eligibility")}
