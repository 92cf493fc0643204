"""AppTest: the Sembilan Kotak page — drill-down, filters, tray, what-if, profile, catalog.

Every expected number is computed here from the store and the engine (population →
``place``), never through the page's own helpers (``ui.services``, ``analytics.whatif``).
Plotly selections cannot be simulated in AppTest: the box click and box-select are
covered in ``test_browser_sembilan_kotak.py``; here a box is chosen with the segmented
control and a drill-down row through the table's selection state.
"""
from __future__ import annotations

import gc
import re
import shutil
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd
import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from analytics.engine import STATUS_NOT_PROFILED
from data.store import Filters, open_store
from tests.conftest import login_as, placed_people_in

pytestmark = pytest.mark.slow  # whole-app AppTest runs, 4-6 s each

TIMEOUT = 60
APP = str(Path(__file__).resolve().parents[2] / "app.py")
PAGE = "app_pages/sembilan_kotak.py"  # relative to app.py, as switch_page wants
MARKUP_NAME = "<img src=x onerror=alert(1)> **bold**"


# -- data -----------------------------------------------------------------------------
@pytest.fixture(scope="module")
def base_db(demo_db, tmp_path_factory) -> tuple[Path, str]:
    """A demo copy where one DINKES box-9 person (present in both periods) has a markup name."""
    path = tmp_path_factory.mktemp("nk") / "base.duckdb"
    shutil.copy(demo_db, path)
    now = placed_people_in(path, 2025, Filters(opd_ids=("DINKES",)))
    con = duckdb.connect(str(path))
    try:
        both = {r[0] for r in con.execute(
            "SELECT nip FROM asn_period GROUP BY nip HAVING count(DISTINCT period) = 2").fetchall()}
        nip = next(n for n in now.loc[now["kotak"] == 9, "nip"] if n in both)
        con.execute("UPDATE asn SET nama = ?, gelar_depan = NULL, gelar_belakang = NULL WHERE nip = ?",
                    [MARKUP_NAME, nip])
    finally:
        con.close()
    return path, nip


@pytest.fixture
def app_db(base_db, tmp_path, monkeypatch) -> Path:
    path = tmp_path / "app.duckdb"
    shutil.copy(base_db[0], path)
    monkeypatch.setenv("TALENTA_DB", str(path))
    return path


# -- helpers --------------------------------------------------------------------------
def _id_num(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def _open_page(lang: str | None = None, user_db: Path | None = None) -> AppTest:
    """The page as the demo visitor, or (``user_db``) as a logged-in admin of that database."""
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    if user_db is not None:
        login_as(at, user_db)
    at.run()
    if lang:  # by the widget: in a URL the language travels as its label (?lang=English)
        at.sidebar.selectbox(key="lang").set_value(lang).run()
    at.switch_page(PAGE).run()
    assert not at.exception, at.exception
    return at


def _metric(at: AppTest, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


def _box_control(at: AppTest):
    return next(w for w in at.get("segmented_control") if w.key == "kotak")


def _drill(at: AppTest) -> pd.DataFrame:
    """The drill-down table (the first dataframe with a NIP column on the page)."""
    return next(d.value for d in at.dataframe if "nip" in d.value.columns)


def _drill_key(at: AppTest) -> str:
    return next(d.key for d in at.dataframe if "nip" in d.value.columns)


def _headers(at: AppTest) -> list[str]:
    return [m.value for m in at.markdown if m.value.startswith("### ")]


def _unescape(md: str) -> str:
    return re.sub(r"\\(.)", r"\1", md)


def _audit(path: Path, action: str) -> pd.DataFrame:
    s = open_store(path)
    try:
        return s._frame("SELECT * FROM audit_log WHERE action = ? ORDER BY audit_id", [action])
    finally:
        s.close()


def _expected_view(ref: pd.DataFrame, gol=(), jk=(), search: str = "") -> pd.DataFrame:
    keep = np.ones(len(ref), dtype=bool)
    if gol:
        keep &= ref["golongan"].isin(gol).to_numpy()
    if jk:
        keep &= ref["jenis_kelamin"].isin(jk).to_numpy()
    if search:
        q = search.lower()
        keep &= np.array([q in str(n).lower() or str(p).startswith(search)
                          for n, p in zip(ref["nama"], ref["nip"])], dtype=bool)
    return ref[keep]


# -- tests ----------------------------------------------------------------------------
def test_page_renders_and_box_9_lists_exactly_its_people(app_db, base_db):
    at = _open_page()
    assert at.title[0].value == "Sembilan Kotak"
    assert at.info and "Pilih kotak" in at.info[0].value  # nothing chosen yet
    spec = at.get("plotly_chart")[0].proto.spec
    assert all(f"kotak:{k}" in spec for k in range(1, 10))  # the clickable badges

    ref = placed_people_in(app_db, 2025)
    box9 = set(ref.loc[ref["kotak"] == 9, "nip"])
    _box_control(at).set_value(9).run()
    assert not at.exception
    assert f"Kotak 9 · {_id_num(len(box9))} ASN" in [s.value for s in at.subheader]
    table = _drill(at)
    assert set(table["nip"]) == box9 and len(table) == len(box9)
    assert (table["kotak"] == 9).all()

    # with a sidebar OPD filter the same box lists only that OPD's box-9 people
    at.sidebar.multiselect(key="opd").set_value(["DINKES"]).run()
    ref = placed_people_in(app_db, 2025, Filters(opd_ids=("DINKES",)))
    box9 = set(ref.loc[ref["kotak"] == 9, "nip"])
    assert 0 < len(box9)
    assert set(_drill(at)["nip"]) == box9
    # a name with markup is data, shown as typed
    _, nip = base_db
    assert _drill(at).set_index("nip").loc[nip, "nama"] == MARKUP_NAME

    # dots chosen on the chart (kept in session state by the page) replace the box list...
    dots = tuple(ref.loc[ref["kotak"] == 5, "nip"][:3])
    at.session_state["nk_nips"] = dots
    at.run()
    assert "3 ASN terpilih" in [s.value for s in at.subheader]
    assert set(_drill(at)["nip"]) == set(dots)
    # ...until a box is picked by hand again
    _box_control(at).set_value(8).run()
    assert f"Kotak 8 · {_id_num(int((ref['kotak'] == 8).sum()))} ASN" in [s.value for s in at.subheader]


def _check_view(at: AppTest, ref: pd.DataFrame, filters: dict) -> None:
    view = _expected_view(ref, filters.get("gol", ()), filters.get("jk", ()), filters.get("cari", ""))
    assert 0 < len(view) < len(ref), "the filter must narrow, or the test proves nothing"
    unprofiled = int((view["status"] == STATUS_NOT_PROFILED).sum())
    assert _metric(at, "ASN tanpa asesmen") == _id_num(unprofiled)
    placed = view[view["kotak"].notna()]
    busiest = int(placed["kotak"].value_counts().idxmax())
    for box in sorted({9, busiest}):
        _box_control(at).set_value(box).run()
        expected = set(placed.loc[placed["kotak"] == box, "nip"])
        assert f"Kotak {box} · {_id_num(len(expected))} ASN" in [s.value for s in at.subheader]
        if expected:
            assert set(_drill(at)["nip"]) == expected
        else:
            assert _drill(at).empty


@pytest.mark.parametrize("filters", [
    {"gol": ["III/b", "IV/a"]},
    {"jk": ["P"]},
    {"cari": "1975"},          # NIP prefix
    {"cari": "SITI"},          # name substring, any case
    {"gol": ["III/d"], "jk": ["L"], "cari": "a"},
], ids=["golongan", "jk", "nip-prefix", "name", "combined"])
def test_page_filters_narrow_table_and_tray(app_db, filters):
    at = _open_page()
    if "gol" in filters:
        at.multiselect(key="gol").set_value(filters["gol"]).run()
    if "jk" in filters:
        at.multiselect(key="jk").set_value(filters["jk"]).run()
    if "cari" in filters:
        at.text_input(key="cari").set_value(filters["cari"]).run()
    assert not at.exception
    _check_view(at, placed_people_in(app_db, 2025), filters)
    # combined with the sidebar OPD filter
    at.sidebar.multiselect(key="opd").set_value(["DINKES"]).run()
    assert not at.exception
    _check_view(at, placed_people_in(app_db, 2025, Filters(opd_ids=("DINKES",))), filters)


def _open_expander(at: AppTest, key: str) -> AppTest:
    """Open an expander whose content runs only when open (as a click on it does: a rerun)."""
    at.session_state[key] = True
    at.run()
    assert not at.exception, at.exception
    return at


def test_closed_whatif_and_tray_list_compute_nothing_until_opened(app_db):
    """The first draw does no work for what is not visible: the what-if's slider, simulation and table, and
    the tray's list of names, exist only once their expander is opened; the tray's count is there at once."""
    at = _open_page()
    assert not [s for s in at.slider if s.key == "nk_whatif"]
    assert not any("nama" in d.value.columns and "nip" not in d.value.columns for d in at.dataframe)
    assert _metric(at, "ASN tanpa asesmen") != ""
    _open_expander(at, "nk_whatif_open")
    assert [s for s in at.slider if s.key == "nk_whatif"]
    assert _metric(at, "ASN yang berpindah kotak") == "0"
    _open_expander(at, "nk_tray_open")
    assert any("nama" in d.value.columns and "nip" not in d.value.columns for d in at.dataframe)


def test_counts_are_drawn_first_on_the_first_run_only(app_db, monkeypatch):
    """The first run draws the nine boxes with their counts (a figure without dots) before the dots; a
    click's rerun draws only the dots; a page filter in the link skips the counts (they would not be its)."""
    from reports.figures import ninebox as figures

    drawn: list[int] = []
    real = figures.ninebox_scatter

    def spy(points, summary, *a, **k):
        drawn.append(len(points))
        return real(points, summary, *a, **k)

    monkeypatch.setattr(figures, "ninebox_scatter", spy)
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.run()                            # Beranda (its pool figures may place the people: then the dots come at once)
    st.cache_resource.clear()           # the people not placed yet, as after a restart with a deep link
    gc.collect()
    at.switch_page(PAGE).run()
    assert not at.exception, at.exception
    assert len(drawn) == 2 and drawn[0] == 0 and drawn[1] > 0, drawn
    drawn.clear()
    _box_control(at).set_value(9).run()
    assert len(drawn) == 1 and drawn[0] > 0, drawn
    drawn.clear()
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.run()
    at.query_params["jk"] = "P"
    at.switch_page(PAGE).run()
    assert not at.exception and drawn and 0 not in drawn, drawn


def test_demo_visitor_simulates_but_cannot_save(app_db):
    at = _open_expander(_open_page(), "nk_whatif_open")
    at.slider(key="nk_whatif").set_value((60.0, 85.0)).run()
    assert not at.exception and _metric(at, "ASN yang berpindah kotak") != "0"
    assert not [b for b in at.button if b.key == "nk_whatif_save"]
    assert any("Hanya admin" in c.value for c in at.caption)


def test_whatif_slider_moves_people_and_admin_saves_cutoffs(app_db):
    at = _open_expander(_open_page(user_db=app_db), "nk_whatif_open")
    assert _metric(at, "ASN yang berpindah kotak") == "0"
    s = open_store(app_db)
    try:
        rules = s.rules(2025)
        saved = rules.cutoff("potensial")
        before_2024 = s.rules(2024).cutoff("potensial")
    finally:
        s.close()
    assert saved[0] == "nilai"
    audit_before = len(_audit(app_db, "aturan:batas"))

    new_mid, new_hi = 60.0, 85.0
    at.slider(key="nk_whatif").set_value((new_mid, new_hi)).run()
    assert not at.exception

    # expected moves, computed here: re-categorise potential, map through the box table
    ref = placed_people_in(app_db, 2025)
    placed = ref[ref["kotak"].notna()]
    v = placed["potensial_nilai"].to_numpy(dtype=float)
    pot = np.where(v >= new_hi, "tinggi", np.where(v >= new_mid, "menengah", "rendah"))
    box_of = {(b.kategori_kinerja, b.kategori_potensial): int(b.kotak) for b in rules.boxes.itertuples()}
    new_box = np.array([box_of[(k, p)] for k, p in zip(placed["kinerja_kategori"], pot)])
    moved = int((new_box != placed["kotak"].to_numpy(dtype=int)).sum())
    assert moved > 0
    assert _metric(at, "ASN yang berpindah kotak") == _id_num(moved)

    diff = next(d.value for d in at.dataframe if "simulasi" in d.value.columns)
    assert diff["tersimpan"].sum() == diff["simulasi"].sum() == len(placed)
    assert (diff["selisih"] == diff["simulasi"] - diff["tersimpan"]).all()
    assert diff.set_index("kotak")["simulasi"].to_dict() == \
        {k: int((new_box == k).sum()) for k in range(1, 10)}

    at.button(key="nk_whatif_save").click().run()
    assert not at.exception
    s = open_store(app_db)
    try:
        assert s.rules(2025).cutoff("potensial") == ("nilai", new_hi, new_mid)
        assert s.rules(2024).cutoff("potensial") == before_2024  # only that period
    finally:
        s.close()
    rows = _audit(app_db, "aturan:batas")
    assert len(rows) == audit_before + 1
    assert rows.iloc[-1]["entity"] == "periode:2025:potensial" and rows.iloc[-1]["actor"] == "admin"
    # the page now works with the saved cut-offs: nothing moves any more
    at.run()
    assert _metric(at, "ASN yang berpindah kotak") == "0"
    assert "85,0" in " ".join(c.value for c in at.caption)


def test_drilldown_row_opens_the_profile(app_db, base_db):
    _, nip = base_db
    at = _open_page()
    at.sidebar.multiselect(key="opd").set_value(["DINKES"]).run()
    _box_control(at).set_value(9).run()
    table = _drill(at)
    row = table["nip"].tolist().index(nip)
    views_before = len(_audit(app_db, "lihat:profil"))

    at.session_state[_drill_key(at)] = {"selection": {"rows": [row], "columns": [], "cells": []}}
    at.run()
    assert not at.exception

    # identity: the markup name is escaped, so it renders as typed
    header = _headers(at)
    assert len(header) == 1
    assert _unescape(header[0]) == f"### {MARKUP_NAME}"
    assert not re.search(r"(?<!\\)[<>*]", header[0][4:]), "unescaped markup in the profile header"
    assert any(f"NIP {nip}" in c.value for c in at.caption)
    assert _metric(at, "Kotak") == "9"

    # box follow-up of box 9, from the rule table
    s = open_store(app_db)
    try:
        box9 = s.rules(2025).boxes.set_index("kotak").loc[9]
        skj = s.rules(2025).skj_codes()
    finally:
        s.close()
    md = [m.value for m in at.markdown]
    assert any(m.startswith("**Rekomendasi tindak lanjut**") and _unescape(m).endswith(box9["label"]) for m in md)
    follow = next(m for m in md if m.startswith("- "))
    assert [_unescape(x[2:]) for x in follow.splitlines()] == box9["rekomendasi"].split(";")

    frames = [d.value for d in at.dataframe]
    history = next(f for f in frames if "period" in f.columns)
    assert sorted(history["period"]) == [2024, 2025]
    gaps = next(f for f in frames if "selisih" in f.columns and "kompetensi" in f.columns)
    assert len(gaps) == len(skj)
    assert np.allclose(gaps["selisih"], gaps["capaian"] - gaps["standar"])
    pool = next(f for f in frames if "aturan" in f.columns)
    assert list(pool.columns) == ["aturan", "hasil", "alasan"]
    assert pool.iloc[0]["aturan"] == "Kelompok rencana suksesi"

    views = _audit(app_db, "lihat:profil")
    assert len(views) == views_before + 1
    assert views.iloc[-1]["entity"] == f"nip:{nip}"

    # a rerun keeps it closed; another list must not open a profile nobody clicked
    at.run()
    assert _headers(at) == []
    _box_control(at).set_value(8).run()
    assert _headers(at) == []
    at.multiselect(key="jk").set_value(["P"]).run()
    assert _headers(at) == [] and not at.exception


def test_english_catalog(app_db):
    at = _open_page(lang="en")
    assert at.title[0].value == "Nine Boxes"
    ref = placed_people_in(app_db, 2025)
    unprofiled = int((ref["status"] == STATUS_NOT_PROFILED).sum())
    assert _metric(at, "Without assessment") == f"{unprofiled:,}"
    _open_expander(at, "nk_whatif_open")
    assert _metric(at, "People changing box") == "0"
    _box_control(at).set_value(9).run()
    n9 = int((ref["kotak"] == 9).sum())
    assert f"Box 9 · {n9:,} people" in [s.value for s in at.subheader]
    at.session_state[_drill_key(at)] = {"selection": {"rows": [0], "columns": [], "cells": []}}
    at.run()
    assert not at.exception
    assert any(m.value.startswith("**Recommended follow-up**") for m in at.markdown)
    assert any(m.value == "**Talent pool and succession rules**" for m in at.markdown)
    # no catalog key left untranslated anywhere on the page
    texts = [e.value for e in (*at.markdown, *at.subheader, *at.caption, *at.info, *at.title)] + \
        [m.label for m in at.metric] + [w.label for w in at.multiselect] + [w.label for w in at.text_input]
    assert not [x for x in texts if re.search(r"\b(nk|profil|col|grid|sidebar)\.[a-z_]+", str(x))]
