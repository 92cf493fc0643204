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
    found = audit.entries(None, "logout", None, "id")
    assert list(found["action"]) == ["Keluar"]
    assert list(found["entity"]) == ["–"] and list(found["detail"]) == ["–"]


def test_codes_and_json_read_as_words():
    assert audit.action_label("ekspor:laporan", "id") == "Ekspor laporan talenta (Excel)"
    assert audit.action_label("ekspor:laporan", "en") == "Talent report exported (Excel)"
    assert audit.action_label("impor:personnel", "id").startswith("Impor: ")
    assert audit.action_label("ekspor:sesuatu-baru", "id") == "Ekspor: sesuatu baru"     # a new code, by its group
    assert audit.entity_label("nip:198501012010011001", "id") == "NIP 198501012010011001"
    assert audit.entity_label("periode:2025", "en") == "Period 2025"
    assert audit.entity_label("batch:7", "id") == "Impor #7"
    assert audit.entity_label("rule_jpm_band", "id") == "Tabel aturan: jpm band"
    text = audit.detail_text('{"disamarkan": true, "orang": 1152, "filter": ["OPD: Dinas A", "Jenis: JPT"]}', "id")
    assert text == "Identitas disamarkan: Ya · Orang: 1.152 · Saringan: OPD: Dinas A, Jenis: JPT"
    assert "{" not in text and "true" not in text
    assert audit.detail_text(None, "id") == "–"
