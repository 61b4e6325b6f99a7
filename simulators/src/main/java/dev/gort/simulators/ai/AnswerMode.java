package dev.gort.simulators.ai;

import java.util.Arrays;
import java.util.Optional;

/** How the simulated model answers a decision, as set by {@code PUT /sim/ai/behaviour}. */
public enum AnswerMode {
  /** A sensible answer computed from the input, valid against the schema sent. */
  GOOD("good"),
  /** Content that is not JSON. */
  GARBAGE("garbage"),
  /** Well-formed JSON of the right shape, but invalid: an image not offered, 500 hours. */
  OUT_OF_RANGE("out-of-range"),
  /** The good answer, but only after {@link AiSimConfig#timeoutDelay()}. */
  TIMEOUT("timeout"),
  /** The assistant message's {@code refusal} set and its content null. */
  REFUSE("refuse"),
  /** An HTTP error status (500 unless told) with OpenAI's error body. */
  ERROR("error");

  private final String wireName;

  AnswerMode(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  public static Optional<AnswerMode> named(String name) {
    return Arrays.stream(values()).filter(m -> m.wireName.equals(name)).findFirst();
  }

  public static String names() {
    return String.join(", ", Arrays.stream(values()).map(AnswerMode::wireName).toList());
  }
}
