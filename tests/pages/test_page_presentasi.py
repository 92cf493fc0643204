"""Mode Presentasi and the anonymisation switch (AppTest): slides, role gating, nothing identifying leaks.

"Leaks" is checked on everything the server sends for a page: every element's protobuf (chart
specs with their hover customdata, widget ids and labels, markdown) and every data grid's values.
"""
from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from data.store import open_store
from tests.conftest import app_test

pytestmark = pytest.mark.slow  # whole-app AppTest runs, 5-30 s each

TIMEOUT = 90
APP = str(Path(__file__).resolve().parents[2] / "app.py")
PRESENTASI = "app_pages/presentasi.py"
SEMBILAN = "app_pages/sembilan_kotak.py"


def identities(path: Path, period: int = 2025) -> tuple[set[str], set[str]]:
    """Every full name (with titles) and NIP of the period: what must never be sent when anonymised."""
    s = open_store(path)
    try:
        pop = s.population(period)
    finally:
        s.close()
    names = {n for n in pop["nama"] if len(n) >= 8}  # short names could be part of ordinary words
    return names, set(pop["nip"])


def sent(at: AppTest) -> str:
    """Everything the page sent: element protobufs plus the values of every data grid and table."""
    out: list[str] = []

    def walk(node) -> None:
        if getattr(node, "proto", None) is not None:
            out.append(str(node.proto))
        children = getattr(node, "children", None)
        for child in (children.values() if isinstance(children, dict) else children or []):
            walk(child)

    walk(at._tree)
    out += [d.value.to_string() for d in at.dataframe] + [tb.value.to_string() for tb in at.table]
    return "\n".join(out)


def leaked(at: AppTest, path: Path) -> list[str]:
    names, nips = identities(path)
    text = sent(at)
    return sorted(x for x in names | nips if x in text)


def _presentation(at: AppTest) -> AppTest:
    at.run()
    at.switch_page(PRESENTASI).run()
    assert not at.exception
    return at


def test_presentation_mode_walks_five_slides_with_identities_hidden(demo_copy):
    at = _presentation(AppTest.from_file(APP, default_timeout=TIMEOUT))
    switch = at.toggle(key="anonim")
    assert switch.value is True                              # on by default when entering
    titles = []
    for i in range(5):
        titles.append(next(m.value for m in at.markdown if m.value.startswith("# ")))
        if i:  # the first slide is the default, which the URL leaves out
            value = at.query_params["slide"]
            assert (value[0] if isinstance(value, list) else value) == str(i + 1)
        assert leaked(at, demo_copy) == []
        if i < 4:
            at.button(key="pres_next").click().run()
            assert not at.exception
    assert titles == ["# Talenta ASN — Periode 2025", "# Sembilan Kotak — Periode 2025",
                      "# Pergerakan Kotak — 2024 ke 2025", "# Cakupan Profiling — Periode 2025",
                      "# Suksesi Jabatan Lowong"]
    assert at.button(key="pres_next").disabled
    at.button(key="pres_prev").click().run()
    assert next(m.value for m in at.markdown if m.value.startswith("# ")) == titles[3]


def test_key_figures_slide_matches_beranda(demo_copy):
    at = _presentation(AppTest.from_file(APP, default_timeout=TIMEOUT))
    figures = {m.label: m.value for m in at.metric}
    at.switch_page("app_pages/beranda.py").run()
    assert {m.label: m.value for m in at.metric} == figures


def test_the_switch_hides_names_and_nips_on_the_nine_box_including_hover_data(demo_copy):
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.query_params["kotak"] = "9"
    at.run()
    at.switch_page(SEMBILAN).run()
    assert leaked(at, demo_copy)                                # off: the drill-down lists real_copy people
    at.toggle(key="anonim").set_value(True).run()
    assert not at.exception
    assert leaked(at, demo_copy) == []
    table = at.dataframe[0].value
    assert table["nama"].str.startswith("ASN ").all() and table["nip"].str.startswith("•").all()


def test_a_role_without_identitas_cannot_turn_the_switch_off(real_copy):
    at = app_test(real_copy, "layar", "tamu", run=False, timeout=TIMEOUT)
    at.query_params["kotak"] = "9"
    at.run()
    at.switch_page(SEMBILAN).run()
    assert not at.exception
    locked = at.toggle(key="anonim_terkunci")
    assert locked.value is True and locked.disabled
    assert leaked(at, real_copy) == []
    at.switch_page(PRESENTASI).run()
    assert not at.exception and leaked(at, real_copy) == []


def test_an_allowed_role_may_turn_it_off_in_presentation_mode(real_copy):
    at = _presentation(app_test(real_copy, "ketua1", "ketua", run=False, timeout=TIMEOUT))
    assert at.toggle(key="anonim").value is True
    at.toggle(key="anonim").set_value(False).run()
    assert not at.exception
    assert any("identitas ditampilkan" in c.value for c in at.caption)


def test_presentation_has_no_sidebar_or_toolbar(demo_copy):
    at = _presentation(AppTest.from_file(APP, default_timeout=TIMEOUT))
    styles = [h.proto.body for h in at.get("html")]
    assert any('[data-testid="stSidebar"]' in s and "display: none" in s for s in styles)


def test_a_profile_opened_from_a_pseudonymised_dot_shows_the_person_without_identity(demo_copy):
    names, nips = identities(demo_copy)
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.query_params["kotak"] = "9"
    at.query_params["anonim"] = "true"
    at.run()
    at.switch_page(SEMBILAN).run()
    table = at.dataframe[0].value
    masked, pseudonym = table["nip"].iloc[0], table["nama"].iloc[0]
    assert masked.startswith("•") and pseudonym.startswith("ASN ")
    at.session_state["nk_open_profile"] = masked          # what a click on that dot sets
    at.run()
    assert not at.exception
    assert any(m.value == f"### {pseudonym}".replace("-", "\\-") for m in at.markdown)
    assert any(f"NIP {masked}" in c.value for c in at.caption)
    assert leaked(at, demo_copy) == []
