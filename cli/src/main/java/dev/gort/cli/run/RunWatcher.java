package dev.gort.cli.run;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gort.cli.http.Json;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Set;

/**
 * Follows a test run until its operation is final (seed 001: poll the operation, waiting as its
 * {@code Retry-After} says), showing the run's state on a {@link StatusLine} after each poll.
 */
public final class RunWatcher {

  static final Set<String> NOT_FINAL = Set.of("notstarted", "running", "unresponsive");
  static final Duration DEFAULT_WAIT = Duration.ofSeconds(1);
  static final Duration MIN_WAIT = Duration.ofMillis(200);
  static final Duration MAX_WAIT = Duration.ofSeconds(5);

  /** How the watcher waits between polls (a test passes one that does not). */
  public interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;
  }

  private final TestRunClient client;
  private final StatusLine line;
  private final Clock clock;
  private final Sleeper sleeper;

  public RunWatcher(TestRunClient client, StatusLine line, Clock clock, Sleeper sleeper) {
    this.client = client;
    this.line = line;
    this.clock = clock;
    this.sleeper = sleeper;
  }

  /**
   * @return the run as it finished
   */
  public JsonNode watch(TestRunClient.Started started) throws InterruptedException {
    Instant start = clock.instant();
    try {
      while (true) {
        TestRunClient.Polled polled = client.operation(started.operationId());
        JsonNode run = client.run(started.runId());
        line.show(describe(run, polled), elapsed(start));
        if (!NOT_FINAL.contains(polled.status())) {
          return run;
        }
        sleeper.sleep(wait(polled));
      }
    } finally {
      line.end();
    }
  }

  /** The scheduler's {@code Retry-After}, kept between {@link #MIN_WAIT} and {@link #MAX_WAIT}. */
  static Duration wait(TestRunClient.Polled polled) {
    Duration asked = polled.retryAfter().orElse(DEFAULT_WAIT);
    if (asked.compareTo(MIN_WAIT) < 0) {
      return MIN_WAIT;
    }
    return asked.compareTo(MAX_WAIT) > 0 ? MAX_WAIT : asked;
  }

  static String describe(JsonNode run, TestRunClient.Polled polled) {
    StringBuilder line = new StringBuilder();
    line.append(Json.text(run, "experiment"))
        .append(" run ")
        .append(shortId(Json.text(run, "id")))
        .append(": ")
        .append(Json.text(run, "state"));
    String outcome = Json.text(run, "outcome");
    if (outcome != null) {
      line.append(' ').append(outcome);
    }
    line.append(", attempt ").append(run.path("attempts").asInt(0));
    if ("unresponsive".equals(polled.status())) {
      line.append(", runner unresponsive");
    }
    return line.toString();
  }

  static String shortId(String id) {
    return id == null || id.length() <= 8 ? String.valueOf(id) : id.substring(0, 8);
  }

  private String elapsed(Instant start) {
    double seconds = Duration.between(start, clock.instant()).toMillis() / 1000.0;
    return String.format(Locale.ROOT, "%.1f s", seconds);
  }
}
