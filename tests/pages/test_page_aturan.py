"""Aturan & sumber (AppTest): an admin sees every rule table with its sources and marks under human
headers; no other role can open it, and one who follows a link to it gets the Indonesian page saying so."""
from __future__ import annotations

import re

import pytest

from data.store import open_store
from data.store.rules import HIDDEN_VALUE
from tests.conftest import app_test
from tests.pages.test_leadership_text import sent
from ui.rules import sections, table_title

PAGE = "app_pages/aturan.py"
SNAKE = re.compile(r"^[a-z]+(_[a-z]+)+$")


def _rules(db):
    s = open_store(db)
    try:
        return {name: s.rule_table(name) for name in s.rule_tables()}, s.setting("kunci_samaran")
    finally:
        s.close()


def test_admin_sees_every_rule_table_with_its_sources(real_copy):
    tables, secret = _rules(real_copy)
    assert {"rule_box", "rule_cutoff", "rule_jpm_band", "rule_distribution", "rule_eligibility",
            "rule_retirement", "setting"} <= set(tables)
    at = app_test(real_copy)
    at.switch_page(PAGE).run()
    assert not at.exception
    assert at.title[0].value == "Aturan & sumber"
    assert "(V)" in at.caption[0].value and "(R)" in at.caption[0].value   # the intro says what marks mean
    labels = [e.label for e in at.expander]
    order = [name for _, names in sections(list(tables)) for name in names]
    assert len(at.table) == len(order) == len(tables)
    grids = {f"aturan_{name}": d.value for name, d in zip(order, at.table, strict=True)}
    for name, rows in tables.items():
        assert any(label.startswith(table_title(name)) for label in labels), name
        shown = grids[f"aturan_{name}"]
        assert len(shown) == len(rows), name
        assert not [c for c in shown.columns if SNAKE.match(c) or c in ("None", "nan")], name
        if "sumber" in rows:   # each row's source as stored, and its marks beside it
            assert shown["Sumber"].tolist() == rows["sumber"].fillna("–").tolist(), name
            assert "Tanda" in shown.columns
    # the marks of a known row, and a source note that no leader sees elsewhere
    cut = grids["aturan_rule_cutoff"]
    assert "C" in set(cut.loc[cut["Sumbu"] == "potensial", "Tanda"])
    assert "Kota Manado" in " ".join(cut["Sumber"])
    eligibility = grids["aturan_rule_eligibility"]
    assert "Semarang" in " ".join(eligibility["Sumber"])
    assert "Semua (*)" in set(eligibility["Jenjang sasaran"]) and "*" not in set(eligibility["Jenjang sasaran"])
    # a secret setting is listed without its value
    settings = grids["aturan_setting"]
    assert settings.loc[settings["Pengaturan"] == "kunci samaran", "Isi"].tolist() == [HIDDEN_VALUE]
    assert secret not in sent(at)


def test_a_new_rule_table_shows_up_without_a_code_change(real_copy):
    s = open_store(real_copy)
    try:
        s._con.execute("CREATE TABLE rule_sanksi_uji (jenis_hukdis VARCHAR, masa_tahun INTEGER, sumber VARCHAR)")
        s._con.execute("INSERT INTO rule_sanksi_uji VALUES ('sedang', 2, 'PP 94/2021 (V)')")
    finally:
        s.close()
    at = app_test(real_copy)
    at.switch_page(PAGE).run()
    assert not at.exception
    assert any(e.label.startswith("Sanksi uji") for e in at.expander)
    grid = at.table[-1].value   # under "Aturan lainnya", the last section
    assert grid.columns.tolist() == ["Jenis hukdis", "Masa tahun", "Tanda", "Sumber"]
    assert grid.iloc[0].tolist() == ["sedang", "2", "V", "PP 94/2021 (V)"]


@pytest.mark.parametrize("role", ["ketua", "komite", "pimpinan", "tamu", "operator"])
def test_other_roles_cannot_open_it(real_copy, role):
    at = app_test(real_copy, f"{role}1", role, "DINKES" if role == "operator" else None)
    assert not at.exception
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page(PAGE)   # not in this role's navigation


def test_a_link_to_it_for_someone_else_says_unavailable(real_copy):
    """An admin's open page, then the role changes to pimpinan: the same path now shows the Indonesian
    unavailable page (the stand-in registered for every path the user may not open), not Streamlit's
    English dialog and not the rules."""
    at = app_test(real_copy, "admin2", "admin")
    at.switch_page(PAGE).run()
    assert at.title[0].value == "Aturan & sumber"
    from ui import services
    services.store()._con.execute("UPDATE app_user SET role = 'pimpinan' WHERE username = 'admin2'")
    at.run()
    assert not at.exception
    assert at.title[0].value == "Halaman tidak tersedia untuk Anda"
    assert not at.table and not at.dataframe and "Semarang" not in sent(at)


def test_english(real_copy):
    at = app_test(real_copy)
    at.switch_page(PAGE).run()
    at.sidebar.selectbox(key="lang").set_value("en").run()
    assert not at.exception
    assert at.title[0].value == "Rules & sources"
    headers = {c for tb in at.table for c in tb.value.columns}
    assert {"Source", "Mark", "Target level", "Requirement", "Retirement age"} <= headers
    assert not [h for h in headers if h.startswith("aturan.") or SNAKE.match(h)]
