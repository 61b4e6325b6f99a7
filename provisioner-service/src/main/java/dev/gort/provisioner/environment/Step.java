package dev.gort.provisioner.environment;

import java.util.Arrays;
import java.util.Optional;

/** The ten steps of provisioning (issue 12's numbering of seed 004's steps 1–9), in order. */
public enum Step {
  CLONE("clone"),
  REQUIREMENTS("requirements"),
  IMAGE("image"),
  KEY_PAIR("key-pair"),
  NETWORK("network"),
  LEASE("lease"),
  SERVER("server"),
  FLOATING_IP("floating-ip"),
  VERIFY("verify"),
  SAVE("save");

  /** Not a provisioning step: where an environment is while what it made is removed. */
  public static final String TEARDOWN = "teardown";

  /** Where a finished environment is. */
  public static final String DONE = "done";

  private final String code;

  Step(String code) {
    this.code = code;
  }

  public String code() {
    return code;
  }

  public int position() {
    return ordinal() + 1;
  }

  public Optional<Step> next() {
    Step[] all = values();
    return ordinal() + 1 < all.length ? Optional.of(all[ordinal() + 1]) : Optional.empty();
  }

  public static Optional<Step> of(String code) {
    return Arrays.stream(values()).filter(s -> s.code.equals(code)).findFirst();
  }

  /** Progress when this step is the current one: each finished step counts a tenth. */
  public int percentBefore() {
    return ordinal() * 100 / values().length;
  }
}
