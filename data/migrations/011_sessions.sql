-- 011: server-side login sessions, so that a browser reload keeps the login and an admin (or a
-- logout, an idle timeout, a disabled user) can end it. The browser holds only a random token in a
-- cookie; this table holds its SHA-256, never the token itself. Idle time is measured here, from
-- terakhir_aktif, with the `sesi_diam_menit` setting (004).

CREATE TABLE login_session (
    id               VARCHAR PRIMARY KEY,            -- random, not secret (drafts and the audit log name it)
    token_hash       VARCHAR NOT NULL UNIQUE,        -- sha256 hex of the cookie's token
    username         VARCHAR NOT NULL,
    dibuat_pada      TIMESTAMP NOT NULL DEFAULT current_timestamp,
    terakhir_aktif   TIMESTAMP NOT NULL DEFAULT current_timestamp,
    berakhir_pada    TIMESTAMP,                      -- NULL while the session is open
    alasan_berakhir  VARCHAR                         -- keluar, diam, nonaktif, sandi-diatur-ulang, diakhiri-admin
);
