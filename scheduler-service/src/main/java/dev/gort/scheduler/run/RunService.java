package dev.gort.scheduler.run;

import dev.gort.common.event.Envelope;
import dev.gort.common.event.Outcome;
import dev.gort.common.event.RunEvents.CancelRequested;
import dev.gort.common.event.RunEvents.RunFinished;
import dev.gort.common.event.RunEvents.RunRequested;
import dev.gort.common.event.Topics;
import dev.gort.common.outbox.Outbox;
import dev.gort.common.web.ProblemException;
import dev.gort.scheduler.config.SchedulerConfig;
import dev.gort.scheduler.experiment.SourceExperiment;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/** The owner's side of a run's life: creating, cancelling and reading runs. */
@ApplicationScoped
public class RunService {

  static final String SOURCE = "/gort/scheduler-service";
  private static final Logger LOG = Logger.getLogger(RunService.class);

  @Inject Outbox outbox;
  @Inject Clock clock;
  @Inject SchedulerConfig config;

  /** A run for the current revision of {@code experiment}, and the {@code RunRequested} it owes. */
  @Transactional
  public RunView request(SourceExperiment experiment, TestRunRequest request, String reason) {
    String runner = runnerOf(request);
    TestRun.unfinishedOf(experiment.slug())
        .ifPresent(
            unfinished -> {
              throw unfinishedConflict(unfinished);
            });
    Instant now = clock.instant();
    TestRun run = new TestRun();
    run.id = UUID.randomUUID().toString();
    run.operationId = UUID.randomUUID().toString();
    run.experiment = experiment.slug();
    run.revision = experiment.revision();
    run.owner = experiment.owner() == null ? "unknown" : experiment.owner();
    run.ownerEmail = experiment.ownerEmail() == null ? "" : experiment.ownerEmail();
    run.runner = runner;
    run.maxAttempts = config.maxAttempts();
    run.enter(RunState.QUEUED, now, reason);
    run.persist();
    run.flush();
    outbox.add(
        Topics.RUNS_REQUESTED,
        Envelope.of(
            SOURCE,
            new RunRequested(
                run.id,
                run.experiment,
                run.revision,
                run.owner,
                run.ownerEmail,
                run.runner,
                run.maxAttempts),
            now));
    return RunView.of(run);
  }

  /** Same as {@link #request}, remembering the client's idempotency key. */
  @Transactional
  public RunView request(
      SourceExperiment experiment, TestRunRequest request, String reason, String idempotencyKey) {
    Optional<TestRun> earlier = TestRun.byIdempotencyKey(idempotencyKey);
    if (earlier.isPresent()) {
      return RunView.of(earlier.get());
    }
    RunView view = request(experiment, request, reason);
    TestRun.<TestRun>findById(view.id()).idempotencyKey = idempotencyKey;
    return view;
  }

  @Transactional
  public Optional<RunView> earlierRequest(String idempotencyKey) {
    return TestRun.byIdempotencyKey(idempotencyKey).map(RunView::of);
  }

  /** The 409 for an experiment whose unfinished run won a race against this request. */
  @Transactional
  public Optional<ProblemException> conflictFor(String experiment) {
    return TestRun.unfinishedOf(experiment).map(RunService::unfinishedConflict);
  }

  @Transactional
  public Optional<RunView> findByOperation(String operationId) {
    return TestRun.byOperation(operationId).map(RunView::of);
  }

  /** Runs matching the filters that are not null, latest first. */
  @Transactional
  public List<RunView> list(
      String experiment, RunState state, Outcome outcome, int skip, int limit) {
    return TestRun.list(experiment, state, outcome, skip, limit).stream().map(RunView::of).toList();
  }

  @Transactional
  public Optional<RunView> find(String id) {
    return TestRun.<TestRun>findByIdOptional(id).map(RunView::of);
  }

  /** What a cancel found and did. */
  public enum CancelOutcome {
    /** The run was unfinished; it is now FINISHED / CANCELLED and the gateway is told. */
    CANCELLED,
    /** An earlier cancel already ended it; nothing changed. */
    ALREADY_CANCELLED,
    /** It had already finished otherwise; nothing changed. */
    ALREADY_FINISHED
  }

  public record Cancellation(CancelOutcome outcome, RunView run) {}

  /**
   * Seed 000, "cancelled" (manually): finishes the run of operation {@code operationId} as
   * CANCELLED and asks the gateway to halt its job, in one transaction. Idempotent.
   *
   * @return empty when there is no such operation
   */
  @Transactional
  public Optional<Cancellation> cancel(String operationId) {
    Optional<TestRun> found = TestRun.byOperationForUpdate(operationId);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    TestRun run = found.get();
    if (run.state == RunState.FINISHED) {
      CancelOutcome outcome =
          run.outcome == Outcome.CANCELLED
              ? CancelOutcome.ALREADY_CANCELLED
              : CancelOutcome.ALREADY_FINISHED;
      return Optional.of(new Cancellation(outcome, RunView.of(run)));
    }
    Instant now = clock.instant();
    String reason = "cancelled by the owner";
    run.advance(now, new TestRun.Step(RunTrigger.CANCELLED, reason));
    outbox.add(
        Topics.RUNS_CANCEL_REQUESTED,
        Envelope.of(SOURCE, new CancelRequested(run.id, reason), now));
    finish(run, Outcome.CANCELLED, reason, now, null);
    LOG.infof("run %s of %s cancelled by the owner", run.id, run.experiment);
    return Optional.of(new Cancellation(CancelOutcome.CANCELLED, RunView.of(run)));
  }

  /**
   * Records the outcome of a run that just entered FINISHED and owes {@code RunFinished}, in the
   * trace of {@code cause} (a new trace when null).
   */
  void finish(TestRun run, Outcome outcome, String summary, Instant at, Envelope cause) {
    run.outcome = outcome;
    run.summary = summary;
    RunFinished finished =
        new RunFinished(
            run.id,
            run.experiment,
            run.revision,
            run.owner,
            run.ownerEmail,
            run.outcome,
            run.attempts,
            run.summary,
            at);
    outbox.add(
        Topics.RUNS_FINISHED,
        cause == null
            ? Envelope.of(SOURCE, finished, clock.instant())
            : Envelope.causedBy(cause, SOURCE, finished, clock.instant()));
  }

  private String runnerOf(TestRunRequest request) {
    String runner =
        request == null || request.runner() == null ? config.defaultRunner() : request.runner();
    if (!config.runners().contains(runner)) {
      throw ProblemException.badRequest(
          "unknown runner '" + runner + "'; known runners: " + String.join(", ", config.runners()));
    }
    return runner;
  }

  static ProblemException unfinishedConflict(TestRun unfinished) {
    return ProblemException.conflict(
        "experiment '"
            + unfinished.experiment
            + "' already has an unfinished run: "
            + unfinished.id
            + " ("
            + unfinished.state
            + ")",
        Map.of("unfinishedRun", unfinished.id, "operationId", unfinished.operationId));
  }
}
