package dev.gort.simulators.runner;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.gort.common.web.JsonBody;
import dev.gort.common.web.ProblemException;
import dev.gort.common.web.Untrusted;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * What a runner does on each successive attempt for one experiment. Past the end of the list the
 * last entry repeats, so {@code ["timeout", "pass"]} means "time out once, then always pass".
 * {@code results}, when there are any, is the document the {@code sim} runner serves for the
 * attempts that end with results instead of its built-in one, so a real results file can be
 * replayed through the whole stack.
 */
public record Scenario(List<AttemptBehaviour> attempts, long delayMs, Results results) {

  public static final long DEFAULT_DELAY_MS = 200;
  public static final Scenario DEFAULT =
      new Scenario(List.of(AttemptBehaviour.PASS), DEFAULT_DELAY_MS);

  /** The largest results document a scenario takes, in bytes of UTF-8 (8 MiB). */
  public static final int MAX_RESULTS_BYTES = 8 * 1024 * 1024;

  /**
   * Limits of a scenario request: room for the largest results document with its JSON escapes (a
   * text document's quotes and line ends take two bytes each), and strings up to twice that, so
   * that an oversized body is refused by {@link #parse} with the bound in bytes.
   */
  static final JsonBody.Limits REQUEST_LIMITS =
      JsonBody.Limits.of(4 * MAX_RESULTS_BYTES, 2 * MAX_RESULTS_BYTES).ignoringUnknownFields();

  public Scenario {
    attempts = List.copyOf(attempts);
  }

  public Scenario(List<AttemptBehaviour> attempts, long delayMs) {
    this(attempts, delayMs, null);
  }

  public AttemptBehaviour forAttempt(int attempt) {
    int index = Math.min(Math.max(attempt, 1), attempts.size()) - 1;
    return attempts.get(index);
  }

  /**
   * A results document to serve: its format, and its text as the UTF-8 bytes served (kept as bytes
   * once, not re-encoded on each fetch).
   */
  public record Results(ResultsFormat format, byte[] body) {}

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
                          "unknown scenario "
                              + Untrusted.quote(word)
                              + " at attempts["
                              + index
                              + "]; expected one of: "
                              + AttemptBehaviour.words())));
    }
    long delayMs = request.delayMs() == null ? DEFAULT_DELAY_MS : request.delayMs();
    if (delayMs < 0) {
      throw ProblemException.badRequest("delayMs must be >= 0, was " + delayMs);
    }
    return new Scenario(attempts, delayMs, parse(request.results()));
  }

  private static Results parse(ResultsRequest request) {
    if (request == null) {
      return null;
    }
    if (request.format() == null || request.format().isBlank()) {
      throw ProblemException.badRequest(
          "results.format is required; one of: " + ResultsFormat.codes());
    }
    ResultsFormat format =
        ResultsFormat.ofCode(request.format())
            .orElseThrow(
                () ->
                    ProblemException.badRequest(
                        "unknown results.format "
                            + Untrusted.quote(request.format())
                            + "; expected one of: "
                            + ResultsFormat.codes()));
    if (request.body() == null) {
      throw ProblemException.badRequest("results.body is required: the results document as text");
    }
    if (request.body().isBlank()) {
      throw ProblemException.badRequest("results.body is blank: the results document as text");
    }
    byte[] body = request.body().getBytes(StandardCharsets.UTF_8);
    if (body.length > MAX_RESULTS_BYTES) {
      throw ProblemException.badRequest(
          "results.body has "
              + body.length
              + " bytes (UTF-8); at most "
              + MAX_RESULTS_BYTES
              + " (8 MiB) are taken");
    }
    return new Results(format, body);
  }

  public View view(String runner, String experiment) {
    return new View(
        runner,
        experiment,
        attempts.stream().map(AttemptBehaviour::word).toList(),
        delayMs,
        results == null ? null : new ResultsView(results.format().code(), results.body().length));
  }

  /** Body of {@code PUT /sim/runners/{runner}/scenarios/{experiment}}. */
  public record Request(List<String> attempts, Long delayMs, ResultsRequest results) {

    public Request(List<String> attempts, Long delayMs) {
      this(attempts, delayMs, null);
    }
  }

  /** {@code {"format": "junit" | "tap" | ..., "body": "<the document as text>"}}. */
  public record ResultsRequest(String format, String body) {}

  /** A stored scenario as the control API shows it; its results by format and size only. */
  public record View(
      String runner,
      String experiment,
      List<String> attempts,
      long delayMs,
      @JsonInclude(JsonInclude.Include.NON_NULL) ResultsView results) {}

  /** {@code {"format": "junit", "bytes": 5120}}: a scenario's results without the document. */
  public record ResultsView(String format, int bytes) {}
}
