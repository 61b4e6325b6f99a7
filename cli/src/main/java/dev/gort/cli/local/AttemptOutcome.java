package dev.gort.cli.local;

import dev.gort.common.pipeline.report.AttemptLog;
import dev.gort.common.pipeline.run.JobResult;
import java.time.Instant;

/** How one attempt of a job ended on this machine, with its output. */
record AttemptOutcome(String job, int attempt, JobResult result, AttemptLog log, Instant at) {}
