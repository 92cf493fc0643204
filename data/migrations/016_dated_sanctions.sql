-- 016: sanctions dated on a day, known low legacy predikat, and the readings of the rules where the
-- texts allow two (decision 0029). Marks as in 002: V read in the cited text, C several sources
-- agree, R plausible but unconfirmed (a policy choice: keep editable).

-- How long a sanction without an end date stays in force, per level. NULL months (or no row) = until
-- an end date is recorded (sedang and berat: PP 94/2021 Pasal 8 fixes their duration in the
-- decision itself, so the record should carry it; without one we keep them in force).
CREATE TABLE rule_discipline (
    tingkat    VARCHAR PRIMARY KEY CHECK (tingkat IN ('ringan', 'sedang', 'berat')),
    lama_bulan INTEGER CHECK (lama_bulan IS NULL OR lama_bulan >= 0),
    sumber     VARCHAR NOT NULL
);
INSERT INTO rule_discipline VALUES
 ('ringan', 12, 'PP 94/2021 Pasal 8 ayat (2): teguran lisan, teguran tertulis, pernyataan tidak puas secara '
                || 'tertulis, tanpa jangka waktu (V); berlaku 12 bulan sejak TMT hukuman = kebijakan internal, '
                || 'satu siklus penilaian kinerja (R); isi 0 bila tidak berdampak setelah hari dijatuhkan'),
 ('sedang', NULL, 'PP 94/2021 Pasal 8 ayat (3): pemotongan tunjangan kinerja 25% selama 6, 9 atau 12 bulan, '
                || 'lamanya di keputusan (V); tanpa tanggal selesai = masih berlaku sampai dicatat (R)'),
 ('berat',  NULL, 'PP 94/2021 Pasal 8 ayat (4): penurunan jabatan atau pembebasan dari jabatan selama 12 bulan, '
                || 'atau pemberhentian (V); tanpa tanggal selesai = masih berlaku sampai dicatat (R)');

-- Look-back per target level: no sedang/berat sanction imposed in the last N years (its own check,
-- beside "no sanction in force"). Not in PP 11/2017 itself; open-selection announcements for JPT ask
-- for it (3 years seen): a policy row per agency.
INSERT INTO rule_eligibility VALUES
 ('JPT Pratama', 'hukdis_riwayat_tahun', '3',
  'Pengumuman seleksi terbuka JPT: tidak pernah dijatuhi hukuman disiplin sedang/berat dalam 3 tahun terakhir '
  || '(R: praktik seleksi, bukan pasal PP 11/2017); atur per instansi'),
 ('JPT Pratama', 'hukdis_riwayat_tingkat', 'sedang;berat',
  'Pengumuman seleksi terbuka JPT (R); atur per instansi');

-- Policy readings the checks read (the current reading kept; the other reading is one edit away).
INSERT INTO rule_eligibility VALUES
 ('*', 'usia_maksimal_cara', 'tepat',
  'Usia paling tinggi N tahun: ''tepat'' = lolos sampai hari ulang tahun ke-N, gugur sehari sesudahnya (dibaca '
  || 'sejak awal); ''genap'' = lolos selama usia genap masih N tahun, sampai sehari sebelum ulang tahun '
  || 'ke-N+1 (R: teks PP 11/2017 tidak menentukan)'),
 ('*', 'jpm_pita_kedua', 'siap_1_2_tahun',
  'JPM pita "Masih Memenuhi Syarat": ''siap_1_2_tahun'' = kekurangan yang dapat ditutup pengembangan (Siap 1–2 '
  || 'Tahun); ''memenuhi'' = dihitung memenuhi syarat kompetensi (R: kebijakan seleksi instansi)');

-- Legacy labels (PP 46/2011) ranked against the predikat of Permen PANRB 6/2022, so "Cukup" and
-- "Buruk" are known and below "Baik" (they failed no rule before: they counted as unknown).
ALTER TABLE rule_legacy_score ADD COLUMN urutan INTEGER;
UPDATE rule_legacy_score SET urutan = CASE sebutan WHEN 'Sangat Baik' THEN 5 WHEN 'Baik' THEN 4
    WHEN 'Cukup' THEN 3 WHEN 'Kurang' THEN 2 WHEN 'Buruk' THEN 1 END;
UPDATE rule_legacy_score SET sumber = sumber || '; urutan: Cukup (61–75) di bawah Baik, setara Butuh Perbaikan (R)'
 WHERE urutan IS NOT NULL;

-- The readings the Suksesi page lists (text in the catalogs, suk.rule_<kode>); the source per reading.
CREATE TABLE rule_reading (
    kode    VARCHAR PRIMARY KEY,
    urutan  INTEGER NOT NULL,
    sumber  VARCHAR NOT NULL
);
INSERT INTO rule_reading VALUES
 ('pensiun_tmt', 1, 'UU 11/1969 dan PP 11/2017 jo. PP 17/2020: berhenti karena BUP pada akhir bulan dicapainya '
                 || 'BUP, pensiun TMT tanggal 1 bulan berikutnya (C: praktik BKN dan panduan publik sepakat)'),
 ('usia_56', 2, 'PP 11/2017 jo. PP 17/2020: usia paling tinggi 56 tahun (V); cara menghitung: rule_eligibility '
                || 'usia_maksimal_cara (R)'),
 ('hukdis_tanggal', 3, 'PP 94/2021 (V): hukuman berlaku sejak TMT sampai selesai; dibaca pada tanggal '
                || 'pengangkatan (R)'),
 ('hukdis_ringan', 4, 'PP 94/2021 Pasal 8 (V): hukuman ringan tanpa jangka waktu; rule_discipline (R)'),
 ('hukdis_riwayat', 5, 'Pengumuman seleksi terbuka JPT (R); rule_eligibility hukdis_riwayat_tahun'),
 ('integritas_akhir_periode', 6, 'Skala internal (R): hukuman yang berlaku pada 31 Desember periode'),
 ('predikat_legacy', 7, 'PP 46/2011 (V): Cukup 61–75, Buruk ≤ 50; urutan terhadap Baik (R)'),
 ('predikat_diketik', 8, 'Permen PANRB 6/2022 (C): predikat dari pasangan rating; predikat yang tercatat '
                || 'didahulukan (R)'),
 ('istimewa', 9, 'Permen PANRB 6/2022 (C): "Istimewa" adalah predikat kinerja organisasi; pada impor dibaca '
                || 'Sangat Baik (R)'),
 ('masih_memenuhi', 10, 'Pita JPM seleksi (V); rule_eligibility jpm_pita_kedua (R)');
