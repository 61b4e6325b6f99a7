package dev.gort.worker.results.tap;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One line of a TAP stream, classified as TAP14 does. Test points and plans count only when
 * indented by a multiple of 4 spaces (each 4 is one subtest level); anything unrecognised is {@link
 * Kind#OTHER}, which TAP says to ignore.
 *
 * @param kind what the line is
 * @param indent leading spaces
 * @param content the line without its leading spaces and trailing whitespace
 * @param detail the plan's count, the bail-out reason, the subtest name or the comment text; null
 *     for other kinds
 */
record TapLine(Kind kind, int indent, String content, String detail) {

  enum Kind {
    VERSION,
    PLAN,
    TEST_POINT,
    BAIL_OUT,
    PRAGMA,
    SUBTEST_COMMENT,
    COMMENT,
    BLANK,
    OTHER
  }

  private static final Pattern TEST_POINT = Pattern.compile("^(?:not )?ok\\b");
  private static final Pattern PLAN = Pattern.compile("^1\\.\\.(\\d{1,18})(?:\\s*#.*)?$");
  private static final Pattern VERSION = Pattern.compile("^TAP version \\d+$");
  private static final Pattern PRAGMA = Pattern.compile("^pragma [+-][A-Za-z0-9_-]+$");
  private static final Pattern BAIL_OUT =
      Pattern.compile("^bail out!(.*)$", Pattern.CASE_INSENSITIVE);
  private static final Pattern SUBTEST = Pattern.compile("^#\\s*Subtest(?::\\s*(.*))?$");

  /** The subtest level: 0 at the top, 1 for 4 spaces, and so on. */
  int level() {
    return indent / 4;
  }

  static TapLine of(String raw) {
    int indent = 0;
    while (indent < raw.length() && raw.charAt(indent) == ' ') {
      indent++;
    }
    String content = raw.substring(indent).stripTrailing();
    boolean aligned = indent % 4 == 0;
    Matcher matcher;
    if (content.isEmpty()) {
      return new TapLine(Kind.BLANK, indent, content, null);
    }
    if (content.charAt(0) == '#') {
      matcher = SUBTEST.matcher(content);
      if (matcher.matches()) {
        String name = matcher.group(1) == null ? "" : matcher.group(1).strip();
        return new TapLine(Kind.SUBTEST_COMMENT, indent, content, name);
      }
      String text = content.substring(1);
      return new TapLine(
          Kind.COMMENT, indent, content, text.startsWith(" ") ? text.substring(1) : text);
    }
    if (aligned && TEST_POINT.matcher(content).lookingAt()) {
      return new TapLine(Kind.TEST_POINT, indent, content, null);
    }
    if (aligned && (matcher = PLAN.matcher(content)).matches()) {
      return new TapLine(Kind.PLAN, indent, content, matcher.group(1));
    }
    if ((matcher = BAIL_OUT.matcher(content)).matches()) {
      return new TapLine(Kind.BAIL_OUT, indent, content, matcher.group(1).strip());
    }
    if (VERSION.matcher(content).matches()) {
      return new TapLine(Kind.VERSION, indent, content, null);
    }
    if (PRAGMA.matcher(content).matches()) {
      return new TapLine(Kind.PRAGMA, indent, content, null);
    }
    return new TapLine(Kind.OTHER, indent, content, null);
  }
}
