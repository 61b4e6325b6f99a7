package dev.gort.systemtest;

import static dev.gort.systemtest.GortStack.SCHEDULER;
import static dev.gort.systemtest.GortStack.SIMULATORS;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The worker fetches only the results URLs the outbound guard allows: a runner (here the test,
 * which holds the runner's secret) that names loopback, a private or the cloud metadata address, or
 * a redirect to loopback, gets its run ended INFRA_FAILED with one generic reason that tells an
 * open port from a closed one in no way; a body past the size cap is cut off while it streams.
 */
class OutboundGuardIT {

  private static GortStack stack;
  private static StackClient gort;

  @BeforeAll
  static void startStack() throws Exception {
    stack = GortStack.shared();
    gort = new StackClient(stack);
  }

  @Test
  void resultsUrlsOnRefusedAddressesEndTheRunWithOneGenericReason() {
    String openPort = stack.url(SCHEDULER) + "/q/health/ready";
    String closedPort = "http://127.0.0.1:1/results";
    String redirectToLoopback =
        stack.url(SIMULATORS)
            + "/sim/results/redirect?to="
            + URLEncoder.encode(openPort, StandardCharsets.UTF_8);
    for (String url :
        List.of(
            openPort,
            closedPort,
            "http://10.0.0.1/results",
            "http://169.254.169.254/latest/meta-data/",
            "http://[::1]:8081/results",
            "file:///etc/passwd",
            redirectToLoopback)) {
      JsonNode run = runReporting(url);
      assertThat(run.path("outcome").asText()).as(url).isEqualTo("INFRA_FAILED");
      assertThat(run.path("summary").asText())
          .as(url)
          .matches("results could not be processed: results could not be fetched from .*")
          .doesNotContain("refused")
          .doesNotContain("Connection")
          .doesNotContain("timed out");
    }
    assertThat(summaryFor(openPort).replace(":" + port(openPort), ""))
        .as("an open port and a closed one read the same")
        .isEqualTo(summaryFor(closedPort).replace(":1", ""));
  }

  @Test
  void aBodyPastTheCapStreamedSlowlyIsCutOffWhileItStreams() {
    // 16 MiB at 256 KiB a step, 100 ms apart: 6.4 s to send whole; the cap is 1 MiB
    String id = StackClient.shortId();
    String slow =
        stack.url(SIMULATORS)
            + "/sim/results/slow/"
            + id
            + "?bytes="
            + 16 * 1024 * 1024
            + "&chunk="
            + 256 * 1024
            + "&delayMs=100";

    JsonNode run = runReporting(slow);

    assertThat(run.path("outcome").asText()).isEqualTo("INFRA_FAILED");
    long sent =
        Http.get(stack.url(SIMULATORS) + "/sim/results/slow/" + id + "/sent")
            .json()
            .path("bytesSent")
            .asLong();
    System.out.printf(
        "outbound guard: a 16 MiB body past the 1 MiB cap was cut off after %d bytes%n", sent);
    assertThat(sent)
        .as("the worker hung up soon after the cap, well before the whole body")
        .isLessThan(8L * 1024 * 1024);
  }

  private static String summaryFor(String url) {
    return runReporting(url).path("summary").asText();
  }

  /** A run whose runner reports {@code resultsUrl}, as a validly signed callback. */
  private static JsonNode runReporting(String resultsUrl) {
    String slug = gort.newExperiment(false);
    gort.scenario(slug, List.of("pass"), 60_000);
    String runId = gort.requestRun(slug, null).json().path("id").asText();
    JsonNode job = gort.awaitJob(slug);
    gort.awaitState(runId, "RUNNING", Duration.ofSeconds(30));
    String callbackUrl = job.path("callbackUrl").asText();
    String token = StackClient.tokenOf(callbackUrl);
    String body =
        Http.json(
            Map.of(
                "jobId",
                job.path("jobId").asText(),
                "runId",
                runId,
                "attempt",
                1,
                "status",
                "passed",
                "resultsUrl",
                resultsUrl));
    Http.Answer accepted =
        Http.anonymous()
            .post(
                callbackUrl,
                body,
                Map.of("X-Gort-Signature", StackClient.callbackSignature(token, body)));
    assertThat(accepted.status()).isEqualTo(202);
    return gort.awaitFinished(runId);
  }

  private static String port(String url) {
    return url.replaceAll("^http://127\\.0\\.0\\.1:(\\d+)/.*$", "$1");
  }
}
