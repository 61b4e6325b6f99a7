package dev.gort.gateway.testing;

import static io.restassured.RestAssured.given;

import dev.gort.common.event.Envelope;
import dev.gort.common.event.RunEvents.RunRequested;
import io.restassured.common.mapper.TypeRef;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Builds requested runs and reads what the test's runner received. */
public final class GatewayTestSupport {

  public static final String SOURCE = "/gort/scheduler-service";

  private GatewayTestSupport() {}

  public static String newRunId() {
    return "run-" + UUID.randomUUID();
  }

  public static Envelope runRequested(String runId, String experiment) {
    return Envelope.of(
        SOURCE,
        new RunRequested(runId, experiment, "rev-1", "alice", "alice@example.org", "sim", 3),
        Instant.now());
  }

  /** The jobs the sim runner stub received for {@code runId}, in the order received. */
  public static List<Map<String, Object>> jobsAtRunner(String runnerUrl, String runId) {
    List<Map<String, Object>> all =
        given()
            .baseUri(runnerUrl)
            .get("/runners/sim/jobs")
            .then()
            .statusCode(200)
            .extract()
            .as(new TypeRef<List<Map<String, Object>>>() {});
    return all.stream().filter(j -> runId.equals(j.get("runId"))).toList();
  }
}
