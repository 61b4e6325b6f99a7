-- Issue 13: an experiment's test configuration may hold a pipeline (its file's shape, PipelineJson;
-- JSON, not JSONB, to keep the file's order of jobs). A test run of such an experiment is a
-- pipeline run; without one it stays a single job on the configured runner.
ALTER TABLE test_config ADD COLUMN pipeline JSON;
