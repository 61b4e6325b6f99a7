-- Issue 13: pipeline reports uploaded by `gort upload` (a local run's report), shown beside the
-- reports of remote runs (built from pipeline_run when asked). The report is kept whole, as
-- common's PipelineReportJson wrote it once strictly read; the columns beside it repeat what the
-- list filters and orders by.
CREATE TABLE uploaded_pipeline_report (
    id           TEXT        PRIMARY KEY,
    -- who uploaded it: an owner sees only its own, operators everyone's
    owner        TEXT        NOT NULL,
    pipeline     TEXT        NOT NULL,
    run_number   INT         NOT NULL,
    repository   TEXT,
    commit_sha   TEXT,
    -- LOCAL or REMOTE, as the report says where it ran
    run_where    TEXT        NOT NULL,
    status       TEXT        NOT NULL,
    started_at   TIMESTAMPTZ NOT NULL,
    finished_at  TIMESTAMPTZ,
    uploaded_at  TIMESTAMPTZ NOT NULL,
    report       JSONB       NOT NULL
);

CREATE INDEX uploaded_pipeline_report_by_owner ON uploaded_pipeline_report (owner, started_at);
CREATE INDEX uploaded_pipeline_report_by_started ON uploaded_pipeline_report (started_at, id);
CREATE INDEX uploaded_pipeline_report_by_pipeline
    ON uploaded_pipeline_report (pipeline, run_number);
