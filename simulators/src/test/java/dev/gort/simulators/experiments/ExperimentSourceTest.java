package dev.gort.simulators.experiments;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import dev.gort.simulators.SmtpPortResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(SmtpPortResource.class)
class ExperimentSourceTest {

  @AfterEach
  void sourceBackToNormal() {
    mode("ok").statusCode(200);
  }

  @Test
  void upsertedExperimentIsServedInTheSourceFormatWithAndWithoutTrailingSlash() {
    String revision =
        upsert(
                Map.of(
                    "slug", "src-served", "ready", true, "owner", "ann", "ownerEmail", "ann@x.org"))
            .statusCode(200)
            .body("slug", equalTo("src-served"))
            .body("name", equalTo("src-served"))
            .body("readyForTest", equalTo(true))
            .extract()
            .path("revision");
    assertThat(revision).matches("[0-9a-f]{12}");

    for (String path : new String[] {"/api/v6/experiments/", "/api/v6/experiments"}) {
      given()
          .get(path)
          .then()
          .statusCode(200)
          .contentType(ContentType.JSON)
          .body("slug", hasItem("src-served"));
    }
    for (String path :
        new String[] {"/api/v6/experiments/src-served/", "/api/v6/experiments/src-served"}) {
      String lastModified =
          given()
              .get(path)
              .then()
              .statusCode(200)
              .body("owner", equalTo("ann"))
              .body("ownerEmail", equalTo("ann@x.org"))
              .body("revision", equalTo(revision))
              .extract()
              .path("lastModified");
      assertThat(Instant.parse(lastModified)).isBeforeOrEqualTo(Instant.now());
    }
    given()
        .get("/sim/experiments")
        .then()
        .statusCode(200)
        .body("value.slug", hasItem("src-served"));
  }

  @Test
  void changingAnExperimentWithoutRevisionChangesItsRevision() {
    String first = upsert(Map.of("slug", "src-rev", "owner", "ann")).extract().path("revision");
    String same = upsert(Map.of("slug", "src-rev", "owner", "ann")).extract().path("revision");
    String readied =
        upsert(Map.of("slug", "src-rev", "owner", "ann", "ready", true)).extract().path("revision");
    String explicit =
        upsert(Map.of("slug", "src-rev", "owner", "ann", "revision", "r-7"))
            .extract()
            .path("revision");

    assertThat(same).isEqualTo(first);
    assertThat(readied).isNotEqualTo(first);
    assertThat(explicit).isEqualTo("r-7");
    given().get("/api/v6/experiments/src-rev/").then().body("revision", equalTo("r-7"));
  }

  @Test
  void badSlugOrMalformedBodyIs400Problem() {
    upsert(Map.of("slug", "Not_A_Slug"))
        .statusCode(400)
        .contentType("application/problem+json")
        .body("detail", containsString("Not_A_Slug"));
    upsert(Map.of("owner", "ann"))
        .statusCode(400)
        .contentType("application/problem+json")
        .body("detail", containsString("slug"));
    given()
        .contentType(ContentType.JSON)
        .body("{\"slug\": ")
        .post("/sim/experiments")
        .then()
        .statusCode(400)
        .contentType("application/problem+json");
  }

  @Test
  void unknownOrDeletedExperimentIs404Problem() {
    upsert(Map.of("slug", "src-gone")).statusCode(200);
    given().delete("/sim/experiments/src-gone").then().statusCode(204);

    given()
        .get("/api/v6/experiments/src-gone/")
        .then()
        .statusCode(404)
        .contentType("application/problem+json");
  }

  @Test
  void downModeAnswers503AndGarbageModeAnswersUnparseableJson() {
    upsert(Map.of("slug", "src-modes")).statusCode(200);

    mode("down").statusCode(200).body("mode", equalTo("down"));
    given().get("/api/v6/experiments/").then().statusCode(503);
    given().get("/api/v6/experiments/src-modes/").then().statusCode(503);

    mode("garbage").statusCode(200);
    for (String path : new String[] {"/api/v6/experiments/", "/api/v6/experiments/src-modes/"}) {
      String body =
          given()
              .get(path)
              .then()
              .statusCode(200)
              .contentType(ContentType.JSON)
              .extract()
              .asString();
      assertThat(body).isEqualTo("<<not json");
    }

    mode("ok").statusCode(200);
    given().get("/api/v6/experiments/src-modes/").then().statusCode(200);
  }

  @Test
  void unknownModeIs400Problem() {
    mode("sideways")
        .statusCode(400)
        .contentType("application/problem+json")
        .body("detail", containsString("sideways"));
  }

  private static io.restassured.response.ValidatableResponse upsert(Map<String, Object> body) {
    return given().contentType(ContentType.JSON).body(body).post("/sim/experiments").then();
  }

  private static io.restassured.response.ValidatableResponse mode(String mode) {
    return given()
        .contentType(ContentType.JSON)
        .body(Map.of("mode", mode))
        .put("/sim/experiment-source/mode")
        .then();
  }
}
