package dev.gort.common.operation;

/** A {@code $filter} that cannot be parsed or does not type-check; {@code position} is 0-based. */
public class FilterException extends QueryOptionException {

  public FilterException(String message, int position) {
    super("$filter", message, position);
  }
}
