package dev.gort.scheduler.operation;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import dev.gort.scheduler.testing.ExperimentSourceStub;
import dev.gort.scheduler.testing.GatewayStub;
import dev.gort.scheduler.testing.UncancellableOperations;
import dev.gort.testsupport.ApiTokens;
import dev.gort.testsupport.GortTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code DELETE /api/v1/operations/{id}} by kind (seed 001): an operation of a kind that cannot be
 * cancelled is answered 405 and left as it is; test runs' cancel is covered in RetryAndCancelTest.
 */
@QuarkusTest
@QuarkusTestResource(GortTestResource.class)
@QuarkusTestResource(ExperimentSourceStub.class)
@QuarkusTestResource(GatewayStub.class)
class OperationCancelTest {

  @BeforeEach
  void signInAsOperator() {
    ApiTokens.callAsOperator();
  }

  @Test
  void deleteOnAKindThatCannotBeCancelledIs405AndChangesNothing() {
    String operation = "/api/v1/operations/" + UncancellableOperations.PREFIX + "1";
    given().get(operation).then().statusCode(200).body("status", equalTo("running"));

    given()
        .delete(operation)
        .then()
        .statusCode(405)
        .contentType("application/problem+json")
        .header("Allow", "GET")
        .body("status", equalTo(405))
        .body("title", equalTo("Method Not Allowed"))
        .body("kind", equalTo(UncancellableOperations.NAME))
        .body(
            "detail",
            equalTo(
                "operations of kind '" + UncancellableOperations.NAME + "' cannot be cancelled"));

    given()
        .get(operation)
        .then()
        .statusCode(200)
        .body("kind", equalTo(UncancellableOperations.NAME))
        .body("status", equalTo("running"));
  }

  @Test
  void deleteOnAnUnknownOperationIs404() {
    given()
        .delete("/api/v1/operations/no-such-operation")
        .then()
        .statusCode(404)
        .contentType("application/problem+json")
        .body("detail", equalTo("no operation with id 'no-such-operation'"));
  }
}
