-- 005: talent-committee calibration, discussion tracking, distribution guidelines, chair role.

CREATE TABLE calibration_reason (
    kode   VARCHAR PRIMARY KEY,
    label  VARCHAR NOT NULL,
    aktif  BOOLEAN NOT NULL DEFAULT TRUE,
    urutan INTEGER NOT NULL,
    sumber VARCHAR NOT NULL
);
INSERT INTO calibration_reason VALUES
 ('BUKTI_KINERJA', 'Bukti kinerja yang belum tercermin di SKP', TRUE, 1, 'Daftar awal, ubah oleh admin (R)'),
 ('BUKTI_POTENSI', 'Bukti potensi atau asesmen lain', TRUE, 2, 'Daftar awal, ubah oleh admin (R)'),
 ('KOREKSI_DATA', 'Koreksi data yang keliru', TRUE, 3, 'Daftar awal, ubah oleh admin (R)'),
 ('KONTEKS_JABATAN', 'Konteks jabatan atau beban kerja', TRUE, 4, 'Daftar awal, ubah oleh admin (R)'),
 ('REKAM_JEJAK', 'Rekam jejak dan integritas', TRUE, 5, 'Daftar awal, ubah oleh admin (R)'),
 ('LAINNYA', 'Lainnya (jelaskan di komentar)', TRUE, 6, 'Daftar awal, ubah oleh admin (R)');

-- The current calibrated box per person and period; every change is also in audit_log.
CREATE TABLE calibration (
    period      INTEGER NOT NULL,
    nip         VARCHAR NOT NULL,
    kotak_awal  INTEGER NOT NULL CHECK (kotak_awal BETWEEN 1 AND 9),
    kotak_baru  INTEGER NOT NULL CHECK (kotak_baru BETWEEN 1 AND 9),
    alasan_kode VARCHAR NOT NULL,
    komentar    VARCHAR NOT NULL,
    oleh        VARCHAR NOT NULL,
    pada        TIMESTAMP NOT NULL DEFAULT current_timestamp,
    PRIMARY KEY (period, nip)
);

-- Whether the committee discussed a person and how long it spent on them.
CREATE TABLE discussion (
    period   INTEGER NOT NULL,
    nip      VARCHAR NOT NULL,
    dibahas  BOOLEAN NOT NULL DEFAULT FALSE,
    detik    INTEGER NOT NULL DEFAULT 0,
    oleh     VARCHAR,
    pada     TIMESTAMP NOT NULL DEFAULT current_timestamp,
    PRIMARY KEY (period, nip)
);

-- Distribution guidelines: target share range per box group (period NULL = default).
CREATE TABLE rule_distribution (
    period     INTEGER,
    kotak      VARCHAR NOT NULL,                 -- ';'-separated boxes, e.g. '7;8;9'
    label      VARCHAR NOT NULL,
    persen_min DOUBLE NOT NULL CHECK (persen_min BETWEEN 0 AND 100),
    persen_max DOUBLE NOT NULL CHECK (persen_max BETWEEN 0 AND 100),
    sumber     VARCHAR NOT NULL
);
INSERT INTO rule_distribution VALUES
 (NULL, '9',     'Kotak 9',                       2, 10, 'Pedoman internal awal (R); sesuaikan oleh admin'),
 (NULL, '7;8;9', 'Kelompok suksesi (7–9)',        10, 30, 'Pedoman internal awal (R); sesuaikan oleh admin'),
 (NULL, '5',     'Kotak 5',                       25, 50, 'Pedoman internal awal (R); sesuaikan oleh admin'),
 (NULL, '1;2;3', 'Perlu perhatian (1–3)',          0, 30, 'Pedoman internal awal (R); sesuaikan oleh admin');

INSERT INTO role VALUES
 ('ketua', 'Ketua Komite Talenta', 'lihat;kalibrasi;penetapan;ekspor;identitas', 'semua',
  'Memimpin rapat, menetapkan hasil periode');
UPDATE role SET izin = izin || ';penetapan' WHERE role = 'admin';

INSERT INTO setting VALUES
 ('perhatian_rasio_minimal', '0.5', 'Kelompok ditandai bila cakupan/waktu bahasan < 50% rata-rata (R)'),
 ('kelompok_minimal', '5', 'Kelompok di bawah 5 orang tidak ditampilkan (pelindungan data, R)');
