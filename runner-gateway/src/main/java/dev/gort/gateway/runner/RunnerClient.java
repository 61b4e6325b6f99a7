package dev.gort.gateway.runner;

import java.util.Set;

/** One kind of runner behind one interface; a new runner is a new implementation. */
public interface RunnerClient {

  /** The runner code, e.g. {@code sim}. */
  String code();

  /** What the runner can run: {@code test}, {@code build}, {@code boot}. */
  Set<String> kinds();

  /**
   * Hands the attempt to the runner.
   *
   * @return the runner's own job id
   * @throws RunnerUnavailableException when the runner cannot take it now (try again later)
   */
  String dispatch(DispatchRequest request);

  /**
   * Halts the runner's job {@code runnerJobId}. A job the runner no longer knows, or that already
   * ended, counts as halted.
   *
   * @return what the runner answered, for the record
   * @throws RunnerUnavailableException when the runner cannot be reached now (try again later)
   */
  String cancel(String runnerJobId);

  /**
   * Asks the runner how its job {@code runnerJobId} is doing (a status poll).
   *
   * @return what the runner answered; a job the runner does not know is an answer too (not
   *     finished: there is no callback to wait for)
   * @throws RunnerUnavailableException when the runner does not answer (unreachable, 5xx, too slow)
   */
  RunnerJobStatus status(String runnerJobId);
}
