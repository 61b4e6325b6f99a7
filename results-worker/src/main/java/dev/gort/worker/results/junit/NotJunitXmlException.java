package dev.gort.worker.results.junit;

import dev.gort.worker.results.UnprocessableResultsException;

/**
 * Well-formed XML whose root is not {@code testsuites} or {@code testsuite}: unprocessable as a
 * results document, but in an artifact only another tool's file (coverage, lint) beside the
 * reports.
 */
public class NotJunitXmlException extends UnprocessableResultsException {

  public NotJunitXmlException(String message) {
    super(message, null);
  }
}
