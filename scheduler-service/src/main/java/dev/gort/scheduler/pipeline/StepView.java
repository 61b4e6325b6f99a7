package dev.gort.scheduler.pipeline;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.gort.common.pipeline.JobSpec;
import dev.gort.common.pipeline.run.PipelineEngine;
import dev.gort.common.pipeline.run.Step;
import dev.gort.common.pipeline.run.StepAction;
import dev.gort.common.pipeline.run.StepAttempt;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One job of a pipeline run as a step: its state (seed 001's names, e.g. {@code marked-to-pause}),
 * what may be done with it now, and every attempt with its result and times.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StepView(
    String id,
    String stage,
    String runner,
    String kind,
    String state,
    Map<String, String> tags,
    List<String> needs,
    String input,
    boolean allowedFailure,
    boolean flaky,
    List<String> allowedActions,
    String skipCause,
    String skipReason,
    Instant startedDateTime,
    Instant finishedDateTime,
    List<AttemptView> attempts) {

  /**
   * One run of the step's job.
   *
   * @param dispatchId the run id the gateway knows the attempt by
   * @param logUrl where the runner put the job's results or log, when it said
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record AttemptView(
      int number,
      Instant startedDateTime,
      Instant finishedDateTime,
      Boolean succeeded,
      Integer exitCode,
      String failure,
      String reason,
      boolean interrupted,
      String dispatchId,
      String runnerJobId,
      String logUrl) {}

  static StepView of(
      PipelineEngine engine, Step step, Map<String, PipelineDispatch> dispatchesByAttempt) {
    JobSpec job = engine.spec().jobs().get(step.job());
    List<AttemptView> attempts = new ArrayList<>();
    for (StepAttempt attempt : step.attempts()) {
      PipelineDispatch dispatch = dispatchesByAttempt.get(key(step.job(), attempt.number()));
      attempts.add(
          new AttemptView(
              attempt.number(),
              attempt.startedAt(),
              attempt.finishedAt(),
              attempt.hasResult() ? attempt.result().succeeded() : null,
              attempt.hasResult() ? attempt.result().exitCode() : null,
              attempt.hasResult() && attempt.result().failure() != null
                  ? attempt.result().failure().wireName()
                  : null,
              attempt.hasResult() ? attempt.result().reason() : null,
              attempt.interrupted(),
              dispatch == null ? null : dispatch.id,
              dispatch == null ? null : dispatch.runnerJobId,
              dispatch == null ? null : dispatch.resultsUrl));
    }
    StepAttempt first = step.attempts().isEmpty() ? null : step.attempts().get(0);
    StepAttempt last = step.lastAttempt();
    return new StepView(
        step.job(),
        job.stage(),
        job.runner(),
        job.kind(),
        step.state().wireName(),
        job.tags(),
        job.needs(),
        job.input(),
        step.allowedFailure(),
        step.isFlaky(),
        engine.allowedActions(step.job()).stream().map(StepAction::wireName).sorted().toList(),
        step.skipCause() == null ? null : step.skipCause().name().toLowerCase().replace('_', '-'),
        step.skipReason(),
        first == null ? null : first.startedAt(),
        last == null || !PipelineProgress.isSettled(step.state()) ? null : last.finishedAt(),
        attempts);
  }

  static String key(String job, int attempt) {
    return job + "#" + attempt;
  }
}
