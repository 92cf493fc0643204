-- 009: one period lock. Every penetapan (finalisation) of a period and every reopening of it is a
-- row here, kept for good: a later penetapan adds a new row. ringkasan is the JSON summary the
-- committee saw when it finalised (counts, distribution, ...).
CREATE SEQUENCE period_finalisation_seq START 1;
CREATE TABLE period_finalisation (
    id               INTEGER PRIMARY KEY DEFAULT nextval('period_finalisation_seq'),
    period           INTEGER NOT NULL,
    ditetapkan_pada  TIMESTAMP NOT NULL DEFAULT current_timestamp,
    ditetapkan_oleh  VARCHAR NOT NULL,
    ringkasan        VARCHAR,                   -- JSON
    dibuka_pada      TIMESTAMP,
    dibuka_oleh      VARCHAR,
    alasan_buka      VARCHAR
);
CREATE INDEX period_finalisation_period ON period_finalisation (period);

-- Penetapan already made before this migration keep their history.
INSERT INTO period_finalisation (period, ditetapkan_pada, ditetapkan_oleh)
SELECT period, coalesce(finalised_at, current_timestamp), coalesce(finalised_by, '-')
  FROM period WHERE status = 'ditetapkan';

-- Reopening a finalised period (with a reason) is an admin's step.
UPDATE role SET izin = izin || ';penetapan:buka' WHERE role = 'admin';

-- Development actions stay allowed on a finalised period (the plan follows the result);
-- an action recorded after penetapan says so.
ALTER TABLE development_action ADD COLUMN setelah_penetapan BOOLEAN DEFAULT FALSE;  -- (NOT NULL cannot be added beside an index)
