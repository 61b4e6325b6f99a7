package dev.gort.simulators.runner;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gort.simulators.CallbackReceiver;
import dev.gort.simulators.SmtpPortResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A scenario's own results document, served in place of the built-in one, and results-late. */
@QuarkusTest
@WithTestResource(SmtpPortResource.class)
class ScenarioResultsTest {

  /** The Surefire report the local stack ships (the tests run in the module's directory). */
  private static final Path SUREFIRE_REPORT =
      Path.of("../deploy/local/results/TEST-org.example.ledger.LedgerTest.xml");

  private static final String TAP = "1..2\nok 1 - boots\nnot ok 2 - enrols a client\n";
  private static final ObjectMapper JSON = new ObjectMapper();

  private CallbackReceiver receiver;
  private String experiment;

  @BeforeEach
  void start() {
    receiver = CallbackReceiver.start();
    experiment = "res-" + UUID.randomUUID().toString().substring(0, 8);
  }

  @AfterEach
  void stop() {
    receiver.close();
  }

  @Test
  void passingAttemptServesTheScenariosJunitDocumentAsXml() throws IOException {
    String report = Files.readString(SUREFIRE_REPORT, StandardCharsets.UTF_8);
    int bytes = report.getBytes(StandardCharsets.UTF_8).length;
    put(List.of("pass"), results("junit", report))
        .statusCode(200)
        .body("attempts", equalTo(List.of("pass")))
        .body("results.format", equalTo("junit"))
        .body("results.bytes", equalTo(bytes))
        .body("results.body", nullValue());
    String jobId = dispatch(1);
    await().atMost(Duration.ofSeconds(10)).until(() -> receiver.received().size() == 1);
    assertThat(JSON.readTree(receiver.received().get(0).body()).get("status").asText())
        .isEqualTo("passed");

    byte[] served =
        given()
            .get("/runners/sim/jobs/{id}/results", jobId)
            .then()
            .statusCode(200)
            .contentType(equalTo("application/xml"))
            .extract()
            .asByteArray();

    assertThat(new String(served, StandardCharsets.UTF_8)).isEqualTo(report);
    given()
        .get("/sim/runners/sim/scenarios/{e}", experiment)
        .then()
        .body("results.format", equalTo("junit"))
        .body("results.bytes", equalTo(bytes));
  }

  @Test
  void failingAttemptServesTheDocumentInItsFormatsTypeAndOtherEndsKeepTheirs() {
    put(List.of("fail", "bad-results", "infra-failure"), results("tap", TAP)).statusCode(200);
    String failed = dispatch(1);
    String garbled = dispatch(2);
    String infra = dispatch(3);

    String served =
        given()
            .get("/runners/sim/jobs/{id}/results", failed)
            .then()
            .statusCode(200)
            .contentType(equalTo("text/plain; charset=utf-8"))
            .extract()
            .asString();
    assertThat(served).isEqualTo(TAP);
    assertThat(given().get("/runners/sim/jobs/{id}/results", garbled).then().extract().asString())
        .isEqualTo("<<not json>>");
    given().get("/runners/sim/jobs/{id}/results", infra).then().statusCode(404);
  }

  @Test
  void jsonFormatsAreServedAsJson() {
    String kcidb = "{\"version\":{\"major\":5,\"minor\":3},\"tests\":[]}";
    put(List.of("pass"), results("kcidb", kcidb)).statusCode(200);
    String jobId = dispatch(1);

    given()
        .get("/runners/sim/jobs/{id}/results", jobId)
        .then()
        .statusCode(200)
        .contentType(ContentType.JSON)
        .body("version.major", equalTo(5));
  }

  @Test
  void withoutResultsTheViewShowsNoneAndTheBuiltInDocumentIsServed() {
    Map<String, Object> view =
        put(List.of("pass"), null).statusCode(200).extract().jsonPath().getMap("$");
    assertThat(view).containsKeys("attempts", "delayMs").doesNotContainKey("results");
    String jobId = dispatch(1);

    given()
        .get("/runners/sim/jobs/{id}/results", jobId)
        .then()
        .statusCode(200)
        .contentType(ContentType.JSON)
        .body("tests.status", equalTo(List.of("passed", "passed")));
  }

  @Test
  void resultsLateAnswers503WithRetryAfterToTheFirstFetchThenTheDocument() throws IOException {
    put(List.of("results-late"), results("tap", TAP)).statusCode(200);
    String jobId = dispatch(1);
    await().atMost(Duration.ofSeconds(10)).until(() -> receiver.received().size() == 1);
    assertThat(JSON.readTree(receiver.received().get(0).body()).get("status").asText())
        .isEqualTo("passed");

    given()
        .get("/runners/sim/jobs/{id}/results", jobId)
        .then()
        .statusCode(503)
        .header("Retry-After", "1")
        .contentType("application/problem+json")
        .body("detail", containsString(jobId));
    for (int fetch = 2; fetch <= 3; fetch++) {
      given()
          .get("/runners/sim/jobs/{id}/results", jobId)
          .then()
          .statusCode(200)
          .contentType(equalTo("text/plain; charset=utf-8"))
          .body(equalTo(TAP));
    }
    given()
        .queryParam("experiment", experiment)
        .get("/sim/runners/sim/jobs")
        .then()
        .body("value[0].scenario", equalTo("results-late"))
        .body("value[0].resultsFetches", equalTo(3));
  }

  @Test
  void resultsLateWithoutADocumentServesTheBuiltInOneFromTheSecondFetch() {
    put(List.of("results-late"), null).statusCode(200);
    String jobId = dispatch(1);

    given().get("/runners/sim/jobs/{id}/results", jobId).then().statusCode(503);
    given()
        .get("/runners/sim/jobs/{id}/results", jobId)
        .then()
        .statusCode(200)
        .contentType(ContentType.JSON)
        .body("tests.status", equalTo(List.of("passed", "passed")));
  }

  @Test
  void unknownFormatIs400ProblemNamingTheFieldAndTheFormats() {
    put(List.of("pass"), results("xml", "<testsuite/>"))
        .statusCode(400)
        .contentType("application/problem+json")
        .body("detail", containsString("results.format"))
        .body("detail", containsString("'xml'"))
        .body("detail", containsString("junit, tap, tuxsuite, kcidb, gort"));
    Map<String, Object> noFormat = new HashMap<>();
    noFormat.put("body", "<testsuite/>");
    put(List.of("pass"), noFormat).statusCode(400).body("detail", containsString("results.format"));
  }

  @Test
  void missingOrBlankBodyIs400ProblemNamingTheField() {
    put(List.of("pass"), Map.of("format", "junit"))
        .statusCode(400)
        .contentType("application/problem+json")
        .body("detail", containsString("results.body"))
        .body("detail", containsString("required"));
    put(List.of("pass"), results("junit", " \n\t"))
        .statusCode(400)
        .contentType("application/problem+json")
        .body("detail", containsString("results.body"))
        .body("detail", containsString("blank"));
  }

  @Test
  void bodyOverTheBoundIs400ProblemSayingTheBound() {
    // ASCII, so one byte per character and nothing for JSON to escape
    String oversized = "x".repeat(Scenario.MAX_RESULTS_BYTES + 1);

    put(List.of("pass"), results("tap", oversized))
        .statusCode(400)
        .contentType("application/problem+json")
        .body("detail", containsString("results.body"))
        .body("detail", containsString(String.valueOf(Scenario.MAX_RESULTS_BYTES + 1)))
        .body("detail", containsString("8 MiB"));
    given()
        .get("/sim/runners/sim/scenarios/{e}", experiment)
        .then()
        .statusCode(200)
        .body("attempts", equalTo(List.of("pass")))
        .body("results", nullValue());
  }

  @Test
  void bodyAtTheBoundIsTaken() {
    String largest = "x".repeat(Scenario.MAX_RESULTS_BYTES);

    put(List.of("pass"), results("tap", largest))
        .statusCode(200)
        .body("results.bytes", equalTo(Scenario.MAX_RESULTS_BYTES));
  }

  private static Map<String, Object> results(String format, String body) {
    return Map.of("format", format, "body", body);
  }

  private ValidatableResponse put(List<String> attempts, Map<String, Object> results) {
    Map<String, Object> body = new HashMap<>();
    body.put("attempts", attempts);
    body.put("delayMs", 0);
    if (results != null) {
      body.put("results", results);
    }
    return given()
        .contentType(ContentType.JSON)
        .body(body)
        .put("/sim/runners/sim/scenarios/{experiment}", experiment)
        .then();
  }

  private String dispatch(int attempt) {
    return given()
        .contentType(ContentType.JSON)
        .body(
            Map.of(
                "runId",
                "run-" + experiment,
                "attempt",
                attempt,
                "experiment",
                experiment,
                "callbackUrl",
                receiver.url()))
        .post("/runners/sim/jobs")
        .then()
        .statusCode(201)
        .extract()
        .path("jobId");
  }
}
