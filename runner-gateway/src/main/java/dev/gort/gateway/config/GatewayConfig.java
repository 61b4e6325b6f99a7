package dev.gort.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.time.Duration;

/** Gateway settings ({@code gort.gateway.*}); each documented in application.properties. */
@ConfigMapping(prefix = "gort.gateway")
public interface GatewayConfig {

  /** Base URL runners reach the gateway at; callback URLs start with it. */
  String publicUrl();

  /** How long a runner has to call back for an attempt. */
  @WithDefault("PT30M")
  Duration dispatchDeadline();

  /**
   * How long a runner that has an overdue job may go without answering status polls (the run is
   * {@code unresponsive} meanwhile) before the attempt is timed out anyway.
   */
  @WithDefault("PT15M")
  Duration unresponsiveGrace();

  /** Dispatch loops per gateway: how many runners are called at the same time. */
  @WithDefault("4")
  @WithName("dispatch-concurrency")
  int dispatchConcurrency();

  /**
   * Deadline loops per gateway: how many overdue runners are polled for their jobs' status at the
   * same time, so a few runners that do not answer cannot hold up every other deadline.
   */
  @WithDefault("4")
  @WithName("deadline-concurrency")
  int deadlineConcurrency();

  /** Halt loops per gateway: how many jobs are halted at their runners at the same time. */
  @WithDefault("2")
  @WithName("halt-concurrency")
  int haltConcurrency();

  /** Tries to halt a job at its runner before the halt is given up and recorded as such. */
  @WithDefault("10")
  int haltMaxTries();

  /** Pause of the dispatch, deadline and halt loops when nothing is due. */
  @WithDefault("PT0.2S")
  Duration dispatchInterval();

  /** Longest wait between two tries to reach a runner that is down. */
  @WithDefault("PT1M")
  Duration dispatchMaxBackoff();

  /** Threads that record verified callbacks, each its own transactions, side by side. */
  @WithDefault("4")
  int callbackWriters();

  /**
   * Most verified callbacks recorded in one transaction: callbacks that arrive while one batch is
   * being written share the next one (group commit).
   */
  @WithDefault("64")
  int callbackBatch();

  /** Verified callbacks that may wait to be recorded; one more is answered 503 (try again). */
  @WithDefault("4096")
  int callbackQueue();

  /** Longest a callback waits for the commit that records it before it is answered 503. */
  @WithDefault("PT10S")
  Duration callbackWait();
}
