package dev.gort.gateway.runner.local;

import static dev.gort.gateway.runner.local.FakeAgent.Answer.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gort.common.event.RunnerStatus;
import dev.gort.common.signature.HmacSignature;
import dev.gort.gateway.runner.CallbackRejectedException;
import dev.gort.gateway.runner.CallbackRequest;
import dev.gort.gateway.runner.CallbackStyle;
import dev.gort.gateway.runner.DispatchRequest;
import dev.gort.gateway.runner.InvalidSettingsException;
import dev.gort.gateway.runner.JobRejectedException;
import dev.gort.gateway.runner.RunKind;
import dev.gort.gateway.runner.RunnerJob;
import dev.gort.gateway.runner.RunnerJobStatus;
import dev.gort.gateway.runner.RunnerRateLimitedException;
import dev.gort.gateway.runner.RunnerRefusedException;
import dev.gort.gateway.runner.RunnerReport;
import dev.gort.gateway.runner.RunnerUnavailableException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The runner against a JDK HTTP server that answers as the local runner agent does. */
class LocalRunnerTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SECRET = "test-local-secret";
  private static final Instant NOW = Instant.parse("2026-12-02T06:00:00Z");

  private FakeAgent agent;
  private LocalRunner runner;

  record Config(
      String url,
      Optional<String> token,
      Optional<String> secret,
      Duration defaultTimeout,
      Duration maxTimeout,
      Duration connectTimeout,
      Duration readTimeout)
      implements LocalRunnerConfig {}

  static Config config(String url, Optional<String> token, Optional<String> secret) {
    return new Config(
        url,
        token,
        secret,
        Duration.ofMinutes(30),
        Duration.ofHours(6),
        Duration.ofSeconds(1),
        Duration.ofSeconds(2));
  }

  @BeforeEach
  void start() {
    agent = FakeAgent.start();
    runner =
        new LocalRunner(
            config(agent.url(), Optional.of("test-local-token"), Optional.of(SECRET)),
            Clock.fixed(NOW, ZoneOffset.UTC));
  }

  @AfterEach
  void stop() {
    agent.close();
  }

  @Test
  void isPerJobForTestsAndBuildsAndUnconfiguredWithoutTokenOrSecret() {
    assertThat(runner.code()).isEqualTo("local");
    assertThat(runner.kinds()).containsExactlyInAnyOrder(RunKind.TEST, RunKind.BUILD);
    assertThat(runner.callbackStyle()).isEqualTo(CallbackStyle.PER_JOB);
    assertThat(runner.unconfiguredReason()).isEmpty();
    LocalRunner bare =
        new LocalRunner(config(agent.url(), Optional.empty(), Optional.of("")), Clock.systemUTC());
    assertThat(bare.unconfiguredReason().orElseThrow())
        .contains("GORT_LOCAL_RUNNER_TOKEN")
        .contains("GORT_LOCAL_RUNNER_SECRET");
  }

  @Test
  void settingsAreCheckedWithTheDefaultTimeout() {
    Map<String, Object> checked =
        runner.checkSettings(
            RunKind.TEST,
            Map.of("commands", List.of("make test"), "env", Map.of("SUITE", "smoke")));
    assertThat(checked)
        .containsEntry("commands", List.of("make test"))
        .containsEntry("env", Map.of("SUITE", "smoke"))
        .containsEntry("timeout", "PT30M");
    assertThat(
            runner.checkSettings(
                RunKind.BUILD,
                Map.of(
                    "commands",
                    List.of("make"),
                    "timeout",
                    "PT2M",
                    "image",
                    "alpine:3.20",
                    "workdir",
                    "src/")))
        .containsEntry("timeout", "PT2M")
        .containsEntry("image", "alpine:3.20")
        .containsEntry("workdir", "src");
  }

  @Test
  void badSettingsAreRefusedNamingTheSetting() {
    List<Map<String, Object>> bad =
        List.of(
            Map.of(),
            Map.of("commands", List.of()),
            Map.of("commands", "make test"),
            Map.of("commands", List.of(" ")),
            Map.of("commands", List.of("true"), "colour", "red"),
            Map.of("commands", List.of("true"), "timeout", "P7D"),
            Map.of("commands", List.of("true"), "timeout", "soon"),
            Map.of("commands", List.of("true"), "env", Map.of("GORT_X", "1")),
            Map.of("commands", List.of("true"), "env", Map.of("A", 1)),
            Map.of("commands", List.of("true"), "workdir", "../up"),
            Map.of("commands", List.of("true"), "workdir", "/abs"),
            Map.of("commands", List.of("true"), "image", "a b"));
    for (Map<String, Object> settings : bad) {
      assertThatThrownBy(() -> runner.checkSettings(RunKind.TEST, settings))
          .as("%s", settings)
          .isInstanceOf(InvalidSettingsException.class);
    }
    assertThatThrownBy(
            () -> runner.checkSettings(RunKind.BOOT, Map.of("commands", List.of("true"))))
        .isInstanceOf(InvalidSettingsException.class)
        .hasMessageContaining("not boot");
  }

  @Test
  void dispatchSendsTheJobWithTheTokenAndTheAttemptIdAsIdempotencyKey() throws Exception {
    agent.on("POST", "/api/v1/jobs", json(201, "{\"jobId\":\"job-1\",\"status\":\"running\"}"));

    assertThat(runner.dispatch(request(false))).isEqualTo("job-1");

    FakeAgent.Request sent = agent.requests().get(0);
    assertThat(sent.authorization()).isEqualTo("Bearer test-local-token");
    JsonNode body = JSON.readTree(sent.body());
    assertThat(body.get("attemptId").asText()).isEqualTo("att-1");
    assertThat(body.get("runId").asText()).isEqualTo("run-7");
    assertThat(body.get("attempt").asInt()).isEqualTo(2);
    assertThat(body.get("kind").asText()).isEqualTo("test");
    assertThat(body.get("callbackUrl").asText())
        .isEqualTo("http://gateway.test/api/v1/callbacks/local/test?attempt=att-1&token=tok");
    assertThat(body.get("commands").get(0).asText()).isEqualTo("make test");
    assertThat(body.get("timeout").asText()).isEqualTo("PT30M");

    // a hand-over tried again: the agent answers with the job the attempt id already has
    agent.on("POST", "/api/v1/jobs", json(200, "{\"jobId\":\"job-1\",\"status\":\"running\"}"));
    assertThat(runner.dispatch(request(true))).isEqualTo("job-1");
  }

  @Test
  void aJobTheAgentRefusesAsInvalidEndsTheAttempt() {
    agent.on(
        "POST",
        "/api/v1/jobs",
        json(400, "{\"status\":400,\"detail\":\"callbackUrl is not on the configured gateway\"}"));
    assertThatThrownBy(() -> runner.dispatch(request(false)))
        .isInstanceOf(JobRejectedException.class)
        .hasMessageContaining("400")
        .hasMessageContaining("callbackUrl is not on the configured gateway");
  }

  @Test
  void aBusyAgentAsksToWaitAndADownOneIsTriedAgain() {
    agent.on(
        "POST",
        "/api/v1/jobs",
        new FakeAgent.Answer(429, "{\"status\":429}", Map.of("Retry-After", "7")));
    assertThatThrownBy(() -> runner.dispatch(request(false)))
        .isInstanceOfSatisfying(
            RunnerRateLimitedException.class,
            e -> assertThat(e.retryAt()).isEqualTo(NOW.plusSeconds(7)));

    agent.on("POST", "/api/v1/jobs", json(503, ""));
    assertThatThrownBy(() -> runner.dispatch(request(false)))
        .isInstanceOf(RunnerUnavailableException.class)
        .isNotInstanceOf(RunnerRateLimitedException.class);

    agent.close();
    assertThatThrownBy(() -> runner.dispatch(request(false)))
        .isInstanceOf(RunnerUnavailableException.class);
  }

  @Test
  void cancelHaltsARunningJobAndAnEndedOrUnknownOneCountsAsHalted() {
    agent.on(
        "POST",
        "/api/v1/jobs/job-1/cancel",
        json(202, "{\"jobId\":\"job-1\",\"status\":\"running\"}"));
    assertThat(runner.cancel(job("job-1"))).contains("cancelled at the runner");
    agent.on(
        "POST",
        "/api/v1/jobs/job-1/cancel",
        json(200, "{\"jobId\":\"job-1\",\"status\":\"finished\",\"outcome\":\"passed\"}"));
    assertThat(runner.cancel(job("job-1"))).contains("already ended (passed)");
    assertThat(runner.cancel(job("job-9"))).contains("404");
    agent.on("POST", "/api/v1/jobs/job-1/cancel", json(401, "{}"));
    assertThatThrownBy(() -> runner.cancel(job("job-1")))
        .isInstanceOf(RunnerRefusedException.class);
  }

  @Test
  void aStatusPollSaysRunningOrRecoversTheOutcome() {
    agent.on(
        "GET", "/api/v1/jobs/job-1", json(200, "{\"jobId\":\"job-1\",\"status\":\"running\"}"));
    assertThat(runner.status(job("job-1")).finished()).isFalse();

    agent.on(
        "GET",
        "/api/v1/jobs/job-1",
        json(
            200,
            "{\"jobId\":\"job-1\",\"status\":\"finished\",\"outcome\":\"failed\",\"detail\":\"command 2 exited with 3\",\"resultsUrl\":\"http://127.0.0.1:8086/api/v1/jobs/job-1/results?read=r\"}"));
    RunnerJobStatus finished = runner.status(job("job-1"));
    assertThat(finished.finished()).isTrue();
    RunnerReport report = finished.report();
    assertThat(report.jobId()).isEqualTo("job-1");
    assertThat(report.outcome()).isEqualTo(RunnerStatus.FAILED);
    assertThat(report.resultsUrl()).endsWith("/results?read=r");
    assertThat(report.detail()).isEqualTo("command 2 exited with 3");

    assertThat(runner.status(job("job-9")).finished()).isFalse();
    agent.on("GET", "/api/v1/jobs/job-1", json(500, ""));
    assertThatThrownBy(() -> runner.status(job("job-1")))
        .isInstanceOf(RunnerUnavailableException.class);
  }

  @Test
  void aStatusPollRecoversTheJobsExitCodeWhereItSaysOne() {
    String finished =
        "{\"jobId\":\"job-1\",\"status\":\"finished\",\"outcome\":\"failed\",\"exitCode\":%s}";
    agent.on("GET", "/api/v1/jobs/job-1", json(200, String.format(finished, "3")));
    assertThat(runner.status(job("job-1")).report().exitCode()).isEqualTo(3);

    for (String none : new String[] {"null", "\"3\"", "3.5"}) {
      agent.on("GET", "/api/v1/jobs/job-1", json(200, String.format(finished, none)));
      assertThat(runner.status(job("job-1")).report().exitCode()).isNull();
    }
  }

  @Test
  void aCallbackSignedOverTokenAndBodyVerifies() {
    byte[] body = callback("passed");
    RunnerReport report =
        runner.verify(request(body, "tok", HmacSignature.signCallback(SECRET, "tok", body)));
    assertThat(report.jobId()).isEqualTo("job-1");
    assertThat(report.outcome()).isEqualTo(RunnerStatus.PASSED);
    assertThat(report.runId()).isEqualTo("run-7");
    assertThat(report.attempt()).isEqualTo(2);
    assertThat(report.detail()).isEqualTo("all 1 commands exited with 0");
  }

  @Test
  void aForgedOrMissingSignatureIs401() {
    byte[] body = callback("passed");
    for (String signature :
        new String[] {
          null,
          "sha256=00",
          HmacSignature.sign(SECRET, body),
          HmacSignature.signCallback(SECRET, "another-token", body),
          HmacSignature.signCallback("another-secret", "tok", body)
        }) {
      assertThatThrownBy(() -> runner.verify(request(body, "tok", signature)))
          .isInstanceOfSatisfying(
              CallbackRejectedException.class, e -> assertThat(e.status()).isEqualTo(401));
    }
    LocalRunner bare =
        new LocalRunner(config(agent.url(), Optional.of("t"), Optional.empty()), Clock.systemUTC());
    assertThatThrownBy(
            () ->
                bare.verify(request(body, "tok", HmacSignature.signCallback(SECRET, "tok", body))))
        .isInstanceOf(CallbackRejectedException.class);
  }

  @Test
  void aSignedButMalformedCallbackIs400() {
    for (byte[] body :
        new byte[][] {
          "{not json".getBytes(StandardCharsets.UTF_8),
          new byte[0],
          callback("exploded"),
          "{\"status\":\"passed\"}".getBytes(StandardCharsets.UTF_8)
        }) {
      assertThatThrownBy(
              () ->
                  runner.verify(
                      request(body, "tok", HmacSignature.signCallback(SECRET, "tok", body))))
          .isInstanceOfSatisfying(
              CallbackRejectedException.class, e -> assertThat(e.status()).isEqualTo(400));
    }
  }

  private static byte[] callback(String status) {
    return ("{\"jobId\":\"job-1\",\"runId\":\"run-7\",\"attempt\":2,\"status\":\""
            + status
            + "\",\"resultsUrl\":\"http://127.0.0.1:8086/api/v1/jobs/job-1/results?read=r\",\"detail\":\"all 1 commands exited with 0\"}")
        .getBytes(StandardCharsets.UTF_8);
  }

  private static CallbackRequest request(byte[] body, String token, String signature) {
    return new CallbackRequest(
        signature == null ? Map.of() : Map.of("X-Gort-Signature", List.of(signature)),
        body,
        "att-1",
        token);
  }

  private DispatchRequest request(boolean handedOverBefore) {
    return new DispatchRequest(
        "att-1",
        "run-7",
        2,
        "demo",
        "r1",
        RunKind.TEST,
        "http://gateway.test/api/v1/callbacks/local/test?attempt=att-1&token=tok",
        runner.checkSettings(RunKind.TEST, Map.of("commands", List.of("make test"))),
        handedOverBefore);
  }

  private static RunnerJob job(String id) {
    return new RunnerJob(id, RunKind.TEST, Map.of("commands", List.of("make test")));
  }
}
