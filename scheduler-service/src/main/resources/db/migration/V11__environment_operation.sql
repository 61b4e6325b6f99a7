-- Issue 12: the provisioner's environment operations, mirrored from its EnvironmentStatus events
-- (gort.environments.status) so the operations list shows them beside test runs. One row per
-- environment, holding its newest status: an event with a lower sequence never overwrites it.
CREATE TABLE environment_operation (
    environment_id       TEXT        PRIMARY KEY,
    operation_id         TEXT        NOT NULL UNIQUE,
    -- no owner: nobody's, only operators reach it (as for test runs)
    owner                TEXT,
    state                TEXT        NOT NULL,
    step                 TEXT,
    percent_complete     SMALLINT    NOT NULL,
    failure              TEXT,
    created_at           TIMESTAMPTZ NOT NULL,
    -- the newest status's changedAt
    last_action_at       TIMESTAMPTZ NOT NULL,
    sequence             BIGINT      NOT NULL,
    -- set by the first DELETE of the operation, which published EnvironmentCancelRequested; a
    -- repeat publishes nothing more
    cancel_requested_at  TIMESTAMPTZ,
    cancel_requested_by  TEXT
);

-- The operation status and the default order's rank, stored like test_run's (V5). They repeat
-- EnvironmentOperationStatus.status(state) and .progress(state) in SQL;
-- EnvironmentOperationTest checks the two agree for every state.
ALTER TABLE environment_operation ADD COLUMN operation_status TEXT GENERATED ALWAYS AS (
    CASE
        WHEN state = 'REQUESTED' THEN 'notstarted'
        WHEN state IN ('READY', 'DELETING', 'TORN_DOWN') THEN 'succeeded'
        WHEN state = 'FAILED' THEN 'failed'
        WHEN state = 'CANCELLED' THEN 'cancelled'
        ELSE 'running'
    END) STORED;

ALTER TABLE environment_operation ADD COLUMN operation_progress SMALLINT GENERATED ALWAYS AS (
    CASE
        WHEN state = 'REQUESTED' THEN 0
        WHEN state IN ('READY', 'DELETING', 'TORN_DOWN', 'FAILED', 'CANCELLED') THEN 2
        ELSE 1
    END) STORED;

CREATE INDEX environment_operation_by_status
    ON environment_operation (operation_status, created_at, environment_id);
CREATE INDEX environment_operation_by_progress
    ON environment_operation (operation_progress, created_at, environment_id);
CREATE INDEX environment_operation_by_created ON environment_operation (created_at, environment_id);
CREATE INDEX environment_operation_by_last_action
    ON environment_operation (last_action_at, environment_id);
CREATE INDEX environment_operation_by_owner ON environment_operation (owner, created_at);
