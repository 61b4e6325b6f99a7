package dev.gort.common.statemachine;

/** A trigger that the state machine does not allow from the current state. */
public class IllegalTransitionException extends RuntimeException {

  private final Enum<?> from;
  private final Enum<?> trigger;

  public IllegalTransitionException(Enum<?> from, Enum<?> trigger, String why) {
    super(trigger + " is not allowed in state " + from + ": " + why);
    this.from = from;
    this.trigger = trigger;
  }

  public Enum<?> from() {
    return from;
  }

  public Enum<?> trigger() {
    return trigger;
  }
}
