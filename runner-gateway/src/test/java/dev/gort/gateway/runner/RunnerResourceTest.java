package dev.gort.gateway.runner;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
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
}
