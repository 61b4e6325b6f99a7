package dev.gort.provisioner.environment;

import static dev.gort.provisioner.environment.EnvironmentState.CANCELLED;
import static dev.gort.provisioner.environment.EnvironmentState.DELETING;
import static dev.gort.provisioner.environment.EnvironmentState.FAILED;
import static dev.gort.provisioner.environment.EnvironmentState.PROVISIONING;
import static dev.gort.provisioner.environment.EnvironmentState.READY;
import static dev.gort.provisioner.environment.EnvironmentState.REQUESTED;
import static dev.gort.provisioner.environment.EnvironmentState.TEARING_DOWN;
import static dev.gort.provisioner.environment.EnvironmentState.TORN_DOWN;
import static dev.gort.provisioner.environment.EnvironmentTrigger.CANCEL;
import static dev.gort.provisioner.environment.EnvironmentTrigger.CLEANED;
import static dev.gort.provisioner.environment.EnvironmentTrigger.FAIL;
import static dev.gort.provisioner.environment.EnvironmentTrigger.PROVISIONED;
import static dev.gort.provisioner.environment.EnvironmentTrigger.START;

import dev.gort.common.statemachine.StateMachine;
import java.time.Instant;

/**
 * An environment's state machine. A failure and a cancel while provisioning go through {@code
 * TEARING_DOWN}, which removes what Gort created and then ends in the state the teardown was
 * started for ({@code teardownEnd}): seed 004's failure points 3–6 release what they hold. A ready
 * environment's delete goes through {@code DELETING} to {@code TORN_DOWN}.
 */
public final class EnvironmentLifecycle {

  /** What the guards of {@code CLEANED} look at: the end the teardown was started for. */
  public record Context(EnvironmentState teardownEnd) {}

  public static final StateMachine<EnvironmentState, EnvironmentTrigger, Context> MACHINE =
      StateMachine.<EnvironmentState, EnvironmentTrigger, Context>builder(EnvironmentState.class)
          .finalStates(TORN_DOWN, FAILED, CANCELLED)
          .permit(REQUESTED, START, PROVISIONING)
          // nothing was created yet: nothing to tear down
          .permit(REQUESTED, CANCEL, CANCELLED)
          .permit(REQUESTED, FAIL, FAILED)
          .permit(PROVISIONING, PROVISIONED, READY)
          .permit(PROVISIONING, FAIL, TEARING_DOWN)
          .permit(PROVISIONING, CANCEL, TEARING_DOWN)
          .permit(READY, CANCEL, DELETING)
          .permit(READY, FAIL, DELETING)
          .permit(DELETING, CLEANED, TORN_DOWN)
          .permitIf(
              TEARING_DOWN, CLEANED, FAILED, "after a failure", c -> c.teardownEnd() == FAILED)
          .permitIf(
              TEARING_DOWN, CLEANED, CANCELLED, "after a cancel", c -> c.teardownEnd() == CANCELLED)
          .permitIf(
              TEARING_DOWN, CLEANED, TORN_DOWN, "after a delete", c -> c.teardownEnd() == TORN_DOWN)
          .build();

  private EnvironmentLifecycle() {}

  /**
   * Stops {@code env} by {@code trigger} (a failure, a cancel, a delete): into its teardown, which
   * will end where the trigger was started for and whose clock starts {@code now}, or straight to
   * its end when nothing was made yet.
   */
  static void stop(Environment env, EnvironmentTrigger trigger, Instant now) {
    EnvironmentState from = env.state;
    env.state = MACHINE.next(from, trigger, new Context(null));
    env.stepTries = 0;
    env.waitingSince = now;
    env.nextAt = now;
    if (env.state.isFinal()) {
      env.step = Step.DONE;
      env.finishedAt = now;
    } else {
      env.teardownEnd = teardownEnd(from, trigger);
      env.step = Step.TEARDOWN;
    }
  }

  /** What a teardown started from {@code from} by {@code trigger} ends in. */
  public static EnvironmentState teardownEnd(EnvironmentState from, EnvironmentTrigger trigger) {
    if (trigger == FAIL) {
      return FAILED;
    }
    return from == READY ? TORN_DOWN : CANCELLED;
  }
}
