package dev.gort.simulators.git;

import java.util.Arrays;
import java.util.Optional;

/** What goes wrong with a served repository, as set by {@code PUT /sim/git/faults}. */
public enum GitFault {
  /** The next clone's first request is answered 503; the one after succeeds. */
  FAIL_ONCE("fail-once"),
  /** Every request is answered 503. */
  FAIL("fail"),
  /** The pack comes only after {@link GitSimConfig#slowDelay()}. */
  SLOW("slow");

  private final String wireName;

  GitFault(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  public static Optional<GitFault> named(String name) {
    return Arrays.stream(values()).filter(f -> f.wireName.equals(name)).findFirst();
  }

  public static String names() {
    return String.join(", ", Arrays.stream(values()).map(GitFault::wireName).toList());
  }
}
