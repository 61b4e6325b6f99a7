package dev.gort.scheduler.poll;

import static dev.gort.scheduler.testing.SourceScript.experiment;
import static dev.gort.scheduler.testing.SourceScript.serve;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import dev.gort.scheduler.testing.ExperimentSourceStub;
import dev.gort.scheduler.testing.GatewayStub;
import dev.gort.scheduler.testing.RunTable;
import dev.gort.scheduler.testing.SourceScript;
import dev.gort.testsupport.ApiTokens;
import dev.gort.testsupport.GortTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The poll loop on its own thread: a ready experiment gets its run within a poll; a source that is
 * down or answers garbage is recorded as failed polls, with back-off, while the API keeps
 * answering; polling goes back to its interval once the source is back.
 */
@QuarkusTest
@TestProfile(PollingOn.class)
@QuarkusTestResource(GortTestResource.class)
@QuarkusTestResource(ExperimentSourceStub.class)
@QuarkusTestResource(GatewayStub.class)
class PollLoopTest {

  @BeforeEach
  void signInAsOperator() {
    ApiTokens.callAsOperator();
  }

  @Inject DataSource db;

  @AfterEach
  void sourceBackToNormal() {
    serve();
  }

  @Test
  void readyExperimentGetsItsRunWithinAPoll() {
    String slug = slug();
    serve(experiment(slug, "r1", true), experiment(slug(), "r1", false));

    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> RunTable.runsPerRevision(db, slug).equals(Map.of("r1", 1)));
    await()
        .pollDelay(Duration.ofMillis(4 * PollingOn.INTERVAL_MILLIS))
        .atMost(Duration.ofSeconds(5))
        .until(() -> RunTable.runsPerRevision(db, slug).equals(Map.of("r1", 1)));
    given()
        .get("/api/v1/experiments/polls?$top=1")
        .then()
        .body("value[0].status", equalTo("SUCCEEDED"))
        .body("value[0].experimentsSeen", equalTo(2))
        .body("value[0].instance", equalTo("poll-loop-test"));
  }

  @Test
  void sourceDownIsRecordedWithBackOffWhileTheApiAnswersThenPollingRecovers() {
    Instant outage = Instant.now();
    SourceScript.mode("down");

    List<Map<String, Object>> failed =
        await()
            .atMost(Duration.ofSeconds(20))
            .until(() -> failedPollsSince(outage), f -> f.size() >= 5);
    given()
        .get("/api/v1/experiments")
        .then()
        .statusCode(200)
        .body("lastPoll.status", equalTo("FAILED"));
    given().get("/q/health/live").then().statusCode(200);

    assertThat(failed)
        .allSatisfy(
            p -> assertThat(p.get("reason")).isEqualTo("the experiment source answered HTTP 503"));
    // the wait after the n-th failure in a row is interval * 2^(n-1), at most max-backoff
    List<Long> gaps = gapsMillis(failed.subList(0, 5));
    assertThat(gaps.get(2)).isGreaterThanOrEqualTo(4 * PollingOn.INTERVAL_MILLIS);
    assertThat(gaps.get(3)).isGreaterThanOrEqualTo(PollingOn.MAX_BACKOFF_MILLIS);
    assertThat(gaps.get(3)).isGreaterThan(gaps.get(0));

    SourceScript.mode("garbage");
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                String.valueOf(latestPolls(1).get(0).get("reason"))
                    .startsWith("the experiment source answered malformed JSON"));

    String slug = slug();
    serve(experiment(slug, "r1", true));
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> RunTable.runsPerRevision(db, slug).equals(Map.of("r1", 1)));
    List<Map<String, Object>> recovered =
        await()
            .atMost(Duration.ofSeconds(10))
            .until(
                () -> latestPolls(3),
                p -> p.stream().allMatch(poll -> "SUCCEEDED".equals(poll.get("status"))));
    assertThat(gapsMillis(reversed(recovered)))
        .as("back at the interval once polls succeed")
        .allSatisfy(gap -> assertThat(gap).isLessThan(PollingOn.MAX_BACKOFF_MILLIS));
  }

  private static List<Map<String, Object>> failedPollsSince(Instant since) {
    List<Map<String, Object>> failed = new ArrayList<>();
    for (Map<String, Object> p : latestPolls(50)) {
      if ("FAILED".equals(p.get("status"))
          && Instant.parse((String) p.get("startedDateTime")).isAfter(since)) {
        failed.add(p);
      }
    }
    return reversed(failed);
  }

  private static List<Map<String, Object>> latestPolls(int top) {
    JsonPath page = given().get("/api/v1/experiments/polls?$top=" + top).jsonPath();
    return page.getList("value");
  }

  /** Time between the starts of consecutive polls, oldest first. */
  private static List<Long> gapsMillis(List<Map<String, Object>> oldestFirst) {
    List<Long> gaps = new ArrayList<>();
    for (int i = 1; i < oldestFirst.size(); i++) {
      gaps.add(
          Duration.between(
                  Instant.parse((String) oldestFirst.get(i - 1).get("startedDateTime")),
                  Instant.parse((String) oldestFirst.get(i).get("startedDateTime")))
              .toMillis());
    }
    return gaps;
  }

  private static <T> List<T> reversed(List<T> list) {
    List<T> copy = new ArrayList<>(list);
    java.util.Collections.reverse(copy);
    return copy;
  }

  private static String slug() {
    return "exp-" + UUID.randomUUID().toString().substring(0, 8);
  }
}
