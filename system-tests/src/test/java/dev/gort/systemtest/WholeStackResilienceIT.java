package dev.gort.systemtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Runs that heal themselves, on the real stack under load: the Kafka broker comes back on empty
 * data while runs flow (every event in flight is lost), and PostgreSQL restarts while runs flow
 * (every service loses its database for a moment). Every run still ends, once, and each owner is
 * told exactly once.
 */
class WholeStackResilienceIT {

  private static final int RUNS = 30;
  private static final long REQUEST_EVERY_MILLIS = 100;

  private static GortStack stack;
  private static StackClient gort;

  @AfterEach
  void restoreTheStack() throws Exception {
    stack.restoreStopped();
  }

  @BeforeAll
  static void startStack() throws Exception {
    stack = GortStack.shared();
    gort = new StackClient(stack);
  }

  @Test
  void kafkaComingBackOnEmptyDataWhileRunsFlowLosesNoRun() throws Exception {
    List<String> slugs = experiments(RUNS);
    Load load = new Load(slugs);
    load.start();
    load.awaitRequested(RUNS / 3);
    // with the gateway down, the requests that follow wait on the broker, unconsumed ...
    stack.kill(GortStack.GATEWAY);
    load.awaitRequested(2 * RUNS / 3);

    // ... and are gone with its data
    stack.killKafka();
    stack.restartKafka(true);
    long restarted = System.nanoTime();
    stack.restart(GortStack.GATEWAY);

    load.awaitAll();
    List<JsonNode> finished = awaitAllFinished(load.runIds(), Duration.ofMinutes(4));
    long allEnded = (System.nanoTime() - restarted) / 1_000_000;
    List<JsonNode> healed = finished.stream().filter(WholeStackResilienceIT::wasNudged).toList();
    System.out.printf(
        "resilience: Kafka wiped with %d of %d runs requested (the last %d unconsumed);"
            + " all ended %d ms after it came back; %d were nudged, each ending %s after its"
            + " first nudge%n",
        2 * RUNS / 3, RUNS, RUNS / 3, allEnded, healed.size(), recoveryTimes(healed));
    assertThat(healed)
        .as("the requests lost with the broker's data were asked for again")
        .isNotEmpty();
    assertEveryRunEndedOnceAndEachOwnerWasToldOnce(slugs, finished);
  }

  @Test
  void postgresRestartingWhileRunsFlowLosesNoRunAndDeadLettersNothing() throws Exception {
    Path ctl = Path.of("/usr/bin/pg_ctlcluster");
    Assumptions.assumeTrue(
        Files.isExecutable(ctl)
            && List.of("root", "postgres").contains(System.getProperty("user.name")),
        "needs a local Debian PostgreSQL cluster this user may restart");
    String version =
        Files.list(Path.of("/etc/postgresql")).findFirst().orElseThrow().getFileName().toString();
    List<String> slugs = experiments(RUNS);
    Load load = new Load(slugs);
    load.start();
    load.awaitRequested(RUNS / 3);

    run(ctl.toString(), "--skip-systemctl-redirect", version, "main", "stop", "-m", "immediate");
    Thread.sleep(2000);
    run(ctl.toString(), "--skip-systemctl-redirect", version, "main", "start");
    long restarted = System.nanoTime();

    load.awaitAll();
    List<JsonNode> finished = awaitAllFinished(load.runIds(), Duration.ofMinutes(4));
    System.out.printf(
        "resilience: PostgreSQL restarted after %d of %d runs; all ended %d ms after it came back%n",
        RUNS / 3, RUNS, (System.nanoTime() - restarted) / 1_000_000);
    assertEveryRunEndedOnceAndEachOwnerWasToldOnce(slugs, finished);
    StackClient admin = gort.as("admin");
    for (String app :
        List.of(GortStack.SCHEDULER, GortStack.GATEWAY, GortStack.WORKER, GortStack.NOTIFIER)) {
      JsonNode deadLetters =
          admin.api().get(stack.url(app) + "/api/v1/dead-letters?$top=1000").json();
      for (JsonNode letter : deadLetters.path("value")) {
        assertThat(load.runIds())
            .as(app + " dead-lettered a valid event")
            .doesNotContain(letter.path("key").asText());
      }
    }
  }

  private static List<String> experiments(int n) {
    List<String> slugs = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String slug = gort.newExperiment(false);
      gort.scenario(slug, List.of("pass"), 400);
      slugs.add(slug);
    }
    return slugs;
  }

  private static void assertEveryRunEndedOnceAndEachOwnerWasToldOnce(
      List<String> slugs, List<JsonNode> finished) {
    for (JsonNode run : finished) {
      assertThat(StackClient.states(run)).as(run.path("id").asText()).containsOnlyOnce("FINISHED");
      assertThat(run.path("outcome").asText()).as(run.path("summary").asText()).isEqualTo("PASSED");
    }
    for (String slug : slugs) {
      gort.awaitMail(slug, 1);
    }
    // a second mail would have come by now: the notifier sends due mail every 200 ms
    await()
        .during(Duration.ofSeconds(3))
        .atMost(Duration.ofSeconds(10))
        .until(() -> slugs.stream().allMatch(slug -> gort.mailTo(slug).size() == 1));
  }

  private static List<JsonNode> awaitAllFinished(List<String> runIds, Duration atMost) {
    List<JsonNode> finished = new ArrayList<>();
    for (String runId : runIds) {
      finished.add(gort.awaitState(runId, "FINISHED", atMost));
    }
    return finished;
  }

  private static boolean wasNudged(JsonNode run) {
    return run.path("history").findValuesAsText("reason").stream()
        .anyMatch(r -> r.contains("nudge"));
  }

  /** For each nudged run, from its first nudge to its end: how long healing took. */
  private static List<String> recoveryTimes(List<JsonNode> runs) {
    List<String> times = new ArrayList<>();
    for (JsonNode run : runs) {
      java.time.Instant nudged = null;
      java.time.Instant ended = null;
      for (JsonNode entry : run.path("history")) {
        if (nudged == null && entry.path("reason").asText().contains("nudge")) {
          nudged = java.time.Instant.parse(entry.path("at").asText());
        }
        ended = java.time.Instant.parse(entry.path("at").asText());
      }
      times.add(Duration.between(nudged, ended).toMillis() + " ms");
    }
    return times;
  }

  private static void run(String... command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor()).as(String.join(" ", command) + ": " + out).isZero();
  }

  /**
   * Requests one run per experiment, one every {@value #REQUEST_EVERY_MILLIS} ms, each with an
   * idempotency key so that a request the stack could not answer (its database down) is safely sent
   * again until it is taken.
   */
  private static final class Load {
    private final List<String> slugs;
    private final Map<String, String> runs = new ConcurrentHashMap<>();
    private final CountDownLatch done = new CountDownLatch(1);
    private final Thread thread;
    private volatile int requested;

    Load(List<String> slugs) {
      this.slugs = slugs;
      this.thread = new Thread(this::request, "load");
      thread.setDaemon(true);
    }

    void start() {
      thread.start();
    }

    private void request() {
      try {
        for (String slug : slugs) {
          String key = UUID.randomUUID().toString();
          while (!take(slug, key)) {
            Thread.sleep(250);
          }
          requested++;
          Thread.sleep(REQUEST_EVERY_MILLIS);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        done.countDown();
      }
    }

    /** Whether the run of {@code slug} was taken; false for an answer to try again later. */
    private boolean take(String slug, String key) {
      Http.Answer a;
      try {
        a = gort.requestRun(slug, null, Map.of("Idempotency-Key", key));
      } catch (AssertionError connectionLost) {
        assertThat(connectionLost.getMessage()).contains("HTTP call failed");
        return false;
      }
      if (a.status() == 202) {
        runs.put(slug, a.json().path("id").asText());
        return true;
      }
      // the key in flight (409), or the database down (5xx): the same request again, later
      assertThat(a.status()).as(a.raw().body()).isIn(409, 500, 503);
      return false;
    }

    void awaitRequested(int n) {
      await().atMost(Duration.ofMinutes(2)).until(() -> requested >= n);
    }

    void awaitAll() throws InterruptedException {
      assertThat(done.await(4, java.util.concurrent.TimeUnit.MINUTES)).isTrue();
      assertThat(runs).hasSize(slugs.size());
    }

    List<String> runIds() {
      return slugs.stream().map(runs::get).toList();
    }
  }
}
