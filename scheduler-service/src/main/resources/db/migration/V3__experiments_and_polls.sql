-- Issue 4, scheduled polling: the experiments the poller saw, every poll, and the claim of each
-- (experiment, revision) a scheduled run was created for.

-- Each experiment as the experiment source last described it to a poll.
CREATE TABLE experiment (
    slug           TEXT        PRIMARY KEY,
    name           TEXT,
    owner          TEXT,
    owner_email    TEXT,
    revision       TEXT        NOT NULL,
    ready_for_test BOOLEAN     NOT NULL,
    first_seen_at  TIMESTAMPTZ NOT NULL,
    last_seen_at   TIMESTAMPTZ NOT NULL
);

-- One row per finished poll, failed or not. `reason` says why a poll failed, or which source
-- entries a successful poll skipped.
CREATE TABLE experiment_poll (
    id                 TEXT        PRIMARY KEY,
    instance           TEXT        NOT NULL,
    started_at         TIMESTAMPTZ NOT NULL,
    finished_at        TIMESTAMPTZ NOT NULL,
    status             TEXT        NOT NULL CHECK (status IN ('SUCCEEDED', 'FAILED')),
    experiments_seen   INT         NOT NULL DEFAULT 0,
    experiments_ready  INT         NOT NULL DEFAULT 0,
    runs_created       INT         NOT NULL DEFAULT 0,
    entries_skipped    INT         NOT NULL DEFAULT 0,
    reason             TEXT
);

CREATE INDEX experiment_poll_latest_first ON experiment_poll (started_at DESC, id DESC);

-- The scheduled run of one experiment revision. A poller inserts the claim with ON CONFLICT DO
-- NOTHING in the same transaction as the run; only the poller whose row landed creates the run,
-- so scheduler replicas polling together never create two runs for one revision.
CREATE TABLE experiment_revision_claim (
    experiment  TEXT        NOT NULL,
    revision    TEXT        NOT NULL,
    run_id      TEXT        REFERENCES test_run (id),
    poll_id     TEXT        NOT NULL,
    claimed_at  TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (experiment, revision)
);

-- "Has a run for its revision" also counts runs an owner triggered.
CREATE INDEX test_run_by_experiment_revision ON test_run (experiment, revision);
