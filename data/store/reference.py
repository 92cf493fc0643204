"""Reference data and table metadata: settings, OPDs, job levels, whole small tables, row counts."""
from __future__ import annotations

import pandas as pd

from data.store.connection import ConnectionBase, _ident
from data.store.errors import StoreError

_PUBLIC_TABLES = {
    "job_level", "competency", "rule_box", "rule_predikat", "rule_predikat_pair",
    "rule_legacy_score", "rule_axis_weight", "rule_cutoff", "education_level",
    "rule_integrity", "rule_skj", "rule_jpm_band", "rule_retirement", "rule_eligibility",
    "assessment_source", "setting", "opd", "period", "calibration_reason", "rule_distribution", "role",
    "rule_bidang", "rule_discipline", "rule_reading",
}
_COUNTABLE = {"asn", "asn_period", "performance", "assessment", "discipline", "target_post",
              "import_batch", "audit_log", "opd", "period", "calibration", "discussion",
              "position_history", "appointment", "retention_action", "development_action"}


class ReferenceMixin(ConnectionBase):
    _columns_cache: dict[str, list[str]] = {}  # per process: the schema only changes by migration

    def columns(self, table: str) -> list[str]:
        if table not in self._columns_cache:
            f = self._frame(
                "SELECT column_name FROM information_schema.columns WHERE table_name = ?"
                " ORDER BY ordinal_position", [table])
            self._columns_cache[table] = f["column_name"].tolist()
        return self._columns_cache[table]

    def has_synthetic_data(self) -> bool:
        return self._remember(("has_synthetic_data",), lambda: bool(self._scalar(
            "SELECT count(*) > 0 FROM import_batch WHERE source = 'sintetis' AND undone_at IS NULL")))

    def has_real_data(self) -> bool:
        return self._remember(("has_real_data",), lambda: bool(self._scalar(
            "SELECT count(*) > 0 FROM import_batch WHERE source = 'impor' AND undone_at IS NULL")))

    def setting(self, key: str) -> str | None:
        return self._remember(("setting",), self._settings).get(key)

    def _settings(self) -> dict[str, str | None]:
        cur = self._cur()
        try:
            return dict(cur.execute("SELECT key, value FROM setting").fetchall())
        finally:
            cur.close()

    def opd(self) -> pd.DataFrame:
        return self._remember(("opd",), lambda: self._frame(
            "SELECT opd_id, nama, singkatan, kelompok FROM opd ORDER BY nama")).copy()

    def job_levels(self) -> pd.DataFrame:
        return self._remember(("job_levels",), lambda: self._frame("SELECT * FROM job_level ORDER BY urutan DESC")).copy()

    def table(self, name: str) -> pd.DataFrame:
        """Whole small table (rules, reference data). Not for personal data."""
        if name not in _PUBLIC_TABLES:
            raise StoreError(f"Tabel {name} tidak boleh dibaca utuh.")
        return self._frame(f"SELECT * FROM {_ident(name)}")

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
        cols = [c for c in self.columns(table) if c not in ("batch_id", "assessment_id", "discipline_id", "id")]
        order = ", ".join(_ident(c) for c in cols)
        return self._frame(f"SELECT {order} FROM {_ident(table)} ORDER BY {order}")
