package dev.gort.simulators.runner;

import dev.gort.common.web.ProblemException;
import java.util.ArrayList;
import java.util.List;

/**
 * What a runner does on each successive attempt for one experiment. Past the end of the list the
 * last entry repeats, so {@code ["timeout", "pass"]} means "time out once, then always pass".
 */
public record Scenario(List<AttemptBehaviour> attempts, long delayMs) {

  public static final long DEFAULT_DELAY_MS = 200;
  public static final Scenario DEFAULT =
      new Scenario(List.of(AttemptBehaviour.PASS), DEFAULT_DELAY_MS);

  public Scenario {
    attempts = List.copyOf(attempts);
  }

  public AttemptBehaviour forAttempt(int attempt) {
    int index = Math.min(Math.max(attempt, 1), attempts.size()) - 1;
    return attempts.get(index);
  }

  /** Validates a request body; every 400 names the value at fault. */
  public static Scenario parse(Request request) {
    List<String> words = request.attempts();
    if (words == null || words.isEmpty()) {
      throw ProblemException.badRequest(
          "attempts must list at least one of: " + AttemptBehaviour.words());
    }
    List<AttemptBehaviour> attempts = new ArrayList<>();
    for (int i = 0; i < words.size(); i++) {
      String word = words.get(i);
      int index = i;
      attempts.add(
          AttemptBehaviour.fromWord(word)
              .orElseThrow(
                  () ->
                      ProblemException.badRequest(
                          "unknown scenario '"
                              + word
                              + "' at attempts["
                              + index
                              + "]; expected one of: "
                              + AttemptBehaviour.words())));
    }
    long delayMs = request.delayMs() == null ? DEFAULT_DELAY_MS : request.delayMs();
    if (delayMs < 0) {
      throw ProblemException.badRequest("delayMs must be >= 0, was " + delayMs);
    }
    return new Scenario(attempts, delayMs);
  }

  public View view(String runner, String experiment) {
    return new View(
        runner, experiment, attempts.stream().map(AttemptBehaviour::word).toList(), delayMs);
  }

  /** Body of {@code PUT /sim/runners/{runner}/scenarios/{experiment}}. */
  public record Request(List<String> attempts, Long delayMs) {}

  /** A stored scenario as the control API shows it. */
  public record View(String runner, String experiment, List<String> attempts, long delayMs) {}
}
