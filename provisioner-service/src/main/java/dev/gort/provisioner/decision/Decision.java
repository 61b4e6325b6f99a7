package dev.gort.provisioner.decision;

import java.util.Objects;

/**
 * One recorded decision: what went in (digest), what the model said (raw, bounded, may be null),
 * the final value, its source, why.
 *
 * @param name the decision: {@code requirements}, {@code image_candidates}, {@code image_choice},
 *     {@code node_type}, {@code lease_duration}
 * @param inputsDigest SHA-256 hex of the decision's canonical inputs; null for an override
 * @param modelAnswer the model's raw answer, cut at {@link #MAX_MODEL_ANSWER} characters; null when
 *     the model was not asked or did not answer
 * @param reason why this value, such as {@code model answer accepted} or {@code model answer
 *     rejected: image CC-Foo not in the list}
 */
public record Decision<T>(
    String name,
    String inputsDigest,
    String modelAnswer,
    T value,
    DecisionSource source,
    String reason) {

  /** Longest raw model answer kept with a decision. */
  public static final int MAX_MODEL_ANSWER = 2_000;

  /** Longest reason kept with a decision. */
  public static final int MAX_REASON = 500;

  public Decision {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(reason, "reason");
    modelAnswer = cut(modelAnswer, MAX_MODEL_ANSWER);
    reason = cut(reason, MAX_REASON);
  }

  /** A value the caller asked for, which wins over model and rules. */
  public static <T> Decision<T> override(String name, T value) {
    return new Decision<>(name, null, null, value, DecisionSource.OVERRIDE, "override requested");
  }

  static String cut(String text, int max) {
    if (text == null || text.length() <= max) {
      return text;
    }
    return text.substring(0, max) + "…(" + (text.length() - max) + " more)";
  }
}
