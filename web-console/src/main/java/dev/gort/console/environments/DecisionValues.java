package dev.gort.console.environments;

import java.util.Collection;
import java.util.Map;
import java.util.stream.Collectors;

/** A decision's value as a line of text: a list as its items, an object as its fields. */
final class DecisionValues {

  private DecisionValues() {}

  static String text(Object value) {
    if (value == null) {
      return "";
    }
    if (value instanceof Collection<?> items) {
      return items.stream().map(DecisionValues::text).collect(Collectors.joining(", "));
    }
    if (value instanceof Map<?, ?> fields) {
      return fields.entrySet().stream()
          .map(e -> e.getKey() + ": " + text(e.getValue()))
          .collect(Collectors.joining("; "));
    }
    return String.valueOf(value);
  }
}
