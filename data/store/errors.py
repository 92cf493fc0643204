"""The data layer's errors: their messages (Indonesian) can be shown to a user as they are."""
from __future__ import annotations


class StoreError(RuntimeError):
    """An error whose message (Indonesian) can be shown to a user as is."""


class DatabaseLocked(StoreError):
    """Another process (usually the running dashboard) holds the database file."""


class DatabaseDamaged(StoreError):
    """The database file (or its WAL) is damaged. The message names the files (for the command line
    and the server log); the web page shows a message without paths."""


class PeriodLocked(StoreError):
    """A write to a period that is finalised (ditetapkan); an admin can reopen the period."""

    def __init__(self, period: int):
        self.period = int(period)
        super().__init__(f"Periode {self.period} sudah ditetapkan; datanya tidak dapat diubah. Admin dapat "
                         "membuka kembali penetapan periode ini di halaman Kalibrasi (dengan alasan).")


class StaleWrite(StoreError):
    """A write based on a state someone else has changed since it was read (optimistic concurrency):
    nothing was written. ``oleh``, ``pada`` and ``kotak`` describe the change that came first, so the
    page can say who, when and what in the user's language."""

    def __init__(self, oleh: str | None, pada, kotak: int | None):
        self.oleh, self.pada, self.kotak = oleh, pada, kotak
        when = f" pada {pada:%d-%m-%Y %H.%M}" if pada is not None else ""
        super().__init__(f"Orang ini sudah diubah oleh {oleh or 'pengguna lain'}{when} ke kotak {kotak}. "
                         "Periksa keadaan terkini, lalu simpan lagi bila masih perlu.")
