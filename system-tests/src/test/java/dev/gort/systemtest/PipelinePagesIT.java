package dev.gort.systemtest;

import static dev.gort.systemtest.GortStack.SCHEDULER;
import static dev.gort.systemtest.GortStack.WEB_CONSOLE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The operations and pipeline pages of the web console in a real browser on the whole stack: the
 * {@code $filter} box showing where a bad expression goes wrong, a good one narrowing the list; a
 * pipeline run's waiting step paused from the page (a preview first, then confirmed), resumed, and
 * the run followed live to its end once its question is answered.
 */
class PipelinePagesIT {

  private static final Duration PAGE = Duration.ofSeconds(10);
  private static final Duration FINISH = Duration.ofSeconds(60);

  private static final String QUICK =
      """
      pipeline: pages-quick
      stages: [only]
      jobs:
        quick: {stage: only, script: ["true"]}
      """;

  /** A job that waits for an answer, and one after it that waits for it. */
  private static final String ASKING =
      """
      pipeline: pages-ask
      stages: [ask, after]
      jobs:
        question: {stage: ask, input: "Go on?", script: ["true"]}
        later: {stage: after, script: ["true"]}
      """;

  private static GortStack stack;
  private static Http.Session alice;
  private static String console;

  @BeforeAll
  static void startStack() throws Exception {
    stack = GortStack.shared();
    assumeTrue(stack.runs(WEB_CONSOLE), "this checkout has no web-console module");
    alice = Http.as(stack.token("alice"));
    console = stack.url(WEB_CONSOLE);
  }

  @Test
  void theOperationsFilterShowsWhereABadExpressionGoesWrongAndAGoodOneNarrowsIt() throws Exception {
    String pipelineOperation = submit(QUICK).path("operationId").asText();
    StackClient gort = new StackClient(stack).as("alice");
    String slug = gort.newExperiment(false, "alice");
    Http.Answer testRun = gort.requestRun(slug, null);
    assertThat(testRun.status()).as(testRun.raw().body()).isEqualTo(202);

    try (Browser browser = new Browser()) {
      browser.signIn(console, "alice").open(console + "/operations");
      assertThat(browser.status()).isEqualTo(200);
      assertThat(browser.heading()).isEqualTo("Operations");
      browser.waitFor(By.cssSelector("#operations tr[data-kind=test-run]"), PAGE);
      // the default order puts every unfinished operation of the shared stack before the finished
      // ones; newest first, the two just made lead the list
      browser.open(console + "/operations?orderBy=createdDateTime+desc");
      assertThat(browser.status()).isEqualTo(200);
      browser.waitFor(
          By.cssSelector("#operations tr[data-operation='" + pipelineOperation + "']"), PAGE);
      browser.assertAccessible();
      browser.screenshot("operations");

      String bad = "kind eq 'pipeline-run' annd status eq 'running'";
      int position = bad.indexOf("annd");
      search(browser, bad, null);

      WebElement error = browser.waitFor(By.cssSelector("#filter-error"), PAGE);
      assertThat(browser.status()).isEqualTo(400);
      assertThat(error.getAttribute("role")).isEqualTo("alert");
      assertThat(error.getText()).contains("annd").contains("at character " + (position + 1));
      String marker = error.findElement(By.cssSelector("pre.filter-marker")).getText();
      assertThat(marker.lines().toList()).containsExactly(bad, " ".repeat(position) + "^");
      assertThat(error.findElement(By.cssSelector("pre.filter-marker mark")).getText())
          .isEqualTo("a");
      // the form is still filled in
      assertThat(browser.driver().findElement(By.id("filter")).getAttribute("value"))
          .isEqualTo(bad);
      assertThat(browser.driver().findElements(By.cssSelector("#operations"))).isEmpty();
      browser.assertAccessible();
      browser.screenshot("operations-bad-filter");
      // Chromium logs the 400 the page came with; it is the answer expected
      browser.clearConsoleErrors();

      search(browser, "kind eq 'pipeline-run'", "createdDateTime desc");

      assertThat(browser.status()).isEqualTo(200);
      browser.waitFor(
          By.cssSelector("#operations tr[data-operation='" + pipelineOperation + "']"), PAGE);
      List<WebElement> rows = browser.driver().findElements(By.cssSelector("#operations tbody tr"));
      assertThat(rows).isNotEmpty();
      assertThat(rows).extracting(r -> r.getAttribute("data-kind")).containsOnly("pipeline-run");
      assertThat(browser.driver().findElements(By.id("filter-error"))).isEmpty();
      assertThat(
              new Select(browser.driver().findElement(By.id("orderBy")))
                  .getFirstSelectedOption()
                  .getAttribute("value"))
          .isEqualTo("createdDateTime desc");
      browser.assertNoConsoleErrors();
    }
  }

  @Test
  void aWaitingStepIsPausedFromThePageAfterAPreviewThenResumedAndTheRunFollowedLive()
      throws Exception {
    String id = submit(ASKING).path("id").asText();
    awaitRun(id, r -> state(r, "question").equals("waiting-for-input"));
    String page = console + "/pipeline-runs/" + id;

    try (Browser browser = new Browser()) {
      browser.signIn(console, "alice").open(console + "/pipeline-runs");
      assertThat(browser.heading()).isEqualTo("Pipeline runs");
      browser.waitFor(By.cssSelector("#pipeline-runs tr[data-run='" + id + "']"), PAGE);
      browser.assertAccessible();

      browser.open(page);
      assertThat(browser.status()).isEqualTo(200);
      assertThat(browser.heading()).startsWith("Pipeline run pages-ask #");
      assertThat(badge(browser, "question")).isEqualTo("WAITING_FOR_INPUT");
      assertThat(badge(browser, "later")).isEqualTo("WAITING");
      // the graph: a column per stage, a box per job, the need as an edge
      assertThat(browser.driver().findElements(By.cssSelector("#step-graph .stage-name")))
          .extracting(WebElement::getText)
          .containsExactly("ask", "after");
      assertThat(
              browser
                  .driver()
                  .findElement(By.cssSelector("#step-graph a[data-step=later]"))
                  .getAttribute("data-state"))
          .isEqualTo("WAITING");
      assertThat(
              browser
                  .driver()
                  .findElements(
                      By.cssSelector("#step-graph path[data-from=question][data-to=later]")))
          .hasSize(1);
      assertThat(browser.driver().findElement(By.id("steps")).getAttribute("data-live-src"))
          .contains("fragment=steps");
      browser.assertAccessible();
      browser.screenshot("pipeline-run");

      // preview the pause: the page lists what would change, and nothing has changed yet
      clickForNewPage(browser, actionButton(browser, "later", "pause", true));
      browser.waitFor(By.cssSelector("#preview"), PAGE);
      assertThat(browser.driver().findElements(By.cssSelector("#preview-changed li")))
          .extracting(li -> li.getAttribute("data-step"))
          .containsExactly("later");
      assertThat(state(view(id), "later")).isEqualTo("waiting");
      browser.assertAccessible();
      browser.screenshot("pipeline-run-preview");

      // confirm: the pause is done and the page shows it
      clickForNewPage(browser, browser.waitFor(By.cssSelector("#confirm button"), PAGE));
      browser.waitFor(By.cssSelector("#action-done"), PAGE);
      assertThat(browser.path()).isEqualTo("/pipeline-runs/" + id);
      assertThat(badge(browser, "later")).isEqualTo("PAUSED");
      assertThat(state(view(id), "later")).isEqualTo("paused");

      clickForNewPage(browser, actionButton(browser, "later", "resume", false));
      browser.waitFor(By.cssSelector("#action-done"), PAGE);
      assertThat(badge(browser, "later")).isEqualTo("WAITING");
      assertThat(state(view(id), "later")).isEqualTo("waiting");

      // the answer lets the run go on; the page follows it without a reload
      WebElement answer =
          browser
              .driver()
              .findElement(
                  By.cssSelector(
                      "#step-actions tr[data-step=question] form[data-action=send-message]"
                          + " input[name=message]"));
      answer.sendKeys("yes");
      clickForNewPage(browser, actionButton(browser, "question", "send-message", false));
      browser.waitFor(By.cssSelector("#action-done"), PAGE);
      Object marker = browser.script("window.gortNoReload = 'still here'; return 1;");
      assertThat(marker).isNotNull();
      browser.waitFor(
          By.cssSelector("#steps-table tr[data-step=later] .state[data-state=SUCCEEDED]"), FINISH);
      browser.waitFor(By.cssSelector("#run-status .state[data-state=SUCCEEDED]"), PAGE);
      assertThat(browser.script("return window.gortNoReload")).isEqualTo("still here");
      assertThat(browser.driver().findElement(By.id("steps")).getAttribute("data-live-src"))
          .isNull();
      // each attempt's log is a link to where its runner keeps it, not through the console
      String log =
          browser
              .driver()
              .findElement(By.cssSelector("#steps-table tr[data-step=later] ul.attempts a"))
              .getAttribute("href");
      assertThat(log).startsWith("http").doesNotStartWith(console);
      browser.assertNoConsoleErrors();
    }
  }

  // ---------------------------------------------------------------- helpers

  /** Fills in the operations form and sends it. */
  private static void search(Browser browser, String filter, String orderBy) {
    WebElement box = browser.waitFor(By.id("filter"), PAGE);
    box.clear();
    box.sendKeys(filter);
    if (orderBy != null) {
      new Select(browser.driver().findElement(By.id("orderBy"))).selectByValue(orderBy);
    }
    clickForNewPage(
        browser,
        browser.driver().findElement(By.cssSelector("form.operations-query button[type=submit]")));
  }

  /** Clicks {@code element} and waits until the browser has left the page for the next one. */
  private static void clickForNewPage(Browser browser, WebElement element) {
    WebElement old = browser.driver().findElement(By.tagName("h1"));
    element.click();
    await().atMost(PAGE).until(() -> isStale(old));
    browser.waitFor(By.tagName("h1"), PAGE);
  }

  private static WebElement actionButton(
      Browser browser, String step, String action, boolean preview) {
    return browser.waitFor(
        By.cssSelector(
            "#step-actions tr[data-step="
                + step
                + "] form[data-action="
                + action
                + "] button[name=dryRun][value="
                + preview
                + "]"),
        PAGE);
  }

  private static String badge(Browser browser, String step) {
    return browser
        .waitFor(By.cssSelector("#steps-table tr[data-step=" + step + "] .state"), PAGE)
        .getAttribute("data-state");
  }

  private static boolean isStale(WebElement element) {
    try {
      element.isDisplayed();
      return false;
    } catch (org.openqa.selenium.StaleElementReferenceException e) {
      return true;
    }
  }

  private static JsonNode submit(String yaml) {
    Http.Answer a =
        alice.post(
            stack.url(SCHEDULER) + "/api/v1/pipeline-runs", Http.json(Map.of("pipeline", yaml)));
    assertThat(a.status()).as(a.raw().body()).isEqualTo(202);
    return a.json();
  }

  private static JsonNode view(String id) {
    Http.Answer a = alice.get(stack.url(SCHEDULER) + "/api/v1/pipeline-runs/" + id);
    assertThat(a.status()).as(a.raw().body()).isEqualTo(200);
    return a.json();
  }

  private static JsonNode awaitRun(String id, java.util.function.Predicate<JsonNode> condition) {
    return await()
        .atMost(FINISH)
        .pollInterval(Duration.ofMillis(200))
        .until(() -> view(id), condition::test);
  }

  private static String state(JsonNode run, String job) {
    return PipelineIT.step(run, job).path("state").asText();
  }
}
