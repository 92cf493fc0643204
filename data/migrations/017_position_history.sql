-- 017: position history (riwayat jabatan), each target post's field of work, the words that name a
-- field, and the feeder time rules for Administrator and Pengawas targets
-- (docs/decisions/0030-position-history-and-fit-ranking.md).
-- Until now the product knew only each person's current post: "years as Administrator or JF Ahli
-- Madya" and "years in the field of the post" (PP 11/2017 jo. PP 17/2020) could not be counted, and
-- a Pengawas of 9 months came out ready for an Administrator post.

-- One row per post a person held, as SIASN's riwayat jabatan exports it. A re-import replaces the
-- whole history of the NIPs in the file (other people's rows stay).
CREATE TABLE position_history (
    nip             VARCHAR NOT NULL,
    jabatan         VARCHAR NOT NULL,
    opd_nama        VARCHAR,                -- as the export names it (a past OPD may be gone)
    opd_id          VARCHAR,                -- the database's OPD when the name is known
    unit_kerja      VARCHAR,
    jenis_jabatan   VARCHAR,
    jenjang_jabatan VARCHAR,                -- job_level.jenjang_jabatan; NULL when not derivable
    tmt_jabatan     DATE NOT NULL,
    tmt_selesai     DATE,                   -- NULL: until the next post's TMT (the last: until today)
    bidang          VARCHAR,                -- field of work as the file gives it; NULL = from rule_bidang
    batch_id        INTEGER
);
CREATE TABLE import_replaced_position_history AS
    SELECT 0::INTEGER AS undo_batch_id, * FROM position_history WHERE false;

-- A target post's field of work (';'-separated fields of rule_bidang, NULL = derived from the post
-- and OPD names) and, where known, its technical competencies (free text, ';'-separated).
ALTER TABLE target_post ADD COLUMN bidang_tugas VARCHAR;
ALTER TABLE target_post ADD COLUMN kompetensi_teknis VARCHAR;

-- Words that name a field of work in a post, unit or OPD name. The post's name is read first, then
-- the unit, then the OPD; in each, the first word found wins ('Kepala Bidang Perencanaan
-- Pemerintahan' is perencanaan), a word of a lower urutan before any of a higher one (the generic
-- 'umum' words come last: 'Subbagian Umum dan Kepegawaian' is kepegawaian). Editable per agency.
CREATE TABLE rule_bidang (
    bidang  VARCHAR NOT NULL,
    kata    VARCHAR NOT NULL,               -- lower case; matched on word boundaries
    urutan  INTEGER NOT NULL DEFAULT 1,     -- a word of a lower urutan wins wherever it stands
    sumber  VARCHAR NOT NULL,
    PRIMARY KEY (kata)
);
INSERT INTO rule_bidang
SELECT bidang, kata, CASE WHEN bidang = 'umum' THEN 2 ELSE 1 END,
       'Nomenklatur perangkat daerah dan jabatan (R); atur per instansi'
FROM (VALUES
 ('pemerintahan', 'pemerintahan'), ('pemerintahan', 'kecamatan'), ('pemerintahan', 'kelurahan'),
 ('pemerintahan', 'camat'), ('pemerintahan', 'lurah'), ('pemerintahan', 'otonomi daerah'),
 ('pemerintahan', 'kependudukan'), ('pemerintahan', 'pencatatan sipil'), ('pemerintahan', 'kesatuan bangsa'),
 ('pemerintahan', 'politik'), ('pemerintahan', 'pemberdayaan masyarakat'), ('pemerintahan', 'kerja sama'),
 ('kebencanaan', 'bencana'), ('kebencanaan', 'kedaruratan'), ('kebencanaan', 'kesiapsiagaan'),
 ('kebencanaan', 'rehabilitasi dan rekonstruksi'), ('kebencanaan', 'logistik'), ('kebencanaan', 'kebakaran'),
 ('kebencanaan', 'pemadam'), ('kebencanaan', 'pemadaman'), ('kebencanaan', 'penyelamatan'),
 ('ketertiban', 'ketertiban'), ('ketertiban', 'ketenteraman'), ('ketertiban', 'polisi pamong praja'),
 ('ketertiban', 'pamong praja'), ('ketertiban', 'penegakan peraturan'), ('ketertiban', 'perlindungan masyarakat'),
 ('perencanaan', 'perencanaan'), ('perencanaan', 'perencana'), ('perencanaan', 'pembangunan daerah'),
 ('perencanaan', 'riset'), ('perencanaan', 'inovasi'), ('perencanaan', 'administrasi pembangunan'),
 ('perencanaan', 'pengendalian pembangunan'), ('perencanaan', 'statistisi'),
 ('keuangan', 'keuangan'), ('keuangan', 'anggaran'), ('keuangan', 'penganggaran'), ('keuangan', 'perbendaharaan'),
 ('keuangan', 'akuntansi'), ('keuangan', 'aset'), ('keuangan', 'pendapatan'), ('keuangan', 'pajak'),
 ('keuangan', 'bendahara'), ('keuangan', 'penagihan'), ('keuangan', 'pendataan dan penetapan'),
 ('keuangan', 'pengelola keuangan'), ('keuangan', 'analis keuangan'),
 ('kepegawaian', 'kepegawaian'), ('kepegawaian', 'sumber daya manusia'), ('kepegawaian', 'mutasi'),
 ('kepegawaian', 'promosi'), ('kepegawaian', 'pemberhentian'), ('kepegawaian', 'analis sdm'),
 ('kepegawaian', 'asesor sdm'), ('kepegawaian', 'aparatur'), ('kepegawaian', 'organisasi'),
 ('kepegawaian', 'kelembagaan'), ('kepegawaian', 'analisis jabatan'),
 ('pendidikan', 'pendidikan'), ('pendidikan', 'guru'), ('pendidikan', 'sekolah'), ('pendidikan', 'sdn'),
 ('pendidikan', 'smpn'), ('pendidikan', 'tk negeri'), ('pendidikan', 'pamong belajar'), ('pendidikan', 'kebudayaan'),
 ('pendidikan', 'tenaga kependidikan'), ('pendidikan', 'penilik'),
 ('kesehatan', 'kesehatan'), ('kesehatan', 'puskesmas'), ('kesehatan', 'rsud'), ('kesehatan', 'rumah sakit'),
 ('kesehatan', 'perawat'), ('kesehatan', 'keperawatan'), ('kesehatan', 'bidan'), ('kesehatan', 'dokter'),
 ('kesehatan', 'apoteker'), ('kesehatan', 'farmasi'), ('kesehatan', 'nutrisionis'), ('kesehatan', 'sanitarian'),
 ('kesehatan', 'pelayanan medis'), ('kesehatan', 'instalasi'), ('kesehatan', 'penyakit'), ('kesehatan', 'epidemiolog'),
 ('kesehatan', 'laboratorium'), ('kesehatan', 'radiografer'), ('kesehatan', 'rekam medis'),
 ('pariwisata dan olahraga', 'pariwisata'), ('pariwisata dan olahraga', 'pemuda'),
 ('pariwisata dan olahraga', 'kepemudaan'), ('pariwisata dan olahraga', 'olahraga'),
 ('pariwisata dan olahraga', 'gelanggang'), ('pariwisata dan olahraga', 'ekonomi kreatif'),
 ('sosial', 'sosial'), ('sosial', 'kesejahteraan rakyat'), ('sosial', 'kesejahteraan masyarakat'),
 ('sosial', 'pemberdayaan perempuan'), ('sosial', 'perlindungan anak'), ('sosial', 'keluarga berencana'),
 ('sosial', 'pengendalian penduduk'), ('sosial', 'kemasyarakatan'), ('sosial', 'penyuluh sosial'),
 ('hukum', 'hukum'), ('hukum', 'perundang-undangan'), ('hukum', 'persidangan'), ('hukum', 'peraturan'),
 ('hukum', 'legislasi'), ('hukum', 'perancang'),
 ('pekerjaan umum dan tata ruang', 'pekerjaan umum'), ('pekerjaan umum dan tata ruang', 'bina marga'),
 ('pekerjaan umum dan tata ruang', 'sumber daya air'), ('pekerjaan umum dan tata ruang', 'penataan ruang'),
 ('pekerjaan umum dan tata ruang', 'tata ruang'), ('pekerjaan umum dan tata ruang', 'konstruksi'),
 ('pekerjaan umum dan tata ruang', 'perumahan'), ('pekerjaan umum dan tata ruang', 'permukiman'),
 ('pekerjaan umum dan tata ruang', 'pertanahan'), ('pekerjaan umum dan tata ruang', 'teknik jalan'),
 ('lingkungan hidup', 'lingkungan hidup'), ('lingkungan hidup', 'sampah'), ('lingkungan hidup', 'pencemaran'),
 ('lingkungan hidup', 'persampahan'),
 ('perhubungan', 'perhubungan'), ('perhubungan', 'lalu lintas'), ('perhubungan', 'angkutan'),
 ('perhubungan', 'terminal'), ('perhubungan', 'kendaraan bermotor'),
 ('komunikasi dan informatika', 'informatika'), ('komunikasi dan informatika', 'komunikasi publik'),
 ('komunikasi dan informatika', 'aplikasi'), ('komunikasi dan informatika', 'persandian'),
 ('komunikasi dan informatika', 'pranata komputer'), ('komunikasi dan informatika', 'pranata humas'),
 ('komunikasi dan informatika', 'statistik'),
 ('perekonomian', 'perekonomian'), ('perekonomian', 'perindustrian'), ('perekonomian', 'perdagangan'),
 ('perekonomian', 'koperasi'), ('perekonomian', 'usaha mikro'), ('perekonomian', 'penanaman modal'),
 ('perekonomian', 'perizinan'), ('perekonomian', 'pasar'), ('perekonomian', 'tenaga kerja'),
 ('perekonomian', 'hubungan industrial'), ('perekonomian', 'pelatihan kerja'),
 ('pertanian dan pangan', 'pertanian'), ('pertanian dan pangan', 'pangan'), ('pertanian dan pangan', 'peternakan'),
 ('pertanian dan pangan', 'perikanan'), ('pertanian dan pangan', 'tanaman'), ('pertanian dan pangan', 'hortikultura'),
 ('pertanian dan pangan', 'kesehatan hewan'), ('pertanian dan pangan', 'rumah potong hewan'),
 ('pertanian dan pangan', 'penyuluh pertanian'),
 ('pengawasan', 'inspektorat'), ('pengawasan', 'inspektur'), ('pengawasan', 'auditor'),
 ('pengawasan', 'pengawas penyelenggaraan'), ('pengawasan', 'p2upd'),
 ('umum', 'umum'), ('umum', 'tata usaha'), ('umum', 'rumah tangga'), ('umum', 'protokol'),
 ('umum', 'perlengkapan'), ('umum', 'kearsipan'), ('umum', 'arsiparis'), ('umum', 'perpustakaan'),
 ('umum', 'pustakawan'), ('umum', 'pengadaan barang'), ('umum', 'pengadministrasi'), ('umum', 'sekretariat dprd')
) AS t(bidang, kata);

INSERT INTO setting VALUES
 ('bidang_tahun_cocok', '5',
  'Tahun di bidang tugas yang dihitung "cocok penuh" dalam urutan daftar pendek; 5 tahun mengikuti PP 11/2017 '
  'jo. PP 17/2020 Pasal 107 untuk JPT Pratama (V); dipakai juga untuk jenjang lain (kebijakan, R)');

-- Feeder time rules. PP 11/2017 jo. PP 17/2020:
--  * Administrator (Pasal 54 ayat (1) huruf d): experience as Pengawas of at least 3 years, or in a JF
--    of the same level, in the field of the post;
--  * Pengawas (Pasal 55 ayat (1) huruf d): experience as Pelaksana of at least 4 years, or in a JF of
--    the same level, in the field of the post;
--  * JPT Pratama (Pasal 107 huruf c, read in the published text, V): currently or previously
--    Administrator or JF Ahli Madya for at least 2 years, and 5 years cumulative in related fields.
-- The Administrator and Pengawas years are from memory of the article's text, not read again in a
-- public copy this round: R until checked. The years are counted across the position history in the
-- levels of jabatan_sebelumnya or above (JF equivalence: job_level.urutan).
INSERT INTO rule_eligibility VALUES
 ('Administrator', 'lama_jabatan_sebelumnya_tahun', '3',
  'PP 11/2017 jo. PP 17/2020 Pasal 54 ayat (1) huruf d: pengalaman jabatan pengawas atau JF setingkat paling singkat 3 tahun (R: periksa teks pasal)'),
 ('Pengawas', 'lama_jabatan_sebelumnya_tahun', '4',
  'PP 11/2017 jo. PP 17/2020 Pasal 55 ayat (1) huruf d: pengalaman jabatan pelaksana atau JF setingkat paling singkat 4 tahun (R: periksa teks pasal)'),
 ('JPT Pratama', 'pengalaman_bidang_tahun', '5',
  'PP 11/2017 jo. PP 17/2020 Pasal 107: pengalaman jabatan dalam bidang tugas terkait secara kumulatif paling kurang 5 tahun (V)');
UPDATE rule_eligibility
   SET sumber = 'PP 11/2017 jo. PP 17/2020 Pasal 107: sedang atau pernah menduduki jabatan administrator atau JF ahli madya paling singkat 2 tahun, kumulatif dari riwayat jabatan (V)'
 WHERE jenjang_target = 'JPT Pratama' AND parameter = 'lama_jabatan_sebelumnya_tahun';

-- The readings of these rules, listed on the Suksesi page with the others (rule_reading, migration 016).
INSERT INTO rule_reading VALUES
 ('riwayat_jabatan', 11, 'PP 11/2017 jo. PP 17/2020 (V: "sedang atau pernah", "kumulatif"); cara menghitung dari '
                      || 'riwayat jabatan (R)'),
 ('bidang_terkait', 12, 'PP 11/2017 jo. PP 17/2020 Pasal 107 (V: "bidang tugas yang terkait"); bidang yang dihitung '
                     || 'terkait: target_post.bidang_tugas dan rule_bidang (R)');
