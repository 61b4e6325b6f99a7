package dev.gort.console.web;

import io.quarkus.qute.TemplateExtension;
import java.util.Locale;
import java.util.Set;

/**
 * How a state or outcome is shown ({@code tags/state.html}): its word, an icon and a colour class,
 * so that it never rests on colour alone.
 */
@TemplateExtension
public final class States {

  static final Set<String> GOOD =
      Set.of(
          "SUCCEEDED",
          "PASSED",
          "READY",
          "ACTIVE",
          "IDLE",
          "DONE",
          "CONFIGURED",
          "SENT",
          "DELIVERED");
  static final Set<String> BAD =
      Set.of("FAILED", "INFRA_FAILED", "ERROR", "TIMED_OUT", "TIMEOUT", "UNRESPONSIVE", "DEAD");
  static final Set<String> STOPPED =
      Set.of("CANCELLED", "SKIPPED", "CANCELING", "CANCELLING", "MARKED_TO_SKIP");
  static final Set<String> WAITING =
      Set.of("QUEUED", "WAITING", "CREATED", "PENDING", "NOT_STARTED", "SCHEDULED", "MANUAL");
  static final Set<String> DONE = Set.of("FINISHED", "COMPLETED", "DELETED", "TORN_DOWN");
  static final Set<String> HELD =
      Set.of(
          "PAUSED",
          "WAITING_FOR_INPUT",
          "INTERRUPTED",
          "MARKED_TO_PAUSE",
          "PAUSED_DUE_TO_FAILURE",
          "WAITING_FOR_USER");

  private States() {}

  /** One of good, bad, stopped, waiting, held, done, flaky, active: the badge's colour class. */
  public static String stateClass(String state) {
    String s = normal(state);
    if (GOOD.contains(s)) return "good";
    if (BAD.contains(s)) return "bad";
    if (STOPPED.contains(s)) return "stopped";
    if (WAITING.contains(s)) return "waiting";
    if (HELD.contains(s)) return "held";
    if (DONE.contains(s)) return "done";
    if (s.equals("FLAKY")) return "flaky";
    return "active";
  }

  public static String stateIcon(String state) {
    switch (stateClass(state)) {
      case "good":
        return "✔";
      case "bad":
        return "✖";
      case "stopped":
        return "⊘";
      case "waiting":
        return "…";
      case "held":
        return "‖";
      case "done":
        return "■";
      case "flaky":
        return "≈";
      default:
        return "▶";
    }
  }

  /** {@code INFRA_FAILED} as {@code INFRA FAILED}: the word, readable. */
  public static String stateText(String state) {
    return state == null ? "" : state.replace('_', ' ');
  }

  private static String normal(String state) {
    return state == null ? "" : state.toUpperCase(Locale.ROOT);
  }
}
