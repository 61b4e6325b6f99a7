-- The exit code a runner reported with an attempt's end (Gort's own runners' callback, exitCode):
-- the script's for a failed job, 0 for a passed one; null where the runner said none. RunCompleted
-- carries it, so that a pipeline job's allow_failure exit codes hold on the real stack.
ALTER TABLE dispatch_attempt ADD COLUMN exit_code integer;
