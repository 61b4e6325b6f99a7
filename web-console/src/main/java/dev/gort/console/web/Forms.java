package dev.gort.console.web;

import java.util.UUID;

/** Reading what a page's query or form sent. */
public final class Forms {

  private Forms() {}

  /** {@code ?skip=}: absent is 0; anything but a whole number from 0 is refused. */
  public static int skip(String value) {
    if (value == null || value.isBlank()) {
      return 0;
    }
    try {
      int skip = Integer.parseInt(value.strip());
      if (skip >= 0) {
        return skip;
      }
    } catch (NumberFormatException e) {
      // refused below
    }
    throw new PageInputException("skip must be a whole number from 0");
  }

  /** A blank field is a field not given. */
  public static String optional(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }

  /**
   * A key for one rendering of a form, sent as the service's {@code Idempotency-Key}: the same form
   * sent twice (a double click, a reload) does its action once.
   */
  public static String newRequestKey() {
    return UUID.randomUUID().toString();
  }
}
