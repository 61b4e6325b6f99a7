CREATE TABLE test_run (
    id               TEXT        PRIMARY KEY,
    experiment       TEXT        NOT NULL,
    revision         TEXT        NOT NULL,
    owner            TEXT        NOT NULL,
    owner_email      TEXT        NOT NULL,
    runner           TEXT        NOT NULL,
    state            TEXT        NOT NULL,
    outcome          TEXT,
    attempts         INT         NOT NULL DEFAULT 0,
    max_attempts     INT         NOT NULL,
    operation_id     TEXT        NOT NULL UNIQUE,
    idempotency_key  TEXT        UNIQUE,
    summary          TEXT,
    created_at       TIMESTAMPTZ NOT NULL,
    last_action_at   TIMESTAMPTZ NOT NULL,
    version          BIGINT      NOT NULL DEFAULT 0
);

-- At most one unfinished run per experiment, enforced by the database so that concurrent
-- requests (or scheduler replicas) cannot both create one.
CREATE UNIQUE INDEX test_run_one_unfinished_per_experiment
    ON test_run (experiment) WHERE state <> 'FINISHED';

CREATE INDEX test_run_by_experiment ON test_run (experiment, created_at);

CREATE TABLE test_run_history (
    run_id    TEXT        NOT NULL REFERENCES test_run (id) ON DELETE CASCADE,
    position  INT         NOT NULL,
    state     TEXT        NOT NULL,
    at        TIMESTAMPTZ NOT NULL,
    reason    TEXT,
    PRIMARY KEY (run_id, position)
);
