-- Real runners issue: the runner settings a run is dispatched with (JSON object; the experiment's
-- test configuration with the request's overrides, as the runner checked them). Attempts from
-- before have none: the runner's defaults.
ALTER TABLE dispatch_attempt ADD COLUMN settings TEXT NOT NULL DEFAULT '{}';
