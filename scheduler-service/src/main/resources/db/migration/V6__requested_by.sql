-- Trust issue: a run says who asked for it (a caller's name, or the scheduler for a scheduled run),
-- and idempotency keys move to gort_idempotency_key (common), scoped to caller and endpoint.
ALTER TABLE test_run ADD COLUMN requested_by TEXT;
ALTER TABLE test_run DROP COLUMN idempotency_key;
-- A run of an experiment the source named no owner for belongs to nobody (only operators reach
-- it), not to a user who happens to be called "unknown".
ALTER TABLE test_run ALTER COLUMN owner DROP NOT NULL;
UPDATE test_run SET owner = NULL WHERE owner = 'unknown';
