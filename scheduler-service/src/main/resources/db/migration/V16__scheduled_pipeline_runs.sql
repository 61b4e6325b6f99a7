-- Issue 13: a scheduled run of an experiment whose test configuration holds a pipeline is a
-- pipeline run. Its claim of (experiment, revision) names that run here instead of in run_id (a
-- test run), in the same transaction as the claim, so replicas still never create two.
ALTER TABLE experiment_revision_claim
    ADD COLUMN pipeline_run_id TEXT REFERENCES pipeline_run (id);

-- "Has a run for its revision" and "has an unfinished run" count the experiment's pipeline runs.
CREATE INDEX pipeline_run_by_experiment_commit ON pipeline_run (experiment, commit_sha);
