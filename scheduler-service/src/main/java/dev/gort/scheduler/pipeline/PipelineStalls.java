package dev.gort.scheduler.pipeline;

import dev.gort.common.pipeline.FailureClass;
import dev.gort.common.pipeline.JobSpec;
import dev.gort.common.pipeline.run.JobResult;
import dev.gort.common.pipeline.run.PipelineEngine;
import dev.gort.common.pipeline.run.StepAttempt;
import dev.gort.scheduler.run.RunState;
import dev.gort.scheduler.stall.StallConfig;
import dev.gort.scheduler.stall.StallPolicy;
import dev.gort.scheduler.stall.StallPolicy.Action;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Pipeline jobs that heal themselves, as test runs do ({@code stall/}): a dispatch whose result
 * does not come within the stall allowances ({@code queued} before the gateway says it dispatched
 * it; its deadline plus {@code running-after-deadline} after) is nudged, its {@code RunRequested}
 * sent again, up to {@code max-nudges} times; then the attempt ends as {@code
 * stuck_or_timeout_failure} (so {@code retry: when: [stuck_or_timeout_failure]} retries it) and the
 * gateway is asked to halt whatever of it may still run. Each act in a transaction of its own with
 * the run locked, decided again on what is locked.
 */
@ApplicationScoped
public class PipelineStalls {

  /** Counter of pipeline dispatches nudged, and of those given up. */
  static final String NUDGED = "gort.pipeline.dispatches.nudged";

  static final String STALLED = "gort.pipeline.dispatches.stalled";

  private static final Logger LOG = Logger.getLogger(PipelineStalls.class);

  // the policy's allowances as SQL: only dispatches that may have stalled are read
  private static final String CANDIDATES =
      """
      SELECT id FROM pipeline_job_dispatch
       WHERE finished_at IS NULL AND halt_requested_at IS NULL AND last_action_at <= ?1
         AND (dispatched_at IS NULL OR attempt_deadline IS NULL OR attempt_deadline <= ?2)
       ORDER BY last_action_at, id
       LIMIT ?3
      """;

  @Inject EntityManager em;
  @Inject PipelineRuns runs;
  @Inject MeterRegistry metrics;

  private final StallPolicy policy;

  @Inject
  public PipelineStalls(StallConfig config) {
    this.policy = StallPolicy.of(config);
  }

  /** Ids of open dispatches that may have stalled by {@code now}, oldest first. */
  @Transactional
  @SuppressWarnings("unchecked")
  public List<String> candidates(Instant now, int limit) {
    return em.createNativeQuery(CANDIDATES)
        .setParameter(1, Timestamp.from(now.minus(policy.queued())))
        .setParameter(2, Timestamp.from(now.minus(policy.runningAfterDeadline())))
        .setParameter(3, limit)
        .getResultList();
  }

  /** Nudges or gives up dispatch {@code dispatchId} if it has stalled by {@code now}. */
  @Transactional
  public Action act(String dispatchId, Instant now) {
    Optional<PipelineDispatch> found = PipelineDispatch.findByIdOptional(dispatchId);
    if (found.isEmpty()) {
      return Action.WAIT;
    }
    Optional<PipelineRun> locked = PipelineRun.findForUpdate(found.get().runId);
    if (locked.isEmpty()) {
      return Action.WAIT;
    }
    PipelineRun run = locked.get();
    // read again under the run's lock: a result may have come meanwhile
    em.refresh(found.get());
    PipelineDispatch dispatch = found.get();
    if (dispatch.finishedAt != null || dispatch.haltRequestedAt != null) {
      return Action.WAIT;
    }
    PipelineEngine engine = run.engine();
    StepAttempt attempt = attempt(engine, dispatch);
    if (run.status.isFinal() || attempt == null || attempt.hasResult() || attempt.interrupted()) {
      // settled without an event saying so (a run from before V15, a halt): nothing to wait for
      dispatch.finishedAt = now;
      return Action.WAIT;
    }
    JobSpec job = engine.spec().jobs().get(dispatch.job);
    if (dispatch.dispatchedAt != null
        && dispatch.attemptDeadline == null
        && job.timeout() != null) {
      // the gateway named no deadline: the job's own timeout is one
      dispatch.attemptDeadline = dispatch.dispatchedAt.plus(job.timeout());
    }
    RunState state = dispatch.dispatchedAt == null ? RunState.QUEUED : RunState.RUNNING;
    Action action =
        policy.decide(state, dispatch.lastActionAt, dispatch.attemptDeadline, dispatch.nudges, now);
    String since =
        "no result since "
            + dispatch.lastActionAt
            + (dispatch.dispatchedAt == null ? ", not dispatched" : ", dispatched")
            + ", waiting for "
            + StallPolicy.waitingFor(state);
    switch (action) {
      case NUDGE -> {
        metrics.counter(NUDGED, "state", state.name()).increment();
        LOG.warnf(
            "pipeline run %s, job %s attempt %d (dispatch %s): %s: asked again (nudge %d of %d)",
            run.id,
            dispatch.job,
            dispatch.attempt,
            dispatch.id,
            since,
            dispatch.nudges + 1,
            policy.maxNudges());
        runs.requestAgain(run, engine, dispatch, now);
      }
      case GIVE_UP -> {
        String reason = since + ", after " + dispatch.nudges + " nudges: given up";
        metrics.counter(STALLED, "state", state.name()).increment();
        LOG.errorf(
            "pipeline run %s, job %s attempt %d (dispatch %s): %s",
            run.id, dispatch.job, dispatch.attempt, dispatch.id, reason);
        runs.giveUp(
            dispatch, JobResult.failure(null, FailureClass.STUCK_OR_TIMEOUT_FAILURE, reason), now);
      }
      case WAIT -> {}
    }
    return action;
  }

  private static StepAttempt attempt(PipelineEngine engine, PipelineDispatch dispatch) {
    if (!engine.spec().jobs().containsKey(dispatch.job)) {
      return null;
    }
    for (StepAttempt attempt : engine.step(dispatch.job).attempts()) {
      if (attempt.number() == dispatch.attempt) {
        return attempt;
      }
    }
    return null;
  }
}
