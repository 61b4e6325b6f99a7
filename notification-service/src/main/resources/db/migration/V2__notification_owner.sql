-- Trust issue: notifications are owner-scoped (an owner lists only its own), so each keeps the
-- owner of its run. Rows from before have none and are seen by operators only.
ALTER TABLE notification ADD COLUMN owner TEXT;
CREATE INDEX notification_by_owner ON notification (owner, created_at DESC, id);
CREATE INDEX notification_latest_first ON notification (created_at DESC, id);
