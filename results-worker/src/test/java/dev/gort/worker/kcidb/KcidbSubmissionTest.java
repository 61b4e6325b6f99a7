package dev.gort.worker.kcidb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.gort.common.event.Envelope;
import dev.gort.common.event.RunEvents.RunCompleted;
import dev.gort.common.event.RunnerStatus;
import dev.gort.common.event.Topics;
import dev.gort.common.testing.KafkaEvents;
import dev.gort.testsupport.GortTestResource;
import dev.gort.testsupport.StubHttp;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * With a submission URL configured, every report with results is submitted to KCIDB once, with the
 * bearer token, as a document the v5.3 schema accepts; a failed try is retried, a refusal is final.
 */
@QuarkusTest
@TestProfile(KcidbSubmissionTest.Submitting.class)
@QuarkusTestResource(GortTestResource.class)
@QuarkusTestResource(value = KcidbSinkPort.class, restrictToAnnotatedClass = true)
class KcidbSubmissionTest {

  /** Its own profile: the worker starts with the submission URL set. */
  public static class Submitting implements QuarkusTestProfile {}

  private static final String JUNIT =
      "<testsuite name=\"s\"><testcase name=\"a\" time=\"0.1\"/>"
          + "<testcase name=\"b\"><failure message=\"boom\"/></testcase></testsuite>";
  private static final ObjectMapper JSON = new ObjectMapper();

  private static HttpServer sink;
  private static final List<JsonNode> submitted = new CopyOnWriteArrayList<>();
  private static final List<String> tokens = new CopyOnWriteArrayList<>();
  private static final Map<String, Integer> answersByExperiment = new ConcurrentHashMap<>();

  @ConfigProperty(name = "kafka.bootstrap.servers")
  String bootstrap;

  @ConfigProperty(name = KcidbSinkPort.PORT)
  int port;

  @Inject KcidbSubmissionReader rows;

  KafkaEvents kafka;

  @BeforeEach
  void start() {
    kafka = new KafkaEvents(bootstrap);
    if (sink == null) {
      sink = StubHttp.start(port, "/", KcidbSubmissionTest::serve);
    }
  }

  @AfterEach
  void stop() {
    kafka.close();
  }

  @AfterAll
  static void stopSink() {
    if (sink != null) {
      sink.stop(0);
      sink = null;
    }
  }

  /**
   * GET /junit/…: the results; POST /submit: KCIDB, answering 503 once for experiments so marked.
   */
  private static void serve(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (exchange.getRequestMethod().equals("GET")) {
        byte[] body = JUNIT.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
        return;
      }
      JsonNode document = JSON.readTree(exchange.getRequestBody());
      submitted.add(document);
      tokens.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
      String experiment = document.at("/checkouts/0/tree_name").asText();
      int status = answersByExperiment.getOrDefault(experiment, 200);
      if (status == 503) {
        answersByExperiment.put(experiment, 200);
      }
      exchange.sendResponseHeaders(status, -1);
    }
  }

  @Test
  void aReportIsSubmittedOnceAfterAFailedTryWithTheTokenAndAValidDocument() {
    String experiment = "exp-" + UUID.randomUUID();
    answersByExperiment.put(experiment, 503);

    String runId = complete(experiment);

    KcidbSubmission row =
        await()
            .atMost(Duration.ofSeconds(30))
            .until(() -> rows.of(runId), r -> r != null && KcidbSubmission.SENT.equals(r.state));
    assertThat(row.tries).isEqualTo(2);
    List<JsonNode> mine = submittedFor(experiment);
    assertThat(mine).hasSize(2);
    assertThat(KcidbSchema.problems(mine.get(1))).isEmpty();
    assertThat(mine.get(1).path("tests")).hasSize(2);
    assertThat(tokens).contains("Bearer " + KcidbSinkPort.TOKEN);
  }

  @Test
  void aRefusalIsFinal() {
    String experiment = "exp-" + UUID.randomUUID();
    answersByExperiment.put(experiment, 400);

    String runId = complete(experiment);

    KcidbSubmission row =
        await()
            .atMost(Duration.ofSeconds(30))
            .until(() -> rows.of(runId), r -> r != null && KcidbSubmission.FAILED.equals(r.state));
    assertThat(row.tries).isEqualTo(1);
    assertThat(row.lastError).contains("400");
    assertThat(submittedFor(experiment)).hasSize(1);
  }

  private static List<JsonNode> submittedFor(String experiment) {
    return submitted.stream()
        .filter(d -> experiment.equals(d.at("/checkouts/0/tree_name").asText()))
        .toList();
  }

  private String complete(String experiment) {
    String runId = "run-" + UUID.randomUUID();
    kafka.publish(
        Topics.RUNS_STATUS,
        Envelope.of(
            "/gort/runner-gateway",
            new RunCompleted(
                runId,
                1,
                "sim",
                "sim-job-1",
                RunnerStatus.FAILED,
                "http://127.0.0.1:" + port + "/junit/" + runId,
                experiment,
                "alice"),
            Instant.now()));
    return runId;
  }

  /** Reads a run's submission row in a transaction of its own. */
  @jakarta.enterprise.context.ApplicationScoped
  static class KcidbSubmissionReader {
    @Transactional
    KcidbSubmission of(String runId) {
      return KcidbSubmission.<KcidbSubmission>find(
              "reportId in (select r.id from Report r where r.runId = ?1)", runId)
          .firstResult();
    }
  }
}
