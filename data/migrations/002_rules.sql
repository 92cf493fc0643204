-- 002: rule tables. Regulation is data: every row carries its source and how sure
-- we are of it (V = read in the cited text, C = several implementations agree,
-- R = plausible but unconfirmed, keep editable). Admins edit these rows; no page
-- or analytics module holds these values as literals.

CREATE TABLE job_level (
    jenjang_jabatan VARCHAR PRIMARY KEY,
    jenis_jabatan   VARCHAR NOT NULL,
    urutan          INTEGER NOT NULL,            -- higher = more senior, for comparisons
    eselon_setara   VARCHAR,
    sumber          VARCHAR NOT NULL
);
INSERT INTO job_level VALUES
 ('JPT Utama',        'JPT',           100, 'I.a',  'UU 20/2023; PP 11/2017 (V)'),
 ('JPT Madya',        'JPT',            90, 'I.b',  'UU 20/2023; PP 11/2017 (V)'),
 ('JPT Pratama',      'JPT',            80, 'II',   'UU 20/2023; PP 11/2017 (V)'),
 ('Administrator',    'Administrator',  60, 'III',  'UU 20/2023; PP 11/2017 (V)'),
 ('Pengawas',         'Pengawas',       40, 'IV',   'UU 20/2023; PP 11/2017 (V)'),
 ('JF Ahli Utama',    'Fungsional',     85, NULL,   'PP 11/2017 jenjang JF keahlian (V)'),
 ('JF Ahli Madya',    'Fungsional',     65, NULL,   'PP 11/2017 jenjang JF keahlian (V)'),
 ('JF Ahli Muda',     'Fungsional',     45, NULL,   'PP 11/2017 jenjang JF keahlian (V)'),
 ('JF Ahli Pertama',  'Fungsional',     30, NULL,   'PP 11/2017 jenjang JF keahlian (V)'),
 ('JF Penyelia',      'Fungsional',     25, NULL,   'PP 11/2017 jenjang JF keterampilan (V)'),
 ('JF Mahir',         'Fungsional',     20, NULL,   'PP 11/2017 jenjang JF keterampilan (V)'),
 ('JF Terampil',      'Fungsional',     15, NULL,   'PP 11/2017 jenjang JF keterampilan (V)'),
 ('Pelaksana',        'Pelaksana',      10, NULL,   'UU 20/2023 (V)');

CREATE TABLE competency (
    kode     VARCHAR PRIMARY KEY,                -- column name in assessment
    nama     VARCHAR NOT NULL,
    nama_en  VARCHAR NOT NULL,
    kelompok VARCHAR NOT NULL CHECK (kelompok IN ('manajerial', 'sosial kultural', 'potensi', 'literasi digital', 'emerging skills')),
    urutan   INTEGER NOT NULL,
    sumber   VARCHAR NOT NULL
);
INSERT INTO competency VALUES
 ('k_integritas',            'Integritas',                      'Integrity',                   'manajerial', 1, 'Permen PANRB 38/2017 (V)'),
 ('k_kerja_sama',            'Kerja Sama',                      'Teamwork',                    'manajerial', 2, 'Permen PANRB 38/2017 (V)'),
 ('k_komunikasi',            'Komunikasi',                      'Communication',               'manajerial', 3, 'Permen PANRB 38/2017 (V)'),
 ('k_orientasi_hasil',       'Orientasi pada Hasil',            'Results orientation',         'manajerial', 4, 'Permen PANRB 38/2017 (V)'),
 ('k_pelayanan_publik',      'Pelayanan Publik',                'Public service',              'manajerial', 5, 'Permen PANRB 38/2017 (V)'),
 ('k_pengembangan_diri',     'Pengembangan Diri dan Orang Lain', 'Developing self and others', 'manajerial', 6, 'Permen PANRB 38/2017 (V)'),
 ('k_mengelola_perubahan',   'Mengelola Perubahan',             'Managing change',             'manajerial', 7, 'Permen PANRB 38/2017 (V)'),
 ('k_pengambilan_keputusan', 'Pengambilan Keputusan',           'Decision making',             'manajerial', 8, 'Permen PANRB 38/2017 (V)'),
 ('k_perekat_bangsa',        'Perekat Bangsa',                  'National cohesion',           'sosial kultural', 9, 'Permen PANRB 38/2017 (V)'),
 ('p_kemampuan_intelektual', 'Kemampuan Intelektual',           'Intellectual ability',        'potensi', 1, 'Laporan CACT, satu sistem publik (V)'),
 ('p_interpersonal',         'Kemampuan Interpersonal',         'Interpersonal ability',       'potensi', 2, 'Laporan CACT, satu sistem publik (V)'),
 ('p_kesadaran_diri',        'Kesadaran Diri',                  'Self-awareness',              'potensi', 3, 'Laporan CACT, satu sistem publik (V)'),
 ('p_berpikir_kritis',       'Berpikir Kritis dan Strategis',   'Critical and strategic thinking', 'potensi', 4, 'Laporan CACT, satu sistem publik (V)'),
 ('p_problem_solving',       'Kemampuan Menyelesaikan Masalah', 'Problem solving',             'potensi', 5, 'Laporan CACT, satu sistem publik (V)'),
 ('p_kecerdasan_emosi',      'Kecerdasan Emosional',            'Emotional intelligence',      'potensi', 6, 'Laporan CACT, satu sistem publik (V)'),
 ('p_growth_mindset',        'Kemauan Belajar (Growth Mindset)', 'Growth mindset / learning agility', 'potensi', 7, 'Laporan CACT, satu sistem publik (V)'),
 ('p_motivasi_komitmen',     'Motivasi dan Komitmen',           'Motivation and commitment',   'potensi', 8, 'Laporan CACT, satu sistem publik (V)'),
 ('dl_digital_skills',       'Digital Skills',                  'Digital skills',              'literasi digital', 1, 'Laporan CACT (V)'),
 ('dl_digital_culture',      'Digital Culture',                 'Digital culture',             'literasi digital', 2, 'Laporan CACT (V)'),
 ('dl_digital_ethics',       'Digital Ethics',                  'Digital ethics',              'literasi digital', 3, 'Laporan CACT (V)'),
 ('dl_digital_safety',       'Digital Safety',                  'Digital safety',              'literasi digital', 4, 'Laporan CACT (V)'),
 ('es_analytical_thinking',  'Berpikir Analitis',               'Analytical thinking',         'emerging skills', 1, 'Laporan CACT (V)'),
 ('es_problem_solving',      'Pemecahan Masalah',               'Problem solving',             'emerging skills', 2, 'Laporan CACT (V)'),
 ('es_creativity',           'Kreativitas dan Inovasi',         'Creativity and innovation',   'emerging skills', 3, 'Laporan CACT (V)'),
 ('es_leadership',           'Kepemimpinan',                    'Leadership',                  'emerging skills', 4, 'Laporan CACT (V)'),
 ('es_service_orientation',  'Orientasi Layanan',               'Service orientation',         'emerging skills', 5, 'Laporan CACT (V)'),
 ('es_adaptability',         'Adaptabilitas dan Ketangguhan',   'Adaptability and resilience', 'emerging skills', 6, 'Laporan CACT (V)'),
 ('es_emotional_intelligence','Kecerdasan Emosional',           'Emotional intelligence',      'emerging skills', 7, 'Laporan CACT (V)'),
 ('es_continuous_learning',  'Belajar Berkelanjutan',           'Continuous learning',         'emerging skills', 8, 'Laporan CACT (V)'),
 ('es_troubleshooting_ux',   'Troubleshooting dan UX',          'Troubleshooting and UX',      'emerging skills', 9, 'Laporan CACT (V)'),
 ('es_technology_design',    'Desain Teknologi dan Pemrograman', 'Technology design and programming', 'emerging skills', 10, 'Laporan CACT (V)'),
 ('es_technology_use',       'Penggunaan dan Pemantauan Teknologi', 'Technology use and monitoring', 'emerging skills', 11, 'Laporan CACT (V)'),
 ('es_system_analysis',      'Analisis dan Evaluasi Sistem',    'System analysis and evaluation', 'emerging skills', 12, 'Laporan CACT (V)');

-- The 9-box. National numbering (C: many public implementations and a Kemenpan slide).
-- A different scheme would be added under another `skema`, never mixed in.
CREATE TABLE rule_box (
    skema              VARCHAR NOT NULL,
    kotak              INTEGER NOT NULL CHECK (kotak BETWEEN 1 AND 9),
    kategori_kinerja   VARCHAR NOT NULL CHECK (kategori_kinerja IN ('di atas', 'sesuai', 'di bawah')),
    kategori_potensial VARCHAR NOT NULL CHECK (kategori_potensial IN ('tinggi', 'menengah', 'rendah')),
    label              VARCHAR NOT NULL,
    rekomendasi        VARCHAR NOT NULL,          -- ';'-separated follow-ups, Indonesian
    kelompok_suksesi   BOOLEAN NOT NULL,          -- promotable pool (kelompok rencana suksesi)
    sumber             VARCHAR NOT NULL,
    PRIMARY KEY (skema, kotak)
);
INSERT INTO rule_box VALUES
 ('nasional', 1, 'di bawah', 'rendah',   'Kinerja di bawah ekspektasi, potensial rendah',
  'Ditangani sesuai ketentuan peraturan perundang-undangan', FALSE, 'Permen PANRB 3/2020; implementasi publik (C)'),
 ('nasional', 2, 'sesuai',   'rendah',   'Kinerja sesuai ekspektasi, potensial rendah',
  'Bimbingan kinerja;Pengembangan kompetensi;Penempatan yang sesuai', FALSE, 'Permen PANRB 3/2020; implementasi publik (C)'),
 ('nasional', 3, 'di bawah', 'menengah', 'Kinerja di bawah ekspektasi, potensial menengah',
  'Bimbingan kinerja;Konseling kinerja;Pengembangan kompetensi;Penempatan yang sesuai', FALSE, 'Permen PANRB 3/2020; implementasi publik (C)'),
 ('nasional', 4, 'di atas',  'rendah',   'Kinerja di atas ekspektasi, potensial rendah',
  'Rotasi;Pengembangan kompetensi', FALSE, 'Permen PANRB 3/2020; implementasi publik (C)'),
 ('nasional', 5, 'sesuai',   'menengah', 'Kinerja sesuai ekspektasi, potensial menengah',
  'Penempatan yang sesuai;Bimbingan kinerja;Pengembangan kompetensi', FALSE, 'Permen PANRB 3/2020; implementasi publik (C)'),
 ('nasional', 6, 'di bawah', 'tinggi',   'Kinerja di bawah ekspektasi, potensial tinggi',
  'Penempatan yang sesuai;Bimbingan kinerja;Konseling kinerja', FALSE, 'Permen PANRB 3/2020; implementasi publik (C)'),
 ('nasional', 7, 'di atas',  'menengah', 'Kinerja di atas ekspektasi, potensial menengah',
  'Dipertahankan;Masuk kelompok rencana suksesi instansi;Rotasi/pengayaan jabatan;Pengembangan kompetensi;Tugas belajar', TRUE, 'Permen PANRB 3/2020; implementasi publik (C)'),
 ('nasional', 8, 'sesuai',   'tinggi',   'Kinerja sesuai ekspektasi, potensial tinggi',
  'Dipertahankan;Masuk kelompok rencana suksesi instansi;Rotasi/perluasan jabatan;Bimbingan kinerja', TRUE, 'Permen PANRB 3/2020; implementasi publik (C)'),
 ('nasional', 9, 'di atas',  'tinggi',   'Kinerja di atas ekspektasi, potensial tinggi',
  'Dipromosikan;Dipertahankan;Masuk kelompok rencana suksesi instansi/nasional;Penghargaan', TRUE, 'Permen PANRB 3/2020; implementasi publik (C)');

-- Predikat kinerja: category on the performance axis and numeric value for plotting.
CREATE TABLE rule_predikat (
    predikat         VARCHAR PRIMARY KEY,
    kategori_kinerja VARCHAR NOT NULL CHECK (kategori_kinerja IN ('di atas', 'sesuai', 'di bawah')),
    nilai            DOUBLE NOT NULL,
    urutan           INTEGER NOT NULL,           -- 5 = best
    sumber           VARCHAR NOT NULL
);
INSERT INTO rule_predikat VALUES
 ('Sangat Baik',     'di atas',  100, 5, 'Kategori: Permen PANRB 6/2022 (C); nilai: satu spesifikasi publik (R)'),
 ('Baik',            'sesuai',    80, 4, 'Kategori: Permen PANRB 6/2022 (C); nilai: satu spesifikasi publik (R)'),
 ('Butuh Perbaikan', 'di bawah',  60, 3, 'Kategori: Permen PANRB 6/2022 (C); nilai: satu spesifikasi publik (R)'),
 ('Kurang',          'di bawah',  40, 2, 'Kategori: Permen PANRB 6/2022 (C); nilai: satu spesifikasi publik (R)'),
 ('Sangat Kurang',   'di bawah',  20, 1, 'Kategori: Permen PANRB 6/2022 (C); nilai: satu spesifikasi publik (R)');

-- Rating pair (hasil kerja x perilaku) -> predikat, Permen PANRB 6/2022 (C).
-- 'Kurang/Misconduct' is stored as 'Kurang'.
CREATE TABLE rule_predikat_pair (
    hasil_kerja VARCHAR NOT NULL,
    perilaku    VARCHAR NOT NULL,
    predikat    VARCHAR NOT NULL,
    sumber      VARCHAR NOT NULL,
    PRIMARY KEY (hasil_kerja, perilaku)
);
INSERT INTO rule_predikat_pair VALUES
 ('di atas',  'di bawah', 'Kurang',          'Permen PANRB 6/2022 (C)'),
 ('di atas',  'sesuai',   'Baik',            'Permen PANRB 6/2022 (C)'),
 ('di atas',  'di atas',  'Sangat Baik',     'Permen PANRB 6/2022 (C)'),
 ('sesuai',   'di bawah', 'Kurang',          'Permen PANRB 6/2022 (C)'),
 ('sesuai',   'sesuai',   'Baik',            'Permen PANRB 6/2022 (C)'),
 ('sesuai',   'di atas',  'Baik',            'Permen PANRB 6/2022 (C)'),
 ('di bawah', 'di bawah', 'Sangat Kurang',   'Permen PANRB 6/2022 (C)'),
 ('di bawah', 'sesuai',   'Butuh Perbaikan', 'Permen PANRB 6/2022 (C)'),
 ('di bawah', 'di atas',  'Butuh Perbaikan', 'Permen PANRB 6/2022 (C)');

-- Legacy 0-100 SKP scores (PP 46/2011, V); the category mapping is ours (R).
CREATE TABLE rule_legacy_score (
    batas_bawah      DOUBLE NOT NULL,            -- inclusive
    sebutan          VARCHAR NOT NULL,
    kategori_kinerja VARCHAR NOT NULL CHECK (kategori_kinerja IN ('di atas', 'sesuai', 'di bawah')),
    sumber           VARCHAR NOT NULL
);
INSERT INTO rule_legacy_score VALUES
 (91, 'Sangat Baik', 'di atas',  'Sebutan: PP 46/2011 (V); kategori (R)'),
 (76, 'Baik',        'sesuai',   'Sebutan: PP 46/2011 (V); kategori (R)'),
 (61, 'Cukup',       'di bawah', 'Sebutan: PP 46/2011 (V); kategori (R)'),
 (51, 'Kurang',      'di bawah', 'Sebutan: PP 46/2011 (V); kategori (R)'),
 (0,  'Buruk',       'di bawah', 'Sebutan: PP 46/2011 (V); kategori (R)');

-- Axis weights. period NULL = default for every period without its own rows.
-- Components the data cannot supply are left out and the rest re-weighted; the
-- engine reports which formula produced each value.
CREATE TABLE rule_axis_weight (
    period   INTEGER,
    sumbu    VARCHAR NOT NULL CHECK (sumbu IN ('kinerja', 'potensial')),
    komponen VARCHAR NOT NULL,
    bobot    DOUBLE NOT NULL CHECK (bobot >= 0),
    sumber   VARCHAR NOT NULL
);
INSERT INTO rule_axis_weight VALUES
 (NULL, 'kinerja',   'predikat',           60, 'Model BKN 2025 (C)'),
 (NULL, 'kinerja',   'penghargaan',        15, 'Model BKN 2025 (C)'),
 (NULL, 'kinerja',   'penugasan_tim',      15, 'Model BKN 2025 (C)'),
 (NULL, 'kinerja',   'umpan_balik',        10, 'Model BKN 2025 (C)'),
 (NULL, 'potensial', 'asesmen_kompetensi', 20, 'Model BKN 2025: kompetensi 40% (C)'),
 (NULL, 'potensial', 'pengembangan_kompetensi', 10, 'Model BKN 2025: kompetensi 40% (C)'),
 (NULL, 'potensial', 'pengalaman_jabatan', 10, 'Model BKN 2025: kompetensi 40% (C)'),
 (NULL, 'potensial', 'aspek_potensi',      25, 'Model BKN 2025 (C)'),
 (NULL, 'potensial', 'tingkat_pendidikan', 10, 'Model BKN 2025: kualifikasi 20% (C)'),
 (NULL, 'potensial', 'kesesuaian_bidang',  10, 'Model BKN 2025: kualifikasi 20% (C)'),
 (NULL, 'potensial', 'integritas',         15, 'Model BKN 2025 (C)');

-- Cut-offs per axis. metode 'predikat' = category straight from the predikat
-- (Permen PANRB 6/2022); metode 'nilai' = category from the composite value.
CREATE TABLE rule_cutoff (
    period       INTEGER,
    sumbu        VARCHAR NOT NULL CHECK (sumbu IN ('kinerja', 'potensial')),
    metode       VARCHAR NOT NULL CHECK (metode IN ('predikat', 'nilai')),
    batas_tinggi DOUBLE,                          -- value >= this: tinggi / di atas
    batas_menengah DOUBLE,                        -- value >= this: menengah / sesuai
    sumber       VARCHAR NOT NULL
);
INSERT INTO rule_cutoff VALUES
 (NULL, 'kinerja',   'predikat', NULL, NULL, 'Permen PANRB 6/2022: kategori dari predikat (C)'),
 (NULL, 'potensial', 'nilai',    90,   78,   'Dua sistem publik memakai 90/78 (C); batas tidak baku nasional (Kota Manado 77/68), sesuaikan per periode');

-- Scores for the qualification component of the potential axis (R).
CREATE TABLE education_level (
    tingkat VARCHAR PRIMARY KEY,
    urutan  INTEGER NOT NULL,
    nilai   DOUBLE NOT NULL,
    sumber  VARCHAR NOT NULL
);
INSERT INTO education_level VALUES
 ('SD', 1, 20, 'Skala internal (R)'), ('SMP', 2, 30, 'Skala internal (R)'),
 ('SMA', 3, 45, 'Skala internal (R)'), ('D1', 4, 50, 'Skala internal (R)'),
 ('D2', 5, 55, 'Skala internal (R)'), ('D3', 6, 65, 'Skala internal (R)'),
 ('D4', 7, 80, 'Skala internal (R)'), ('S1', 8, 80, 'Skala internal (R)'),
 ('S2', 9, 95, 'Skala internal (R)'), ('S3', 10, 100, 'Skala internal (R)');

-- Integrity component from the discipline record (R).
CREATE TABLE rule_integrity (
    tingkat_hukdis VARCHAR PRIMARY KEY,          -- 'tidak ada' for a clean record
    nilai          DOUBLE NOT NULL,
    sumber         VARCHAR NOT NULL
);
INSERT INTO rule_integrity VALUES
 ('tidak ada', 100, 'Skala internal (R)'), ('ringan', 70, 'Skala internal (R)'),
 ('sedang', 40, 'Skala internal (R)'), ('berat', 0, 'Skala internal (R)');

-- Required SKJ level per job level and competency (R: from memory of the SKJ annex).
CREATE TABLE rule_skj (
    jenjang_jabatan VARCHAR NOT NULL,
    kode            VARCHAR NOT NULL,
    level           TINYINT NOT NULL CHECK (level BETWEEN 1 AND 5),
    sumber          VARCHAR NOT NULL,
    PRIMARY KEY (jenjang_jabatan, kode)
);
INSERT INTO rule_skj
SELECT j.jenjang_jabatan, c.kode, l.level, 'Lampiran SKJ Permen PANRB 38/2017, dari ingatan (R)'
FROM (VALUES ('JPT Utama', 5), ('JPT Madya', 5), ('JPT Pratama', 4), ('Administrator', 3),
             ('Pengawas', 2), ('Pelaksana', 1), ('JF Ahli Utama', 5), ('JF Ahli Madya', 4),
             ('JF Ahli Muda', 3), ('JF Ahli Pertama', 2), ('JF Penyelia', 2), ('JF Mahir', 1),
             ('JF Terampil', 1)) AS l(jenjang_jabatan, level)
JOIN job_level j USING (jenjang_jabatan)
CROSS JOIN competency c
WHERE c.kelompok IN ('manajerial', 'sosial kultural');

CREATE TABLE rule_jpm_band (
    skema       VARCHAR NOT NULL CHECK (skema IN ('pemetaan', 'seleksi')),
    label       VARCHAR NOT NULL,
    batas_bawah DOUBLE NOT NULL,                  -- inclusive
    sumber      VARCHAR NOT NULL,
    PRIMARY KEY (skema, label)
);
INSERT INTO rule_jpm_band VALUES
 ('pemetaan', 'Optimal',               90, 'Pemetaan kompetensi (C)'),
 ('pemetaan', 'Cukup Optimal',         78, 'Pemetaan kompetensi (C)'),
 ('pemetaan', 'Kurang Optimal',         0, 'Pemetaan kompetensi (C)'),
 ('seleksi',  'Memenuhi Syarat',       80, 'Seleksi jabatan (V)'),
 ('seleksi',  'Masih Memenuhi Syarat', 68, 'Seleksi jabatan (V)'),
 ('seleksi',  'Kurang Memenuhi Syarat', 0, 'Seleksi jabatan (V)');

-- Batas usia pensiun (R: keep as a table).
CREATE TABLE rule_retirement (
    jenjang_jabatan VARCHAR PRIMARY KEY,
    usia_bup        INTEGER NOT NULL,
    sumber          VARCHAR NOT NULL
);
INSERT INTO rule_retirement
SELECT jenjang_jabatan,
       CASE WHEN jenis_jabatan = 'JPT' OR jenjang_jabatan = 'JF Ahli Madya' THEN 60
            WHEN jenjang_jabatan = 'JF Ahli Utama' THEN 65
            ELSE 58 END,
       'UU ASN / PP 11/2017, ringkasan (R)'
FROM job_level;

-- Eligibility rules per target job level. '*' applies to every level.
CREATE TABLE rule_eligibility (
    jenjang_target VARCHAR NOT NULL,
    parameter      VARCHAR NOT NULL,
    nilai          VARCHAR NOT NULL,
    sumber         VARCHAR NOT NULL,
    PRIMARY KEY (jenjang_target, parameter)
);
INSERT INTO rule_eligibility VALUES
 ('JPT Pratama',   'kotak',                   '9',     'Praktik Kota Semarang (V); atur per instansi'),
 ('Administrator', 'kotak',                   '7;8;9', 'Praktik Kota Semarang (V); atur per instansi'),
 ('Pengawas',      'kotak',                   '7;8;9', 'Praktik Kota Semarang (V); atur per instansi'),
 ('JPT Pratama',   'pendidikan_minimal',      'S1',    'PP 11/2017 jo. PP 17/2020 (V): paling rendah S1/D-IV'),
 ('JPT Pratama',   'pengalaman_tahun',        '5',     'PP 11/2017 jo. PP 17/2020 (V)'),
 ('JPT Pratama',   'jabatan_sebelumnya',      'Administrator;JF Ahli Madya', 'PP 11/2017 jo. PP 17/2020 (V)'),
 ('JPT Pratama',   'lama_jabatan_sebelumnya_tahun', '2', 'PP 11/2017 jo. PP 17/2020 (V)'),
 ('JPT Pratama',   'usia_maksimal',           '56',    'PP 11/2017 jo. PP 17/2020 (V)'),
 ('*',             'predikat_minimal',        'Baik',  'PP 11/2017 jo. PP 17/2020: kelompok rencana suksesi (V)'),
 ('*',             'predikat_tahun',          '2',     'PP 11/2017 jo. PP 17/2020: kelompok rencana suksesi (V)'),
 ('*',             'bebas_hukdis',            'ya',    'Rekam jejak dan integritas, PP 11/2017 (V)'),
 ('*',             'jarak_bup_minimal_tahun', '1',     'Kebijakan internal (R)'),
 ('*',             'bidang_sesuai_teknis',    'ya',    'Kebijakan Kota Serang (V)');

CREATE TABLE assessment_source (
    sumber    VARCHAR PRIMARY KEY,
    nama      VARCHAR NOT NULL,
    prioritas INTEGER NOT NULL,                   -- lower wins when several exist in a period
    keterangan VARCHAR NOT NULL
);
INSERT INTO assessment_source VALUES
 ('AC',   'Assessment Center', 1, 'Asesmen paling lengkap; diutamakan (R)'),
 ('CACT', 'Computer Assisted Competency Test (BKN)', 2, 'Profiling BKN (V)'),
 ('LAIN', 'Lainnya', 3, 'Sumber lain (R)');

INSERT INTO setting VALUES
 ('kuota_cact', '1152', 'Kuota profiling CACT dari BKN untuk Kota Serang (V, berita 2026)'),
 ('masa_berlaku_asesmen_tahun', '2', 'Hasil asesmen dipakai paling lama 2 periode (R)'),
 ('jpm_maksimal_100', 'tidak', 'Sebagian sistem membatasi JPM pada 100 (C); default tidak dibatasi'),
 ('skema_kotak', 'nasional', 'Penomoran nasional Permen PANRB 3/2020 (C)');
