"""AppTest: the Impor Data page — templates, upload → mapping → check → import, undo."""
from __future__ import annotations

import hashlib
import io
from pathlib import Path

import openpyxl
import pytest
from streamlit.testing.v1 import AppTest

from data.importing.templates import template_xlsx
from data.store import open_store
from tests.conftest import app_test, open_tab
from tests.import_helpers import DATA_TABLES, assert_same, filled_personnel_template, new_nips, snapshot, xlsx

pytestmark = pytest.mark.slow  # whole-app AppTest runs through an import, 5-7 s each

TIMEOUT = 60
APP = str(Path(__file__).resolve().parents[2] / "app.py")


def impor_page(db) -> AppTest:
    at = app_test(db, timeout=TIMEOUT)
    at.switch_page("app_pages/impor.py").run()
    assert not at.exception
    return at


def metric(at, label):
    return next(m.value for m in at.metric if m.label == label)


def test_page_renders_with_templates_and_history(real_copy):
    at = impor_page(real_copy)
    assert at.title[0].value == "Impor Data"
    assert [t.label for t in at.tabs] == ["Unggah berkas", "Templat", "Riwayat & pembatalan"]
    assert len(at.file_uploader) == 1
    # only the open tab is built: the upload tab, then each tab as it is opened
    assert not at.get("download_button") and "Tidak ada impor yang dapat dibatalkan." not in [c.value for c in at.caption]
    open_tab(at, "impor_tab", "Templat")
    labels = [b.proto.label for b in at.get("download_button")]
    assert labels == ["Unduh templat"] * 6      # one per kind, position history included
    assert not at.file_uploader
    open_tab(at, "impor_tab", "Riwayat & pembatalan")
    assert "Tidak ada impor yang dapat dibatalkan." in [c.value for c in at.caption]
    assert not at.get("download_button")
    # the buttons' deferred data is the same function the page calls
    opd = open_store(real_copy)
    names = opd.opd()["nama"].tolist()
    opd.close()
    wb = openpyxl.load_workbook(io.BytesIO(template_xlsx("personnel", {"opd": names})))
    assert wb["Daftar"]["A1"].value in ("Daftar opd", "Daftar jenjang")


def test_upload_check_and_import_then_beranda_counts(real_copy):
    at = impor_page(real_copy)
    nips = new_nips(7)
    at.file_uploader[0].set_value(("pegawai-baru.xlsx", filled_personnel_template(nips), "application/octet-stream")).run()
    assert not at.exception
    assert metric(at, "Baris data") == "7" and metric(at, "Galat") == "0"
    assert at.success[0].value == "Berkas siap diimpor: 7 baris data kepegawaian periode 2025."
    assert any("menggantikan 6.000 baris data kepegawaian periode 2025" in w.value for w in at.warning)
    at.button(key="impor_submit").click().run()
    assert not at.exception
    assert at.success[0].value == ("Impor #2 selesai: 7 baris data kepegawaian periode 2025. Dasbor sudah memakai "
                                   "data baru.")
    at.switch_page("app_pages/beranda.py").run()
    assert not at.exception, at.exception
    assert metric(at, "Jumlah ASN") == "7"
    assert "0 ASN ditempatkan · 7 belum diprofil" in [c.value for c in at.caption][1]


def test_bad_file_shows_messages_and_blocks_the_import(real_copy):
    at = impor_page(real_copy)
    before = snapshot(open_store(real_copy))
    content = xlsx([["NIP", "Nama", "Predikat Kinerja"], [198609262015051001, "Siti", "Baik"]], title=["KINERJA"])
    at.file_uploader[0].set_value(("kinerja.xlsx", content, "application/octet-stream")).run()
    assert not at.exception
    assert metric(at, "Galat") == "1"
    assert at.error[0].value.startswith("1 galat harus diperbaiki sebelum berkas dapat diimpor.")
    assert at.button(key="impor_submit").disabled
    issues = next(d.value for d in at.dataframe if "pesan" in d.value.columns)
    assert issues["pesan"].iloc[0].startswith("NIP '1.98609262015051e+17' tersimpan sebagai angka")
    assert issues["baris"].iloc[0] == "3" and issues["kolom"].iloc[0] == "NIP"
    at.file_uploader[0].set_value(("rusak.xlsx", b"bukan excel", "application/octet-stream")).run()
    assert at.error[0].value.startswith("Berkas 'rusak.xlsx' bukan lembar kerja Excel yang dapat dibaca")
    s = open_store(real_copy)
    after = snapshot(s)
    s.close()
    assert_same(before, after)


def test_mapping_fix_in_the_editor_then_undo(real_copy):
    s = open_store(real_copy)
    before = snapshot(s, DATA_TABLES)
    s.close()
    nips = new_nips(3)
    content = xlsx([["NIP", "Nama", "Instansi Unit", "Nama Jabatan", "Jenjang Jabatan"]]
                   + [[n, "Pegawai", "Dinas Kesehatan", "Analis", "Pelaksana"] for n in nips])
    at = impor_page(real_copy)
    at.selectbox(key="impor_kind").set_value("personnel")
    at.file_uploader[0].set_value(("p.xlsx", content, "application/octet-stream")).run()
    assert at.error[0].value.startswith("1 galat")          # 'Perangkat Daerah' is not mapped yet
    key = f"impor_map_{hashlib.sha256(content).hexdigest()[:16]}_personnel"
    at.session_state[key] = {"edited_rows": {2: {"bidang": "Perangkat Daerah"}}, "added_rows": [], "deleted_rows": []}
    at.run()
    assert not at.exception and metric(at, "Galat") == "0"
    at.button(key="impor_submit").click().run()
    assert at.success[0].value.startswith("Impor #2 selesai: 3 baris")
    s = open_store(real_copy)
    assert s.import_mappings("personnel") == {"instansiunit": "opd"}
    s.close()
    # undo from the history tab
    open_tab(at, "impor_tab", "Riwayat & pembatalan")
    at.checkbox(key="impor_undo_confirm").check().run()
    at.button(key="impor_undo_button").click().run()
    assert not at.exception
    assert at.success[0].value == "Impor #2 dibatalkan; data sebelumnya dipulihkan."
    s = open_store(real_copy)
    assert_same(before, snapshot(s, DATA_TABLES))
    s.close()


def test_catalog_entries_for_the_page_exist_in_both_languages_with_the_same_placeholders():
    import string

    from common.i18n import catalog

    id_, en = catalog("id"), catalog("en")
    keys = [k for k in id_ if k.startswith("impor.") or k in ("nav.impor", "nav.section.admin")]
    assert len(keys) > 60
    for k in keys:
        assert k in en, k
        fields = lambda s: {f for _, f, _, _ in string.Formatter().parse(s) if f}  # noqa: E731
        assert fields(id_[k]) == fields(en[k]), k


def test_first_real_import_on_the_demo_lists_what_it_removes_and_needs_a_confirmation(demo_copy):
    s = open_store(demo_copy)
    demo = s.demo_replacement()
    s.close()
    at = impor_page(demo_copy)
    at.file_uploader[0].set_value(("pegawai.xlsx", filled_personnel_template(new_nips(4)),
                                   "application/octet-stream")).run()
    assert not at.exception and metric(at, "Galat") == "0"
    notice = next(w.value for w in at.warning if "data peragaan" in w.value)
    asn, dev = (f"{demo[k]:,}".replace(",", ".") for k in ("asn", "development_action"))
    assert notice.startswith("**Impor data nyata pertama menghapus seluruh data peragaan (sintetis):** periode "
                             f"2024, 2025; {asn} ASN; {demo['target_post']} jabatan target; {demo['discipline']} "
                             f"hukuman disiplin; 0 kalibrasi dan 0 catatan pembahasan; {dev} tindakan pengembangan.")
    assert not any("menggantikan" in w.value for w in at.warning)       # the demo notice says it all
    assert at.button(key="impor_submit").disabled
    at.checkbox(key="impor_demo_confirm").check().run()
    assert not at.button(key="impor_submit").disabled
    at.button(key="impor_submit").click().run()
    assert not at.exception and at.success[0].value.startswith("Impor #2 selesai: 4 baris")
    s = open_store(demo_copy)
    assert not s.has_synthetic_data() and s.count_rows("asn") == 4
    s.close()


def test_new_opd_is_an_error_until_the_listed_opds_are_confirmed(real_copy):
    content = filled_personnel_template(new_nips(3), opd="Dinas Urusan Baru")
    at = impor_page(real_copy)
    at.file_uploader[0].set_value(("pegawai.xlsx", content, "application/octet-stream")).run()
    assert not at.exception and metric(at, "Galat") == "3"
    assert at.button(key="impor_submit").disabled
    listing = next(m.value for m in at.markdown if "belum ada di basis data" in m.value)
    assert listing == ("**1 perangkat daerah belum ada di basis data**; baris yang memuatnya ditandai galat:\n\n"
                       "- Dinas Urusan Baru")
    # one confirmation per drop (its files' contents)
    key = f"impor_opd_{hashlib.sha256(hashlib.sha256(content).hexdigest().encode()).hexdigest()[:16]}"
    assert at.checkbox(key=key).label == "Tambahkan 1 perangkat daerah baru di atas ke basis data"
    at.checkbox(key=key).check().run()
    assert not at.exception and metric(at, "Galat") == "0"
    at.button(key="impor_submit").click().run()
    assert at.success[0].value.startswith("Impor #2 selesai: 3 baris")
    s = open_store(real_copy)
    assert "Dinas Urusan Baru" in s.opd()["nama"].tolist()
    s.close()


def test_a_mapping_fixed_in_the_editor_prefills_the_corrected_re_upload(real_copy):
    nips = new_nips(3)
    header = ["NIP", "Nama", "Instansi Unit", "Nama Jabatan", "Jenjang Jabatan"]
    first = xlsx([header] + [[n, "Pegawai", "Dinas Kesehatan", "Analis", "Pelaksana"] for n in nips[:2]]
                 + [[nips[2], "Pegawai", "Dinas Kesehatan", "Analis", "Jenjang Salah"]])
    at = impor_page(real_copy)
    at.selectbox(key="impor_kind").set_value("personnel")
    at.file_uploader[0].set_value(("p.xlsx", first, "application/octet-stream")).run()
    key = f"impor_map_{hashlib.sha256(first).hexdigest()[:16]}_personnel"
    at.session_state[key] = {"edited_rows": {2: {"bidang": "Perangkat Daerah"}}, "added_rows": [], "deleted_rows": []}
    at.run()
    assert not at.exception and metric(at, "Galat") == "1"         # the data error remains: no import
    s = open_store(real_copy)
    assert s.import_mappings("personnel") == {"instansiunit": "opd"}
    s.close()
    # the corrected file with the same headers: the mapping is there without touching the editor
    fixed = xlsx([header] + [[n, "Pegawai", "Dinas Kesehatan", "Analis", "Pelaksana"] for n in nips])
    at.file_uploader[0].set_value(("p-perbaikan.xlsx", fixed, "application/octet-stream")).run()
    assert not at.exception and metric(at, "Galat") == "0"
    assert any(c.value.startswith("Pemetaan yang diingat untuk judul kolom ini: Instansi Unit → Perangkat Daerah "
                                  "(admin, ") for c in at.caption)
