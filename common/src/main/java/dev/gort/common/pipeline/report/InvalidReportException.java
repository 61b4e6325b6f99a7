package dev.gort.common.pipeline.report;

/** A pipeline report that breaks the format: wrong version, a field missing, a limit passed. */
public class InvalidReportException extends IllegalArgumentException {
  public InvalidReportException(String message) {
    super(message);
  }

  public InvalidReportException(String message, Throwable cause) {
    super(message, cause);
  }
}
