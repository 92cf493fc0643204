"""The data layer's errors: their messages (Indonesian) can be shown to a user as they are."""
from __future__ import annotations


class StoreError(RuntimeError):
    """An error whose message (Indonesian) can be shown to a user as is."""


class DatabaseLocked(StoreError):
    """Another process (usually the running dashboard) holds the database file."""


class PeriodLocked(StoreError):
    """A write to a period that is finalised (ditetapkan); an admin can reopen the period."""

    def __init__(self, period: int):
        self.period = int(period)
        super().__init__(f"Periode {self.period} sudah ditetapkan; datanya tidak dapat diubah. Admin dapat "
                         "membuka kembali penetapan periode ini di halaman Kalibrasi (dengan alasan).")
