-- 013: limits an uploaded file must keep before it is parsed (docs/decisions/0019-bounded-reading.md).
-- A workbook is parsed in a child process with at most impor_memori_pembaca_gb of address space; the
-- other limits refuse a file from its zip directory and its sheets' declared size, before any parsing.
-- Sizes follow docs/benchmark.md: the national SIASN csv (4.7M rows, 1.1 GB) imported at 2.7 GB; a
-- 1M-row xlsx (124 MB) at 3.0 GB; the machine has 16 GB or more.
INSERT INTO setting VALUES
 ('impor_baris_maks', '5000000',
  'Baris data paling banyak dalam satu berkas impor (R: ekspor SIASN nasional 4,7 juta baris muat; '
  || 'di atasnya impor lewat berkas per instansi)'),
 ('impor_kolom_maks', '200',
  'Kolom paling banyak dalam satu lembar (R: ekspor SIASN sekitar 70 kolom; lembar bersel kosong sampai '
  || 'kolom XFD membuat pembaca meminta memori untuk 16.384 kolom)'),
 ('impor_sel_maks', '50000000',
  'Ukuran lembar yang dinyatakan (baris × kolom) paling besar (R: pembaca Excel menyiapkan seluruh persegi '
  || 'sel; 50 juta sel ≈ 3–4 GB)'),
 ('impor_teks_sel_maks', '32767',
  'Karakter paling banyak dalam satu sel (R: batas Excel sendiri untuk satu sel)'),
 ('impor_lembar_maks', '50', 'Lembar kerja paling banyak dalam satu buku kerja (R: kebijakan internal)'),
 ('impor_xlsx_isi_maks_mb', '2048',
  'Ukuran isi buku kerja setelah dibuka dari zip, paling besar, MB (R: lembar 1 juta baris ≈ 1 GB XML)'),
 ('impor_rasio_kompresi_maks', '100',
  'Rasio kompresi paling besar satu bagian buku kerja di atas 50 MB (R: lembar Excel biasa 5–15; '
  || 'berkas "bom zip" ratusan sampai ribuan)'),
 ('impor_csv_maks_mb', '3072',
  'Ukuran berkas CSV paling besar, MB (R: ekspor SIASN nasional 1,1 GB diimpor dengan puncak memori 2,7 GB)'),
 ('impor_unggah_maks_mb', '50',
  'Ukuran berkas yang diunggah di halaman Impor Data paling besar, MB (R: berkas lebih besar diimpor '
  || 'lewat perintah python -m data import; .streamlit/config.toml server.maxUploadSize lebih besar '
  || 'agar penolakan berbahasa Indonesia)'),
 ('impor_memori_pembaca_gb', '6',
  'Memori (ruang alamat) paling besar proses anak yang membaca buku kerja, GB (R: xlsx 1 juta baris '
  || 'memuncak 3,0 GB; pembaca yang melampauinya berhenti tanpa menjatuhkan server)'),
 ('impor_waktu_baca_detik', '900',
  'Waktu paling lama membaca satu buku kerja, detik (R: xlsx 1 juta baris dibaca dalam 43 detik)')
ON CONFLICT DO NOTHING;
