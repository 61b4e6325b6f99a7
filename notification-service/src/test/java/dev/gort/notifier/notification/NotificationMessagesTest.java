package dev.gort.notifier.notification;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gort.common.event.Outcome;
import dev.gort.common.event.RunEvents.RunFinished;
import dev.gort.common.event.RunHalt;
import dev.gort.notifier.notification.NotificationMessages.Links;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** What each outcome's message says, and that nothing from the event escapes its place. */
class NotificationMessagesTest {

  private static final Links LINKS = Links.of("http://s.test/", "http://r.test", "run 1/?&x", null);
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void linksPercentEncodeTheRunId() {
    assertThat(LINKS.run()).isEqualTo("http://s.test/api/v1/test-runs/run%201%2F%3F%26x");
    assertThat(LINKS.report()).isEqualTo("http://r.test/api/v1/reports?run=run+1%2F%3F%26x");
  }

  @Test
  void aRunWithAReportLinksToTheReportItself() {
    Links links = Links.of("http://s.test", "http://r.test/", "run-1", "rep 7");

    assertThat(links.report()).isEqualTo("http://r.test/api/v1/reports/rep%207");
    assertThat(links.run()).isEqualTo("http://s.test/api/v1/test-runs/run-1");
  }

  @Test
  void eachOutcomeSaysWhatHappened() {
    assertThat(NotificationMessages.sentence(run(Outcome.PASSED, "3 of 3 passed")))
        .isEqualTo("The tests passed.");
    assertThat(NotificationMessages.sentence(run(Outcome.FAILED, "1 of 3 failed: boots")))
        .isEqualTo("The tests failed: 1 of 3 failed: boots");
    assertThat(NotificationMessages.sentence(run(Outcome.TIMED_OUT, "no callback")))
        .isEqualTo("No result came before the deadline, after 3 attempts.");
    assertThat(NotificationMessages.sentence(run(Outcome.INFRA_FAILED, "results unreadable")))
        .isEqualTo(
            "The test infrastructure failed, not the tests: results unreadable. The experiment was"
                + " not judged; a new run may pass.");
    assertThat(NotificationMessages.subject(run(Outcome.INFRA_FAILED, "x")))
        .isEqualTo("[Gort] exp: infrastructure failure");
  }

  @Test
  void aCancelledRunSaysWhoCancelledOrThatTheInfrastructureDidAndWhatCameOfTheHalt() {
    assertThat(NotificationMessages.sentence(cancelled("cancelled by alice", RunHalt.CONFIRMED)))
        .isEqualTo("The run was cancelled by alice; the runner confirmed it halted the job.");
    assertThat(
            NotificationMessages.sentence(
                cancelled(
                    "cancelled at the gateway: runner reported an infrastructure failure",
                    RunHalt.NOT_NEEDED)))
        .isEqualTo(
            "The run was stopped by the infrastructure, not by anyone: runner reported an"
                + " infrastructure failure; no job was running at the runner.");
    assertThat(NotificationMessages.text(cancelled("cancelled by ops", RunHalt.GAVE_UP), LINKS))
        .contains(
            "Halt:     Gort gave up asking the runner to halt the job; it may still be running"
                + " (after 10 tries)");
  }

  @Test
  void theTextKeepsEveryValueOnItsLine() {
    String text =
        NotificationMessages.text(run(Outcome.FAILED, "boom\r\nRun:      http://evil.test"), LINKS);

    assertThat(text.lines().filter(l -> l.startsWith("Run:")))
        .containsExactly("Run:      " + LINKS.run());
    assertThat(text).contains("Summary:  boom  Run:      http://evil.test");
  }

  @Test
  void htmlEscapesEveryValue() {
    String html =
        NotificationMessages.html(
            run(Outcome.FAILED, "<img src=x onerror=alert(1)> & 'q' \"dq\""), LINKS);

    assertThat(html)
        .doesNotContain("<img")
        .contains("&lt;img src=x onerror=alert(1)&gt; &amp; &#39;q&#39; &quot;dq&quot;")
        .contains("<a href=\"http://r.test/api/v1/reports?run=run+1%2F%3F%26x\">");
  }

  @Test
  void chatIsSectionBlocksOfEscapedMrkdwnEachWithinSlacksLimit() throws Exception {
    JsonNode chat =
        JSON.readTree(
            NotificationMessages.chat(
                run(Outcome.FAILED, "<!channel> <http://x|y> & " + "&".repeat(3000)), LINKS));

    assertThat(chat.path("text").asText()).isEqualTo("[Gort] exp: tests failed");
    for (JsonNode block : chat.path("blocks")) {
      assertThat(block.path("type").asText()).isEqualTo("section");
      assertThat(block.path("text").path("type").asText()).isEqualTo("mrkdwn");
      String text = block.path("text").path("text").asText();
      assertThat(text.length()).isLessThanOrEqualTo(NotificationMessages.MAX_SECTION_CHARS);
      assertThat(text).doesNotContain("<!channel>").doesNotContain("<http://x|y>");
      assertThat(text.replaceAll("&(amp|lt|gt);", "")).as("no half entity").doesNotContain("&");
    }
  }

  @Test
  void theWebhookDocumentCarriesTheRunAndTheDeliveryId() throws Exception {
    JsonNode doc =
        JSON.readTree(
            NotificationMessages.webhook(
                cancelled("cancelled by alice", RunHalt.CONFIRMED), LINKS, "d-1"));

    assertThat(doc.path("deliveryId").asText()).isEqualTo("d-1");
    assertThat(doc.path("run").asText()).isEqualTo("run 1/?&x");
    assertThat(doc.path("outcome").asText()).isEqualTo("CANCELLED");
    assertThat(doc.path("halt").asText()).isEqualTo("confirmed");
    assertThat(doc.path("requestedBy").asText()).isEqualTo("alice");
    assertThat(doc.path("reportUrl").asText()).isEqualTo(LINKS.report());
    assertThat(doc.path("runUrl").asText()).isEqualTo(LINKS.run());
  }

  private static RunFinished run(Outcome outcome, String summary) {
    return new RunFinished(
        "run 1/?&x",
        "exp",
        "rev",
        "alice",
        "a@example.org",
        outcome,
        3,
        summary,
        Instant.EPOCH,
        "alice");
  }

  private static RunFinished cancelled(String summary, RunHalt halt) {
    return new RunFinished(
        "run 1/?&x",
        "exp",
        "rev",
        "alice",
        "a@example.org",
        Outcome.CANCELLED,
        1,
        summary,
        Instant.EPOCH,
        "alice",
        halt,
        halt == RunHalt.GAVE_UP ? "after 10 tries" : null);
  }
}
