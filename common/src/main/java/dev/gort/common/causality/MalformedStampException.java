package dev.gort.common.causality;

/**
 * Text that is not the encoding of a normal {@link Stamp} within the limits; {@code position} is
 * 0-based.
 */
public class MalformedStampException extends IllegalArgumentException {

  private final int position;

  public MalformedStampException(String message, int position) {
    super(message + " at position " + position);
    this.position = position;
  }

  public int position() {
    return position;
  }
}
