package dev.gort.common.pipeline.run;

import dev.gort.common.pipeline.JobSpec;

/** Where a job's result takes a running step (the contract's order: retry, allowed, failed). */
final class ResultRouting {

  private ResultRouting() {}

  static StepTrigger route(JobSpec job, int attempt, JobResult result, boolean pauseOnFailure) {
    if (result.succeeded()) {
      return StepTrigger.SUCCEEDED;
    }
    if (job.retry().retries(result.failureClass(), attempt)) {
      return StepTrigger.RETRIED;
    }
    if (job.allowFailure().allows(result.exitCode())) {
      return StepTrigger.FAILED_ALLOWED;
    }
    return pauseOnFailure ? StepTrigger.FAILED_PAUSING : StepTrigger.FAILED;
  }
}
