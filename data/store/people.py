"""Personnel queries: the population the talent engine reads, headline counts, one person's records."""
from __future__ import annotations

from collections.abc import Iterator, Sequence

import duckdb
import pandas as pd

from data.frames import concat_pieces
from data.store.compact import _compact_frame
from data.store.connection import _ident
from data.store.filters import EVERYTHING, Filters, Scope, _filter_sql, in_scope
from data.store.reference import ReferenceMixin


class PeopleMixin(ReferenceMixin):
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
        hukdis AS (  -- in force on the period's end (31 Dec), dated as analytics/sanctions.py does
            SELECT nip, max(CASE tingkat WHEN 'berat' THEN 3 WHEN 'sedang' THEN 2 ELSE 1 END) AS lvl
            FROM (SELECT d.nip, d.tingkat, d.tanggal_mulai,
                         coalesce(d.tanggal_selesai::TIMESTAMP,
                                  d.tanggal_mulai + to_months(r.lama_bulan) - INTERVAL 1 DAY) AS sampai
                  FROM discipline d LEFT JOIN rule_discipline r USING (tingkat) WHERE true {span})
            WHERE tanggal_mulai <= make_date(?, 12, 31) AND (sampai IS NULL OR sampai >= make_date(?, 12, 31))
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
        params = [period, *span_params, *span_params, *params, period, period, validity, *span_params, period,
                  period, period, *span_params]
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

    def cact_count(self, period: int, filters: Filters = Filters(), scope: Scope = EVERYTHING) -> int:
        """People of the period within scope and filters with a CACT assessment in that period (quota use)."""
        where, params = _filter_sql(filters, scope)
        return int(self._scalar(
            "SELECT count(*) FROM asn_period ap JOIN asn a USING (nip) WHERE ap.period = ?"
            f" AND ap.nip IN (SELECT nip FROM assessment WHERE period = ? AND sumber = 'CACT') {where}",
            [period, period, *params]))
