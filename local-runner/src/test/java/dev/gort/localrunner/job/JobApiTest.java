package dev.gort.localrunner.job;

import static dev.gort.localrunner.testing.Jobs.asGateway;
import static dev.gort.localrunner.testing.Jobs.awaitFinished;
import static dev.gort.localrunner.testing.Jobs.job;
import static dev.gort.localrunner.testing.Jobs.submit;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import dev.gort.localrunner.testing.AgentResource;
import dev.gort.localrunner.testing.GatewayStub;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The agent's API as the gateway uses it, and the bad input it refuses without changing anything.
 */
@QuarkusTest
@QuarkusTestResource(AgentResource.class)
class JobApiTest {

  @Test
  void aSecondSubmitOfTheSameAttemptReturnsTheSameJob() {
    Map<String, Object> job = job("true");
    String id = submit(job);
    asGateway()
        .contentType(ContentType.JSON)
        .body(job)
        .post("/api/v1/jobs")
        .then()
        .statusCode(200)
        .body("jobId", equalTo(id));
    awaitFinished(id);
    String attempt = (String) job.get("attemptId");
    long same =
        asGateway()
            .get("/api/v1/jobs?$top=1000")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getList("value.attemptId")
            .stream()
            .filter(attempt::equals)
            .count();
    assertThat(same).isOne();
  }

  @Test
  void withoutTheGatewaysTokenEveryCallIs401() {
    String id = submit(job("true"));
    for (var request :
        List.of(
            given(),
            given().header("Authorization", "Bearer wrong-token"),
            given().header("Authorization", "Basic dGVzdDp0ZXN0"))) {
      request
          .contentType(ContentType.JSON)
          .body(job("true"))
          .post("/api/v1/jobs")
          .then()
          .statusCode(401)
          .contentType("application/problem+json")
          .header("WWW-Authenticate", "Bearer");
    }
    // the token is checked before the body is read: a bad body without one is still a 401
    given()
        .contentType(ContentType.JSON)
        .body("{not json")
        .post("/api/v1/jobs")
        .then()
        .statusCode(401);
    given().get("/api/v1/jobs/no-such-job").then().statusCode(401);
    given().get("/api/v1/jobs/" + id).then().statusCode(401);
    given().get("/api/v1/jobs").then().statusCode(401);
    given().post("/api/v1/jobs/" + id + "/cancel").then().statusCode(401);
    given().header("Authorization", "Bearer ").get("/api/v1/jobs/" + id).then().statusCode(401);
    assertThat(Jobs.status(id).getString("jobId")).isEqualTo(id);
  }

  @Test
  void logAndResultsNeedTheJobsReadToken() {
    String id = submit(job("echo secret-output"));
    awaitFinished(id);
    given().get("/api/v1/jobs/" + id + "/log").then().statusCode(404);
    given().get("/api/v1/jobs/" + id + "/log?read=guess").then().statusCode(404);
    given()
        .get("/api/v1/jobs/" + id + "/results?read=guess")
        .then()
        .statusCode(404)
        .contentType("application/problem+json");
    URI log = URI.create(Jobs.status(id).getString("logUrl"));
    given()
        .get(log.getRawPath() + "?" + log.getRawQuery())
        .then()
        .statusCode(200)
        .body(containsString("secret-output"));
  }

  @Test
  void invalidJobsAre400ProblemsAndStartNothing() {
    int before = total();
    List<Consumer<Map<String, Object>>> breakages = new ArrayList<>();
    breakages.add(j -> j.remove("commands"));
    breakages.add(j -> j.put("commands", List.of()));
    breakages.add(j -> j.put("commands", List.of("  ")));
    breakages.add(j -> j.remove("attemptId"));
    breakages.add(j -> j.put("unknownField", "x"));
    breakages.add(j -> j.put("callbackUrl", "http://169.254.169.254/latest/meta-data?token=x"));
    breakages.add(
        j ->
            j.put(
                "callbackUrl",
                GatewayStub.get().origin() + "/api/v1/callbacks/local/test?attempt=a"));
    breakages.add(j -> j.put("env", Map.of("GORT_TOKEN", "x")));
    breakages.add(j -> j.put("env", Map.of("not a name", "x")));
    breakages.add(j -> j.put("workdir", "../outside"));
    breakages.add(j -> j.put("workdir", "/etc"));
    breakages.add(j -> j.put("timeout", "PT0S"));
    breakages.add(j -> j.put("timeout", "P30D"));
    breakages.add(j -> j.put("timeout", "ten minutes"));
    breakages.add(j -> j.put("image", "alpine; rm -rf /"));
    breakages.add(j -> j.put("kind", "boot"));
    for (Consumer<Map<String, Object>> breakage : breakages) {
      Map<String, Object> job = job("true");
      breakage.accept(job);
      asGateway()
          .contentType(ContentType.JSON)
          .body(job)
          .post("/api/v1/jobs")
          .then()
          .statusCode(400)
          .contentType("application/problem+json")
          .body("detail", notNullValue());
    }
    asGateway()
        .contentType(ContentType.JSON)
        .body("{not json")
        .post("/api/v1/jobs")
        .then()
        .statusCode(400);
    asGateway()
        .contentType(ContentType.TEXT)
        .body("commands")
        .post("/api/v1/jobs")
        .then()
        .statusCode(415);
    assertThat(total()).isEqualTo(before);
  }

  @Test
  void anUnknownJobIs404() {
    asGateway()
        .get("/api/v1/jobs/no-such-job")
        .then()
        .statusCode(404)
        .contentType("application/problem+json");
    asGateway().post("/api/v1/jobs/no-such-job/cancel").then().statusCode(404);
  }

  @Test
  void theListIsPagedLatestFirst() {
    String first = submit(job("true"));
    String second = submit(job("true"));
    awaitFinished(first);
    awaitFinished(second);
    var page = asGateway().get("/api/v1/jobs?$top=1").then().statusCode(200).extract().jsonPath();
    assertThat(page.getList("value")).hasSize(1);
    assertThat(page.getString("value[0].jobId")).isEqualTo(second);
    assertThat(page.getString("nextLink")).contains("$skip=1");
    asGateway()
        .get("/api/v1/jobs?$top=1&$skip=1")
        .then()
        .statusCode(200)
        .body("value[0].jobId", equalTo(first));
    asGateway().get("/api/v1/jobs?status=finished&$top=5").then().statusCode(200);
    asGateway().get("/api/v1/jobs?status=sleeping").then().statusCode(400);
    asGateway().get("/api/v1/jobs?colour=red").then().statusCode(400);
    asGateway().get("/api/v1/jobs?$top=-1").then().statusCode(400);
  }

  @Test
  void aCallbackTheGatewayCannotTakeYetIsRetriedByteForByte() {
    GatewayStub.get().answering(503, 503);
    Map<String, Object> job = job("true");
    String attempt = (String) job.get("attemptId");
    String id = submit(job);
    awaitFinished(id);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> GatewayStub.get().receivedFor(attempt).size() == 3);
    var received = GatewayStub.get().receivedFor(attempt);
    assertThat(received.get(1).body()).isEqualTo(received.get(0).body());
    assertThat(received.get(2).signature()).isEqualTo(received.get(0).signature());
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> "delivered 202".equals(Jobs.status(id).getString("callbackStatus")));
  }

  @Test
  void aCallbackRefusedWith4xxIsNotRetried() {
    GatewayStub.get().answering(409);
    Map<String, Object> job = job("true");
    String attempt = (String) job.get("attemptId");
    String id = submit(job);
    awaitFinished(id);
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> "failed: 409".equals(Jobs.status(id).getString("callbackStatus")));
    assertThat(GatewayStub.get().receivedFor(attempt)).hasSize(1);
  }

  @Test
  void pastTheConcurrentJobsLimitASubmitIs429() {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      ids.add(submit(job("sleep 100")));
    }
    asGateway()
        .contentType(ContentType.JSON)
        .body(job("true"))
        .post("/api/v1/jobs")
        .then()
        .statusCode(429)
        .header("Retry-After", notNullValue());
    for (String id : ids) {
      asGateway().post("/api/v1/jobs/" + id + "/cancel").then().statusCode(202);
    }
    for (String id : ids) {
      assertThat(awaitFinished(id).getString("outcome")).isEqualTo("cancelled");
    }
  }

  private static int total() {
    return asGateway()
        .get("/api/v1/jobs?$top=1000")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .getList("value")
        .size();
  }

  /** Short name for the status poll. */
  private static final class Jobs {
    static io.restassured.path.json.JsonPath status(String id) {
      return dev.gort.localrunner.testing.Jobs.status(id);
    }
  }
}
