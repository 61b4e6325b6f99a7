package dev.gort.worker.results.junit;

import java.io.IOException;

/**
 * The bytes an archive may unpack to, all entries together, charged as they are actually read: a
 * zip header's declared size is the bomb's own claim and is never asked.
 */
final class UnpackBudget {

  private final long most;
  private long used;
  private boolean exceeded;

  UnpackBudget(long most) {
    this.most = most;
  }

  void charge(long bytes) throws IOException {
    used += bytes;
    if (used > most) {
      exceeded = true;
      throw new IOException("the archive unpacks to more than " + most + " bytes");
    }
  }

  /** Whether the budget ran out, even if whoever was reading swallowed the exception. */
  boolean exceeded() {
    return exceeded;
  }

  long most() {
    return most;
  }
}
