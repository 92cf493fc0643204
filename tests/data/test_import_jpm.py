"""A CACT file's own JPM, imported with a decimal comma, is the person's JPM (not one recomputed from levels)."""
from __future__ import annotations

from dataclasses import replace

import pytest

from analytics.competency import JPM_OFFICIAL
from analytics.engine import place
from data.importing import pipeline
from data.importing.fields import K_FIELDS
from data.store import Filters
from tests.import_helpers import csv_bytes

# A Pelaksana (standard level 1 on all nine) with levels summing to 15: 166,67 uncapped, 100 capped.
LEVELS = [2, 2, 2, 2, 2, 1, 1, 1, 2]


@pytest.fixture
def store(real_store):
    return real_store


def cact_file(nip: str, jpm: str) -> bytes:
    return csv_bytes([["NIP", *(name for _, name, _ in K_FIELDS), "JPM (%)"], [nip, *LEVELS, jpm]])


def a_pelaksana(store) -> str:
    return store._frame("SELECT nip FROM asn_period WHERE period = 2025 AND jenjang_jabatan = 'Pelaksana'"
                        " ORDER BY nip LIMIT 1")["nip"].item()


def test_imported_cact_jpm_is_stored_and_is_the_persons_jpm(store):
    nip = a_pelaksana(store)
    result = pipeline.run(store, cact_file(nip, "57,86"), "cact.csv", actor="uji", period=2025, kind="assessment",
                          constants={"sumber": "CACT"})
    assert result.batch_id is not None, result.outcome.messages()
    stored = store._frame("SELECT jpm_sumber, k_integritas FROM assessment WHERE period = 2025 AND nip = ?", [nip])
    assert stored["jpm_sumber"].tolist() == [57.86] and stored["k_integritas"].tolist() == [2]

    rules = store.rules(2025)
    pop = store.population(2025, Filters())
    person = pop[pop["nip"] == nip]
    got = place(person, rules).iloc[0]
    assert got["jpm"] == 57.86 and got["jpm_asal"] == JPM_OFFICIAL
    assert got["jpm_hitung"] == 100.0                     # computed, capped per competency by default
    assert (got["jpm_pemetaan"], got["jpm_seleksi"]) == ("Kurang Optimal", "Kurang Memenuhi Syarat")
    # without the cap the computed value is the 166,67 the profile used to show; the JPM stays the file's
    uncapped = place(person, replace(rules, jpm_cap=False)).iloc[0]
    assert uncapped["jpm"] == 57.86 and uncapped["jpm_hitung"] == pytest.approx(166.67)


def test_a_jpm_above_100_is_refused_and_changes_nothing(store):
    nip = a_pelaksana(store)
    before = store.dump_table("assessment")
    result = pipeline.run(store, cact_file(nip, "166,67"), "cact.csv", actor="uji", period=2025, kind="assessment",
                          constants={"sumber": "CACT"})
    assert result.batch_id is None
    assert "JPM" in " ".join(result.outcome.messages())
    assert store.dump_table("assessment").equals(before)
