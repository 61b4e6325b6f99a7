-- Issue 13: pipeline runs. A run holds its pipeline (the file's shape, PipelineJson) and its steps
-- (every field of common's Step, so PipelineEngine.restore gives back the engine that was saved);
-- each change loads the row FOR UPDATE, lets the engine decide, and saves steps, status and the
-- events it owes (outbox) in one transaction.
CREATE TABLE pipeline_run (
    id                TEXT        PRIMARY KEY,
    operation_id      TEXT        NOT NULL UNIQUE,
    pipeline          TEXT        NOT NULL,
    -- counted per pipeline name: 1, 2, 3, ...
    number            INT         NOT NULL,
    -- who asked for it; null is nobody's: only operators reach it (as for test runs)
    owner             TEXT,
    experiment        TEXT,
    repository        TEXT,
    commit_sha        TEXT,
    -- JSON, not JSONB: the order of stages' jobs is the file's, and JSONB sorts object keys
    spec              JSON        NOT NULL,
    max_parallel      INT         NOT NULL,
    pause_on_failure  BOOLEAN     NOT NULL,
    steps             JSONB       NOT NULL,
    -- PipelineEngine.status(): NOT_STARTED RUNNING WAITING_FOR_USER SUCCEEDED FAILED CANCELLED
    status            TEXT        NOT NULL,
    -- settled steps / steps, in percent
    percent_complete  SMALLINT    NOT NULL,
    summary           TEXT,
    created_at        TIMESTAMPTZ NOT NULL,
    started_at        TIMESTAMPTZ,
    finished_at       TIMESTAMPTZ,
    updated_at        TIMESTAMPTZ NOT NULL,
    version           BIGINT      NOT NULL DEFAULT 0,
    CONSTRAINT pipeline_run_number UNIQUE (pipeline, number)
);

-- The operation status and the default order's rank, stored like test_run's (V5). They repeat
-- PipelineOperationStatus.status(status) and .progress(status) in SQL; PipelineOperationsTest
-- checks the two agree for every status.
ALTER TABLE pipeline_run ADD COLUMN operation_status TEXT GENERATED ALWAYS AS (
    CASE
        WHEN status = 'NOT_STARTED' THEN 'notstarted'
        WHEN status = 'SUCCEEDED' THEN 'succeeded'
        WHEN status = 'FAILED' THEN 'failed'
        WHEN status = 'CANCELLED' THEN 'cancelled'
        ELSE 'running'
    END) STORED;

ALTER TABLE pipeline_run ADD COLUMN operation_progress SMALLINT GENERATED ALWAYS AS (
    CASE
        WHEN status = 'NOT_STARTED' THEN 0
        WHEN status IN ('SUCCEEDED', 'FAILED', 'CANCELLED') THEN 2
        ELSE 1
    END) STORED;

CREATE INDEX pipeline_run_by_owner ON pipeline_run (owner, created_at);
CREATE INDEX pipeline_run_by_created ON pipeline_run (created_at, id);
CREATE INDEX pipeline_run_by_operation_status ON pipeline_run (operation_status, created_at, id);
CREATE INDEX pipeline_run_by_operation_progress
    ON pipeline_run (operation_progress, created_at, id);
CREATE INDEX pipeline_run_by_last_action ON pipeline_run (updated_at, id);
CREATE INDEX pipeline_run_by_experiment ON pipeline_run (experiment, created_at);

-- One row per job handed to the gateway: its id is the runId of that RunRequested, so the
-- gateway's events about it (subject = dispatch id) find the run, job and attempt.
CREATE TABLE pipeline_job_dispatch (
    id              TEXT        PRIMARY KEY,
    run_id          TEXT        NOT NULL REFERENCES pipeline_run (id) ON DELETE CASCADE,
    job             TEXT        NOT NULL,
    attempt         INT         NOT NULL,
    runner          TEXT        NOT NULL,
    runner_job_id   TEXT,
    -- where the runner put the job's results or log, when it said
    results_url     TEXT,
    requested_at    TIMESTAMPTZ NOT NULL,
    dispatched_at   TIMESTAMPTZ,
    -- set when Gort asked the gateway to halt it (CancelRequested)
    halt_requested_at TIMESTAMPTZ,
    CONSTRAINT pipeline_job_dispatch_attempt UNIQUE (run_id, job, attempt)
);
