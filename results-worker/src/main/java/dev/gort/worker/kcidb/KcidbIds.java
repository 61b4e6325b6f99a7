package dev.gort.worker.kcidb;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** The shapes KCIDB v5.3 requires of origins, ids and test paths. */
public final class KcidbIds {

  /** What an origin may be ({@code origin} in the schema). */
  public static final Pattern ORIGIN = Pattern.compile("^[a-z0-9_]+$");

  private static final Pattern SEPARATOR = Pattern.compile("[/.]");
  private static final Pattern NOT_PATH_CHAR = Pattern.compile("[^a-zA-Z0-9_-]");
  private static final Pattern NOT_ARCH_CHAR = Pattern.compile("[^a-z0-9_]");

  private KcidbIds() {}

  /** {@code origin:unique}; the unique part may be anything but NUL. */
  public static String id(String origin, String unique) {
    return origin + ":" + unique.replace('\0', '_');
  }

  /**
   * A test's dot-separated path: its suite path and name, split at {@code /} and {@code .} (a suite
   * {@code com.example.FooTest} is three levels), each part reduced to {@code [a-zA-Z0-9_-]}
   * (anything else becomes {@code _}; an empty part is dropped).
   */
  public static String path(String suite, String name) {
    List<String> parts = new ArrayList<>();
    if (suite != null) {
      for (String part : SEPARATOR.split(suite)) {
        addPart(parts, part);
      }
    }
    if (name != null) {
      for (String part : SEPARATOR.split(name)) {
        addPart(parts, part);
      }
    }
    return parts.isEmpty() ? "unnamed" : String.join(".", parts);
  }

  /** An architecture name as the schema allows it ({@code [a-z0-9_]*}), e.g. x86_64, arm64. */
  public static String architecture(String raw) {
    return NOT_ARCH_CHAR.matcher(raw.toLowerCase(java.util.Locale.ROOT)).replaceAll("_");
  }

  private static void addPart(List<String> parts, String raw) {
    if (raw == null || raw.isBlank()) {
      return;
    }
    parts.add(NOT_PATH_CHAR.matcher(raw.strip()).replaceAll("_"));
  }
}
