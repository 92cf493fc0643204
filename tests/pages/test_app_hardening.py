"""AppTest: privacy hardening of the frame — a name/NIP search is not bound to the URL, and the
damaged-database message before login names no file path."""
from __future__ import annotations

from tests.conftest import app_test

PAGE = "app_pages/sembilan_kotak.py"


def test_search_is_not_bound_to_the_url_but_the_filters_are(real_copy):
    """AppTest does not write bound widgets back into its query params, so the binding is seen from
    the other side: a link carrying ``cari`` fills nothing (the search is not bound), while ``jk``
    (bound, harmless) is taken. The browser side (the URL after a search) is asserted by
    ``tests/browser/actions.search`` in every browser test that searches."""
    at = app_test(real_copy, run=False)
    at.query_params["cari"] = "197501"
    at.query_params["jk"] = "Perempuan"  # a bound widget travels as its label
    at.run()
    at.switch_page(PAGE).run()
    assert not at.exception, at.exception
    assert at.text_input(key="cari").value == ""
    assert at.multiselect(key="jk").value == ["P"]
    at.text_input(key="cari").set_value("197501").run()  # typed: it works in this tab
    assert not at.exception, at.exception
    assert at.text_input(key="cari").value == "197501"  # the search still applies in this tab
