"""AppTest: the Impor Data preview and history and the Log Audit read as a person reads — headers from
the label catalog (no ``opd_id``), no ``None``/``nan``, no "00:00:00" on a date, actions and details
in words (no codes, no JSON), in Indonesian and in English."""
from __future__ import annotations

import json
import re

import pandas as pd
import pytest

from common.i18n import t
from data.store import open_store
from tests.conftest import app_test, open_tab, placed_people
from tests.import_helpers import filled_personnel_template, new_nips

pytestmark = pytest.mark.slow   # whole-app AppTest runs with an upload, 5-10 s each

IDENTIFIER = re.compile(r"^[a-z][a-z0-9]*(_[a-z0-9]+)+$")
CODE = re.compile(r"\b[a-z]+(?:[:_][a-z0-9\-]+)+\b|\b[A-Z]+_[A-Z_]+\b")      # kalibrasi:pindah, BUKTI_POTENSI
MISSING = re.compile(r"(?<![\w])(nan|NaN|None|NaT|null|true|false)(?![\w])")


def _headers(element) -> list[str]:
    """The headers the grid shows: a column's configured label, else its name."""
    config = json.loads(element.proto.columns or "{}")
    return [str(config.get(str(c), {}).get("label") or c) for c in element.value.columns]


def _assert_readable(element, where: str) -> None:
    headers = _headers(element)
    assert not [h for h in headers if IDENTIFIER.fullmatch(h) or h in ("None", "nan")], (where, headers)
    frame: pd.DataFrame = element.value
    for col in frame.columns:
        if frame[col].dtype != object:
            continue
        texts = frame[col].dropna().astype(str)
        assert not texts.str.contains(MISSING).any(), (where, col, texts[texts.str.contains(MISSING)].head(3).tolist())
        assert not texts.str.contains(r"\d 00:00(:00)?\b").any(), (where, col, texts.head(3).tolist())


@pytest.mark.parametrize("lang", ["id", "en"])
def test_import_preview_and_history_read_as_words(real_copy, lang):
    at = app_test(real_copy, run=False)
    at.session_state["lang"] = lang
    at.switch_page("app_pages/impor.py")
    at.run()
    assert not at.exception
    at.file_uploader[0].set_value(("pegawai.xlsx", filled_personnel_template(new_nips(4)),
                                   "application/octet-stream")).run()
    assert not at.exception
    preview = next(d for d in at.dataframe if "NIP" in _headers(d) and len(d.value) == 4)
    _assert_readable(preview, "preview")
    headers = _headers(preview)
    assert "opd_id" not in headers and "NIP" in headers
    assert ("Nama" if lang == "id" else "Name") in headers
    dates = [c for c in preview.value.columns if preview.value[c].astype(str).str.contains(r"\d{4}-\d{2}-\d{2}").any()]
    assert dates == []                                # dates as "1 Maret 2019", never ISO with a time
    at.button(key="impor_submit").click().run()
    assert not at.exception
    open_tab(at, "impor_tab", t("impor.tab_history", lang=lang))
    history = next(d for d in at.dataframe if len(d.value) and d.value.iloc[:, 0].astype(str).str.startswith("#").all())
    _assert_readable(history, "history")
    frame = history.value
    assert frame.iloc[0, 0] == "#2" and (frame.iloc[:, 3] == "–").any() or frame.iloc[:, 3].str.fullmatch(r"\d{4}").all()
    assert not frame.astype(str).apply(lambda c: c.str.fullmatch("None")).any().any()


@pytest.mark.parametrize("lang", ["id", "en"])
def test_audit_log_reads_as_words(demo_copy, lang):
    s = open_store(demo_copy)
    try:
        nip = placed_people(s, 2025).query("kotak == 5")["nip"].iloc[0]
        s.calibrate(2025, nip, 5, 8, "BUKTI_POTENSI", "uji log", "admin")
        s.audit("admin", "ekspor:laporan", "periode:2025", {"disamarkan": True, "orang": 1152, "filter": ["Semua"]})
        s.audit("admin", "logout")
    finally:
        s.close()
    at = app_test(demo_copy, run=False)
    at.session_state["lang"] = lang
    at.switch_page("app_pages/audit.py")
    at.run()
    assert not at.exception
    grid = at.dataframe[0]
    _assert_readable(grid, "audit")
    frame = grid.value
    for col in ("action", "entity", "detail"):
        texts = frame[col].astype(str)
        assert not texts.str.contains(r"[{}\[\]\"]").any(), (col, texts.head(3).tolist())      # no JSON
        assert not texts.str.contains(CODE).any(), (col, texts[texts.str.contains(CODE)].head(3).tolist())
    moved = frame[frame["entity"].str.contains(nip)].iloc[0]
    if lang == "id":
        assert moved["action"] == "Kalibrasi: ASN dipindah kotak"
        assert "Periode: 2025" in moved["detail"] and "Alasan: " in moved["detail"]
        assert "Identitas disamarkan: Ya" in frame["detail"].str.cat(sep="\n")
    else:
        assert moved["action"] == "Calibration: person moved to another box"
        assert "Period: 2025" in moved["detail"]
    assert "BUKTI_POTENSI" not in moved["detail"]
