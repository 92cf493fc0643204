"""The audit log as the Log Audit page reads it."""
from __future__ import annotations

from data.store import open_store
from ui import audit


def test_an_entry_without_entity_or_detail_reads_as_a_dash_never_none(real_copy):
    store = open_store(real_copy)
    try:
        store.audit("admin", "logout")
    finally:
        store.close()
    found = audit.entries(None, "logout", None)
    assert list(found["action"]) == ["logout"]
    assert list(found["entity"]) == ["–"] and list(found["detail"]) == ["–"]
