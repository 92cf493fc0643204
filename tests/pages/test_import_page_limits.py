"""AppTest: the Impor Data page refuses hostile and oversized files in Indonesian and keeps running
(the workbook is parsed in a child process; this test process is the server)."""
from __future__ import annotations

import psutil
import pytest

from tests.conftest import app_test
from tests.data.test_read_limits import MSG_DIED, SPARSE_UNDECLARED, formula_book

pytestmark = pytest.mark.slow

TIMEOUT = 60


def impor_page(db):
    at = app_test(db, timeout=TIMEOUT)
    at.switch_page("app_pages/impor.py").run()
    assert not at.exception
    return at


def test_hostile_workbooks_are_refused_and_the_page_stays_up(real_copy):
    at = impor_page(real_copy)
    assert "Paling besar 50 MB" in at.file_uploader[0].help
    before = psutil.Process().memory_info().rss
    at.file_uploader[0].set_value(("jarang.xlsx", SPARSE_UNDECLARED, "application/octet-stream")).run()
    assert not at.exception
    assert [e.value for e in at.error] == [MSG_DIED]
    assert psutil.Process().memory_info().rss - before < 300 << 20
    at.file_uploader[0].set_value(("rumus.xlsx", formula_book(cached=False), "application/octet-stream")).run()
    assert [e.value for e in at.error] == [
        "Sel B3 pada lembar 'Data' berkas 'rumus.xlsx' berisi rumus tanpa nilai tersimpan: buka berkas di Excel, "
        "simpan ulang, lalu unggah lagi."]


def test_a_file_above_the_upload_limit_is_refused_in_indonesian(real_copy):
    at = impor_page(real_copy)
    big = (b"NIP;Nama\r\n" + b"198609262015051001;Siti Aminah\r\n" * (2 << 20))[:60 << 20]     # 60 MB
    at.file_uploader[0].set_value(("besar.csv", big, "text/csv")).run()
    assert not at.exception
    assert [e.value for e in at.error] == [
        "Berkas 'besar.csv' berukuran 60 MB, di atas batas unggah 50 MB: impor berkas sebesar itu lewat perintah "
        "python -m data import di server, atau bagi berkasnya."]
