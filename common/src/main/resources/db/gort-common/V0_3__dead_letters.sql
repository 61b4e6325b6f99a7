-- dev.gort.common.deadletter: what reached this service's dead-letter topic (gort.dlq.<service>),
-- kept for GET /api/v1/dead-letters and POST /api/v1/dead-letters/{id}:replay. One row per record
-- of that topic, however often it is delivered.

CREATE TABLE gort_dead_letter (
    id               TEXT        PRIMARY KEY,
    dlq_partition    INT         NOT NULL,
    dlq_offset       BIGINT      NOT NULL,
    payload_sha256   TEXT        NOT NULL,
    source_topic     TEXT,
    source_partition INT,
    source_offset    BIGINT,
    message_key      TEXT,
    payload          BYTEA       NOT NULL,
    event_id         TEXT,
    event_type       TEXT,
    reason           TEXT,
    received_at      TIMESTAMPTZ NOT NULL,
    replayed_at      TIMESTAMPTZ,
    replays          INT         NOT NULL DEFAULT 0,
    UNIQUE (dlq_partition, dlq_offset, payload_sha256)
);

CREATE INDEX gort_dead_letter_latest_first ON gort_dead_letter (received_at DESC, id DESC);
