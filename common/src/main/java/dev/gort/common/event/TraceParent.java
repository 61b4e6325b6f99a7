package dev.gort.common.event;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** W3C Trace Context {@code traceparent} values: {@code 00-<trace id>-<span id>-01}. */
public final class TraceParent {

  private static final Pattern VALID = Pattern.compile("00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}");
  private static final SecureRandom RANDOM = new SecureRandom();

  private TraceParent() {}

  public static String newRoot() {
    return "00-" + randomHex(16) + "-" + randomHex(8) + "-01";
  }

  /** Same trace as {@code parent}, new span; a missing or invalid parent starts a new trace. */
  public static String childOf(String parent) {
    if (parent == null || !VALID.matcher(parent).matches()) {
      return newRoot();
    }
    return parent.substring(0, 36) + randomHex(8) + "-01";
  }

  public static String traceId(String traceparent) {
    return traceparent.substring(3, 35);
  }

  private static String randomHex(int bytes) {
    byte[] b = new byte[bytes];
    RANDOM.nextBytes(b);
    return HexFormat.of().formatHex(b);
  }
}
