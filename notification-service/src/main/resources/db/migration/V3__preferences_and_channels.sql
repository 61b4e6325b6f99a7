-- Issue 11: owners choose channels (email, chat, generic webhook) and outcomes; a notification is
-- one intent per run, outcome, channel and destination, recorded before it is sent and sent under
-- its id (the Message-ID, the X-Gort-Delivery). Emails carry an HTML part beside the text.
ALTER TABLE notification DROP CONSTRAINT notification_run_id_outcome_channel_key;
ALTER TABLE notification
    ADD CONSTRAINT notification_intent UNIQUE (run_id, outcome, channel, recipient);
ALTER TABLE notification ADD COLUMN html TEXT;

-- What an owner wants to be told, and how; an owner without a row gets email for every outcome.
CREATE TABLE owner_preference (
    owner      TEXT        PRIMARY KEY,
    channels   JSONB       NOT NULL,
    outcomes   JSONB       NOT NULL,
    set_by     TEXT        NOT NULL,
    set_at     TIMESTAMPTZ NOT NULL,
    version    BIGINT      NOT NULL DEFAULT 0
);
