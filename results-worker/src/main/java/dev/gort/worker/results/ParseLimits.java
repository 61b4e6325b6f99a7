package dev.gort.worker.results;

/**
 * Bounds on what one results document may make the worker hold: a hostile or runaway document is
 * cut (text fields) or refused (too many test cases, too deep, too large once unpacked) instead of
 * exhausting the heap.
 *
 * @param maxTestCases most test cases accepted; more is unprocessable
 * @param maxMessageChars longest failure/skip message kept per test case (the rest is cut)
 * @param maxOutputChars longest captured output kept per test case (the rest is cut)
 * @param maxDepth deepest nesting of suites (XML elements, TAP subtests, JSON) accepted
 * @param maxUnpackedBytes most bytes an archive may unpack to, all entries together
 * @param maxEntries most entries an archive may hold
 */
public record ParseLimits(
    int maxTestCases,
    int maxMessageChars,
    int maxOutputChars,
    int maxDepth,
    long maxUnpackedBytes,
    int maxEntries) {

  public static final ParseLimits DEFAULT =
      new ParseLimits(200_000, 4_000, 16_000, 64, 256L * 1024 * 1024, 1_000);

  /** {@code text} cut to {@code max} characters, marked as cut; null stays null. */
  public static String cut(String text, int max) {
    if (text == null || text.length() <= max) {
      return text;
    }
    return text.substring(0, Math.max(0, max - 1)) + "…";
  }

  public String message(String text) {
    return cut(text, maxMessageChars);
  }

  public String output(String text) {
    return cut(text, maxOutputChars);
  }
}
