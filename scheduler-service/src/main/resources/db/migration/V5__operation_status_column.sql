-- The operation status of each run (architecture, operations), stored so the operations list can
-- filter and page by it through an index instead of computing it for every run. It repeats
-- OperationStatus.status(state, outcome, unresponsive) in SQL; OperationListTest checks the two
-- agree for every state, outcome and unresponsive flag.
ALTER TABLE test_run ADD COLUMN operation_status TEXT GENERATED ALWAYS AS (
    CASE
        WHEN state = 'QUEUED' THEN 'notstarted'
        WHEN state = 'RUNNING' AND unresponsive_since IS NOT NULL THEN 'unresponsive'
        WHEN state = 'FINISHED' AND outcome IN ('PASSED', 'FAILED') THEN 'succeeded'
        WHEN state = 'FINISHED' AND outcome = 'TIMED_OUT' THEN 'timeout'
        WHEN state = 'FINISHED' AND outcome = 'CANCELLED' THEN 'cancelled'
        WHEN state = 'FINISHED' THEN 'failed'
        ELSE 'running'
    END) STORED;

-- seed 001's default order: not started (0), running or unresponsive (1), completed (2)
ALTER TABLE test_run ADD COLUMN operation_progress SMALLINT GENERATED ALWAYS AS (
    CASE
        WHEN state = 'QUEUED' THEN 0
        WHEN state = 'FINISHED' THEN 2
        ELSE 1
    END) STORED;

CREATE INDEX test_run_by_operation_status ON test_run (operation_status, created_at, id);
CREATE INDEX test_run_by_operation_progress ON test_run (operation_progress, created_at, id);
CREATE INDEX test_run_by_created ON test_run (created_at, id);
CREATE INDEX test_run_by_last_action ON test_run (last_action_at, id);
