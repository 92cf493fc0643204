-- 001: core schema. Personnel per period, identity per NIP, performance,
-- assessments, discipline, target posts, import batches and the audit log.
-- Rule tables live in 002 so that their seed rows sit next to their sources.

CREATE TABLE period (
    period        INTEGER PRIMARY KEY,          -- performance year, e.g. 2025
    label         VARCHAR NOT NULL,
    status        VARCHAR NOT NULL DEFAULT 'terbuka'
                  CHECK (status IN ('terbuka', 'ditetapkan')),
    finalised_at  TIMESTAMP,
    finalised_by  VARCHAR
);

CREATE TABLE import_batch (
    batch_id      INTEGER PRIMARY KEY,
    kind          VARCHAR NOT NULL,             -- personnel, performance, assessment, discipline, target-posts, demo
    period        INTEGER,
    source        VARCHAR NOT NULL DEFAULT 'impor'
                  CHECK (source IN ('impor', 'sintetis')),
    file_name     VARCHAR,
    file_hash     VARCHAR,
    row_count     INTEGER NOT NULL DEFAULT 0,
    warning_count INTEGER NOT NULL DEFAULT 0,
    created_by    VARCHAR NOT NULL,
    created_at    TIMESTAMP NOT NULL DEFAULT current_timestamp,
    undone_at     TIMESTAMP,
    note          VARCHAR
);

CREATE TABLE opd (
    opd_id        VARCHAR PRIMARY KEY,          -- short stable code, e.g. DINKES
    nama          VARCHAR NOT NULL,
    singkatan     VARCHAR,
    kelompok      VARCHAR                       -- sekretariat, dinas, badan, kecamatan, lainnya
);

-- Stable identity per NIP. Birth date and sex are derived from the NIP on import
-- and cross-checked against the source when it carries them.
CREATE TABLE asn (
    nip            VARCHAR PRIMARY KEY CHECK (length(nip) = 18),
    nama           VARCHAR NOT NULL,
    gelar_depan    VARCHAR,
    gelar_belakang VARCHAR,
    tanggal_lahir  DATE NOT NULL,
    jenis_kelamin  VARCHAR NOT NULL CHECK (jenis_kelamin IN ('L', 'P')),
    jenis_asn      VARCHAR NOT NULL CHECK (jenis_asn IN ('PNS', 'PPPK')),
    batch_id       INTEGER
);

-- Each ASN's situation in a period.
CREATE TABLE asn_period (
    period             INTEGER NOT NULL,
    nip                VARCHAR NOT NULL,
    jabatan            VARCHAR NOT NULL,        -- post name
    jenis_jabatan      VARCHAR NOT NULL,        -- JPT, Administrator, Pengawas, Fungsional, Pelaksana
    jenjang_jabatan    VARCHAR NOT NULL,        -- key into job_level, e.g. 'JPT Pratama', 'JF Ahli Muda'
    eselon             VARCHAR,
    opd_id             VARCHAR NOT NULL,
    unit_kerja         VARCHAR,
    golongan           VARCHAR,                 -- 'III/c' for PNS, 'IX' for PPPK
    tmt_golongan       DATE,
    tmt_jabatan        DATE,
    tmt_cpns           DATE,
    pendidikan_tingkat VARCHAR,                 -- SD, SMP, SMA, D1, D2, D3, D4, S1, S2, S3
    pendidikan_bidang  VARCHAR,
    status_kepegawaian VARCHAR,                 -- PPPK: 'penuh waktu' / 'paruh waktu'
    batch_id           INTEGER,
    PRIMARY KEY (period, nip)
);

-- SKP result per period (Permen PANRB 6/2022). Either a predikat, the rating pair,
-- or a legacy 0-100 score (PP 46/2011) must be present for the person to be placed.
CREATE TABLE performance (
    period         INTEGER NOT NULL,
    nip            VARCHAR NOT NULL,
    predikat       VARCHAR,
    hasil_kerja    VARCHAR CHECK (hasil_kerja IN ('di atas', 'sesuai', 'di bawah')),
    perilaku       VARCHAR CHECK (perilaku IN ('di atas', 'sesuai', 'di bawah')),
    nilai_legacy   DOUBLE CHECK (nilai_legacy BETWEEN 0 AND 100),
    penghargaan    DOUBLE CHECK (penghargaan BETWEEN 0 AND 100),    -- supporting items, 0-100 each
    penugasan_tim  DOUBLE CHECK (penugasan_tim BETWEEN 0 AND 100),
    umpan_balik    DOUBLE CHECK (umpan_balik BETWEEN 0 AND 100),    -- 360-degree feedback
    batch_id       INTEGER,
    PRIMARY KEY (period, nip)
);

-- One row per assessment event. Competency levels 1-5 for the 9 SKJ managerial and
-- socio-cultural competencies; potential aspects on a 1-5 scale; optional scores 0-100.
CREATE SEQUENCE assessment_seq START 1;
CREATE TABLE assessment (
    assessment_id   INTEGER PRIMARY KEY DEFAULT nextval('assessment_seq'),
    period          INTEGER NOT NULL,
    nip             VARCHAR NOT NULL,
    sumber          VARCHAR NOT NULL CHECK (sumber IN ('CACT', 'AC', 'LAIN')),
    tanggal         DATE,
    k_integritas    TINYINT CHECK (k_integritas BETWEEN 1 AND 5),
    k_kerja_sama    TINYINT CHECK (k_kerja_sama BETWEEN 1 AND 5),
    k_komunikasi    TINYINT CHECK (k_komunikasi BETWEEN 1 AND 5),
    k_orientasi_hasil TINYINT CHECK (k_orientasi_hasil BETWEEN 1 AND 5),
    k_pelayanan_publik TINYINT CHECK (k_pelayanan_publik BETWEEN 1 AND 5),
    k_pengembangan_diri TINYINT CHECK (k_pengembangan_diri BETWEEN 1 AND 5),
    k_mengelola_perubahan TINYINT CHECK (k_mengelola_perubahan BETWEEN 1 AND 5),
    k_pengambilan_keputusan TINYINT CHECK (k_pengambilan_keputusan BETWEEN 1 AND 5),
    k_perekat_bangsa TINYINT CHECK (k_perekat_bangsa BETWEEN 1 AND 5),
    p_kemampuan_intelektual DOUBLE CHECK (p_kemampuan_intelektual BETWEEN 1 AND 5),
    p_interpersonal DOUBLE CHECK (p_interpersonal BETWEEN 1 AND 5),
    p_kesadaran_diri DOUBLE CHECK (p_kesadaran_diri BETWEEN 1 AND 5),
    p_berpikir_kritis DOUBLE CHECK (p_berpikir_kritis BETWEEN 1 AND 5),
    p_problem_solving DOUBLE CHECK (p_problem_solving BETWEEN 1 AND 5),
    p_kecerdasan_emosi DOUBLE CHECK (p_kecerdasan_emosi BETWEEN 1 AND 5),
    p_growth_mindset DOUBLE CHECK (p_growth_mindset BETWEEN 1 AND 5),
    p_motivasi_komitmen DOUBLE CHECK (p_motivasi_komitmen BETWEEN 1 AND 5),
    jpm_sumber      DOUBLE,                     -- JPM % as reported by the source, when given
    nilai_potensi   DOUBLE,                     -- potential score 0-100 as reported, when given
    dl_digital_skills DOUBLE,
    dl_digital_culture DOUBLE,
    dl_digital_ethics DOUBLE,
    dl_digital_safety DOUBLE,
    es_analytical_thinking DOUBLE,
    es_problem_solving DOUBLE,
    es_creativity DOUBLE,
    es_leadership DOUBLE,
    es_service_orientation DOUBLE,
    es_adaptability DOUBLE,
    es_emotional_intelligence DOUBLE,
    es_continuous_learning DOUBLE,
    es_troubleshooting_ux DOUBLE,
    es_technology_design DOUBLE,
    es_technology_use DOUBLE,
    es_system_analysis DOUBLE,
    batch_id        INTEGER
);
CREATE INDEX assessment_period_nip ON assessment (period, nip);

CREATE SEQUENCE discipline_seq START 1;
CREATE TABLE discipline (
    discipline_id  INTEGER PRIMARY KEY DEFAULT nextval('discipline_seq'),
    nip            VARCHAR NOT NULL,
    tingkat        VARCHAR NOT NULL CHECK (tingkat IN ('ringan', 'sedang', 'berat')),
    jenis          VARCHAR,
    tanggal_mulai  DATE NOT NULL,
    tanggal_selesai DATE,
    keterangan     VARCHAR,
    batch_id       INTEGER
);

CREATE TABLE target_post (
    post_id          VARCHAR PRIMARY KEY,
    jabatan          VARCHAR NOT NULL,
    opd_id           VARCHAR,
    jenjang_jabatan  VARCHAR NOT NULL,
    lowong           BOOLEAN NOT NULL DEFAULT FALSE,
    kritikal         BOOLEAN NOT NULL DEFAULT FALSE,
    bidang_pendidikan VARCHAR,                  -- required field(s) of study, ';'-separated; NULL = any
    pemangku_nip     VARCHAR,                   -- current holder, NULL when vacant
    keterangan       VARCHAR,
    batch_id         INTEGER
);

-- Append-only: the data layer only ever INSERTs here.
CREATE SEQUENCE audit_seq START 1;
CREATE TABLE audit_log (
    audit_id   BIGINT PRIMARY KEY DEFAULT nextval('audit_seq'),
    occurred_at TIMESTAMP NOT NULL DEFAULT current_timestamp,
    actor      VARCHAR NOT NULL,
    action     VARCHAR NOT NULL,
    entity     VARCHAR,
    detail     VARCHAR
);

-- Free-form key/value settings with their source (e.g. the CACT quota).
CREATE TABLE setting (
    key     VARCHAR PRIMARY KEY,
    value   VARCHAR NOT NULL,
    sumber  VARCHAR NOT NULL
);
