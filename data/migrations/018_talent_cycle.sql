-- 018: the talent cycle (docs/decisions/0031-talent-cycle.md). Appointments to target posts
-- (penempatan), retention actions (retensi), why people leave the talent pool, and the watchlist's
-- signals with their thresholds.

-- One row per appointment to a target post. The post is filled from ``tanggal``; ``kesiapan`` is the
-- person's readiness for the post as the recorder saw it (kept as recorded, never recomputed).
-- Undo marks the row (dibatalkan_*); the row stays for the record.
CREATE SEQUENCE appointment_seq START 1;
CREATE TABLE appointment (
    id                  INTEGER PRIMARY KEY DEFAULT nextval('appointment_seq'),
    period              INTEGER NOT NULL,
    nip                 VARCHAR NOT NULL,
    post_id             VARCHAR NOT NULL,           -- target_post.post_id
    tanggal             DATE NOT NULL,              -- TMT of the appointment: the post is filled from here
    nomor_sk            VARCHAR NOT NULL,
    cara                VARCHAR NOT NULL CHECK (cara IN ('talent_pool', 'seleksi_terbuka', 'lainnya')),
    kesiapan            VARCHAR,                    -- readiness at the time, as recorded
    lowong_sejak        DATE,                       -- when the post fell vacant, when known
    pemangku_sebelumnya VARCHAR,                    -- the holder the recorder saw (NULL: vacant)
    dicatat_oleh        VARCHAR NOT NULL,
    dicatat_pada        TIMESTAMP NOT NULL DEFAULT current_timestamp,
    dibatalkan_pada     TIMESTAMP,
    dibatalkan_oleh     VARCHAR,
    alasan_batal        VARCHAR
);
CREATE INDEX appointment_post ON appointment (post_id);
CREATE INDEX appointment_period ON appointment (period);

-- Kinds of retention action, with their sources (a small reference table, like development's).
CREATE TABLE retention_action_type (
    kode    VARCHAR PRIMARY KEY,
    nama    VARCHAR NOT NULL,
    nama_en VARCHAR NOT NULL,
    urutan  INTEGER NOT NULL,
    sumber  VARCHAR NOT NULL
);
INSERT INTO retention_action_type VALUES
 ('penghargaan',       'Penghargaan',               'Recognition / award',     1,
  'Retensi talenta: Permen PANRB 3/2020 (C); bentuk penghargaan: kebijakan instansi (R)'),
 ('percepatan_karier', 'Percepatan karier',         'Accelerated career',      2,
  'Retensi talenta: Permen PANRB 3/2020 (C)'),
 ('tugas_belajar',     'Tugas belajar',             'Study assignment',        3,
  'Pengembangan kompetensi jalur pendidikan, PP 11/2017 (R); retensi talenta (C)'),
 ('rotasi',            'Rotasi / pengayaan jabatan', 'Rotation / job enrichment', 4,
  'Retensi talenta: Permen PANRB 3/2020 (C)'),
 ('coaching',          'Coaching',                  'Coaching',                5,
  'Pelatihan nonklasikal, Peraturan LAN 10/2018 (R)');

-- Retention actions mirror development actions: allowed on a finalised period (the plan follows the
-- result), an action recorded after penetapan says so.
CREATE SEQUENCE retention_action_seq START 1;
CREATE TABLE retention_action (
    id                INTEGER PRIMARY KEY DEFAULT nextval('retention_action_seq'),
    period            INTEGER NOT NULL,
    nip               VARCHAR NOT NULL,
    jenis             VARCHAR NOT NULL,             -- retention_action_type.kode
    uraian            VARCHAR NOT NULL,
    status            VARCHAR NOT NULL DEFAULT 'rencana'
                      CHECK (status IN ('rencana', 'berjalan', 'selesai', 'batal')),
    target_tanggal    DATE,
    dibuat_oleh       VARCHAR NOT NULL,
    dibuat_pada       TIMESTAMP NOT NULL DEFAULT current_timestamp,
    diubah_pada       TIMESTAMP,
    setelah_penetapan BOOLEAN NOT NULL DEFAULT FALSE
);
CREATE INDEX retention_action_period_nip ON retention_action (period, nip);

-- Why someone left the talent pool (kelompok rencana suksesi) between two periods; the first that
-- applies wins, in the order of urutan.
CREATE TABLE pool_exit_reason (
    kode    VARCHAR PRIMARY KEY,
    nama    VARCHAR NOT NULL,
    nama_en VARCHAR NOT NULL,
    urutan  INTEGER NOT NULL,
    sumber  VARCHAR NOT NULL
);
INSERT INTO pool_exit_reason VALUES
 ('pensiun',     'Pensiun (mencapai BUP)',              'Retired (reached BUP)',            1,
  'Tanggal pensiun: UU 20/2023; PP 11/2017 (V)'),
 ('keluar',      'Pindah / tidak ada di periode ini',   'Moved out / not in the period',    2,
  'Data kepegawaian periode (R)'),
 ('hukdis',      'Hukuman disiplin',                    'Disciplinary sanction',            3,
  'Bebas hukuman disiplin: PP 11/2017; PP 94/2021 (V)'),
 ('tidak_ditempatkan', 'Tidak ditempatkan di 9-box periode ini (asesmen atau kinerja belum ada)',
  'Not placed on the 9-box this period (no assessment or performance)', 4, 'Data periode (R)'),
 ('kotak_turun', 'Kotak turun keluar kelompok suksesi', 'Box dropped out of the pool',      5,
  'Kelompok rencana suksesi: Permen PANRB 3/2020 (C)');

-- The watchlist of pool members at risk: one row per signal, tested at its threshold
-- (flagged when the value reaches ``ambang``). Regulation where it says something, otherwise the
-- agency's policy, marked (R) and editable.
CREATE TABLE rule_retention_signal (
    kode    VARCHAR PRIMARY KEY,
    nama    VARCHAR NOT NULL,
    ambang  DOUBLE NOT NULL,
    satuan  VARCHAR NOT NULL CHECK (satuan IN ('bulan', 'tahun', 'peringkat')),
    aktif   BOOLEAN NOT NULL DEFAULT TRUE,
    urutan  INTEGER NOT NULL,
    sumber  VARCHAR NOT NULL
);
INSERT INTO rule_retention_signal VALUES
 ('tanpa_pengembangan', 'Tanpa tindakan pengembangan', 12, 'bulan', TRUE, 1,
  'Hak pengembangan kompetensi setiap tahun: PP 17/2020 (C); 12 bulan: kebijakan instansi (R)'),
 ('jabatan_sama',       'Terlalu lama di jabatan yang sama', 5, 'tahun', TRUE, 2,
  'Masa jabatan pimpinan tinggi paling lama 5 tahun: UU ASN (C); untuk semua jenjang: kebijakan instansi (R)'),
 ('kotak_turun',        'Kotak turun sejak periode sebelumnya', 1, 'peringkat', TRUE, 3,
  'Peninjauan kelompok rencana suksesi tiap periode: Permen PANRB 3/2020 (C); ambang: kebijakan instansi (R)'),
 ('bup_dekat',          'Mendekati batas usia pensiun', 2, 'tahun', TRUE, 4,
  'Kebijakan instansi (R)'),
 ('siap_tanpa_jabatan', 'Siap sekarang tanpa jabatan target yang akan lowong', 2, 'tahun', TRUE, 5,
  'Retensi talenta siap promosi: Permen PANRB 3/2020 (C); jangka: kebijakan instansi (R)');

-- Penempatan indicator: a critical post is covered when it has at least this many successors Siap
-- Sekarang.
INSERT INTO setting VALUES
 ('siklus_penerus_kritikal_minimal', '2',
  'Jabatan kritikal dengan paling sedikit 2 penerus siap sekarang: kebijakan instansi (R)');
