package dev.gort.scheduler.pipeline;

import dev.gort.common.causality.Admission;
import dev.gort.common.causality.CausalClock;
import dev.gort.common.event.Envelope;
import dev.gort.common.event.RunEvents.RunCancelled;
import dev.gort.common.event.RunEvents.RunCompleted;
import dev.gort.common.event.RunEvents.RunDispatched;
import dev.gort.common.event.RunEvents.RunTimedOut;
import dev.gort.common.pipeline.FailureClass;
import dev.gort.common.pipeline.run.JobResult;
import dev.gort.common.web.Untrusted;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * What the gateway reports about a pipeline's jobs (events whose subject is a dispatch id), turned
 * into job results for the run's engine. Called by the run-event consumer inside the transaction of
 * its inbox mark, so each event is applied once.
 */
@ApplicationScoped
public class PipelineResults {

  private static final Logger LOG = Logger.getLogger(PipelineResults.class);

  @Inject PipelineRuns runs;
  @Inject CausalClock causalClock;

  /**
   * Applies {@code event} if its subject is a pipeline job's dispatch.
   *
   * @return whether it was one (applied or not); false leaves the event to whoever else knows it
   */
  public boolean apply(Envelope event) {
    Optional<PipelineDispatch> found = PipelineDispatch.findByIdOptional(event.subject());
    if (found.isEmpty()) {
      return false;
    }
    // the run's lock first, as every change of the run takes it (the stall detector's too), then
    // the dispatch as it is under that lock
    PipelineRun.findForUpdate(found.get().runId);
    PipelineDispatch dispatch = found.get();
    PipelineDispatch.getEntityManager().refresh(dispatch);
    if (causalClock.check(dispatch.id, event.clock()) == Admission.STALE) {
      LOG.debugf(
          "dispatch %s: %s happened before an event already applied", dispatch.id, event.type());
      return true;
    }
    if (event.data() instanceof RunDispatched d) {
      dispatch.runnerJobId = d.runnerJobId();
      dispatch.attemptDeadline = d.deadline();
      if (dispatch.dispatchedAt == null) {
        // progress: the stall detector counts from here (a repeat after a nudge is none)
        dispatch.lastActionAt = event.time();
        dispatch.nudges = 0;
      }
      dispatch.dispatchedAt = event.time();
    } else if (event.data() instanceof RunCompleted c) {
      if (c.runnerJobId() != null) {
        dispatch.runnerJobId = c.runnerJobId();
      }
      dispatch.resultsUrl = c.resultsUrl();
      dispatch.finishedAt = event.time();
      runs.onResult(dispatch, result(c), event.time());
    } else if (event.data() instanceof RunTimedOut t) {
      if (t.retrying()) {
        LOG.debugf("dispatch %s: the gateway retries after a timeout", dispatch.id);
      } else {
        dispatch.finishedAt = event.time();
        runs.onResult(
            dispatch,
            JobResult.failure(
                null, FailureClass.STUCK_OR_TIMEOUT_FAILURE, "timed out: " + detail(t.reason())),
            event.time());
      }
    } else if (event.data() instanceof RunCancelled c) {
      // a job Gort halted keeps this only in its attempt's history (the engine marked it halted)
      String why =
          dispatch.haltRequestedAt != null
              ? "halted at the runner: "
              : "cancelled at the gateway without Gort asking: ";
      dispatch.finishedAt = event.time();
      runs.onResult(
          dispatch,
          JobResult.failure(null, FailureClass.RUNNER_SYSTEM_FAILURE, why + detail(c.detail())),
          event.time());
    } else {
      // the worker's verdict on the job's results, the gateway's other words: nothing for the run
      LOG.debugf("dispatch %s: %s changes nothing", dispatch.id, event.type());
    }
    causalClock.join(dispatch.id, event.clock());
    return true;
  }

  /** seed 003's job outcome as GitLab's failure classes (retry.when) name it. */
  static JobResult result(RunCompleted c) {
    String detail = c.detail() == null ? null : detail(c.detail());
    switch (c.status()) {
      case PASSED:
        return JobResult.success();
      case FAILED:
        return JobResult.failure(c.exitCode(), FailureClass.SCRIPT_FAILURE, detail);
      case TIMEOUT:
        return JobResult.failure(c.exitCode(), FailureClass.JOB_EXECUTION_TIMEOUT, detail);
      case INFRA_FAILURE:
        return JobResult.failure(null, FailureClass.RUNNER_SYSTEM_FAILURE, detail);
      default:
        return JobResult.failure(
            null, FailureClass.RUNNER_SYSTEM_FAILURE, "the runner reported the job cancelled");
    }
  }

  private static String detail(String text) {
    return text == null ? "" : Untrusted.escape(text, 500);
  }
}
