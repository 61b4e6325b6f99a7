package dev.gort.gateway.runner;

import dev.gort.common.web.Untrusted;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** The checks every runner's settings start with; each throws {@link InvalidSettingsException}. */
public final class SettingsRules {

  private SettingsRules() {}

  /**
   * Refuses settings outside {@code names}, naming them and what {@code what} ("runner local", "a
   * tuxsuite build") takes.
   */
  public static void onlyKnown(
      Map<String, Object> requested, Collection<String> names, String what) {
    Set<String> unknown = new TreeSet<>(requested.keySet());
    unknown.removeAll(names);
    if (!unknown.isEmpty()) {
      throw new InvalidSettingsException(
          "unknown setting "
              + Untrusted.quote(String.join(", ", unknown))
              + " for "
              + what
              + "; it takes: "
              + String.join(", ", new TreeSet<>(names)));
    }
  }

  /** Setting {@code name} as trimmed text; empty when absent or blank. */
  public static Optional<String> text(Map<String, Object> settings, String name) {
    Object value = settings.get(name);
    if (value == null) {
      return Optional.empty();
    }
    if (!(value instanceof String s)) {
      throw new InvalidSettingsException(name + " must be a string");
    }
    return s.isBlank() ? Optional.empty() : Optional.of(s.trim());
  }
}
