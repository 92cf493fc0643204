"""One action store for two kinds (data/store/actions.py): development and retention actions are
written to their own table only, audited under their own prefix, and refused in the same words with
their own name. (Each kind's life cycle is tested in tests/analytics/test_development.py and
tests/data/test_cycle_store.py.)"""
from __future__ import annotations

import pytest

from data.store import Scope, StoreError

KINDS = {
    "development": ("development_action", "pengembangan", "tindakan pengembangan", "coaching"),
    "retention": ("retention_action", "retensi", "tindakan retensi", "penghargaan"),
}


def _calls(store, kind: str):
    if kind == "development":
        return store.add_development_action, store.update_development_action, store.development_actions
    return store.add_retention_action, store.update_retention_action, store.retention_actions


@pytest.mark.parametrize("kind", KINDS)
def test_each_kind_writes_only_its_own_table_and_says_its_own_name(real_store, kind):
    table, prefix, noun, jenis = KINDS[kind]
    other = next(v[0] for k, v in KINDS.items() if k != kind)
    add, update, listed = _calls(real_store, kind)
    nip, opd = real_store._frame("SELECT nip, opd_id FROM asn_period WHERE period = 2025 ORDER BY nip LIMIT 1").iloc[0]
    before = {t: real_store._scalar(f"SELECT count(*) FROM {t}") for t in (table, other)}

    new_id = add(2025, nip, jenis, "Rencana uji", "komite", scope=Scope((opd,)))
    update(new_id, "berjalan", "komite")
    assert real_store._scalar(f"SELECT count(*) FROM {table}") == before[table] + 1
    assert real_store._scalar(f"SELECT count(*) FROM {other}") == before[other]      # the other kind is untouched
    row = listed(2025, nips=[nip]).set_index("id").loc[new_id]
    assert (row["jenis"], row["status"], row["nama"]) == (jenis, "berjalan", real_store._scalar(
        "SELECT nama FROM asn WHERE nip = ?", [nip]))
    assert real_store.audit_entries(action=f"{prefix}:")["action"].tolist()[:2] == [f"{prefix}:status",
                                                                                  f"{prefix}:tambah"]

    checksums = real_store.table_checksums()
    with pytest.raises(StoreError, match=f"^Uraian {noun} wajib diisi.$"):
        add(2025, nip, jenis, "  ", "komite")
    with pytest.raises(StoreError, match=f"^Pilih jenis {noun} dari daftar.$"):
        add(2025, nip, "bukan-jenis", "x", "komite")
    with pytest.raises(StoreError, match=f"^{noun.capitalize()} #999999 tidak ada.$"):
        update(999999, "selesai", "komite")
    with pytest.raises(StoreError, match="dalam lingkup Anda"):
        update(new_id, "selesai", "komite", scope=Scope(("TIDAK-ADA",)))
    assert real_store.table_checksums() == checksums                                 # refused writes change nothing
