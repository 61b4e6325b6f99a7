package dev.gort.simulators.runner;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A simulated runner the control API ({@code /sim/runners/{code}/…}) scripts and inspects: each
 * speaks its real runner's wire format on its own paths, and all share the scenario words and the
 * {@link ScenarioBook}.
 */
public interface SimulatedRunner {

  /** The Gort runner code it stands in for ({@code sim}, {@code github-actions}, …). */
  String code();

  /**
   * The jobs it received, oldest first, filtered by experiment and Gort run id where given (null =
   * any). Each view names the job's {@code jobId}, as Gort's gateway records it.
   */
  List<?> jobs(String experiment, String runId);

  /**
   * Test hook: sends job {@code jobId}'s last report to Gort again.
   *
   * @return completes with the HTTP status Gort answered
   */
  CompletableFuture<Integer> redeliver(String jobId);
}
