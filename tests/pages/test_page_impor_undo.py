"""AppTest: Impor Data → Riwayat & pembatalan respects the period lock and undo dependencies."""
from __future__ import annotations

import pytest

from data.importing import pipeline
from data.store import open_store
from tests.conftest import app_test, open_tab
from tests.import_helpers import PERSONNEL_HEADER, csv_bytes, new_nips, personnel_rows, xlsx

pytestmark = pytest.mark.slow  # whole-app AppTest runs

TIMEOUT = 60


def imported(path, *steps) -> list[int]:
    """Run imports ``(content, name, kwargs)`` on the database at ``path``; their batch ids."""
    s = open_store(path)
    try:
        ids = []
        for content, name, kw in steps:
            result = pipeline.run(s, content, name, actor="uji", **kw)
            assert result.batch_id is not None, result.outcome.messages()
            ids.append(result.batch_id)
        return ids
    finally:
        s.close()


def perf(nips):
    return xlsx([["NIP", "Nama", "Predikat Kinerja", "Nilai SKP"]] + [[n, "x", "Baik", None] for n in nips])


def impor_page(db):
    """Impor Data, its history tab open."""
    at = app_test(db, timeout=TIMEOUT)
    at.switch_page("app_pages/impor.py").run()
    open_tab(at, "impor_tab", "Riwayat & pembatalan")
    assert not at.exception
    return at


def test_undo_is_not_offered_for_a_locked_period(real_copy):
    s = open_store(real_copy)
    nips = s._frame("SELECT nip FROM asn_period WHERE period = 2025 LIMIT 3")["nip"].tolist()
    s.close()
    (batch,) = imported(real_copy, (perf(nips), "k.xlsx", {"period": 2025}))
    s = open_store(real_copy)
    s.finalise_period(2025, "ketua")
    s.close()
    at = impor_page(real_copy)
    assert [i.value for i in at.info] == [
        f"Tidak dapat dibatalkan karena periodenya sudah ditetapkan: #{batch} · Kinerja (SKP) · 2025. Admin dapat "
        "membuka kembali penetapan periode itu di halaman Kalibrasi."]
    assert not [w for w in at.selectbox if w.key == "impor_undo_pick"]
    assert not [b for b in at.button if b.key == "impor_undo_button"]


def test_personnel_undo_with_dependents_needs_an_explicit_confirmation(real_copy):
    nips = new_nips(3)
    p, k = imported(real_copy, (csv_bytes([PERSONNEL_HEADER] + personnel_rows(nips)), "p.csv", {"period": 2026}),
                    (perf(nips), "k.xlsx", {"period": 2026}))
    at = impor_page(real_copy)
    at.selectbox(key="impor_undo_pick").set_value(p).run()
    assert at.warning[0].value.startswith(
        f"Impor sesudahnya pada periode yang sama memakai data pegawai impor ini: #{k} · Kinerja (SKP) · 2026.")
    at.checkbox(key="impor_undo_confirm").check().run()
    assert at.button(key="impor_undo_button").disabled            # the dependents are not confirmed yet
    at.checkbox(key="impor_undo_together").check().run()
    assert not at.button(key="impor_undo_button").disabled
    at.button(key="impor_undo_button").click().run()
    assert not at.exception
    assert at.success[0].value == f"Impor #{p} dibatalkan bersama impor #{k}; data sebelumnya dipulihkan."
    s = open_store(real_copy)
    try:
        assert s.count_rows("asn_period", 2026) == s.count_rows("performance", 2026) == 0
        assert s.import_history().set_index("batch_id").loc[[p, k], "undone_at"].notna().all()
    finally:
        s.close()


def test_a_performance_import_alone_has_no_dependents_warning(real_copy):
    s = open_store(real_copy)
    nips = s._frame("SELECT nip FROM asn_period WHERE period = 2025 LIMIT 2")["nip"].tolist()
    s.close()
    imported(real_copy, (perf(nips), "k.xlsx", {"period": 2025}))
    at = impor_page(real_copy)
    assert not at.warning and not at.info
    assert not [c for c in at.checkbox if c.key == "impor_undo_together"]
