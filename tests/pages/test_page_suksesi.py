"""AppTest: the Suksesi page — shortlist with readiness and reasons, comparison, bench, export audited."""
from __future__ import annotations

import io
import re
from pathlib import Path

import openpyxl
import pytest
import streamlit as st

from data.store import open_store
from tests.conftest import app_test

APP = str(Path(__file__).resolve().parents[2] / "app.py")
PAGE = str(Path(__file__).resolve().parents[2] / "app_pages" / "suksesi.py")


@pytest.fixture
def db(real_copy):
    return real_copy


def _page(db, role="admin", user="admin"):
    at = app_test(db, user, role)
    at.switch_page(PAGE).run()
    assert not at.exception, at.exception
    return at


def _shortlist(at):
    return next(d.value for d in at.dataframe if {"kesiapan", "alasan", "peringkat"} <= set(d.value.columns))


def test_vacant_post_shortlist_comparison_and_bench(db):
    at = _page(db)
    post = at.selectbox(key="suk_post")
    assert post.value == "TP-011" or post.value.startswith("TP-")
    assert post.format_func(post.value).startswith("Lowong")
    short = _shortlist(at)
    assert len(short) > 0 and short["alasan"].str.len().gt(0).all()
    assert short["peringkat"].tolist() == list(range(1, len(short) + 1))
    assert short["kesiapan"].iloc[0].endswith("Siap Sekarang")
    cmp = at.multiselect(key=f"suk_cmp_{post.value}")
    assert len(cmp.value) == 2                      # two candidates preselected for the comparison
    bench = next(d.value for d in at.dataframe if "tanpa_penerus" in d.value.columns)
    assert len(bench) > 5
    at.selectbox(key="suk_post").set_value("TP-023").run()
    assert not at.exception
    assert len(_shortlist(at)) > 0
    at.multiselect(key="suk_cmp_TP-023").set_value([]).run()
    assert any("Pilih paling sedikit dua" in i.value for i in at.info)


def test_export_is_audited_inside_the_callable(db, monkeypatch):
    captured = {}

    def fake(label, data=None, **kw):
        captured["data"] = data
        return False

    monkeypatch.setattr(st, "download_button", fake)
    _page(db)
    assert callable(captured.get("data"))
    s = open_store(db)
    assert s.audit_entries(action="ekspor:suksesi").empty   # nothing audited until downloaded
    s.close()
    xlsx = captured["data"]()
    s = open_store(db)
    entries = s.audit_entries(action="ekspor:suksesi")
    s.close()
    assert len(entries) == 1 and entries.iloc[0]["entity"].startswith("jabatan:TP-")
    assert entries.iloc[0]["actor"] == "admin"   # built outside the script run, recorded for who clicked
    wb = openpyxl.load_workbook(io.BytesIO(xlsx))
    assert wb.sheetnames == ["Ringkasan", "Daftar Pendek", "Rincian Syarat", "Aturan"]
    # the rules' wording and values, without their sources (those are on Aturan & sumber)
    cells = " ".join(str(c) for name in ("Rincian Syarat", "Aturan") for row in wb[name].iter_rows(values_only=True)
                     for c in row if c is not None)
    assert "Predikat kinerja minimal" in cells and not re.search(r"Semarang|\((?:C|V|R)[):,]|rule_", cells)
    assert "predikat_minimal" not in cells          # parameters in words (label.param.*), not their codes
    rows = list(wb["Daftar Pendek"].iter_rows(values_only=True))
    assert rows[0][:3] == ("Peringkat", "Nama", "NIP") and len(rows) > 1   # headers from the label catalog


def test_operator_sees_only_own_opd_posts_and_candidates(db):
    at = app_test(db, "opd1", "operator", "BKPSDM")
    at.switch_page(PAGE).run()
    assert not at.exception
    assert at.selectbox(key="suk_post").options == ["TP-011"] or \
        all("Kepegawaian" in o for o in at.selectbox(key="suk_post").options)
    assert not any(b.label.startswith("Unduh") for b in at.get("download_button"))
