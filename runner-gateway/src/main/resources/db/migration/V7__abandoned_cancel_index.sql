-- The dispatch queue looks for a cancelled attempt whose hand-over lease lapsed on every poll.
-- Without an index that was a scan of every attempt ever made: the callback benchmark found
-- PostgreSQL's CPU growing with the table until callbacks queued behind it. Few rows match, so the
-- partial index stays small.
CREATE INDEX dispatch_attempt_abandoned_cancel ON dispatch_attempt (handover_until)
    WHERE state = 'CANCELLED' AND handover_until IS NOT NULL;
