-- 019: the talent engine's placements stored per period and data version
-- (docs/decisions/0033-stored-placements.md).
-- Counts and breakdowns (Beranda's 9-box, its key figures, the succession pool) become a GROUP BY over
-- these rows instead of reading the whole roll into memory and placing everyone again. The rows are
-- written by the engine itself (ui/services.py, the same code path the pages use) for one data version
-- (Store.data_version: import batches, last rule/import/calibration audit id) and read only for that
-- exact version; older versions are pruned when a newer one is written. They are derived data: no
-- period lock (a finalised period is read too) and no audit entry of their own.
CREATE TABLE placement (
    periode          INTEGER NOT NULL,
    versi_impor      BIGINT NOT NULL,   -- data_version()[0]
    versi_audit      BIGINT NOT NULL,   -- data_version()[1]
    nip              VARCHAR NOT NULL,
    opd_id           VARCHAR,           -- as the population reads them (asn_period, asn), for scope and filters
    jenis_jabatan    VARCHAR,
    jenis_asn        VARCHAR,
    kotak            TINYINT,           -- after calibration; NULL: not placed
    kotak_awal       TINYINT,           -- the engine's box before calibration
    status           VARCHAR,           -- ditempatkan, belum diprofil, belum ada kinerja
    predikat_efektif VARCHAR,           -- what succession reads of a candidate's placement
    kinerja_nilai    DOUBLE,
    potensial_nilai  DOUBLE,
    jpm              DOUBLE,
    usia             INTEGER
);
