-- Deadlines, retries and cancellation (issue 4). An attempt whose deadline passes, or that the
-- owner cancels, is halted at its runner by a loop of its own (halt_* columns), so a runner that
-- is down delays the halt but never the run's outcome.
ALTER TABLE dispatch_attempt ADD COLUMN halt_requested_at TIMESTAMPTZ;
ALTER TABLE dispatch_attempt ADD COLUMN halt_tries INT NOT NULL DEFAULT 0;
ALTER TABLE dispatch_attempt ADD COLUMN halt_next_try_at TIMESTAMPTZ;
ALTER TABLE dispatch_attempt ADD COLUMN halted_at TIMESTAMPTZ;
ALTER TABLE dispatch_attempt ADD COLUMN halt_result TEXT;

-- A pending attempt has a deadline too: one that cannot be dispatched in time is timed out.
CREATE INDEX dispatch_attempt_overdue ON dispatch_attempt (deadline)
    WHERE state IN ('PENDING', 'DISPATCHED');
CREATE INDEX dispatch_attempt_to_halt ON dispatch_attempt (halt_next_try_at)
    WHERE halt_requested_at IS NOT NULL AND halted_at IS NULL;

-- Runs the owner cancelled: a request for one of them that arrives late is not dispatched.
CREATE TABLE cancelled_run (
    run_id        TEXT        PRIMARY KEY,
    reason        TEXT,
    cancelled_at  TIMESTAMPTZ NOT NULL
);
