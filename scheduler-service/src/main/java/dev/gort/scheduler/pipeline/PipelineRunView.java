package dev.gort.scheduler.pipeline;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.gort.common.pipeline.StepState;
import dev.gort.common.pipeline.run.PipelineEngine;
import dev.gort.common.pipeline.run.Step;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A pipeline run as the API shows it: its number, status, and its stages in order, each with its
 * jobs (steps) and timings. {@code status} is the run's ({@code NOT_STARTED RUNNING
 * WAITING_FOR_USER SUCCEEDED FAILED CANCELLED}); a stage's is {@code pending}, {@code running},
 * {@code waiting} (for a user), {@code succeeded}, {@code failed} or {@code skipped}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PipelineRunView(
    String id,
    String operationId,
    String pipeline,
    int number,
    String owner,
    String experiment,
    String repository,
    String commit,
    String status,
    int percentComplete,
    String summary,
    int maxParallel,
    boolean pauseOnFailure,
    Instant createdDateTime,
    Instant startedDateTime,
    Instant finishedDateTime,
    Instant lastActionDateTime,
    List<StageView> stages) {

  public record StageView(
      String name,
      String status,
      Instant startedDateTime,
      Instant finishedDateTime,
      List<StepView> jobs) {}

  static PipelineRunView of(
      PipelineRun run, PipelineEngine engine, List<PipelineDispatch> dispatches) {
    List<StepView> steps = steps(engine, dispatches);
    List<StageView> stages = new ArrayList<>();
    for (String stage : engine.spec().stages()) {
      List<StepView> jobs = steps.stream().filter(s -> s.stage().equals(stage)).toList();
      stages.add(stage(stage, jobs));
    }
    return of(run, stages);
  }

  /** The run without its stages, as lists show it. */
  static PipelineRunView brief(PipelineRun run) {
    return of(run, null);
  }

  private static PipelineRunView of(PipelineRun run, List<StageView> stages) {
    return new PipelineRunView(
        run.id,
        run.operationId,
        run.pipeline,
        run.number,
        run.owner,
        run.experiment,
        run.repository,
        run.commit,
        run.status.name(),
        run.percentComplete,
        run.summary,
        run.maxParallel,
        run.pauseOnFailure,
        run.createdAt,
        run.startedAt,
        run.finishedAt,
        run.updatedAt,
        stages);
  }

  /** Every step's view, in pipeline order. */
  static List<StepView> steps(PipelineEngine engine, List<PipelineDispatch> dispatches) {
    Map<String, PipelineDispatch> byAttempt = new HashMap<>();
    for (PipelineDispatch dispatch : dispatches) {
      byAttempt.put(StepView.key(dispatch.job, dispatch.attempt), dispatch);
    }
    List<StepView> views = new ArrayList<>();
    for (Step step : engine.steps()) {
      views.add(StepView.of(engine, step, byAttempt));
    }
    return views;
  }

  private static StageView stage(String name, List<StepView> jobs) {
    Instant started = null;
    Instant finished = null;
    boolean allSettled = true;
    boolean allSkipped = true;
    boolean failed = false;
    boolean running = false;
    boolean begun = false;
    for (StepView job : jobs) {
      if (job.startedDateTime() != null
          && (started == null || job.startedDateTime().isBefore(started))) {
        started = job.startedDateTime();
      }
      if (job.finishedDateTime() != null
          && (finished == null || job.finishedDateTime().isAfter(finished))) {
        finished = job.finishedDateTime();
      }
      String state = job.state();
      boolean settled =
          state.equals(StepState.SUCCEEDED.wireName())
              || state.equals(StepState.FAILED.wireName())
              || state.equals(StepState.SKIPPED.wireName());
      allSettled &= settled;
      allSkipped &= state.equals(StepState.SKIPPED.wireName());
      failed |= state.equals(StepState.FAILED.wireName()) && !job.allowedFailure();
      running |=
          state.equals(StepState.RUNNING.wireName())
              || state.equals(StepState.MARKED_TO_PAUSE.wireName());
      begun |= !job.attempts().isEmpty() || settled;
    }
    String status;
    if (allSettled) {
      status = failed ? "failed" : allSkipped ? "skipped" : "succeeded";
    } else if (running) {
      status = "running";
    } else if (begun) {
      status = "waiting";
    } else {
      status = "pending";
    }
    return new StageView(name, status, started, allSettled ? finished : null, jobs);
  }
}
