package dev.gort.scheduler.operation;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import dev.gort.common.event.Outcome;
import dev.gort.scheduler.run.RunState;
import dev.gort.scheduler.testing.ExperimentSourceStub;
import dev.gort.scheduler.testing.GatewayStub;
import dev.gort.testsupport.ApiTokens;
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
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /api/v1/operations} on real PostgreSQL. Each test writes its own test runs straight
 * into {@code test_run}, created on a day of 2001 that no other test uses, so that its filters can
 * single them out among the runs other tests leave behind.
 */
@QuarkusTest
@QuarkusTestResource(GortTestResource.class)
@QuarkusTestResource(ExperimentSourceStub.class)
@QuarkusTestResource(GatewayStub.class)
class OperationListTest {

  @BeforeEach
  void signInAsOperator() {
    ApiTokens.callAsOperator();
  }

  private static final String PATH = "/api/v1/operations";
  private static final Instant EPOCH = Instant.parse("2001-01-01T00:00:00Z");
  private static final AtomicInteger DAYS = new AtomicInteger();

  @Inject AgroalDataSource db;

  /** A test run to write: its number, state, outcome, times after the day's start, experiment. */
  private record Run(
      String n,
      RunState state,
      Outcome outcome,
      Duration created,
      Duration lastAction,
      String experiment,
      String summary) {}

  private static Duration min(double minutes) {
    return Duration.ofNanos((long) (minutes * 60_000_000_000L));
  }

  private static final List<Run> RUNS =
      List.of(
          new Run("01", RunState.QUEUED, null, min(5), min(5), "e01", null),
          new Run("02", RunState.RUNNING, null, min(1), min(6), "e02", null),
          new Run("03", RunState.EVALUATING, null, min(3), min(3.5), "e03", null),
          new Run("04", RunState.FINISHED, Outcome.PASSED, min(0), min(10), "e99", "2 of 2"),
          new Run("05", RunState.FINISHED, Outcome.FAILED, min(2), min(9), "e99", "1 of 2 failed"),
          new Run(
              "06",
              RunState.FINISHED,
              Outcome.INFRA_FAILED,
              min(4).plusNanos(123_456_000),
              min(8),
              "e99",
              "runner farm down"),
          new Run("07", RunState.FINISHED, Outcome.TIMED_OUT, min(6), min(7), "e07", null),
          new Run("08", RunState.FINISHED, Outcome.CANCELLED, min(6), min(12), "e08", "by owner"),
          new Run("09", RunState.QUEUED, null, min(1), min(1), "e09", null),
          new Run("10", RunState.COMPLETED, null, min(2.5), min(11), "e10", null));

  /** The runs of one test: on their own day, with their own experiment names. */
  private final class Day {
    final Instant start = EPOCH.plus(Duration.ofDays(DAYS.incrementAndGet()));
    final String tag = "ol" + UUID.randomUUID().toString().substring(0, 8);

    /** Only this day's operations. */
    String within() {
      return "createdDateTime ge "
          + start
          + " and createdDateTime lt "
          + start.plus(Duration.ofDays(1));
    }

    /** {@code filter}, for this day's operations only. */
    String only(String filter) {
      return within() + " and (" + filter + ")";
    }

    String experiment(String e) {
      return tag + "-" + e;
    }

    Instant at(Duration after) {
      return start.plus(after);
    }

    /** The number of the run whose operation this is, or null if it is not one of this day's. */
    String number(String operationId) {
      return operationId.startsWith(tag + "-op") ? operationId.substring(tag.length() + 3) : null;
    }

    Day write(List<Run> runs) {
      String insert =
          "INSERT INTO test_run (id, experiment, revision, owner, owner_email, runner, state,"
              + " outcome, attempts, max_attempts, operation_id, summary, created_at,"
              + " last_action_at) VALUES (?, ?, 'rev-1', 'owner', 'o@example.com', 'sim', ?, ?,"
              + " 1, 3, ?, ?, ?, ?)";
      try (Connection c = db.getConnection();
          PreparedStatement s = c.prepareStatement(insert)) {
        for (Run run : runs) {
          s.setString(1, tag + "-run" + run.n());
          s.setString(2, experiment(run.experiment()));
          s.setString(3, run.state().name());
          s.setString(4, run.outcome() == null ? null : run.outcome().name());
          s.setString(5, tag + "-op" + run.n());
          s.setString(6, run.summary());
          s.setObject(7, OffsetDateTime.ofInstant(at(run.created()), ZoneOffset.UTC));
          s.setObject(8, OffsetDateTime.ofInstant(at(run.lastAction()), ZoneOffset.UTC));
          s.addBatch();
        }
        s.executeBatch();
      } catch (SQLException e) {
        throw new IllegalStateException(e);
      }
      return this;
    }

    /** This day's run numbers, in list order, over every page {@code filter} selects. */
    List<String> numbers(String filter, String orderBy) {
      Map<String, String> options = new LinkedHashMap<>();
      options.put("$filter", filter);
      if (orderBy != null) {
        options.put("$orderby", orderBy);
      }
      options.put("$top", "1000");
      return all(options).stream()
          .map(o -> number((String) o.get("id")))
          .filter(n -> n != null)
          .toList();
    }

    List<String> numbers(String filter) {
      return numbers(filter, null);
    }
  }

  private Day day() {
    return new Day().write(RUNS);
  }

  private static Response list(Map<String, String> options) {
    return given().queryParams(options).get(PATH);
  }

  /** Every operation over all pages, following nextLink from the first. */
  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> all(Map<String, String> options) {
    List<Map<String, Object>> operations = new ArrayList<>();
    Response page = list(options);
    while (true) {
      page.then().statusCode(200).contentType("application/json");
      operations.addAll((List<Map<String, Object>>) (List<?>) page.jsonPath().getList("value"));
      String next = page.jsonPath().getString("nextLink");
      if (next == null) {
        return operations;
      }
      page = given().urlEncodingEnabled(false).get(next);
    }
  }

  @Test
  void defaultOrderIsNotStartedThenRunningThenCompletedEachByCreationTime() {
    Day day = day();

    assertThat(day.numbers(day.within()))
        .containsExactly("09", "01", "02", "10", "03", "04", "05", "06", "07", "08");

    // the whole list, whatever other tests left in it, keeps the same order
    List<Map<String, Object>> everything = all(Map.of("$top", "1000"));
    for (int i = 1; i < everything.size(); i++) {
      Map<String, Object> before = everything.get(i - 1);
      Map<String, Object> after = everything.get(i);
      int progress = Integer.compare(progress(before), progress(after));
      assertThat(progress).as("%s before %s", before, after).isLessThanOrEqualTo(0);
      if (progress == 0) {
        assertThat(created(before)).isBeforeOrEqualTo(created(after));
      }
    }
  }

  private static int progress(Map<String, Object> operation) {
    return switch ((String) operation.get("status")) {
      case "notstarted" -> 0;
      case "running" -> 1;
      default -> 2;
    };
  }

  private static Instant created(Map<String, Object> operation) {
    return Instant.parse((String) operation.get("createdDateTime"));
  }

  @Test
  void orderByEitherTimeInEitherDirectionWithTheRunIdBreakingTies() {
    Day day = day();

    assertThat(day.numbers(day.within(), "createdDateTime"))
        .containsExactly("04", "02", "09", "05", "10", "03", "06", "01", "07", "08");
    assertThat(day.numbers(day.within(), "createdDateTime asc"))
        .containsExactly("04", "02", "09", "05", "10", "03", "06", "01", "07", "08");
    assertThat(day.numbers(day.within(), "createdDateTime desc"))
        .containsExactly("07", "08", "01", "06", "03", "10", "05", "02", "09", "04");
    assertThat(day.numbers(day.within(), "lastActionDateTime asc"))
        .containsExactly("09", "03", "01", "02", "07", "06", "05", "04", "10", "08");
    assertThat(day.numbers(day.within(), "lastActionDateTime desc"))
        .containsExactly("08", "10", "04", "05", "06", "07", "02", "01", "03", "09");
    assertThat(day.numbers(day.within(), "createdDateTime desc, lastActionDateTime desc"))
        .containsExactly("08", "07", "01", "06", "03", "10", "05", "02", "09", "04");
  }

  @Test
  void followingNextLinkVisitsEveryOperationOnce() {
    Day day = day();
    Map<String, String> options = new LinkedHashMap<>();
    options.put("$filter", day.within());
    options.put("$top", "3");

    Response first = list(options);
    first.then().statusCode(200).body("value.size()", equalTo(3));
    String next = first.path("nextLink");
    assertThat(next)
        .startsWith(PATH + "?$filter=createdDateTime%20ge%20")
        .endsWith("&$top=3&$skip=3");
    List<String> pages = new ArrayList<>();
    List<String> visited = new ArrayList<>();
    for (Response page = first; ; ) {
      List<String> ids = page.jsonPath().getList("value.id");
      pages.add(String.valueOf(ids.size()));
      ids.forEach(id -> visited.add(day.number(id)));
      String link = page.path("nextLink");
      if (link == null) {
        break;
      }
      page = given().urlEncodingEnabled(false).get(link);
      page.then().statusCode(200);
    }
    assertThat(pages).containsExactly("3", "3", "3", "1");
    assertThat(visited)
        .containsExactly("09", "01", "02", "10", "03", "04", "05", "06", "07", "08")
        .doesNotHaveDuplicates();

    // $orderby and $filter survive into the links
    options.put("$orderby", "lastActionDateTime desc");
    options.put("$top", "4");
    Response ordered = list(options);
    assertThat((String) ordered.path("nextLink"))
        .contains("&$orderby=lastActionDateTime%20desc&$top=4&$skip=4");
    List<String> byLastAction =
        all(options).stream().map(o -> day.number((String) o.get("id"))).toList();
    assertThat(byLastAction)
        .containsExactly("08", "10", "04", "05", "06", "07", "02", "01", "03", "09");
  }

  @Test
  void skipStartsLaterAndTheLastPageHasNoNextLink() {
    Day day = day();

    list(Map.of("$filter", day.within(), "$skip", "8", "$top", "5"))
        .then()
        .statusCode(200)
        .body("value.id", equalTo(List.of(day.tag + "-op07", day.tag + "-op08")))
        .body("nextLink", nullValue());
    list(Map.of("$filter", day.within(), "$skip", "7", "$top", "2"))
        .then()
        .body("value.id", equalTo(List.of(day.tag + "-op06", day.tag + "-op07")))
        .body("nextLink", containsString("$skip=9"));
    list(Map.of("$filter", day.within(), "$skip", "10"))
        .then()
        .statusCode(200)
        .body("value", equalTo(List.of()))
        .body("nextLink", nullValue());
  }

  @Test
  void topDefaultsTo50AndAllowsUpTo1000() {
    Day day = new Day();
    List<Run> many = new ArrayList<>();
    for (int i = 0; i < 55; i++) {
      many.add(
          new Run(
              String.format("%03d", i),
              RunState.FINISHED,
              Outcome.PASSED,
              min(i),
              min(i),
              "many",
              null));
    }
    day.write(many);

    Response first = list(Map.of("$filter", day.within()));
    first.then().statusCode(200).body("value.size()", equalTo(50));
    assertThat((String) first.path("nextLink")).endsWith("&$top=50&$skip=50");
    assertThat(all(Map.of("$filter", day.within()))).hasSize(55);
    list(Map.of("$filter", day.within(), "$top", "1000"))
        .then()
        .statusCode(200)
        .body("value.size()", equalTo(55))
        .body("nextLink", nullValue());
  }

  @Test
  void filtersOnEveryFieldWithEveryOperator() {
    Day day = day();

    assertThat(day.numbers(day.only("status eq 'running'"))).containsExactly("02", "10", "03");
    assertThat(day.numbers(day.only("status eq 'notstarted'"))).containsExactly("09", "01");
    assertThat(day.numbers(day.only("status eq 'succeeded'"))).containsExactly("04", "05");
    assertThat(day.numbers(day.only("status eq 'failed'"))).containsExactly("06");
    assertThat(day.numbers(day.only("status eq 'timeout'"))).containsExactly("07");
    assertThat(day.numbers(day.only("status eq 'cancelled'"))).containsExactly("08");
    assertThat(day.numbers(day.only("status ne 'succeeded'")))
        .containsExactly("09", "01", "02", "10", "03", "06", "07", "08");
    assertThat(day.numbers(day.only("kind eq 'test-run'"))).hasSize(10);
    assertThat(day.numbers(day.only("kind ne 'test-run'"))).isEmpty();
    String e99 = day.experiment("e99");
    assertThat(day.numbers("experiment eq '" + e99 + "'")).containsExactly("04", "05", "06");
    assertThat(day.numbers(day.only("experiment ne '" + e99 + "'")))
        .containsExactly("09", "01", "02", "10", "03", "07", "08");
    String e07 = day.experiment("e07");
    assertThat(day.numbers(day.only("experiment lt '" + e07 + "'")))
        .containsExactly("01", "02", "03");
    assertThat(day.numbers(day.only("experiment le '" + e07 + "'")))
        .containsExactly("01", "02", "03", "07");
    assertThat(day.numbers(day.only("experiment gt '" + e07 + "'")))
        .containsExactly("09", "10", "04", "05", "06", "08");
    assertThat(day.numbers(day.only("experiment ge '" + e07 + "'")))
        .containsExactly("09", "10", "04", "05", "06", "07", "08");
    assertThat(day.numbers(day.only("lastActionDateTime gt " + day.at(min(9)))))
        .containsExactly("10", "04", "08");
    assertThat(day.numbers(day.only("lastActionDateTime ge " + day.at(min(9)))))
        .containsExactly("10", "04", "05", "08");
    assertThat(day.numbers(day.only("lastActionDateTime lt " + day.at(min(3.5)))))
        .containsExactly("09");
    assertThat(day.numbers(day.only("lastActionDateTime le " + day.at(min(3.5)))))
        .containsExactly("09", "03");
    assertThat(day.numbers(day.only("lastActionDateTime eq " + day.at(min(7)))))
        .containsExactly("07");
    assertThat(day.numbers(day.only("lastActionDateTime ne " + day.at(min(7))))).hasSize(9);
    assertThat(
            day.numbers(
                day.only(
                    "not (status eq 'running' or status eq 'notstarted') and not (kind"
                        + " ne 'test-run')")))
        .containsExactly("04", "05", "06", "07", "08");
    assertThat(
            day.numbers(
                day.only(
                    "(status eq 'timeout' or status eq 'cancelled') and"
                        + " lastActionDateTime gt "
                        + day.at(min(7)))))
        .containsExactly("08");
    assertThat(day.numbers("experiment eq 'it''s not there'")).isEmpty();
  }

  @Test
  void theSeedPrecedenceExampleSelectsWhatIsNotRunningOrFailedTestRuns() {
    Day day = day();
    String example = "not (status eq 'running') or status eq 'failed' and kind eq 'test-run'";

    // (not running) or (failed and test-run): everything of the day but the running ones
    assertThat(day.numbers(example)).containsExactly("09", "01", "04", "05", "06", "07", "08");
    assertThat(all(Map.of("$filter", example, "$top", "1000")))
        .allSatisfy(o -> assertThat(o.get("status")).isNotEqualTo("running"));

    // 'and' before 'or': (running) or (failed and e99), not (running or failed) and e99
    String e99 = day.experiment("e99");
    assertThat(
            day.numbers(
                day.only(
                    "status eq 'running' or status eq 'failed' and experiment eq '" + e99 + "'")))
        .containsExactly("02", "10", "03", "06");
    assertThat(
            day.numbers(
                day.only(
                    "(status eq 'running' or status eq 'failed') and experiment eq '" + e99 + "'")))
        .containsExactly("06");
  }

  @Test
  void datetimeLiteralsCompareAsInstantsToTheMicrosecond() {
    Day day = day();
    Instant six = day.at(min(4).plusNanos(123_456_000));
    String inBerlin = six.atOffset(ZoneOffset.ofHours(2)).toString();

    assertThat(day.numbers("createdDateTime eq " + six)).containsExactly("06");
    assertThat(day.numbers("createdDateTime eq " + inBerlin)).containsExactly("06");
    assertThat(day.numbers(day.only("createdDateTime gt " + six.minusNanos(1_000))))
        .containsExactly("01", "06", "07", "08");
    assertThat(day.numbers(day.only("createdDateTime gt " + six)))
        .containsExactly("01", "07", "08");
    assertThat(day.numbers(day.only("createdDateTime lt " + day.at(min(1))))).containsExactly("04");
    assertThat(day.numbers(day.only("createdDateTime le " + day.at(min(1)))))
        .containsExactly("09", "02", "04");
  }

  @Test
  void eachListedOperationIsTheSameAsItsOwnResource() {
    Day day = day();

    for (Map<String, Object> listed : all(Map.of("$filter", day.within()))) {
      Map<String, Object> own =
          given().get(PATH + "/" + listed.get("id")).then().statusCode(200).extract().as(Map.class);
      assertThat(listed).isEqualTo(own);
    }
    Map<String, Object> six =
        all(Map.of("$filter", day.within() + " and status eq 'failed'")).get(0);
    assertThat(six)
        .containsEntry("kind", "test-run")
        .containsEntry("percentComplete", 100)
        .containsEntry(
            "error", Map.of("code", "InfrastructureFailure", "message", "runner farm down"));
    assertThat((String) six.get("resourceLocation")).startsWith("/api/v1/test-runs/");

    // and a run requested through the API
    String slug = "exp-" + UUID.randomUUID().toString().substring(0, 8);
    String operationId =
        given()
            .contentType("application/json")
            .post("/api/v1/experiments/" + slug + "/test-runs")
            .then()
            .statusCode(202)
            .extract()
            .path("operationId");
    Map<String, Object> own = given().get(PATH + "/" + operationId).then().extract().as(Map.class);
    List<Map<String, Object>> listed = all(Map.of("$filter", "experiment eq '" + slug + "'"));
    assertThat(listed).containsExactly(own);
    assertThat(own).containsEntry("status", "notstarted");
  }

  @Test
  void badQueryOptionsAre400ProblemsNamingTheOption() {
    for (String top : List.of("0", "-1", "1001", "abc", "1.5", "+5", " 5")) {
      assertProblem(
          Map.of("$top", top), "$top", null, "$top: must be a whole number from 1 to 1000");
    }
    for (String skip : List.of("-1", "abc", "9999999999")) {
      assertProblem(Map.of("$skip", skip), "$skip", null, "$skip: must be a whole number from 0");
    }
    assertProblem(
        Map.of("$filter", "status eq 'running' and"), "$filter", 23, "the filter ends too early");
    assertProblem(
        Map.of("$filter", "not status eq 'running'"), "$filter", 0, "'not' needs a condition");
    assertProblem(Map.of("$filter", "colour eq 'red'"), "$filter", 0, "unknown field 'colour'");
    assertProblem(
        Map.of("$filter", "createdDateTime gt 'yesterday'"),
        "$filter",
        16,
        "compares a datetime with a string");
    assertProblem(
        Map.of("$filter", "createdDateTime gt 2026-13-01T00:00:00Z"),
        "$filter",
        19,
        "is not an RFC 3339 UTC time");
    assertProblem(Map.of("$filter", "(status eq 'a'"), "$filter", 14, "expected ')'");
    // present but empty is not absent
    for (String empty : List.of("$top=", "$top", "$skip=", "$filter=", "$orderby=", "$orderby")) {
      given()
          .urlEncodingEnabled(false)
          .get(PATH + "?" + empty)
          .then()
          .statusCode(400)
          .contentType("application/problem+json")
          .body("parameter", equalTo(empty.replace("=", "")));
    }
    assertProblem(Map.of("$orderby", "status desc"), "$orderby", 0, "cannot sort by 'status'");
    assertProblem(
        Map.of("$orderby", "createdDateTime sideways"), "$orderby", 16, "expected 'asc' or 'desc'");
    assertProblem(Map.of("$count", "true"), "$count", null, "unknown query option");
    assertProblem(Map.of("$expand", "runs"), "$expand", null, "unknown query option");

    given()
        .urlEncodingEnabled(false)
        .get(PATH + "?$top=2&$top=3")
        .then()
        .statusCode(400)
        .body("detail", equalTo("$top: given more than once"));
    // an unknown parameter is refused like on every other list, not quietly ignored
    assertProblem(Map.of("foo", "x"), "foo", null, "unknown query parameter");
  }

  private static void assertProblem(
      Map<String, String> options, String parameter, Integer position, String detail) {
    list(options)
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("title", equalTo("Bad Request"))
        .body("status", equalTo(400))
        .body("parameter", equalTo(parameter))
        .body("position", equalTo(position))
        .body("detail", containsString(detail));
  }

  @Test
  void storedStatusAndProgressAgreeWithTheJavaMappingForEveryStateAndOutcome() throws SQLException {
    List<Outcome> outcomes = new ArrayList<>(List.of(Outcome.values()));
    outcomes.add(null);
    Set<String> seen = new HashSet<>();
    String tag = "map-" + UUID.randomUUID();
    try (Connection c = db.getConnection()) {
      c.setAutoCommit(false);
      try (PreparedStatement insert =
          c.prepareStatement(
              "INSERT INTO test_run (id, experiment, revision, owner, owner_email, runner,"
                  + " state, outcome, max_attempts, operation_id, created_at, last_action_at,"
                  + " unresponsive_since) VALUES (?, ?, 'r', 'o', 'o@x', 'sim', ?, ?, 3, ?,"
                  + " now(), now(), ?) RETURNING operation_status, operation_progress")) {
        int n = 0;
        for (RunState state : RunState.values()) {
          for (Outcome outcome : outcomes) {
            for (boolean unresponsive : new boolean[] {false, true}) {
              n++;
              insert.setString(1, tag + "-" + n);
              insert.setString(2, tag + "-" + n);
              insert.setString(3, state.name());
              insert.setString(4, outcome == null ? null : outcome.name());
              insert.setString(5, tag + "-op-" + n);
              insert.setObject(6, unresponsive ? OffsetDateTime.now(ZoneOffset.UTC) : null);
              try (ResultSet r = insert.executeQuery()) {
                r.next();
                String expected = OperationStatus.status(state, outcome, unresponsive);
                String what = state + " " + outcome + " unresponsive " + unresponsive;
                assertThat(r.getString(1)).as(what).isEqualTo(expected);
                // seed 001's default order: not started, then running, then completed
                int progress =
                    expected.equals(OperationStatus.NOT_STARTED)
                        ? 0
                        : OperationStatus.isFinal(expected) ? 2 : 1;
                assertThat(r.getInt(2)).as(what).isEqualTo(progress);
                seen.add(expected);
              }
            }
          }
        }
      } finally {
        c.rollback();
      }
    }
    assertThat(seen)
        .containsExactlyInAnyOrder(
            "notstarted", "running", "unresponsive", "succeeded", "failed", "timeout", "cancelled");
  }
}
