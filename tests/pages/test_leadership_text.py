"""Leadership pages say what the data means, not where a rule came from: no source notes, confidence
marks, other cities' names, raw table names or shell commands anywhere a leader can see (AppTest).

Everything each page sends is scanned: every element's protobuf (markdown, captions, help texts,
widget labels, chart specs) and every data grid's values. The sources live on the admin page
"Aturan & sumber" (tests/pages/test_page_aturan.py).
"""
from __future__ import annotations

import re

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import app_test

pytestmark = pytest.mark.slow   # seven pages, a few seconds each

# Other cities' names, confidence marks, raw rule-table names and shell commands.
FORBIDDEN = re.compile(r"Manado|Semarang|\((?:C|V|R)[):,]|rule_[a-z]|python -m")
PAGES = ("beranda", "sembilan_kotak", "pergerakan", "pengembangan", "suksesi", "siklus", "presentasi")


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


def found(text: str) -> list[str]:
    return sorted({text[max(0, m.start() - 60):m.end() + 20].replace("\n", " ") for m in FORBIDDEN.finditer(text)})


@pytest.mark.parametrize("page", PAGES)
def test_a_leader_sees_no_source_notes_or_commands(real_copy, page):
    at = app_test(real_copy, "pimpinan1", "pimpinan", run=True)
    at.switch_page(f"app_pages/{page}.py").run()
    assert not at.exception
    assert found(sent(at)) == []
    if page == "presentasi":   # every slide, not only the first
        slides = 1
        while slides < 10 and (forward := [b for b in at.button if b.key == "pres_next"]) and not forward[0].disabled:
            forward[0].click().run()
            assert not at.exception
            assert found(sent(at)) == []
            slides += 1
        assert slides >= 5


def test_the_committee_chair_sees_none_on_kalibrasi(real_copy):
    at = app_test(real_copy, "ketua1", "ketua", run=True)
    at.switch_page("app_pages/kalibrasi.py").run()
    assert not at.exception
    assert found(sent(at)) == []


def test_the_pattern_catches_what_it_is_meant_to():
    for text in ("batas tidak baku nasional (Kota Manado 77/68)", "Praktik Kota Semarang (V)",
                 "rule_jpm_band (seleksi)", "Model BKN 2025 (C)", "(R: kebijakan)", "python -m data demo"):
        assert found(text), text
    assert found("Kotak 7 (Calon Suksesor) · Kota Serang · JPM 78,5 (Cukup)") == []


def test_the_login_page_names_whom_to_ask_not_a_command(real_copy):
    at = app_test(real_copy, user=None)   # real data, nobody logged in, no user created yet
    assert not at.exception
    assert at.title[0].value == "Masuk ke Talenta ASN"
    [warning] = [w.value for w in at.warning]
    assert "Minta admin server" in warning and "docs/operations.md" in warning
    assert found(sent(at)) == []


def test_the_commands_stay_in_the_operations_guide():
    from pathlib import Path
    guide = (Path(__file__).resolve().parents[2] / "docs" / "operations.md").read_text(encoding="utf-8")
    assert "python -m data user add admin --role admin" in guide and "python -m data demo" in guide
