-- 006: development. Development actions per person and period, the kinds of action
-- (a small reference table with sources) and the settings the development page reads.

CREATE TABLE development_action_type (
    kode    VARCHAR PRIMARY KEY,
    nama    VARCHAR NOT NULL,
    nama_en VARCHAR NOT NULL,
    urutan  INTEGER NOT NULL,
    sumber  VARCHAR NOT NULL
);
INSERT INTO development_action_type VALUES
 ('diklat',        'Pelatihan (diklat) klasikal',  'Classroom training',     1,
  'Pengembangan kompetensi jalur pelatihan klasikal, PP 11/2017 jo. PP 17/2020; Peraturan LAN 10/2018 (R)'),
 ('coaching',      'Coaching',                     'Coaching',               2,
  'Pelatihan nonklasikal, Peraturan LAN 10/2018 (R)'),
 ('mentoring',     'Mentoring',                    'Mentoring',              3,
  'Pelatihan nonklasikal, Peraturan LAN 10/2018 (R)'),
 ('rotasi',        'Rotasi / pengayaan jabatan',   'Rotation / job enrichment', 4,
  'Tindak lanjut kotak 4, 7, 8: Permen PANRB 3/2020; implementasi publik (C)'),
 ('tugas_belajar', 'Tugas belajar',                'Study assignment',       5,
  'Pengembangan kompetensi jalur pendidikan, PP 11/2017 (R); tindak lanjut kotak 7 (C)'),
 ('lainnya',       'Lainnya (jelaskan di uraian)', 'Other (describe)',       6, 'Daftar awal, ubah oleh admin (R)');

CREATE SEQUENCE development_action_seq START 1;
CREATE TABLE development_action (
    id             INTEGER PRIMARY KEY DEFAULT nextval('development_action_seq'),
    period         INTEGER NOT NULL,
    nip            VARCHAR NOT NULL,
    jenis          VARCHAR NOT NULL,            -- development_action_type.kode
    uraian         VARCHAR NOT NULL,
    status         VARCHAR NOT NULL DEFAULT 'rencana'
                   CHECK (status IN ('rencana', 'berjalan', 'selesai', 'batal')),
    target_tanggal DATE,
    dibuat_oleh    VARCHAR NOT NULL,
    dibuat_pada    TIMESTAMP NOT NULL DEFAULT current_timestamp,
    diubah_pada    TIMESTAMP
);
CREATE INDEX development_action_period_nip ON development_action (period, nip);

INSERT INTO setting VALUES
 ('idp_selisih_diklat', '-2', 'Draf IDP: kesenjangan 2 level atau lebih disarankan diklat, selebihnya coaching (R)'),
 ('profiling_dekat_pensiun_tahun', '3', 'Daftar profiling: ASN dalam 3 tahun menjelang BUP diletakkan terakhir (R)');
