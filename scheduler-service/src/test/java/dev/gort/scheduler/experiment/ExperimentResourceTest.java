package dev.gort.scheduler.experiment;

import static dev.gort.scheduler.testing.SourceScript.experiment;
import static dev.gort.scheduler.testing.SourceScript.serve;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import dev.gort.common.event.Outcome;
import dev.gort.scheduler.poll.ExperimentPoller;
import dev.gort.scheduler.poll.PollView;
import dev.gort.scheduler.testing.ExperimentSourceStub;
import dev.gort.scheduler.testing.GatewayStub;
import dev.gort.scheduler.testing.KafkaTestBase;
import dev.gort.scheduler.testing.RunTable;
import dev.gort.testsupport.GortTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** {@code GET /api/v1/experiments} and {@code GET /api/v1/experiments/polls}. */
@QuarkusTest
@QuarkusTestResource(GortTestResource.class)
@QuarkusTestResource(ExperimentSourceStub.class)
@QuarkusTestResource(GatewayStub.class)
class ExperimentResourceTest extends KafkaTestBase {

  @Inject ExperimentPoller poller;
  @Inject DataSource db;

  @Test
  void experimentIsRunningWhileItsRunIsUnfinishedThenIdleWithTheLastOutcome() {
    String slug = slug();
    serve(experiment(slug, "r1", true));
    PollView poll = poller.pollOnce();

    Map<String, Object> running = find(slug);
    assertThat(running)
        .containsEntry("state", "RUNNING")
        .containsEntry("name", "Experiment " + slug)
        .containsEntry("owner", "owner-" + slug)
        .containsEntry("revision", "r1")
        .containsEntry("readyForTest", true)
        .containsEntry("lastOutcome", null);
    assertThat(running.get("lastSeenDateTime")).isNotNull();
    assertThat(lastRun(running)).containsEntry("state", "QUEUED").containsEntry("revision", "r1");
    String runId = (String) lastRun(running).get("id");
    given().get("/api/v1/experiments").then().body("lastPoll.id", equalTo(poll.id()));

    RunTable.finishByEvents(kafka, runId, Outcome.FAILED);

    Map<String, Object> idle = find(slug);
    assertThat(idle).containsEntry("state", "IDLE").containsEntry("lastOutcome", "FAILED");
    assertThat(lastRun(idle))
        .containsEntry("id", runId)
        .containsEntry("state", "FINISHED")
        .containsEntry("outcome", "FAILED");
  }

  @Test
  void lastOutcomeStaysWhileTheNextRevisionRuns() {
    String slug = slug();
    serve(experiment(slug, "r1", true));
    poller.pollOnce();
    RunTable.finishByEvents(kafka, RunTable.runIds(db, slug).get(0), Outcome.PASSED);
    serve(experiment(slug, "r2", true));
    poller.pollOnce();

    Map<String, Object> e = find(slug);

    assertThat(e).containsEntry("state", "RUNNING").containsEntry("lastOutcome", "PASSED");
    assertThat(lastRun(e)).containsEntry("revision", "r2").containsEntry("outcome", null);
  }

  @Test
  void unreadyExperimentIsIdleWithoutRuns() {
    String slug = slug();
    serve(experiment(slug, "r1", false));
    poller.pollOnce();

    Map<String, Object> e = find(slug);

    assertThat(e)
        .containsEntry("state", "IDLE")
        .containsEntry("readyForTest", false)
        .containsEntry("lastRun", null)
        .containsEntry("lastOutcome", null);
  }

  @Test
  void experimentOnlyTriggeredIsListedToo() {
    String slug = slug();
    given().post("/api/v1/experiments/" + slug + "/test-runs").then().statusCode(202);

    Map<String, Object> e = find(slug);

    assertThat(e)
        .containsEntry("state", "RUNNING")
        .containsEntry("owner", "owner-" + slug)
        .containsEntry("lastSeenDateTime", null);
  }

  @Test
  void triggerEndpointStillAnswersBesideTheExperimentEndpoints() {
    given()
        .post("/api/v1/experiments/" + slug() + "/test-runs")
        .then()
        .statusCode(202)
        .body("state", equalTo("QUEUED"));
    given().get("/api/v1/experiments/polls").then().statusCode(200);
    given().get("/api/v1/experiments").then().statusCode(200);
  }

  @Test
  void pollsAreListedLatestFirst() {
    serve();
    poller.pollOnce();
    String first = poller.pollOnce().id();
    String second = poller.pollOnce().id();
    String third = poller.pollOnce().id();

    given()
        .get("/api/v1/experiments/polls?$top=3")
        .then()
        .statusCode(200)
        .body("value.id", equalTo(List.of(third, second, first)))
        .body("nextLink", equalTo("/api/v1/experiments/polls?$top=3&$skip=3"));
    given()
        .get("/api/v1/experiments/polls?$top=1&$skip=2")
        .then()
        .body("value[0].id", equalTo(first));
  }

  @Test
  void pagesFollowNextLinkToTheLastPage() {
    serve(
        experiment(slug(), "r1", false),
        experiment(slug(), "r1", false),
        experiment(slug(), "r1", false));
    poller.pollOnce();
    List<String> all = given().get("/api/v1/experiments?$top=1000").path("value.slug");

    List<String> paged = new ArrayList<>();
    String link = "/api/v1/experiments?$top=2";
    int pages = 0;
    while (link != null) {
      JsonPath page = given().get(link).then().statusCode(200).extract().jsonPath();
      List<String> slugs = page.getList("value.slug");
      assertThat(slugs).hasSizeLessThanOrEqualTo(2);
      paged.addAll(slugs);
      link = page.getString("nextLink");
      pages++;
    }

    assertThat(paged).isEqualTo(all);
    assertThat(pages).isEqualTo((all.size() + 1) / 2);
    assertThat(all).hasSizeGreaterThanOrEqualTo(3).isSorted();
  }

  @Test
  void lastPageHasNoNextLink() {
    given()
        .get("/api/v1/experiments?$top=1000")
        .then()
        .statusCode(200)
        .body("nextLink", nullValue())
        .body("$", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasKey("nextLink")));
  }

  @Test
  void badPagingAndUnknownParametersAre400Problems() {
    for (String list : List.of("/api/v1/experiments", "/api/v1/experiments/polls")) {
      badRequest(list + "?$top=0", "$top: must be a whole number from 1 to 1000, not '0'");
      badRequest(list + "?$top=1001", "$top: must be a whole number from 1 to 1000, not '1001'");
      badRequest(list + "?$top=ten", "$top: must be a whole number from 1 to 1000, not 'ten'");
      badRequest(list + "?$skip=-1", "$skip: must be a whole number from 0");
      badRequest(list + "?$skip=x", "$skip: must be a whole number from 0");
      badRequest(list + "?$top=1&$top=2", "$top: given more than once");
      badRequest(list + "?state=IDLE", "state: unknown query parameter");
      badRequest(list + "?$filter=x&$orderby=y", "$filter: unknown query option");
    }
  }

  private static void badRequest(String url, String detail) {
    given()
        .urlEncodingEnabled(false)
        .get(url)
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("detail", containsString(detail));
  }

  private static Map<String, Object> find(String slug) {
    List<Map<String, Object>> value =
        given().get("/api/v1/experiments?$top=1000").then().statusCode(200).extract().path("value");
    return value.stream()
        .filter(e -> slug.equals(e.get("slug")))
        .findFirst()
        .orElseThrow(() -> new AssertionError(slug + " is not listed"));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> lastRun(Map<String, Object> experiment) {
    return (Map<String, Object>) experiment.get("lastRun");
  }

  private static String slug() {
    return "exp-" + UUID.randomUUID().toString().substring(0, 8);
  }
}
