-- 020: one drop of several files (a period's personnel, performance and assessment exports at once)
-- is written in one transaction and undone as one step (docs/decisions/0032-one-drop-import.md).
-- The batches of one drop share drop_id (the smallest batch id of the drop); a lone file's is NULL.
ALTER TABLE import_batch ADD COLUMN drop_id INTEGER;
