"""AppTest: the Pengembangan page — renders on the demo, the OPD × competency selector lists exactly
the analytics' people behind that heatmap cell, an IDP action is recorded (audited), English renders.

Expected values come from the store and analytics/development.py on the same database copy.
"""
from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from analytics import development as dv
from data.store import open_store
from tests.conftest import app_test, widget_token

pytestmark = pytest.mark.slow  # whole-app AppTest runs, 5-11 s each

TIMEOUT = 60
APP = str(Path(__file__).resolve().parents[2] / "app.py")
PAGE = "app_pages/pengembangan.py"
OPD, KODE = "DINKES", "k_pengambilan_keputusan"


def _expected_cell(path: Path, opd: str, kode: str):
    s = open_store(path)
    try:
        pop, rules = s.population(2025), s.rules(2025)
        min_group = int(s.setting("kelompok_minimal"))
        agg = dv.gap_by_group(pop, rules.skj, rules.skj_codes(), "opd_id", min_group)
        people = dv.cell_people(pop, rules.skj, kode, opd, "opd_id", min_group, rules.skj_codes())
    finally:
        s.close()
    return agg.set_index(["kelompok", "kode"]).loc[(opd, kode)], people


def _open(at: AppTest | None = None, lang: str | None = None) -> AppTest:
    if at is None:
        at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.run()
    if lang:
        at.sidebar.selectbox(key="lang").set_value(lang).run()
    at.switch_page(PAGE).run()
    assert not at.exception, at.exception
    return at


def _drill(at: AppTest, opd: str = OPD, kode: str = KODE) -> AppTest:
    at.selectbox(key="dev_opd").set_value(opd).run()
    at.selectbox(key="dev_kode").set_value(kode).run()
    assert not at.exception, at.exception
    return at


def test_renders_for_the_demo_visitor_without_edit_controls(demo_copy):
    at = _open()
    assert at.title[0].value == "Pengembangan Kompetensi · 2025"
    assert [t.label for t in at.tabs][:3] == ["Peta kesenjangan & IDP", "JPM & kebutuhan pelatihan",
                                               "Cakupan profiling"]
    assert "Pilih OPD dan kompetensi" in at.info[0].value
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["CACT 2025 / kuota"].endswith("/ 1.152")
    assert at.get("download_button")                 # synthetic data: the demo visitor may export it
    _drill(at)
    at.selectbox(key=f"dev_person_{OPD}_{KODE}").set_value(at.selectbox(key=f"dev_person_{OPD}_{KODE}").options[0])
    at.run()
    assert not at.exception and not at.get("form")   # no 'kalibrasi' / 'aturan:ubah': nothing to record


def test_selector_drill_lists_exactly_the_analytics_people(demo_copy):
    cell, expected = _expected_cell(demo_copy, OPD, KODE)
    at = _drill(_open())
    heading = next(m.value for m in at.markdown if m.value.startswith("#### "))
    assert heading == (f"#### Dinas Kesehatan · Pengambilan Keputusan: {int(cell['n'])} ASN dinilai, "
                       f"{int(cell['n_di_bawah'])} di bawah standar")
    table = next(d.value for d in at.dataframe if "selisih" in d.value.columns and "standar" in d.value.columns)
    assert len(table) == int(cell["n"]) == len(expected) > 0
    assert table["nip"].tolist() == expected["nip"].tolist()
    assert table["selisih"].tolist() == expected["selisih"].tolist()


def test_idp_action_is_recorded_and_audited(real_copy):
    path = real_copy
    _, expected = _expected_cell(path, OPD, KODE)
    nip = expected["nip"].iloc[0]                       # the worst gap of the cell
    at = _drill(_open(app_test(path, "komite1", "komite", run=False, timeout=TIMEOUT)))
    at.selectbox(key=f"dev_person_{OPD}_{KODE}").set_value(nip).run()
    assert any("Tiga kesenjangan terbesar" in m.value for m in at.markdown)
    assert at.selectbox(key=f"dev_jenis_{widget_token(path, nip)}").value in ("diklat", "coaching")
    at.text_area(key=f"dev_uraian_{widget_token(path, nip)}").input("Pelatihan pengambilan keputusan")
    at.button[[b.label for b in at.button].index("Catat tindakan")].click().run()
    assert not at.exception, at.exception
    s = open_store(path)
    try:
        acts, log = s.development_actions(2025), s.audit_entries(action="pengembangan:")
    finally:
        s.close()
    # the one action recorded here, beside the ones the data already held (made by 'bkpsdm')
    assert acts.loc[acts["dibuat_oleh"] != "bkpsdm", ["nip", "uraian", "status", "dibuat_oleh"]].values.tolist() == [
        [nip, "Pelatihan pengambilan keputusan", "rencana", "komite1"]]
    assert acts.iloc[0]["dibuat_oleh"] == "komite1"      # newest first
    assert log["action"].tolist() == ["pengembangan:tambah"] and log["actor"].tolist() == ["komite1"]
    assert at.get("download_button")                   # komite may export the priority list


def test_english_catalog(demo_copy):
    at = _open(lang="en")
    assert at.title[0].value == "Competency Development · 2025"
    assert [t.label for t in at.tabs][0] == "Gap map & IDP"
