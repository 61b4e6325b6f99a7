package dev.gort.worker.evaluation;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.gort.common.event.Envelope;
import dev.gort.common.event.Outcome;
import dev.gort.common.event.RunEvents.RunCompleted;
import dev.gort.common.event.RunEvents.RunEvaluated;
import dev.gort.common.event.RunnerStatus;
import dev.gort.common.event.Topics;
import dev.gort.common.testing.KafkaEvents;
import dev.gort.testsupport.ApiTokens;
import dev.gort.testsupport.GortTestResource;
import dev.gort.testsupport.StubHttp;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Completed runs are fetched, judged and reported once, over real Kafka and PostgreSQL, with the
 * runner's results served over HTTP by the test.
 */
@QuarkusTest
@QuarkusTestResource(GortTestResource.class)
@QuarkusTestResource(ResultsServerPort.class)
class EvaluationTest {

  @BeforeEach
  void signInAsOperator() {
    ApiTokens.callAsOperator();
  }

  private static final String PASSING =
      "{\"tests\": [{\"name\": \"boots\", \"status\": \"passed\"},"
          + " {\"name\": \"answers\", \"status\": \"passed\"}]}";
  private static final String FAILING =
      "{\"tests\": [{\"name\": \"boots\", \"status\": \"passed\"},"
          + " {\"name\": \"answers\", \"status\": \"failed\", \"message\": \"expected 42\"}]}";

  /**
   * What the runner's artifact store serves: {@code /results/<pass|fail|bad|nostatus|gone>/<run
   * id>}.
   */
  private static HttpServer results;

  private static final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();

  @ConfigProperty(name = "kafka.bootstrap.servers")
  String bootstrap;

  @ConfigProperty(name = ResultsServerPort.PORT)
  int resultsPort;

  @Inject DataSource dataSource;

  KafkaEvents kafka;

  @AfterAll
  static void stopResultsServer() {
    if (results != null) {
      results.stop(0);
    }
  }

  private static void serveResults(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      requests.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
      String kind = path.split("/")[2];
      String body =
          switch (kind) {
            case "pass" -> PASSING;
            case "fail" -> FAILING;
            case "bad" -> "{\"tests\": [{\"name\": \"boots\", \"status\": ";
            case "nostatus" -> "{\"tests\": [{\"name\": \"boots\"}]}";
            default -> null;
          };
      if (body == null) {
        exchange.sendResponseHeaders(404, -1);
        return;
      }
      StubHttp.respondJson(exchange, 200, body.getBytes(StandardCharsets.UTF_8));
    }
  }

  @BeforeEach
  void connect() {
    kafka = new KafkaEvents(bootstrap);
    if (results == null) {
      // on the port the outbound guard was told to allow
      results = StubHttp.start(resultsPort, "/results/", EvaluationTest::serveResults);
    }
  }

  @AfterEach
  void disconnect() {
    kafka.close();
  }

  @Test
  void passedResultsAreEvaluatedOnceAndReported() {
    String runId = newRunId();

    kafka.publish(
        Topics.RUNS_STATUS, completed(runId, RunnerStatus.PASSED, resultsPath("pass", runId)));

    RunEvaluated evaluated = awaitEvaluated(runId);
    assertThat(evaluated.outcome()).isEqualTo(Outcome.PASSED);
    assertThat(evaluated.summary()).isEqualTo("2 of 2 tests passed");
    assertThat(evaluated.reportId()).isNotBlank();
    assertThat(requestsFor(resultsPath("pass", runId))).isEqualTo(1);
    assertThat(outboxRows(runId)).isEqualTo(1);

    given()
        .queryParam("run", runId)
        .get("/api/v1/reports")
        .then()
        .statusCode(200)
        .body("value", hasSize(1))
        .body("value[0].id", equalTo(evaluated.reportId()))
        .body("value[0].run", equalTo(runId))
        .body("value[0].attempt", equalTo(1))
        .body("value[0].runner", equalTo("sim"))
        .body("value[0].outcome", equalTo("PASSED"))
        .body("value[0].summary", equalTo("2 of 2 tests passed"))
        .body("value[0].format", equalTo("gort"))
        .body("value[0].counts.total", equalTo(2))
        .body("value[0].counts.passed", equalTo(2));
    given()
        .get("/api/v1/reports/{id}", evaluated.reportId())
        .then()
        .statusCode(200)
        .body("report.run", equalTo(runId))
        .body("suites", hasSize(1))
        .body("suites[0].total", equalTo(2))
        .body("links.tests", equalTo("/api/v1/reports/" + evaluated.reportId() + "/tests"));
    given()
        .get("/api/v1/reports/{id}/tests", evaluated.reportId())
        .then()
        .statusCode(200)
        .body("value.name", org.hamcrest.Matchers.contains("boots", "answers"))
        .body("value.status", org.hamcrest.Matchers.contains("PASSED", "PASSED"));
  }

  @Test
  void failedTestMakesTheRunFailedAndIsNamed() {
    String runId = newRunId();

    kafka.publish(
        Topics.RUNS_STATUS, completed(runId, RunnerStatus.FAILED, resultsPath("fail", runId)));

    RunEvaluated evaluated = awaitEvaluated(runId);
    assertThat(evaluated.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(evaluated.summary()).isEqualTo("1 of 2 tests failed: answers");
  }

  @Test
  void unprocessableResultsAreTriedTwiceThenAnInfrastructureFailure() {
    String runId = newRunId();

    kafka.publish(
        Topics.RUNS_STATUS, completed(runId, RunnerStatus.PASSED, resultsPath("bad", runId)));

    RunEvaluated evaluated = awaitEvaluated(runId);
    assertThat(evaluated.outcome()).isEqualTo(Outcome.INFRA_FAILED);
    assertThat(evaluated.summary()).contains("not JSON");
    assertThat(requestsFor(resultsPath("bad", runId))).isEqualTo(2);
    given()
        .queryParam("run", runId)
        .get("/api/v1/reports")
        .then()
        .statusCode(200)
        .body("value[0].outcome", equalTo("INFRA_FAILED"));
  }

  @Test
  void resultsUrlThatAnswersNotFoundIsAnInfrastructureFailure() {
    String runId = newRunId();

    kafka.publish(
        Topics.RUNS_STATUS, completed(runId, RunnerStatus.PASSED, resultsPath("gone", runId)));

    RunEvaluated evaluated = awaitEvaluated(runId);
    assertThat(evaluated.outcome()).isEqualTo(Outcome.INFRA_FAILED);
    assertThat(evaluated.summary())
        .as("the status is in the log only")
        .isEqualTo("results could not be processed: results could not be fetched from 127.0.0.1");
    assertThat(requestsFor(resultsPath("gone", runId))).isEqualTo(2);
  }

  @Test
  void resultsUrlOnARefusedAddressIsAnInfrastructureFailureWithoutAConnection() throws IOException {
    // loopback, but not the allow-listed port: a runner must not make the worker reach it
    try (ServerSocket internal = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
      String runId = newRunId();
      String url = "http://127.0.0.1:" + internal.getLocalPort() + "/admin/" + runId;

      kafka.publish(
          Topics.RUNS_STATUS,
          Envelope.of(
              "/gort/runner-gateway",
              new RunCompleted(
                  runId, 1, "sim", "sim-job-1", RunnerStatus.PASSED, url, "exp-w", "alice"),
              Instant.now()));

      RunEvaluated evaluated = awaitEvaluated(runId);
      assertThat(evaluated.outcome()).isEqualTo(Outcome.INFRA_FAILED);
      assertThat(evaluated.summary())
          .isEqualTo("results could not be processed: results could not be fetched from 127.0.0.1");
      // both tries are over: a connection either of them made would be waiting to be accepted
      internal.setSoTimeout(200);
      assertThatThrownBy(internal::accept)
          .as("no connection was made")
          .isInstanceOf(SocketTimeoutException.class);
    }
  }

  @Test
  void resultsWithATestWithoutStatusAreAnInfrastructureFailure() {
    String runId = newRunId();

    kafka.publish(
        Topics.RUNS_STATUS, completed(runId, RunnerStatus.PASSED, resultsPath("nostatus", runId)));

    RunEvaluated evaluated = awaitEvaluated(runId);
    assertThat(evaluated.outcome()).isEqualTo(Outcome.INFRA_FAILED);
    assertThat(requestsFor(resultsPath("nostatus", runId))).isEqualTo(2);
  }

  @Test
  void resultsUrlWithoutHostIsAnInfrastructureFailure() {
    String runId = newRunId();
    Envelope event =
        Envelope.of(
            "/gort/runner-gateway",
            new RunCompleted(
                runId, 1, "sim", "sim-job-1", RunnerStatus.PASSED, "http:///r", "exp-w", "alice"),
            Instant.now());

    kafka.publish(Topics.RUNS_STATUS, event);

    RunEvaluated evaluated = awaitEvaluated(runId);
    assertThat(evaluated.outcome()).isEqualTo(Outcome.INFRA_FAILED);
    assertThat(evaluated.summary())
        .isEqualTo(
            "results could not be processed: results could not be fetched from an unusable URL");
  }

  @Test
  void runnerReportedTimeoutIsTimedOutWithoutFetchingResults() {
    String runId = newRunId();

    kafka.publish(
        Topics.RUNS_STATUS, completed(runId, RunnerStatus.TIMEOUT, resultsPath("pass", runId)));

    RunEvaluated evaluated = awaitEvaluated(runId);
    assertThat(evaluated.outcome()).isEqualTo(Outcome.TIMED_OUT);
    assertThat(requestsFor(resultsPath("pass", runId))).isZero();
  }

  @Test
  void sameRunCompletedDeliveredTwiceIsEvaluatedOnce() {
    String runId = newRunId();
    Envelope event = completed(runId, RunnerStatus.PASSED, resultsPath("pass", runId));

    RecordMetadata first = kafka.publish(Topics.RUNS_STATUS, event);
    RecordMetadata second = kafka.publish(Topics.RUNS_STATUS, event);

    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> kafka.consumed("results-worker", first, second));
    awaitEvaluated(runId);
    // both deliveries are processed and the one event owed is on Kafka: nothing else can follow
    assertThat(outboxRows(runId)).isEqualTo(1);
    assertThat(kafka.events(Topics.RESULTS_EVALUATED, runId, RunEvaluated.class)).hasSize(1);
    assertThat(requestsFor(resultsPath("pass", runId)))
        .as("the redelivery is recognised before the results are fetched again")
        .isEqualTo(1);
    assertThat(kafka.values(Topics.deadLetter("results-worker"), runId)).isEmpty();
  }

  @Test
  void anEventThatCannotBeDecodedIsDeadLetteredAndLaterRunsAreStillEvaluated() {
    String runId = newRunId();

    kafka.publishRaw(Topics.RUNS_STATUS, runId, "<<not an event>>");
    kafka.publish(
        Topics.RUNS_STATUS, completed(runId, RunnerStatus.PASSED, resultsPath("pass", runId)));

    assertThat(awaitEvaluated(runId).outcome()).isEqualTo(Outcome.PASSED);
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(kafka.values(Topics.deadLetter("results-worker"), runId))
                    .containsExactly("<<not an event>>"));
  }

  @Test
  void aRunCompletedPublishedAgainGetsTheVerdictAgainWithoutASecondEvaluation() {
    String runId = newRunId();
    kafka.publish(
        Topics.RUNS_STATUS, completed(runId, RunnerStatus.PASSED, resultsPath("fail", runId)));
    RunEvaluated first = awaitEvaluated(runId);

    // the gateway, asked again by the stall detector, publishes the report anew (a new event)
    kafka.publish(
        Topics.RUNS_STATUS, completed(runId, RunnerStatus.PASSED, resultsPath("fail", runId)));

    List<RunEvaluated> verdicts =
        await()
            .atMost(Duration.ofSeconds(30))
            .until(
                () -> kafka.events(Topics.RESULTS_EVALUATED, runId, RunEvaluated.class),
                e -> e.size() == 2);
    assertThat(verdicts.get(1)).isEqualTo(first);
    assertThat(requestsFor(resultsPath("fail", runId))).as("not fetched again").isEqualTo(1);
  }

  @Test
  void anOwnerReadsOnlyTheReportsOfItsOwnRuns() {
    String runId = newRunId();
    kafka.publish(
        Topics.RUNS_STATUS, completed(runId, RunnerStatus.PASSED, resultsPath("pass", runId)));
    String reportId = awaitEvaluated(runId).reportId();

    ApiTokens.as("alice", "owner").get("/api/v1/reports/" + reportId).then().statusCode(200);
    ApiTokens.as("bob", "owner")
        .get("/api/v1/reports/" + reportId)
        .then()
        .statusCode(404)
        .contentType("application/problem+json");
    assertThat(
            ApiTokens.as("bob", "owner")
                .get("/api/v1/reports?run=" + runId)
                .then()
                .extract()
                .<List<?>>path("value"))
        .isEmpty();
    ApiTokens.anonymous().get("/api/v1/reports/" + reportId).then().statusCode(401);
  }

  @Test
  void evaluatedEventContinuesTheTraceOfTheCallback() {
    String runId = newRunId();
    Envelope event = completed(runId, RunnerStatus.PASSED, resultsPath("pass", runId));

    kafka.publish(Topics.RUNS_STATUS, event);

    awaitEvaluated(runId);
    Envelope evaluated = kafka.envelopes(Topics.RESULTS_EVALUATED, runId).get(0);
    assertThat(evaluated.type()).isEqualTo("dev.gort.run.evaluated.v1");
    assertThat(evaluated.source()).isEqualTo(EvaluationService.SOURCE);
    assertThat(evaluated.traceparent().substring(3, 35))
        .isEqualTo(event.traceparent().substring(3, 35));
  }

  private RunEvaluated awaitEvaluated(String runId) {
    List<RunEvaluated> evaluated =
        await()
            .atMost(Duration.ofSeconds(30))
            .until(
                () -> kafka.events(Topics.RESULTS_EVALUATED, runId, RunEvaluated.class),
                e -> !e.isEmpty());
    assertThat(evaluated).hasSize(1);
    assertThat(evaluated.get(0).runId()).isEqualTo(runId);
    return evaluated.get(0);
  }

  private static String newRunId() {
    return "run-" + UUID.randomUUID();
  }

  private static String resultsPath(String kind, String runId) {
    return "/results/" + kind + "/" + runId;
  }

  private static int requestsFor(String path) {
    AtomicInteger n = requests.get(path);
    return n == null ? 0 : n.get();
  }

  private static Envelope completed(String runId, RunnerStatus status, String resultsPath) {
    String url = StubHttp.baseUrl(results) + resultsPath;
    return Envelope.of(
        "/gort/runner-gateway",
        new RunCompleted(runId, 1, "sim", "sim-job-1", status, url, "exp-w", "alice"),
        Instant.now());
  }

  private long outboxRows(String runId) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "SELECT count(*) FROM gort_outbox WHERE message_key = ? AND topic = ?")) {
      s.setString(1, runId);
      s.setString(2, Topics.RESULTS_EVALUATED);
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
