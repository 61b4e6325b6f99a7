package dev.gort.localrunner.job;

/** A submitted job that cannot be run as sent (400): nothing was started. */
public class InvalidJobException extends RuntimeException {

  public InvalidJobException(String message) {
    super(message);
  }
}
