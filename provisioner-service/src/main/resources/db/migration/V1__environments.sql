-- One environment per request (seed 004): what was asked, where its provisioning is, what it found,
-- and every cloud resource it made, so a restart resumes it at its step and a teardown finds them.
CREATE TABLE environment (
    id                    TEXT        PRIMARY KEY,
    operation_id          TEXT        NOT NULL UNIQUE,
    owner                 TEXT        NOT NULL,
    requested_by          TEXT        NOT NULL,
    repository_url        TEXT        NOT NULL,
    -- the request's overrides, as JSON (node type, image, duration, key name or public key, network)
    overrides             TEXT        NOT NULL,
    state                 TEXT        NOT NULL,
    step                  TEXT        NOT NULL,
    -- what a teardown ends in: FAILED, CANCELLED or TORN_DOWN
    teardown_end          TEXT,
    failure               TEXT,
    next_at               TIMESTAMPTZ NOT NULL,
    -- the work lease of whoever runs the current step (null: nobody)
    leased_until          TIMESTAMPTZ,
    step_tries            INT         NOT NULL DEFAULT 0,
    -- when the current wait (lease activation, server build) started
    waiting_since         TIMESTAMPTZ,
    sequence              BIGINT      NOT NULL DEFAULT 0,
    requirements          TEXT,
    decisions             TEXT        NOT NULL DEFAULT '[]',
    warnings              TEXT        NOT NULL DEFAULT '[]',
    repository_commit     TEXT,
    -- the environment files read from the repository (JSON path → content, each cut at 10 KB)
    repository_files      TEXT,
    image_id              TEXT,
    image_name            TEXT,
    node_type             TEXT,
    duration_hours        INT,
    key_name              TEXT,
    key_created           BOOLEAN     NOT NULL DEFAULT FALSE,
    -- a private key Gort created, sealed (AES-GCM) until its one download, then null
    private_key_sealed    TEXT,
    private_key_delivered BOOLEAN     NOT NULL DEFAULT FALSE,
    network_name          TEXT,
    network_id            TEXT,
    lease_name            TEXT,
    lease_id              TEXT,
    lease_status          TEXT,
    reservation_id        TEXT,
    lease_start           TIMESTAMPTZ,
    lease_end             TIMESTAMPTZ,
    server_name           TEXT,
    server_id             TEXT,
    server_status         TEXT,
    fixed_ip              TEXT,
    floating_ip           TEXT,
    floating_ip_id        TEXT,
    floating_ip_allocated BOOLEAN     NOT NULL DEFAULT FALSE,
    ssh_user              TEXT,
    created_at            TIMESTAMPTZ NOT NULL,
    updated_at            TIMESTAMPTZ NOT NULL,
    finished_at           TIMESTAMPTZ
);

CREATE INDEX environment_due ON environment (next_at)
    WHERE state IN ('REQUESTED', 'PROVISIONING', 'TEARING_DOWN', 'DELETING');
CREATE INDEX environment_owner ON environment (owner, created_at);

-- Each step of an environment: its status, when it ran, what it found.
CREATE TABLE environment_step (
    environment_id TEXT        NOT NULL REFERENCES environment (id) ON DELETE CASCADE,
    step           TEXT        NOT NULL,
    position       INT         NOT NULL,
    status         TEXT        NOT NULL,
    started_at     TIMESTAMPTZ,
    ended_at       TIMESTAMPTZ,
    found          TEXT,
    PRIMARY KEY (environment_id, step)
);
