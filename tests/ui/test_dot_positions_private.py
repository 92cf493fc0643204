"""A dot on the 9-box says nothing about whose it is to someone without the installation's secret.

The attacker here knows every NIP and the product's code, and sees what the browser receives with the
switch on (the figure's x/y per dot, in the order sent), but not the secret ``kunci_samaran``. They
recompute where each NIP's dot would be drawn (with a guessed key, or the old unkeyed hash) and match
each dot to the NIP whose predicted place is nearest. That must do no better than chance, while the
same attack with the right key matches nearly every dot (so the test can see a leak).
"""
from __future__ import annotations

import zlib

import numpy as np
import pandas as pd
import pytest

from analytics.anonymise import anonymise_people
from analytics.calibration import apply_calibration
from analytics.ninebox import box_summary
from analytics.positions import DOT_TOP, MARGIN, _key_numbers, keyed_units, plot_positions
from data.store import open_store
from reports.figures.ninebox import ninebox_scatter
from tests.conftest import placed_people

SECRET = b"rahasia-instalasi-uji-0123456789abcdef"   # what the attacker does not have


@pytest.fixture(scope="module")
def drawn(demo_db):
    """Everyone placed in 2025 with keyed positions (a few moved by the committee), and the figure the
    browser receives for them with the switch on."""
    s = open_store(demo_db, read_only=True)
    try:
        placed = placed_people(s, 2025)
        rules = s.rules(2025)
    finally:
        s.close()
    assert rules.cutoff("kinerja")[0] == "predikat"   # the row is known by category: y is jittered
    placed = pd.concat([placed, plot_positions(placed, rules, SECRET)], axis=1)
    moved = placed[placed["kotak"] == 5].head(20)
    calib = pd.DataFrame({"nip": moved["nip"], "kotak_baru": 8, "alasan_kode": "BUKTI_POTENSI"})
    placed = apply_calibration(placed, calib, rules.boxes, SECRET)
    has = placed["kotak"].notna()
    placed = placed.assign(jpm_teks=placed["jpm"].astype(str))
    shown = anonymise_people(placed[has], SECRET)[0]
    fig, _ = ninebox_scatter(shown, box_summary(placed["kotak"], rules.boxes), "kotak", (78, 90))
    dots = [(np.asarray(tr.x, dtype=float), np.asarray(tr.y, dtype=float), [row[0] for row in tr.customdata])
            for tr in fig.data if tr.mode == "markers" and tr.customdata is not None and len(tr.customdata[0]) > 1]
    x = np.concatenate([d[0] for d in dots])
    y = np.concatenate([d[1] for d in dots])
    masked = [m for d in dots for m in d[2]]
    real = dict(zip(shown["nip"], placed.loc[has, "nip"]))   # the server's map, for scoring only
    return placed[has], pd.DataFrame({"x": x, "y": y, "nip": [real[m] for m in masked]}), dots


def _old_unkeyed_unit(keys: pd.Series, salt: str) -> np.ndarray:
    """The jitter as the product drew it before (splitmix64 of the NIP): all an outsider needs."""
    with np.errstate(over="ignore"):
        z = _key_numbers(keys) + np.uint64(zlib.crc32(salt.encode())) * np.uint64(0x9E3779B97F4A7C15)
        z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
        z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
        z = z ^ (z >> np.uint64(31))
    return (z >> np.uint64(11)).astype(np.float64) / float(1 << 53)


def _matched(dots: pd.DataFrame, nips: pd.Series, predicted_unit: np.ndarray) -> float:
    """Share of dots whose NIP is the one with the nearest predicted place inside the row."""
    predicted = MARGIN + predicted_unit * (DOT_TOP - MARGIN)
    order = np.argsort(predicted)
    ranked, names = predicted[order], nips.to_numpy()[order]
    seen = dots["y"].to_numpy() - np.floor(dots["y"].to_numpy())
    i = np.clip(np.searchsorted(ranked, seen), 1, len(ranked) - 1)
    nearest = np.where(np.abs(ranked[i - 1] - seen) <= np.abs(ranked[i] - seen), i - 1, i)
    return float((names[nearest] == dots["nip"].to_numpy()).mean())


def test_dots_cannot_be_matched_to_people_without_the_secret(drawn):
    people, dots, _ = drawn
    nips = people["nip"]
    not_moved = dots[~dots["nip"].isin(people.loc[people["dikalibrasi"], "nip"])]
    assert len(not_moved) > 1_000
    # the attack works when it has the secret: it can detect a leak
    assert _matched(not_moved, nips, keyed_units(nips, SECRET, 3, "titik")[:, 1]) > 0.95
    # without it: the old unkeyed hash, an empty-ish guess, a wrong key — chance level (1 in the ~6,000 NIPs)
    guesses = [_old_unkeyed_unit(nips, "y"), keyed_units(nips, b"\0" * 16, 3, "titik")[:, 1],
               keyed_units(nips, b"kunci-tebakan-penyerang", 3, "titik")[:, 1],
               keyed_units(nips, SECRET[:-1] + b"g", 3, "titik")[:, 1]]
    for guess in guesses:
        assert _matched(not_moved, nips, guess) < 0.005


def test_moved_dots_cannot_be_matched_without_the_secret(drawn):
    people, dots, _ = drawn
    moved = dots[dots["nip"].isin(people.loc[people["dikalibrasi"], "nip"])]
    assert len(moved) == 20
    nips = people["nip"]
    assert _matched(moved, nips, keyed_units(nips, SECRET, 2, "kalibrasi")[:, 1]) == 1.0
    assert _matched(moved, nips, keyed_units(nips, b"kunci-tebakan-penyerang", 2, "kalibrasi")[:, 1]) < 0.1
    assert _matched(moved, nips, _old_unkeyed_unit(nips, "cy")) < 0.1


def test_dots_are_not_sent_in_nip_order(drawn):
    """The i-th dot of a trace must not be the i-th NIP of its box: the order is keyed too."""
    people, _, traces = drawn
    real = dict(zip(anonymise_people(people, SECRET)[0]["nip"], people["nip"]))
    for _, _, masked in traces:
        if len(masked) < 50:
            continue
        rank = pd.Series([real[m] for m in masked]).rank().to_numpy()
        rho = np.corrcoef(rank, np.arange(len(rank)))[0, 1]
        # a keyed order correlates with NIP order only by chance: rho·sqrt(n-1) is about standard
        # normal, so 4 standard errors is a bound a chance order keeps (NIP order gives rho = 1)
        assert abs(rho) < 4 / np.sqrt(len(rank) - 1), (len(rank), rho)


def test_positions_refuse_a_missing_or_short_key(drawn):
    people, _, _ = drawn
    for key in (None, b"", b"pendek"):
        with pytest.raises(ValueError):
            keyed_units(people["nip"].head(3), key)


def test_keyed_units_are_stable_uniform_and_independent_per_salt():
    keys = pd.Series([f"{197_001_012_000_011_001 + i:018d}" for i in range(20_000)])
    a = keyed_units(keys, SECRET, 2, "titik")
    assert np.array_equal(a, keyed_units(keys.copy(), SECRET, 2, "titik"))
    assert ((a >= 0) & (a < 1)).all() and abs(a.mean() - 0.5) < 0.01
    assert abs(np.corrcoef(a[:, 0], a[:, 1])[0, 1]) < 0.03
    assert abs(np.corrcoef(a[:, 0], keyed_units(keys, SECRET, 1, "lain")[:, 0])[0, 1]) < 0.03
