package dev.gort.scheduler.run;

import dev.gort.common.event.Envelope;
import dev.gort.common.event.RunEvents.RunCompleted;
import dev.gort.common.event.RunEvents.RunDispatched;
import dev.gort.common.event.RunEvents.RunEvaluated;
import dev.gort.common.event.RunEvents.RunFinished;
import dev.gort.common.event.RunEvents.RunRequested;
import dev.gort.common.event.Topics;
import dev.gort.common.inbox.Inbox;
import dev.gort.common.outbox.Outbox;
import dev.gort.common.statemachine.IllegalTransitionException;
import dev.gort.common.web.ProblemException;
import dev.gort.scheduler.config.SchedulerConfig;
import dev.gort.scheduler.experiment.SourceExperiment;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/** The decisions of a run's life: creating runs and applying the events other services report. */
@ApplicationScoped
public class RunService {

  static final String SOURCE = "/gort/scheduler-service";
  static final String CONSUMER = "scheduler-service.runs";
  private static final Logger LOG = Logger.getLogger(RunService.class);

  @Inject Outbox outbox;
  @Inject Inbox inbox;
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
    run.createdAt = now;
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

  @Transactional
  public Optional<RunView> find(String id) {
    return TestRun.<TestRun>findByIdOptional(id).map(RunView::of);
  }

  /**
   * Applies one event from another service, once: the inbox entry and the state change commit
   * together. An event the state machine does not allow is logged and changes nothing.
   */
  @Transactional
  public void apply(Envelope event) {
    if (!inbox.firstDelivery(CONSUMER, event.id())) {
      LOG.debugf("event %s already applied", event.id());
      return;
    }
    Optional<TestRun> found = TestRun.findByIdOptional(event.subject());
    if (found.isEmpty()) {
      LOG.warnf("%s for unknown run %s ignored", event.type(), event.subject());
      return;
    }
    TestRun run = found.get();
    try {
      if (event.data() instanceof RunDispatched d) {
        onDispatched(run, d, event);
      } else if (event.data() instanceof RunCompleted c) {
        onCompleted(run, c, event);
      } else if (event.data() instanceof RunEvaluated e) {
        onEvaluated(run, e, event);
      } else {
        LOG.debugf("%s is not for the scheduler", event.type());
      }
    } catch (IllegalTransitionException e) {
      LOG.warnf("run %s: %s ignored: %s", run.id, event.type(), e.getMessage());
    }
  }

  private void onDispatched(TestRun run, RunDispatched d, Envelope event) {
    RunState to = RunLifecycle.MACHINE.next(run.state, RunTrigger.DISPATCHED, run);
    run.attempts = Math.max(run.attempts, d.attempt());
    run.enter(
        to,
        event.time(),
        "attempt " + d.attempt() + " dispatched to " + d.runner() + " as " + d.runnerJobId());
  }

  private void onCompleted(TestRun run, RunCompleted c, Envelope event) {
    RunState completed = RunLifecycle.MACHINE.next(run.state, RunTrigger.RUNNER_REPORTED, run);
    run.enter(
        completed,
        event.time(),
        "runner reported " + c.status().name().toLowerCase() + " for attempt " + c.attempt());
    RunState evaluating = RunLifecycle.MACHINE.next(completed, RunTrigger.EVALUATION_STARTED, run);
    run.enter(evaluating, event.time(), "results sent to the results worker");
  }

  private void onEvaluated(TestRun run, RunEvaluated e, Envelope event) {
    // The verdict travels on another topic than the runner's report, so it can overtake it; the
    // verdict implies the report, so the run catches up instead of dropping the verdict.
    if (run.state == RunState.RUNNING) {
      run.enter(RunState.COMPLETED, event.time(), "runner report implied by the evaluation");
    }
    if (run.state == RunState.COMPLETED) {
      run.enter(RunState.EVALUATING, event.time(), "results sent to the results worker");
    }
    RunState to = RunLifecycle.MACHINE.next(run.state, RunTrigger.EVALUATED, run);
    run.outcome = e.outcome();
    run.summary = e.summary();
    run.enter(to, event.time(), "evaluated: " + e.outcome() + describe(e.summary()));
    outbox.add(
        Topics.RUNS_FINISHED,
        Envelope.causedBy(
            event,
            SOURCE,
            new RunFinished(
                run.id,
                run.experiment,
                run.revision,
                run.owner,
                run.ownerEmail,
                run.outcome,
                run.attempts,
                run.summary,
                event.time()),
            clock.instant()));
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

  private static String describe(String summary) {
    return summary == null || summary.isBlank() ? "" : " (" + summary + ")";
  }
}
