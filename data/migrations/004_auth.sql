-- 004: users, roles and their permissions. Roles are data: a new role is a row.
-- lingkup 'semua' sees every OPD; 'opd' sees only the user's own OPD (enforced in data/store.py).

CREATE TABLE role (
    role       VARCHAR PRIMARY KEY,
    nama       VARCHAR NOT NULL,
    izin       VARCHAR NOT NULL,                 -- ';'-separated permissions
    lingkup    VARCHAR NOT NULL CHECK (lingkup IN ('semua', 'opd')),
    keterangan VARCHAR
);
INSERT INTO role VALUES
 ('admin',    'Admin BKPSDM',  'lihat;impor;aturan:ubah;pengguna:kelola;audit:lihat;kalibrasi;ekspor;identitas', 'semua',
  'Impor data, aturan, pengguna'),
 ('komite',   'Komite Talenta', 'lihat;kalibrasi;ekspor;identitas', 'semua', 'Melihat semua, melakukan kalibrasi'),
 ('pimpinan', 'Pimpinan',       'lihat;ekspor;identitas', 'semua', 'Melihat semua, hanya baca'),
 ('operator', 'Operator OPD',   'lihat;identitas', 'opd', 'Hanya melihat OPD sendiri');

CREATE TABLE app_user (
    username        VARCHAR PRIMARY KEY,
    nama            VARCHAR NOT NULL,
    role            VARCHAR NOT NULL,
    opd_id          VARCHAR,                       -- required for roles with lingkup 'opd'
    password_hash   VARCHAR NOT NULL,              -- argon2id; never the password itself
    aktif           BOOLEAN NOT NULL DEFAULT TRUE,
    gagal_berturut  INTEGER NOT NULL DEFAULT 0,
    terkunci_sampai TIMESTAMP,
    dibuat_pada     TIMESTAMP NOT NULL DEFAULT current_timestamp,
    login_terakhir  TIMESTAMP
);

INSERT INTO setting VALUES
 ('login_gagal_maksimal', '5', 'Kebijakan keamanan internal (R)'),
 ('login_kunci_menit', '15', 'Kebijakan keamanan internal (R)'),
 ('sesi_diam_menit', '120', 'Cukup untuk satu rapat komite (R)');
