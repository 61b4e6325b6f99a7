package dev.gort.console.reports;

import dev.gort.console.web.PageInputException;
import java.util.List;
import java.util.Locale;

/** The report page's {@code ?status=}: one test status, or all of them. */
public final class TestStatusFilter {

  /** The statuses the worker knows, as its {@code ?status=} takes them. */
  public static final List<String> STATUSES =
      List.of("passed", "failed", "error", "skipped", "missed");

  private TestStatusFilter() {}

  /** The status asked for, or null for all; anything else is refused. */
  public static String of(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    String status = value.strip().toLowerCase(Locale.ROOT);
    if (!STATUSES.contains(status)) {
      throw new PageInputException(
          "status must be one of " + String.join(", ", STATUSES) + ", or empty for all tests");
    }
    return status;
  }
}
