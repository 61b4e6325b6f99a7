package dev.gort.common.operation;

/** A {@code $filter} that cannot be parsed or does not type-check; {@code position} is 0-based. */
public class FilterException extends IllegalArgumentException {

  private final int position;

  public FilterException(String message, int position) {
    super(message + " at position " + position);
    this.position = position;
  }

  public int position() {
    return position;
  }
}
