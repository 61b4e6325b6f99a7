package dev.gort.common.web;

/**
 * Values that came from outside (a path, a query parameter, a body field, a header), made safe to
 * write into a log line or to echo in a problem's {@code detail}: control characters (CR and LF
 * above all, which would forge log lines) are escaped, and the value is cut to a bounded length so
 * that a 9 MB field never becomes 9 MB of log or of response.
 */
public final class Untrusted {

  /** Longest value echoed in a problem detail. */
  public static final int DETAIL_LENGTH = 64;

  /** Longest value written into a log line. */
  public static final int LOG_LENGTH = 256;

  private Untrusted() {}

  /** {@code value} quoted for a problem detail: {@code 'abc'}, escaped and cut. */
  public static String quote(String value) {
    return value == null ? "null" : "'" + escape(value, DETAIL_LENGTH) + "'";
  }

  /** {@code value} for a log line: escaped and cut. */
  public static String forLog(Object value) {
    return value == null ? "null" : escape(String.valueOf(value), LOG_LENGTH);
  }

  /**
   * Escapes C0 and C1 control characters, DEL and the Unicode line separators as {@code \n}, {@code
   * \r}, {@code \t} or {@code \}{@code uXXXX} (and a backslash as two), and cuts the result after
   * {@code max} characters of the original, saying how many more there were.
   */
  public static String escape(String value, int max) {
    int shown = Math.min(value.length(), max);
    StringBuilder out = new StringBuilder(shown + 16);
    for (int i = 0; i < shown; i++) {
      char c = value.charAt(i);
      switch (c) {
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
          // escaped too, so that an escape in the output always means an escaped character
        case '\\' -> out.append("\\\\");
        default -> {
          if (isControl(c)) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    if (value.length() > shown) {
      out.append("…(").append(value.length() - shown).append(" more)");
    }
    return out.toString();
  }

  /** Whether {@code value} holds a character no identifier, path or query value may hold. */
  public static boolean hasControlCharacter(String value) {
    for (int i = 0; i < value.length(); i++) {
      if (isControl(value.charAt(i))) {
        return true;
      }
    }
    return false;
  }

  static boolean isControl(char c) {
    return c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == '\u2028' || c == '\u2029';
  }
}
