package dev.gort.gateway.runner;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;

import dev.gort.gateway.testing.SimRunnerStub;
import dev.gort.testsupport.ApiTokens;
import dev.gort.testsupport.GortTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(GortTestResource.class)
@QuarkusTestResource(SimRunnerStub.class)
class RunnerResourceTest {

  @BeforeEach
  void signInAsOperator() {
    ApiTokens.callAsOperator();
  }

  @Test
  void listsTheSimRunnerAndWhatItCanRun() {
    given()
        .get("/api/v1/runners")
        .then()
        .statusCode(200)
        .contentType("application/json")
        .body("value.code", hasItem("sim"))
        .body("value.find { it.code == 'sim' }.kinds", contains("test", "build", "boot"))
        .body("value.find { it.code == 'sim' }.configured", is(true));
  }

  @Test
  void checksSettingsForAKindAndAnswersTheEffectiveOnes() {
    given()
        .contentType("application/json")
        .body("{\"kind\": \"build\", \"settings\": {}}")
        .post("/api/v1/runners/sim/settings-check")
        .then()
        .statusCode(200)
        .body("runner", is("sim"))
        .body("kind", is("build"))
        .body("settings.size()", is(0));
  }

  @Test
  void badSettingsKindsAndRunnersAreRefusedNamingTheChoices() {
    given()
        .contentType("application/json")
        .body("{\"kind\": \"test\", \"settings\": {\"repository\": \"a/b\"}}")
        .post("/api/v1/runners/sim/settings-check")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("detail", containsString("takes no settings"))
        .body("detail", containsString("repository"));
    given()
        .contentType("application/json")
        .body("{\"kind\": \"flash\"}")
        .post("/api/v1/runners/sim/settings-check")
        .then()
        .statusCode(400)
        .body("detail", containsString("it runs: test, build, boot"));
    given()
        .contentType("application/json")
        .body("{\"kind\": \"test\"}")
        .post("/api/v1/runners/nope/settings-check")
        .then()
        .statusCode(404)
        .body("detail", containsString("runners: "))
        .body("detail", containsString("sim"));
    given()
        .contentType("application/json")
        .body("{\"kind\": \"test\", \"extra\": 1}")
        .post("/api/v1/runners/sim/settings-check")
        .then()
        .statusCode(400);
  }

  @Test
  void checkingSettingsNeedsAToken() {
    ApiTokens.anonymous()
        .contentType("application/json")
        .body("{\"kind\": \"test\"}")
        .post("/api/v1/runners/sim/settings-check")
        .then()
        .statusCode(401);
  }
}
