-- One report per evaluated run: the verdict and the per-test results it came from.
CREATE TABLE report (
    id           TEXT        PRIMARY KEY,
    run_id       TEXT        NOT NULL UNIQUE,
    attempt      INT         NOT NULL,
    runner       TEXT        NOT NULL,
    outcome      TEXT        NOT NULL,
    summary      TEXT        NOT NULL,
    tests_json   TEXT,
    results_url  TEXT,
    created_at   TIMESTAMPTZ NOT NULL
);
