package dev.gort.scheduler.experiment;

import static dev.gort.scheduler.testing.Runs.path;
import static dev.gort.scheduler.testing.Runs.slug;
import static dev.gort.scheduler.testing.SourceScript.experiment;
import static dev.gort.scheduler.testing.SourceScript.serve;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;

import dev.gort.common.event.RunEvents.RunRequested;
import dev.gort.common.event.Topics;
import dev.gort.scheduler.poll.ExperimentPoller;
import dev.gort.scheduler.testing.ExperimentSourceStub;
import dev.gort.scheduler.testing.GatewayScript;
import dev.gort.scheduler.testing.GatewayStub;
import dev.gort.scheduler.testing.KafkaTestBase;
import dev.gort.scheduler.testing.RunTable;
import dev.gort.testsupport.ApiTokens;
import dev.gort.testsupport.GortTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 10, per-experiment runner settings: an experiment's test configuration, checked by its
 * runner through the gateway (a stub answering as the real one does), and the runs requested with
 * it.
 */
@QuarkusTest
@QuarkusTestResource(GortTestResource.class)
@QuarkusTestResource(ExperimentSourceStub.class)
@QuarkusTestResource(GatewayStub.class)
class TestConfigTest extends KafkaTestBase {

  private static final String GITHUB =
      "{\"runner\":\"github-actions\",\"kind\":\"test\","
          + "\"settings\":{\"repository\":\"acme/widgets\",\"ref\":\"dev\"}}";

  @Inject ExperimentPoller poller;
  @Inject DataSource db;

  @AfterEach
  void backToNormal() {
    GatewayScript.mode("ok");
    serve();
  }

  private static String config(String slug) {
    return "/api/v1/experiments/" + slug + "/test-config";
  }

  private static RequestSpecification asOwner(String slug, String bearer) {
    return given().header(ApiTokens.AUTHORIZATION, bearer).contentType("application/json");
  }

  private static String ownerToken(String slug) {
    return ApiTokens.bearer("owner-" + slug, "owner");
  }

  @Test
  void ownerPutsGetsAndDeletesTheTestConfig() {
    String slug = slug();
    String bearer = ownerToken(slug);

    asOwner(slug, bearer)
        .get(config(slug))
        .then()
        .statusCode(200)
        .body("stored", equalTo(false))
        .body("runner", equalTo("sim"))
        .body("kind", equalTo("test"))
        .body("settings", equalTo(Map.of()));

    Response put = asOwner(slug, bearer).body(GITHUB).put(config(slug));

    put.then()
        .statusCode(200)
        .body("stored", equalTo(true))
        .body("runner", equalTo("github-actions"))
        .body("kind", equalTo("test"))
        // as the runner checked them: its defaults with the owner's settings over them
        .body(
            "settings",
            equalTo(Map.of("repository", "acme/widgets", "workflow", "gort.yml", "ref", "dev")))
        .body("setBy", equalTo("owner-" + slug))
        .body("setDateTime", notNullValue());
    assertThat(put.header("ETag")).isNotBlank();
    assertThat(GatewayScript.lastAuthorization()).isEqualTo(bearer);

    asOwner(slug, bearer)
        .get(config(slug))
        .then()
        .statusCode(200)
        .header("ETag", put.header("ETag"))
        .body("stored", equalTo(true))
        .body("settings.repository", equalTo("acme/widgets"));

    asOwner(slug, bearer).delete(config(slug)).then().statusCode(204);
    asOwner(slug, bearer).get(config(slug)).then().statusCode(200).body("stored", equalTo(false));
    asOwner(slug, bearer).delete(config(slug)).then().statusCode(204);
  }

  @Test
  void anotherOwnerGets404AndChangesNothing() {
    String slug = slug();
    RequestSpecification bob = ApiTokens.as("bob", "owner").contentType("application/json");

    bob.get(config(slug)).then().statusCode(404).contentType("application/problem+json");
    ApiTokens.as("bob", "owner")
        .contentType("application/json")
        .body(GITHUB)
        .put(config(slug))
        .then()
        .statusCode(404);
    ApiTokens.as("bob", "owner").delete(config(slug)).then().statusCode(404);

    given().get(config(slug)).then().statusCode(200).body("stored", equalTo(false));
  }

  @Test
  void operatorMaySetAnyExperimentsConfig() {
    String slug = slug();

    given()
        .contentType("application/json")
        .body(GITHUB)
        .put(config(slug))
        .then()
        .statusCode(200)
        .body("setBy", equalTo("ops"));
    given().get(config(slug)).then().body("stored", equalTo(true));
  }

  @Test
  void invalidSettingsAre400WithTheGatewaysDetail() {
    String slug = slug();

    put(slug, "{\"runner\":\"github-actions\",\"settings\":{\"repository\":\"not a repo\"}}")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("detail", containsString("repository must be owner/name"));
    put(slug, "{\"runner\":\"sim\",\"settings\":{\"colour\":\"blue\"}}")
        .then()
        .statusCode(400)
        .body("detail", containsString("takes no settings"));
    given().get(config(slug)).then().body("stored", equalTo(false));
  }

  @Test
  void settingsOver16KiBAre400AndNotSentToTheGateway() {
    String slug = slug();
    int checksBefore = GatewayScript.checks();

    put(
            slug,
            "{\"runner\":\"github-actions\",\"settings\":{"
                + java.util.stream.IntStream.range(0, 5)
                    .mapToObj(i -> "\"s" + i + "\":\"" + "x".repeat(3300) + "\"")
                    .collect(java.util.stream.Collectors.joining(","))
                + "}}")
        .then()
        .statusCode(400)
        .body("detail", containsString("at most 16384"));

    assertThat(GatewayScript.checks()).isEqualTo(checksBefore);
    given().get(config(slug)).then().body("stored", equalTo(false));
  }

  @Test
  void aNullOverrideRemovesAStoredSettingForOneRun() {
    String slug = slug();
    put(slug, GITHUB).then().statusCode(200);

    given()
        .contentType("application/json")
        .body("{\"settings\":{\"ref\":null}}")
        .post(path(slug))
        .then()
        .statusCode(202)
        // the runner's default comes back for the removed one
        .body("settings.ref", equalTo("main"))
        .body("settings.repository", equalTo("acme/widgets"));
  }

  @Test
  void unknownRunnerIs400NamingTheRunners() {
    String slug = slug();

    put(slug, "{\"runner\":\"mainframe\"}")
        .then()
        .statusCode(400)
        .body("detail", containsString("mainframe"))
        .body("detail", containsString("github-actions, local, sim, tuxsuite"))
        .body("runners", hasItems("sim", "github-actions", "tuxsuite"));
  }

  @Test
  void unconfiguredRunnerIs400SayingWhy() {
    put(slug(), "{\"runner\":\"tuxsuite\",\"kind\":\"build\"}")
        .then()
        .statusCode(400)
        .body("detail", containsString("not configured"))
        .body("detail", containsString("GORT_TUXSUITE_TOKEN"));
  }

  @Test
  void kindTheRunnerLacksIs400NamingItsKinds() {
    put(slug(), "{\"runner\":\"github-actions\",\"kind\":\"boot\"}")
        .then()
        .statusCode(400)
        .body("detail", containsString("it runs: build, test"))
        .body("kinds", equalTo(List.of("build", "test")));
  }

  @Test
  void withTheGatewayDownATestConfigIs503ButARunIsTakenUnchecked() {
    String slug = slug();
    GatewayScript.mode("down");

    put(slug, GITHUB)
        .then()
        .statusCode(503)
        .contentType("application/problem+json")
        .header("Retry-After", notNullValue());
    given()
        .contentType("application/json")
        .body("{\"runner\": \"github-actions\", \"settings\": {\"ref\": \"dev\"}}")
        .post(path(slug))
        .then()
        .statusCode(202)
        .body("runner", equalTo("github-actions"))
        .body("settings.ref", equalTo("dev"));

    GatewayScript.mode("ok");
    given().get(config(slug)).then().body("stored", equalTo(false));
    assertThat(RunTable.runIds(db, slug)).hasSize(1);
  }

  @Test
  void ifMatchWithAnotherVersionIs412() {
    String slug = slug();
    String etag = put(slug, GITHUB).then().statusCode(200).extract().header("ETag");

    given()
        .contentType("application/json")
        .header("If-Match", "\"999\"")
        .body("{\"runner\":\"sim\"}")
        .put(config(slug))
        .then()
        .statusCode(412)
        .body("etag", equalTo(etag));
    given()
        .contentType("application/json")
        .header("If-Match", etag)
        .body("{\"runner\":\"sim\"}")
        .put(config(slug))
        .then()
        .statusCode(200)
        .body("runner", equalTo("sim"));
  }

  @Test
  void testRunOverridesAreMergedOverTheConfigAndSentInRunRequested() {
    String slug = slug();
    String bearer = ownerToken(slug);
    asOwner(slug, bearer).body(GITHUB).put(config(slug)).then().statusCode(200);

    Response run =
        asOwner(slug, ApiTokens.bearer("owner-" + slug, "owner"))
            .body("{\"kind\":\"build\",\"settings\":{\"ref\":\"feature\"}}")
            .post(path(slug));

    Map<String, Object> expected =
        Map.of("repository", "acme/widgets", "workflow", "gort.yml", "ref", "feature");
    run.then()
        .statusCode(202)
        .body("runner", equalTo("github-actions"))
        .body("kind", equalTo("build"))
        .body("settings", equalTo(expected));
    String runId = run.path("id");
    given()
        .get("/api/v1/test-runs/" + runId)
        .then()
        .body("kind", equalTo("build"))
        .body("settings", equalTo(expected));
    RunRequested requested = requested(runId);
    assertThat(requested.runner()).isEqualTo("github-actions");
    assertThat(requested.kind()).isEqualTo("build");
    assertThat(requested.settings()).isEqualTo(expected);
    // the stored configuration is not changed by a run's overrides
    given().get(config(slug)).then().body("settings.ref", equalTo("dev"));
    given()
        .queryParam("$top", 1000)
        .get("/api/v1/experiments")
        .then()
        .body(
            "value.find { it.slug == '" + slug + "' }.testConfig.runner", equalTo("github-actions"))
        .body("value.find { it.slug == '" + slug + "' }.testConfig.kind", equalTo("test"));
  }

  @Test
  void testRunWithoutConfigIsADefaultRunnerTest() {
    String slug = slug();

    String runId =
        given()
            .contentType("application/json")
            .post(path(slug))
            .then()
            .statusCode(202)
            .body("runner", equalTo("sim"))
            .body("kind", equalTo("test"))
            .extract()
            .path("id");

    RunRequested requested = requested(runId);
    assertThat(requested.runner()).isEqualTo("sim");
    assertThat(requested.kind()).isEqualTo("test");
    assertThat(requested.settings()).isEmpty();
  }

  @Test
  void testRunTheRunnerRefusesIs400AndStoresNothing() {
    String slug = slug();

    given()
        .contentType("application/json")
        .body("{\"runner\":\"mainframe\"}")
        .post(path(slug))
        .then()
        .statusCode(400)
        .body("detail", containsString("github-actions, local, sim, tuxsuite"));
    given()
        .contentType("application/json")
        .body("{\"runner\":\"github-actions\",\"kind\":\"boot\"}")
        .post(path(slug))
        .then()
        .statusCode(400)
        .body("detail", containsString("build, test"));
    given()
        .contentType("application/json")
        .body("{\"runner\":\"tuxsuite\"}")
        .post(path(slug))
        .then()
        .statusCode(400)
        .body("detail", containsString("not configured"));
    given()
        .contentType("application/json")
        .body("{\"runner\":\"github-actions\",\"settings\":{\"branch\":\"x\"}}")
        .post(path(slug))
        .then()
        .statusCode(400)
        .body("detail", containsString("unknown setting 'branch'"));

    assertThat(RunTable.runIds(db, slug)).isEmpty();
  }

  @Test
  void scheduledRunUsesTheStoredConfigEvenWithTheGatewayDown() {
    String slug = slug();
    put(slug, GITHUB).then().statusCode(200);
    serve(experiment(slug, "r1", true));
    GatewayScript.mode("down");

    poller.pollOnce();

    List<String> runs = RunTable.runIds(db, slug);
    assertThat(runs).hasSize(1);
    RunRequested requested = requested(runs.get(0));
    assertThat(requested.runner()).isEqualTo("github-actions");
    assertThat(requested.kind()).isEqualTo("test");
    assertThat(requested.settings())
        .isEqualTo(Map.of("repository", "acme/widgets", "workflow", "gort.yml", "ref", "dev"));
  }

  private static Response put(String slug, String body) {
    return given().contentType("application/json").body(body).put(config(slug));
  }

  private static RunRequested requested(String runId) {
    return await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () -> kafka.events(Topics.RUNS_REQUESTED, runId, RunRequested.class), l -> !l.isEmpty())
        .get(0);
  }
}
