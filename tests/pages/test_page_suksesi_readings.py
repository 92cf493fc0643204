"""AppTest: the Suksesi page lists how its rules are read (Cara membaca aturan), with the values in force."""
from __future__ import annotations

from pathlib import Path

from tests.conftest import app_test

PAGE = str(Path(__file__).resolve().parents[2] / "app_pages" / "suksesi.py")


def test_the_page_lists_the_readings_of_its_rules(real_copy):
    at = app_test(real_copy, "admin", "admin")
    at.switch_page(PAGE).run()
    assert not at.exception, at.exception
    box = next(e for e in at.expander if e.label == "Cara membaca aturan")
    text = " ".join(m.value for m in box.markdown)
    assert "tanggal 1 bulan berikutnya" in text and "1 Juni 2026" in text      # the pension date
    assert "12 bulan" in text                                                   # a reprimand without an end
    assert "31 Desember" in text and "Cukup" in text and "Istimewa" in text
    assert "rule_" not in text and "(R)" not in text                           # no table names, no marks
