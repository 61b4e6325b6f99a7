package dev.gort.simulators.oidc;

import java.util.List;
import java.util.Map;

/** Form parameters as the endpoints read them, each with all its values. */
final class Forms {

  private Forms() {}

  /** The first value of {@code name}, or null when absent. */
  static String first(Map<String, List<String>> form, String name) {
    List<String> values = form.get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  /** Keycloak refuses a form that repeats any parameter. */
  static boolean hasDuplicates(Map<String, List<String>> form) {
    return form.values().stream().anyMatch(values -> values.size() != 1);
  }
}
