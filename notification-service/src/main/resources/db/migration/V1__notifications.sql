-- At most one notification per run outcome and channel; sent by the dispatcher loop, retried with back-off.
CREATE TABLE notification (
    id            TEXT        PRIMARY KEY,
    run_id        TEXT        NOT NULL,
    outcome       TEXT        NOT NULL,
    channel       TEXT        NOT NULL,
    recipient     TEXT        NOT NULL,
    subject       TEXT        NOT NULL,
    body          TEXT        NOT NULL,
    state         TEXT        NOT NULL,
    tries         INT         NOT NULL DEFAULT 0,
    next_try_at   TIMESTAMPTZ NOT NULL,
    last_error    TEXT,
    created_at    TIMESTAMPTZ NOT NULL,
    sent_at       TIMESTAMPTZ,
    UNIQUE (run_id, outcome, channel)
);

CREATE INDEX notification_due ON notification (next_try_at) WHERE state = 'PENDING';
