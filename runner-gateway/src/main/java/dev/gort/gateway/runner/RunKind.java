package dev.gort.gateway.runner;

import java.util.Arrays;
import java.util.Optional;

/** What a runner is asked to do with an experiment (seed 002: tests, builds, boot tests). */
public enum RunKind {
  TEST("test"),
  BUILD("build"),
  BOOT("boot");

  private final String word;

  RunKind(String word) {
    this.word = word;
  }

  /** The kind as events, URLs and configuration spell it. */
  public String word() {
    return word;
  }

  public static Optional<RunKind> fromWord(String word) {
    return Arrays.stream(values()).filter(k -> k.word.equals(word)).findFirst();
  }

  @Override
  public String toString() {
    return word;
  }
}
