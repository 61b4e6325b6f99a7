package dev.gort.common.pipeline.report;

import dev.gort.common.pipeline.JobSpec;
import dev.gort.common.pipeline.StepState;
import dev.gort.common.pipeline.run.JobResult;
import dev.gort.common.pipeline.run.PipelineEngine;
import dev.gort.common.pipeline.run.Step;
import dev.gort.common.pipeline.run.StepAttempt;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Builds a {@link PipelineReport} from a run's engine (its spec and steps): a pure function. */
public final class PipelineReports {

  private static final Set<StepState> FINAL =
      Set.of(StepState.SUCCEEDED, StepState.SKIPPED, StepState.FAILED);
  private static final Set<StepState> NOT_STARTED =
      Set.of(StepState.READY, StepState.WAITING, StepState.MARKED_TO_SKIP);

  /** Where an attempt's log is: its text, a link, or null when there is none. */
  public interface AttemptLogs {
    AttemptLog of(String job, int attempt);

    AttemptLogs NONE = (job, attempt) -> null;
  }

  /**
   * What the engine does not know about the run.
   *
   * @param finishedAt null while the run goes on
   */
  public record RunFacts(
      int run,
      String repository,
      String commit,
      PipelineReport.Where where,
      Instant startedAt,
      Instant finishedAt,
      List<String> notes) {}

  private PipelineReports() {}

  public static PipelineReport of(PipelineEngine engine, RunFacts facts, AttemptLogs logs) {
    List<JobReport> jobs = new ArrayList<>();
    for (Step step : engine.steps()) {
      JobSpec spec = engine.spec().jobs().get(step.job());
      jobs.add(job(step, spec, logs));
    }
    List<StageReport> stages = new ArrayList<>();
    for (String stage : engine.spec().stages()) {
      stages.add(stage(stage, jobs));
    }
    return new PipelineReport(
        PipelineReport.VERSION,
        engine.spec().name(),
        facts.run(),
        facts.repository(),
        facts.commit(),
        facts.where(),
        engine.status(),
        facts.startedAt(),
        facts.finishedAt(),
        facts.notes(),
        stages,
        jobs);
  }

  private static JobReport job(Step step, JobSpec spec, AttemptLogs logs) {
    List<AttemptReport> attempts = new ArrayList<>();
    for (StepAttempt attempt : step.attempts()) {
      attempts.add(attempt(attempt, logs.of(step.job(), attempt.number())));
    }
    return new JobReport(
        step.job(),
        spec.stage(),
        spec.image(),
        step.state(),
        step.state() == StepState.FAILED && step.allowedFailure(),
        step.isFlaky(),
        step.state() == StepState.SKIPPED ? step.skipReason() : null,
        attempts);
  }

  private static AttemptReport attempt(StepAttempt attempt, AttemptLog log) {
    JobResult result = attempt.result();
    return new AttemptReport(
        attempt.number(),
        attempt.startedAt(),
        attempt.finishedAt(),
        result == null ? null : result.succeeded(),
        result == null ? null : result.exitCode(),
        result == null || result.succeeded() ? null : result.failureClass(),
        result == null ? null : result.reason(),
        attempt.interrupted(),
        log);
  }

  /** A stage's status and times, from its jobs. */
  static StageReport stage(String name, List<JobReport> allJobs) {
    List<JobReport> jobs = allJobs.stream().filter(job -> job.stage().equals(name)).toList();
    Instant started = null;
    Instant finished = null;
    boolean allFinal = true;
    boolean allSkipped = true;
    boolean failed = false;
    boolean pending = true;
    for (JobReport job : jobs) {
      allFinal &= FINAL.contains(job.state());
      allSkipped &= job.state() == StepState.SKIPPED;
      failed |= job.state() == StepState.FAILED && !job.allowedFailure();
      pending &= NOT_STARTED.contains(job.state()) && job.attempts().isEmpty();
      for (AttemptReport attempt : job.attempts()) {
        started = earliest(started, attempt.startedAt());
        finished = latest(finished, attempt.finishedAt());
      }
    }
    StageStatus status;
    if (allFinal && allSkipped) {
      status = StageStatus.SKIPPED;
    } else if (allFinal) {
      status = failed ? StageStatus.FAILED : StageStatus.SUCCEEDED;
    } else {
      status = pending ? StageStatus.PENDING : StageStatus.RUNNING;
    }
    return new StageReport(name, status, started, allFinal ? finished : null);
  }

  private static Instant earliest(Instant a, Instant b) {
    return a == null || (b != null && b.isBefore(a)) ? b : a;
  }

  private static Instant latest(Instant a, Instant b) {
    return a == null || (b != null && b.isAfter(a)) ? b : a;
  }
}
