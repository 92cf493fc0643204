"""The data layer: migrations, rule overrides per period, audit, filters."""
from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from data.store import Filters, Store, StoreError, open_store

STORE_DIR = Path(__file__).resolve().parents[2] / "data" / "store"


@pytest.fixture
def db(demo_db, tmp_path):
    path = tmp_path / "s.duckdb"
    shutil.copy(demo_db, path)
    s = open_store(path)
    yield s
    s.close()


def test_migrations_are_recorded_and_idempotent(tmp_path):
    s = open_store(tmp_path / "m.duckdb")
    version = s.schema_version()
    assert version >= 2
    assert s.migrate() == []  # nothing pending the second time
    assert s.schema_version() == version
    s.close()


def test_saved_cutoff_applies_to_its_period_only_and_is_audited(db):
    before = db.count_rows("audit_log")
    v0 = db.data_version()
    db.save_cutoff(2025, "potensial", 80, 70, "tester")
    assert db.rules(2025).cutoff("potensial") == ("nilai", 80.0, 70.0)
    assert db.rules(2024).cutoff("potensial") == ("nilai", 90.0, 78.0)  # default untouched
    assert db.count_rows("audit_log") == before + 1
    assert db.data_version() != v0  # pages' caches see the change
    db.save_cutoff(2025, "potensial", 79, 69, "tester")  # replaces, never duplicates
    cut = db.table("rule_cutoff")
    assert len(cut[(cut["period"] == 2025) & (cut["sumbu"] == "potensial")]) == 1


def test_cutoff_validation(db):
    with pytest.raises(StoreError, match="menengah tidak boleh"):
        db.save_cutoff(2025, "potensial", 60, 70, "tester")
    with pytest.raises(StoreError):
        db.save_cutoff(2025, "lainnya", 80, 70, "tester")


def test_finalised_period_rejects_rule_changes(db):
    con = db._cur()
    con.execute("UPDATE period SET status = 'ditetapkan' WHERE period = 2024")
    with pytest.raises(StoreError, match="sudah ditetapkan"):
        db.save_cutoff(2024, "potensial", 80, 70, "tester")


def test_population_filters_are_parameterised(db):
    everyone = db.population(2025)
    dinkes = db.population(2025, Filters(opd_ids=("DINKES",)))
    assert 0 < len(dinkes) < len(everyone) and set(dinkes["opd_id"]) == {"DINKES"}
    hostile = db.population(2025, Filters(opd_ids=("DINKES' OR '1'='1",)))
    assert hostile.empty
    one = db.population(2025, nips=[everyone["nip"].iloc[0]])
    assert one["nip"].tolist() == [everyone["nip"].iloc[0]]


def test_population_columns_nips_and_compact_text(db):
    """National scale: callers read only their columns, a pool by NIP, text as categoricals."""
    import pandas as pd

    everyone = db.population(2025)
    assert everyone["nip"].is_monotonic_increasing and everyone["nip"].is_unique
    narrow = db.population(2025, columns=["opd_nama", "k_integritas", "no_such_column"])
    assert narrow.columns.tolist() == ["nip", "opd_nama", "k_integritas"]
    pd.testing.assert_frame_equal(narrow, everyone[narrow.columns.tolist()])
    # low-cardinality text is categorical with sorted categories, so it sorts and compares as text
    opd = everyone["opd_nama"]
    assert isinstance(opd.dtype, pd.CategoricalDtype) and list(opd.cat.categories) == sorted(opd.dropna().unique())
    assert everyone.sort_values("opd_nama")["opd_nama"].astype(str).is_monotonic_increasing
    assert not isinstance(everyone["nama"].dtype, pd.CategoricalDtype)
    # a pool of NIPs is a semi-join; an empty pool reads nobody (not everybody)
    pool = everyone["nip"].iloc[::7].to_numpy()
    assert db.population(2025, nips=pool)["nip"].tolist() == sorted(pool)
    assert db.population(2025, nips=[]).empty
    assert db.predikat_history(2025, 2, nips=[]).empty
    assert set(db.predikat_history(2025, 2, nips=pool[:5])["nip"]) == set(pool[:5])
    assessed = db.population(2025, assessed_only=True)
    pd.testing.assert_frame_equal(assessed, everyone[everyone["sumber"].notna()].reset_index(drop=True),
                                  check_dtype=False, check_categorical=False)  # fewer categories


def test_lock_held_by_another_process_gives_one_clear_sentence(tmp_path):
    import subprocess
    import sys
    path = tmp_path / "locked.duckdb"
    open_store(path).close()
    holder = subprocess.Popen([sys.executable, "-c",
                               f"import duckdb,time; c=duckdb.connect({str(path)!r}); print('ok', flush=True); time.sleep(30)"],
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "ok"
        with pytest.raises(StoreError, match="sedang dipakai proses lain"):
            open_store(path)
    finally:
        holder.kill()


def test_population_uses_latest_valid_assessment(db):
    pop = db.population(2025)
    assessed = pop[pop["sumber"].notna()]
    assert set(assessed["periode_asesmen"]) <= {2024, 2025}
    # officials have both AC and CACT in 2025; AC has priority
    both = assessed[assessed["jenis_jabatan"].isin(["JPT", "Administrator", "Pengawas"]) &
                    (assessed["periode_asesmen"] == 2025)]
    assert (both["sumber"] == "AC").all()


def test_population_pieces_are_nip_ranges_that_make_up_the_population(db):
    """Placements are computed piece by piece at national scale: the pieces must be exactly the
    population, in NIP order, whatever the filters."""
    for f in (Filters(), Filters(opd_ids=("DINKES", "BKPSDM"))):
        whole = db.population(2025, f)
        rows = -(-len(whole) // 5)
        pieces = list(db.population_pieces(2025, f, rows=rows))
        assert len(pieces) == 5
        nips = pd.concat([p["nip"] for p in pieces], ignore_index=True)
        assert nips.tolist() == whole["nip"].tolist()          # each person once, in order
        assert all(len(p) < 2 * rows for p in pieces)
        joined = pd.concat([p.astype({c: object for c in p.columns if p[c].dtype == "category"}) for p in pieces],
                           ignore_index=True)
        expected = whole.astype({c: object for c in whole.columns if whole[c].dtype == "category"})
        pd.testing.assert_frame_equal(joined, expected, check_dtype=False)


def test_population_pieces_of_a_small_population_is_one_query(db):
    pieces = list(db.population_pieces(2025, columns=["predikat"], rows=10_000_000))
    assert len(pieces) == 1 and list(pieces[0].columns) == ["nip", "predikat"]


def test_every_write_goes_through_one_transaction_helper_and_one_audit_helper():
    """The store's modules write the audit log only through ``_audit`` and open write
    transactions only in ``ConnectionBase._transaction`` (read-only ones stay where they are read)."""
    sources = {f.name: f.read_text(encoding="utf-8") for f in STORE_DIR.glob("*.py")}
    assert [n for n, text in sources.items() if "INSERT INTO audit_log" in text] == ["audit.py"]
    assert [n for n, text in sources.items() if '"BEGIN TRANSACTION"' in text] == ["connection.py"]
    assert all(text.count("BEGIN TRANSACTION") == text.count("BEGIN TRANSACTION READ ONLY")
               for n, text in sources.items() if n != "connection.py")
    assert sorted(n for n, text in sources.items() if "_write_lock" in text) == ["connection.py", "snapshot.py"]


def test_every_import_kind_can_be_undone_and_named():
    """The importer's kinds are the ones undo knows a plan and a word for."""
    from data.importing.fields import KINDS
    from data.kinds import KIND_NOUNS

    assert set(KINDS) == set(KIND_NOUNS) == set(Store._IMPORT_PLAN)


def test_a_failed_write_leaves_no_trace(db):
    """A write that fails after it has deleted rows rolls all of it back, audit entry included."""
    before, audited = db.calibration_reasons(active_only=False), db.count_rows("audit_log")
    with pytest.raises(StoreError, match="Aturan tidak disimpan"):
        db.save_rule_rows("calibration_reason", pd.DataFrame({"kode": ["x"], "no_such_column": [1]}), "uji")
    pd.testing.assert_frame_equal(db.calibration_reasons(active_only=False), before)
    assert db.count_rows("audit_log") == audited
