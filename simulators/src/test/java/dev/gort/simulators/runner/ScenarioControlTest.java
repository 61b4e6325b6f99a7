package dev.gort.simulators.runner;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.gort.simulators.SmtpPortResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(SmtpPortResource.class)
class ScenarioControlTest {

  @Test
  void validScenarioIsStoredAndDeleteRestoresDefault() {
    put("ctl-exp", Map.of("attempts", List.of("timeout", "pass"), "delayMs", 50))
        .statusCode(200)
        .body("attempts", equalTo(List.of("timeout", "pass")))
        .body("delayMs", equalTo(50));
    given()
        .get("/sim/runners/sim/scenarios/ctl-exp")
        .then()
        .body("attempts", equalTo(List.of("timeout", "pass")));

    given().delete("/sim/runners/sim/scenarios/ctl-exp").then().statusCode(204);

    given()
        .get("/sim/runners/sim/scenarios/ctl-exp")
        .then()
        .statusCode(200)
        .body("attempts", equalTo(List.of("pass")))
        .body("delayMs", equalTo(200));
  }

  @Test
  void emptyAttemptsIs400Problem() {
    put("ctl-bad", Map.of("attempts", List.of()))
        .statusCode(400)
        .contentType("application/problem+json")
        .body("detail", containsString("attempts"));
  }

  @Test
  void unknownScenarioNameIs400ProblemNamingIt() {
    put("ctl-bad", Map.of("attempts", List.of("pass", "explode")))
        .statusCode(400)
        .contentType("application/problem+json")
        .body("detail", containsString("explode"));
  }

  @Test
  void negativeDelayIs400ProblemNamingIt() {
    put("ctl-bad", Map.of("attempts", List.of("pass"), "delayMs", -1))
        .statusCode(400)
        .contentType("application/problem+json")
        .body("detail", containsString("delayMs"))
        .body("detail", containsString("-1"));
  }

  @Test
  void scenarioOfUnknownRunnerIs404Problem() {
    given()
        .contentType(ContentType.JSON)
        .body(Map.of("attempts", List.of("pass")))
        .put("/sim/runners/elsewhere/scenarios/x")
        .then()
        .statusCode(404)
        .contentType("application/problem+json");
  }

  private static ValidatableResponse put(String experiment, Map<String, Object> body) {
    return given()
        .contentType(ContentType.JSON)
        .body(body)
        .put("/sim/runners/sim/scenarios/{experiment}", experiment)
        .then();
  }
}
