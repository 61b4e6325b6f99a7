package dev.gort.gateway.cancel;

import dev.gort.gateway.cancel.HaltQueue.Claim;
import dev.gort.gateway.runner.Runner;
import dev.gort.gateway.runner.RunnerRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;

/**
 * Halts jobs at their runners: those the owner cancelled and those that passed their deadline. A
 * runner that cannot be reached is tried again with back-off, up to {@code
 * gort.gateway.halt-max-tries}; then the halt is given up and recorded as such, so a cancel never
 * waits forever on a runner that is gone. The runner is called between two short transactions
 * ({@link HaltQueue}), never while the attempt is locked.
 */
@ApplicationScoped
public class RunnerHalter {

  @Inject HaltQueue queue;
  @Inject RunnerRegistry runners;

  /**
   * Halts the job waiting longest for it.
   *
   * @return whether there was one
   */
  public boolean haltNextDue() {
    Optional<Claim> claimed = queue.claimNextDue();
    if (claimed.isEmpty()) {
      return false;
    }
    Claim claim = claimed.get();
    Optional<Runner> runner = runners.find(claim.runner());
    if (runner.isEmpty()) {
      queue.record(claim, null, "no runner registered with code '" + claim.runner() + "'");
      return true;
    }
    try {
      queue.record(claim, runner.get().cancel(claim.job()), null);
    } catch (RuntimeException e) {
      queue.record(claim, null, e.getMessage() == null ? e.toString() : e.getMessage());
    }
    return true;
  }
}
