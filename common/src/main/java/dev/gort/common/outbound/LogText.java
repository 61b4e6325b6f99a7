package dev.gort.common.outbound;

/**
 * Text that came from outside (a URL, a Location header, a server's error) made safe for one log
 * line: control characters escaped, so it cannot forge lines, and the length bounded.
 */
final class LogText {

  static final int MAX_CHARS = 300;

  private LogText() {}

  static String escape(String raw) {
    return escape(raw, MAX_CHARS);
  }

  static String escape(String raw, int maxChars) {
    if (raw == null) {
      return "null";
    }
    StringBuilder out = new StringBuilder(Math.min(raw.length(), maxChars) + 16);
    for (int i = 0; i < raw.length(); i++) {
      if (out.length() >= maxChars) {
        return out.append("...(").append(raw.length() - i).append(" more)").toString();
      }
      char c = raw.charAt(i);
      switch (c) {
        case '\r' -> out.append("\\r");
        case '\n' -> out.append("\\n");
        case '\t' -> out.append("\\t");
        case '\\' -> out.append("\\\\");
        default -> {
          if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.toString();
  }
}
