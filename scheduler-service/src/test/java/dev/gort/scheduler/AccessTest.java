package dev.gort.scheduler;

import static dev.gort.scheduler.testing.Runs.path;
import static dev.gort.scheduler.testing.Runs.slug;
import static dev.gort.testsupport.ApiTokens.anonymous;
import static dev.gort.testsupport.ApiTokens.as;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.gort.scheduler.testing.ExperimentSourceStub;
import dev.gort.scheduler.testing.GatewayStub;
import dev.gort.scheduler.testing.KafkaTestBase;
import dev.gort.testsupport.GortTestResource;
import dev.gort.testsupport.TestIssuer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Who may do what at the scheduler (BOLA): an owner reaches its own experiments' runs and
 * operations only, and another owner's answer 404 exactly as if they did not exist; an operator
 * reaches everything; a request without a valid token is a 401 and changes nothing.
 */
@QuarkusTest
@QuarkusTestResource(GortTestResource.class)
@QuarkusTestResource(ExperimentSourceStub.class)
@QuarkusTestResource(GatewayStub.class)
class AccessTest extends KafkaTestBase {

  // the stub's experiment exp-X belongs to owner-exp-X
  private static String ownerOf(String slug) {
    return "owner-" + slug;
  }

  private static RequestSpecification asOwner(String slug) {
    return as(ownerOf(slug), "owner");
  }

  @Test
  void anOwnerReachesItsOwnRunsAndAnotherOwnersAnswer404LikeNothing() {
    String mine = slug();
    String theirs = slug();
    Response own = asOwner(mine).post(path(mine));
    own.then().statusCode(202).body("requestedBy", equalTo(ownerOf(mine)));
    Response other = asOwner(theirs).post(path(theirs));
    String theirRun = other.path("id");
    String theirOperation = other.path("operationId");

    // requesting a run of someone else's experiment: as if it did not exist
    Response foreign = asOwner(mine).post(path(theirs));
    Response missing = asOwner(mine).post(path("nope-" + mine));
    foreign.then().statusCode(404).contentType("application/problem+json");
    assertThat(foreign.<String>path("detail"))
        .isEqualTo(missing.<String>path("detail").replace("nope-" + mine, theirs));

    assertNotFoundLikeAnUnknownId(mine, "/api/v1/test-runs/", theirRun);
    assertNotFoundLikeAnUnknownId(mine, "/api/v1/operations/", theirOperation);
    asOwner(mine).delete("/api/v1/operations/" + theirOperation).then().statusCode(404);
    given().get("/api/v1/test-runs/" + theirRun).then().body("state", equalTo("QUEUED"));

    List<String> myRuns = asOwner(mine).get("/api/v1/test-runs?$top=1000").path("value.id");
    assertThat(myRuns).contains(own.<String>path("id")).doesNotContain(theirRun);
    assertThat(asOwner(mine).get("/api/v1/test-runs?experiment=" + theirs).<List<?>>path("value"))
        .isEmpty();
    List<String> myOperations = asOwner(mine).get("/api/v1/operations?$top=1000").path("value.id");
    assertThat(myOperations)
        .contains(own.<String>path("operationId"))
        .doesNotContain(theirOperation);
    List<String> myExperiments =
        asOwner(mine).get("/api/v1/experiments?$top=1000").path("value.slug");
    assertThat(myExperiments).contains(mine).doesNotContain(theirs);

    // the operator sees and may cancel both, and the history says who cancelled
    List<String> all = given().get("/api/v1/test-runs?$top=1000").path("value.id");
    assertThat(all).contains(own.<String>path("id"), theirRun);
    given().delete("/api/v1/operations/" + theirOperation).then().statusCode(202);
    given()
        .get("/api/v1/test-runs/" + theirRun)
        .then()
        .body("history[-1].reason", equalTo("cancelled by ops"));
    asOwner(mine)
        .delete("/api/v1/operations/" + own.<String>path("operationId"))
        .then()
        .statusCode(202);
    given()
        .get("/api/v1/test-runs/" + own.<String>path("id"))
        .then()
        .body("history[-1].reason", equalTo("cancelled by " + ownerOf(mine)));
  }

  @Test
  void pollsAreForOperatorsAndDeadLettersForAdmins() {
    String slug = slug();
    asOwner(slug).get("/api/v1/experiments/polls").then().statusCode(403);
    given().get("/api/v1/experiments/polls").then().statusCode(200);
    given()
        .get("/api/v1/dead-letters")
        .then()
        .statusCode(403)
        .contentType("application/problem+json");
    as("admin", "admin").get("/api/v1/dead-letters").then().statusCode(200);
  }

  @Test
  void noTokenOrABadOneIs401AndATokenWithoutAGortRoleIs403() {
    String slug = slug();
    List<Function<RequestSpecification, Response>> calls =
        List.of(
            r -> r.get("/api/v1/test-runs"),
            r -> r.post(path(slug)),
            r -> r.get("/api/v1/operations"),
            r -> r.delete("/api/v1/operations/any"),
            r -> r.get("/api/v1/experiments"));
    for (Function<RequestSpecification, Response> call : calls) {
      call.apply(anonymous())
          .then()
          .statusCode(401)
          .contentType("application/problem+json")
          .header("WWW-Authenticate", containsString("Bearer"));
      for (String token :
          List.of(
              TestIssuer.expiredToken("ops", "operator"),
              TestIssuer.forgedToken("ops", "operator"),
              TestIssuer.tokenFromOtherIssuer("ops", "operator"),
              TestIssuer.tokenForAudience("another-service", "ops", "operator"),
              "not-a-jwt")) {
        call.apply(anonymous().header("Authorization", "Bearer " + token)).then().statusCode(401);
      }
      call.apply(as("mallory", "viewer"))
          .then()
          .statusCode(403)
          .contentType("application/problem+json");
    }
    // none of those created a run
    assertThat(given().get("/api/v1/test-runs?experiment=" + slug).<List<?>>path("value"))
        .isEmpty();
  }

  @Test
  void healthIsOpenMetricsAndOpenApiNeedAnOperator() {
    anonymous().get("/q/health/live").then().statusCode(200);
    for (String path : List.of("/q/metrics", "/q/openapi")) {
      anonymous().get(path).then().statusCode(401);
      asOwner(slug()).get(path).then().statusCode(403);
      given().get(path).then().statusCode(200);
    }
  }

  /** The owner of {@code slug} asks for another owner's {@code id}: the answer of an unknown id. */
  private static void assertNotFoundLikeAnUnknownId(String slug, String collection, String id) {
    String unknown = id.substring(0, id.length() - 4) + "0000";
    Response foreign = asOwner(slug).get(collection + id);
    Response missing = asOwner(slug).get(collection + unknown);
    foreign.then().statusCode(404).contentType("application/problem+json");
    missing.then().statusCode(404);
    assertThat(foreign.<String>path("detail").replace(id, "ID"))
        .isEqualTo(missing.<String>path("detail").replace(unknown, "ID"));
  }
}
