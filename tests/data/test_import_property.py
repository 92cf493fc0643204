"""Property: random cells and random bytes never crash the importer with anything but a clear
rejection, and never leave a partial write (either nothing changed, or the whole file is in and
undo brings the database back exactly)."""
from __future__ import annotations

import random
import string
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import event as _event
from hypothesis import strategies as st

from data.importing import KINDS, Rejected, pipeline
from data.importing.fields import PERIOD_KINDS
from data.store import open_store
from tests.import_helpers import PERSONNEL_HEADER, assert_same, csv_bytes, new_nips, personnel_rows, snapshot, xlsx

pytestmark = pytest.mark.slow   # property tests: hundreds of generated files

SETTINGS = settings(max_examples=40, deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
NIPS = new_nips(12, pppk=2)
HEADERS = ["NIP", "Nama", "Perangkat Daerah", "Nama Jabatan", "Jenjang Jabatan", "Golongan", "Eselon", "Predikat Kinerja",
           "Rating Hasil Kerja", "Rating Perilaku Kerja", "Nilai SKP", "Integritas", "Kesadaran Diri", "JPM",
           "Sumber Asesmen", "TMT Hukuman", "Jenis Hukuman", "Lowong", "Kritikal", "Periode", "Tanggal Lahir",
           "Jenis Kelamin", "NIK", "Tingkat Pendidikan", "nipBaru", "unorNama"]
MEANINGFUL = NIPS + ["Baik", "sangat baik", "SB", "III/a", "IX", "JF Ahli Muda", "Pelaksana", "II.b", "05-01-2026",
                     "85,5", "3", "Dinas Kesehatan", "CACT", "ringan", "Ya", "2025", "L", "S1", "1.98609262015051E+17"]
_XML_SAFE = st.characters(blacklist_categories=("Cs", "Cc"))
cells = st.one_of(
    st.none(), st.text(_XML_SAFE, max_size=12), st.sampled_from(MEANINGFUL),
    st.integers(-10**19, 10**19), st.floats(allow_nan=False, allow_infinity=False, width=32),
    st.dates(min_value=date(1800, 1, 1), max_value=date(2200, 1, 1)), st.booleans())
header_cells = st.one_of(st.sampled_from(HEADERS), st.text(_XML_SAFE, max_size=10))


def event(text: str) -> None:
    try:
        _event(text)
    except Exception:  # outside a Hypothesis test
        pass


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    s = open_store(tmp_path_factory.mktemp("prop") / "prop.duckdb")
    base = pipeline.run(s, csv_bytes([PERSONNEL_HEADER] + personnel_rows(NIPS[:8])), "dasar.csv", period=2025,
                        actor="uji", allow_new_opd=True)     # an empty database: every OPD is new
    assert base.batch_id is not None, base.outcome.messages()
    yield s
    s.close()


def _check(store, content: bytes, name: str, **kw) -> None:
    before = snapshot(store)
    try:
        result = pipeline.run(store, content, name, actor="uji", **kw)
    except Rejected as exc:
        event("berkas ditolak")
        assert str(exc).strip() and "Traceback" not in str(exc)
        assert_same(before, snapshot(store))
        return
    outcome = result.outcome
    if result.batch_id is None:
        event("galat baris")
        assert not outcome.ok
        assert_same(before, snapshot(store))
        return
    event(f"diimpor: {outcome.kind}")
    # all rows are in, in one batch …
    main = {"personnel": "asn_period", "performance": "performance", "assessment": "assessment",
            "discipline": "discipline", "target-posts": "target_post"}[outcome.kind]
    batch_rows = store._frame(f"SELECT count(*) AS n FROM {main} WHERE batch_id = ?", [result.batch_id])["n"][0]
    assert batch_rows == outcome.rows
    # … and undo restores exactly what was there
    store.undo_import(outcome.kind, outcome.period if outcome.kind in PERIOD_KINDS else None, "uji")
    assert_same({k: v for k, v in before.items() if k not in ("import_batch", "audit_log")},
                {k: v for k, v in snapshot(store).items() if k not in ("import_batch", "audit_log")})


@SETTINGS
@given(header=st.lists(header_cells, min_size=1, max_size=7), body=st.lists(st.lists(cells, max_size=7), max_size=8),
       title=st.lists(st.text(_XML_SAFE, max_size=15), max_size=2), fmt=st.sampled_from(["xlsx", "csv"]),
       kind=st.sampled_from([None, *KINDS]), period=st.sampled_from([None, 2025, 2026]))
def test_random_cells_never_crash_nor_write_partially(store, header, body, title, fmt, kind, period):
    rows = [header] + body
    if fmt == "xlsx":
        content = xlsx(rows, title=title)
    else:
        lines = [[t] for t in title] + [["" if v is None else str(v) for v in r] for r in rows]
        content = csv_bytes(lines, random.Random(len(body)).choice([";", ","]), "utf-8")
    _check(store, content, f"acak.{fmt}", kind=kind, period=period)


@SETTINGS
@given(data=st.binary(max_size=3000), ext=st.sampled_from([".xlsx", ".xls", ".csv", ".txt", ".pdf", ""]),
       prefix=st.sampled_from([b"", b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", b"NIP;Nama;Predikat\n"]))
def test_random_bytes_are_refused_cleanly(store, data, ext, prefix):
    _check(store, prefix + data, f"acak{ext}", period=2025)


@SETTINGS
@given(kind=st.sampled_from(["personnel", "performance"]), pick=st.lists(st.sampled_from(NIPS), min_size=1, max_size=8,
                                                                       unique=True),
       edits=st.lists(st.tuples(st.integers(0, 9), st.integers(0, 9), cells), max_size=3),
       fmt=st.sampled_from(["xlsx", "csv"]), period=st.sampled_from([2025, 2026]))
def test_nearly_valid_files_go_in_whole_or_not_at_all(store, kind, pick, edits, fmt, period):
    if kind == "personnel":
        rows = [list(PERSONNEL_HEADER)] + personnel_rows(pick)   # edited in place below: never the shared header
    else:
        rows = [["NIP", "Predikat Kinerja", "Nilai Penghargaan"]] + [[n, "Baik", "80,5"] for n in pick]
    for r, c, v in edits:
        rows[r % len(rows)][c % len(rows[0])] = v
    if fmt == "xlsx":
        content = xlsx(rows, title=["DATA UJI"])
    else:
        content = csv_bytes([["" if v is None else str(v) for v in r] for r in rows], ";", "utf-8")
    _check(store, content, f"uji.{fmt}", kind=None, period=period)


_TEMPLATE = xlsx([["NIP", "Nama", "Predikat Kinerja"]] + [[n, "x", "Baik"] for n in NIPS[:8]])


@SETTINGS
@given(flips=st.lists(st.tuples(st.integers(0, len(_TEMPLATE) - 1), st.integers(0, 255)), min_size=1, max_size=30))
def test_damaged_workbooks_are_refused_cleanly(store, flips):
    content = bytearray(_TEMPLATE)
    for pos, byte in flips:
        content[pos] = byte
    _check(store, bytes(content), "rusak.xlsx", period=2025)


def test_valid_random_personnel_files_go_in_whole(store):
    rng = random.Random(7)
    for _ in range(3):
        chosen = rng.sample(NIPS, rng.randint(1, len(NIPS)))
        rows = personnel_rows(chosen, opd=rng.choice(["Dinas Kesehatan", "Dinas " + "".join(rng.choices(string.ascii_letters, k=6))]))
        _check(store, csv_bytes([PERSONNEL_HEADER] + rows), "p.csv", period=rng.choice([2025, 2026]),
               allow_new_opd=True)
