package dev.gort.scheduler.run;

import dev.gort.common.event.Envelope;
import dev.gort.common.event.Outcome;
import dev.gort.common.event.RunEvents.CancelRequested;
import dev.gort.common.event.RunEvents.RunFinished;
import dev.gort.common.event.RunEvents.RunRequested;
import dev.gort.common.event.RunHalt;
import dev.gort.common.event.Topics;
import dev.gort.common.json.SettingsJson;
import dev.gort.common.outbox.Outbox;
import dev.gort.common.security.Caller;
import dev.gort.common.time.StoredTime;
import dev.gort.common.web.ProblemException;
import dev.gort.scheduler.config.SchedulerConfig;
import dev.gort.scheduler.experiment.SourceExperiment;
import dev.gort.scheduler.runner.TestSpec;
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

  /**
   * A run for the current revision of {@code experiment}, and the {@code RunRequested} it owes.
   *
   * @param spec how it is tested: runner, kind and the settings as the runner checked them
   * @param requestedBy who asked for it: the caller, or the poller for a scheduled run
   */
  @Transactional
  public RunView request(
      SourceExperiment experiment, TestSpec spec, String reason, String requestedBy) {
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
    // no owner means nobody's: only operators reach the run (a made-up name could be a user's)
    run.owner =
        experiment.owner() == null || experiment.owner().isBlank() ? null : experiment.owner();
    run.ownerEmail = experiment.ownerEmail() == null ? "" : experiment.ownerEmail();
    run.runner = spec.runner();
    run.kind = spec.kind();
    run.settingsJson = SettingsJson.write(spec.settings());
    run.requestedBy = requestedBy;
    run.maxAttempts = config.maxAttempts();
    run.enter(RunState.QUEUED, now, reason);
    run.persist();
    run.flush();
    outbox.add(Topics.RUNS_REQUESTED, Envelope.of(SOURCE, requested(run), now));
    return RunView.of(run);
  }

  private static RunRequested requested(TestRun run) {
    return new RunRequested(
        run.id,
        run.experiment,
        run.revision,
        run.owner,
        run.ownerEmail,
        run.runner,
        run.maxAttempts,
        run.kind,
        SettingsJson.read(run.settingsJson));
  }

  /**
   * The stall detector's nudge of an unfinished run: recorded in its history (the state stays), and
   * its {@code RunRequested} sent again under a new event id. The gateway, asked again for a run it
   * has, dispatches nothing twice but publishes its latest events about the run again (and the
   * worker its verdict), so whatever event was lost comes again. The caller holds the run.
   */
  public void nudge(TestRun run, String reason, Instant now) {
    run.advance(now, new TestRun.Step(RunTrigger.NUDGED, reason));
    run.nudges++;
    outbox.add(Topics.RUNS_REQUESTED, Envelope.of(SOURCE, requested(run), now));
  }

  /**
   * The stall detector gives up on a run that made no progress after every nudge: it ends
   * INFRA_FAILED with {@code reason}, the owner is told, and the gateway is asked to halt whatever
   * may still run for it. The caller holds the run.
   */
  public void stall(TestRun run, String reason, Instant now) {
    run.advance(now, new TestRun.Step(RunTrigger.STALLED, reason));
    outbox.add(
        Topics.RUNS_CANCEL_REQUESTED,
        Envelope.of(SOURCE, new CancelRequested(run.id, reason), now));
    finish(run, Outcome.INFRA_FAILED, reason, now, null);
  }

  /**
   * Sends a finished run's {@code RunFinished} again, for a notifier that never confirmed it; the
   * notifier notifies nobody twice. The caller holds the run.
   */
  public void announceAgain(TestRun run, Instant now) {
    run.notifyNudges++;
    run.notifyNudgedAt = StoredTime.of(now);
    outbox.add(
        Topics.RUNS_FINISHED,
        Envelope.of(SOURCE, finished(run, run.lastActionAt), clock.instant()));
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

  /** Runs matching the filters that are not null ({@code owner} too), latest first. */
  @Transactional
  public List<RunView> list(
      String owner, String experiment, RunState state, Outcome outcome, int skip, int limit) {
    return TestRun.list(owner, experiment, state, outcome, skip, limit).stream()
        .map(RunView::of)
        .toList();
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
   * @return empty when there is no such operation, or it is not the caller's to cancel
   */
  @Transactional
  public Optional<Cancellation> cancel(String operationId, Caller caller) {
    Optional<TestRun> found =
        TestRun.byOperationForUpdate(operationId).filter(r -> caller.mayActFor(r.owner));
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
    String reason = "cancelled by " + caller.name();
    run.advance(now, new TestRun.Step(RunTrigger.CANCELLED, reason));
    outbox.add(
        Topics.RUNS_CANCEL_REQUESTED,
        Envelope.of(SOURCE, new CancelRequested(run.id, reason), now));
    // the owner's mail waits for the gateway's word on the halt (RunProgress), or the stall
    // detector's cancel-halt-wait
    run.outcome = Outcome.CANCELLED;
    run.summary = reason;
    run.halt = RunHalt.ASKING;
    run.haltAt = StoredTime.of(now);
    run.haltDetail = "asking " + run.runner + " to halt the run's job";
    run.finishAnnounced = false;
    LOG.infof("run %s of %s cancelled by %s", run.id, run.experiment, caller.name());
    return Optional.of(new Cancellation(CancelOutcome.CANCELLED, RunView.of(run)));
  }

  /**
   * Records the outcome of a run that just entered FINISHED and owes {@code RunFinished}, in the
   * trace of {@code cause} (a new trace when null).
   */
  void finish(TestRun run, Outcome outcome, String summary, Instant at, Envelope cause) {
    run.outcome = outcome;
    run.summary = summary;
    announce(run, at, cause);
  }

  /**
   * Sends the {@code RunFinished} a cancelled run held back while its halt was asked for, in the
   * trace of {@code cause} (a new trace when null); the notification's allowance counts from now.
   */
  public void announceHeldBack(TestRun run, Instant now, Envelope cause) {
    run.notifyNudgedAt = StoredTime.of(now);
    announce(run, run.lastActionAt, cause);
  }

  /**
   * The stall detector: the held-back {@code RunFinished} of a cancelled run goes out without the
   * gateway's word on the halt, {@code reason} in its history. The caller holds the run.
   */
  public void noteAndAnnounce(TestRun run, String reason, Instant now) {
    run.note(now, reason);
    announceHeldBack(run, now, null);
  }

  private void announce(TestRun run, Instant at, Envelope cause) {
    run.finishAnnounced = true;
    RunFinished finished = finished(run, at);
    outbox.add(
        Topics.RUNS_FINISHED,
        cause == null
            ? Envelope.of(SOURCE, finished, clock.instant())
            : Envelope.causedBy(cause, SOURCE, finished, clock.instant()));
  }

  private static RunFinished finished(TestRun run, Instant at) {
    return new RunFinished(
        run.id,
        run.experiment,
        run.revision,
        run.owner,
        run.ownerEmail,
        run.outcome,
        run.attempts,
        run.summary,
        at,
        run.requestedBy,
        run.halt,
        run.haltDetail,
        run.reportId);
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
