"""Accounts in the data layer: passwords, scopes per role, audit rows, export safety (login throttling:
test_login_throttle.py)."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from analytics.engine import place
from data import auth
from data.exports import safe_cell, safe_frame
from data.store import Filters, Scope, StoreError, open_store

PASSWORD = "Kota-Serang-2026"
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def store(real_db, tmp_path):
    path = tmp_path / "auth.duckdb"
    shutil.copy(real_db, path)
    s = open_store(path)
    yield s
    s.close()


def _audit_rows(s):
    return s.audit_entries(limit=100_000)


def test_password_is_stored_only_as_an_argon2id_hash(store):
    auth.add_user(store, "admin", "Admin", "admin", None, PASSWORD, "uji")
    h = store.user("admin")["password_hash"]
    assert h.startswith("$argon2id$") and PASSWORD not in h
    path = store.path
    store._con.execute("CHECKPOINT")
    assert PASSWORD.encode() not in path.read_bytes()
    assert PASSWORD not in store.audit_entries().to_string()


def test_login_success_and_generic_failure_messages(store):
    auth.add_user(store, "komite1", "Komite", "komite", None, PASSWORD, "uji")
    user, problem = auth.authenticate(store, "Komite1 ", PASSWORD)  # case and spaces forgiven
    assert problem is None and user.role == "komite" and user.scope == Scope.everything()
    assert user.can("kalibrasi") and not user.can("impor")
    _, wrong = auth.authenticate(store, "komite1", "salah")
    _, unknown = auth.authenticate(store, "tidakada", "salah")
    assert wrong == unknown == auth.WRONG  # no hint whether the user exists


def test_disabled_user_cannot_log_in(store):
    auth.add_user(store, "op.dinkes", "Operator", "operator", "DINKES", PASSWORD, "uji")
    auth.set_active(store, "op.dinkes", False, "admin")
    assert auth.authenticate(store, "op.dinkes", PASSWORD) == (None, auth.WRONG)


@pytest.mark.parametrize(("role", "opd", "problem"), [
    ("operator", None, "memerlukan --opd"), ("operator", "TIDAK-ADA", "memerlukan --opd"),
    ("raja", None, "tidak dikenal"), ("admin", None, "paling sedikit 10"),
])
def test_user_validation(store, role, opd, problem):
    password = "pendek" if problem == "paling sedikit 10" else PASSWORD
    with pytest.raises(StoreError, match=problem):
        auth.add_user(store, "baru", "Baru", role, opd, password, "uji")


def test_operator_sees_only_their_opd_in_every_query(store):
    auth.add_user(store, "op.dinkes", "Operator Dinkes", "operator", "DINKES", PASSWORD, "uji")
    user, _ = auth.authenticate(store, "op.dinkes", PASSWORD)
    scope = user.scope
    assert scope == Scope(("DINKES",))
    pop = store.population(2025, scope=scope)
    assert len(pop) > 0 and set(pop["opd_id"]) == {"DINKES"}
    everyone = store.population(2025)
    assert store.headline(2025, scope=scope)["asn"] == len(pop) < len(everyone)
    # a crafted filter for another OPD, or a NIP from another OPD, gives nothing
    assert store.population(2025, Filters(opd_ids=("BKPSDM",)), scope=scope).empty
    outsider = everyone.loc[everyone["opd_id"] != "DINKES", "nip"]
    outsider = outsider[~outsider.isin(store.population(2024, scope=scope)["nip"])].iloc[0]
    assert store.population(2025, nips=[outsider], scope=scope).empty
    assert store.person_periods(outsider, scope=scope) == []
    disciplined = store.dump_table("discipline")["nip"]
    other = [n for n in disciplined if n not in set(pop["nip"])][0]
    assert store.discipline_of(other, scope=scope).empty and not store.discipline_of(other).empty
    posts = store.target_posts(scope=scope)
    assert set(posts["opd_id"]) <= {"DINKES"}
    # the engine on the scoped population places only Dinkes people
    assert set(place(pop, store.rules(2025))["nip"]) <= set(pop["nip"])


def test_roles_with_all_scope_see_everyone_and_empty_scope_sees_nothing(store):
    for role in ("admin", "komite", "pimpinan"):
        auth.add_user(store, role + "1", role, role, None, PASSWORD, "uji")
        user, _ = auth.authenticate(store, role + "1", PASSWORD)
        assert len(store.population(2025, scope=user.scope)) == len(store.population(2025))
    assert store.population(2025, scope=Scope(())).empty
    assert store.headline(2025, scope=Scope(()))["asn"] == 0


def test_every_audited_action_leaves_exactly_one_row(store, tmp_path):
    def one(action_prefix, fn):
        before = _audit_rows(store)
        fn()
        after = _audit_rows(store)
        new = after[~after["audit_id"].isin(before["audit_id"])]
        assert len(new) == 1, (action_prefix, new)
        assert new.iloc[0]["action"].startswith(action_prefix)
        return new.iloc[0]

    one("pengguna:tambah", lambda: auth.add_user(store, "admin", "Admin", "admin", None, PASSWORD, "uji"))
    one("login:berhasil", lambda: auth.authenticate(store, "admin", PASSWORD))
    one("login:gagal", lambda: auth.authenticate(store, "admin", "salah"))
    one("login:gagal", lambda: auth.authenticate(store, "siapa", "salah"))
    one("pengguna:reset", lambda: auth.reset_password(store, "admin", "Lain-Lagi-2026", "uji"))
    one("pengguna:nonaktifkan", lambda: auth.set_active(store, "admin", False, "uji"))
    row = one("aturan:batas", lambda: store.save_cutoff(2025, "potensial", 88, 75, "admin"))
    assert row["actor"] == "admin" and "88" in row["detail"]


def test_export_boxes_cli_is_audited_and_neutralises_cells(store, tmp_path):
    out = tmp_path / "kotak.csv"
    store.close()
    before = open_store(store.path)
    n = len(before.audit_entries())
    before.close()
    r = subprocess.run([sys.executable, "-m", "data", "--db", str(store.path), "export-boxes", "--period", "2025",
                        "--out", str(out)], cwd=ROOT, capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    s = open_store(store.path)
    entries = s.audit_entries()
    assert len(entries) == n + 1 and entries.iloc[0]["action"] == "ekspor:kotak"
    s.close()
    frame = pd.read_csv(out, dtype=str)
    assert list(frame.columns) == ["nip", "kategori_kinerja", "kategori_potensial", "kotak"]


@pytest.mark.parametrize(("value", "expected"), [
    ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"), ("+62", "'+62"), ("-1+1", "'-1+1"),
    ("@SUM(A1)", "'@SUM(A1)"), ("Siti", "Siti"), (12, 12), (None, None),
])
def test_exported_cells_that_look_like_formulas_are_neutralised(value, expected):
    assert safe_cell(value) == expected


def test_safe_frame_covers_values_and_headers():
    f = safe_frame(pd.DataFrame({"=nama": ["=1+1", "Budi"], "n": [1, 2]}))
    assert list(f.columns) == ["'=nama", "n"] and f["'=nama"].tolist() == ["'=1+1", "Budi"]


def test_import_report_neutralises_formula_cells(store):
    import io

    import openpyxl

    from data.importing import pipeline
    from data.importing.report import report_xlsx
    from tests.import_helpers import PERSONNEL_HEADER, new_nips, personnel_rows, xlsx

    rows = personnel_rows(new_nips(2))
    rows[0][1] = '@HYPERLINK("http://contoh.invalid","klik")'  # '=' would be a formula in the input itself
    table = pipeline.read(xlsx([PERSONNEL_HEADER, *rows]), "jebakan.xlsx")
    kind = pipeline.resolve_kind(table, None)
    outcome = pipeline.check(store, table, kind, pipeline.default_mapping(store, table, kind), 2025, None)
    wb = openpyxl.load_workbook(io.BytesIO(report_xlsx(outcome)))
    cells = [c for ws in wb.worksheets for row in ws.iter_rows() for c in row]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    assert any(c.value == "'" + rows[0][1] for c in cells)
