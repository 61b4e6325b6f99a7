-- Issue 13: a pipeline job handed to the gateway whose result never comes (an event lost with a
-- broker's data, a gateway that dropped its work) does not hold its run forever. The stall
-- detector nudges an open dispatch as it nudges a test run (its RunRequested sent again) and, after
-- the last nudge, ends the attempt as stuck_or_timeout_failure, which `retry: when:` may retry.
ALTER TABLE pipeline_job_dispatch ADD COLUMN attempt_deadline TIMESTAMPTZ;
ALTER TABLE pipeline_job_dispatch ADD COLUMN finished_at TIMESTAMPTZ;
ALTER TABLE pipeline_job_dispatch ADD COLUMN last_action_at TIMESTAMPTZ;
ALTER TABLE pipeline_job_dispatch ADD COLUMN nudges INT NOT NULL DEFAULT 0;

UPDATE pipeline_job_dispatch SET last_action_at = COALESCE(dispatched_at, requested_at);
-- dispatches of finished runs are settled; any other open one is looked at (and, when its attempt
-- already has its result, marked finished then)
UPDATE pipeline_job_dispatch d SET finished_at = r.finished_at
  FROM pipeline_run r WHERE r.id = d.run_id AND r.finished_at IS NOT NULL;
ALTER TABLE pipeline_job_dispatch ALTER COLUMN last_action_at SET NOT NULL;

CREATE INDEX pipeline_job_dispatch_open ON pipeline_job_dispatch (last_action_at, id)
    WHERE finished_at IS NULL AND halt_requested_at IS NULL;
