package dev.gort.gateway.runner;

/**
 * The runner answered, with an error about one job. It is reachable, so this does not count towards
 * opening a circuit breaker that would block every other job's calls.
 */
public class RunnerRefusedException extends RunnerUnavailableException {

  public RunnerRefusedException(String message, Throwable cause) {
    super(message, cause);
  }
}
