package dev.gort.systemtest;

import static dev.gort.systemtest.GortStack.SIMULATORS;
import static dev.gort.systemtest.GortStack.WORKER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Real results files replayed through the whole stack (sim runner → gateway → results worker →
 * scheduler → notifier): the report counts what the tool that wrote the file counted (and is
 * submitted to the simulated KCIDB, which accepts it), and the processing-error flow of seed 000
 * retries a results fetch that failed once.
 */
class ResultsIT {

  private static final Path RESULTS =
      Path.of(System.getProperty("gort.root", "..")).resolve("deploy/local/results");

  private static GortStack stack;
  private static StackClient gort;

  @BeforeAll
  static void startStack() throws Exception {
    stack = GortStack.shared();
    gort = new StackClient(stack);
  }

  @Test
  void aSurefireReportGivesTheCountsSurefirePrinted() throws IOException {
    // Surefire printed: Tests run: 6, Failures: 1, Errors: 0, Skipped: 1
    JsonNode report = replay("TEST-org.example.ledger.LedgerTest.xml", "junit", "FAILED");

    assertCounts(report, 6, 4, 1, 0, 1);
    assertThat(report.path("summary").asText()).contains("refundsAreSummedOnce");
    JsonNode failed = tests(report, "failed");
    assertThat(failed.findValuesAsText("name")).containsExactly("refundsAreSummedOnce");
    assertThat(failed.get(0).path("message").asText()).isNotBlank();

    JsonNode kcidb =
        gort.api()
            .get(stack.url(WORKER) + "/api/v1/reports/" + report.path("id").asText() + "/kcidb")
            .json();
    assertThat(kcidb.path("version").path("minor").asInt()).isEqualTo(3);
    assertThat(kcidb.path("tests")).hasSize(6);
    assertThat(kcidb.path("tests").findValuesAsText("status")).containsOnly("PASS", "FAIL", "SKIP");

    // the worker submitted the same document to the simulated KCIDB, which took it as valid
    String checkout = "gort:" + report.path("run").asText();
    JsonNode submission =
        await()
            .atMost(Duration.ofSeconds(30))
            .pollInterval(Duration.ofMillis(250))
            .until(
                () -> kcidbSubmission(report.path("experiment").asText(), checkout),
                Optional::isPresent)
            .get();
    assertThat(submission.path("counts").path("checkouts").asInt()).isEqualTo(1);
    assertThat(submission.path("counts").path("tests").asInt()).isEqualTo(6);
    List<String> testIds = new ArrayList<>();
    submission.path("testIds").forEach(id -> testIds.add(id.asText()));
    assertThat(testIds).containsExactlyElementsOf(kcidb.path("tests").findValuesAsText("id"));
    assertThat(submission.path("origins").get(0).asText()).isEqualTo("gort");
  }

  @Test
  void aPytestReportCountsItsSetUpErrorApartFromItsFailure() throws IOException {
    JsonNode report = replay("pytest-inventory.xml", "junit", "FAILED");

    assertCounts(report, 9, 6, 1, 1, 1);
  }

  @Test
  void aTapStreamCountsItsLowerCaseSkip() throws IOException {
    JsonNode report = replay("config.tap", "tap", "FAILED");

    assertCounts(report, 7, 5, 1, 0, 1);
    assertThat(tests(report, "failed").findValuesAsText("name"))
        .containsExactly("TLS is on by default");
  }

  @Test
  void resultsThatCouldNotBeFetchedOnceAreFetchedAgainAndJudged() {
    String slug = gort.newExperiment(false);
    gort.scenario(slug, List.of("results-late"), 100);

    JsonNode run = gort.awaitFinished(requestRun(slug));

    assertThat(run.path("outcome").asText()).isEqualTo("PASSED");
    assertThat(gort.jobs(slug).get(0).path("resultsFetches").asInt()).isEqualTo(2);
    assertThat(gort.awaitReport(run.path("id").asText()).path("outcome").asText())
        .isEqualTo("PASSED");
  }

  private static JsonNode replay(String file, String format, String outcome) throws IOException {
    String slug = gort.newExperiment(false);
    gort.scenarioWithResults(
        slug,
        List.of("pass"),
        format,
        Files.readString(RESULTS.resolve(file), StandardCharsets.UTF_8));

    JsonNode run = gort.awaitFinished(requestRun(slug));

    assertThat(run.path("outcome").asText()).isEqualTo(outcome);
    return gort.awaitReport(run.path("id").asText());
  }

  private static void assertCounts(
      JsonNode report, int total, int passed, int failed, int errors, int skipped) {
    JsonNode counts = report.path("counts");
    assertThat(counts.path("total").asInt()).isEqualTo(total);
    assertThat(counts.path("passed").asInt()).isEqualTo(passed);
    assertThat(counts.path("failed").asInt()).isEqualTo(failed);
    assertThat(counts.path("errors").asInt()).isEqualTo(errors);
    assertThat(counts.path("skipped").asInt()).isEqualTo(skipped);
  }

  /** The submission the simulated KCIDB accepted with checkout {@code checkout}, if any yet. */
  private static Optional<JsonNode> kcidbSubmission(String tree, String checkout) {
    JsonNode submissions =
        Http.get(
                stack.url(SIMULATORS)
                    + "/sim/kcidb/submissions?tree="
                    + URLEncoder.encode(tree, StandardCharsets.UTF_8))
            .json()
            .path("value");
    for (JsonNode s : submissions) {
      for (JsonNode c : s.path("checkouts")) {
        if (checkout.equals(c.path("id").asText())) {
          return Optional.of(s);
        }
      }
    }
    return Optional.empty();
  }

  private static JsonNode tests(JsonNode report, String status) {
    return gort.api()
        .get(
            stack.url(WORKER)
                + "/api/v1/reports/"
                + report.path("id").asText()
                + "/tests?status="
                + status)
        .json()
        .path("value");
  }

  private static String requestRun(String slug) {
    Http.Answer requested = gort.requestRun(slug, null);
    assertThat(requested.status()).isEqualTo(202);
    return requested.json().path("id").asText();
  }
}
