"""The export menu's PDF size: A4 landscape unless the user picks the screen page, on the page's own
figure (Sembilan Kotak). The PDF is the one behind the button (its deferred builder, as a click runs it)."""
from __future__ import annotations

import io
from pathlib import Path

import pytest
from pypdf import PdfReader

from common.i18n import t
from tests.conftest import app_test
from tests.pages.test_exports_scan import _capture

pytestmark = pytest.mark.slow   # a whole-app run and two PDF renders

ROOT = Path(__file__).resolve().parents[2]


def _page_size(data: bytes) -> tuple[int, int]:
    box = PdfReader(io.BytesIO(data)).pages[0].mediabox
    return round(float(box.width)), round(float(box.height))


def test_pdf_is_a4_landscape_unless_the_screen_page_is_chosen(demo_copy, monkeypatch):
    captured = _capture(monkeypatch)
    at = app_test(demo_copy, None, run=False)
    at.session_state["nk_exp_open"] = True   # the export menu is built only when opened
    at.run()
    at.switch_page(str(ROOT / "app_pages" / "sembilan_kotak.py"))
    at.run()
    assert not at.exception
    choice = next(r for r in at.radio if r.label == t("file.pdf_page"))
    assert choice.value == "a4"
    assert choice.options == [t("file.pdf_page.a4"), t("file.pdf_page.layar")]
    assert _page_size(captured["nk_exp_pdf"][1]()) == (842, 595)

    choice.set_value("layar")
    at.run()
    assert not at.exception
    assert _page_size(captured["nk_exp_pdf"][1]()) == (1200, 750)
