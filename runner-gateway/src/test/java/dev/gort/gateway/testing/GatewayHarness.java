package dev.gort.gateway.testing;

import static dev.gort.gateway.testing.GatewayTestSupport.jobsAtRunner;
import static dev.gort.gateway.testing.GatewayTestSupport.newRunId;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gort.common.event.Envelope;
import dev.gort.common.event.RunEvents.RunDispatched;
import dev.gort.common.event.RunEvents.RunRequested;
import dev.gort.common.event.Topics;
import dev.gort.common.signature.HmacSignature;
import dev.gort.common.testing.KafkaEvents;
import io.restassured.response.ValidatableResponse;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * What the gateway tests do over and over: get a run dispatched to the test's runner, call back as
 * that runner, and read the gateway's tables.
 */
public final class GatewayHarness {

  public static final String SECRET = "test-sim-secret";
  public static final String SIGNATURE = "X-Gort-Signature";

  /**
   * A run handed to the test's runner: what the runner knows about it, its callback URL's attempt
   * id and secret token among it.
   */
  public record DispatchedJob(
      String runId, int attempt, String jobId, String attemptId, String token) {}

  private final KafkaEvents kafka;
  private final String runnerUrl;
  private final DataSource dataSource;

  public GatewayHarness(KafkaEvents kafka, String runnerUrl, DataSource dataSource) {
    this.kafka = kafka;
    this.runnerUrl = runnerUrl;
    this.dataSource = dataSource;
  }

  /** Requests a new run of {@code experiment} and waits until attempt 1 is dispatched. */
  public DispatchedJob dispatchedJob(String experiment, int maxAttempts) {
    String runId = newRunId();
    kafka.publish(
        Topics.RUNS_REQUESTED,
        Envelope.of(
            GatewayTestSupport.SOURCE,
            new RunRequested(
                runId, experiment, "rev-1", "alice", "alice@example.org", "sim", maxAttempts),
            Instant.now()));
    return awaitJob(runId, 1);
  }

  /** Waits until attempt {@code attempt} of {@code runId} reached the runner and was recorded. */
  public DispatchedJob awaitJob(String runId, int attempt) {
    Map<String, Object> job =
        await()
            .atMost(Duration.ofSeconds(30))
            .until(
                () ->
                    jobsAtRunner(runnerUrl, runId).stream()
                        .filter(j -> Integer.valueOf(attempt).equals(j.get("attempt")))
                        .findFirst(),
                j -> j.isPresent())
            .orElseThrow();
    URI callback = URI.create((String) job.get("callbackUrl"));
    assertThat(callback.getPath()).isEqualTo("/api/v1/callbacks/sim/test");
    assertThat(callback.getQuery()).matches("attempt=[^&]+&token=[A-Za-z0-9_-]{43}");
    // the RunDispatched is owed in the same transaction as the runner's job id: wait for it so
    // what a test later reads from the topic is only what its callbacks caused
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                kafka.events(Topics.RUNS_STATUS, runId, RunDispatched.class).stream()
                    .anyMatch(d -> d.attempt() == attempt));
    String[] query = callback.getQuery().split("&");
    return new DispatchedJob(
        runId,
        attempt,
        (String) job.get("jobId"),
        query[0].substring("attempt=".length()),
        query[1].substring("token=".length()));
  }

  public static String callbackBody(DispatchedJob job, String status) {
    return "{\"jobId\":\""
        + job.jobId()
        + "\",\"runId\":\""
        + job.runId()
        + "\",\"attempt\":"
        + job.attempt()
        + ",\"status\":\""
        + status
        + "\",\"resultsUrl\":\"http://x/r\"}";
  }

  /** Calls back for {@code job} as its runner would: signed with the runner's secret. */
  public static ValidatableResponse callBack(DispatchedJob job, String status) {
    String body = callbackBody(job, status);
    return post(job, body, sign(job, body));
  }

  /** The runner's signature of {@code body} for {@code job}'s callback URL. */
  public static String sign(DispatchedJob job, String body) {
    return HmacSignature.signCallback(SECRET, job.token(), bytes(body));
  }

  /** POSTs {@code body} to {@code job}'s callback URL with {@code signature}. */
  public static ValidatableResponse post(DispatchedJob job, String body, String signature) {
    return post("sim", "test", job.attemptId(), job.token(), body, signature);
  }

  /** POSTs {@code body} to the callback URL of runner, kind, attempt and token given. */
  public static ValidatableResponse post(
      String runner, String kind, String attemptId, String token, String body, String signature) {
    return given()
        .contentType("application/json")
        .header(SIGNATURE, signature)
        .body(bytes(body))
        .queryParam("attempt", attemptId)
        .queryParam("token", token)
        .post("/api/v1/callbacks/" + runner + "/" + kind)
        .then();
  }

  public long outboxRows(String runId, String type) {
    return number(
        "SELECT count(*) FROM gort_outbox WHERE message_key = ? AND payload LIKE '%\"type\":\""
            + type
            + "\"%'",
        runId);
  }

  public String attemptState(String attemptId) {
    return text("SELECT state FROM dispatch_attempt WHERE id = ?", attemptId);
  }

  public long number(String sql, String param) {
    return Long.parseLong(text(sql, param));
  }

  public String text(String sql, String param) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, param);
      try (ResultSet rs = s.executeQuery()) {
        assertThat(rs.next()).as("a row for %s", sql).isTrue();
        return rs.getString(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The first column of every row {@code sql} selects for {@code param}. */
  public List<String> rows(String sql, String param) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, param);
      List<String> rows = new java.util.ArrayList<>();
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          rows.add(rs.getString(1));
        }
      }
      return rows;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The jobs the runner received for {@code runId}, as {@link GatewayTestSupport} reads them. */
  public List<Map<String, Object>> jobs(String runId) {
    return jobsAtRunner(runnerUrl, runId);
  }

  public static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
