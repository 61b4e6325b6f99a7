package dev.gort.worker.report;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.gort.common.event.Envelope;
import dev.gort.common.event.RunEvents.RunCompleted;
import dev.gort.common.event.RunnerStatus;
import dev.gort.common.event.Topics;
import dev.gort.common.testing.KafkaEvents;
import dev.gort.testsupport.ApiTokens;
import dev.gort.testsupport.GortTestResource;
import dev.gort.testsupport.StubHttp;
import dev.gort.worker.evaluation.ResultsServerPort;
import dev.gort.worker.kcidb.KcidbSchema;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The reports API over a JUnit report evaluated for real (Kafka, PostgreSQL, the results served
 * over HTTP): seed 003's filters, suites, test cases by status, one case with its output, the KCIDB
 * export, and owner scoping on each.
 */
@QuarkusTest
@QuarkusTestResource(GortTestResource.class)
@QuarkusTestResource(ResultsServerPort.class)
class ReportApiTest {

  private static final String JUNIT =
      """
      <?xml version="1.0" encoding="UTF-8"?>
      <testsuites>
        <testsuite name="org.example.LedgerTest" tests="3" failures="1" skipped="1">
          <testcase name="sums" classname="org.example.LedgerTest" time="0.012"/>
          <testcase name="refunds" classname="org.example.LedgerTest" time="0.020">
            <failure message="expected 2 but was 3" type="AssertionError">at Ledger.refund</failure>
            <system-out>refund 1 applied twice</system-out>
          </testcase>
          <testcase name="converts" classname="org.example.LedgerTest">
            <skipped message="no rates offline"/>
          </testcase>
        </testsuite>
        <testsuite name="org.example.ClockTest" tests="1">
          <testcase name="ticks" classname="org.example.ClockTest" time="1.5"/>
        </testsuite>
      </testsuites>
      """;

  private static HttpServer results;

  @ConfigProperty(name = "kafka.bootstrap.servers")
  String bootstrap;

  @ConfigProperty(name = "gort.test.results-port")
  int resultsPort;

  KafkaEvents kafka;

  @BeforeEach
  void start() {
    ApiTokens.callAsOperator();
    kafka = new KafkaEvents(bootstrap);
    if (results == null) {
      results =
          StubHttp.start(
              resultsPort,
              "/junit/",
              exchange -> {
                try (exchange) {
                  byte[] body = JUNIT.getBytes(StandardCharsets.UTF_8);
                  exchange.getResponseHeaders().add("Content-Type", "application/xml");
                  exchange.sendResponseHeaders(200, body.length);
                  exchange.getResponseBody().write(body);
                }
              });
    }
  }

  @AfterEach
  void stop() {
    kafka.close();
  }

  @AfterAll
  static void stopResults() {
    if (results != null) {
      results.stop(0);
      results = null;
    }
  }

  @Test
  void aJunitReportHasItsCountsSuitesFailuresAndTestCases() {
    String reportId = evaluated("exp-ledger");

    given()
        .get("/api/v1/reports/{id}", reportId)
        .then()
        .statusCode(200)
        .body("report.outcome", equalTo("FAILED"))
        .body("report.format", equalTo("junit"))
        .body(
            "report.summary",
            equalTo("1 of 4 tests failed: org.example.LedgerTest/refunds, 1 skipped"))
        .body("report.counts.total", equalTo(4))
        .body("report.counts.failed", equalTo(1))
        .body("report.counts.skipped", equalTo(1))
        .body("report.durationMs", equalTo(1532))
        .body("suites.name", contains("org.example.ClockTest", "org.example.LedgerTest"))
        .body("suites[1].total", equalTo(3))
        .body("failures[0].name", equalTo("refunds"))
        .body("failures[0].message", containsString("expected 2 but was 3"));

    given()
        .queryParam("status", "failed,skipped")
        .get("/api/v1/reports/{id}/tests", reportId)
        .then()
        .statusCode(200)
        .body("value.name", contains("refunds", "converts"))
        .body("value.status", contains("FAILED", "SKIPPED"));
    int seq =
        given()
            .queryParam("status", "failed")
            .get("/api/v1/reports/{id}/tests", reportId)
            .then()
            .extract()
            .path("value[0].seq");
    given()
        .get("/api/v1/reports/{id}/tests/{seq}", reportId, seq)
        .then()
        .statusCode(200)
        .body("output", equalTo("refund 1 applied twice"));
    given()
        .queryParam("$top", 1)
        .get("/api/v1/reports/{id}/tests", reportId)
        .then()
        .body("value", hasSize(1))
        .body("nextLink", containsString("$skip=1"));
  }

  @Test
  void theReportsListFiltersByExperimentAndOutcome() {
    String experiment = "exp-" + UUID.randomUUID();
    String reportId = evaluated(experiment);

    given()
        .queryParam("experiment", experiment)
        .queryParam("status", "failed")
        .get("/api/v1/reports")
        .then()
        .statusCode(200)
        .body("value.id", contains(reportId));
    given()
        .queryParam("experiment", experiment)
        .queryParam("status", "PASSED")
        .get("/api/v1/reports")
        .then()
        .statusCode(200)
        .body("value", hasSize(0));
  }

  @Test
  void anUnknownStatusIsABadRequestNamingTheChoices() {
    String reportId = evaluated("exp-bad-filter");

    given()
        .queryParam("status", "exploded")
        .get("/api/v1/reports")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("detail", containsString("PASSED"));
    given()
        .queryParam("status", "failed,exploded")
        .get("/api/v1/reports/{id}/tests", reportId)
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("detail", containsString("missed"));
    given().get("/api/v1/reports/{id}/tests/x", reportId).then().statusCode(404);
  }

  @Test
  void theKcidbExportValidatesAgainstTheSchema() throws Exception {
    String reportId = evaluated("exp-kcidb");

    String body =
        given()
            .get("/api/v1/reports/{id}/kcidb", reportId)
            .then()
            .statusCode(200)
            .contentType("application/json")
            .extract()
            .asString();

    JsonNode kcidb = new ObjectMapper().readTree(body);
    assertThat(KcidbSchema.problems(kcidb)).isEmpty();
    assertThat(kcidb.path("tests")).hasSize(4);
    assertThat(kcidb.path("tests").findValuesAsText("path"))
        .contains("org.example.LedgerTest.refunds", "org.example.ClockTest.ticks");
  }

  @Test
  void anotherOwnersReportIsNotFoundOnEveryPath() {
    String reportId = evaluated("exp-scoped");

    ApiTokens.as("alice", "owner")
        .get("/api/v1/reports/{id}/tests", reportId)
        .then()
        .statusCode(200);
    for (String path : new String[] {"", "/tests", "/tests/1", "/kcidb"}) {
      ApiTokens.as("bob", "owner")
          .get("/api/v1/reports/" + reportId + path)
          .then()
          .statusCode(404)
          .contentType("application/problem+json");
    }
    ApiTokens.as("bob", "owner")
        .queryParam("experiment", "exp-scoped")
        .get("/api/v1/reports")
        .then()
        .body("value.id", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem(reportId)));
  }

  /** A run of {@code experiment} (owner alice) that ended with the JUnit report; its report id. */
  private String evaluated(String experiment) {
    String runId = "run-" + UUID.randomUUID();
    String url = StubHttp.baseUrl(results) + "/junit/" + runId;
    kafka.publish(
        Topics.RUNS_STATUS,
        Envelope.of(
            "/gort/runner-gateway",
            new RunCompleted(
                runId, 1, "sim", "sim-job-1", RunnerStatus.FAILED, url, experiment, "alice"),
            Instant.now()));
    return await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                given()
                    .queryParam("run", runId)
                    .get("/api/v1/reports")
                    .then()
                    .extract()
                    .<String>path("value[0].id"),
            id -> id != null);
  }
}
