-- Issue 11: the results worker's report of a run (RunEvaluated.reportId), carried in RunFinished so
-- the owner's notification links to the report itself.
ALTER TABLE test_run ADD COLUMN report_id TEXT;
