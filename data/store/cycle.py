"""The talent cycle: appointments to target posts (penempatan), retention actions (retensi) and the
reference tables the cycle's analytics read (docs/decisions/0031-talent-cycle.md).

An appointment changes its period's results (the funnel, the indicators): it is refused on a
finalised period through the one guard, ``_transaction(period=...)``. Retention actions are plans that
follow the result, like development actions: allowed after penetapan and marked (both kinds are
written and read by :mod:`data.store.actions`).
"""
from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import pandas as pd

from analytics.readiness import READINESS
from data.store.actions import RETENTION, ActionsMixin
from data.store.audit import _audit
from data.store.errors import StaleWrite, StoreError
from data.store.filters import EVERYTHING, Scope, in_scope

ROUTES = ("talent_pool", "seleksi_terbuka", "lainnya")

# the current holder of each target post: the latest active appointment, else the import's holder
_HOLDERS_SQL = (
    "SELECT t.post_id, coalesce(a.nip, CASE WHEN t.lowong THEN NULL ELSE t.pemangku_nip END) AS pemangku_nip,"
    " a.nip IS NULL AND (t.lowong OR t.pemangku_nip IS NULL) AS lowong, a.id AS appointment_id,"
    " a.dicatat_oleh, a.dicatat_pada"
    " FROM target_post t LEFT JOIN (SELECT * FROM appointment WHERE dibatalkan_pada IS NULL"
    "   QUALIFY row_number() OVER (PARTITION BY post_id ORDER BY tanggal DESC, id DESC) = 1) a USING (post_id)")


class PostFilled(StaleWrite):
    """An appointment to a post whose holder changed since the recorder's screen was read (another
    laptop recorded an appointment meanwhile): nothing was written."""

    def __init__(self, jabatan: str, pemangku: str | None, oleh: str | None, pada):
        self.oleh, self.pada, self.kotak, self.pemangku = oleh, pada, None, pemangku
        when = f" pada {pada:%d-%m-%Y %H.%M}" if pada is not None else ""
        who = f"oleh {oleh}{when}" if oleh else "oleh impor data jabatan target"
        now = f"kini dipangku NIP {pemangku}" if pemangku else "kini tercatat lowong"
        StoreError.__init__(self, f"Jabatan {jabatan} sudah berubah sejak layar Anda dibuka: {now} (dicatat {who}). "
                                  "Muat ulang halaman, periksa keadaan terkini, lalu catat lagi bila masih perlu.")


class CycleMixin(ActionsMixin):
    # -- reference -------------------------------------------------------------------------------------
    def retention_action_types(self) -> pd.DataFrame:
        return self._action_types(RETENTION)

    def cycle_rules(self) -> dict[str, pd.DataFrame]:
        """The reference tables the cycle's analytics read (none holds personal data)."""
        return {"signals": self._frame("SELECT * FROM rule_retention_signal ORDER BY urutan"),
                "exit_reasons": self._frame("SELECT * FROM pool_exit_reason ORDER BY urutan"),
                "retention_types": self.retention_action_types()}

    # -- appointments ----------------------------------------------------------------------------------
    def appointments(self, period: int | None = None, scope: Scope = EVERYTHING,
                     include_undone: bool = False) -> pd.DataFrame:
        """Appointments (newest first) to target posts inside the scope, with the person's name and the
        post's name, level, field and OPD."""
        where, params = [in_scope("t.opd_id")], list(scope.params)
        if period is not None:
            where.append("p.period = ?")
            params.append(int(period))
        if not include_undone:
            where.append("p.dibatalkan_pada IS NULL")
        return self._frame(
            "SELECT p.id, p.period, p.nip, a.nama, p.post_id, t.jabatan AS jabatan_target,"
            " t.jenjang_jabatan AS jenjang_target, t.bidang_tugas, t.opd_id, t.kritikal, p.tanggal, p.nomor_sk,"
            " p.cara, p.kesiapan, p.lowong_sejak, p.pemangku_sebelumnya, p.dicatat_oleh, p.dicatat_pada,"
            " p.dibatalkan_pada, p.dibatalkan_oleh, p.alasan_batal"
            " FROM appointment p JOIN target_post t USING (post_id) LEFT JOIN asn a ON a.nip = p.nip"
            f" WHERE {' AND '.join(where)} ORDER BY p.tanggal DESC, p.id DESC", params)

    def post_holders(self, scope: Scope = EVERYTHING) -> pd.DataFrame:
        """Per target post inside the scope: its holder now (``pemangku_nip``, ``lowong``): the latest
        active appointment wins over the import's holder. What a page shows as "the holder you saw"."""
        return self._frame(f"SELECT h.post_id, h.pemangku_nip, h.lowong, h.appointment_id FROM ({_HOLDERS_SQL}) h"
                           f" JOIN target_post t USING (post_id) WHERE {in_scope('t.opd_id')} ORDER BY h.post_id",
                           scope.params)

    def record_appointment(self, period: int, nip: str, post_id: str, tanggal: date, nomor_sk: str, cara: str,
                           actor: str, *, expected_holder: str | None, kesiapan: str | None = None,
                           lowong_sejak: date | None = None, scope: Scope = EVERYTHING) -> int:
        """Record an appointment to a target post (filled from ``tanggal``); returns its id. Audited.

        Refused on a finalised period (it changes the period's results). ``expected_holder`` is the
        post's holder as the recorder's screen showed it (None: vacant); when the holder has changed
        since (someone recorded an appointment meanwhile), :class:`PostFilled` and nothing is written.
        ``kesiapan`` is the person's readiness for the post at the time, kept as recorded."""
        nomor_sk = (nomor_sk or "").strip()
        if not nomor_sk:
            raise StoreError("Nomor SK pengangkatan wajib diisi.")
        if cara not in ROUTES:
            raise StoreError("Pilih cara pengisian jabatan dari daftar (kelompok talenta, seleksi terbuka, lainnya).")
        if tanggal is None or pd.isna(tanggal):
            raise StoreError("Tanggal pengangkatan (TMT) wajib diisi.")
        kesiapan = _nip_or_none(kesiapan)
        if kesiapan is not None and kesiapan not in READINESS:
            raise StoreError(f"Kesiapan tidak dikenal: {kesiapan}. Pilih salah satu: {', '.join(READINESS)}.")
        with self._transaction(period=period) as cur:
            self._require_in_scope(cur, period, nip, scope)
            post = cur.execute(f"SELECT jabatan FROM target_post t WHERE post_id = ? AND {in_scope('t.opd_id')}",
                               [post_id, *scope.params]).fetchone()
            if post is None:
                raise StoreError(f"Jabatan target {post_id} tidak ada dalam lingkup Anda.")
            holder, _, appointment_id, oleh, pada = cur.execute(
                f"SELECT pemangku_nip, lowong, appointment_id, dicatat_oleh, dicatat_pada FROM ({_HOLDERS_SQL})"
                " WHERE post_id = ?", [post_id]).fetchone()
            if holder != _nip_or_none(expected_holder):
                raise PostFilled(post[0], holder, oleh if appointment_id is not None else None, pada)
            if holder == nip:
                raise StoreError(f"ASN {nip} sudah memangku jabatan {post[0]}.")
            new_id = int(cur.execute(
                "INSERT INTO appointment (period, nip, post_id, tanggal, nomor_sk, cara, kesiapan, lowong_sejak,"
                " pemangku_sebelumnya, dicatat_oleh) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                [period, nip, post_id, tanggal, nomor_sk, cara, kesiapan, lowong_sejak, holder, actor]).fetchone()[0])
            _audit(cur, actor, "penempatan:catat", f"nip:{nip}", {
                "periode": period, "id": new_id, "jabatan": post_id, "tanggal": str(tanggal), "sk": nomor_sk,
                "cara": cara, "kesiapan": kesiapan, "pemangku_sebelumnya": holder})
        return new_id

    def undo_appointment(self, appointment_id: int, reason: str, actor: str, scope: Scope = EVERYTHING) -> None:
        """Cancel a recorded appointment (the row stays, marked). Refused on a finalised period; audited."""
        reason = (reason or "").strip()
        if not reason:
            raise StoreError("Alasan pembatalan penempatan wajib diisi.")
        row = self._frame("SELECT period FROM appointment WHERE id = ?", [int(appointment_id)])
        if row.empty:
            raise StoreError(f"Penempatan #{appointment_id} tidak ada.")
        with self._transaction(period=int(row["period"].iloc[0])) as cur:
            found = cur.execute(
                "SELECT p.nip, p.post_id, p.dibatalkan_pada FROM appointment p JOIN target_post t USING (post_id)"
                f" WHERE p.id = ? AND {in_scope('t.opd_id')}", [int(appointment_id), *scope.params]).fetchone()
            if found is None:
                raise StoreError(f"Penempatan #{appointment_id} tidak ada dalam lingkup Anda.")
            nip, post_id, undone = found
            if undone is not None:
                raise StoreError(f"Penempatan #{appointment_id} sudah dibatalkan.")
            cur.execute("UPDATE appointment SET dibatalkan_pada = current_timestamp, dibatalkan_oleh = ?,"
                        " alasan_batal = ? WHERE id = ?", [actor, reason, int(appointment_id)])
            _audit(cur, actor, "penempatan:batal", f"nip:{nip}",
                   {"periode": int(row["period"].iloc[0]), "id": int(appointment_id), "jabatan": post_id,
                    "alasan": reason})

    # -- retention actions (written and read by data.store.actions, one shape with development actions) -----
    def retention_actions(self, period: int | None = None, nips: Sequence[str] = (),
                          scope: Scope = EVERYTHING) -> pd.DataFrame:
        """Retention actions (newest first) of people inside the scope in the action's period."""
        return self._actions(RETENTION, period, nips, scope)

    def add_retention_action(self, period: int, nip: str, jenis: str, uraian: str, actor: str,
                             target_tanggal=None, scope: Scope = EVERYTHING) -> int:
        """Record a planned retention action; returns its id. Audited; refused for a person outside the
        scope. Allowed on a finalised period (like development actions), marked ``setelah_penetapan``."""
        return self._add_action(RETENTION, period, nip, jenis, uraian, actor, target_tanggal, scope)

    def update_retention_action(self, action_id: int, status: str, actor: str, scope: Scope = EVERYTHING) -> None:
        """Change a retention action's status. Audited (before/after); allowed on a finalised period."""
        self._update_action(RETENTION, action_id, status, actor, scope)


def _nip_or_none(value) -> str | None:
    """A NIP (or a label) as a page read it from a frame: None, NaN and '' all mean none (a vacant post)."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    return str(value).strip() or None
