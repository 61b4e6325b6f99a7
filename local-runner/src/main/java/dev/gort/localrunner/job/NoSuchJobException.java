package dev.gort.localrunner.job;

/** No job with that id (or not with that read token) here (404). */
public class NoSuchJobException extends RuntimeException {

  public NoSuchJobException(String message) {
    super(message);
  }
}
