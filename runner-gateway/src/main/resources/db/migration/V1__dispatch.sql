-- One row per attempt to run a test run on a runner. Its id is the callback token.
CREATE TABLE dispatch_attempt (
    id             TEXT        PRIMARY KEY,
    run_id         TEXT        NOT NULL,
    attempt        INT         NOT NULL,
    runner         TEXT        NOT NULL,
    kind           TEXT        NOT NULL,
    experiment     TEXT        NOT NULL,
    revision       TEXT        NOT NULL,
    max_attempts   INT         NOT NULL,
    state          TEXT        NOT NULL,
    runner_job_id  TEXT,
    deadline       TIMESTAMPTZ,
    tries          INT         NOT NULL DEFAULT 0,
    next_try_at    TIMESTAMPTZ NOT NULL,
    last_error     TEXT,
    traceparent    TEXT,
    created_at     TIMESTAMPTZ NOT NULL,
    dispatched_at  TIMESTAMPTZ,
    version        BIGINT      NOT NULL DEFAULT 0,
    UNIQUE (run_id, attempt)
);

CREATE INDEX dispatch_attempt_due ON dispatch_attempt (next_try_at) WHERE state = 'PENDING';

-- The raw result a runner reported, stored once per attempt however often it is delivered.
CREATE TABLE runner_callback (
    attempt_id   TEXT        PRIMARY KEY REFERENCES dispatch_attempt (id),
    runner       TEXT        NOT NULL,
    status       TEXT        NOT NULL,
    results_url  TEXT,
    body         TEXT        NOT NULL,
    received_at  TIMESTAMPTZ NOT NULL,
    deliveries   INT         NOT NULL DEFAULT 1
);
