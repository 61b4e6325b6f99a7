-- Real runners issue: a cancelled run shows whether its runner confirmed halting the job, is still
-- being asked, or the gateway gave up; the owner's mail waits (a bounded time) to say which.
ALTER TABLE test_run ADD COLUMN halt VARCHAR(16);
ALTER TABLE test_run ADD COLUMN halt_detail TEXT;
ALTER TABLE test_run ADD COLUMN halt_at TIMESTAMPTZ;
-- false while a finished run's RunFinished is held back (a cancel waiting for the gateway's word)
ALTER TABLE test_run ADD COLUMN finish_announced BOOLEAN NOT NULL DEFAULT TRUE;

CREATE INDEX test_run_unannounced_by_halt_at ON test_run (halt_at)
    WHERE NOT finish_announced;
