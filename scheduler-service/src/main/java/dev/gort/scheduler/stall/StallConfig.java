package dev.gort.scheduler.stall;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * The stall detector ({@code gort.scheduler.stall.*}); each documented in application.properties.
 */
@ConfigMapping(prefix = "gort.scheduler.stall")
public interface StallConfig {

  /** Whether this instance looks for stalled runs (replicas may all look). */
  @WithDefault("true")
  boolean enabled();

  /** Time between two looks while nothing is stalled. */
  @WithDefault("PT30S")
  Duration scanInterval();

  /** How long a run may wait in QUEUED (or COMPLETED) for the gateway's next event. */
  @WithDefault("PT10M")
  Duration queued();

  /** How long past its attempt's deadline a RUNNING run may wait for the gateway's verdict. */
  @WithDefault("PT20M")
  Duration runningAfterDeadline();

  /** How long a run may wait in EVALUATING for the results worker's verdict. */
  @WithDefault("PT10M")
  Duration evaluating();

  /** How long a finished run may wait for the notifier to confirm it took the notification. */
  @WithDefault("PT10M")
  Duration notification();

  /**
   * How long the owner's mail of a cancelled run waits for the gateway's word on halting the job
   * before it goes out saying the runner is still being asked.
   */
  @WithDefault("PT1M")
  Duration cancelHaltWait();

  /** Nudges without progress before the run ends INFRA_FAILED (or the notification is given up). */
  @WithDefault("3")
  int maxNudges();

  /** Runs looked at per scan. */
  @WithDefault("50")
  int batchSize();
}
