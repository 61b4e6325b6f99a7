package dev.gort.provisioner.decision;

/** Where a decision's value came from. */
public enum DecisionSource {
  /** The model's answer, validated and accepted. */
  MODEL,
  /** The seed's rules: no model configured, or the model failed or answered something invalid. */
  RULE,
  /** What the caller asked for explicitly. */
  OVERRIDE
}
