package dev.gort.gateway.runner;

/** The runner did not accept a job now; the dispatch is tried again later. */
public class RunnerUnavailableException extends RuntimeException {

  public RunnerUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
