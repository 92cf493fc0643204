"""The data layer: the only module that holds SQL statements.

One DuckDB connection per process (the file can only be opened read-write by
one process), one cursor per query so that Streamlit sessions on different
threads never share a busy connection. Results come back as pandas frames
through Arrow, which is several times faster than ``.df()``.
"""
from __future__ import annotations

import json
import os
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

import duckdb
import pandas as pd

from analytics.rules import RuleSet

MIGRATIONS_DIR = Path(__file__).parent / "migrations"
DEFAULT_DB = Path(__file__).parent / "talenta.duckdb"


class StoreError(RuntimeError):
    """An error whose message (Indonesian) can be shown to a user as is."""


def db_path() -> Path:
    """Database file: ``$TALENTA_DB`` or ``data/talenta.duckdb``."""
    return Path(os.environ.get("TALENTA_DB") or DEFAULT_DB)


def _friendly(exc: Exception, path: Path) -> StoreError:
    text = str(exc)
    if "lock" in text.lower() or "conflicting" in text.lower():
        return StoreError(
            f"Basis data {path} sedang dipakai proses lain (misalnya dashboard yang sedang "
            "berjalan). Hentikan proses itu atau lakukan impor lewat halaman Impor Data, "
            "lalu coba lagi."
        )
    if "not a valid duckdb" in text.lower() or "corrupt" in text.lower() or "magic" in text.lower():
        return StoreError(
            f"Berkas basis data {path} rusak atau bukan berkas DuckDB. Pulihkan dari cadangan "
            "atau pindahkan berkas itu lalu jalankan `python -m data demo`."
        )
    return StoreError(f"Basis data {path} tidak dapat dibuka: {text.splitlines()[0]}")


@dataclass(frozen=True)
class Filters:
    """Global filters shared by every page. Empty tuple = no restriction."""

    opd_ids: tuple[str, ...] = ()
    jenis_jabatan: tuple[str, ...] = ()
    jenis_asn: tuple[str, ...] = ()


class Store:
    """Owns one DuckDB connection and every SQL statement of the product."""

    def __init__(self, path: Path | str | None = None, read_only: bool = False):
        self.path = Path(path) if path is not None else db_path()
        self.read_only = read_only
        self._write_lock = threading.Lock()
        try:
            if not read_only:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            self._con = duckdb.connect(str(self.path), read_only=read_only)
        except duckdb.Error as exc:  # lock held elsewhere, damaged file, ...
            raise _friendly(exc, self.path) from None

    # -- plumbing -----------------------------------------------------------
    def close(self) -> None:
        self._con.close()

    def _cur(self) -> duckdb.DuckDBPyConnection:
        return self._con.cursor()

    def _frame(self, sql: str, params: Sequence | None = None) -> pd.DataFrame:
        cur = self._cur()
        try:
            return cur.sql(sql, params=params).to_arrow_table().to_pandas()
        finally:
            cur.close()

    def _scalar(self, sql: str, params: Sequence | None = None):
        cur = self._cur()
        try:
            row = cur.execute(sql, params or []).fetchone()
            return None if row is None else row[0]
        finally:
            cur.close()

    # -- migrations ---------------------------------------------------------
    def migrate(self) -> list[str]:
        """Apply pending numbered migrations, each in its own transaction."""
        cur = self._cur()
        try:
            cur.execute(
                "CREATE TABLE IF NOT EXISTS schema_migrations ("
                " version INTEGER PRIMARY KEY, name VARCHAR NOT NULL,"
                " applied_at TIMESTAMP NOT NULL DEFAULT current_timestamp)"
            )
            done = {r[0] for r in cur.execute("SELECT version FROM schema_migrations").fetchall()}
            applied = []
            for f in sorted(MIGRATIONS_DIR.glob("[0-9][0-9][0-9]_*.sql")):
                version = int(f.name[:3])
                if version in done:
                    continue
                cur.execute("BEGIN TRANSACTION")
                try:
                    cur.execute(f.read_text(encoding="utf-8"))
                    cur.execute(
                        "INSERT INTO schema_migrations (version, name) VALUES (?, ?)",
                        [version, f.name],
                    )
                    cur.execute("COMMIT")
                except Exception:
                    cur.execute("ROLLBACK")
                    raise
                applied.append(f.name)
            return applied
        finally:
            cur.close()

    def schema_version(self) -> int:
        try:
            return int(self._scalar("SELECT coalesce(max(version), 0) FROM schema_migrations"))
        except duckdb.CatalogException:
            return 0

    # -- writing ------------------------------------------------------------
    def replace_dataset(
        self,
        frames: dict[str, pd.DataFrame],
        *,
        kind: str,
        period: int | None,
        source: str,
        actor: str,
        file_name: str | None = None,
        file_hash: str | None = None,
        warning_count: int = 0,
        replace_where: dict[str, str] | None = None,
    ) -> int:
        """Write several tables as one import batch in one transaction.

        ``frames`` maps table name to rows (columns named as in the schema).
        ``replace_where`` maps table name to a WHERE clause (using ``?`` for the
        period) whose rows are deleted first; tables not listed are appended.
        Returns the new batch id. All or nothing.
        """
        replace_where = replace_where or {}
        with self._write_lock:
            cur = self._cur()
            try:
                cur.execute("BEGIN TRANSACTION")
                batch_id = int(cur.execute(
                    "SELECT coalesce(max(batch_id), 0) + 1 FROM import_batch").fetchone()[0])
                rows = int(sum(len(f) for f in frames.values()))
                cur.execute(
                    "INSERT INTO import_batch (batch_id, kind, period, source, file_name,"
                    " file_hash, row_count, warning_count, created_by) VALUES (?,?,?,?,?,?,?,?,?)",
                    [batch_id, kind, period, source, file_name, file_hash, rows, warning_count, actor],
                )
                for table, where in replace_where.items():
                    params = [period] * where.count("?")
                    cur.execute(f"DELETE FROM {_ident(table)} WHERE {where}", params)
                for table, frame in frames.items():
                    if frame.empty:
                        continue
                    frame = frame.copy()
                    if "batch_id" in self.columns(table):
                        frame["batch_id"] = batch_id
                    cur.register("_incoming", frame)
                    cols = ", ".join(_ident(c) for c in frame.columns)
                    cur.execute(f"INSERT INTO {_ident(table)} ({cols}) SELECT {cols} FROM _incoming")
                    cur.unregister("_incoming")
                cur.execute(
                    "INSERT INTO audit_log (actor, action, entity, detail) VALUES (?, ?, ?, ?)",
                    [actor, f"impor:{kind}", f"batch:{batch_id}",
                     json.dumps({"period": period, "rows": rows, "file": file_name, "source": source})],
                )
                cur.execute("COMMIT")
                return batch_id
            except Exception:
                cur.execute("ROLLBACK")
                raise
            finally:
                cur.close()

    def wipe_personal_data(self, actor: str) -> None:
        """Remove every personnel, performance, assessment and post row (demo rebuild)."""
        with self._write_lock:
            cur = self._cur()
            try:
                cur.execute("BEGIN TRANSACTION")
                for table in ("assessment", "performance", "discipline", "target_post",
                              "asn_period", "asn", "opd", "period"):
                    cur.execute(f"DELETE FROM {table}")
                cur.execute(
                    "INSERT INTO audit_log (actor, action, entity, detail) VALUES (?, 'hapus-data', NULL, NULL)",
                    [actor],
                )
                cur.execute("COMMIT")
            except Exception:
                cur.execute("ROLLBACK")
                raise
            finally:
                cur.close()

    def audit(self, actor: str, action: str, entity: str | None = None, detail: dict | None = None) -> None:
        cur = self._cur()
        try:
            cur.execute(
                "INSERT INTO audit_log (actor, action, entity, detail) VALUES (?, ?, ?, ?)",
                [actor, action, entity, json.dumps(detail) if detail is not None else None],
            )
        finally:
            cur.close()

    # -- metadata -----------------------------------------------------------
    _columns_cache: dict[str, list[str]] = {}

    def columns(self, table: str) -> list[str]:
        if table not in self._columns_cache:
            f = self._frame(
                "SELECT column_name FROM information_schema.columns WHERE table_name = ?"
                " ORDER BY ordinal_position", [table])
            self._columns_cache[table] = f["column_name"].tolist()
        return self._columns_cache[table]

    def data_version(self) -> tuple:
        """Changes whenever imported data or rules change: a cache key for pages."""
        cur = self._cur()
        try:
            return tuple(cur.execute(
                "SELECT (SELECT count(*) FROM import_batch), (SELECT coalesce(max(audit_id), 0) FROM audit_log"
                " WHERE action LIKE 'aturan:%' OR action LIKE 'impor:%' OR action = 'hapus-data')"
            ).fetchone())
        finally:
            cur.close()

    def has_synthetic_data(self) -> bool:
        return bool(self._scalar(
            "SELECT count(*) > 0 FROM import_batch WHERE source = 'sintetis' AND undone_at IS NULL"))

    def has_real_data(self) -> bool:
        return bool(self._scalar(
            "SELECT count(*) > 0 FROM import_batch WHERE source = 'impor' AND undone_at IS NULL"))

    def periods(self) -> list[int]:
        return self._frame("SELECT period FROM period ORDER BY period")["period"].tolist()

    def setting(self, key: str) -> str | None:
        return self._scalar("SELECT value FROM setting WHERE key = ?", [key])

    def opd(self) -> pd.DataFrame:
        return self._frame("SELECT opd_id, nama, singkatan, kelompok FROM opd ORDER BY nama")

    def job_levels(self) -> pd.DataFrame:
        return self._frame("SELECT * FROM job_level ORDER BY urutan DESC")

    def table(self, name: str) -> pd.DataFrame:
        """Whole small table (rules, reference data). Not for personal data."""
        if name not in _PUBLIC_TABLES:
            raise StoreError(f"Tabel {name} tidak boleh dibaca utuh.")
        return self._frame(f"SELECT * FROM {_ident(name)}")

    # -- rules --------------------------------------------------------------
    def rules(self, period: int) -> RuleSet:
        """The rule set in force for a period (period rows override the defaults)."""
        scheme = self.setting("skema_kotak") or "nasional"

        def per_period(table: str, keys: str) -> pd.DataFrame:
            # rows of this period win over default (NULL-period) rows, per key
            return self._frame(
                f"SELECT * EXCLUDE (rk) FROM (SELECT *, row_number() OVER (PARTITION BY {keys}"
                f" ORDER BY period NULLS LAST) AS rk FROM {_ident(table)}"
                f" WHERE period = ? OR period IS NULL) WHERE rk = 1 OR period IS NOT NULL",
                [period],
            )

        weights = per_period("rule_axis_weight", "sumbu, komponen")
        # if a period defines any weight for an axis, it defines the whole axis
        if weights["period"].notna().any():
            own = weights.groupby("sumbu")["period"].transform(lambda s: s.notna().any())
            weights = weights[~own | weights["period"].notna()]
        return RuleSet(
            period=period,
            boxes=self._frame("SELECT * FROM rule_box WHERE skema = ? ORDER BY kotak", [scheme]),
            predikat=self._frame("SELECT * FROM rule_predikat ORDER BY urutan DESC"),
            predikat_pair=self._frame("SELECT * FROM rule_predikat_pair"),
            legacy_score=self._frame("SELECT * FROM rule_legacy_score ORDER BY batas_bawah DESC"),
            weights=weights.reset_index(drop=True),
            cutoffs=per_period("rule_cutoff", "sumbu").reset_index(drop=True),
            education=self._frame("SELECT * FROM education_level"),
            integrity=self._frame("SELECT * FROM rule_integrity"),
            skj=self._frame("SELECT * FROM rule_skj"),
            competencies=self._frame("SELECT * FROM competency ORDER BY kelompok, urutan"),
            jpm_bands=self._frame("SELECT * FROM rule_jpm_band ORDER BY skema, batas_bawah DESC"),
            jpm_cap=(self.setting("jpm_maksimal_100") or "tidak") == "ya",
        )

    # -- personnel ----------------------------------------------------------
    def population(self, period: int, filters: Filters = Filters()) -> pd.DataFrame:
        """One row per ASN of the period with everything the talent engine reads.

        The assessment used is the most recent one no older than the validity
        setting, preferring the source with the best priority within a period.
        """
        validity = int(self.setting("masa_berlaku_asesmen_tahun") or 1)
        where, params = _filter_sql(filters)
        sql = f"""
        WITH pop AS (
            SELECT ap.*, a.nama, a.gelar_depan, a.gelar_belakang, a.tanggal_lahir,
                   a.jenis_kelamin, a.jenis_asn
            FROM asn_period ap JOIN asn a USING (nip)
            WHERE ap.period = ? {where}
        ),
        asm AS (
            SELECT s.* EXCLUDE (period, batch_id, assessment_id), s.period AS periode_asesmen
            FROM assessment s JOIN assessment_source src USING (sumber)
            WHERE s.period <= ? AND s.period > ? - ? AND s.nip IN (SELECT nip FROM pop)
            QUALIFY row_number() OVER (PARTITION BY s.nip
                    ORDER BY s.period DESC, src.prioritas, s.tanggal DESC NULLS LAST) = 1
        ),
        hukdis AS (
            SELECT nip, max(CASE tingkat WHEN 'berat' THEN 3 WHEN 'sedang' THEN 2 ELSE 1 END) AS lvl
            FROM discipline
            WHERE tanggal_mulai <= make_date(? , 12, 31)
              AND (tanggal_selesai IS NULL OR tanggal_selesai >= make_date(?, 1, 1))
            GROUP BY nip
        )
        SELECT pop.*, o.nama AS opd_nama, o.singkatan AS opd_singkatan,
               pf.predikat, pf.hasil_kerja, pf.perilaku, pf.nilai_legacy,
               pf.penghargaan, pf.penugasan_tim, pf.umpan_balik,
               asm.* EXCLUDE (nip),
               CASE hukdis.lvl WHEN 3 THEN 'berat' WHEN 2 THEN 'sedang' WHEN 1 THEN 'ringan'
                    ELSE 'tidak ada' END AS hukdis_aktif
        FROM pop
        LEFT JOIN opd o USING (opd_id)
        LEFT JOIN performance pf ON pf.period = pop.period AND pf.nip = pop.nip
        LEFT JOIN asm ON asm.nip = pop.nip
        LEFT JOIN hukdis ON hukdis.nip = pop.nip
        ORDER BY pop.nip
        """
        return self._frame(sql, [period, *params, period, period, validity, period, period])

    def headline(self, period: int, filters: Filters = Filters()) -> dict:
        """Counts for Beranda that need no engine run."""
        where, params = _filter_sql(filters)
        cur = self._cur()
        try:
            asn_count, profiled_cact = cur.execute(
                f"""SELECT count(*),
                       count(*) FILTER (WHERE ap.nip IN (SELECT nip FROM assessment
                                        WHERE period = ? AND sumber = 'CACT'))
                    FROM asn_period ap JOIN asn a USING (nip) WHERE ap.period = ? {where}""",
                [period, period, *params],
            ).fetchone()
            vacant = cur.execute("SELECT count(*) FROM target_post WHERE lowong").fetchone()[0]
        finally:
            cur.close()
        quota = int(self.setting("kuota_cact") or 0)
        return {"asn": int(asn_count), "profiled_cact": int(profiled_cact),
                "quota_cact": quota, "vacant_posts": int(vacant)}

    def target_posts(self) -> pd.DataFrame:
        return self._frame(
            "SELECT t.*, o.nama AS opd_nama FROM target_post t LEFT JOIN opd o USING (opd_id)"
            " ORDER BY lowong DESC, jabatan")

    def count_rows(self, table: str, period: int | None = None) -> int:
        if table not in _COUNTABLE:
            raise StoreError(f"Tabel {table} tidak dikenal.")
        if period is None:
            return int(self._scalar(f"SELECT count(*) FROM {table}"))
        return int(self._scalar(f"SELECT count(*) FROM {table} WHERE period = ?", [period]))

    def dump_table(self, table: str) -> pd.DataFrame:
        """Every row of a table in a stable order (for tests and backups)."""
        if table not in _COUNTABLE and table not in _PUBLIC_TABLES:
            raise StoreError(f"Tabel {table} tidak dikenal.")
        cols = [c for c in self.columns(table) if c not in ("batch_id", "assessment_id", "discipline_id")]
        order = ", ".join(_ident(c) for c in cols)
        return self._frame(f"SELECT {order} FROM {_ident(table)} ORDER BY {order}")


_PUBLIC_TABLES = {
    "job_level", "competency", "rule_box", "rule_predikat", "rule_predikat_pair",
    "rule_legacy_score", "rule_axis_weight", "rule_cutoff", "education_level",
    "rule_integrity", "rule_skj", "rule_jpm_band", "rule_retirement", "rule_eligibility",
    "assessment_source", "setting", "opd", "period",
}
_COUNTABLE = {"asn", "asn_period", "performance", "assessment", "discipline", "target_post",
              "import_batch", "audit_log", "opd", "period"}


def _ident(name: str) -> str:
    if not name.replace("_", "").isalnum():
        raise StoreError(f"Nama kolom atau tabel tidak sah: {name!r}")
    return f'"{name}"'


def _filter_sql(filters: Filters) -> tuple[str, list]:
    """Parameterised WHERE fragment for the global filters (aliases ap, a)."""
    parts, params = [], []
    for column, values in (("ap.opd_id", filters.opd_ids),
                           ("ap.jenis_jabatan", filters.jenis_jabatan),
                           ("a.jenis_asn", filters.jenis_asn)):
        if values:
            parts.append(f"list_contains(?, {column})")
            params.append(list(values))
    return ("".join(f" AND {p}" for p in parts), params)


def open_store(path: Path | str | None = None, read_only: bool = False) -> Store:
    """Open (and, when writable, migrate) the database."""
    store = Store(path, read_only=read_only)
    if not read_only:
        store.migrate()
    return store

