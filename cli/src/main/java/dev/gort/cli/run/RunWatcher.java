package dev.gort.cli.run;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gort.cli.http.Json;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Set;

/**
 * Follows a run until its operation is final (seed 001: poll the operation, waiting as its {@code
 * Retry-After} says), showing the run after each poll: a test run on a {@link StatusLine}, a
 * pipeline run on a {@link PipelineProgress}. Test runs and pipeline runs are both followed through
 * their operations, so one watcher serves both.
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

  /** Where the watched run and its operation are read. */
  public interface Source {
    Polled operation(String operationId);

    JsonNode run(String runId);
  }

  /** What the user sees of the run after each poll. */
  public interface Progress {
    /**
     * @param elapsed since the watch began
     */
    void show(JsonNode run, Polled polled, Duration elapsed);

    /** The watch is over: leave the last view standing. */
    void end();
  }

  private final Source source;
  private final Progress progress;
  private final Clock clock;
  private final Sleeper sleeper;

  public RunWatcher(Source source, Progress progress, Clock clock, Sleeper sleeper) {
    this.source = source;
    this.progress = progress;
    this.clock = clock;
    this.sleeper = sleeper;
  }

  /** A test run's watcher: one status line ({@link #describe}). */
  public RunWatcher(TestRunClient client, StatusLine line, Clock clock, Sleeper sleeper) {
    this(client, testRunProgress(line), clock, sleeper);
  }

  /**
   * @return the run as it finished
   */
  public JsonNode watch(TestRunClient.Started started) throws InterruptedException {
    return watch(started.runId(), started.operationId());
  }

  /**
   * @return the run as it was read after its operation became final
   */
  public JsonNode watch(String runId, String operationId) throws InterruptedException {
    Instant start = clock.instant();
    try {
      while (true) {
        Polled polled = source.operation(operationId);
        JsonNode run = source.run(runId);
        progress.show(run, polled, Duration.between(start, clock.instant()));
        if (!NOT_FINAL.contains(polled.status())) {
          return run;
        }
        sleeper.sleep(wait(polled));
      }
    } finally {
      progress.end();
    }
  }

  /** The scheduler's {@code Retry-After}, kept between {@link #MIN_WAIT} and {@link #MAX_WAIT}. */
  static Duration wait(Polled polled) {
    Duration asked = polled.retryAfter().orElse(DEFAULT_WAIT);
    if (asked.compareTo(MIN_WAIT) < 0) {
      return MIN_WAIT;
    }
    return asked.compareTo(MAX_WAIT) > 0 ? MAX_WAIT : asked;
  }

  static Progress testRunProgress(StatusLine line) {
    return new Progress() {
      @Override
      public void show(JsonNode run, Polled polled, Duration elapsed) {
        line.show(describe(run, polled), seconds(elapsed));
      }

      @Override
      public void end() {
        line.end();
      }
    };
  }

  static String describe(JsonNode run, Polled polled) {
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

  /** {@code 1.2 s}: the status line's clock. */
  static String seconds(Duration elapsed) {
    return String.format(Locale.ROOT, "%.1f s", elapsed.toMillis() / 1000.0);
  }
}
