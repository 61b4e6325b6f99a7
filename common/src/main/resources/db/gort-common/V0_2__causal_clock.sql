-- dev.gort.common.causality.CausalClock: per subject (a run id), the interval tree clock stamp of
-- this service (its own id, every event it emitted or admitted about the subject), in the ITC
-- paper's notation. The row is locked for the whole transaction that emits or applies an event.

CREATE TABLE gort_causal_clock (
    subject    TEXT        PRIMARY KEY,
    stamp      TEXT        NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
