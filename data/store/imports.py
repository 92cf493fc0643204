"""Imports: validation reference, remembered column mappings, writing a batch and undoing it.

``_IMPORT_PLAN`` says which tables each kind writes and how: 'add' inserts reference rows not yet
there (a new period or OPD), 'upsert' replaces rows with the same key, 'replace' replaces every row
of the scope (kind + period, and for assessments the sources in the file). In a table with a primary
key (``_IN_PLACE``) a replaced row is updated in place and only the rows that go are deleted: DuckDB
commits a delete and re-insert of the same primary keys slowly (~2.5 s CPU for 100k ASN; a second drop
of a 100k period took 7.2 s CPU to commit, its undo 7.6 s). What an import deletes
or overwrites is kept in ``import_replaced_<table>`` under the importing batch, so undo restores
exactly the previous state.
"""
from __future__ import annotations

import json
from collections.abc import Sequence

import duckdb
import pandas as pd

from data.kinds import KIND_NOUNS
from data.store.audit import _audit
from data.store.connection import _guard_period, _ident
from data.store.datasets import DatasetsMixin
from data.store.errors import StoreError

MSG_WRITE_FAILED = "Impor gagal ditulis ke basis data; tidak ada yang diubah ({why})."


class ImportsMixin(DatasetsMixin):
    _IMPORT_PLAN: dict[str, tuple[tuple[str, str, str], ...]] = {
        "personnel": (("period", "add", "period"), ("opd", "add", "opd_id"), ("asn", "upsert", "nip"),
                      ("asn_period", "replace", "period = ?")),
        "performance": (("performance", "replace", "period = ?"),),
        "assessment": (("assessment", "replace", "period = ? AND list_contains(?, sumber)"),),
        "discipline": (("discipline", "replace", "true"),),
        "target-posts": (("opd", "add", "opd_id"), ("target_post", "replace", "true")),
        # a person's whole history is replaced by the file's rows for that NIP; other NIPs stay
        "position-history": (("position_history", "upsert", "nip"),),
    }
    # tables written in place on their primary key (see the module's docstring)
    _IN_PLACE: dict[str, tuple[str, ...]] = {"asn": ("nip",), "asn_period": ("period", "nip"),
                                             "performance": ("period", "nip")}
    _SHADOWED = ("asn", "asn_period", "performance", "assessment", "discipline", "target_post", "position_history")

    def import_reference(self, period: int | None, known_nips: bool = False, personnel_nips: bool = True) -> dict:
        """What import validation needs to know about the database, read in one go. The NIPs of
        ``period`` (when ``personnel_nips``) and of every ASN (when ``known_nips``) come as
        pyarrow-backed text columns: a national register is ~30 bytes a NIP, not a Python set."""
        cur = self._cur()
        try:
            status = dict(cur.execute("SELECT period, status FROM period").fetchall())

            def nips(sql: str, params: list) -> pd.Series:
                return cur.sql(sql, params=params).to_arrow_table().column(0).to_pandas()

            none = pd.Series([], dtype="str")
            personnel = nips("SELECT nip FROM asn_period WHERE period = ?", [period]) \
                if period is not None and personnel_nips else none
            known = nips("SELECT nip FROM asn", []) if known_nips else none
            return {
                "period_status": {int(k): v for k, v in status.items()},
                "personnel_nips": personnel,
                "known_nips": known,
                "opd": cur.sql("SELECT opd_id, nama, singkatan FROM opd ORDER BY opd_id").to_arrow_table().to_pandas(),
                "levels": dict(cur.execute(
                    "SELECT jenjang_jabatan, jenis_jabatan FROM job_level ORDER BY urutan DESC").fetchall()),
                "predikat": [r[0] for r in cur.execute(
                    "SELECT predikat FROM rule_predikat ORDER BY urutan DESC").fetchall()],
                "predikat_pairs": {(h, p): v for h, p, v in cur.execute(
                    "SELECT hasil_kerja, perilaku, predikat FROM rule_predikat_pair").fetchall()},
                "education": [r[0] for r in cur.execute(
                    "SELECT tingkat FROM education_level ORDER BY urutan").fetchall()],
            }
        finally:
            cur.close()

    def import_mappings(self, kind: str) -> dict[str, str]:
        """Remembered column mappings of a kind: header key → field ('' = ignore)."""
        cur = self._cur()
        try:
            return dict(cur.execute("SELECT header_key, field FROM import_mapping WHERE kind = ?", [kind]).fetchall())
        finally:
            cur.close()

    def import_mapping_entries(self, kind: str) -> pd.DataFrame:
        """Remembered column mappings of a kind with who chose them and when (to explain them)."""
        return self._frame("SELECT header_key, header, field, updated_by, updated_at FROM import_mapping"
                           " WHERE kind = ? ORDER BY header", [kind])

    def save_import_mapping(self, kind: str, entries: Sequence[tuple[str, str, str | None]], actor: str) -> None:
        """Remember (header key, header, field) choices ('' = ignore); field None forgets the key.
        Audited as 'impor-pemetaan' (not 'impor:…': a mapping changes no data, so the data
        version and the pages' caches stay)."""
        with self._transaction() as cur:
            for key, header, field in entries:
                cur.execute("DELETE FROM import_mapping WHERE kind = ? AND header_key = ?", [kind, key])
                if field is not None:
                    cur.execute("INSERT INTO import_mapping (kind, header_key, header, field, updated_by)"
                                " VALUES (?, ?, ?, ?, ?)", [kind, key, header, field, actor])
            _audit(cur, actor, "impor-pemetaan", f"pemetaan:{kind}",
                   {"kolom": {header: field for _, header, field in entries}})

    def demo_replacement(self) -> dict | None:
        """What the first real import removes while the database holds the synthetic demo (None
        when it does not): the demo periods and the number of rows of each kind of record."""
        if not self.has_synthetic_data():
            return None
        cur = self._cur()
        try:
            periods = [int(r[0]) for r in cur.execute("SELECT period FROM period ORDER BY period").fetchall()]
            names = ("asn", "target_post", "discipline", "calibration", "discussion", "development_action",
                     "performance", "assessment")
            counts = cur.execute("SELECT " + ", ".join(f"(SELECT count(*) FROM {_ident(t)})" for t in names)).fetchone()
        finally:
            cur.close()
        return {"periods": periods, **{t: int(n) for t, n in zip(names, counts)}}

    def _shadow_columns(self, cur: duckdb.DuckDBPyConnection, table: str) -> list[str]:
        """Columns of ``table`` (live), adding any the shadow table lacks. The tables found in agreement are
        remembered, all of them from one catalog query (one took ~10 ms inside a write, and a drop asked for
        eight): the schema changes only by a migration when the store opens, and this process holds the file."""
        in_sync = self.__dict__.setdefault("_shadow_in_sync", {})
        if table in in_sync:
            return list(in_sync[table])
        columns: dict[str, list[tuple[str, str]]] = {}
        for tn, c, t in cur.execute("SELECT table_name, column_name, data_type FROM duckdb_columns()"
                                    " WHERE database_name = current_database() AND schema_name = 'main'"
                                    " ORDER BY table_name, column_index").fetchall():
            columns.setdefault(tn, []).append((c, t))
        for name, live in columns.items():
            shadow = {c for c, _ in columns.get(f"import_replaced_{name}", ())}
            missing = [(c, t) for c, t in live if c not in shadow]
            if shadow and not missing:
                in_sync[name] = tuple(c for c, _ in live)
            elif name == table:   # remembered once the ALTER is committed: by the next call that finds it in step
                for c, t in missing:
                    cur.execute(f"ALTER TABLE {_ident('import_replaced_' + table)} ADD COLUMN {_ident(c)} {t}")
        return [c for c, _ in columns.get(table, [])]

    def write_import(self, kind: str, period: int | None, frames: dict[str, pd.DataFrame], *, actor: str,
                     scope: dict | None = None, file_name: str | None = None, file_hash: str | None = None,
                     row_count: int | None = None, warning_count: int = 0) -> int:
        """Write one validated import as one batch in one transaction; returns the batch id.

        Rows the import replaces are kept for :meth:`undo_import`. All or nothing.
        """
        if kind not in self._IMPORT_PLAN:
            raise StoreError(f"Jenis impor tidak dikenal: {kind}.")
        try:
            with self._transaction(period=period, new_period_ok=True) as cur:   # the period lock
                return self._write_batch(cur, kind, period, frames, actor=actor, scope=scope, file_name=file_name,
                                         file_hash=file_hash, row_count=row_count, warning_count=warning_count)
        except duckdb.Error as exc:
            raise StoreError(MSG_WRITE_FAILED.format(why=str(exc).splitlines()[0])) from None

    def write_imports(self, items: Sequence[dict], *, actor: str) -> list[int]:
        """Write several validated imports (one drop of a period's files) in ONE transaction, in the
        order given (personnel first); returns their batch ids. Each item has the keyword arguments
        of :meth:`write_import` (kind, period, frames, scope, file_name, file_hash, row_count,
        warning_count). With more than one item the batches share ``drop_id`` (the first batch id),
        and :meth:`undo_import` undoes them as one step. Each batch is audited ('impor:<kind>', its
        ``drop``). A failure in any item writes nothing; the period lock is checked for every period."""
        if not items:
            return []
        for item in items:
            if item["kind"] not in self._IMPORT_PLAN:
                raise StoreError(f"Jenis impor tidak dikenal: {item['kind']}.")
        periods = sorted({int(i["period"]) for i in items if i.get("period") is not None})
        ids: list[int] = []
        try:
            with self._transaction(period=periods[0] if periods else None, new_period_ok=True) as cur:
                for other in periods[1:]:   # the period lock, for a drop that spans periods
                    _guard_period(cur, other, True)
                drop_id = int(cur.execute("SELECT coalesce(max(batch_id), 0) + 1 FROM import_batch").fetchone()[0]) \
                    if len(items) > 1 else None   # the first batch's id
                for item in items:
                    ids.append(self._write_batch(cur, actor=actor, drop_id=drop_id, **item))
        except duckdb.Error as exc:
            raise StoreError(MSG_WRITE_FAILED.format(why=str(exc).splitlines()[0])) from None
        return ids

    def _write_batch(self, cur: duckdb.DuckDBPyConnection, kind: str, period: int | None,
                     frames: dict[str, pd.DataFrame], *, actor: str, scope: dict | None = None,
                     file_name: str | None = None, file_hash: str | None = None, row_count: int | None = None,
                     warning_count: int = 0, drop_id: int | None = None) -> int:
        """Inside the caller's transaction: one import batch (its rows, what they replace, its audit)."""
        scope = scope or {}
        params_for = {"period = ?": [period], "true": [],
                      "period = ? AND list_contains(?, sumber)": [period, list(scope.get("sumber", []))]}
        main = self._IMPORT_PLAN[kind][-1][0]
        rows = int(row_count if row_count is not None else len(frames.get(main, ())))
        if cur.execute("SELECT count(*) FROM import_batch WHERE source = 'sintetis'"
                       " AND undone_at IS NULL").fetchone()[0]:
            # the first real import ends the demo: real and synthetic rows never mix
            self._clear_personal(cur, actor, "impor data nyata pertama menggantikan data sintetis",
                                 keep_reference=True)
            ended_demo = True
        else:
            ended_demo = False
        batch_id = int(cur.execute("SELECT coalesce(max(batch_id), 0) + 1 FROM import_batch").fetchone()[0])
        cur.execute(
            "INSERT INTO import_batch (batch_id, kind, period, source, file_name, file_hash, row_count,"
            " warning_count, created_by, scope, drop_id) VALUES (?, ?, ?, 'impor', ?, ?, ?, ?, ?, ?, ?)",
            [batch_id, kind, period, file_name, file_hash, rows, warning_count, actor,
             json.dumps(scope) if scope else None, drop_id])
        for table, mode, key in self._IMPORT_PLAN[kind]:
            frame = frames.get(table)
            if frame is None:
                frame = pd.DataFrame()
            incoming = frame.reset_index(drop=True).assign(batch_id=batch_id) if len(frame) else None
            if incoming is not None:
                cur.register("_incoming", incoming)
            cols = ", ".join(_ident(c) for c in incoming.columns) if incoming is not None else ""
            if mode == "add":
                if incoming is not None:
                    cur.execute(f"INSERT INTO {_ident(table)} ({cols}) SELECT {cols} FROM _incoming"
                                f" WHERE {_ident(key)} NOT IN (SELECT {_ident(key)} FROM {_ident(table)})")
            else:
                live = ", ".join(_ident(c) for c in self._shadow_columns(cur, table))
                shadow = _ident(f"import_replaced_{table}")
                if mode == "upsert":
                    if incoming is None:
                        continue
                    where = f"{_ident(key)} IN (SELECT {_ident(key)} FROM _incoming)"
                    params: list = []
                else:
                    where, params = key, params_for[key]
                cur.execute(f"INSERT INTO {shadow} (undo_batch_id, {live}) SELECT ?, {live}"
                            f" FROM {_ident(table)} WHERE {where}", [batch_id, *params])
                if table in self._IN_PLACE:     # the rows that go deleted, the file's rows merged in
                    keys = self._IN_PLACE[table]
                    source = "_incoming" if incoming is not None else None
                    if mode == "replace":
                        cur.execute(f"DELETE FROM {_ident(table)} t WHERE ({where})"
                                    + (f" AND NOT EXISTS (SELECT 1 FROM _incoming i WHERE {_same(keys)})"
                                       if source else ""), params)
                    if source:
                        _merge(cur, table, keys, source, list(incoming.columns), self._shadow_columns(cur, table))
                        cur.unregister("_incoming")
                    continue
                cur.execute(f"DELETE FROM {_ident(table)} WHERE {where}", params)
                if incoming is not None:
                    cur.execute(f"INSERT INTO {_ident(table)} ({cols}) SELECT {cols} FROM _incoming")
            if incoming is not None:
                cur.unregister("_incoming")
        if ended_demo:  # synthetic periods and OPDs the real data does not use go too
            # (DISTINCT: a handful of values to look up, not a hash of every row)
            cur.execute("DELETE FROM period WHERE period NOT IN (SELECT DISTINCT period FROM asn_period)")
            cur.execute("DELETE FROM opd WHERE opd_id NOT IN (SELECT DISTINCT opd_id FROM asn_period)"
                        " AND opd_id NOT IN (SELECT DISTINCT opd_id FROM target_post WHERE opd_id IS NOT NULL)")
        _audit(cur, actor, f"impor:{kind}", f"batch:{batch_id}",
               {"period": period, "rows": rows, "warnings": warning_count, "file": file_name,
                "hash": file_hash, **({"scope": scope} if scope else {}),
        **({"drop": drop_id} if drop_id else {})})
        return batch_id

    def last_import(self, kind: str, period: int | None) -> dict | None:
        """The latest import of a kind and period that has not been undone."""
        f = self._frame(
            "SELECT batch_id, kind, period, file_name, row_count, warning_count, created_by, created_at, drop_id"
            " FROM import_batch WHERE kind = ? AND period IS NOT DISTINCT FROM ? AND source = 'impor'"
            " AND undone_at IS NULL ORDER BY batch_id DESC LIMIT 1", [kind, period])
        return None if f.empty else f.iloc[0].to_dict()

    def import_history(self, limit: int = 200) -> pd.DataFrame:
        return self._frame(
            "SELECT batch_id, created_at, kind, period, source, file_name, row_count, warning_count,"
            " created_by, undone_at, undone_by FROM import_batch ORDER BY batch_id DESC LIMIT ?", [limit])

    # kinds whose rows of a period are read through that period's personnel rows (asn_period): undoing
    # the personnel import under them would leave them orphaned
    _DEPENDS_ON_PERSONNEL = ("performance", "assessment")

    _DEPENDENTS_SQL = (
        "SELECT d.batch_id, d.kind, d.period FROM import_batch d WHERE d.source = 'impor' AND d.undone_at IS NULL"
        " AND d.period = ? AND d.batch_id > ? AND list_contains(?, d.kind)"
        " AND (CAST(? AS INTEGER) IS NULL OR d.drop_id IS DISTINCT FROM ?) ORDER BY d.batch_id DESC")

    def undoable_imports(self) -> pd.DataFrame:
        """Per kind and period, the latest import that has not been undone, with ``locked`` (its period
        is finalised: undo is refused) and, for a personnel import, ``dependents`` / ``dependent_kinds``:
        the later not-undone imports of its period that read its rows (newest first)."""
        return self._frame(
            "WITH latest AS (SELECT batch_id, kind, period, file_name, row_count, created_by, created_at, drop_id"
            " FROM import_batch WHERE source = 'impor' AND undone_at IS NULL AND list_contains(?, kind)"
            " QUALIFY row_number() OVER (PARTITION BY kind, period ORDER BY batch_id DESC) = 1)"
            " SELECT l.*, coalesce(p.status = 'ditetapkan', false) AS locked,"
            " coalesce((SELECT list(d.batch_id ORDER BY d.batch_id DESC) FROM import_batch d"
            "   WHERE l.kind = 'personnel' AND d.source = 'impor' AND d.undone_at IS NULL AND d.period = l.period"
            "   AND d.batch_id > l.batch_id AND list_contains(?, d.kind) AND (l.drop_id IS NULL"
            "   OR d.drop_id IS DISTINCT FROM l.drop_id)), []) AS dependents,"
            " coalesce((SELECT list(d.kind ORDER BY d.batch_id DESC) FROM import_batch d"
            "   WHERE l.kind = 'personnel' AND d.source = 'impor' AND d.undone_at IS NULL AND d.period = l.period"
            "   AND d.batch_id > l.batch_id AND list_contains(?, d.kind) AND (l.drop_id IS NULL"
            "   OR d.drop_id IS DISTINCT FROM l.drop_id)), []) AS dependent_kinds,"
            " coalesce((SELECT list(m.batch_id ORDER BY m.batch_id DESC) FROM import_batch m WHERE l.drop_id IS NOT NULL"
            "   AND m.drop_id = l.drop_id AND m.undone_at IS NULL), []) AS drop_batches,"
            " coalesce((SELECT list(m.kind ORDER BY m.batch_id DESC) FROM import_batch m WHERE l.drop_id IS NOT NULL"
            "   AND m.drop_id = l.drop_id AND m.undone_at IS NULL), []) AS drop_kinds"
            " FROM latest l LEFT JOIN period p ON p.period = l.period ORDER BY l.batch_id DESC",
            [list(self._IMPORT_PLAN), list(self._DEPENDS_ON_PERSONNEL), list(self._DEPENDS_ON_PERSONNEL)])

    def undo_import(self, kind: str, period: int | None, actor: str, with_dependents: bool = False) -> dict:
        """Undo the latest import of a kind and period: its rows go, the rows it replaced return.

        Refused (:class:`PeriodLocked`) when its period is finalised, and (StoreError) when a later
        import has since replaced rows this one wrote, or when the demo data was rebuilt after it. A
        personnel import is refused while later imports of its period read its rows (performance,
        assessment), unless ``with_dependents``: then those are undone first, newest first, in the
        same transaction and audited as one step. An import written in one drop with other files
        (``drop_id``, :meth:`write_imports`) is undone with all of them, newest first, as one step.
        Returns the import's row with ``together`` (the other batch ids undone with it).
        """
        last = self.last_import(kind, period)

        def what(k: str, p) -> str:
            return KIND_NOUNS.get(k, k) + (f" periode {p}" if p is not None else "")

        if last is None or kind not in self._IMPORT_PLAN:
            raise StoreError(f"Tidak ada impor {what(kind, period)} yang dapat dibatalkan.")
        batch_id = int(last["batch_id"])
        drop_id = None if pd.isna(last.get("drop_id")) else int(last["drop_id"])
        try:
            with self._transaction(period=period, new_period_ok=True) as cur:   # the period lock
                # a drop (several files written together) is undone as one step, newest batch first
                members = [(batch_id, kind, period)] if drop_id is None else [
                    (int(b), k, p) for b, k, p in cur.execute(
                        "SELECT batch_id, kind, period FROM import_batch WHERE drop_id = ? AND undone_at IS NULL"
                        " ORDER BY batch_id DESC", [drop_id]).fetchall()]
                together: list[int] = []
                for member_id, member_kind, member_period in members:
                    if member_kind == "personnel":
                        dependents = cur.execute(self._DEPENDENTS_SQL, [member_period, member_id,
                                                                        list(self._DEPENDS_ON_PERSONNEL),
                                                                        drop_id, drop_id]).fetchall()
                        if dependents and not with_dependents:
                            named = ", ".join(f"#{b} ({what(k, p)})" for b, k, p in dependents)
                            raise StoreError(f"Impor #{member_id} ({what(member_kind, member_period)}) tidak dapat "
                                             f"dibatalkan sendiri: impor sesudahnya memakai data pegawainya: {named}. "
                                             "Batalkan impor itu lebih dulu, atau batalkan semuanya bersama-sama.")
                        for dep_id, dep_kind, _ in dependents:
                            self._undo_batch(cur, int(dep_id), dep_kind, actor, what)
                            together.append(int(dep_id))
                    self._undo_batch(cur, member_id, member_kind, actor, what)
                    if member_id != batch_id:
                        together.append(member_id)
                _audit(cur, actor, "impor:batal", f"batch:{batch_id}", {
                    "kind": kind, "period": period, **({"bersama": together} if together else {}),
                    **({"drop": drop_id} if drop_id is not None else {})})
        except duckdb.Error as exc:
            raise StoreError(f"Pembatalan impor #{batch_id} gagal; tidak ada yang diubah "
                             f"({str(exc).splitlines()[0]}).") from None
        return {**last, "batch_id": batch_id, "together": together}

    def _undo_batch(self, cur: duckdb.DuckDBPyConnection, batch_id: int, kind: str, actor: str, what) -> None:
        """Inside the caller's transaction: undo one batch (checks first), without auditing it."""
        later_demo = cur.execute("SELECT min(batch_id) FROM import_batch WHERE source = 'sintetis'"
                                 " AND batch_id > ?", [batch_id]).fetchone()[0]
        if later_demo is not None:
            raise StoreError(f"Impor #{batch_id} tidak dapat dibatalkan: data peragaan dibangun ulang "
                             "sesudahnya.")
        for table in self._SHADOWED:
            row = cur.execute(
                f"SELECT b.batch_id, b.kind, b.period FROM {_ident('import_replaced_' + table)} s"
                " JOIN import_batch b ON b.batch_id = s.undo_batch_id"
                " WHERE s.batch_id = ? AND s.undo_batch_id <> ? AND b.undone_at IS NULL"
                " ORDER BY b.batch_id LIMIT 1", [batch_id, batch_id]).fetchone()
            if row:
                raise StoreError(f"Impor #{batch_id} tidak dapat dibatalkan karena sebagian datanya sudah "
                                 f"diganti oleh impor #{row[0]} ({what(row[1], row[2])}). Batalkan impor "
                                 "itu lebih dulu.")
        for table, mode, _ in reversed(self._IMPORT_PLAN[kind]):
            if mode == "add":
                continue
            columns = self._shadow_columns(cur, table)
            live = ", ".join(_ident(c) for c in columns)
            shadow = _ident(f"import_replaced_{table}")
            if table in self._IN_PLACE:     # the copied rows back in place, then the rows the batch added go
                keys = self._IN_PLACE[table]
                cur.execute(f"CREATE OR REPLACE TEMP TABLE _restore AS SELECT {live} FROM {shadow}"
                            " WHERE undo_batch_id = ?", [batch_id])
                _merge(cur, table, keys, "_restore", columns, columns)
                cur.execute(f"DELETE FROM {_ident(table)} t WHERE batch_id = ? AND NOT EXISTS"
                            f" (SELECT 1 FROM _restore i WHERE {_same(keys)})", [batch_id])
                cur.execute("DROP TABLE _restore")
            else:
                cur.execute(f"DELETE FROM {_ident(table)} WHERE batch_id = ?", [batch_id])
                cur.execute(f"INSERT INTO {_ident(table)} ({live}) SELECT {live} FROM {shadow}"
                            " WHERE undo_batch_id = ?", [batch_id])
            cur.execute(f"DELETE FROM {shadow} WHERE undo_batch_id = ?", [batch_id])
        # reference rows this batch added, unless something still uses them
        cur.execute("DELETE FROM opd WHERE batch_id = ? AND opd_id NOT IN ("
                    " SELECT opd_id FROM asn_period WHERE opd_id IS NOT NULL"
                    " UNION ALL SELECT opd_id FROM target_post WHERE opd_id IS NOT NULL)", [batch_id])
        cur.execute("DELETE FROM period WHERE batch_id = ? AND period NOT IN ("
                    " SELECT period FROM asn_period UNION ALL SELECT period FROM performance"
                    " UNION ALL SELECT period FROM assessment)", [batch_id])
        cur.execute("UPDATE import_batch SET undone_at = current_timestamp, undone_by = ? WHERE batch_id = ?",
                    [actor, batch_id])


def _same(keys: tuple[str, ...]) -> str:
    """i.k = t.k for each key column (``t`` the table, ``i`` the rows compared)."""
    return " AND ".join(f"i.{_ident(k)} = t.{_ident(k)}" for k in keys)


def _merge(cur: duckdb.DuckDBPyConnection, table: str, keys: tuple[str, ...], source: str, columns: list[str],
           live: list[str]) -> None:
    """Rows of ``source`` into ``table``: a row whose primary key ``keys`` is there replaces it in place
    (every column: those ``source`` lacks become NULL, as a delete and insert would leave them), the
    others are added."""
    cols = ", ".join(_ident(c) for c in columns)
    given = set(columns)
    sets = ", ".join(f"{_ident(c)} = " + (f"excluded.{_ident(c)}" if c in given else "NULL")
                     for c in live if c not in keys)
    cur.execute(f"INSERT INTO {_ident(table)} ({cols}) SELECT {cols} FROM {source}"
                f" ON CONFLICT ({', '.join(_ident(k) for k in keys)}) DO UPDATE SET {sets}")
