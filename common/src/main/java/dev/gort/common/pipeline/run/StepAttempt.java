package dev.gort.common.pipeline.run;

import java.time.Instant;

/**
 * One run of a step's job. Attempts are kept, so a step that failed and then passed shows both.
 *
 * @param number 1-based, counting every dispatch of the step
 * @param finishedAt when its result arrived; null while none has
 * @param result null while none has arrived
 * @param interrupted the job was halted (interrupt, rerun of a step marked to pause, cancel); a
 *     result that arrives afterwards is recorded here and changes nothing else
 */
public record StepAttempt(
    int number, Instant startedAt, Instant finishedAt, JobResult result, boolean interrupted) {

  static StepAttempt started(int number, Instant at) {
    return new StepAttempt(number, at, null, null, false);
  }

  StepAttempt finished(JobResult result, Instant at) {
    return new StepAttempt(number, startedAt, at, result, interrupted);
  }

  StepAttempt halted() {
    return new StepAttempt(number, startedAt, finishedAt, result, true);
  }

  public boolean hasResult() {
    return result != null;
  }
}
