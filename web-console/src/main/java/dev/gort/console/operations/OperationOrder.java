package dev.gort.console.operations;

import dev.gort.console.web.PageInputException;
import java.util.List;

/**
 * The sort choices of the operations page: each sortable field ({@code createdDateTime}, {@code
 * lastActionDateTime}) either way, or the service's default (not started, running, completed).
 *
 * @param value the page's {@code orderBy} value, which is also the service's {@code $orderby}
 */
public record OperationOrder(String value, String label) {

  public static final List<OperationOrder> CHOICES =
      List.of(
          new OperationOrder("", "Not started, running, completed (default)"),
          new OperationOrder("createdDateTime desc", "Created, newest first"),
          new OperationOrder("createdDateTime asc", "Created, oldest first"),
          new OperationOrder("lastActionDateTime desc", "Last action, newest first"),
          new OperationOrder("lastActionDateTime asc", "Last action, oldest first"));

  /** The choice {@code value} names; absent or blank is the default. */
  public static OperationOrder of(String value) {
    String v = value == null ? "" : value.strip();
    for (OperationOrder choice : CHOICES) {
      if (choice.value.equals(v)) {
        return choice;
      }
    }
    throw new PageInputException("orderBy must be one of the sort choices of the page");
  }

  /** The service's {@code $orderby}; null for its default order. */
  public String orderBy() {
    return value.isEmpty() ? null : value;
  }
}
