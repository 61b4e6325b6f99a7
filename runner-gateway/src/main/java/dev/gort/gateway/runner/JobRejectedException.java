package dev.gort.gateway.runner;

/**
 * The runner refused the job as invalid (a 4xx that trying again cannot change: a workflow that
 * does not exist, a device it does not know): the attempt ends at once, with the message as its
 * reason.
 */
public class JobRejectedException extends RuntimeException {

  public JobRejectedException(String message, Throwable cause) {
    super(message, cause);
  }
}
