package dev.gort.scheduler.operation.environment;

import static dev.gort.scheduler.testing.Runs.event;
import static dev.gort.testsupport.ApiTokens.as;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import dev.gort.common.event.Envelope;
import dev.gort.common.event.EnvironmentEvents.EnvironmentCancelRequested;
import dev.gort.common.event.EnvironmentEvents.EnvironmentStatus;
import dev.gort.common.event.Topics;
import dev.gort.scheduler.testing.ExperimentSourceStub;
import dev.gort.scheduler.testing.GatewayStub;
import dev.gort.scheduler.testing.KafkaTestBase;
import dev.gort.testsupport.GortTestResource;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;

/**
 * Issue 12: the provisioner's environment operations in the scheduler's operations API — mirrored
 * from {@code gort.environments.status} (in order, out of order, again), listed beside test runs,
 * owner-scoped, and cancelled by one {@code EnvironmentCancelRequested}. Each test's environments
 * are created on a day of 2002 that no other test uses, so filters single them out.
 */
@QuarkusTest
@QuarkusTestResource(GortTestResource.class)
@QuarkusTestResource(ExperimentSourceStub.class)
@QuarkusTestResource(GatewayStub.class)
class EnvironmentOperationTest extends KafkaTestBase {

  private static final String OPERATIONS = "/api/v1/operations";
  private static final String PROVISIONER = "http://127.0.0.1:8085";
  private static final Instant EPOCH = Instant.parse("2002-01-01T00:00:00Z");
  private static final AtomicInteger DAYS = new AtomicInteger();

  @Inject AgroalDataSource db;

  /** One environment of a test: its ids, owner, and the day its statuses are dated on. */
  private static final class Env {
    final String id = "env-" + UUID.randomUUID();
    final String operationId = "envop-" + UUID.randomUUID();
    final String owner;
    final Instant created;

    Env(String owner, Instant created) {
      this.owner = owner;
      this.created = created;
    }

    Envelope status(long sequence, String state, int percent, String failure) {
      return event(
          new EnvironmentStatus(
              id,
              operationId,
              owner,
              sequence,
              state,
              "step-" + sequence,
              percent,
              failure,
              null,
              null,
              null,
              List.of(),
              created,
              created.plusSeconds(60 * sequence)));
    }

    String path() {
      return OPERATIONS + "/" + operationId;
    }
  }

  private static Instant day() {
    return EPOCH.plus(Duration.ofDays(DAYS.incrementAndGet()));
  }

  private static String within(Instant day) {
    return "createdDateTime ge " + day + " and createdDateTime lt " + day.plus(Duration.ofDays(1));
  }

  private static RecordMetadata publish(Envelope status) {
    return kafka.publish(Topics.ENVIRONMENTS_STATUS, status);
  }

  private static void awaitConsumed(RecordMetadata... records) {
    await().atMost(Duration.ofSeconds(30)).until(() -> kafka.consumed(GROUP, records));
  }

  private static void awaitStatus(Env env, String status) {
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> given().get(env.path()).then().statusCode(200).body("status", equalTo(status)));
  }

  private static List<EnvironmentCancelRequested> cancels(Env env) {
    return kafka.events(Topics.ENVIRONMENTS_REQUESTED, env.id, EnvironmentCancelRequested.class);
  }

  @Test
  void statusesInOrderAdvanceTheOperationUntilItPointsAtTheEnvironment() {
    Env env = new Env("alice", day());
    publish(env.status(1, "REQUESTED", 0, null));
    awaitStatus(env, "notstarted");
    given()
        .get(env.path())
        .then()
        .header("Retry-After", notNullValue())
        .body("id", equalTo(env.operationId))
        .body("kind", equalTo("environment"))
        .body("percentComplete", equalTo(0))
        .body("createdDateTime", equalTo(env.created.toString()))
        .body("lastActionDateTime", equalTo(env.created.plusSeconds(60).toString()))
        .body("resourceLocation", nullValue());

    publish(env.status(2, "PROVISIONING", 40, null));
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(() -> given().get(env.path()).then().body("percentComplete", equalTo(40)));
    given()
        .get(env.path())
        .then()
        .body("status", equalTo("running"))
        .body("resourceLocation", nullValue())
        .body("error", nullValue());

    publish(env.status(3, "READY", 100, null));
    awaitStatus(env, "succeeded");
    Response ready = given().get(env.path());
    ready
        .then()
        .body("percentComplete", equalTo(100))
        .body("lastActionDateTime", equalTo(env.created.plusSeconds(180).toString()))
        .body("resourceLocation", equalTo(PROVISIONER + "/api/v1/environments/" + env.id))
        .body("error", nullValue());
    assertThat(ready.getHeader("Retry-After")).isNull();

    // torn down later: still succeeded, through running
    publish(env.status(4, "TEARING_DOWN", 100, null));
    awaitStatus(env, "running");
    publish(env.status(5, "TORN_DOWN", 100, null));
    awaitStatus(env, "succeeded");
  }

  @Test
  void anOlderOrRepeatedStatusNeverOverwritesANewerOne() throws SQLException {
    Env env = new Env("alice", day());
    Envelope requested = env.status(1, "REQUESTED", 0, null);
    Envelope provisioning = env.status(2, "PROVISIONING", 30, null);
    Envelope failed = env.status(5, "FAILED", 70, "no bare-metal host of type compute_skylake");

    // the newest first, then the older ones, then each again
    awaitConsumed(publish(failed));
    awaitStatus(env, "failed");
    awaitConsumed(
        publish(provisioning),
        publish(requested),
        publish(failed),
        publish(provisioning),
        publish(env.status(4, "PROVISIONING", 60, null)));

    given()
        .get(env.path())
        .then()
        .body("status", equalTo("failed"))
        .body("percentComplete", equalTo(70))
        .body("lastActionDateTime", equalTo(env.created.plusSeconds(300).toString()))
        .body("error.code", equalTo("ProvisioningFailed"))
        .body("error.message", equalTo("no bare-metal host of type compute_skylake"))
        .body("resourceLocation", equalTo(PROVISIONER + "/api/v1/environments/" + env.id));
    Map<String, Object> row = row(env);
    assertThat(row)
        .containsEntry("sequence", 5L)
        .containsEntry("state", "FAILED")
        .containsEntry("step", "step-5")
        .containsEntry("owner", "alice");

    // a newer one still applies; an equal sequence sent under a new event id changes nothing
    awaitConsumed(publish(env.status(6, "CANCELLED", 70, null)));
    awaitStatus(env, "cancelled");
    awaitConsumed(publish(env.status(6, "PROVISIONING", 10, null)));
    given()
        .get(env.path())
        .then()
        .body("status", equalTo("cancelled"))
        .body("error.code", equalTo("Cancelled"));
    assertThat(row(env)).containsEntry("sequence", 6L).containsEntry("state", "CANCELLED");
  }

  @Test
  void aStatusWithoutAnOperationIsDeadLettered() {
    Env env = new Env("alice", day());
    Envelope broken =
        event(
            new EnvironmentStatus(
                env.id,
                null,
                "alice",
                1,
                "REQUESTED",
                null,
                0,
                null,
                null,
                null,
                null,
                null,
                env.created,
                env.created));
    awaitConsumed(publish(broken));
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(kafka.values(Topics.deadLetter("scheduler-service"), env.id))
                    .isNotEmpty());
    assertThat(row(env)).isEmpty();
  }

  @Test
  void environmentsAreListedBesideTestRunsFilteredSortedAndPaged() {
    Instant day = day();
    Env requested = new Env("alice", day.plusSeconds(30));
    Env provisioning = new Env("alice", day.plusSeconds(10));
    Env failed = new Env("alice", day.plusSeconds(20));
    Env ready = new Env("alice", day.plusSeconds(40));
    awaitConsumed(
        publish(requested.status(1, "REQUESTED", 0, null)),
        publish(provisioning.status(2, "PROVISIONING", 50, null)),
        publish(failed.status(3, "FAILED", 60, "lease stuck in PENDING")),
        publish(ready.status(4, "READY", 100, null)));
    String run1 = testRun(day.plusSeconds(5), "QUEUED", null);
    String run2 = testRun(day.plusSeconds(25), "RUNNING", null);
    String all = within(day);

    // default order: not started, running, completed, each by creation time, both kinds
    assertThat(ids(all, null))
        .containsExactly(
            run1,
            requested.operationId,
            provisioning.operationId,
            run2,
            failed.operationId,
            ready.operationId);
    assertThat(ids(all + " and kind eq 'environment'", null))
        .containsExactly(
            requested.operationId, provisioning.operationId, failed.operationId, ready.operationId);
    assertThat(ids(all + " and kind eq 'test-run'", null)).containsExactly(run1, run2);
    assertThat(ids(all + " and kind eq 'environment' and status eq 'running'", null))
        .containsExactly(provisioning.operationId);
    assertThat(ids(all + " and status eq 'notstarted'", null))
        .containsExactly(run1, requested.operationId);
    assertThat(ids(all + " and status eq 'failed'", null)).containsExactly(failed.operationId);
    assertThat(ids(all + " and status eq 'succeeded'", null)).containsExactly(ready.operationId);
    // environments have no experiment: no comparison on it selects one
    assertThat(ids(all + " and kind eq 'environment' and experiment ne 'x'", null)).isEmpty();
    assertThat(ids(all + " and kind eq 'environment' and experiment eq 'x'", null)).isEmpty();
    // lastActionDateTime is the status's changedAt (created + 60 s × sequence)
    assertThat(
            ids(
                all
                    + " and kind eq 'environment' and lastActionDateTime ge "
                    + day.plusSeconds(10 + 120),
                null))
        .containsExactly(provisioning.operationId, failed.operationId, ready.operationId);
    assertThat(ids(all, "createdDateTime desc"))
        .containsExactly(
            ready.operationId,
            requested.operationId,
            run2,
            failed.operationId,
            provisioning.operationId,
            run1);
    assertThat(ids(all + " and kind eq 'environment'", "lastActionDateTime asc"))
        .containsExactly(
            requested.operationId, provisioning.operationId, failed.operationId, ready.operationId);

    // pages of two, following nextLink, visit each once in the same order
    List<String> paged = new ArrayList<>();
    Response page = given().queryParam("$filter", all).queryParam("$top", "2").get(OPERATIONS);
    while (true) {
      page.then().statusCode(200);
      paged.addAll(page.jsonPath().getList("value.id"));
      String next = page.path("nextLink");
      if (next == null) {
        break;
      }
      page = given().urlEncodingEnabled(false).get(next);
    }
    assertThat(paged).isEqualTo(ids(all, null));

    // each listed environment operation is its own resource
    for (Map<String, Object> listed : list(all + " and kind eq 'environment'", null)) {
      @SuppressWarnings("unchecked")
      Map<String, Object> own =
          given()
              .get(OPERATIONS + "/" + listed.get("id"))
              .then()
              .statusCode(200)
              .extract()
              .as(Map.class);
      assertThat(listed).isEqualTo(own);
    }
    assertThat(list(all + " and status eq 'failed'", null).get(0))
        .containsEntry("kind", "environment")
        .containsEntry("percentComplete", 60)
        .containsEntry(
            "error", Map.of("code", "ProvisioningFailed", "message", "lease stuck in PENDING"))
        .containsEntry("resourceLocation", PROVISIONER + "/api/v1/environments/" + failed.id);
  }

  @Test
  void anOwnerSeesOnlyItsOwnEnvironments() {
    Instant day = day();
    Env alices = new Env("alice", day.plusSeconds(1));
    Env bobs = new Env("bob", day.plusSeconds(2));
    awaitConsumed(
        publish(alices.status(1, "PROVISIONING", 10, null)),
        publish(bobs.status(1, "PROVISIONING", 10, null)));
    String filter = within(day) + " and kind eq 'environment'";

    assertThat(
            as("alice", "owner")
                .queryParam("$filter", filter)
                .get(OPERATIONS)
                .then()
                .statusCode(200)
                .extract()
                .<List<String>>path("value.id"))
        .containsExactly(alices.operationId);
    as("alice", "owner").get(alices.path()).then().statusCode(200);
    as("alice", "owner").get(bobs.path()).then().statusCode(404);
    as("alice", "owner").delete(bobs.path()).then().statusCode(404);
    assertThat(ids(filter, null)).containsExactly(alices.operationId, bobs.operationId);

    // the 404 asked nothing of the provisioner
    as("bob", "owner").delete(bobs.path()).then().statusCode(202);
    await().atMost(Duration.ofSeconds(30)).until(() -> !cancels(bobs).isEmpty());
    assertThat(cancels(bobs))
        .containsExactly(new EnvironmentCancelRequested(bobs.id, "bob", "bob"));
  }

  @Test
  void cancelPublishesOneCancelRequestedAndTheOperationRunsUntilTheProvisionerSays()
      throws SQLException {
    Env env = new Env("alice", day());
    awaitConsumed(publish(env.status(2, "PROVISIONING", 30, null)));

    for (int i = 0; i < 3; i++) {
      as("alice", "owner")
          .delete(env.path())
          .then()
          .statusCode(202)
          .header("Operation-Location", OPERATIONS + "/" + env.operationId)
          .body("id", equalTo(env.operationId))
          .body("status", equalTo("running"))
          .body("percentComplete", equalTo(30));
    }
    await().atMost(Duration.ofSeconds(30)).until(() -> !cancels(env).isEmpty());
    given().delete(env.path()).then().statusCode(202);
    // the relay publishes every 0.1 s: give a second event time to show up
    await().pollDelay(Duration.ofSeconds(2)).until(() -> true);
    assertThat(cancels(env))
        .containsExactly(new EnvironmentCancelRequested(env.id, "alice", "alice"));
    assertThat(row(env)).containsEntry("cancel_requested_by", "alice");
    assertThat(row(env).get("cancel_requested_at")).isNotNull();
    given().get(env.path()).then().body("status", equalTo("running"));

    // the provisioner stopped and cleaned up: cancelled, and a DELETE still answers 202
    publish(env.status(3, "CANCELLED", 30, "cancelled by alice"));
    awaitStatus(env, "cancelled");
    given()
        .delete(env.path())
        .then()
        .statusCode(202)
        .body("status", equalTo("cancelled"))
        .body("error.code", equalTo("Cancelled"))
        .body("error.message", equalTo("cancelled by alice"))
        .body("resourceLocation", equalTo(PROVISIONER + "/api/v1/environments/" + env.id));
    assertThat(cancels(env)).hasSize(1);
  }

  @Test
  void aFinishedEnvironmentIsNotCancelledAgain() {
    Env ready = new Env("alice", day());
    Env failed = new Env("alice", day());
    awaitConsumed(
        publish(ready.status(3, "READY", 100, null)),
        publish(failed.status(3, "FAILED", 50, "server ERROR: no valid host")));

    as("alice", "owner")
        .delete(ready.path())
        .then()
        .statusCode(409)
        .contentType("application/problem+json")
        .body("operationStatus", equalTo("succeeded"));
    given().delete(failed.path()).then().statusCode(409).body("operationStatus", equalTo("failed"));
    given().get(ready.path()).then().body("status", equalTo("succeeded"));

    // a cancel asked after them gets out, theirs never do
    Env control = new Env("alice", day());
    awaitConsumed(publish(control.status(1, "REQUESTED", 0, null)));
    given().delete(control.path()).then().statusCode(202).body("status", equalTo("notstarted"));
    await().atMost(Duration.ofSeconds(30)).until(() -> !cancels(control).isEmpty());
    await().pollDelay(Duration.ofSeconds(1)).until(() -> true);
    assertThat(cancels(ready)).isEmpty();
    assertThat(cancels(failed)).isEmpty();
  }

  @Test
  void storedStatusAndProgressAgreeWithTheJavaMappingForEveryState() throws SQLException {
    List<String> states = new ArrayList<>(EnvironmentOperationStatus.STATES);
    states.add("SOMETHING_NEWER");
    List<String> seen = new ArrayList<>();
    String tag = "map-" + UUID.randomUUID();
    try (Connection c = db.getConnection()) {
      c.setAutoCommit(false);
      try (PreparedStatement insert =
          c.prepareStatement(
              "INSERT INTO environment_operation (environment_id, operation_id, state,"
                  + " percent_complete, created_at, last_action_at, sequence) VALUES (?, ?, ?, 0,"
                  + " now(), now(), 1) RETURNING operation_status, operation_progress")) {
        for (String state : states) {
          insert.setString(1, tag + state);
          insert.setString(2, tag + "-op-" + state);
          insert.setString(3, state);
          try (ResultSet r = insert.executeQuery()) {
            r.next();
            assertThat(r.getString(1))
                .as(state)
                .isEqualTo(EnvironmentOperationStatus.status(state));
            assertThat(r.getInt(2)).as(state).isEqualTo(EnvironmentOperationStatus.progress(state));
            seen.add(r.getString(1) + "/" + r.getInt(2));
          }
        }
      } finally {
        c.rollback();
      }
    }
    assertThat(seen)
        .containsExactly(
            "notstarted/0",
            "running/1",
            "succeeded/2",
            "running/1",
            "succeeded/2",
            "succeeded/2",
            "failed/2",
            "cancelled/2",
            "running/1");
  }

  // helpers

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> list(String filter, String orderBy) {
    Map<String, String> options = new LinkedHashMap<>();
    options.put("$filter", filter);
    if (orderBy != null) {
      options.put("$orderby", orderBy);
    }
    options.put("$top", "1000");
    Response page = given().queryParams(options).get(OPERATIONS);
    page.then().statusCode(200);
    assertThat((String) page.path("nextLink")).isNull();
    return (List<Map<String, Object>>) (List<?>) page.jsonPath().getList("value");
  }

  private static List<String> ids(String filter, String orderBy) {
    return list(filter, orderBy).stream().map(o -> (String) o.get("id")).toList();
  }

  /** A test run written straight into {@code test_run}; its operation id. */
  private String testRun(Instant created, String state, String outcome) {
    String id = "envtest-run-" + UUID.randomUUID();
    try (Connection c = db.getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "INSERT INTO test_run (id, experiment, revision, owner, owner_email, runner,"
                    + " state, outcome, attempts, max_attempts, operation_id, created_at,"
                    + " last_action_at) VALUES (?, ?, 'rev-1', 'alice', 'a@example.com', 'sim',"
                    + " ?, ?, 1, 3, ?, ?, ?)")) {
      s.setString(1, id);
      s.setString(2, id);
      s.setString(3, state);
      s.setString(4, outcome);
      s.setString(5, id + "-op");
      s.setObject(6, OffsetDateTime.ofInstant(created, ZoneOffset.UTC));
      s.setObject(7, OffsetDateTime.ofInstant(created, ZoneOffset.UTC));
      s.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return id + "-op";
  }

  /** The mirror's row of {@code env}, column by column; empty when there is none. */
  private Map<String, Object> row(Env env) {
    try (Connection c = db.getConnection();
        PreparedStatement s =
            c.prepareStatement("SELECT * FROM environment_operation WHERE environment_id = ?")) {
      s.setString(1, env.id);
      try (ResultSet r = s.executeQuery()) {
        Map<String, Object> row = new LinkedHashMap<>();
        if (r.next()) {
          for (int i = 1; i <= r.getMetaData().getColumnCount(); i++) {
            row.put(r.getMetaData().getColumnName(i), r.getObject(i));
          }
        }
        return row;
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
