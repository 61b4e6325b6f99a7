-- Real runners issue: every call to a runner goes claim / call / record, no row locked while a
-- runner is called.

-- How often an attempt was handed to its runner: after the first, a runner that can find the job an
-- earlier hand-over started (an idempotency key, a run name) answers with it instead of another.
ALTER TABLE dispatch_attempt ADD COLUMN handovers INT NOT NULL DEFAULT 0;
-- Until when a hand-over under way holds the attempt (its lease; null when none is): the deadline
-- waits for it, and a cancel lets it finish so that the job it starts is halted and confirmed.
ALTER TABLE dispatch_attempt ADD COLUMN handover_until TIMESTAMPTZ;

-- The token of every hand-over of an attempt (SHA-256 only): a runner that answered a later
-- hand-over with the job of an earlier one reports with that earlier URL.
CREATE TABLE callback_token (
    attempt_id  TEXT        NOT NULL REFERENCES dispatch_attempt (id),
    sha256      TEXT        NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (attempt_id, sha256)
);
INSERT INTO callback_token (attempt_id, sha256, created_at)
    SELECT id, callback_token_sha256, COALESCE(dispatched_at, created_at)
    FROM dispatch_attempt WHERE callback_token_sha256 IS NOT NULL;

-- Jobs to halt at their runners: an attempt's job when its run is cancelled or its deadline passes,
-- and any job the gateway did not want (a second job for an attempt that already has one, a job
-- accepted after its run was cancelled). One row per job; next_try_at is also the claim of a halt
-- in flight.
CREATE TABLE job_halt (
    id            TEXT        PRIMARY KEY,
    attempt_id    TEXT        NOT NULL REFERENCES dispatch_attempt (id),
    runner        TEXT        NOT NULL,
    job_id        TEXT        NOT NULL,
    kind          TEXT        NOT NULL,
    settings      TEXT        NOT NULL DEFAULT '{}',
    why           TEXT        NOT NULL,
    requested_at  TIMESTAMPTZ NOT NULL,
    tries         INT         NOT NULL DEFAULT 0,
    next_try_at   TIMESTAMPTZ NOT NULL,
    halted_at     TIMESTAMPTZ,
    reached       BOOLEAN,
    result        TEXT,
    UNIQUE (runner, job_id)
);
CREATE INDEX job_halt_due ON job_halt (next_try_at) WHERE halted_at IS NULL;
CREATE INDEX job_halt_attempt ON job_halt (attempt_id);
-- halts asked for before this change move over; the halt_* columns of dispatch_attempt stay for
-- replicas of the previous version during a rolling upgrade, and are no longer written
INSERT INTO job_halt (id, attempt_id, runner, job_id, kind, settings, why, requested_at, tries,
                      next_try_at, halted_at, reached, result)
    SELECT md5(id || runner_job_id), id, runner, runner_job_id, kind, settings,
           CASE WHEN state = 'CANCELLED' THEN 'cancelled' ELSE 'deadline' END,
           halt_requested_at, halt_tries, COALESCE(halt_next_try_at, halt_requested_at),
           halted_at, CASE WHEN halted_at IS NULL THEN NULL ELSE halt_result NOT LIKE 'halt given up%' END,
           halt_result
    FROM dispatch_attempt WHERE halt_requested_at IS NOT NULL AND runner_job_id IS NOT NULL
    ON CONFLICT DO NOTHING;

-- Reports that arrive for a runner as a whole (GitHub webhooks) carry the runner's own delivery
-- id: one seen before changes nothing.
CREATE TABLE runner_delivery (
    runner       TEXT        NOT NULL,
    delivery_id  TEXT        NOT NULL,
    received_at  TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (runner, delivery_id)
);

-- A report finds its attempt by the runner's job id.
CREATE INDEX dispatch_attempt_job ON dispatch_attempt (runner, runner_job_id);
