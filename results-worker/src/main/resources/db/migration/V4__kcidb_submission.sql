-- Issue 11: a finished report submitted to KCIDB once, when a submission URL is configured. The row is
-- written with the report; the submitter claims, posts and records it (retried with back-off).
CREATE TABLE kcidb_submission (
    report_id   TEXT        PRIMARY KEY REFERENCES report (id) ON DELETE CASCADE,
    state       TEXT        NOT NULL,
    tries       INT         NOT NULL DEFAULT 0,
    next_try_at TIMESTAMPTZ NOT NULL,
    last_error  TEXT,
    sent_at     TIMESTAMPTZ,
    created_at  TIMESTAMPTZ NOT NULL
);
CREATE INDEX kcidb_submission_due ON kcidb_submission (next_try_at) WHERE state = 'PENDING';
