-- Issue 10, per-experiment runner settings: how an experiment is tested (PUT
-- /api/v1/experiments/{slug}/test-config), the settings as its runner checked them, who set them and
-- when; and what each run was requested with.
CREATE TABLE test_config (
    experiment  TEXT        PRIMARY KEY,
    runner      TEXT        NOT NULL,
    kind        TEXT        NOT NULL,
    settings    JSONB       NOT NULL,
    set_by      TEXT        NOT NULL,
    set_at      TIMESTAMPTZ NOT NULL,
    version     BIGINT      NOT NULL DEFAULT 0
);

-- Runs from before this change were tests with the runner's defaults.
ALTER TABLE test_run ADD COLUMN kind TEXT NOT NULL DEFAULT 'test';
ALTER TABLE test_run ADD COLUMN settings JSONB NOT NULL DEFAULT '{}';
