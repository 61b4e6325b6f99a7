package dev.gort.systemtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A signed callback counts only for the job its URL names. The reported attack: a validly signed
 * body captured from one job, POSTed to another attempt's callback URL, turned that run into the
 * other job's result. Every variant of it is refused here, on the real stack, and the runs end as
 * their own runners said.
 */
class CallbackReplayIT {

  private static GortStack stack;
  private static StackClient gort;

  @BeforeAll
  static void startStack() throws Exception {
    stack = GortStack.shared();
    gort = new StackClient(stack);
  }

  @Test
  void aCapturedCallbackReplayedOntoAnotherAttemptChangesNothing() {
    // A passed and called back; B's runner is about to report fail
    String a = gort.newExperiment(false);
    String aRun = requestRun(a);
    gort.awaitFinished(aRun);
    JsonNode aJob = gort.awaitJob(a);
    String captured = aJob.path("callback").path("body").asText();
    String capturedSignature = aJob.path("callback").path("signature").asText();
    assertThat(captured).contains(aJob.path("jobId").asText());

    String b = gort.newExperiment(false);
    // within the stack's 5 s deadline, long enough for the replays below
    gort.scenario(b, List.of("fail"), 3_500);
    String bRun = requestRun(b);
    JsonNode bJob = gort.awaitJob(b);
    gort.awaitState(bRun, "RUNNING", Duration.ofSeconds(30));
    String bUrl = bJob.path("callbackUrl").asText();

    // the capture as it was: the signature covers A's URL token, not B's
    assertThat(post(bUrl, captured, capturedSignature).status()).isEqualTo(401);
    // B's attempt id with A's token
    Http.Answer withAToken = post(withToken(bUrl, token(aJob)), captured, capturedSignature);
    assertThat(withAToken.status()).isEqualTo(404);
    // A's body signed for B's URL (a runner that signs whatever it is given): it names A's job
    Http.Answer resigned =
        post(bUrl, captured, StackClient.callbackSignature(token(bJob), captured));
    assertThat(resigned.status()).isEqualTo(409);
    assertThat(resigned.header("Content-Type")).startsWith("application/problem+json");
    assertThat(resigned.json().path("mismatched").toString()).contains("jobId").contains("runId");
    // B's own body, but sent as another kind of callback
    String bBody =
        captured
            .replace(aJob.path("jobId").asText(), bJob.path("jobId").asText())
            .replace(aRun, bRun);
    Http.Answer otherKind =
        post(
            bUrl.replace("/sim/test?", "/sim/boot?"),
            bBody,
            StackClient.callbackSignature(token(bJob), bBody));
    assertThat(otherKind.status()).isEqualTo(409);
    assertThat(otherKind.json().path("mismatched").toString()).contains("kind");
    // a finished run's URL with another job's report
    String aUrl = aJob.path("callbackUrl").asText();
    assertThat(post(aUrl, bBody, StackClient.callbackSignature(token(aJob), bBody)).status())
        .isEqualTo(409);
    // a runner that is no runner
    assertThat(
            post(
                    bUrl.replace("/sim/test?", "/nosuch/test?"),
                    bBody,
                    StackClient.callbackSignature(token(bJob), bBody))
                .status())
        .isEqualTo(404);

    // B ends as its own runner reports it, A as it was, each owner told once
    JsonNode bFinished = gort.awaitFinished(bRun);
    assertThat(bFinished.path("outcome").asText()).isEqualTo("FAILED");
    assertThat(gort.getRun(aRun).path("outcome").asText()).isEqualTo("PASSED");
    assertThat(gort.awaitMail(b, 1)).hasSize(1);
    assertThat(gort.mailTo(a)).hasSize(1);
  }

  @Test
  void aSupersededAttemptsReportCannotSpeakForTheRetry() {
    String slug = gort.newExperiment(false);
    gort.scenario(slug, List.of("report-timeout", "fail"), 4_000);
    String runId = requestRun(slug);
    // attempt 1 reports its timeout; attempt 2 is dispatched and about to report fail
    List<JsonNode> jobs =
        await()
            .atMost(Duration.ofSeconds(30))
            .until(
                () -> gort.jobs(slug), j -> j.size() == 2 && !j.get(0).path("callback").isNull());
    JsonNode first = jobs.get(0);
    JsonNode second = jobs.get(1);
    String firstReport = first.path("callback").path("body").asText();

    // attempt 1's own report again: a duplicate, nothing more
    Http.Answer again =
        post(
            first.path("callbackUrl").asText(),
            firstReport,
            first.path("callback").path("signature").asText());
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.json().path("duplicate").asBoolean()).isTrue();
    // attempt 1's report on attempt 2's URL
    String passed = firstReport.replace("\"timeout\"", "\"passed\"");
    Http.Answer replayed =
        post(
            second.path("callbackUrl").asText(),
            passed,
            StackClient.callbackSignature(token(second), passed));
    assertThat(replayed.status()).isEqualTo(409);
    assertThat(replayed.json().path("mismatched").toString()).contains("jobId").contains("attempt");

    JsonNode finished = gort.awaitFinished(runId);
    assertThat(finished.path("outcome").asText()).isEqualTo("FAILED");
    assertThat(finished.path("attempts").asInt()).isEqualTo(2);
  }

  private static String requestRun(String slug) {
    Http.Answer requested = gort.requestRun(slug, null);
    assertThat(requested.status()).isEqualTo(202);
    return requested.json().path("id").asText();
  }

  private static Http.Answer post(String url, String body, String signature) {
    return Http.anonymous().post(url, body, Map.of("X-Gort-Signature", signature));
  }

  private static String token(JsonNode job) {
    return StackClient.tokenOf(job.path("callbackUrl").asText());
  }

  private static String withToken(String url, String token) {
    return url.substring(0, url.indexOf("&token=")) + "&token=" + token;
  }
}
