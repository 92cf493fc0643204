-- 021: Beranda's "vacant target posts with a candidate ready now" stored per period, data version and
-- appointment date (docs/decisions/0035-stored-vacant-ready.md), as the placements are (019): the count
-- for everyone (no scope, no filters) is worked out by the one succession code path
-- (analytics.succession.bench_strength over the candidates who could be ready now), written when it is
-- first worked out (the server's warm-up does it at start) and read only for that exact version and date.
-- Derived data: no period lock and no audit entry of its own; older versions are pruned on each write.
CREATE TABLE vacant_ready (
    periode     INTEGER NOT NULL,
    versi_impor BIGINT NOT NULL,   -- data_version()[0]
    versi_audit BIGINT NOT NULL,   -- data_version()[1]
    tanggal     DATE NOT NULL,     -- the appointment date readiness is worked out on (today on Beranda)
    jumlah      INTEGER NOT NULL
);
