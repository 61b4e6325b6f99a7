-- Trust issue, runs that heal themselves: the stall detector nudges a run that made no progress for
-- longer than its state allows (dev.gort.scheduler.stall), and a finished run whose notification the
-- notifier never confirmed (NotificationQueued).
ALTER TABLE test_run ADD COLUMN attempt_deadline TIMESTAMPTZ;
ALTER TABLE test_run ADD COLUMN nudges INT NOT NULL DEFAULT 0;
ALTER TABLE test_run ADD COLUMN notified_at TIMESTAMPTZ;
ALTER TABLE test_run ADD COLUMN notify_nudges INT NOT NULL DEFAULT 0;
ALTER TABLE test_run ADD COLUMN notify_nudged_at TIMESTAMPTZ;

-- Runs finished before this change were notified the old way: nothing to confirm for them.
UPDATE test_run SET notified_at = last_action_at WHERE state = 'FINISHED';

CREATE INDEX test_run_unfinished_by_last_action ON test_run (last_action_at)
    WHERE state <> 'FINISHED';
CREATE INDEX test_run_unnotified_by_last_action ON test_run (last_action_at)
    WHERE state = 'FINISHED' AND notified_at IS NULL;
