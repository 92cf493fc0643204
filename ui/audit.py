"""Audit (the Log Audit page): its entries as an administrator may read them."""
from __future__ import annotations

from datetime import date, datetime, time

import pandas as pd

from common import fmt
from ui import privacy, services

# the action prefixes the filter offers ("" = every action)
ACTIONS = ("", "login", "impor", "impor:batal", "aturan", "lihat", "ekspor", "pengguna", "kalibrasi", "hapus-data",
           "cadangan")


def entries(actor: str | None, action: str | None, since: date | None) -> pd.DataFrame:
    """Entries, newest first, by an actor and an action prefix from a day on; personal data in the
    entity and detail texts hidden while identities are hidden."""
    found = services.store().audit_entries(actor=actor, action=action,
                                           since=datetime.combine(since, time()) if isinstance(since, date) else None)
    shown = privacy.text(found, ["entity", "detail"])
    return shown.assign(**{c: shown[c].astype(object).fillna(fmt.MISSING) for c in ("entity", "detail")})
