package dev.gort.common.operation;

import dev.gort.common.web.ProblemException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A query option of a list ({@code $filter}, {@code $orderby}, {@code $top}, {@code $skip}, or one
 * that is not supported) that cannot be honoured. {@code position} is the 0-based offset of the
 * offending character in the option's decoded value, or -1 when the whole value is at fault.
 */
public class QueryOptionException extends IllegalArgumentException {

  private final String option;
  private final String reason;
  private final int position;

  public QueryOptionException(String option, String reason, int position) {
    super(option + ": " + reason + (position < 0 ? "" : " (at position " + position + ")"));
    this.option = option;
    this.reason = reason;
    this.position = position;
  }

  public String option() {
    return option;
  }

  /** The message without the option name and position. */
  public String reason() {
    return reason;
  }

  public int position() {
    return position;
  }

  /** The 400 problem for this error, with {@code parameter} and, if known, {@code position}. */
  public ProblemException toProblem() {
    Map<String, Object> extensions = new LinkedHashMap<>();
    extensions.put("parameter", option);
    if (position >= 0) {
      extensions.put("position", position);
    }
    return new ProblemException(400, "Bad Request", getMessage(), extensions);
  }
}
