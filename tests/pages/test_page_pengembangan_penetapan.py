"""AppTest: Pengembangan records development actions on a finalised period, marked after penetapan."""
from __future__ import annotations

import pytest

from data.store import open_store
from tests.conftest import app_test, widget_token
from tests.pages.test_page_pengembangan import KODE, OPD, TIMEOUT, _drill, _expected_cell, _open

pytestmark = pytest.mark.slow  # whole-app AppTest runs


def test_action_after_penetapan_is_recorded_and_marked(real_copy):
    path = real_copy
    s = open_store(path)
    s.finalise_period(2025, "ketua")
    s.close()
    nip = _expected_cell(path, OPD, KODE)[1]["nip"].iloc[0]
    at = _drill(_open(app_test(path, "komite1", "komite", run=False, timeout=TIMEOUT)))
    at.selectbox(key=f"dev_person_{OPD}_{KODE}").set_value(nip).run()
    assert "Periode sudah ditetapkan: tindakan yang dicatat sekarang ditandai *sesudah penetapan*." in [
        c.value for c in at.caption]
    at.text_area(key=f"dev_uraian_{widget_token(path, nip)}").input("Mentoring sesudah penetapan")
    at.button[[b.label for b in at.button].index("Catat tindakan")].click().run()
    assert not at.exception, at.exception
    assert not at.error
    s = open_store(path)
    try:
        acts = s.development_actions(2025)
    finally:
        s.close()
    mine = acts[acts["dibuat_oleh"] == "komite1"]     # the data's own actions were made before penetapan
    assert mine[["nip", "uraian", "setelah_penetapan"]].values.tolist() == [[nip, "Mentoring sesudah penetapan", True]]
    assert not acts.loc[acts["dibuat_oleh"] != "komite1", "setelah_penetapan"].any()
    # the action lists show the mark (the status change stays offered)
    at.run()
    assert any("setelah_penetapan" in df.value.columns for df in at.dataframe)
    assert [b for b in at.button if b.key == "dev_status_save"]
