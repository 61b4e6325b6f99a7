-- Shared by every service (dev.gort.common.outbox / inbox). Each service lists
-- classpath:db/gort-common in quarkus.flyway.locations; its own migrations start at V1.

CREATE TABLE gort_outbox (
    id           BIGSERIAL PRIMARY KEY,
    event_id     TEXT        NOT NULL UNIQUE,
    topic        TEXT        NOT NULL,
    message_key  TEXT        NOT NULL,
    payload      TEXT        NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    published_at TIMESTAMPTZ
);

CREATE INDEX gort_outbox_unpublished ON gort_outbox (id) WHERE published_at IS NULL;

CREATE TABLE gort_inbox (
    consumer     TEXT        NOT NULL,
    event_id     TEXT        NOT NULL,
    processed_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (consumer, event_id)
);
