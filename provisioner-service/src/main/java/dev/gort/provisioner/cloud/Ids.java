package dev.gort.provisioner.cloud;

import dev.gort.common.web.Untrusted;
import java.util.regex.Pattern;

/** Identifiers and names that go into a URL path: only what OpenStack's own ones look like. */
final class Ids {

  private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._~-]{0,254}");
  private static final Pattern KEY_NAME = Pattern.compile("[A-Za-z0-9_.@-][A-Za-z0-9_.@ -]{0,254}");
  private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_.:=@-]{1,255}");

  private Ids() {}

  /** {@code id}, if it may be a {@code what}'s id; else REFUSED (a forged path goes nowhere). */
  static String checked(String what, String id) {
    return matching(ID, what + " id", id);
  }

  static String keyName(String name) {
    return matching(KEY_NAME, "key pair name", name);
  }

  static String tag(String tag) {
    return matching(TAG, "tag", tag);
  }

  private static String matching(Pattern pattern, String what, String value) {
    if (value == null || !pattern.matcher(value).matches()) {
      throw new CloudException(
          CloudException.Kind.REFUSED, "not a valid " + what + ": " + Untrusted.quote(value));
    }
    return value;
  }
}
