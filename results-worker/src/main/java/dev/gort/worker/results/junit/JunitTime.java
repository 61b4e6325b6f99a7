package dev.gort.worker.results.junit;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.regex.Pattern;

/**
 * A JUnit {@code time} attribute (seconds) as milliseconds. Tools disagree on the notation:
 * Surefire 2 wrote thousands separators ({@code 1,234.5}), some locales a decimal comma ({@code
 * 0,25}), Java floats an exponent ({@code 1.0E-4}). Anything else, or a negative time, is no
 * duration rather than an error: a bad time should not make a whole report unreadable.
 */
final class JunitTime {

  // the exponent is bounded so that no notation can make the rounding below compute a huge power of
  // ten
  private static final Pattern DECIMAL = Pattern.compile("\\d*(\\.\\d*)?([eE][+-]?\\d{1,3})?");
  private static final Pattern THOUSANDS = Pattern.compile("[1-9]\\d{0,2}(,\\d{3})+(\\.\\d*)?");
  private static final Pattern DECIMAL_COMMA = Pattern.compile("\\d+,\\d+");
  private static final BigDecimal MOST_SECONDS = BigDecimal.valueOf(Long.MAX_VALUE / 1000);

  private JunitTime() {}

  static Long millis(String seconds) {
    if (seconds == null) {
      return null;
    }
    Long plain = plainMillis(seconds);
    return plain != null ? plain : lenientMillis(seconds.strip());
  }

  /**
   * The notation nearly every report uses ({@code 0.012}), read without a regex or a BigDecimal: a
   * 100 000-case report reads it 100 000 times. Null when it is anything else.
   */
  private static Long plainMillis(String s) {
    int dot = s.indexOf('.');
    int wholeEnd = dot < 0 ? s.length() : dot;
    if (wholeEnd == 0
        || wholeEnd > 15
        || s.length() - wholeEnd > 10
        || !digits(s, 0, wholeEnd)
        || !digits(s, wholeEnd + 1, s.length())) {
      return null;
    }
    long millis = Long.parseLong(s, 0, wholeEnd, 10) * 1000;
    int scale = 100;
    for (int i = wholeEnd + 1; i < s.length() && i <= wholeEnd + 4; i++, scale /= 10) {
      int digit = s.charAt(i) - '0';
      // the fourth decimal rounds half up
      millis += scale > 0 ? digit * scale : digit >= 5 ? 1 : 0;
    }
    return millis;
  }

  private static boolean digits(String s, int from, int to) {
    for (int i = from; i < to; i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }

  private static Long lenientMillis(String s) {
    if (s.length() > 40) {
      return null;
    }
    if (THOUSANDS.matcher(s).matches()) {
      s = s.replace(",", "");
    } else if (DECIMAL_COMMA.matcher(s).matches()) {
      s = s.replace(',', '.');
    }
    if (!DECIMAL.matcher(s).matches() || s.chars().noneMatch(Character::isDigit)) {
      return null;
    }
    BigDecimal value;
    try {
      value = new BigDecimal(s);
    } catch (NumberFormatException e) {
      return null;
    }
    if (value.signum() < 0 || value.compareTo(MOST_SECONDS) > 0) {
      return null;
    }
    return value.movePointRight(3).setScale(0, RoundingMode.HALF_UP).longValueExact();
  }
}
