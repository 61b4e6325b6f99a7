package dev.gort.simulators.kcidb;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gort.simulators.SmtpPortResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The simulated KCIDB submission endpoint: what it takes, what it refuses and why, what it kept.
 */
@QuarkusTest
@WithTestResource(SmtpPortResource.class)
class KcidbSubmitTest {

  private static final String TOKEN = "test-kcidb-token";
  private static final ObjectMapper JSON = new ObjectMapper();

  @BeforeEach
  void empty() {
    given().delete("/sim/kcidb/submissions").then().statusCode(204);
    given()
        .contentType("application/json")
        .body("{\"count\": 0}")
        .put("/sim/kcidb/fail-next")
        .then()
        .statusCode(200);
  }

  @Test
  void aValidDocumentIsAcceptedAndListed() {
    submit(document().toString())
        .statusCode(200)
        .body("accepted.checkouts", equalTo(1))
        .body("accepted.builds", equalTo(1))
        .body("accepted.tests", equalTo(2))
        .body("accepted.issues", equalTo(0));

    given()
        .queryParam("origin", "gort")
        .get("/sim/kcidb/submissions")
        .then()
        .statusCode(200)
        .body("value", hasSize(1))
        .body("value[0].receivedAt", notNullValue())
        .body("value[0].minor", equalTo(3))
        .body("value[0].counts.tests", equalTo(2))
        .body("value[0].origins", contains("gort"))
        .body("value[0].checkouts[0].id", equalTo("gort:run-1"))
        .body("value[0].checkouts[0].treeName", equalTo("ledger"))
        .body("value[0].testIds", contains("gort:rep-1:1", "gort:rep-1:2"))
        .body("value[0].testIdsTruncated", equalTo(false));
    given()
        .queryParam("tree", "ledger")
        .get("/sim/kcidb/submissions")
        .then()
        .body("value", hasSize(1));
    given()
        .queryParam("tree", "other")
        .get("/sim/kcidb/submissions")
        .then()
        .body("value", hasSize(0));
    given()
        .queryParam("origin", "someone_else")
        .get("/sim/kcidb/submissions")
        .then()
        .body("value", hasSize(0));
    given().queryParam("color", "red").get("/sim/kcidb/submissions").then().statusCode(400);

    given().delete("/sim/kcidb/submissions").then().statusCode(204);
    given().get("/sim/kcidb/submissions").then().body("value", hasSize(0));
  }

  @Test
  void aMinimalDocumentOfAnEarlierMinorIsAccepted() {
    submit("{\"version\": {\"major\": 5}}").statusCode(200).body("accepted.tests", equalTo(0));
    submit("{\"version\": {\"major\": 5, \"minor\": 0}, \"checkouts\": []}").statusCode(200);
    given()
        .get("/sim/kcidb/submissions")
        .then()
        .body("value", hasSize(2))
        .body("value[0].checkouts", hasSize(0));
  }

  @Test
  void aNullValueIsRefusedWhereverItIs() {
    refused(
            d -> {
              test(d, 1).putNull("duration");
              ((ObjectNode) d.withArray("checkouts").get(0).get("misc")).putNull("note");
            })
        .body(
            "errors",
            hasItem(startsWith("/tests/1/duration: null is not allowed (leave the property out)")))
        .body("errors", hasItem(startsWith("/checkouts/0/misc/note: null is not allowed")))
        .body("errors", hasSize(2));
    refused(d -> d.putNull("builds")).body("errors", contains("/builds: null is not allowed"));
  }

  @Test
  void aBadIdIsRefused() {
    refused(d -> ((ObjectNode) d.withArray("checkouts").get(0)).put("id", "Gort-run-1"))
        .body(
            "errors",
            contains("/checkouts/0/id: does not match the regex pattern ^[a-z0-9_]+:[^\\0]*$"));
    refused(d -> build(d).put("checkout_id", "run-1"))
        .body("errors", contains(startsWith("/builds/0/checkout_id: does not match")));
    refused(d -> test(d, 0).put("build_id", "gort:\u0000"))
        .body("errors", contains(startsWith("/tests/0/build_id: does not match")));
    refused(d -> test(d, 0).put("origin", "Gort"))
        .body("errors", contains("/tests/0/origin: does not match the regex pattern ^[a-z0-9_]+$"));
  }

  @Test
  void aBadTestPathIsRefused() {
    refused(d -> test(d, 0).put("path", "ledger..refunds"))
        .body("errors", contains(startsWith("/tests/0/path: does not match the regex pattern")));
    refused(d -> test(d, 1).put("path", "ledger/refunds"))
        .body("errors", contains(startsWith("/tests/1/path: does not match")));
    // $ is the end of the text, as in ECMAScript, not before a final line break as in Java
    refused(d -> test(d, 1).put("path", "ledger.refunds\n"))
        .body("errors", contains(startsWith("/tests/1/path: does not match")));
    refused(d -> test(d, 0).put("origin", "gort\n"))
        .body("errors", contains(startsWith("/tests/0/origin: does not match")));
  }

  @Test
  void aBadStatusIsRefused() {
    refused(d -> test(d, 0).put("status", "PASSED"))
        .body(
            "errors",
            contains(startsWith("/tests/0/status: does not have a value in the enumeration")));
    refused(d -> build(d).put("status", "pass"))
        .body("errors", contains(startsWith("/builds/0/status: ")));
  }

  @Test
  void aWrongVersionIsRefused() {
    refused(d -> ((ObjectNode) d.get("version")).put("major", 4))
        .body("errors", contains(startsWith("/version/major: ")));
    refused(d -> ((ObjectNode) d.get("version")).put("minor", 4))
        .body("errors", contains(startsWith("/version/minor: ")));
    refused(d -> ((ObjectNode) d.get("version")).put("major", "5"))
        .body("errors", hasItem("/version/major: string found, integer expected"))
        .body("errors", everyItem(startsWith("/version/major: ")));
    refused(d -> d.remove("version"))
        .body("errors", contains(": required property 'version' not found"));
  }

  @Test
  void aMissingRequiredFieldIsRefused() {
    refused(d -> test(d, 0).remove("build_id"))
        .body("errors", contains("/tests/0: required property 'build_id' not found"));
    refused(d -> build(d).remove("checkout_id"))
        .body("errors", contains("/builds/0: required property 'checkout_id' not found"));
    refused(d -> ((ObjectNode) d.withArray("checkouts").get(0)).remove("origin"))
        .body("errors", contains("/checkouts/0: required property 'origin' not found"));
  }

  @Test
  void aBadTimeOrUrlIsRefused() {
    refused(d -> test(d, 0).put("start_time", "2026-02-30T10:00:00Z"))
        .body("errors", contains(startsWith("/tests/0/start_time: ")));
    refused(d -> build(d).put("start_time", "yesterday"))
        .body("errors", contains(startsWith("/builds/0/start_time: ")));
    refused(d -> test(d, 1).put("log_url", "logs/ledger.txt"))
        .body("errors", contains(startsWith("/tests/1/log_url: ")));
  }

  @Test
  void aDocumentOfTheWrongShapeIsRefused() {
    submit("[]").statusCode(400).body("errors", contains(": the document must be a JSON object"));
    submit("").statusCode(400).body("errors", contains(": the document must be a JSON object"));
    submit("{\"version\": {\"major\": 5}, \"tests\": {}}")
        .statusCode(400)
        .body("errors", contains("/tests: must be an array of objects"));
    submit("{\"version\": {\"major\": 5}, \"tests\": [\"gort:1\"]}")
        .statusCode(400)
        .body("errors", contains(startsWith("/tests/0: ")));
    refused(d -> d.put("test~s/x", 1))
        .body("errors", contains(startsWith("/test~0s~1x: is not a KCIDB I/O v5 property")));
    refused(d -> test(d, 0).put("colour", "green"))
        .body("errors", contains("/tests/0/colour: is not a property KCIDB I/O v5.3 allows here"));
    submit("{\"version\": {\"major\": 5}")
        .statusCode(400)
        .body("errors", contains(startsWith(": malformed JSON")));
    submit("{\"version\": {\"major\": 5}, \"version\": {\"major\": 5}}")
        .statusCode(400)
        .body("errors", contains(startsWith(": malformed JSON")));
  }

  @Test
  void theProblemsListedAreBounded() {
    ObjectNode d = document();
    ArrayNode tests = d.withArray("tests");
    for (int i = 0; i < 60; i++) {
      tests.addObject().put("id", "bad id " + i).put("build_id", "gort:b").put("origin", "gort");
    }
    submit(d.toString())
        .statusCode(400)
        .body("errors", hasSize(KcidbValidator.MAX_PROBLEMS))
        .body("errors", everyItem(containsString(": does not match")))
        .body("truncated", equalTo(true));
    refused(doc -> test(doc, 0).put("status", "x")).body("truncated", nullValue());
  }

  @Test
  void aWrongOrMissingTokenIs401() {
    given()
        .contentType("application/json")
        .header("Authorization", "Bearer not-the-token")
        .body(document().toString())
        .post("/kcidb/submit")
        .then()
        .statusCode(401)
        .header("WWW-Authenticate", "Bearer")
        .body("errors", contains(startsWith("Authorization: ")));
    given()
        .contentType("application/json")
        .body(document().toString())
        .post("/kcidb/submit")
        .then()
        .statusCode(401);
    given()
        .contentType("application/json")
        .header("Authorization", TOKEN)
        .body(document().toString())
        .post("/kcidb/submit")
        .then()
        .statusCode(401);
    given()
        .contentType("application/json")
        .header("Authorization", "bearer " + TOKEN)
        .body(document().toString())
        .post("/kcidb/submit")
        .then()
        .statusCode(200);
    given().get("/sim/kcidb/submissions").then().body("value", hasSize(1));
  }

  @Test
  void aBodyThatIsNotJsonIs415() {
    given()
        .contentType("text/plain")
        .header("Authorization", "Bearer " + TOKEN)
        .body(document().toString())
        .post("/kcidb/submit")
        .then()
        .statusCode(415)
        .body("errors", hasSize(1));
  }

  @Test
  void failNextMakesTheNextSubmissionsAnswerTheScriptedStatus() {
    given()
        .contentType("application/json")
        .body("{\"count\": 2, \"status\": 503}")
        .put("/sim/kcidb/fail-next")
        .then()
        .statusCode(200)
        .body("failing", equalTo(2))
        .body("status", equalTo(503));

    submit(document().toString())
        .statusCode(503)
        .body("errors", contains(containsString("fail-next")));
    submit(document().toString()).statusCode(503);
    submit(document().toString()).statusCode(200);
    given().get("/sim/kcidb/submissions").then().body("value", hasSize(1));

    given()
        .contentType("application/json")
        .body("{\"status\": 400}")
        .put("/sim/kcidb/fail-next")
        .then()
        .statusCode(200)
        .body("failing", equalTo(1));
    submit(document().toString()).statusCode(400);
    submit(document().toString()).statusCode(200);

    given()
        .contentType("application/json")
        .body("{\"count\": 1, \"status\": 200}")
        .put("/sim/kcidb/fail-next")
        .then()
        .statusCode(400);
    given()
        .contentType("application/json")
        .body("{\"count\": -1}")
        .put("/sim/kcidb/fail-next")
        .then()
        .statusCode(400);
    submit(document().toString()).statusCode(200);
  }

  private static ValidatableResponse submit(String body) {
    return given()
        .contentType("application/json")
        .header("Authorization", "Bearer " + TOKEN)
        .body(body)
        .post("/kcidb/submit")
        .then();
  }

  /**
   * Submits the valid document changed by {@code change}: it must be refused, with nothing kept.
   */
  private static ValidatableResponse refused(Consumer<ObjectNode> change) {
    ObjectNode d = document();
    change.accept(d);
    ValidatableResponse answer =
        submit(d.toString()).statusCode(400).body("errors", not(hasSize(0)));
    given().get("/sim/kcidb/submissions").then().body("value", hasSize(0));
    return answer;
  }

  private static ObjectNode test(ObjectNode document, int index) {
    return (ObjectNode) document.withArray("tests").get(index);
  }

  private static ObjectNode build(ObjectNode document) {
    return (ObjectNode) document.withArray("builds").get(0);
  }

  /** A valid KCIDB I/O v5.3 document shaped as the results worker exports a report. */
  private static ObjectNode document() {
    ObjectNode d = JSON.createObjectNode();
    d.putObject("version").put("major", 5).put("minor", 3);
    ObjectNode checkout = d.putArray("checkouts").addObject();
    checkout.put("id", "gort:run-1").put("origin", "gort").put("tree_name", "ledger");
    checkout.put("comment", "Gort run run-1, attempt 1");
    checkout.putObject("misc").put("gort_report", "rep-1").put("gort_runner", "sim");
    ObjectNode build = d.putArray("builds").addObject();
    build.put("id", "gort:run-1:build").put("checkout_id", "gort:run-1").put("origin", "gort");
    build.put("start_time", "2026-03-01T10:00:00.123456Z").put("status", "PASS");
    build.put("architecture", "x86_64").put("config_name", "defconfig").put("duration", 12.5);
    build.put("log_url", "https://ci.example.com/logs/build.txt");
    ArrayNode tests = d.putArray("tests");
    tests
        .addObject()
        .put("id", "gort:rep-1:1")
        .put("build_id", "gort:run-1:build")
        .put("origin", "gort")
        .put("path", "org.example.ledger.LedgerTest.refundsAreSummedOnce")
        .put("status", "FAIL")
        .put("start_time", "2026-03-01T10:05:00Z")
        .put("duration", 0.25)
        .put("log_excerpt", "expected 10 but was 20\n\tat LedgerTest.java:42")
        .putObject("misc")
        .put("class_name", "org.example.ledger.LedgerTest")
        .put("flaky", true);
    tests
        .addObject()
        .put("id", "gort:rep-1:2")
        .put("build_id", "gort:run-1:build")
        .put("origin", "gort")
        .put("path", "org.example.ledger.LedgerTest.balanceStartsAtZero")
        .put("status", "PASS")
        .put("start_time", "2026-03-01T10:05:00+01:00")
        .put("log_url", "http://127.0.0.1:8090/logs/2");
    return d;
  }
}
