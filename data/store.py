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
from contextlib import contextmanager
from typing import Iterator, Sequence

import duckdb
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from analytics.rules import RuleSet
from data.frames import concat_pieces

MIGRATIONS_DIR = Path(__file__).parent / "migrations"
DEFAULT_DB = Path(__file__).parent / "talenta.duckdb"
# DuckDB's own working memory (it spills to ``<db>.tmp`` beyond it). Bounded so that a national-size
# query leaves room for the frames it returns: the dashboard fits 4 GB at 4.7M ASN (issue 10).
DUCKDB_MEMORY = os.environ.get("TALENTA_DUCKDB_MEMORY", "512MB")
# ... and while this process writes: the primary-key indexes a write touches cannot spill, and a national
# roll's (9M period rows) need more than the read-time bound (the 4.7M build failed at 1GB). Default: 80% of
# RAM, DuckDB's own default. Reads running meanwhile may use it too; writes are rare admin steps.
DUCKDB_WRITE_MEMORY = os.environ.get("TALENTA_DUCKDB_WRITE_MEMORY") or (
    f"{int(os.sysconf('SC_PAGE_SIZE') * os.sysconf('SC_PHYS_PAGES') * 0.8) // 2**20}MB")
# Text columns of the population that stay text; every other text column comes back as a categorical
# with sorted categories (sorts and compares as text, 1–2 bytes a person instead of 20–40).
_FREE_TEXT = frozenset({"nip", "nama"})


class StoreError(RuntimeError):
    """An error whose message (Indonesian) can be shown to a user as is."""


class DatabaseLocked(StoreError):
    """Another process (usually the running dashboard) holds the database file."""


def db_path() -> Path:
    """Database file: ``$TALENTA_DB`` or ``data/talenta.duckdb``."""
    return Path(os.environ.get("TALENTA_DB") or DEFAULT_DB)


def _friendly(exc: Exception, path: Path) -> StoreError:
    text = str(exc)
    if "could not set lock" in text.lower() or "conflicting lock" in text.lower():  # not "block"
        return DatabaseLocked(
            f"Basis data {path} sedang dipakai proses lain (misalnya dashboard yang sedang "
            "berjalan): lakukan impor lewat halaman Impor Data di dashboard itu, atau hentikan "
            "proses itu lalu coba lagi."
        )
    from data.backup import damage_message  # backup, restore and recovery (issue 10)
    if (damaged := damage_message(path, text)) is not None:
        return StoreError(damaged)
    return StoreError(f"Basis data {path} tidak dapat dibuka: {text.splitlines()[0]}")


@dataclass(frozen=True)
class Filters:
    """Global filters shared by every page. Empty tuple = no restriction."""

    opd_ids: tuple[str, ...] = ()
    jenis_jabatan: tuple[str, ...] = ()
    jenis_asn: tuple[str, ...] = ()


@dataclass(frozen=True)
class Scope:
    """Which OPDs a caller may see. ``opd_ids=None`` means every OPD.

    Every query over personal data takes a scope and applies it in SQL, so no
    filter value, URL parameter or NIP typed by a user can reach other OPDs.
    """

    opd_ids: tuple[str, ...] | None = None

    @staticmethod
    def everything() -> "Scope":
        return Scope(None)

    def allows(self, opd_id: str | None) -> bool:
        return self.opd_ids is None or opd_id in self.opd_ids

    @property
    def params(self) -> list:
        """Parameters for :func:`in_scope`: (sees everything?, the OPD list)."""
        return [self.opd_ids is None, list(self.opd_ids or ())]


def in_scope(column: str) -> str:
    """SQL condition 'this OPD column is inside the scope'; bind ``Scope.params`` to it."""
    return f"(? OR list_contains(?, {column}))"


EVERYTHING = Scope(None)


class Store:
    """Owns one DuckDB connection and every SQL statement of the product."""

    def __init__(self, path: Path | str | None = None, read_only: bool = False):
        self.path = Path(path) if path is not None else db_path()
        self.read_only = read_only
        self._write_lock = _WriteGate(self)
        try:
            if not read_only:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            self._con = duckdb.connect(str(self.path), read_only=read_only, config={
                "memory_limit": DUCKDB_MEMORY, "allocator_background_threads": True})
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

    @contextmanager
    def _transaction(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """One write transaction on its own cursor, serialised within this process: all or nothing."""
        with self._write_lock:
            cur = self._cur()
            try:
                cur.execute("BEGIN TRANSACTION")
                yield cur
                cur.execute("COMMIT")
            except BaseException:
                cur.execute("ROLLBACK")
                raise
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

    # every table holding rows about people or their periods; a demo rebuild or the first real
    # import empties them all, so synthetic and real records never mix
    _PERSONAL_TABLES = ("calibration", "discussion", "development_action", "assessment", "performance",
                        "discipline", "target_post", "asn_period", "asn", "opd", "period")

    def _clear_personal(self, cur: duckdb.DuckDBPyConnection, actor: str, reason: str,
                        keep_reference: bool = False) -> None:
        """Inside a caller's transaction: delete all personal rows, retire every batch, audit it.

        ``keep_reference`` keeps the OPD and period lists, which an import validated against;
        :meth:`_prune_reference` removes the ones left unused afterwards.
        """
        for table in self._PERSONAL_TABLES:
            if keep_reference and table in ("opd", "period"):
                continue
            cur.execute(f"DELETE FROM {table}")
        for (table,) in cur.execute(
                "SELECT table_name FROM information_schema.tables WHERE table_name LIKE 'import_replaced_%'"
        ).fetchall():
            cur.execute(f"DELETE FROM {_ident(table)}")
        cur.execute("UPDATE import_batch SET undone_at = current_timestamp WHERE undone_at IS NULL")
        cur.execute("INSERT INTO audit_log (actor, action, entity, detail) VALUES (?, 'hapus-data', NULL, ?)",
                    [actor, json.dumps({"alasan": reason})])

    def wipe_personal_data(self, actor: str) -> None:
        """Remove every personnel, performance, assessment and post row (demo rebuild)."""
        with self._transaction() as cur:
            self._clear_personal(cur, actor, "bangun ulang data")

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
        """Changes whenever imported data or rules change: a cache key for pages.

        While this thread holds a :meth:`snapshot`, the version of that snapshot."""
        if (held := self._open_snapshot()) is not None:
            return held.version
        cur = self._cur()
        try:
            return tuple(cur.execute(
                "SELECT (SELECT count(*) FROM import_batch), (SELECT coalesce(max(audit_id), 0) FROM audit_log"
                " WHERE action LIKE 'aturan:%' OR action LIKE 'impor:%'"
                " OR action IN ('hapus-data', 'kalibrasi:pindah', 'kalibrasi:penetapan'))"
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
    def population(self, period: int, filters: Filters = Filters(), nips: Sequence[str] | None = None,
                   scope: Scope = EVERYTHING, columns: Sequence[str] | None = None,
                   assessed_only: bool = False) -> pd.DataFrame:
        """One row per ASN of the period (sorted by NIP) with everything the talent engine reads.

        The assessment used is the most recent one no older than the validity
        setting, preferring the source with the best priority within a period.
        ``columns`` keeps only those (and ``nip``; names the data lacks are skipped): at national
        scale a caller asks for what it reads. Text other than NIP and name comes back categorical.
        ``assessed_only`` keeps the people with a valid assessment (competency analyses: a third of them).
        """
        if nips is None:   # read in NIP ranges (see population_pieces), joined column by column
            return concat_pieces(list(self.population_pieces(period, filters, scope, columns,
                                                             assessed_only=assessed_only)))
        cur = self._cur()
        try:
            reader = self._population_relation(cur, period, filters, nips, scope, columns,
                                               assessed_only).to_arrow_reader(250_000)
            return _compact_frame(reader, sort_by="nip")
        finally:
            cur.close()

    def population_pieces(self, period: int, filters: Filters = Filters(), scope: Scope = EVERYTHING,
                          columns: Sequence[str] | None = None, rows: int = 500_000,
                          assessed_only: bool = False) -> Iterator[pd.DataFrame]:
        """:meth:`population` in pieces of about ``rows`` people (at least one piece), each a range of
        NIPs, in NIP order: for work done per person (the talent engine). Each piece is its own query,
        so DuckDB's joins build on a piece, not on the whole population (measured at 4.7M ASN: 1.5 GB
        less at the peak), and a caller placing piece by piece never holds a national population.
        Consume it inside the snapshot it was started in."""
        cur = self._cur()
        try:
            cuts = self._nip_cuts(cur, period, filters, scope, rows)
            for lo, hi in zip([None, *cuts], [*cuts, None]):
                # streamed in batches and sorted in Arrow: an ORDER BY would make DuckDB hold every row first
                reader = self._population_relation(cur, period, filters, None, scope, columns, assessed_only,
                                                   (lo, hi)).to_arrow_reader(250_000)
                yield _compact_frame(reader, sort_by="nip")
        finally:
            cur.close()

    def _nip_cuts(self, cur: duckdb.DuckDBPyConnection, period: int, filters: Filters, scope: Scope,
                  rows: int) -> list[str]:
        """NIPs that cut the period's population into ranges of about ``rows`` people (from a sample:
        the ranges only need to be roughly even)."""
        where, params = _filter_sql(filters, scope)
        base = f"FROM asn_period ap JOIN asn a USING (nip) WHERE ap.period = ? {where}"
        n = int(cur.execute(f"SELECT count(*) {base}", [period, *params]).fetchone()[0])
        pieces = -(-n // rows)
        if pieces <= 1:
            return []
        sample = sorted(r[0] for r in cur.execute(
            f"SELECT ap.nip {base} USING SAMPLE reservoir(20000 ROWS) REPEATABLE (7)", [period, *params]).fetchall())
        return sorted({sample[len(sample) * i // pieces] for i in range(1, pieces)})

    def _population_relation(self, cur: duckdb.DuckDBPyConnection, period: int, filters: Filters,
                             nips: Sequence[str] | None, scope: Scope, columns: Sequence[str] | None,
                             assessed_only: bool,
                             nip_range: tuple[str | None, str | None] = (None, None)) -> duckdb.DuckDBPyRelation:
        """The population query of :meth:`population` (same arguments) on ``cur``; ``nip_range``
        (from, before) keeps a range of NIPs, in every table read, so each join stays that small."""
        validity = int(self.setting("masa_berlaku_asesmen_tahun") or 1)
        where, params = _filter_sql(filters, scope)
        if nips is not None:  # a semi-join: a pool of a million NIPs costs one hash join, not a scan per row
            where += " AND ap.nip IN (SELECT unnest(?::VARCHAR[]))"
            params.append(list(nips))
        span, span_params = "", []
        for op, bound in zip((">=", "<"), nip_range):
            if bound is not None:
                span += f" AND nip {op} ?"
                span_params.append(bound)
        sql = f"""
        WITH pop AS (
            SELECT ap.*, a.nama, a.gelar_depan, a.gelar_belakang, a.tanggal_lahir,
                   a.jenis_kelamin, a.jenis_asn
            FROM (SELECT * FROM asn_period WHERE period = ? {span}) ap
            JOIN (SELECT * FROM asn WHERE true {span}) a USING (nip)
            WHERE true {where}
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
              AND (tanggal_selesai IS NULL OR tanggal_selesai >= make_date(?, 1, 1)) {span}
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
        LEFT JOIN (SELECT * FROM performance WHERE period = ? {span}) pf ON pf.nip = pop.nip
        LEFT JOIN asm ON asm.nip = pop.nip
        LEFT JOIN hukdis ON hukdis.nip = pop.nip
        {"WHERE asm.nip IS NOT NULL" if assessed_only else ""}
        """
        params = [period, *span_params, *span_params, *params, period, period, validity, period, period,
                  *span_params, period, *span_params]
        names = [d[0] for d in cur.execute(f"SELECT * FROM ({sql}) LIMIT 0", params).description]
        keep = names if columns is None else [c for c in names if c == "nip" or c in set(columns)]
        return cur.sql(f"SELECT {', '.join(_ident(c) for c in keep)} FROM ({sql})", params=params)

    def headline(self, period: int, filters: Filters = Filters(), scope: Scope = EVERYTHING) -> dict:
        """Counts for Beranda that need no engine run."""
        where, params = _filter_sql(filters, scope)
        cur = self._cur()
        try:
            asn_count, profiled_cact = cur.execute(
                f"""SELECT count(*),
                       count(*) FILTER (WHERE ap.nip IN (SELECT nip FROM assessment
                                        WHERE period = ? AND sumber = 'CACT'))
                    FROM asn_period ap JOIN asn a USING (nip) WHERE ap.period = ? {where}""",
                [period, period, *params],
            ).fetchone()
            vacant = cur.execute(
                f"SELECT count(*) FROM target_post WHERE lowong AND {in_scope('opd_id')}",
                scope.params).fetchone()[0]
        finally:
            cur.close()
        quota = int(self.setting("kuota_cact") or 0)
        return {"asn": int(asn_count), "profiled_cact": int(profiled_cact),
                "quota_cact": quota, "vacant_posts": int(vacant)}

    def person_periods(self, nip: str, scope: Scope = EVERYTHING) -> list[int]:
        """Periods in which this NIP has a situation record inside the scope."""
        return self._frame(
            f"SELECT period FROM asn_period WHERE nip = ? AND {in_scope('opd_id')} ORDER BY period",
            [nip, *scope.params])["period"].tolist()

    def discipline_of(self, nip: str, scope: Scope = EVERYTHING) -> pd.DataFrame:
        """Disciplinary records of a person, only if the person is ever inside the scope."""
        return self._frame(
            "SELECT tingkat, jenis, tanggal_mulai, tanggal_selesai, keterangan FROM discipline"
            f" WHERE nip = ? AND nip IN (SELECT nip FROM asn_period WHERE {in_scope('opd_id')})"
            " ORDER BY tanggal_mulai DESC", [nip, *scope.params])

    def save_cutoff(self, period: int, sumbu: str, batas_tinggi: float, batas_menengah: float,
                    actor: str) -> None:
        """Set a period's own cut-offs for an axis (replacing earlier ones) and audit it."""
        if sumbu not in ("kinerja", "potensial"):
            raise StoreError(f"Sumbu tidak dikenal: {sumbu}.")
        if batas_menengah > batas_tinggi:
            raise StoreError("Batas menengah tidak boleh lebih tinggi dari batas tinggi.")
        if self._scalar("SELECT status FROM period WHERE period = ?", [period]) == "ditetapkan":
            raise StoreError(f"Periode {period} sudah ditetapkan; aturannya tidak dapat diubah.")
        with self._transaction() as cur:
            before = cur.execute(
                "SELECT metode, batas_tinggi, batas_menengah FROM rule_cutoff WHERE sumbu = ?"
                " AND (period = ? OR period IS NULL) ORDER BY period NULLS LAST LIMIT 1",
                [sumbu, period]).fetchone()
            cur.execute("DELETE FROM rule_cutoff WHERE period = ? AND sumbu = ?", [period, sumbu])
            cur.execute(
                "INSERT INTO rule_cutoff VALUES (?, ?, 'nilai', ?, ?, ?)",
                [period, sumbu, batas_tinggi, batas_menengah,
                 f"Ditetapkan oleh {actor} untuk periode {period}"])
            cur.execute(
                "INSERT INTO audit_log (actor, action, entity, detail) VALUES (?, 'aturan:batas', ?, ?)",
                [actor, f"periode:{period}:{sumbu}", json.dumps({
                    "sebelum": None if before is None else {"metode": before[0], "tinggi": before[1],
                                                             "menengah": before[2]},
                    "sesudah": {"metode": "nilai", "tinggi": batas_tinggi, "menengah": batas_menengah}})])

    def target_posts(self, scope: Scope = EVERYTHING) -> pd.DataFrame:
        return self._frame(
            "SELECT t.*, o.nama AS opd_nama FROM target_post t LEFT JOIN opd o USING (opd_id)"
            f" WHERE {in_scope('t.opd_id')} ORDER BY lowong DESC, jabatan",
            scope.params)

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

    # -- calibration (issue 6) -----------------------------------------------
    def period_status(self, period: int) -> dict:
        f = self._frame("SELECT status, finalised_at, finalised_by FROM period WHERE period = ?", [period])
        if f.empty:
            raise StoreError(f"Periode {period} tidak ada.")
        return f.iloc[0].to_dict()

    def _require_open(self, cur: duckdb.DuckDBPyConnection, period: int) -> None:
        row = cur.execute("SELECT status FROM period WHERE period = ?", [period]).fetchone()
        if row is None:
            raise StoreError(f"Periode {period} tidak ada.")
        if row[0] == "ditetapkan":
            raise StoreError(f"Periode {period} sudah ditetapkan; hasilnya tidak dapat diubah lagi.")

    def _require_in_scope(self, cur: duckdb.DuckDBPyConnection, period: int, nip: str, scope: Scope) -> None:
        ok = cur.execute("SELECT count(*) FROM asn_period WHERE period = ? AND nip = ?"
                         f" AND {in_scope('opd_id')}",
                         [period, nip, *scope.params]).fetchone()[0]
        if not ok:
            raise StoreError(f"ASN {nip} tidak ada pada periode {period} dalam lingkup Anda.")

    def calibration_reasons(self, active_only: bool = True) -> pd.DataFrame:
        return self._frame("SELECT * FROM calibration_reason WHERE aktif OR NOT ? ORDER BY urutan", [active_only])

    def calibrations(self, period: int, scope: Scope = EVERYTHING) -> pd.DataFrame:
        return self._frame(
            "SELECT c.* FROM calibration c JOIN asn_period ap USING (period, nip)"
            f" WHERE c.period = ? AND {in_scope('ap.opd_id')} ORDER BY c.pada",
            [period, *scope.params])

    def calibrate(self, period: int, nip: str, kotak_awal: int, kotak_baru: int, alasan_kode: str,
                  komentar: str, actor: str, scope: Scope = EVERYTHING) -> None:
        """Move a person to another box (or back to the proposal) with a reason. Audited; refused
        once the period is finalised."""
        komentar = (komentar or "").strip()
        if not komentar:
            raise StoreError("Komentar wajib diisi untuk setiap perubahan kotak.")
        if not (1 <= int(kotak_baru) <= 9 and 1 <= int(kotak_awal) <= 9):
            raise StoreError("Nomor kotak harus 1 sampai 9.")
        with self._transaction() as cur:
            self._require_open(cur, period)
            self._require_in_scope(cur, period, nip, scope)
            if not cur.execute("SELECT count(*) FROM calibration_reason WHERE kode = ? AND aktif",
                               [alasan_kode]).fetchone()[0]:
                raise StoreError("Pilih alasan perubahan dari daftar.")
            before = cur.execute("SELECT kotak_baru FROM calibration WHERE period = ? AND nip = ?",
                                 [period, nip]).fetchone()
            cur.execute("DELETE FROM calibration WHERE period = ? AND nip = ?", [period, nip])
            if int(kotak_baru) != int(kotak_awal):
                cur.execute("INSERT INTO calibration (period, nip, kotak_awal, kotak_baru, alasan_kode, komentar,"
                            " oleh) VALUES (?, ?, ?, ?, ?, ?, ?)",
                            [period, nip, int(kotak_awal), int(kotak_baru), alasan_kode, komentar, actor])
            cur.execute(
                "INSERT INTO audit_log (actor, action, entity, detail) VALUES (?, 'kalibrasi:pindah', ?, ?)",
                [actor, f"nip:{nip}", json.dumps({
                    "periode": period, "dari": before[0] if before else int(kotak_awal), "ke": int(kotak_baru),
                    "kotak_awal": int(kotak_awal), "alasan": alasan_kode, "komentar": komentar})])

    def discussions(self, period: int, scope: Scope = EVERYTHING) -> pd.DataFrame:
        return self._frame(
            "SELECT d.* FROM discussion d JOIN asn_period ap USING (period, nip)"
            f" WHERE d.period = ? AND {in_scope('ap.opd_id')}",
            [period, *scope.params])

    def record_discussion(self, period: int, nip: str, seconds: int, discussed: bool, actor: str,
                          scope: Scope = EVERYTHING) -> None:
        """Add time spent on a person and set whether they were discussed. Audited."""
        seconds = max(0, int(seconds))
        with self._transaction() as cur:
            self._require_open(cur, period)
            self._require_in_scope(cur, period, nip, scope)
            cur.execute(
                "INSERT INTO discussion (period, nip, dibahas, detik, oleh) VALUES (?, ?, ?, ?, ?)"
                " ON CONFLICT (period, nip) DO UPDATE SET dibahas = excluded.dibahas,"
                " detik = discussion.detik + excluded.detik, oleh = excluded.oleh, pada = now()::TIMESTAMP",
                [period, nip, discussed, seconds, actor])
            cur.execute(
                "INSERT INTO audit_log (actor, action, entity, detail) VALUES (?, 'kalibrasi:dibahas', ?, ?)",
                [actor, f"nip:{nip}", json.dumps({"periode": period, "dibahas": discussed, "detik": seconds})])

    def finalise_period(self, period: int, actor: str) -> None:
        """Penetapan: from now on the period's data and rules are read-only (checked in every write)."""
        with self._transaction() as cur:
            self._require_open(cur, period)
            cur.execute("UPDATE period SET status = 'ditetapkan', finalised_at = current_timestamp,"
                        " finalised_by = ? WHERE period = ?", [actor, period])
            n = cur.execute("SELECT count(*) FROM calibration WHERE period = ?", [period]).fetchone()[0]
            cur.execute(
                "INSERT INTO audit_log (actor, action, entity, detail) VALUES (?, 'kalibrasi:penetapan', ?, ?)",
                [actor, f"periode:{period}", json.dumps({"dikalibrasi": int(n)})])

    def distribution_rules(self, period: int) -> pd.DataFrame:
        own = self._frame("SELECT * FROM rule_distribution WHERE period = ?", [period])
        return own if not own.empty else self._frame("SELECT * FROM rule_distribution WHERE period IS NULL")

    def save_rule_rows(self, table: str, rows: pd.DataFrame, actor: str, period: int | None = None) -> None:
        """Replace an admin-editable rule table (reasons, distribution guidelines). Audited."""
        if table not in ("calibration_reason", "rule_distribution"):
            raise StoreError(f"Tabel {table} tidak dapat diubah di sini.")
        with self._write_lock:
            cur = self._cur()
            try:
                cur.execute("BEGIN TRANSACTION")
                if table == "rule_distribution":
                    if period is not None:
                        self._require_open(cur, period)
                        cur.execute("DELETE FROM rule_distribution WHERE period = ?", [period])
                    else:
                        cur.execute("DELETE FROM rule_distribution WHERE period IS NULL")
                    rows = rows.assign(period=period)
                else:
                    cur.execute("DELETE FROM calibration_reason")
                cur.register("_rows", rows)
                cols = ", ".join(_ident(c) for c in rows.columns)
                cur.execute(f"INSERT INTO {_ident(table)} ({cols}) SELECT {cols} FROM _rows")
                cur.unregister("_rows")
                cur.execute("INSERT INTO audit_log (actor, action, entity, detail) VALUES (?, 'aturan:tabel', ?, ?)",
                            [actor, table, json.dumps({"periode": period, "baris": len(rows)})])
                cur.execute("COMMIT")
            except duckdb.Error as exc:
                cur.execute("ROLLBACK")
                raise StoreError(f"Aturan tidak disimpan: {str(exc).splitlines()[0]}") from None
            except Exception:
                cur.execute("ROLLBACK")
                raise
            finally:
                cur.close()

    # -- development (issue 7) ------------------------------------------------
    def development_action_types(self) -> pd.DataFrame:
        return self._frame("SELECT * FROM development_action_type ORDER BY urutan")

    def development_actions(self, period: int | None = None, nips: Sequence[str] = (),
                            scope: Scope = EVERYTHING) -> pd.DataFrame:
        """Development actions (newest first) of people inside the scope in the action's period."""
        where, params = [in_scope("ap.opd_id")], scope.params
        if period is not None:
            where.append("d.period = ?")
            params.append(period)
        if nips:
            where.append("list_contains(?, d.nip)")
            params.append(list(nips))
        return self._frame(
            "SELECT d.*, a.nama, ap.jabatan, ap.opd_id FROM development_action d"
            " JOIN asn_period ap ON ap.period = d.period AND ap.nip = d.nip JOIN asn a ON a.nip = d.nip"
            f" WHERE {' AND '.join(where)} ORDER BY d.dibuat_pada DESC, d.id DESC", params)

    def add_development_action(self, period: int, nip: str, jenis: str, uraian: str, actor: str,
                               target_tanggal=None, scope: Scope = EVERYTHING) -> int:
        """Record a planned development action; returns its id. Audited; refused once the period is
        finalised or for a person outside the scope."""
        uraian = (uraian or "").strip()
        if not uraian:
            raise StoreError("Uraian tindakan pengembangan wajib diisi.")
        with self._write_lock:
            cur = self._cur()
            try:
                cur.execute("BEGIN TRANSACTION")
                self._require_open(cur, period)
                self._require_in_scope(cur, period, nip, scope)
                if not cur.execute("SELECT count(*) FROM development_action_type WHERE kode = ?",
                                   [jenis]).fetchone()[0]:
                    raise StoreError("Pilih jenis tindakan pengembangan dari daftar.")
                new_id = int(cur.execute(
                    "INSERT INTO development_action (period, nip, jenis, uraian, target_tanggal, dibuat_oleh)"
                    " VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
                    [period, nip, jenis, uraian, target_tanggal, actor]).fetchone()[0])
                cur.execute(
                    "INSERT INTO audit_log (actor, action, entity, detail) VALUES (?, 'pengembangan:tambah', ?, ?)",
                    [actor, f"nip:{nip}", json.dumps({"periode": period, "id": new_id, "jenis": jenis,
                                                      "target": None if target_tanggal is None else str(target_tanggal)})])
                cur.execute("COMMIT")
                return new_id
            except Exception:
                cur.execute("ROLLBACK")
                raise
            finally:
                cur.close()

    def update_development_action(self, action_id: int, status: str, actor: str, scope: Scope = EVERYTHING) -> None:
        """Change an action's status. Audited (before/after); refused once its period is finalised."""
        if status not in ("rencana", "berjalan", "selesai", "batal"):
            raise StoreError(f"Status tidak dikenal: {status}.")
        with self._transaction() as cur:
            row = cur.execute("SELECT period, nip, status FROM development_action WHERE id = ?",
                              [int(action_id)]).fetchone()
            if row is None:
                raise StoreError(f"Tindakan pengembangan #{action_id} tidak ada.")
            period, nip, before = row
            self._require_open(cur, period)
            self._require_in_scope(cur, period, nip, scope)
            cur.execute("UPDATE development_action SET status = ?, diubah_pada = current_timestamp WHERE id = ?",
                        [status, int(action_id)])
            cur.execute(
                "INSERT INTO audit_log (actor, action, entity, detail) VALUES (?, 'pengembangan:status', ?, ?)",
                [actor, f"nip:{nip}", json.dumps({"periode": period, "id": int(action_id), "sebelum": before,
                                                  "sesudah": status})])

    def next_period(self, period: int) -> int | None:
        """The first period after ``period`` (for closing the loop), or None."""
        return self._scalar("SELECT min(period) FROM period WHERE period > ?", [period])

    def previous_period(self, period: int) -> int | None:
        return self._scalar("SELECT max(period) FROM period WHERE period < ?", [period])

    def cact_count(self, period: int, filters: Filters = Filters(), scope: Scope = EVERYTHING) -> int:
        """People of the period within scope and filters with a CACT assessment in that period (quota use)."""
        where, params = _filter_sql(filters, scope)
        return int(self._scalar(
            "SELECT count(*) FROM asn_period ap JOIN asn a USING (nip) WHERE ap.period = ?"
            f" AND ap.nip IN (SELECT nip FROM assessment WHERE period = ? AND sumber = 'CACT') {where}",
            [period, period, *params]))

    def development_rules(self) -> dict[str, pd.DataFrame]:
        """Reference tables the development analytics read (none holds personal data)."""
        return {"job_level": self._frame("SELECT * FROM job_level ORDER BY urutan DESC"),
                "retirement": self._frame("SELECT * FROM rule_retirement"),
                "eligibility": self._frame("SELECT * FROM rule_eligibility")}

    # -- succession (issue 8) ----------------------------------------------------
    def predikat_history(self, period: int, years: int, scope: Scope = EVERYTHING,
                         nips: Sequence[str] | None = None) -> pd.DataFrame:
        """SKP results of the ``years`` periods up to ``period`` for the ASN of ``period`` inside the scope:
        nip, period, predikat, hasil_kerja, perilaku, nilai_legacy (one row per nip and period)."""
        sql = ("SELECT pf.nip, pf.period, pf.predikat, pf.hasil_kerja, pf.perilaku, pf.nilai_legacy"
               " FROM performance pf WHERE pf.period <= ? AND pf.period > ? - ?"
               f" AND pf.nip IN (SELECT nip FROM asn_period WHERE period = ? AND {in_scope('opd_id')})")
        params: list = [period, period, int(years), period, *scope.params]
        if nips is not None:
            sql += " AND pf.nip IN (SELECT unnest(?::VARCHAR[]))"
            params.append(list(nips))
        return self._frame(sql + " ORDER BY pf.nip, pf.period", params)

    # -- consistent reads (issue 10) -------------------------------------------
    # A page rerun reads in several queries (headline, population, rules, calibrations). An import
    # committing between two of them gave a mix of old and new data, cached under a version it did
    # not belong to. A snapshot runs every read on one cursor inside one read-only transaction:
    # DuckDB's MVCC shows each of its queries the state its first query saw, and that first query
    # reads the data_version, so the snapshot's version names exactly the data it returns.
    _held = threading.local()  # per thread: id(connection) -> the snapshot open on it

    class _PinnedCursor:
        """The snapshot's cursor as read methods see it: ``close()`` only drops a pending result
        (DuckDB 2 refuses new work on a connection holding one) and keeps the transaction open."""

        def __init__(self, cur: duckdb.DuckDBPyConnection):
            self._c = cur

        def close(self) -> None:
            self._c.abort()

        def __getattr__(self, name: str):
            return getattr(self._c, name)

    class _NoWrites:
        """A snapshot's write lock: every locked write method is refused before it starts."""

        def __enter__(self):
            raise StoreError("Snapshot hanya untuk membaca; perubahan ditulis lewat Store.")

        def __exit__(self, *exc) -> bool:
            return False

    @contextmanager
    def snapshot(self) -> Iterator[Store]:
        """A read-only Store that sees one committed state of the database until the block ends.

        Every read method works on it; ``.version`` is the data_version of that state (use it as
        the cache key). For this thread only, and re-entrant: inside an open snapshot it yields
        that one, and this store's ``data_version()`` returns its version. Writes still go through
        the store, each in its own transaction; the open snapshot does not see them.
        """
        held = Store._held.__dict__.setdefault("by_con", {})
        if id(self._con) in held:
            yield held[id(self._con)]
            return
        cur = self._con.cursor()
        try:
            cur.execute("BEGIN TRANSACTION READ ONLY")
            pinned = Store._PinnedCursor(cur)
            view = object.__new__(type(self))  # same file and connection: reads on the pinned cursor,
            view.__dict__.update(self.__dict__, _cur=lambda: pinned, _write_lock=Store._NoWrites(),
                                 close=lambda: None)  # locked writes refused, close() leaves the connection
            view.version = Store.data_version(view)  # the first read fixes the state
            held[id(self._con)] = view
            try:
                yield view
            finally:
                del held[id(self._con)]
        finally:
            cur.close()  # ends the read-only transaction

    def _open_snapshot(self) -> Store | None:
        return getattr(Store._held, "by_con", {}).get(id(self._con))
    # -- end of consistent reads (issue 10) -----------------------------------

    # -- backup and restore (issue 10) -------------------------------------------
    # The SQL of `python -m data backup|restore`; packaging, checks and file moves are in
    # data/backup.py. A snapshot is DuckDB's own EXPORT DATABASE (schema.sql, load.sql, one Parquet
    # file per table). A restore never runs load.sql: it runs the CREATE statements of schema.sql
    # (first tried in a sandbox without file access) and loads each table from its file by name.
    _TABLES_SQL = ("SELECT table_name FROM duckdb_tables() WHERE database_name = current_database()"
                   " AND schema_name = 'main' AND NOT temporary ORDER BY table_name")

    def user_tables(self) -> list[str]:
        """Every table of the database (rules, people, users, audit log, import batches, ...)."""
        cur = self._cur()
        try:
            return [r[0] for r in cur.execute(self._TABLES_SQL).fetchall()]
        finally:
            cur.close()

    def table_checksums(self, ignore_columns: Sequence[str] = ()) -> dict[str, dict]:
        """Per table ``{"rows": n, "checksum": s}``: the checksum is the sum of the rows' hashes,
        so it does not depend on row order. ``ignore_columns`` leaves such columns out everywhere
        (e.g. timestamps when comparing two runs of the same import)."""
        cur = self._cur()
        try:
            return self._checksums(cur, ignore_columns)
        finally:
            cur.close()

    def _checksums(self, cur: duckdb.DuckDBPyConnection, ignore_columns: Sequence[str] = ()) -> dict[str, dict]:
        out = {}
        for (table,) in cur.execute(self._TABLES_SQL).fetchall():
            cols = [r[0] for r in cur.execute(
                "SELECT column_name FROM duckdb_columns() WHERE database_name = current_database()"
                " AND schema_name = 'main' AND table_name = ? ORDER BY column_index", [table]).fetchall()
                if r[0] not in ignore_columns]
            rows, checksum = cur.execute(
                f"SELECT count(*), coalesce(sum(hash(t)::HUGEINT), 0)::VARCHAR"
                f" FROM (SELECT {', '.join(_ident(c) for c in cols)} FROM {_ident(table)}) t").fetchone()
            out[table] = {"rows": int(rows), "checksum": checksum}
        return out

    def export_backup(self, directory: Path) -> dict[str, dict]:
        """EXPORT DATABASE into ``directory`` (which must not exist yet) as zstd Parquet, and the
        row count and checksum of every table, all read in one transaction (one consistent state).
        Reading every block also finds a damaged file (StoreError with the recovery steps)."""
        target = str(directory).replace("'", "''")
        cur = self._cur()
        try:
            cur.execute("BEGIN TRANSACTION READ ONLY")
            cur.execute(f"EXPORT DATABASE '{target}' (FORMAT parquet, COMPRESSION zstd)")
            sums = self._checksums(cur)
            cur.execute("COMMIT")
            return sums
        except duckdb.Error as exc:
            try:
                cur.execute("ROLLBACK")
            except duckdb.Error:
                pass
            from data.backup import damage_message
            raise StoreError(damage_message(self.path, str(exc))
                             or f"Cadangan gagal ditulis: {str(exc).splitlines()[0]}") from None
        finally:
            cur.close()

    def load_backup(self, directory: Path, files: dict[str, str]) -> None:
        """Into this (new, empty) database: the schema of ``directory/schema.sql`` and every table
        of ``files`` (table → Parquet file in ``directory``), in one transaction, indexes last."""
        statements = self._snapshot_schema((directory / "schema.sql").read_text(encoding="utf-8"))
        indexes = [s for s in statements if s.lstrip().upper().startswith(("CREATE INDEX", "CREATE UNIQUE INDEX"))]
        try:
            with self._transaction() as cur:
                for statement in statements:
                    if statement not in indexes:
                        cur.execute(statement)
                created = {r[0] for r in cur.execute(self._TABLES_SQL).fetchall()}
                if created != set(files):
                    raise StoreError("Cadangan tidak utuh: tabel dalam skema tidak sama dengan tabel dalam "
                                     f"manifest ({', '.join(sorted(created ^ set(files)))}).")
                for table, name in files.items():
                    cur.execute(f"INSERT INTO {_ident(table)} BY NAME SELECT * FROM read_parquet(?)",
                                [str(directory / name)])
                for statement in indexes:
                    cur.execute(statement)
        except duckdb.Error as exc:
            raise StoreError(f"Cadangan tidak dapat dipulihkan: {str(exc).splitlines()[0]}") from None

    @staticmethod
    def _snapshot_schema(sql: str) -> list[str]:
        """The statements of a snapshot's schema.sql: CREATE only, and each one must run in an
        in-memory sandbox without file access (so a crafted snapshot cannot read or write files)."""
        sandbox = duckdb.connect(":memory:", config={"enable_external_access": False})
        try:
            statements = sandbox.extract_statements(sql)
            for statement in statements:
                if statement.type != duckdb.StatementType.CREATE:
                    raise StoreError("Cadangan ditolak: schema.sql memuat perintah selain CREATE.")
                sandbox.execute(statement.query)
            return [s.query for s in statements]
        except duckdb.Error as exc:
            raise StoreError(f"Cadangan ditolak: schema.sql tidak sah ({str(exc).splitlines()[0]}).") from None
        finally:
            sandbox.close()

    def checkpoint(self) -> None:
        """Write everything in the WAL into the database file (before the file is moved)."""
        cur = self._cur()
        try:
            cur.execute("CHECKPOINT")
        finally:
            cur.close()
    # -- end of backup and restore (issue 10) ---------------------------------

    # -- users and roles (issue 5) --------------------------------------------
    def roles(self) -> pd.DataFrame:
        return self._frame("SELECT * FROM role ORDER BY role")

    def user(self, username: str) -> dict | None:
        """The user row with the role's permissions and scope, or None."""
        f = self._frame(
            "SELECT u.*, r.izin, r.lingkup, r.nama AS role_nama FROM app_user u JOIN role r USING (role)"
            " WHERE u.username = ?", [username])
        return None if f.empty else f.iloc[0].to_dict()

    def users(self) -> pd.DataFrame:
        return self._frame(
            "SELECT username, nama, role, opd_id, aktif, gagal_berturut, terkunci_sampai, login_terakhir"
            " FROM app_user ORDER BY username")

    def user_count(self) -> int:
        return int(self._scalar("SELECT count(*) FROM app_user WHERE aktif"))

    def add_user(self, username: str, nama: str, role: str, opd_id: str | None, password_hash: str,
                 actor: str) -> None:
        with self._write_lock:
            cur = self._cur()
            try:
                cur.execute("BEGIN TRANSACTION")
                cur.execute("INSERT INTO app_user (username, nama, role, opd_id, password_hash) VALUES (?,?,?,?,?)",
                            [username, nama, role, opd_id, password_hash])
                cur.execute("INSERT INTO audit_log (actor, action, entity, detail) VALUES (?, 'pengguna:tambah', ?, ?)",
                            [actor, f"user:{username}", json.dumps({"role": role, "opd": opd_id})])
                cur.execute("COMMIT")
            except duckdb.ConstraintException:
                cur.execute("ROLLBACK")
                raise StoreError(f"Pengguna {username} sudah ada.") from None
            except Exception:
                cur.execute("ROLLBACK")
                raise
            finally:
                cur.close()

    def update_user(self, username: str, actor: str, action: str, *, password_hash: str | None = None,
                    aktif: bool | None = None) -> None:
        """Reset a password and/or (de)activate a user; unlocks on reset. Audited."""
        sets, params = ["gagal_berturut = 0", "terkunci_sampai = NULL"], []
        if password_hash is not None:
            sets.append("password_hash = ?")
            params.append(password_hash)
        if aktif is not None:
            sets.append("aktif = ?")
            params.append(aktif)
        with self._transaction() as cur:
            n = cur.execute(f"UPDATE app_user SET {', '.join(sets)} WHERE username = ? RETURNING username",
                            [*params, username]).fetchall()
            if not n:
                raise StoreError(f"Pengguna {username} tidak ditemukan.")
            cur.execute("INSERT INTO audit_log (actor, action, entity, detail) VALUES (?, ?, ?, NULL)",
                        [actor, action, f"user:{username}"])

    def record_login(self, username: str, ok: bool, lock_after: int, lock_minutes: int) -> None:
        """Count a login attempt: reset on success, lock after ``lock_after`` failures. Audited."""
        with self._transaction() as cur:
            if ok:
                cur.execute("UPDATE app_user SET gagal_berturut = 0, terkunci_sampai = NULL,"
                            " login_terakhir = current_timestamp WHERE username = ?", [username])
            else:
                cur.execute(
                    "UPDATE app_user SET gagal_berturut = gagal_berturut + 1,"
                    " terkunci_sampai = CASE WHEN gagal_berturut + 1 >= ?"
                    "   THEN current_timestamp + to_minutes(CAST(? AS BIGINT)) ELSE terkunci_sampai END"
                    " WHERE username = ?", [lock_after, lock_minutes, username])
            cur.execute("INSERT INTO audit_log (actor, action, entity, detail) VALUES (?, ?, ?, NULL)",
                        [username, "login:berhasil" if ok else "login:gagal", f"user:{username}"])

    def now(self):
        return self._scalar("SELECT current_timestamp::TIMESTAMP")

    def audit_entries(self, actor: str | None = None, action: str | None = None, since=None,
                      limit: int = 2000) -> pd.DataFrame:
        """Audit log, newest first, filtered by actor and action prefix (parameterised)."""
        where, params = ["TRUE"], []
        if actor:
            where.append("actor = ?")
            params.append(actor)
        if action:
            where.append("starts_with(action, ?)")
            params.append(action)
        if since is not None:
            where.append("occurred_at >= ?")
            params.append(since)
        return self._frame(
            f"SELECT audit_id, occurred_at, actor, action, entity, detail FROM audit_log"
            f" WHERE {' AND '.join(where)} ORDER BY audit_id DESC LIMIT ?", [*params, limit])

    # -- imports (issue 3) ----------------------------------------------------
    # Every statement of the import, mapping-memory and undo paths. _IMPORT_PLAN says
    # which tables each kind writes and how: 'add' inserts reference rows not yet there
    # (a new period or OPD), 'upsert' replaces rows with the same key, 'replace' replaces
    # every row of the scope (kind + period, and for assessments the sources in the file).
    # What an import deletes or overwrites is kept in import_replaced_<table> under the
    # importing batch, so undo restores exactly the previous state.
    _IMPORT_PLAN: dict[str, tuple[tuple[str, str, str], ...]] = {
        "personnel": (("period", "add", "period"), ("opd", "add", "opd_id"), ("asn", "upsert", "nip"),
                      ("asn_period", "replace", "period = ?")),
        "performance": (("performance", "replace", "period = ?"),),
        "assessment": (("assessment", "replace", "period = ? AND list_contains(?, sumber)"),),
        "discipline": (("discipline", "replace", "true"),),
        "target-posts": (("opd", "add", "opd_id"), ("target_post", "replace", "true")),
    }
    _SHADOWED = ("asn", "asn_period", "performance", "assessment", "discipline", "target_post")

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

    def save_import_mapping(self, kind: str, entries: Sequence[tuple[str, str, str | None]], actor: str) -> None:
        """Remember (header key, header, field) choices; field None forgets the key."""
        with self._transaction() as cur:
            for key, header, field in entries:
                cur.execute("DELETE FROM import_mapping WHERE kind = ? AND header_key = ?", [kind, key])
                if field is not None:
                    cur.execute("INSERT INTO import_mapping (kind, header_key, header, field, updated_by)"
                                " VALUES (?, ?, ?, ?, ?)", [kind, key, header, field, actor])

    def _shadow_columns(self, cur: duckdb.DuckDBPyConnection, table: str) -> list[str]:
        """Columns of ``table`` (live), adding any the shadow table lacks."""
        rows = cur.execute("SELECT table_name, column_name, data_type FROM information_schema.columns"
                           " WHERE table_name IN (?, ?) ORDER BY ordinal_position",
                           [table, f"import_replaced_{table}"]).fetchall()
        live = [(c, t) for tn, c, t in rows if tn == table]
        shadow = {c for tn, c, _ in rows if tn != table}
        for c, t in live:
            if c not in shadow:
                cur.execute(f"ALTER TABLE {_ident('import_replaced_' + table)} ADD COLUMN {_ident(c)} {t}")
        return [c for c, _ in live]

    def write_import(self, kind: str, period: int | None, frames: dict[str, pd.DataFrame], *, actor: str,
                     scope: dict | None = None, file_name: str | None = None, file_hash: str | None = None,
                     row_count: int | None = None, warning_count: int = 0) -> int:
        """Write one validated import as one batch in one transaction; returns the batch id.

        Rows the import replaces are kept for :meth:`undo_import`. All or nothing.
        """
        if kind not in self._IMPORT_PLAN:
            raise StoreError(f"Jenis impor tidak dikenal: {kind}.")
        scope = scope or {}
        params_for = {"period = ?": [period], "true": [],
                      "period = ? AND list_contains(?, sumber)": [period, list(scope.get("sumber", []))]}
        main = self._IMPORT_PLAN[kind][-1][0]
        rows = int(row_count if row_count is not None else len(frames.get(main, ())))
        with self._write_lock:
            cur = self._cur()
            try:
                cur.execute("BEGIN TRANSACTION")
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
                    " warning_count, created_by, scope) VALUES (?, ?, ?, 'impor', ?, ?, ?, ?, ?, ?)",
                    [batch_id, kind, period, file_name, file_hash, rows, warning_count, actor,
                     json.dumps(scope) if scope else None])
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
                cur.execute(
                    "INSERT INTO audit_log (actor, action, entity, detail) VALUES (?, ?, ?, ?)",
                    [actor, f"impor:{kind}", f"batch:{batch_id}",
                     json.dumps({"period": period, "rows": rows, "warnings": warning_count, "file": file_name,
                                 "hash": file_hash, **({"scope": scope} if scope else {})})])
                cur.execute("COMMIT")
                return batch_id
            except Exception as exc:
                cur.execute("ROLLBACK")
                if isinstance(exc, duckdb.Error):
                    raise StoreError("Impor gagal ditulis ke basis data; tidak ada yang diubah ("
                                     f"{str(exc).splitlines()[0]}).") from None
                raise
            finally:
                cur.close()

    def last_import(self, kind: str, period: int | None) -> dict | None:
        """The latest import of a kind and period that has not been undone."""
        f = self._frame(
            "SELECT batch_id, kind, period, file_name, row_count, warning_count, created_by, created_at"
            " FROM import_batch WHERE kind = ? AND period IS NOT DISTINCT FROM ? AND source = 'impor'"
            " AND undone_at IS NULL ORDER BY batch_id DESC LIMIT 1", [kind, period])
        return None if f.empty else f.iloc[0].to_dict()

    def import_history(self, limit: int = 200) -> pd.DataFrame:
        return self._frame(
            "SELECT batch_id, created_at, kind, period, source, file_name, row_count, warning_count,"
            " created_by, undone_at, undone_by FROM import_batch ORDER BY batch_id DESC LIMIT ?", [limit])

    def undoable_imports(self) -> pd.DataFrame:
        """Per kind and period, the latest import that has not been undone."""
        return self._frame(
            "SELECT batch_id, kind, period, file_name, row_count, created_by, created_at FROM import_batch"
            " WHERE source = 'impor' AND undone_at IS NULL AND list_contains(?, kind)"
            " QUALIFY row_number() OVER (PARTITION BY kind, period ORDER BY batch_id DESC) = 1"
            " ORDER BY batch_id DESC", [list(self._IMPORT_PLAN)])

    def undo_import(self, kind: str, period: int | None, actor: str) -> dict:
        """Undo the latest import of a kind and period: its rows go, the rows it replaced return.

        Refused (StoreError) when a later import has since replaced rows this one wrote, or
        when the demo data was rebuilt after it.
        """
        last = self.last_import(kind, period)
        from data.importing.fields import KIND_NOUNS

        def what(k: str, p) -> str:
            return KIND_NOUNS.get(k, k) + (f" periode {p}" if p is not None else "")

        if last is None or kind not in self._IMPORT_PLAN:
            raise StoreError(f"Tidak ada impor {what(kind, period)} yang dapat dibatalkan.")
        batch_id = int(last["batch_id"])
        with self._write_lock:
            cur = self._cur()
            try:
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
                cur.execute("BEGIN TRANSACTION")
                for table, mode, _ in reversed(self._IMPORT_PLAN[kind]):
                    if mode == "add":
                        continue
                    live = ", ".join(_ident(c) for c in self._shadow_columns(cur, table))
                    shadow = _ident(f"import_replaced_{table}")
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
                cur.execute("INSERT INTO audit_log (actor, action, entity, detail) VALUES (?, 'impor:batal', ?, ?)",
                            [actor, f"batch:{batch_id}", json.dumps({"kind": kind, "period": period})])
                cur.execute("COMMIT")
            except StoreError:
                raise
            except Exception as exc:
                try:
                    cur.execute("ROLLBACK")
                except duckdb.Error:
                    pass
                if isinstance(exc, duckdb.Error):
                    raise StoreError(f"Pembatalan impor #{batch_id} gagal; tidak ada yang diubah "
                                     f"({str(exc).splitlines()[0]}).") from None
                raise
            finally:
                cur.close()
        return {**last, "batch_id": batch_id}
    # -- end of imports (issue 3) ---------------------------------------------


_PUBLIC_TABLES = {
    "job_level", "competency", "rule_box", "rule_predikat", "rule_predikat_pair",
    "rule_legacy_score", "rule_axis_weight", "rule_cutoff", "education_level",
    "rule_integrity", "rule_skj", "rule_jpm_band", "rule_retirement", "rule_eligibility",
    "assessment_source", "setting", "opd", "period", "calibration_reason", "rule_distribution", "role",
}
_COUNTABLE = {"asn", "asn_period", "performance", "assessment", "discipline", "target_post",
              "import_batch", "audit_log", "opd", "period", "calibration", "discussion"}


def _ident(name: str) -> str:
    if not name.replace("_", "").isalnum():
        raise StoreError(f"Nama kolom atau tabel tidak sah: {name!r}")
    return f'"{name}"'


def _filter_sql(filters: Filters, scope: Scope = EVERYTHING) -> tuple[str, list]:
    """Parameterised WHERE fragment for the scope and the global filters (aliases ap, a)."""
    parts, params = [], []
    if scope.opd_ids is not None:
        parts.append(in_scope("ap.opd_id"))
        params += scope.params
    for column, values in (("ap.opd_id", filters.opd_ids),
                           ("ap.jenis_jabatan", filters.jenis_jabatan),
                           ("a.jenis_asn", filters.jenis_asn)):
        if values:
            parts.append(f"list_contains(?, {column})")
            params.append(list(values))
    return ("".join(f" AND {p}" for p in parts), params)


class _WriteGate:
    """The process's write lock (writes are serialised); while it is held DuckDB may use
    ``DUCKDB_WRITE_MEMORY`` instead of ``DUCKDB_MEMORY``."""

    def __init__(self, store: "Store"):
        self._lock = threading.Lock()
        self._store = store

    def _limit(self, value: str) -> None:
        cur = self._store._cur()
        try:
            cur.execute(f"SET memory_limit = '{value}'")
        finally:
            cur.close()

    def __enter__(self) -> "_WriteGate":
        self._lock.acquire()
        try:
            self._limit(DUCKDB_WRITE_MEMORY)
        except BaseException:
            self._lock.release()
            raise
        return self

    def __exit__(self, *exc) -> bool:
        try:
            self._limit(DUCKDB_MEMORY)
        finally:
            self._lock.release()
        return False


def _compact_frame(batches: pa.RecordBatchReader, sort_by: str | None = None) -> pd.DataFrame:
    """A population frame at a fraction of the memory, read batch by batch so the raw text of a
    national population is never held at once: text other than ``_FREE_TEXT`` becomes categoricals
    with sorted categories, one block per column, Arrow buffers freed while converting."""
    chunks = []
    for batch in batches:
        # DuckDB frees a batch only when no column of it is alive: copy (concat_arrays) what is kept as is,
        # or the raw text of every column stays with the names (measured: 0.45 GB a million ASN)
        arrays = [pc.dictionary_encode(a) if name not in _FREE_TEXT and pa.types.is_string(a.type)
                  else pa.concat_arrays([a]) for name, a in zip(batch.schema.names, batch.columns)]
        chunks.append(pa.RecordBatch.from_arrays(arrays, names=batch.schema.names))
        del batch, arrays
    if not chunks:
        return batches.schema.empty_table().to_pandas()
    table = pa.Table.from_batches(chunks).unify_dictionaries()
    chunks.clear()
    key = table.column(sort_by) if sort_by is not None else None
    if key is not None and len(key) > 1 and not pc.all(pc.less_equal(key.slice(0, len(key) - 1),
                                                                      key.slice(1))).as_py():
        # column by column, so only one column is ever held twice (DuckDB often keeps the stored order)
        order = pc.sort_indices(key)
        for name in table.column_names:
            i = table.column_names.index(name)
            table = table.set_column(i, name, table.column(i).take(order))
    frame = table.to_pandas(split_blocks=True, self_destruct=True)
    del table
    for name, col in frame.items():
        if isinstance(col.dtype, pd.CategoricalDtype) and not col.cat.categories.is_monotonic_increasing:
            frame[name] = col.cat.reorder_categories(col.cat.categories.sort_values())
    return frame


def open_store(path: Path | str | None = None, read_only: bool = False) -> Store:
    """Open (and, when writable, migrate) the database."""
    store = Store(path, read_only=read_only)
    try:  # a damaged file often opens and fails at its first read
        if not read_only:
            store.migrate()
        store.schema_version()
    except duckdb.Error as exc:
        store.close()
        raise _friendly(exc, store.path) from None
    return store

