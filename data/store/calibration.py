"""Calibration: moving people between boxes and time spent discussing them (penetapan: finalisation.py)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import pandas as pd

from data.store.audit import _audit
from data.store.errors import StaleWrite, StoreError
from data.store.filters import EVERYTHING, Scope, in_scope
from data.store.periods import PeriodsMixin


@dataclass(frozen=True)
class CalibrationState:
    """Where the committee last put one person in a period: the version a form hands back to
    :meth:`CalibrationMixin.calibrate` (``expected``) so a move made meanwhile is never overwritten."""
    version: int = 0                # audit id of the person's last move in the period; 0 = never moved
    kotak: int | None = None        # the box that move set (the proposal again when moved back)
    oleh: str | None = None
    pada: datetime | None = None


# The version is the last move's audit entry, not the calibration row: a move back to the proposal
# deletes the row, so a row-based version would read "never moved" again and let a form opened
# before both moves overwrite them (A→B→A); audit ids only grow.
_LAST_MOVE = ("SELECT audit_id, actor, occurred_at, TRY_CAST(json_extract_string(detail, '$.ke') AS INTEGER)"
              " FROM audit_log WHERE action = 'kalibrasi:pindah' AND entity = ?"
              " AND TRY_CAST(json_extract_string(detail, '$.periode') AS INTEGER) = ?"
              " ORDER BY audit_id DESC LIMIT 1")


class CalibrationMixin(PeriodsMixin):
    def calibration_state(self, period: int, nip: str) -> CalibrationState:
        """One person's calibration version in a period (see :class:`CalibrationState`)."""
        cur = self._cur()
        try:
            return self._calibration_state(cur, period, nip)
        finally:
            cur.close()

    @staticmethod
    def _calibration_state(cur, period: int, nip: str) -> CalibrationState:
        row = cur.execute(_LAST_MOVE, [f"nip:{nip}", int(period)]).fetchone()
        return CalibrationState() if row is None else CalibrationState(int(row[0]), row[3], row[1], row[2])

    def calibration_activity(self, period: int) -> tuple:
        """A cheap fingerprint of a period's calibration work (moves, discussions, status): it changes
        whenever anyone saves, so an open screen knows when to redraw."""
        cur = self._cur()
        try:
            return tuple(cur.execute(
                "SELECT (SELECT count(*) FROM calibration WHERE period = $p), (SELECT max(pada) FROM calibration"
                " WHERE period = $p), (SELECT count(*) FROM discussion WHERE period = $p), (SELECT max(pada)"
                " FROM discussion WHERE period = $p), (SELECT status FROM period WHERE period = $p)",
                {"p": int(period)}).fetchone())
        finally:
            cur.close()

    def calibration_reasons(self, active_only: bool = True) -> pd.DataFrame:
        return self._frame("SELECT * FROM calibration_reason WHERE aktif OR NOT ? ORDER BY urutan", [active_only])

    def _of_period(self, table: str, period: int, scope: Scope, order_by: str = "") -> pd.DataFrame:
        """Rows of a per-person table (``calibration``, ``discussion``) for a period, within the scope."""
        return self._frame(
            f"SELECT t.* FROM {table} t JOIN asn_period ap USING (period, nip)"
            f" WHERE t.period = ? AND {in_scope('ap.opd_id')}" + (f" ORDER BY t.{order_by}" if order_by else ""),
            [period, *scope.params])

    def calibrations(self, period: int, scope: Scope = EVERYTHING) -> pd.DataFrame:
        return self._of_period("calibration", period, scope, order_by="pada")

    def calibrate(self, period: int, nip: str, kotak_awal: int, kotak_baru: int, alasan_kode: str,
                  komentar: str, actor: str, scope: Scope = EVERYTHING, expected: int | None = None) -> None:
        """Move a person to another box (or back to the proposal) with a reason. Audited; refused
        once the period is finalised. ``expected``: the :class:`CalibrationState` version the user saw
        (0 = never moved); if someone moved the person since, :class:`StaleWrite` and nothing is
        written. None skips the check (the command line, tests)."""
        komentar = (komentar or "").strip()
        if not komentar:
            raise StoreError("Komentar wajib diisi untuk setiap perubahan kotak.")
        if not (1 <= int(kotak_baru) <= 9 and 1 <= int(kotak_awal) <= 9):
            raise StoreError("Nomor kotak harus 1 sampai 9.")
        with self._transaction(period=period) as cur:
            self._require_in_scope(cur, period, nip, scope)
            if expected is not None and (now := self._calibration_state(cur, period, nip)).version != int(expected):
                raise StaleWrite(now.oleh, now.pada, now.kotak)
            if not cur.execute("SELECT count(*) FROM calibration_reason WHERE kode = ? AND aktif",
                               [alasan_kode]).fetchone()[0]:
                raise StoreError("Pilih alasan perubahan dari daftar.")
            before = cur.execute("SELECT kotak_baru FROM calibration WHERE period = ? AND nip = ?",
                                 [period, nip]).fetchone()
            cur.execute("DELETE FROM calibration WHERE period = ? AND nip = ?", [period, nip])
            if int(kotak_baru) != int(kotak_awal):
                cur.execute("INSERT INTO calibration (period, nip, kotak_awal, kotak_baru, alasan_kode, komentar,"
                            " oleh) VALUES (?, ?, ?, ?, ?, ?, ?)",
                            [period, nip, int(kotak_awal), int(kotak_baru), alasan_kode, komentar, actor])
            _audit(cur, actor, "kalibrasi:pindah", f"nip:{nip}", {
                "periode": period, "dari": before[0] if before else int(kotak_awal), "ke": int(kotak_baru),
                "kotak_awal": int(kotak_awal), "alasan": alasan_kode, "komentar": komentar})

    def discussions(self, period: int, scope: Scope = EVERYTHING) -> pd.DataFrame:
        return self._of_period("discussion", period, scope)

    def record_discussion(self, period: int, nip: str, seconds: int, discussed: bool, actor: str,
                          scope: Scope = EVERYTHING) -> None:
        """Add time spent on a person and set whether they were discussed. Audited."""
        seconds = max(0, int(seconds))
        with self._transaction(period=period) as cur:
            self._require_in_scope(cur, period, nip, scope)
            cur.execute(
                "INSERT INTO discussion (period, nip, dibahas, detik, oleh) VALUES (?, ?, ?, ?, ?)"
                " ON CONFLICT (period, nip) DO UPDATE SET dibahas = excluded.dibahas,"
                " detik = discussion.detik + excluded.detik, oleh = excluded.oleh, pada = now()::TIMESTAMP",
                [period, nip, discussed, seconds, actor])
            _audit(cur, actor, "kalibrasi:dibahas", f"nip:{nip}",
                   {"periode": period, "dibahas": discussed, "detik": seconds})
