"""The rule set of a period and the admin-editable rule tables (cut-offs, reasons, distribution)."""
from __future__ import annotations

import duckdb
import pandas as pd

from analytics.rules import RuleSet
from data.store.audit import _audit
from data.store.connection import _ident
from data.store.errors import StoreError
from data.store.periods import PeriodsMixin

#: Reference tables whose rows carry their source (``sumber``) besides the ``rule_*`` tables, which are
#: all listed as they are (a new rule table shows up on the admin page "Aturan & sumber" by itself).
SOURCED_REFERENCE = ("setting", "job_level", "competency", "education_level", "calibration_reason",
                     "development_action_type")
#: Settings whose value is a secret: listed with their source, never with their value.
SECRET_SETTINGS = ("kunci_samaran",)
HIDDEN_VALUE = "••••••"


class RulesMixin(PeriodsMixin):
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
            jpm_cap=self.setting("jpm_maksimal_100") != "tidak",   # capped unless the setting says not
        )

    def rule_tables(self) -> list[str]:
        """Every rule table (``rule_*``) and sourced reference table in this database, by name."""
        listed = ", ".join("?" for _ in SOURCED_REFERENCE)
        return self._frame(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main'"
            f" AND table_type = 'BASE TABLE' AND (starts_with(table_name, 'rule_') OR table_name IN ({listed}))"
            " ORDER BY table_name", list(SOURCED_REFERENCE))["table_name"].tolist()

    def rule_table(self, name: str) -> pd.DataFrame:
        """Every row of a rule or sourced reference table, for reading (a secret setting's value hidden)."""
        if name not in self.rule_tables():
            raise StoreError(f"Tabel aturan {name} tidak dikenal.")
        cols = self.columns(name)
        order = ", ".join(f"{_ident(c)} NULLS FIRST" for c in cols)
        if name == "setting":
            secret = ", ".join("?" for _ in SECRET_SETTINGS)
            return self._frame(
                f"SELECT key, CASE WHEN key IN ({secret}) THEN ? ELSE value END AS value, sumber FROM setting"
                " ORDER BY key", [*SECRET_SETTINGS, HIDDEN_VALUE])
        return self._frame(f"SELECT * FROM {_ident(name)} ORDER BY {order}")

    def save_cutoff(self, period: int, sumbu: str, batas_tinggi: float, batas_menengah: float,
                    actor: str) -> None:
        """Set a period's own cut-offs for an axis (replacing earlier ones) and audit it."""
        if sumbu not in ("kinerja", "potensial"):
            raise StoreError(f"Sumbu tidak dikenal: {sumbu}.")
        if batas_menengah > batas_tinggi:
            raise StoreError("Batas menengah tidak boleh lebih tinggi dari batas tinggi.")
        with self._transaction(period=period) as cur:
            before = cur.execute(
                "SELECT metode, batas_tinggi, batas_menengah FROM rule_cutoff WHERE sumbu = ?"
                " AND (period = ? OR period IS NULL) ORDER BY period NULLS LAST LIMIT 1",
                [sumbu, period]).fetchone()
            cur.execute("DELETE FROM rule_cutoff WHERE period = ? AND sumbu = ?", [period, sumbu])
            cur.execute(
                "INSERT INTO rule_cutoff VALUES (?, ?, 'nilai', ?, ?, ?)",
                [period, sumbu, batas_tinggi, batas_menengah,
                 f"Ditetapkan oleh {actor} untuk periode {period}"])
            _audit(cur, actor, "aturan:batas", f"periode:{period}:{sumbu}", {
                "sebelum": None if before is None else {"metode": before[0], "tinggi": before[1],
                                                         "menengah": before[2]},
                "sesudah": {"metode": "nilai", "tinggi": batas_tinggi, "menengah": batas_menengah}})

    def distribution_rules(self, period: int) -> pd.DataFrame:
        own = self._frame("SELECT * FROM rule_distribution WHERE period = ?", [period])
        return own if not own.empty else self._frame("SELECT * FROM rule_distribution WHERE period IS NULL")

    def save_rule_rows(self, table: str, rows: pd.DataFrame, actor: str, period: int | None = None) -> None:
        """Replace an admin-editable rule table (reasons, distribution guidelines). Audited.

        ``period`` None edits the defaults: a finalised period keeps the copy made at its penetapan."""
        if table not in ("calibration_reason", "rule_distribution"):
            raise StoreError(f"Tabel {table} tidak dapat diubah di sini.")
        if table != "rule_distribution" and period is not None:
            raise StoreError(f"Tabel {table} tidak berlaku per periode.")
        try:
            with self._transaction(period=period) as cur:
                if table == "rule_distribution":
                    if period is not None:
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
                _audit(cur, actor, "aturan:tabel", table, {"periode": period, "baris": len(rows)})
        except duckdb.Error as exc:
            raise StoreError(f"Aturan tidak disimpan: {str(exc).splitlines()[0]}") from None
