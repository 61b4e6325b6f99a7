package dev.gort.gateway.runner.tuxsuite;

import static dev.gort.gateway.runner.tuxsuite.FakeTuxSuite.PROJECT;
import static dev.gort.gateway.runner.tuxsuite.TuxSuiteSigning.asJsonString;
import static dev.gort.gateway.runner.tuxsuite.TuxSuiteSigning.payload;
import static dev.gort.gateway.runner.tuxsuite.TuxSuiteSigning.sign;
import static dev.gort.gateway.testing.GatewayTestSupport.newRunId;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

import dev.gort.common.event.Envelope;
import dev.gort.common.event.GortEvent;
import dev.gort.common.event.RunEvents.RunCompleted;
import dev.gort.common.event.RunEvents.RunDispatched;
import dev.gort.common.event.RunEvents.RunRequested;
import dev.gort.common.event.RunnerStatus;
import dev.gort.common.event.Topics;
import dev.gort.gateway.testing.GatewayTestBase;
import dev.gort.gateway.testing.GatewayTestSupport;
import dev.gort.testsupport.GortTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * The tuxsuite runner in the gateway: runs handed to a fake TuxSuite, their callbacks signed as
 * TuxSuite signs them and POSTed to the real callback endpoint; bad input changes nothing.
 */
@QuarkusTest
@QuarkusTestResource(GortTestResource.class)
@QuarkusTestResource(FakeTuxSuiteResource.class)
class TuxSuiteCallbackEndpointTest extends GatewayTestBase {

  private static final String PROBLEM = "application/problem+json";

  @ConfigProperty(name = "gort.runner.tuxsuite.api-url")
  String tuxUrl;

  /** A job the gateway submitted to the fake: its uid and its callback URL's parts. */
  record Submitted(String runId, String uid, String kind, String attempt, String token) {}

  @Test
  void aSignedStringCallbackCompletesTheRunOnce() {
    Submitted job = submitted("test", Map.of("tests", List.of("ltp-smoke")));
    String document = payload("test", job.uid(), "finished", "pass");

    callBack(job, asJsonString(document), sign(currentKey(), document)).statusCode(202);
    callBack(job, asJsonString(document), sign(currentKey(), document)).statusCode(200);

    RunCompleted completed = awaitOne(job.runId(), RunCompleted.class);
    assertThat(completed.status()).isEqualTo(RunnerStatus.PASSED);
    assertThat(completed.runner()).isEqualTo("tuxsuite");
    assertThat(completed.runnerJobId()).isEqualTo(job.uid());
    assertThat(completed.resultsUrl())
        .isEqualTo("https://storage.tuxsuite.com/public/gort/lab/tests/" + job.uid() + "/");
    await()
        .during(Duration.ofSeconds(1))
        .atMost(Duration.ofSeconds(5))
        .until(() -> kafka.events(Topics.RUNS_STATUS, job.runId(), RunCompleted.class).size() == 1);
  }

  @Test
  void aBuildsObjectCallbackIsVerifiedOverItsRawBytes() {
    Submitted job = submitted("build", Map.of());
    assertThat(job.kind()).isEqualTo("build");
    String document = payload("build", job.uid(), "finished", "fail");

    callBack(job, document, sign(currentKey(), document)).statusCode(202);

    assertThat(awaitOne(job.runId(), RunCompleted.class).status()).isEqualTo(RunnerStatus.FAILED);
  }

  @Test
  void aBootTestReportsToItsOwnKind() {
    Submitted job = submitted("boot", Map.of("device", "qemu-arm64"));
    assertThat(job.kind()).isEqualTo("boot");
    String document = payload("test", job.uid(), "finished", "error");

    callBack(job, asJsonString(document), sign(currentKey(), document)).statusCode(202);

    assertThat(awaitOne(job.runId(), RunCompleted.class).status())
        .isEqualTo(RunnerStatus.INFRA_FAILURE);
  }

  @Test
  void badCallbacksAreRefusedAndChangeNothing() {
    Submitted job = submitted("test", Map.of());
    String document = payload("test", job.uid(), "finished", "pass");
    String body = asJsonString(document);
    KeyPair key = currentKey();

    callBack(job, body, null).statusCode(401).contentType(PROBLEM);
    callBack(job, body, sign(TuxSuiteSigning.generate(), document))
        .statusCode(401)
        .body("detail", containsString("does not hold"));
    post(job.kind(), job.attempt(), "not-its-token", body, sign(key, document)).statusCode(404);
    post(job.kind(), "no-such-attempt", job.token(), body, sign(key, document)).statusCode(404);
    String other = payload("test", "2TuxSomeoneElse", "finished", "fail");
    callBack(job, asJsonString(other), sign(key, other)).statusCode(409);
    String malformed = "{\"kind\": \"test\", \"status\": {\"state\": \"finished\"}}";
    callBack(job, asJsonString(malformed), sign(key, malformed)).statusCode(400);
    callBack(job, "{not json", sign(key, "{not json")).statusCode(400);

    assertThat(kafka.events(Topics.RUNS_STATUS, job.runId(), RunCompleted.class)).isEmpty();
    callBack(job, body, sign(key, document)).statusCode(202);
    assertThat(awaitOne(job.runId(), RunCompleted.class).status()).isEqualTo(RunnerStatus.PASSED);
  }

  @Test
  void aRotatedKeyIsFetchedAgainAndItsCallbacksAccepted() {
    Submitted job = submitted("test", Map.of());
    KeyPair before = currentKey();
    String warmUp = payload("test", job.uid(), "running", null);
    callBack(job, asJsonString(warmUp), sign(before, warmUp)).statusCode(200);

    given().post(tuxUrl + "/_fake/rotate").then().statusCode(200);
    KeyPair after = currentKey();
    assertThat(after).isNotSameAs(before);
    String document = payload("test", job.uid(), "finished", "pass");

    callBack(job, asJsonString(document), sign(after, document)).statusCode(202);
    assertThat(awaitOne(job.runId(), RunCompleted.class).status()).isEqualTo(RunnerStatus.PASSED);
  }

  @Test
  void aKeyThatCannotBeFetchedIsAnswered503SoTuxSuiteTriesAgain() {
    Submitted job = submitted("test", Map.of());
    // a signature by neither key makes the gateway fetch the key, which is down
    given().post(tuxUrl + "/_fake/keys-down").then().statusCode(200);
    String document = payload("test", job.uid(), "finished", "pass");
    try {
      callBack(job, asJsonString(document), sign(TuxSuiteSigning.generate(), document))
          .statusCode(503)
          .contentType(PROBLEM)
          .body("detail", containsString("key"));
    } finally {
      given().post(tuxUrl + "/_fake/keys-up").then().statusCode(200);
    }
    assertThat(kafka.events(Topics.RUNS_STATUS, job.runId(), RunCompleted.class)).isEmpty();
    callBack(job, asJsonString(document), sign(currentKey(), document)).statusCode(202);
  }

  private KeyPair currentKey() {
    int index = given().get(tuxUrl + "/_fake/key").then().statusCode(200).extract().path("key");
    return index == 2 ? TuxSuiteSigning.FIXED_2 : TuxSuiteSigning.FIXED_1;
  }

  private Submitted submitted(String kind, Map<String, Object> settings) {
    String runId = newRunId();
    kafka.publish(
        Topics.RUNS_REQUESTED,
        Envelope.of(
            GatewayTestSupport.SOURCE,
            new RunRequested(
                runId,
                "tux-exp",
                "rev-1",
                "alice",
                "alice@example.org",
                "tuxsuite",
                2,
                kind,
                settings),
            Instant.now()));
    RunDispatched dispatched = awaitOne(runId, RunDispatched.class);
    String list = PROJECT + ("build".equals(kind) ? "/builds" : "/tests");
    List<Map<String, Object>> jobs =
        given()
            .header("Authorization", FakeTuxSuite.TOKEN)
            .get(tuxUrl + list)
            .then()
            .statusCode(200)
            .extract()
            .path("results");
    Map<String, Object> job =
        jobs.stream()
            .filter(j -> dispatched.runnerJobId().equals(j.get("uid")))
            .findFirst()
            .orElseThrow();
    URI callback = URI.create((String) job.get("callback"));
    assertThat(callback.getPath()).isEqualTo("/api/v1/callbacks/tuxsuite/" + kind);
    String[] query = callback.getRawQuery().split("&");
    return new Submitted(
        runId,
        dispatched.runnerJobId(),
        kind,
        URLDecoder.decode(query[0].substring("attempt=".length()), StandardCharsets.UTF_8),
        URLDecoder.decode(query[1].substring("token=".length()), StandardCharsets.UTF_8));
  }

  private static ValidatableResponse callBack(Submitted job, String body, String signature) {
    return post(job.kind(), job.attempt(), job.token(), body, signature);
  }

  private static ValidatableResponse post(
      String kind, String attempt, String token, String body, String signature) {
    RequestSpecification request =
        given()
            .contentType("application/json")
            .body(body.getBytes(StandardCharsets.UTF_8))
            .queryParam("attempt", attempt)
            .queryParam("token", token);
    if (signature != null) {
      request.header("x-tux-payload-signature", signature);
    }
    return request.post("/api/v1/callbacks/tuxsuite/" + kind).then();
  }

  private <T extends GortEvent> T awaitOne(String runId, Class<T> type) {
    return await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> kafka.events(Topics.RUNS_STATUS, runId, type), e -> !e.isEmpty())
        .get(0);
  }
}
