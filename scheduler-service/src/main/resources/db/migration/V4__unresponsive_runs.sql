-- Operation status "unresponsive" (issue 4): set while the run's runner is overdue and does not
-- answer the gateway's status polls (RunUnresponsive), cleared by the next event applied to the run.
ALTER TABLE test_run ADD COLUMN unresponsive_since TIMESTAMPTZ;
