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
    String s = seconds.strip();
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
