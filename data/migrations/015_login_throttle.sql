-- 015: login throttling per account AND source instead of an account lock-out, and the idle check
-- of an open screen (docs/decisions/0022-login-throttling-and-serving.md).
-- A stranger's failures used to lock the account itself (app_user.terkunci_sampai) for everyone, and
-- the message said the account existed. Now failures are counted per (typed name, source): after
-- login_gagal_maksimal failures that source waits login_tahan_detik, doubling with every further
-- failure up to login_kunci_menit; the real user on another laptop is not affected. The typed name
-- is kept only as a keyed hash (HMAC-SHA256 with kunci_samaran), so a password typed into the name
-- field is never stored.

CREATE TABLE login_attempt (
    nama_kunci      VARCHAR NOT NULL,      -- HMAC-SHA256 (kunci_samaran) of the typed name, lower case
    sumber          VARCHAR NOT NULL,      -- the browser's IP address as Streamlit sees it, or 'lokal'
    gagal           INTEGER NOT NULL,      -- failures in a row from this source for this name
    terakhir_gagal  TIMESTAMP NOT NULL,
    tahan_sampai    TIMESTAMP,             -- attempts from this source for this name refused until then
    PRIMARY KEY (nama_kunci, sumber)
);

-- No account stays locked by the old rule.
UPDATE app_user SET terkunci_sampai = NULL;

UPDATE setting SET sumber = 'Percobaan gagal berturut-turut dari satu sumber untuk satu nama sebelum sumber itu '
    || 'harus menunggu; akun tidak pernah dikunci (R: kebijakan keamanan internal)'
 WHERE key = 'login_gagal_maksimal';
UPDATE setting SET sumber = 'Waktu tunggu paling lama, menit, bagi sumber yang terus gagal (R: kebijakan keamanan '
    || 'internal)'
 WHERE key = 'login_kunci_menit';
INSERT INTO setting VALUES
 ('login_tahan_detik', '30',
  'Waktu tunggu pertama, detik, sesudah login_gagal_maksimal kegagalan; berlipat dua pada tiap kegagalan '
  || 'berikutnya sampai login_kunci_menit (R: kebijakan keamanan internal)'),
 ('sesi_periksa_detik', '30',
  'Seberapa sering layar yang terbuka memeriksa batas diam sesi, detik; layar dikosongkan paling lambat '
  || 'selang ini sesudah sesi_diam_menit berlalu (R: kebijakan keamanan internal)');
