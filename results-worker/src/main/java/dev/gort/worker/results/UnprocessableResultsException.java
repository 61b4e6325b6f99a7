package dev.gort.worker.results;

/** Results that cannot be fetched or understood; processing is retried, then given up. */
public class UnprocessableResultsException extends Exception {

  public UnprocessableResultsException(String message, Throwable cause) {
    super(message, cause);
  }
}
