-- Trust issue: reports are owner-scoped, so each keeps its run's experiment and owner (from
-- RunCompleted). Reports from before have none and are seen by operators only.
ALTER TABLE report ADD COLUMN experiment TEXT;
ALTER TABLE report ADD COLUMN owner TEXT;
CREATE INDEX report_latest_first ON report (created_at DESC, id);
CREATE INDEX report_by_owner ON report (owner, created_at DESC, id);
