package dev.gort.scheduler.run;

import static dev.gort.scheduler.testing.Runs.request;
import static dev.gort.scheduler.testing.Runs.slug;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import dev.gort.scheduler.testing.ExperimentSourceStub;
import dev.gort.scheduler.testing.GatewayStub;
import dev.gort.testsupport.ApiTokens;
import dev.gort.testsupport.GortTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code GET /api/v1/test-runs?experiment=&state=&outcome=} (architecture, "HTTP APIs"). */
@QuarkusTest
@QuarkusTestResource(GortTestResource.class)
@QuarkusTestResource(ExperimentSourceStub.class)
@QuarkusTestResource(GatewayStub.class)
class RunListTest {

  @BeforeEach
  void signInAsOperator() {
    ApiTokens.callAsOperator();
  }

  @Test
  void runsOfAnExperimentAreListedLatestFirstAndFilteredByStateAndOutcome() {
    String slug = slug();
    String first = cancelledRun(slug);
    String second = cancelledRun(slug);
    String third = request(slug, null).path("id");
    request(slug(), null).then().statusCode(202);

    assertThat(ids("?experiment=" + slug)).containsExactly(third, second, first);
    assertThat(ids("?experiment=" + slug + "&state=QUEUED")).containsExactly(third);
    assertThat(ids("?experiment=" + slug + "&state=FINISHED&outcome=CANCELLED"))
        .containsExactly(second, first);
    assertThat(ids("?experiment=" + slug + "&outcome=PASSED")).isEmpty();
    given()
        .get("/api/v1/test-runs?experiment=" + slug)
        .then()
        .body("value[0].history.state", equalTo(List.of("QUEUED")))
        .body("nextLink", nullValue());
  }

  @Test
  void pagesCarryTheFiltersInTheirNextLink() {
    String slug = slug();
    String older = cancelledRun(slug);
    String newer = cancelledRun(slug);

    Response page1 = given().get("/api/v1/test-runs?experiment=" + slug + "&$top=1");
    String next = page1.path("nextLink");
    Response page2 = given().urlEncodingEnabled(false).get(next);

    assertThat(page1.<List<String>>path("value.id")).containsExactly(newer);
    assertThat(next).isEqualTo("/api/v1/test-runs?experiment=" + slug + "&$top=1&$skip=1");
    assertThat(page2.<List<String>>path("value.id")).containsExactly(older);
    assertThat(page2.<String>path("nextLink")).isNull();
  }

  @Test
  void badFiltersAre400Problems() {
    badRequest("?state=DONE", "state: 'DONE' is not one of QUEUED RUNNING");
    badRequest("?outcome=passed", "outcome: 'passed' is not one of PASSED");
    badRequest("?owner=alice", "owner: unknown query parameter");
    badRequest("?state=QUEUED&state=RUNNING", "state: given more than once");
    badRequest("?$top=0", "$top: must be a whole number from 1 to 1000");
  }

  private static String cancelledRun(String slug) {
    Response requested = request(slug, null);
    given().delete("/api/v1/operations/" + requested.path("operationId")).then().statusCode(202);
    return requested.path("id");
  }

  private static List<String> ids(String query) {
    return given()
        .get("/api/v1/test-runs" + query)
        .then()
        .statusCode(200)
        .extract()
        .path("value.id");
  }

  private static void badRequest(String query, String detail) {
    given()
        .urlEncodingEnabled(false)
        .get("/api/v1/test-runs" + query)
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("detail", containsString(detail));
  }
}
