package dev.gort.gateway.dispatch;

import dev.gort.gateway.dispatch.AttemptTimeouts.Overdue;
import dev.gort.gateway.dispatch.AttemptTimeouts.StatusAnswer;
import dev.gort.gateway.runner.Runner;
import dev.gort.gateway.runner.RunnerRegistry;
import dev.gort.gateway.runner.RunnerUnavailableException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceException;
import org.jboss.logging.Logger;

/**
 * The deadline loop's step: takes the most overdue attempt and, for a dispatched one, polls its
 * runner for the job's status between two short transactions, so no row stays locked while a runner
 * that may not answer is called.
 */
@ApplicationScoped
public class DeadlineScanner {

  private static final Logger LOG = Logger.getLogger(DeadlineScanner.class);

  @Inject AttemptTimeouts timeouts;
  @Inject RunnerRegistry runners;

  /**
   * @return whether an attempt was overdue
   */
  public boolean scanNext() {
    Optional<Overdue> claimed = timeouts.claimNextOverdue();
    if (claimed.isEmpty()) {
      return false;
    }
    Overdue overdue = claimed.get();
    if (overdue.needsStatusPoll()) {
      timeouts.recordStatusPoll(overdue, poll(overdue));
    }
    return true;
  }

  private StatusAnswer poll(Overdue overdue) {
    Optional<Runner> runner = runners.find(overdue.runner());
    if (runner.isEmpty()) {
      return StatusAnswer.none("no runner registered with code '" + overdue.runner() + "'");
    }
    try {
      return StatusAnswer.of(runner.get().status(overdue.job()));
    } catch (RunnerUnavailableException | FaultToleranceException e) {
      // a timeout or an open circuit is no answer either
      return StatusAnswer.none(e.getMessage() == null ? e.toString() : e.getMessage());
    } catch (RuntimeException e) {
      // whatever else went wrong, the runner gave no usable answer: never leave the attempt
      // claimed and re-claimed without an end
      LOG.warnf(e, "status poll of job %s at %s failed", overdue.job().jobId(), overdue.runner());
      return StatusAnswer.none("the status poll failed");
    }
  }
}
