package dev.gort.common.operation;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Paging of a list with {@code $top} and {@code $skip} (architecture, "HTTP APIs": every list is
 * {@code {"value": [...], "nextLink": "…"}}), and the checks every list makes of its query options.
 */
public final class Paging {

  public static final String TOP = "$top";
  public static final String SKIP = "$skip";
  public static final int DEFAULT_TOP = 50;
  public static final int MAX_TOP = 1000;

  private static final Pattern DIGITS = Pattern.compile("[0-9]{1,10}");

  private Paging() {}

  /** {@code $top}: absent means {@link #DEFAULT_TOP}; otherwise 1 to {@link #MAX_TOP}. */
  public static int top(String raw) {
    return top(raw, DEFAULT_TOP, MAX_TOP);
  }

  public static int top(String raw, int defaultTop, int maxTop) {
    if (raw == null) {
      return defaultTop;
    }
    long top = number(raw);
    if (top < 1 || top > maxTop) {
      throw new QueryOptionException(
          TOP, "must be a whole number from 1 to " + maxTop + ", not '" + raw + "'", -1);
    }
    return (int) top;
  }

  /** {@code $skip}: absent means 0; otherwise 0 to {@link Integer#MAX_VALUE}. */
  public static int skip(String raw) {
    if (raw == null) {
      return 0;
    }
    long skip = number(raw);
    if (skip < 0 || skip > Integer.MAX_VALUE) {
      throw new QueryOptionException(
          SKIP,
          "must be a whole number from 0 to " + Integer.MAX_VALUE + ", not '" + raw + "'",
          -1);
    }
    return (int) skip;
  }

  /**
   * Refuses, the same way on every list, a parameter the list does not take: a query option (a name
   * starting with {@code $}) not in {@code options}, a plain parameter not in {@code filters} (a
   * typo such as {@code ?sate=IDLE} must not quietly answer the unfiltered list), and any parameter
   * given more than once.
   *
   * @throws QueryOptionException naming the parameter at fault
   */
  public static void checkParameters(
      Map<String, ? extends List<String>> query, Set<String> options, List<String> filters) {
    for (String name : new TreeSet<>(query.keySet())) {
      if (name.startsWith("$") ? !options.contains(name) : !filters.contains(name)) {
        List<String> taken = new java.util.ArrayList<>(filters);
        taken.addAll(new TreeSet<>(options));
        throw new QueryOptionException(
            name,
            (name.startsWith("$") ? "unknown query option" : "unknown query parameter")
                + "; this list takes "
                + String.join(", ", taken),
            -1);
      }
      List<String> values = query.get(name);
      if (values != null && values.size() > 1) {
        throw new QueryOptionException(name, "given more than once", -1);
      }
    }
  }

  /**
   * {@code path} with {@code options} as its query, in the map's order, each value percent-encoded
   * (RFC 3986); options whose value is null are left out.
   */
  public static String link(String path, Map<String, ?> options) {
    StringBuilder link = new StringBuilder(path);
    char separator = '?';
    for (Map.Entry<String, ?> option : options.entrySet()) {
      if (option.getValue() == null) {
        continue;
      }
      link.append(separator)
          .append(encode(option.getKey()))
          .append('=')
          .append(encode(String.valueOf(option.getValue())));
      separator = '&';
    }
    return link.toString();
  }

  /** Percent-encodes all but RFC 3986 unreserved characters and {@code $}. */
  static String encode(String text) {
    StringBuilder out = new StringBuilder();
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if ((c >= 'a' && c <= 'z')
          || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9')
          || c == '-'
          || c == '.'
          || c == '_'
          || c == '~'
          || c == '$') {
        out.append(c);
      } else {
        out.append('%').append(Character.toUpperCase(Character.forDigit((c >> 4) & 0xf, 16)));
        out.append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
      }
    }
    return out.toString();
  }

  private static long number(String raw) {
    // digits only: no sign, no spaces, no exponent; ten digits cover every int
    return DIGITS.matcher(raw).matches() ? Long.parseLong(raw) : -1;
  }
}
