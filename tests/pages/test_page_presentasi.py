"""Mode Presentasi and the anonymisation switch (AppTest): slides, role gating, nothing identifying leaks.

"Leaks" is checked on everything the server sends for a page: every element's protobuf (chart
specs with their hover customdata, widget ids and labels, markdown) and every data grid's values.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from data.store import open_store
from tests.conftest import app_test

pytestmark = pytest.mark.slow  # whole-app AppTest runs, 5-30 s each

TIMEOUT = 90
APP = str(Path(__file__).resolve().parents[2] / "app.py")
PRESENTASI = "app_pages/presentasi.py"
MARK = "*"
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


def _title(at: AppTest) -> str:
    return next(m.value for m in at.markdown if m.value.startswith("# "))


def _lead(at: AppTest) -> str:
    return next(m.value[4:] for m in at.markdown if m.value.startswith("### "))


def _notes(at: AppTest) -> list[str]:
    """The slide's notes (one markdown list, or a markdown element each)."""
    return [line[2:] for m in at.markdown if m.value.startswith("- ") for line in m.value.split("\n")]


def test_presentation_mode_walks_every_slide_with_identities_hidden(demo_copy):
    at = _presentation(AppTest.from_file(APP, default_timeout=TIMEOUT))
    switch = at.toggle(key="anonim")
    assert switch.value is True                              # on by default when entering
    titles = []
    while True:
        titles.append(_title(at))
        if len(titles) > 1:  # the first slide is the default, which the URL leaves out
            value = at.query_params["slide"]
            assert (value[0] if isinstance(value, list) else value) == str(len(titles))
        assert leaked(at, demo_copy) == []
        if at.button(key="pres_next").disabled:
            break
        at.button(key="pres_next").click().run()
        assert not at.exception
    assert titles[:5] == ["# Talenta ASN — Periode 2025", "# Sembilan Kotak — Periode 2025",
                          "# Pergerakan Kotak — 2024 ke 2025", "# Cakupan Profiling — Periode 2025",
                          "# Suksesi Jabatan Lowong"]
    # then one slide per vacant post (the demo has 5), each titled with its post, and the talent cycle
    assert len(titles) == 11 and all(x.startswith("# Jabatan lowong: ") for x in titles[5:10])
    assert titles[10] == "# Siklus Talenta — Periode 2025"
    at.button(key="pres_prev").click().run()
    assert _title(at) == titles[-2]


def _goto(at: AppTest, n: int) -> AppTest:
    for _ in range(n - 1):
        at.button(key="pres_next").click().run()
        assert not at.exception
    return at


def test_slides_tell_the_headline_the_movement_and_each_vacant_post(demo_copy):
    at = _presentation(AppTest.from_file(APP, default_timeout=TIMEOUT))
    # 1: the headline sentence, its shares with their bases
    headline = _lead(at)
    assert re.fullmatch(r"[\d.]+ dari [\d.]+ ASN \(\d+%\) sudah ditempatkan di 9-box; [\d.]+ di antaranya "
                        r"\(\d+% dari [\d.]+\) masuk kelompok rencana suksesi\. 5 jabatan target lowong, \d+ di "
                        r"antaranya punya calon siap sekarang\.", headline), headline
    # 3: up / same / down by box rank add up to those placed in both; "into boxes 1–3" only as a note, fully labelled
    _goto(at, 3)
    metric = {m.label: m.value for m in at.metric}
    total = int(metric["Ditempatkan di kedua periode"].replace(".", ""))
    parts = [metric[k] for k in ("Naik peringkat kotak", "Peringkat kotak sama", "Turun peringkat kotak")]
    if MARK not in "".join(parts):
        assert sum(int(v.split(" (")[0].replace(".", "")) for v in parts) == total
    assert not [k for k in metric if k.startswith(("Turun ke", "Masuk kotak", "Naik ≥", "Turun\u00a0"))]
    assert any(n.startswith("Masuk kotak 1–3 dari kotak lebih tinggi: ") for n in _notes(at))
    assert any(n.startswith(f"Naik + sama + turun = {metric['Ditempatkan di kedua periode']} ASN") for n in _notes(at))
    # 5: the vacant posts, those at risk first
    _goto(at, 3)
    order = at.table[0].value["Keadaan"].tolist()
    rank = {"Berisiko": 0, "Calon siap 1–2 tahun": 1, "Ada calon siap": 2}
    assert [rank[x] for x in order] == sorted(rank[x] for x in order) and len(order) == 5
    assert {m.label for m in at.metric} >= {"Jabatan lowong", "Berisiko (tanpa calon siap)"}
    # 6: a vacant post: its first candidates, pseudonymised, with what sets each apart
    _goto(at, 2)
    table = at.table[0].value
    assert 0 < len(table) <= 3
    assert table["Nama"].str.startswith("ASN ").all()
    assert list(table.columns) == ["Peringkat", "Nama", "Jabatan sekarang", "Kesiapan", "JPM (standar 80%)", "Sampai BUP",
                                   "Bidang pendidikan"]
    assert table["JPM (standar 80%)"].str.match(r"^(\d+% · (memenuhi|kurang \d+ poin)|belum diases)$").all()
    assert table["Sampai BUP"].str.match(r"^(\d+ tahun|–)$").all()
    assert any(n.startswith("Jenjang JPT Pratama: standar JPM 80%") for n in _notes(at))
    # what sets one apart, when one is (ranks refer to the table's #)
    for line in (n for n in _notes(at) if n.startswith("Pembeda: ")):
        assert re.fullmatch(r"Pembeda: (JPM tertinggi #[1-3] \(\d+%\)|terlama sebelum BUP #[1-3] \(\d+ tahun\)|"
                            r"satu-satunya yang bidang pendidikannya sesuai #[1-3])( · .+)?\.", line), line
    assert leaked(at, demo_copy) == []



def test_key_figures_slide_matches_beranda(demo_copy):
    """The same tiles and the same headline; a tile's base (under its number on Beranda) follows its label."""
    at = _presentation(AppTest.from_file(APP, default_timeout=TIMEOUT))
    figures = {m.label: m.value for m in at.metric}
    lead = _lead(at)
    at.switch_page("app_pages/beranda.py").run()
    beranda = {f"{m.label}, {m.proto.delta}" if m.proto.delta else m.label: m.value for m in at.metric}
    # the slide leaves out ASN and those placed: its lead sentence says them
    assert {k: v for k, v in beranda.items() if not k.startswith(("Jumlah ASN", "Ditempatkan di 9-box"))} == figures
    assert len(beranda) == 6 and len(figures) == 4
    assert [k for k in figures if re.fullmatch(r"Belum diprofil \(CACT atau AC\), \d+% dari 6\.000 ASN", k)]
    assert f"#### {lead}" in [m.value for m in at.markdown]


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
