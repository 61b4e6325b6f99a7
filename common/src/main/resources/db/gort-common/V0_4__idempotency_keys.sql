-- dev.gort.common.idempotency: Idempotency-Key of POST requests. A key is scoped to its caller and
-- endpoint (scope = sha256 of the three); the request it was first used with (its experiment and
-- body, fingerprint) is fixed; the first response is kept and answered again until expires_at.
CREATE TABLE gort_idempotency_key (
    scope          TEXT        PRIMARY KEY,
    fingerprint    TEXT        NOT NULL,
    -- who holds the key while it is in flight: a request whose lease ran out cannot complete it
    claim_id       TEXT        NOT NULL,
    state          TEXT        NOT NULL CHECK (state IN ('IN_FLIGHT', 'DONE')),
    lease_until    TIMESTAMPTZ NOT NULL,
    status         INT,
    headers        TEXT,
    body           BYTEA,
    created_at     TIMESTAMPTZ NOT NULL,
    expires_at     TIMESTAMPTZ NOT NULL
);

CREATE INDEX gort_idempotency_key_expiry ON gort_idempotency_key (expires_at);
