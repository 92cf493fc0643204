"""fmt.cell / fmt.cells: any table value as a person reads it (no None, nan or 00:00:00), and the
label catalog behind every header (common.i18n.column_label)."""
from __future__ import annotations

from datetime import date, datetime

import numpy as np
import pandas as pd

from common import fmt
from common.i18n import catalog, column_label, speaking, t


def test_nothing_reads_a_dash():
    for v in (None, float("nan"), pd.NaT, pd.NA, np.nan, "nan", "None", ""):
        assert fmt.cell(v) == "–", repr(v)


def test_a_date_never_carries_a_time_of_day():
    assert fmt.cell(pd.Timestamp("2025-05-27")) == "27 Mei 2025"
    assert fmt.cell(datetime(2025, 5, 27)) == "27 Mei 2025"
    assert fmt.cell(date(2025, 5, 27), "en") == "27 May 2025"
    assert fmt.cell(datetime(2025, 5, 27, 14, 3)) == "27 Mei 2025 14:03"


def test_numbers_and_yes_no_in_the_language():
    assert fmt.cell(1152) == "1.152" and fmt.cell(np.int64(1152), "en") == "1,152"
    assert fmt.cell(3.94) == "3,94" and fmt.cell(78.0) == "78" and fmt.cell(3.9, "en") == "3.9"
    assert fmt.cell(True) == "Ya" and fmt.cell(np.bool_(False), "en") == "No"


def test_cells_keeps_years_plain():
    shown = fmt.cells(pd.DataFrame({"periode": [2025.0, None], "jumlah": [1152, 3]}))
    assert shown["periode"].tolist() == ["2025", "–"] and shown["jumlah"].tolist() == ["1.152", "3"]


def test_column_label_reads_the_catalog_in_the_language():
    assert column_label("jenjang_jabatan") == "Jenjang jabatan"
    assert column_label("jenjang_jabatan", "en") == "Job level"
    assert column_label("NIP") == "NIP"                        # already a label: as it is
    assert column_label("kolom_baru_sekali") == "Kolom baru sekali"   # never the identifier itself
    with speaking("en"):                                       # a file built on a click speaks the page's language
        assert column_label("opd_nama") == "Department" and t("label.yes") == "Yes"
    assert column_label("opd_nama") == "OPD"


def test_every_label_is_in_both_catalogs():
    for lang, other in (("id", "en"), ("en", "id")):
        missing = [k for k in catalog(lang) if k.startswith(("label.", "audit.")) and k not in catalog(other)]
        assert missing == [], (lang, missing[:5])
