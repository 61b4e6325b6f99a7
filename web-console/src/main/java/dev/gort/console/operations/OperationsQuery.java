package dev.gort.console.operations;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** The operations page's own query, {@code filter} and {@code orderBy}, for its pager's links. */
record OperationsQuery(String filter, String orderBy) {

  static final String PATH = "/operations";

  /** {@code /operations?filter=…&orderBy=…}, each value percent-encoded; blank ones left out. */
  String path() {
    StringBuilder path = new StringBuilder(PATH);
    append(path, "filter", filter);
    append(path, "orderBy", orderBy);
    return path.toString();
  }

  private static void append(StringBuilder path, String name, String value) {
    if (value == null || value.isEmpty()) {
      return;
    }
    path.append(path.indexOf("?") < 0 ? '?' : '&').append(name).append('=').append(encode(value));
  }

  /** Percent-encoding, a space as {@code %20} (not {@code +}, which some readers keep). */
  static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
