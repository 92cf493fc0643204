"""AppTest: a position history (riwayat jabatan) through the Impor Data page: recognised, checked, and
the page says it replaces that person's rows only, and a second file the rows the first one wrote."""
from __future__ import annotations

import pytest

from data.store import open_store
from tests.conftest import app_test
from tests.import_helpers import xlsx

pytestmark = pytest.mark.slow

HEADER = ["nipBaru", "jabatanNama", "unorIndukNama", "unorNama", "eselon", "jenisJabatan", "tmtJabatan"]


def _upload(at, name: str, rows: list[list]):
    at.file_uploader[0].set_value((name, xlsx([HEADER, *rows]), "application/octet-stream")).run()
    assert not at.exception
    return at


def test_history_file_checked_imported_and_replaced_per_person(real_copy):
    s = open_store(real_copy)
    nip = s._frame("SELECT nip FROM asn_period WHERE period = 2025 AND jenjang_jabatan = 'Administrator'"
                   " ORDER BY nip LIMIT 1")["nip"].iloc[0]
    before = s.position_history_count([nip])      # the demo content's history of that person
    total = s.position_history_count()
    s.close()
    assert 0 < before < total
    rows = [[nip, "Kepala Seksi Kedaruratan", "BPBD", "Bidang Kedaruratan dan Logistik", "IV.a", "Struktural",
             "01-03-2015"],
            [nip, "Kepala Bidang Kedaruratan dan Logistik", "BPBD", "Bidang Kedaruratan dan Logistik", "III.a",
             "Struktural", "01-03-2019"]]
    at = app_test(real_copy, timeout=60)
    at.switch_page("app_pages/impor.py").run()
    _upload(at, "riwayat.xlsx", rows)
    assert any("jenis data: **Riwayat jabatan** (dikenali otomatis)" in i.value for i in at.info)
    assert at.success[0].value == "Berkas siap diimpor: 2 baris data riwayat jabatan."
    # that person's rows only, not everybody's
    assert any(f"menggantikan {before} baris data riwayat jabatan" in w.value for w in at.warning), \
        [w.value for w in at.warning]
    at.button(key="impor_submit").click().run()
    assert not at.exception
    assert at.success[0].value.startswith("Impor #2 selesai: 2 baris data riwayat jabatan.")

    _upload(at, "riwayat-ulang.xlsx", rows[:1])
    assert any("menggantikan 2 baris data riwayat jabatan" in w.value for w in at.warning)
