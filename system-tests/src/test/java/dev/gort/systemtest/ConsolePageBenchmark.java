package dev.gort.systemtest;

import static dev.gort.systemtest.GortStack.SCHEDULER;
import static dev.gort.systemtest.GortStack.WEB_CONSOLE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Benchmark, not a test of {@code verify} (its name matches no test pattern): the web console's run
 * page on the real stack (issue 14, "Done when").
 *
 * <ul>
 *   <li><b>Render time</b> of {@code /runs/{id}} for a run with about 50 history entries: a run of
 *       {@code gort.bench.attempts} (17) attempts, each of which the sim runner ends with a
 *       reported timeout ({@code report-timeout}, a retryable end), so each adds its dispatch, its
 *       timeout and the retry to the history. The stack's scheduler allows 3 attempts; the run is
 *       requested through an extra scheduler replica started with {@code
 *       GORT_SCHEDULER_MAX_ATTEMPTS} (a run keeps the budget it was created with; the replicas
 *       share the database). {@code gort.bench.requests} (200) GETs of the page with alice's
 *       session (its cookies taken from a signed-in browser), after 10 not counted, one at a time;
 *       the same for the live fragment ({@code ?fragment=status}). Measured at the client, so it
 *       includes the console's calls to the scheduler, the worker and the notifier.
 *   <li><b>State change → screen</b>: {@code gort.bench.rounds} (10) runs of 2 s each, their page
 *       open in the browser from the start; a MutationObserver in the page notes when {@code
 *       #run-state [data-state=FINISHED]} appears, compared with the time the scheduler recorded
 *       the run's FINISHED in its history (the time of the worker's verdict, so the Kafka leg to
 *       the scheduler is in it). The page asks for its live fragment again after the operation's
 *       {@code Retry-After} (the scheduler's {@code gort.scheduler.operation-retry-after}, 2 s), so
 *       about 1 s on average is that wait. All the processes run on this machine, so their clocks
 *       agree.
 * </ul>
 *
 * <p>Run with {@code ./mvnw -pl web-console,system-tests verify -Dtest=None
 * -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=ConsolePageBenchmark}.
 */
class ConsolePageBenchmark {

  private static final int ATTEMPTS = Integer.getInteger("gort.bench.attempts", 17);
  private static final int REQUESTS = Integer.getInteger("gort.bench.requests", 200);
  private static final int ROUNDS = Integer.getInteger("gort.bench.rounds", 10);
  private static final int WARM_UP = 10;

  private static final String WATCH_FINISHED =
      "window.gortFinishedAt = null;"
          + " const seen = () => document.querySelector('#run-state [data-state=FINISHED]');"
          + " if (seen()) { window.gortFinishedAt = -1; } else {"
          + " new MutationObserver((m, o) => { if (seen()) {"
          + " window.gortFinishedAt = Date.now(); o.disconnect(); } })"
          + ".observe(document.body, {childList: true, subtree: true}); }";

  private GortStack stack;
  private StackClient alice;
  private String console;

  @Test
  void runPageRenderTimeAndStateChangeToScreen() throws Exception {
    stack = GortStack.shared();
    assumeTrue(stack.runs(WEB_CONSOLE), "this checkout has no web-console module");
    alice = new StackClient(stack).as("alice");
    console = stack.url(WEB_CONSOLE);

    String longRun = runWithLongHistory();
    JsonNode run = alice.getRun(longRun);
    System.out.printf(
        "run %s: %d attempts, %d history entries, outcome %s%n",
        longRun, run.path("attempts").asInt(), run.path("history").size(), run.path("outcome"));

    try (Browser browser = new Browser()) {
      browser.signIn(console, "alice");
      String cookies = browser.cookieHeader();
      assertThat(browser.driver().manage().getCookies()).extracting(Cookie::getName).isNotEmpty();

      List<Long> page = renderTimes(console + "/runs/" + longRun, cookies);
      List<Long> fragment = renderTimes(console + "/runs/" + longRun + "?fragment=status", cookies);

      List<Long> toScreen = stateChangeToScreen(browser);

      System.out.println();
      System.out.printf(
          "run page, %d history entries, %d attempts:%n",
          run.path("history").size(), run.path("attempts").asInt());
      Latencies.print("GET /runs/{id} (whole page)", page);
      Latencies.print("GET /runs/{id}?fragment=status", fragment);
      Latencies.print("FINISHED recorded → shown in the browser", toScreen);
    }
  }

  /** A finished run of {@link #ATTEMPTS} attempts, each ended by a reported timeout. */
  private String runWithLongHistory() throws Exception {
    String slug = alice.newExperiment(false, "alice");
    alice.scenario(slug, List.of("report-timeout"), 100);
    try (GortStack.Instance scheduler =
        stack.startExtra(
            SCHEDULER, Map.of("GORT_SCHEDULER_MAX_ATTEMPTS", String.valueOf(ATTEMPTS)))) {
      Http.Answer requested =
          alice.api().post(scheduler.url() + "/api/v1/experiments/" + slug + "/test-runs", null);
      assertThat(requested.status()).as(requested.raw().body()).isEqualTo(202);
      String id = requested.json().path("id").asText();
      JsonNode run = alice.awaitState(id, "FINISHED", Duration.ofMinutes(5));
      assertThat(run.path("attempts").asInt()).isEqualTo(ATTEMPTS);
      return id;
    }
  }

  private static List<Long> renderTimes(String url, String cookies) throws Exception {
    HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(url))
            .header("Cookie", cookies)
            .header("Accept", "text/html")
            .GET()
            .build();
    List<Long> millis = new ArrayList<>();
    for (int i = 0; i < WARM_UP + REQUESTS; i++) {
      long start = System.nanoTime();
      HttpResponse<String> answer = http.send(request, HttpResponse.BodyHandlers.ofString());
      long took = (System.nanoTime() - start) / 1_000_000;
      assertThat(answer.statusCode()).as(url).isEqualTo(200);
      assertThat(answer.body()).contains("id=\"run-state\"");
      if (i >= WARM_UP) {
        millis.add(took);
      }
    }
    return millis;
  }

  /** Per run: from the scheduler's FINISHED to the badge on the open page, in milliseconds. */
  private List<Long> stateChangeToScreen(Browser browser) {
    String slug = alice.newExperiment(false, "alice");
    alice.scenario(slug, List.of("pass"), 2000);
    List<Long> millis = new ArrayList<>();
    for (int round = 0; round < ROUNDS; round++) {
      Http.Answer requested = alice.requestRun(slug, null);
      assertThat(requested.status()).as(requested.raw().body()).isEqualTo(202);
      String id = requested.json().path("id").asText();
      browser.open(console + "/runs/" + id);
      browser.waitFor(By.id("run-state"), Duration.ofSeconds(10));
      browser.script(WATCH_FINISHED);
      Object shownAt =
          new WebDriverWait(browser.driver(), Duration.ofSeconds(60))
              .until(d -> browser.script("return window.gortFinishedAt;"));
      JsonNode run = alice.awaitFinished(id);
      long shown = ((Number) shownAt).longValue();
      if (shown < 0) {
        System.out.println(
            "round " + round + ": finished before the page was watched, not counted");
        continue;
      }
      Instant finished = finishedAt(run);
      millis.add(shown - finished.toEpochMilli());
    }
    return millis;
  }

  private static Instant finishedAt(JsonNode run) {
    for (JsonNode h : run.path("history")) {
      if ("FINISHED".equals(h.path("state").asText())) {
        return Instant.parse(h.path("at").asText());
      }
    }
    throw new AssertionError("no FINISHED in the history of " + run);
  }
}
