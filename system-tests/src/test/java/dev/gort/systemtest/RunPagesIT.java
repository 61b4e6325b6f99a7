package dev.gort.systemtest;

import static dev.gort.systemtest.GortStack.WEB_CONSOLE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The experiment, run and report pages in a real browser on the whole stack: alice tests an
 * experiment from its page, watches the run turn FINISHED without a reload, reads the failing
 * test's message on the report, sees the test flaky once a run of the same revision passed, and
 * cancels a running run after confirming; a "test now" sent twice starts one run. Each page is
 * checked with axe-core and screenshot.
 */
class RunPagesIT {

  /** The sim runner's failing test and its message (its built-in results of {@code fail}). */
  private static final String FAILING_TEST = "enrollment";

  private static final String FAILURE_MESSAGE = "expected 2 enrolled clients, found 0 (simulated)";
  private static final Duration RUN_TIME = Duration.ofSeconds(60);

  private static GortStack stack;
  private static StackClient alice;
  private static String console;

  @BeforeAll
  static void startStack() throws Exception {
    stack = GortStack.shared();
    assumeTrue(stack.runs(WEB_CONSOLE), "this checkout has no web-console module");
    alice = new StackClient(stack).as("alice");
    console = stack.url(WEB_CONSOLE);
  }

  @Test
  void aliceTestsAnExperimentWatchesItFinishLiveAndReadsTheFailure() throws Exception {
    String slug = alice.newExperiment(false, "alice");
    // slow enough to be seen unfinished first
    alice.scenario(slug, List.of("fail"), 3000);

    try (Browser browser = new Browser()) {
      browser.signIn(console, "alice").open(console + "/experiments/" + slug);
      assertThat(browser.status()).isEqualTo(200);
      assertThat(browser.heading()).isEqualTo("Experiment " + slug);
      browser.assertAccessible();

      browser.driver().findElement(By.cssSelector("#test-now button[type=submit]")).click();
      browser.waitForUrl(console + "/runs/", Duration.ofSeconds(20));
      browser.waitFor(By.cssSelector("#run-status[data-live-src]"), Duration.ofSeconds(5));
      assertThat(browser.text(By.id("run-state"))).doesNotContain("FINISHED");
      // a reload would lose this mark: the run finishes on this very page
      browser.script("window.gortNoReload = true;");

      browser.waitFor(By.cssSelector("#run-state [data-state=FINISHED]"), RUN_TIME);

      assertThat(browser.script("return window.gortNoReload === true;")).isEqualTo(true);
      assertThat(browser.driver().findElement(By.id("run-status")).getAttribute("data-live-done"))
          .isEqualTo("true");
      assertThat(browser.driver().findElements(By.cssSelector("#run-status[data-live-src]")))
          .isEmpty();
      browser.waitFor(By.cssSelector("#run-outcome [data-state=FAILED]"), Duration.ofSeconds(5));
      assertThat(browser.text(By.id("run-timeline"))).contains("attempt 1 dispatched to sim");
      assertThat(browser.text(By.id("run-attempts"))).contains("runner reported failed");
      assertThat(browser.text(By.id("run-failing"))).contains(FAILING_TEST, FAILURE_MESSAGE);
      assertThat(browser.text(By.id("run-requested-by"))).isEqualTo("alice");
      browser.assertAccessible();
      browser.screenshot("run");
      String runId = browser.path().substring("/runs/".length());

      browser.driver().findElement(By.cssSelector("#run-report a")).click();
      browser.waitForUrl(console + "/reports/", Duration.ofSeconds(10));
      assertThat(browser.status()).isEqualTo(200);
      assertThat(browser.text(By.id("report-outcome"))).contains("FAILED");
      new Select(browser.driver().findElement(By.id("status-filter"))).selectByValue("failed");
      browser.driver().findElement(By.cssSelector("#test-filter button[type=submit]")).click();
      browser.waitForUrl(browser.url().split("\\?")[0] + "?status=failed", Duration.ofSeconds(10));
      assertThat(browser.text(By.id("report-tests"))).contains(FAILING_TEST, FAILURE_MESSAGE);
      assertThat(browser.driver().findElements(By.cssSelector("#report-tests tbody tr")))
          .hasSize(1);
      String export = browser.driver().findElement(By.id("kcidb-export")).getAttribute("href");
      assertThat(export).endsWith("/kcidb");
      @SuppressWarnings("unchecked")
      List<Object> kcidb =
          (List<Object>)
              browser.script(
                  "return fetch(arguments[0]).then(r => r.text().then(t =>"
                      + " [r.status, r.headers.get('Content-Disposition'), t]));",
                  export);
      assertThat(((Number) kcidb.get(0)).intValue()).isEqualTo(200);
      assertThat((String) kcidb.get(1)).startsWith("attachment; filename=\"report-");
      assertThat((String) kcidb.get(2)).contains("\"tests\"", "\"checkouts\"");
      browser.assertAccessible();
      browser.screenshot("report");

      // the same revision passes the next time: the test flip-flopped, so it is flaky
      alice.scenario(slug, List.of("pass"), 100);
      JsonNode passed = alice.awaitFinished(requestRun(slug));
      assertThat(passed.path("outcome").asText()).isEqualTo("PASSED");
      browser.open(console + "/experiments/" + slug);
      assertThat(browser.text(By.id("flaky-tests"))).contains(FAILING_TEST);
      assertThat(browser.driver().findElements(By.cssSelector("#outcome-trend li"))).hasSize(2);
      assertThat(browser.text(By.id("main"))).contains(runId, passed.path("id").asText());
      browser.assertAccessible();
      browser.screenshot("experiment");
      browser.assertNoConsoleErrors();
    }
  }

  @Test
  void aliceCancelsARunningRunAfterConfirming() throws Exception {
    String slug = alice.newExperiment(false, "alice");
    alice.scenario(slug, List.of("pass"), 30_000);
    String runId = requestRun(slug);
    alice.awaitState(runId, "RUNNING", Duration.ofSeconds(30));

    try (Browser browser = new Browser()) {
      browser.signIn(console, "alice").open(console + "/runs/" + runId);
      browser.waitFor(By.cssSelector("#run-state [data-state=RUNNING]"), Duration.ofSeconds(5));
      assertThat(browser.text(By.id("run-operation"))).contains("% complete");
      browser.assertAccessible();

      browser.driver().findElement(By.cssSelector("#cancel-run button[type=submit]")).click();
      new WebDriverWait(browser.driver(), Duration.ofSeconds(5))
          .until(ExpectedConditions.alertIsPresent())
          .accept();

      browser.waitFor(By.cssSelector("#run-state [data-state=FINISHED]"), Duration.ofSeconds(20));
      browser.waitFor(By.cssSelector("#run-outcome [data-state=CANCELLED]"), Duration.ofSeconds(5));
      assertThat(browser.text(By.id("run-cancelled-by"))).isEqualTo("alice");
      assertThat(browser.driver().findElements(By.id("cancel-run"))).isEmpty();
      assertThat(alice.getRun(runId).path("outcome").asText()).isEqualTo("CANCELLED");
      browser.assertAccessible();
      browser.screenshot("run-cancelled");
      browser.assertNoConsoleErrors();
    }
  }

  @Test
  void aTestNowSentAgainLandsOnItsRunAndSentWithAnotherRunnerIsExplained() throws Exception {
    String slug = alice.newExperiment(false, "alice");
    alice.scenario(slug, List.of("pass"), 2000);

    try (Browser browser = new Browser()) {
      browser.signIn(console, "alice").open(console + "/experiments/" + slug);
      Map<String, String> form = browser.formFields("#test-now");
      assertThat(form.get("requestKey")).isNotBlank();
      String action = "/experiments/" + slug + "/test-runs";

      HttpResponse<String> first = browser.postForm(console, action, form);
      HttpResponse<String> again = browser.postForm(console, action, form);

      assertThat(first.statusCode()).as(first.body()).isEqualTo(303);
      assertThat(again.statusCode()).as(again.body()).isEqualTo(303);
      String runPage = first.headers().firstValue("Location").orElseThrow();
      assertThat(runPage).contains("/runs/");
      assertThat(again.headers().firstValue("Location")).contains(runPage);

      // the page kept in the history, another runner chosen, the same button sent
      Map<String, String> otherRunner = new HashMap<>(form);
      otherRunner.put("runner", "sim");
      HttpResponse<String> changed = browser.postForm(console, action, otherRunner);

      assertThat(changed.statusCode()).as(changed.body()).isEqualTo(422);
      assertThat(changed.body()).contains("Already sent", "was sent before with another runner");
      assertThat(changed.headers().firstValue("Content-Type"))
          .hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
      alice.awaitFinished(runPage.substring(runPage.lastIndexOf('/') + 1));
      assertThat(alice.jobs(slug)).hasSize(1);
    }
  }

  private static String requestRun(String slug) {
    Http.Answer requested = alice.requestRun(slug, null);
    assertThat(requested.status()).as(requested.raw().body()).isEqualTo(202);
    return requested.json().path("id").asText();
  }
}
