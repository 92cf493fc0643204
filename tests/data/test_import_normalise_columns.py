"""Normalisers give the same values and messages whatever the column's representation: Python
objects (xlsx), a categorical or pyarrow-backed strings (csv); and validation gives the same
outcome in slices (national files) as whole."""
from __future__ import annotations

import random

import numpy as np
import pandas as pd
import pytest

from data.importing import Rejected, checks, pipeline
from data.importing.fields import header_key
from data.importing.mapping import auto_map
from data.importing.normalise import dates as dates_module
from data.importing.normalise import numbers as numbers_module
from data.importing.normalise.arrow_text import arrow_text
from data.importing.normalise.categories import norm_bool
from data.importing.normalise.cells import EMPTY_TEXT, text
from data.importing.normalise.columns import blank_mask, compact_values, key_equals, repeated, same_values
from data.importing.normalise.dates import norm_date, norm_date_days, parse_date
from data.importing.normalise.free_text import norm_text
from data.importing.normalise.golongan import norm_golongan
from data.importing.normalise.numbers import norm_decimal
from data.importing.outcome import Reference
from data.importing.validate import validate
from tests.import_helpers import PERSONNEL_HEADER, csv_bytes, new_nips, personnel_rows

# whitespace Python knows and ASCII does not, compatibility forms header_key folds, case traps
ATOMS = ["", " ", "  ", "\t", "\n", "\r", "\x0b", "\x1c", "\x85", "\xa0", "\u2003", "\u3000", "a", "B", "n",
         "A", "/", "#", "-", "N/A", "null", "None", "NaN", "nip", "NIP", "Baru", "ｎ", "ﬁ", "K", "İ", "é", "x" * 30,
         "Siti", "_", ".", "1"]


def _texts(rng: random.Random, n: int) -> list:
    return [None if rng.random() < 0.05 else "".join(rng.choice(ATOMS) for _ in range(rng.randint(0, 5)))
            for _ in range(n)]


def _plain(s: pd.Series) -> list:
    return [None if pd.isna(v) else v for v in s]


@pytest.mark.parametrize("seed", range(3))
def test_text_columns_normalise_alike_in_every_representation(seed):
    rng = random.Random(seed)
    for _ in range(80):
        values = _texts(rng, rng.randint(0, 15))
        forms = [pd.Series(values, dtype=object), pd.Series(values, dtype="str"),
                 pd.Series(values, dtype="category")]
        assert arrow_text(forms[1]) is not None
        blank = [bool(v is None or v.strip().lower() in EMPTY_TEXT) for v in values]
        max_len = rng.choice([3, 8, 500])
        expected = [text(v) if not b else None for v, b in zip(values, blank)]
        for form in forms:
            assert blank_mask(form).tolist() == blank
            for key in ("nip", "nipbaru", "n", ""):
                assert key_equals(form, key).tolist() == [isinstance(v, str) and header_key(v) == key
                                                          for v in values]
            vals, msgs = norm_text(form, max_len)
            assert _plain(vals) == [e if e is None or len(e) <= max_len else None for e in expected]
            assert _plain(msgs) == [None if e is None or len(e) <= max_len else
                                    f"Teks terlalu panjang ({len(e)} karakter; paling banyak {max_len})."
                                    for e in expected]
            with compact_values():
                vals2, msgs2 = norm_text(form, max_len)
            assert _plain(vals2) == _plain(vals) and _plain(msgs2) == _plain(msgs)


@pytest.mark.parametrize("dtype", [object, "str", "category"])
def test_repeated_and_same_values_as_pandas(dtype):
    rng = random.Random(3)
    for _ in range(300):
        pool = rng.choice([["198609262015051001", "198609262015051002", "098609262015051001"],
                           ["12", "012", "3"], ["a", "", "b"]])
        a = [rng.choice(pool) if rng.random() < 0.9 else None for _ in range(rng.randint(0, 20))]
        b = [rng.choice(pool + ["x"]) if rng.random() < 0.9 else None for _ in a]
        sa, sb = pd.Series(a, dtype=dtype), pd.Series(b, dtype="str")
        assert repeated(sa).tolist() == pd.Series(a, dtype=object).duplicated(keep=False).tolist()
        assert same_values(sa, sb).tolist() == [x is not None and y is not None and x == y for x, y in zip(a, b)]
        assert same_values(sb, sa).tolist() == [x is not None and y is not None and x == y for x, y in zip(a, b)]


def test_compact_values_gives_categoricals_of_the_same_texts():
    raw = pd.Series(["III/a", "III / A", "iii-b", "", None, "IV/f"] * 3, dtype="category")
    plain_vals, plain_msgs = norm_golongan(raw)
    with compact_values():
        vals, msgs = norm_golongan(raw)
    assert str(vals.dtype) == "category" and str(msgs.dtype) == "category"
    assert _plain(vals) == _plain(plain_vals) and _plain(msgs) == _plain(plain_msgs)
    assert vals.cat.codes.dtype == np.int8
    with compact_values():                         # numbers and booleans stay objects
        assert norm_bool(pd.Series(["Ya", "Tidak", ""]))[0].tolist() == [True, False, None]
        assert norm_decimal(pd.Series(["85,5", "x"]), 0, 100)[0].dtype == object


def test_norm_date_days_are_the_dates_of_norm_date():
    raw = pd.Series(["05-01-2026", "5 Januari 2026", "", "31-02-2026", None, "05-01-26"] * 2, dtype="str")
    dates, msgs = norm_date(raw)
    days, msgs2 = norm_date_days(raw)
    assert days.dtype == "datetime64[s]"
    assert [None if pd.isna(d) else d.date() for d in days] == _plain(dates)
    assert _plain(msgs2) == _plain(msgs)


# pieces of dates and numbers as cells hold them: the plain forms read at once, and their near misses
DATE_ATOMS = ["5", "05", "1", "12", "13", "31", "29", "02", "2", "2024", "1899", "2101", "1900", "2100", "0", "-",
              "/", ".", " ", "T10:00", "jan", "Mei", "19860926", "٣", "+"]
NUMBER_ATOMS = ["0", "5", "85", "100", "1", ",", ".", "5", "-", "+", " ", "%", "000", "234", "e5", "٣", "\xa0", "1.234"]


def _pieces(rng: random.Random, atoms: list[str], n: int) -> list:
    return [None if rng.random() < 0.05 else "".join(rng.choice(atoms) for _ in range(rng.randint(1, 6)))
            for _ in range(n)]


def _one_by_one(module, name: str, monkeypatch):
    """The reading without its at-once part: every distinct value read by the per-cell function."""
    monkeypatch.setattr(module, name, lambda texts, **_: (np.empty(len(texts), dtype=object),
                                                           np.zeros(len(texts), dtype=bool)))


@pytest.mark.parametrize("seed", range(3))
def test_dates_read_at_once_are_what_each_cell_reads(seed, monkeypatch):
    """The commonest forms are read for a whole column at once: the days and messages are those of the
    cell-by-cell reading, whatever the column's representation."""
    rng = random.Random(seed)
    columns = [_pieces(rng, DATE_ATOMS, rng.randint(1, 40)) + ["05-01-2026", "2026/1/5", "31-02-2026", "29.02.2024"]
               for _ in range(60)]
    forms = [(pd.Series(v, dtype=object), pd.Series(v, dtype="str"), pd.Series(v, dtype="category")) for v in columns]
    at_once = [[norm_date_days(f) for f in fs] for fs in forms]
    _one_by_one(dates_module, "_settle_days", monkeypatch)
    for values, fs, got in zip(columns, forms, at_once):
        assert [None if v is None else parse_date(v) for v in values] == [
            None if pd.isna(d) else d.date() for d in got[0][0]]
        for f, (days, msgs) in zip(fs, got):
            ref_days, ref_msgs = norm_date_days(f)
            assert days.dtype == ref_days.dtype == "datetime64[s]"
            assert days.equals(ref_days) and _plain(msgs) == _plain(ref_msgs), values


@pytest.mark.parametrize(("lo", "hi", "integer"), [(0, 100, False), (1, 5, True), (None, None, False)])
def test_numbers_read_at_once_are_what_each_cell_reads(lo, hi, integer, monkeypatch):
    rng = random.Random(f"{lo}{hi}{integer}")
    columns = [_pieces(rng, NUMBER_ATOMS, rng.randint(1, 40)) + ["85,5", "3", "-0", "007", "1.234"] for _ in range(60)]
    forms = [(pd.Series(v, dtype=object), pd.Series(v, dtype="str"), pd.Series(v, dtype="category")) for v in columns]
    at_once = [[norm_decimal(f, lo, hi, integer) for f in fs] for fs in forms]
    _one_by_one(numbers_module, "_settle", monkeypatch)
    for values, fs, got in zip(columns, forms, at_once):
        for f, (vals, msgs) in zip(fs, got):
            ref_vals, ref_msgs = norm_decimal(f, lo, hi, integer)
            assert _plain(vals) == _plain(ref_vals) and _plain(msgs) == _plain(ref_msgs), values
            assert [type(v) for v in _plain(vals)] == [type(v) for v in _plain(ref_vals)]
    assert _plain(at_once[0][0][0])[-5:] == ([85.5, 3.0, -0.0, 7.0, 1234.0] if not integer and hi is None else
                                             [None, 3, None, None, None] if integer else [85.5, 3.0, -0.0, 7.0, None])


def _personnel_table(n: int):
    nips = new_nips(n, pppk=n // 5)
    rows = personnel_rows(nips)
    rows[3][0] = "1986 0926 2015 05 1 001"          # separators: a message
    rows[5][0] = rows[4][0]                          # a duplicate NIP
    rows[7][6] = "IX" if nips[7][12:14] != "21" else "III/a"   # golongan of the other kind
    return pipeline.read(csv_bytes([PERSONNEL_HEADER] + rows), "p.csv")


def test_nips_parsed_in_slices_give_the_same_outcome(monkeypatch):
    table = _personnel_table(60)
    ref = Reference(opd=pd.DataFrame({"opd_id": ["DINKES"], "nama": ["Dinas Kesehatan"], "singkatan": ["Dinkes"]}),
                    levels={"JF Ahli Muda": "Fungsional", "JF Ahli Pertama": "Fungsional", "Pelaksana": "Pelaksana"},
                    education=["SMA", "D3", "S1", "S2"])
    mapping = auto_map(table.headers, "personnel")
    whole = validate(table, "personnel", mapping, 2025, ref)
    monkeypatch.setattr(checks, "NIP_CHUNK", 7)
    sliced = validate(table, "personnel", mapping, 2025, ref)
    assert whole.errors >= 2 and whole.issues.equals(sliced.issues)
    for name, frame in whole.frames.items():
        other = sliced.frames[name]
        assert frame.astype(object).where(frame.notna(), None).equals(other.astype(object).where(other.notna(), None))


def test_reference_nips_as_a_column_or_a_set_say_the_same():
    rows = [["NIP", "Predikat Kinerja"], [new_nips(1)[0], "Baik"], ["198609262015051001", "Baik"]]
    table = pipeline.read(csv_bytes(rows), "k.csv")
    mapping = auto_map(table.headers, "performance")
    as_set = validate(table, "performance", mapping, 2025, Reference(personnel_nips={"198609262015051001"},
                                                                        predikat=["Baik"]))
    as_column = validate(table, "performance", mapping, 2025, Reference(
        personnel_nips=pd.Series(["198609262015051001"], dtype="str"), predikat=["Baik"]))
    assert as_set.errors == 1 and as_set.issues.equals(as_column.issues)
    with pytest.raises(Rejected, match="Belum ada data kepegawaian periode 2025"):
        validate(table, "performance", mapping, 2025, Reference(personnel_nips=pd.Series([], dtype="str")))
