"""NIP / NI PPPK parsing: derivation, rejection of Excel floats and impossible values."""
from __future__ import annotations

import time
from datetime import date

import numpy as np
import pandas as pd
import pytest

from analytics.nip import InvalidNip, NipInfo, build_nip, is_valid_nip, parse_nip, parse_nips

PNS_MALE = "198609262015051001"      # born 26-09-1986, CPNS May 2015, male, #001
PNS_FEMALE = "197512312001122017"    # born 31-12-1975, CPNS Dec 2001, female, #017
PPPK = "199001012021212003"          # born 01-01-1990, PPPK 2021 code 21, female, #003


def test_pns_fields_are_derived():
    info = parse_nip(PNS_MALE)
    assert info == NipInfo(nip=PNS_MALE, tanggal_lahir=date(1986, 9, 26), jenis_kelamin="L",
                           jenis_asn="PNS", tmt_cpns=date(2015, 5, 1), tahun_pengangkatan=2015,
                           kode_pppk=None, urut=1)
    female = parse_nip(PNS_FEMALE)
    assert (female.tanggal_lahir, female.jenis_kelamin, female.tmt_cpns, female.urut) == \
        (date(1975, 12, 31), "P", date(2001, 12, 1), 17)


@pytest.mark.parametrize("code", ["21", "24", "00", "13", "99"])
def test_pppk_when_digits_13_14_are_not_a_month(code):
    info = parse_nip(f"19900101{2021}{code}2003")
    assert info.jenis_asn == "PPPK"
    assert info.tmt_cpns is None
    assert info.kode_pppk == code
    assert info.tahun_pengangkatan == 2021
    assert (info.tanggal_lahir, info.jenis_kelamin, info.urut) == (date(1990, 1, 1), "P", 3)


@pytest.mark.parametrize("month", ["01", "12"])
def test_month_01_and_12_mean_pns(month):
    assert parse_nip(f"198609262015{month}1001").jenis_asn == "PNS"


@pytest.mark.parametrize("raw", [" 198609262015051001 ", "'198609262015051001", "19860926 201505 1 001",
                                 "19860926-201505-1-001", "19860926\u00a0201505\u00a01\u00a0001",
                                 198609262015051001, np.int64(198609262015051001)])
def test_harmless_formatting_is_accepted(raw):
    assert parse_nip(raw).nip == PNS_MALE


@pytest.mark.parametrize("raw", ["1.98609262015051E+17", "1.98609262015051e+17", "1,98609262015051E+17",
                                 "1.986E17", "198609262015051000.0", 1.98609262015051e17,
                                 np.float64(1.98609262015051e17)])
def test_excel_float_is_rejected_with_advice(raw):
    with pytest.raises(InvalidNip) as err:
        parse_nip(raw)
    msg = str(err.value)
    assert "format kolom sebagai Teks" in msg
    assert "hilang" in msg
    assert not is_valid_nip(raw)


def test_digits_lost_to_float_precision_hint_at_excel():
    # Excel keeps 15 significant digits: the sequence becomes 000
    with pytest.raises(InvalidNip, match="format kolom sebagai Teks"):
        parse_nip(198609262015051000)


@pytest.mark.parametrize("raw, fragment", [
    ("19860230201505 1001", "tanggal lahir 19860230"),   # 30 February
    ("198613012015051001", "tanggal lahir 19861301"),    # month 13
    ("190002292015051001", "tanggal lahir 19000229"),    # 1900 was not a leap year
    ("198609002015051001", "tanggal lahir 19860900"),    # day 0
    ("18860926201505 1001", "tanggal lahir 18860926"),   # before 1900
    ("198609262015053001", "jenis kelamin"),
    ("198609262015050001", "jenis kelamin"),
    ("198609262015051000", "nomor urut"),
    ("198609261980051001", "tahun pengangkatan"),          # appointed before birth
    ("19860926201505100", "18 digit"),
    ("1986092620150510011", "18 digit"),
    ("19860926201505100X", "selain angka"),
    ("", "kosong"),
    (None, "kosong"),
])
def test_invalid_values_are_rejected_in_indonesian(raw, fragment):
    with pytest.raises(InvalidNip) as err:
        parse_nip(raw)
    assert fragment in str(err.value)
    assert isinstance(err.value, ValueError)


def test_leap_day_birth_is_valid():
    assert parse_nip("198802292012031001").tanggal_lahir == date(1988, 2, 29)


def test_build_nip_round_trips():
    pns = build_nip(date(1979, 7, 4), "P", tmt_cpns=date(2005, 3, 1), urut=12)
    assert pns == "197907042005032012"
    info = parse_nip(pns)
    assert (info.jenis_asn, info.jenis_kelamin, info.tmt_cpns) == ("PNS", "P", date(2005, 3, 1))
    pppk = build_nip(date(1995, 11, 30), "L", tahun_pppk=2024, kode_pppk="24", urut=7)
    assert pppk == "199511302024241007"
    assert parse_nip(pppk).jenis_asn == "PPPK"
    with pytest.raises(ValueError):
        build_nip(date(1995, 11, 30), "L", tahun_pppk=2024, kode_pppk="05")   # looks like a month
    with pytest.raises(ValueError):
        build_nip(date(1995, 11, 30), "L")                                  # neither kind given
    with pytest.raises(ValueError):
        build_nip(date(1995, 11, 30), "L", tmt_cpns=date(1990, 1, 1))       # appointed at 0


def test_parse_nips_matches_the_scalar_parser():
    values = [PNS_MALE, PNS_FEMALE, PPPK, "1.98609262015051E+17", "19860230201505 1001", None, "abc",
              "198609262015053001", " '19860926-201505-1-001 ", "1986092620150510011", "198609262015051000",
              "199511302024241007", "198609261980051001", ""]
    got = parse_nips(pd.Series(values, index=range(100, 100 + len(values)), dtype=object))
    assert list(got.index) == list(range(100, 100 + len(values)))
    assert set(got.columns) >= {"tanggal_lahir", "jenis_kelamin", "jenis_asn", "valid"}
    for value, (_, row) in zip(values, got.iterrows()):
        try:
            info = parse_nip(value)
        except InvalidNip as exc:
            assert not row["valid"], value
            assert row["kesalahan"] == str(exc)
            assert pd.isna(row["tanggal_lahir"]) and pd.isna(row["jenis_asn"])
            continue
        assert row["valid"], value
        assert pd.isna(row["kesalahan"])
        assert row["nip"] == info.nip
        assert row["tanggal_lahir"].date() == info.tanggal_lahir
        assert row["jenis_kelamin"] == info.jenis_kelamin
        assert row["jenis_asn"] == info.jenis_asn
        assert (pd.isna(row["tmt_cpns"]) if info.tmt_cpns is None else row["tmt_cpns"].date() == info.tmt_cpns)


def test_parse_nips_numeric_columns():
    floats = parse_nips(pd.Series([1.98609262015051e17, np.nan]))
    assert not floats["valid"].any()
    assert "format kolom sebagai Teks" in floats["kesalahan"].iloc[0]
    assert floats["kesalahan"].iloc[1] == "NIP kosong."
    ints = parse_nips(pd.Series([198609262015051001, 198609262015051000], dtype="int64"))
    assert ints["valid"].tolist() == [True, False]
    assert parse_nips(pd.Series([], dtype=object)).empty


def test_parse_nips_handles_a_million_rows_quickly():
    rng = np.random.default_rng(0)
    pool = np.array([PNS_MALE, PNS_FEMALE, PPPK, "199511302024241007"], dtype=object)
    big = pd.Series(pool[rng.integers(0, len(pool), 1_000_000)])
    t0 = time.perf_counter()
    got = parse_nips(big)
    elapsed = time.perf_counter() - t0
    assert got["valid"].all()
    assert (got["jenis_asn"] == "PPPK").sum() == big.isin([PPPK, "199511302024241007"]).sum()
    assert elapsed < 8, f"parse_nips took {elapsed:.1f}s for 1M rows"
