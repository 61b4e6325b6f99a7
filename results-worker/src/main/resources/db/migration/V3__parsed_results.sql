-- Issue 11: results in every format, parsed into test cases. A report keeps its counts, the problems
-- the document reported and its builds; its test cases get a table of their own (a report may hold
-- 100 000), read paged and filtered by status. Where the run sits in a pipeline (pipeline, stage,
-- job) is kept for the reports filters; single-job runs have none.
ALTER TABLE report ADD COLUMN format       TEXT;
ALTER TABLE report ADD COLUMN total        INT    NOT NULL DEFAULT 0;
ALTER TABLE report ADD COLUMN passed       INT    NOT NULL DEFAULT 0;
ALTER TABLE report ADD COLUMN failed       INT    NOT NULL DEFAULT 0;
ALTER TABLE report ADD COLUMN errors       INT    NOT NULL DEFAULT 0;
ALTER TABLE report ADD COLUMN skipped      INT    NOT NULL DEFAULT 0;
ALTER TABLE report ADD COLUMN missed       INT    NOT NULL DEFAULT 0;
ALTER TABLE report ADD COLUMN flaky        INT    NOT NULL DEFAULT 0;
ALTER TABLE report ADD COLUMN duration_ms  BIGINT NOT NULL DEFAULT 0;
ALTER TABLE report ADD COLUMN problems_json TEXT;
ALTER TABLE report ADD COLUMN builds_json  TEXT;
ALTER TABLE report ADD COLUMN failures_json TEXT;
ALTER TABLE report ADD COLUMN pipeline     TEXT;
ALTER TABLE report ADD COLUMN stage        TEXT;
ALTER TABLE report ADD COLUMN job          TEXT;

CREATE TABLE report_test_case (
    report_id   TEXT    NOT NULL REFERENCES report (id) ON DELETE CASCADE,
    seq         INT     NOT NULL,
    suite       TEXT    NOT NULL,
    name        TEXT    NOT NULL,
    class_name  TEXT,
    status      TEXT    NOT NULL,
    duration_ms BIGINT,
    message     TEXT,
    output      TEXT,
    flaky       BOOLEAN NOT NULL DEFAULT FALSE,
    log_url     TEXT,
    PRIMARY KEY (report_id, seq)
);
CREATE INDEX report_test_case_by_status ON report_test_case (report_id, status, seq);

-- Reports from before keep their tests: the old JSON list becomes rows, its counts columns.
INSERT INTO report_test_case (report_id, seq, suite, name, status, duration_ms, message)
SELECT r.id, t.ord, '', t.value ->> 'name', upper(t.value ->> 'status'),
       (t.value ->> 'durationMs')::BIGINT, t.value ->> 'message'
FROM report r, jsonb_array_elements(r.tests_json::jsonb) WITH ORDINALITY AS t (value, ord)
WHERE r.tests_json IS NOT NULL AND jsonb_typeof(r.tests_json::jsonb) = 'array';

UPDATE report r SET
    format = 'gort',
    total = c.total, passed = c.passed, failed = c.failed, errors = c.errors, skipped = c.skipped,
    duration_ms = c.duration_ms
FROM (SELECT report_id,
             count(*) AS total,
             count(*) FILTER (WHERE status = 'PASSED') AS passed,
             count(*) FILTER (WHERE status = 'FAILED') AS failed,
             count(*) FILTER (WHERE status = 'ERROR') AS errors,
             count(*) FILTER (WHERE status = 'SKIPPED') AS skipped,
             coalesce(sum(duration_ms), 0) AS duration_ms
      FROM report_test_case GROUP BY report_id) c
WHERE c.report_id = r.id;

ALTER TABLE report DROP COLUMN tests_json;

CREATE INDEX report_by_experiment ON report (experiment, created_at DESC, id);
