package dev.gort.scheduler.run;

import dev.gort.common.causality.Admission;
import dev.gort.common.causality.CausalClock;
import dev.gort.common.event.Envelope;
import dev.gort.common.event.Outcome;
import dev.gort.common.event.RunEvents.NotificationQueued;
import dev.gort.common.event.RunEvents.RunCancelled;
import dev.gort.common.event.RunEvents.RunCompleted;
import dev.gort.common.event.RunEvents.RunDispatched;
import dev.gort.common.event.RunEvents.RunEvaluated;
import dev.gort.common.event.RunEvents.RunRetrying;
import dev.gort.common.event.RunEvents.RunTimedOut;
import dev.gort.common.event.RunEvents.RunUnresponsive;
import dev.gort.common.event.RunHalt;
import dev.gort.common.event.RunnerStatus;
import dev.gort.common.inbox.Inbox;
import dev.gort.common.statemachine.IllegalTransitionException;
import dev.gort.common.time.StoredTime;
import dev.gort.common.web.Untrusted;
import dev.gort.scheduler.pipeline.PipelineResults;
import dev.gort.scheduler.run.TestRun.Step;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Applies what the gateway and the worker report about runs to the run state machine (seed 000
 * flows: dispatch, results, timeout and retry, an unresponsive runner, cancel, evaluate, finish).
 * Events about a pipeline job's dispatch go to {@link PipelineResults}.
 */
@ApplicationScoped
public class RunProgress {

  static final String CONSUMER = "scheduler-service.runs";

  /** Counter of events refused because they happened before what a run already applied. */
  static final String STALE_EVENTS = "gort.events.stale";

  private static final Logger LOG = Logger.getLogger(RunProgress.class);

  @Inject Inbox inbox;
  @Inject CausalClock causalClock;
  @Inject RunService runs;
  @Inject MeterRegistry metrics;
  @Inject PipelineResults pipelines;

  /**
   * Applies one event once: the inbox entry and the state change commit together. An event that
   * happened before one already applied to the run (by its interval-tree-clock stamp), and an event
   * the state machine does not allow, are logged once and change nothing.
   */
  @Transactional
  public void apply(Envelope event) {
    if (!inbox.firstDelivery(CONSUMER, event.id())) {
      LOG.debugf("event %s already applied", event.id());
      return;
    }
    // the run's row first, its clock second: the order every writer of a run takes them in
    Optional<TestRun> found = TestRun.findByIdForUpdate(event.subject());
    if (found.isEmpty()) {
      // a pipeline's job is handed to the gateway as a run of its own (issue 13)
      if (pipelines.apply(event)) {
        return;
      }
      LOG.warnf("%s for unknown run %s ignored", event.type(), event.subject());
      return;
    }
    TestRun run = found.get();
    if (causalClock.check(run.id, event.clock()) == Admission.STALE) {
      metrics.counter(STALE_EVENTS, "type", event.type()).increment();
      LOG.warnf(
          "run %s: %s from %s ignored: it happened before an event already applied (stamp %s)",
          run.id, event.type(), event.source(), event.clock());
      return;
    }
    try {
      if (event.data() instanceof RunDispatched d) {
        onDispatched(run, d, event.time());
      } else if (event.data() instanceof RunTimedOut t) {
        onTimedOut(run, t, event.time());
      } else if (event.data() instanceof RunUnresponsive u) {
        onUnresponsive(run, u, event.time());
      } else if (event.data() instanceof RunRetrying r) {
        onRetrying(run, r, event.time());
      } else if (event.data() instanceof RunCompleted c) {
        onCompleted(run, c, event.time());
      } else if (event.data() instanceof RunEvaluated e) {
        onEvaluated(run, e, event);
      } else if (event.data() instanceof RunCancelled c) {
        onCancelled(run, c, event);
      } else if (event.data() instanceof NotificationQueued n) {
        onNotificationQueued(run, n, event.time());
      } else {
        LOG.debugf("%s is not for the scheduler", event.type());
        return;
      }
      // only an applied event joins the run's stamp: a refused one must not make the events
      // before it look stale
      causalClock.join(run.id, event.clock());
    } catch (IllegalTransitionException e) {
      LOG.warnf("run %s: %s ignored: %s", run.id, event.type(), e.getMessage());
    }
  }

  // Events of one run can arrive late or not at all (a broker that lost its data, an event that
  // overtook another on another topic), and the gateway publishes its latest events again when the
  // stall detector asks. So each handler first catches the run up to the state its event assumes,
  // with the steps that event implies, and drops quietly an event the run is already past.

  private void onDispatched(TestRun run, RunDispatched d, Instant at) {
    Step dispatched =
        new Step(
            run.state == RunState.QUEUED ? RunTrigger.DISPATCHED : RunTrigger.REDISPATCHED,
            "attempt " + d.attempt() + " dispatched to " + d.runner() + " as " + d.runnerJobId());
    List<Step> steps =
        switch (run.state) {
          case QUEUED -> List.of(dispatched);
          case RUNNING -> d.attempt() > run.attempts ? List.of(dispatched) : null;
          case COMPLETED ->
              d.attempt() > run.attempts
                  ? List.of(retryImplied(d.attempt(), "its dispatch"), dispatched)
                  : null;
          default -> null;
        };
    if (!catchUp(run, steps, at, "the dispatch of attempt " + d.attempt())) {
      return;
    }
    run.attempts = d.attempt();
    run.attemptDeadline = d.deadline() == null ? null : StoredTime.of(d.deadline());
  }

  private void onTimedOut(TestRun run, RunTimedOut t, Instant at) {
    String next = t.retrying() ? "retrying" : "no attempts left";
    Step timedOut =
        new Step(
            RunTrigger.TIMED_OUT,
            "attempt " + t.attempt() + " timed out: " + t.reason() + "; " + next);
    List<Step> steps =
        switch (run.state) {
          case QUEUED -> List.of(dispatchImplied(t.attempt(), "its timeout"), timedOut);
          case RUNNING -> t.attempt() >= run.attempts ? List.of(timedOut) : null;
          case COMPLETED ->
              t.attempt() > run.attempts
                  ? List.of(retryImplied(t.attempt(), "its timeout"), timedOut)
                  : null;
          default -> null;
        };
    if (!catchUp(run, steps, at, "the timeout of attempt " + t.attempt())) {
      return;
    }
    run.attempts = Math.max(run.attempts, t.attempt());
  }

  private void onUnresponsive(TestRun run, RunUnresponsive u, Instant at) {
    if (u.attempt() != run.attempts) {
      LOG.warnf(
          "run %s: runner silence about attempt %d ignored: attempt %d is current",
          run.id, u.attempt(), run.attempts);
      return;
    }
    run.advance(
        at,
        new Step(
            RunTrigger.UNRESPONSIVE,
            "attempt "
                + u.attempt()
                + " is overdue and runner "
                + u.runner()
                + " has not answered status polls since "
                + u.since()
                + ": "
                + u.reason()));
    run.unresponsiveSince = StoredTime.of(u.since());
  }

  private void onRetrying(TestRun run, RunRetrying r, Instant at) {
    Step retried =
        new Step(RunTrigger.RETRIED, "retrying: attempt " + r.attempt() + " of " + r.maxAttempts());
    int previous = r.attempt() - 1;
    Step timedOut =
        new Step(RunTrigger.TIMED_OUT, "timeout of attempt " + previous + " implied by its retry");
    List<Step> steps =
        switch (run.state) {
          case QUEUED -> List.of(dispatchImplied(previous, "its retry"), timedOut, retried);
          case RUNNING -> r.attempt() > run.attempts ? List.of(timedOut, retried) : null;
          case COMPLETED -> r.attempt() > run.attempts ? List.of(retried) : null;
          default -> null;
        };
    catchUp(run, steps, at, "the retry with attempt " + r.attempt());
  }

  private void onCompleted(TestRun run, RunCompleted c, Instant at) {
    Step toWorker = new Step(RunTrigger.EVALUATION_STARTED, "results sent to the results worker");
    Step reported =
        new Step(
            RunTrigger.RUNNER_REPORTED,
            "runner reported "
                + c.status().name().toLowerCase()
                + " for attempt "
                + c.attempt()
                + (c.detail() == null ? "" : ": " + Untrusted.forLog(c.detail())));
    boolean lastTimedOut = c.status() == RunnerStatus.TIMEOUT && c.attempt() >= run.attempts;
    List<Step> steps =
        switch (run.state) {
          case QUEUED -> List.of(dispatchImplied(c.attempt(), "its report"), reported, toWorker);
          case RUNNING -> c.attempt() >= run.attempts ? List.of(reported, toWorker) : null;
          case COMPLETED -> {
            if (c.attempt() > run.attempts) {
              yield List.of(retryImplied(c.attempt(), "its report"), reported, toWorker);
            }
            // the last attempt timed out: RunTimedOut already completed the run
            yield lastTimedOut ? List.of(toWorker) : null;
          }
          default -> null;
        };
    if (!catchUp(run, steps, at, "the report of attempt " + c.attempt())) {
      return;
    }
    run.attempts = Math.max(run.attempts, c.attempt());
  }

  private static Step dispatchImplied(int attempt, String by) {
    return new Step(RunTrigger.DISPATCHED, "dispatch of attempt " + attempt + " implied by " + by);
  }

  private static Step retryImplied(int attempt, String by) {
    return new Step(RunTrigger.RETRIED, "retry with attempt " + attempt + " implied by " + by);
  }

  /**
   * Advances the run by {@code steps}, or, when there are none ({@code null}: the run is already
   * past {@code event}), leaves it as it is.
   *
   * @return whether the run advanced
   */
  private static boolean catchUp(TestRun run, List<Step> steps, Instant at, String event) {
    if (steps == null) {
      alreadyPast(run, event);
      return false;
    }
    run.advance(at, steps.toArray(Step[]::new));
    return true;
  }

  private static void alreadyPast(TestRun run, String what) {
    LOG.debugf("run %s (%s, attempt %d) is past %s", run.id, run.state, run.attempts, what);
  }

  private void onEvaluated(TestRun run, RunEvaluated e, Envelope event) {
    String verdict = "evaluated: " + e.outcome() + describe(e.summary());
    Step evaluated = new Step(RunTrigger.EVALUATED, verdict);
    Step toWorker = new Step(RunTrigger.EVALUATION_STARTED, "results sent to the results worker");
    // The verdict travels on another topic than the gateway's events, so it can overtake them; it
    // implies the dispatch and the report, so the run catches up instead of dropping the verdict.
    Step dispatched = new Step(RunTrigger.DISPATCHED, "dispatch implied by the evaluation");
    Step reported = new Step(RunTrigger.RUNNER_REPORTED, "runner report implied by the evaluation");
    switch (run.state) {
      case QUEUED -> run.advance(event.time(), dispatched, reported, toWorker, evaluated);
      case RUNNING -> run.advance(event.time(), reported, toWorker, evaluated);
      case COMPLETED -> run.advance(event.time(), toWorker, evaluated);
      case EVALUATING -> run.advance(event.time(), evaluated);
      default -> {
        alreadyPast(run, "the evaluation of attempt " + e.attempt());
        return;
      }
    }
    run.attempts = Math.max(run.attempts, e.attempt());
    run.reportId = e.reportId();
    runs.finish(run, e.outcome(), e.summary(), event.time(), event);
  }

  private void onCancelled(TestRun run, RunCancelled c, Envelope event) {
    if (run.state != RunState.FINISHED) {
      String reason = "cancelled at the gateway: " + c.detail();
      run.advance(event.time(), new Step(RunTrigger.CANCELLED, reason));
      recordHalt(run, c, event.time());
      runs.finish(run, Outcome.CANCELLED, reason, event.time(), event);
      return;
    }
    if (run.halt != RunHalt.ASKING) {
      // a run that ended otherwise (the stall detector's halt), or a word already recorded
      LOG.debugf("run %s: the gateway's word on the cancel: %s", run.id, c.detail());
      return;
    }
    recordHalt(run, c, event.time());
    run.note(event.time(), haltNote(run, c));
    if (!run.finishAnnounced) {
      runs.announceHeldBack(run, event.time(), event);
    }
  }

  private static void recordHalt(TestRun run, RunCancelled c, Instant at) {
    run.halt = c.halt() == RunHalt.ASKING ? RunHalt.UNKNOWN : c.halt();
    run.haltDetail = c.detail();
    run.haltAt = StoredTime.of(at);
  }

  static String haltNote(TestRun run, RunCancelled c) {
    String job = c.runnerJobId() == null ? "" : " job " + c.runnerJobId();
    String runner = c.runner() == null ? run.runner : c.runner();
    return switch (run.halt) {
          case CONFIRMED -> runner + " confirmed the halt of" + job;
          case NOT_NEEDED -> "no job to halt at " + runner;
          case GAVE_UP -> "gave up asking " + runner + " to halt" + job;
          case UNKNOWN, ASKING -> "not known whether " + runner + " holds a job for the run";
        }
        + ": "
        + c.detail();
  }

  private void onNotificationQueued(TestRun run, NotificationQueued n, Instant at) {
    if (run.notifiedAt == null) {
      run.notifiedAt = StoredTime.of(at);
      LOG.debugf(
          "run %s: the notifier took %d notification(s): %s",
          run.id, n.notifications(), n.detail());
    }
  }

  private static String describe(String summary) {
    return summary == null || summary.isBlank() ? "" : " (" + summary + ")";
  }
}
