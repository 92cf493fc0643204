-- 003: imports. Remembered column mappings, the scope of each import
-- batch, and the rows an import replaced so that undo restores exactly the
-- previous state.

-- A confirmed column mapping that differs from the built-in synonyms, per kind of
-- data and normalised header (lower case, letters and digits only). field '' means
-- "ignore this column".
CREATE TABLE import_mapping (
    kind        VARCHAR NOT NULL,
    header_key  VARCHAR NOT NULL,
    header      VARCHAR NOT NULL,             -- the header as last seen, for display
    field       VARCHAR NOT NULL,
    updated_by  VARCHAR NOT NULL,
    updated_at  TIMESTAMP NOT NULL DEFAULT current_timestamp,
    PRIMARY KEY (kind, header_key)
);

-- What a batch replaced beyond kind + period (e.g. the assessment sources of the
-- file) and the hash of the rows it wrote, for the history page.
ALTER TABLE import_batch ADD COLUMN scope VARCHAR;
ALTER TABLE import_batch ADD COLUMN undone_by VARCHAR;

-- Reference rows an import may add (a new period, a new OPD): undo removes them.
ALTER TABLE opd ADD COLUMN batch_id INTEGER;
ALTER TABLE period ADD COLUMN batch_id INTEGER;

-- Rows an import deleted or overwrote, tagged with the importing batch
-- (undo_batch_id). Undo deletes the batch's own rows and puts these back.
-- Same columns as the live table, without constraints. A later migration that adds
-- a column to a live table adds it here too (data/store.py also adds any missing
-- column before it writes).
CREATE TABLE import_replaced_asn AS
    SELECT 0::INTEGER AS undo_batch_id, * FROM asn WHERE false;
CREATE TABLE import_replaced_asn_period AS
    SELECT 0::INTEGER AS undo_batch_id, * FROM asn_period WHERE false;
CREATE TABLE import_replaced_performance AS
    SELECT 0::INTEGER AS undo_batch_id, * FROM performance WHERE false;
CREATE TABLE import_replaced_assessment AS
    SELECT 0::INTEGER AS undo_batch_id, * FROM assessment WHERE false;
CREATE TABLE import_replaced_discipline AS
    SELECT 0::INTEGER AS undo_batch_id, * FROM discipline WHERE false;
CREATE TABLE import_replaced_target_post AS
    SELECT 0::INTEGER AS undo_batch_id, * FROM target_post WHERE false;
CREATE INDEX import_replaced_asn_undo ON import_replaced_asn (undo_batch_id);
CREATE INDEX import_replaced_asn_period_undo ON import_replaced_asn_period (undo_batch_id);
CREATE INDEX import_replaced_performance_undo ON import_replaced_performance (undo_batch_id);
CREATE INDEX import_replaced_assessment_undo ON import_replaced_assessment (undo_batch_id);
