package dev.gort.scheduler.poll;

import static dev.gort.scheduler.testing.SourceScript.experiment;
import static dev.gort.scheduler.testing.SourceScript.serve;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import dev.gort.common.event.Outcome;
import dev.gort.common.event.RunEvents.RunRequested;
import dev.gort.common.event.Topics;
import dev.gort.scheduler.testing.ExperimentSourceStub;
import dev.gort.scheduler.testing.GatewayStub;
import dev.gort.scheduler.testing.KafkaTestBase;
import dev.gort.scheduler.testing.RunTable;
import dev.gort.scheduler.testing.SourceScript;
import dev.gort.testsupport.GortTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Seed 000, "Github Scheduler" and "No Available Experiments", one poll at a time (the poll loop is
 * off in this profile): which experiments are due, what a poll records, and how a source that is
 * down or answers garbage is recorded.
 */
@QuarkusTest
@QuarkusTestResource(GortTestResource.class)
@QuarkusTestResource(ExperimentSourceStub.class)
@QuarkusTestResource(GatewayStub.class)
class ExperimentPollerTest extends KafkaTestBase {

  @Inject ExperimentPoller poller;
  @Inject DataSource db;

  @AfterEach
  void sourceBackToNormal() {
    serve();
  }

  @Test
  void readyExperimentWithoutARunForItsRevisionGetsOne() {
    String slug = slug();
    serve(experiment(slug, "r1", true));

    PollView poll = poller.pollOnce();

    assertThat(poll.status()).isEqualTo("SUCCEEDED");
    assertThat(poll.experimentsSeen()).isEqualTo(1);
    assertThat(poll.experimentsReady()).isEqualTo(1);
    assertThat(poll.runsCreated()).isEqualTo(1);
    assertThat(RunTable.runsPerRevision(db, slug)).isEqualTo(Map.of("r1", 1));
    String runId = RunTable.runIds(db, slug).get(0);
    given()
        .get("/api/v1/test-runs/" + runId)
        .then()
        .body("state", equalTo("QUEUED"))
        .body("owner", equalTo("owner-" + slug))
        .body("history[0].reason", org.hamcrest.Matchers.containsString("scheduled"));
    List<RunRequested> requested =
        await()
            .atMost(Duration.ofSeconds(20))
            .until(
                () -> kafka.events(Topics.RUNS_REQUESTED, runId, RunRequested.class),
                l -> !l.isEmpty());
    assertThat(requested.get(0).revision()).isEqualTo("r1");
  }

  @Test
  void unchangedRevisionIsNotTestedAgain() {
    String slug = slug();
    serve(experiment(slug, "r1", true));
    poller.pollOnce();
    RunTable.finishInTable(db, slug);

    PollView second = poller.pollOnce();
    PollView third = poller.pollOnce();

    assertThat(second.runsCreated()).isZero();
    assertThat(third.runsCreated()).isZero();
    assertThat(RunTable.runsPerRevision(db, slug)).isEqualTo(Map.of("r1", 1));
  }

  @Test
  void changedRevisionIsTestedAgain() {
    String slug = slug();
    serve(experiment(slug, "r1", true));
    poller.pollOnce();
    RunTable.finishByEvents(kafka, RunTable.runIds(db, slug).get(0), Outcome.PASSED);

    serve(experiment(slug, "r2", true));
    PollView poll = poller.pollOnce();

    assertThat(poll.runsCreated()).isEqualTo(1);
    assertThat(RunTable.runsPerRevision(db, slug)).isEqualTo(Map.of("r1", 1, "r2", 1));
  }

  @Test
  void changedRevisionWaitsUntilTheEarlierRunFinishes() {
    String slug = slug();
    serve(experiment(slug, "r1", true));
    poller.pollOnce();
    serve(experiment(slug, "r2", true));

    PollView whileBusy = poller.pollOnce();
    RunTable.finishInTable(db, slug);
    PollView afterwards = poller.pollOnce();

    assertThat(whileBusy.runsCreated()).isZero();
    assertThat(whileBusy.status()).isEqualTo("SUCCEEDED");
    assertThat(afterwards.runsCreated()).isEqualTo(1);
    assertThat(RunTable.runsPerRevision(db, slug)).isEqualTo(Map.of("r1", 1, "r2", 1));
  }

  @Test
  void nothingReadyMeansNoRunAndNoEventButThePollIsRecorded() {
    String first = slug();
    String second = slug();
    serve(experiment(first, "r1", false), experiment(second, "r1", false));

    PollView poll = poller.pollOnce();

    assertThat(poll.status()).isEqualTo("SUCCEEDED");
    assertThat(poll.experimentsSeen()).isEqualTo(2);
    assertThat(poll.experimentsReady()).isZero();
    assertThat(poll.runsCreated()).isZero();
    assertThat(poll.startedDateTime()).isNotNull();
    assertThat(RunTable.runsPerRevision(db, first)).isEmpty();
    assertThat(RunTable.eventsMentioning(db, first)).isZero();
    assertThat(RunTable.eventsMentioning(db, second)).isZero();
    given()
        .get("/api/v1/experiments/polls?$top=1")
        .then()
        .statusCode(200)
        .body("value[0].id", equalTo(poll.id()))
        .body("value[0].experimentsSeen", equalTo(2))
        .body("value[0].runsCreated", equalTo(0));
  }

  @Test
  void emptySourceIsARecordedPollThatSawNothing() {
    serve();

    PollView poll = poller.pollOnce();

    assertThat(poll.status()).isEqualTo("SUCCEEDED");
    assertThat(poll.experimentsSeen()).isZero();
    assertThat(poll.reason()).isNull();
  }

  @Test
  void triggeredRunOfTheCurrentRevisionCountsAsTested() {
    // the stub serves every exp-* slug at revision rev-1 to the trigger endpoint
    String slug = slug();
    given().post("/api/v1/experiments/" + slug + "/test-runs").then().statusCode(202);
    RunTable.finishInTable(db, slug);
    serve(experiment(slug, "rev-1", true));

    PollView poll = poller.pollOnce();

    assertThat(poll.runsCreated()).isZero();
    assertThat(RunTable.runsPerRevision(db, slug)).isEqualTo(Map.of("rev-1", 1));
  }

  @Test
  void unfinishedTriggeredRunMakesANewRevisionWait() {
    String slug = slug();
    given().post("/api/v1/experiments/" + slug + "/test-runs").then().statusCode(202);
    serve(experiment(slug, "rev-2", true));

    PollView poll = poller.pollOnce();

    assertThat(poll.status()).isEqualTo("SUCCEEDED");
    assertThat(poll.runsCreated()).isZero();
    assertThat(RunTable.runsPerRevision(db, slug)).isEqualTo(Map.of("rev-1", 1));
  }

  @Test
  void sourceDownIsAFailedPollWithTheReason() {
    SourceScript.mode("down");

    assertThatThrownBy(poller::pollOnce)
        .isInstanceOf(ExperimentPoller.PollFailed.class)
        .hasMessageContaining("503");

    given()
        .get("/api/v1/experiments/polls?$top=1")
        .then()
        .statusCode(200)
        .body("value[0].status", equalTo("FAILED"))
        .body("value[0].reason", equalTo("the experiment source answered HTTP 503"));
    given().get("/api/v1/experiments").then().statusCode(200);
  }

  @Test
  void garbageIsAFailedPollWithTheReason() {
    SourceScript.mode("garbage");

    assertThatThrownBy(poller::pollOnce)
        .isInstanceOf(ExperimentPoller.PollFailed.class)
        .hasMessageContaining("malformed JSON");

    given()
        .get("/api/v1/experiments/polls?$top=1")
        .then()
        .body("value[0].status", equalTo("FAILED"))
        .body(
            "value[0].reason",
            org.hamcrest.Matchers.startsWith("the experiment source answered malformed JSON"));
  }

  @Test
  void jsonThatIsNotAListIsAFailedPoll() {
    SourceScript.serveRaw("{\"value\": []}");

    assertThatThrownBy(poller::pollOnce)
        .isInstanceOf(ExperimentPoller.PollFailed.class)
        .hasMessageContaining("object JSON where a list of experiments was expected");
  }

  @Test
  void unusableEntriesAreSkippedAndNamedWhileTheOthersAreTested() {
    String good = slug();
    String noRevision = slug();
    SourceScript.serveRaw(
        "[{\"slug\":\""
            + good
            + "\",\"revision\":\"r1\",\"readyForTest\":true},"
            + "{\"name\":\"nameless\",\"revision\":\"r1\"},"
            + "{\"slug\":\""
            + noRevision
            + "\",\"readyForTest\":true},"
            + "{\"slug\":\"Not A Slug\",\"revision\":\"r1\"},"
            + "{\"slug\":\""
            + good
            + "\",\"revision\":\"r9\"},"
            + "{\"slug\":\"exp-typed\",\"revision\":\"r1\",\"readyForTest\":\"maybe\"},"
            + "42]");

    PollView poll = poller.pollOnce();

    assertThat(poll.status()).isEqualTo("SUCCEEDED");
    assertThat(poll.experimentsSeen()).isEqualTo(1);
    assertThat(poll.entriesSkipped()).isEqualTo(6);
    assertThat(poll.runsCreated()).isEqualTo(1);
    assertThat(poll.reason())
        .startsWith("skipped 6 of 7 source entries")
        .contains("entry 1 has no slug")
        .contains("entry 2 ('" + noRevision + "') has no revision")
        .contains("entry 3 has an invalid slug 'Not A Slug'")
        .contains("entry 4 repeats slug '" + good + "'")
        .contains("entry 5 ('exp-typed') is malformed")
        .contains("entry 6 is not an experiment object");
    assertThat(RunTable.runsPerRevision(db, good)).isEqualTo(Map.of("r1", 1));
    assertThat(RunTable.runsPerRevision(db, noRevision)).isEmpty();
  }

  @Test
  void listOfOnlyUnusableEntriesIsAFailedPoll() {
    SourceScript.serveRaw("[{\"name\":\"nameless\"}, \"text\"]");

    assertThatThrownBy(poller::pollOnce)
        .isInstanceOf(ExperimentPoller.PollFailed.class)
        .hasMessageContaining("none of the 2 entries")
        .hasMessageContaining("has no slug");
  }

  private static String slug() {
    return "exp-" + UUID.randomUUID().toString().substring(0, 8);
  }
}
