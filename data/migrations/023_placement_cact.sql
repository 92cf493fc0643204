-- 023: each stored placement (019) says whether the person has a CACT assessment in the period, so
-- Beranda's headline (ASN in the view, CACT profiled against the quota) is counted from the stored rows
-- alone, like its 9-box, instead of joining the whole roll to the people and the assessments on a cold
-- start (0.3 s of DuckDB work at 1M ASN, growing with the roll; docs/decisions/0037-*.md). The flag is
-- written with the rows, from the same committed state (data/store/placements.py); rows stored before
-- this migration get it here, from the assessments of their (unchanged) data version.
ALTER TABLE placement ADD COLUMN cact BOOLEAN NOT NULL DEFAULT false;
UPDATE placement SET cact = true
 WHERE EXISTS (SELECT 1 FROM assessment s WHERE s.period = placement.periode AND s.nip = placement.nip
               AND s.sumber = 'CACT');
