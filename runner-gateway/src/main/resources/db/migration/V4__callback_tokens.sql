-- Trust issue: a callback URL carries a per-attempt secret token besides the attempt id; only its
-- SHA-256 is kept, set when the attempt is handed to its runner. Attempts dispatched before this
-- change have none, so their callbacks are refused and the attempt times out and is retried.
ALTER TABLE dispatch_attempt ADD COLUMN callback_token_sha256 TEXT;
-- The run's owner, carried into RunCompleted so the worker's reports are owner-scoped.
ALTER TABLE dispatch_attempt ADD COLUMN owner TEXT;
