package dev.gort.scheduler.run;

import static dev.gort.scheduler.testing.Runs.path;
import static dev.gort.scheduler.testing.Runs.slug;
import static dev.gort.testsupport.ApiTokens.as;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.gort.scheduler.testing.ExperimentSourceStub;
import dev.gort.scheduler.testing.GatewayStub;
import dev.gort.scheduler.testing.KafkaTestBase;
import dev.gort.testsupport.ApiTokens;
import dev.gort.testsupport.GortTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * {@code Idempotency-Key} on {@code POST /api/v1/experiments/{slug}/test-runs}: one run per key,
 * the first answer again for every repeat, a key bound to its caller, endpoint, experiment and
 * body.
 */
@QuarkusTest
@QuarkusTestResource(GortTestResource.class)
@QuarkusTestResource(ExperimentSourceStub.class)
@QuarkusTestResource(GatewayStub.class)
class IdempotencyKeyTest extends KafkaTestBase {

  @Test
  void aRepeatGetsTheFirstAnswerByteForByteAndStartsNothing() {
    String slug = slug();
    String key = UUID.randomUUID().toString();

    Response first = withKey(key).post(path(slug));
    Response again = withKey(key).post(path(slug));

    first.then().statusCode(202);
    again
        .then()
        .statusCode(202)
        .header("Operation-Location", first.header("Operation-Location"))
        .header("Idempotent-Replayed", "true");
    assertThat(again.asByteArray()).isEqualTo(first.asByteArray());
    assertThat(runsOf(slug)).hasSize(1);
  }

  @Test
  void theSameKeyForAnotherExperimentOrBodyIs422AndStartsNothing() {
    String x = slug();
    String y = slug();
    String key = UUID.randomUUID().toString();
    withKey(key).post(path(x)).then().statusCode(202);

    withKey(key)
        .post(path(y))
        .then()
        .statusCode(422)
        .contentType("application/problem+json")
        .body("detail", containsString("another request"));
    withKey(key)
        .contentType("application/json")
        .body("{\"runner\":\"sim\"}")
        .post(path(x))
        .then()
        .statusCode(422);

    assertThat(runsOf(y)).isEmpty();
    assertThat(runsOf(x)).hasSize(1);
  }

  @Test
  void aKeyBelongsToItsCaller() {
    String slug = slug();
    String key = UUID.randomUUID().toString();
    String owner = "owner-" + slug;
    String byOwner = as(owner, "owner").header("Idempotency-Key", key).post(path(slug)).path("id");
    given()
        .delete(
            "/api/v1/operations/"
                + given().get("/api/v1/test-runs/" + byOwner).path("operationId"));

    // the operator's request with the same key is its own, not the owner's replayed
    Response byOperator = withKey(key).post(path(slug));

    byOperator.then().statusCode(202);
    assertThat(byOperator.<String>path("id")).isNotEqualTo(byOwner);
  }

  @Test
  void fiftyConcurrentRequestsWithOneKeyStartOneRunAndEachAnswerIsTheRunOrRetryLater()
      throws Exception {
    String slug = slug();
    String key = UUID.randomUUID().toString();
    String token = ApiTokens.bearer("ops", "operator");
    ExecutorService pool = Executors.newFixedThreadPool(16);
    List<Future<Response>> answers = new ArrayList<>();
    try {
      for (int i = 0; i < 50; i++) {
        Callable<Response> call =
            () ->
                ApiTokens.anonymous()
                    .header("Authorization", token)
                    .header("Idempotency-Key", key)
                    .post(path(slug));
        answers.add(pool.submit(call));
      }
      Set<String> runIds = new HashSet<>();
      int retryLater = 0;
      for (Future<Response> answer : answers) {
        Response r = answer.get();
        if (r.statusCode() == 202) {
          runIds.add(r.path("id"));
        } else {
          assertThat(r.statusCode()).isEqualTo(409);
          assertThat(r.header("Retry-After")).isEqualTo("1");
          assertThat(r.<String>path("detail")).contains("still in flight");
          retryLater++;
        }
      }
      assertThat(runIds).hasSize(1);
      assertThat(runsOf(slug)).hasSize(1);
      System.out.printf(
          "50 concurrent requests, one key: %d x 202, %d x 409%n", 50 - retryLater, retryLater);
    } finally {
      pool.shutdownNow();
    }
    // once the first is done, a repeat is its answer
    withKey(key).post(path(slug)).then().statusCode(202).body("id", equalTo(runsOf(slug).get(0)));
  }

  @Test
  void aRequestThatFailedFreesItsKey() {
    String key = UUID.randomUUID().toString();
    String unknown = "nope-" + UUID.randomUUID().toString().substring(0, 6);
    withKey(key).post(path(unknown)).then().statusCode(404);

    String slug = slug();
    withKey(key).post(path(slug)).then().statusCode(202);
  }

  @Test
  void aMalformedKeyIs400() {
    withKey("a key").post(path(slug())).then().statusCode(400);
    withKey("x".repeat(201)).post(path(slug())).then().statusCode(400);
  }

  private static io.restassured.specification.RequestSpecification withKey(String key) {
    return given().header("Idempotency-Key", key);
  }

  private static List<String> runsOf(String slug) {
    return given().get("/api/v1/test-runs?experiment=" + slug).path("value.id");
  }
}
