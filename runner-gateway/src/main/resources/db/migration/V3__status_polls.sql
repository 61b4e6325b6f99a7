-- Status polls of overdue jobs (issue 4, operation status "unresponsive"). At its deadline a
-- dispatched attempt's runner is asked how the job is doing; a runner that does not answer makes
-- the run unresponsive and is polled again with back-off (next_status_poll_at) until it answers or
-- gort.gateway.unresponsive-grace has passed since unresponsive_since.
ALTER TABLE dispatch_attempt ADD COLUMN status_polls INT NOT NULL DEFAULT 0;
ALTER TABLE dispatch_attempt ADD COLUMN next_status_poll_at TIMESTAMPTZ;
ALTER TABLE dispatch_attempt ADD COLUMN unresponsive_since TIMESTAMPTZ;
-- what the runner last answered a status poll, or why it did not
ALTER TABLE dispatch_attempt ADD COLUMN last_status TEXT;
