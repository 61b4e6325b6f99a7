package dev.gort.scheduler.testing;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import dev.gort.common.event.Envelope;
import dev.gort.common.event.GortEvent;
import io.restassured.response.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/** Requests runs over the scheduler's API and builds the events other services would send. */
public final class Runs {

  private Runs() {}

  /** {@code data} as another service would publish it. */
  public static Envelope event(GortEvent data) {
    return Envelope.of("/test", data, Instant.now());
  }

  /** POSTs a test-run request for {@code slug} (a body when not null). */
  public static Response request(String slug, String body) {
    var spec = given().contentType("application/json");
    if (body != null) {
      spec = spec.body(body);
    }
    return spec.post(path(slug));
  }

  public static String path(String slug) {
    return "/api/v1/experiments/" + slug + "/test-runs";
  }

  /** A fresh experiment slug the {@link ExperimentSourceStub} knows. */
  public static String slug() {
    return "exp-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /** Waits until the run is in {@code state}. */
  public static void awaitState(String runId, String state) {
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () -> given().get("/api/v1/test-runs/" + runId).then().body("state", equalTo(state)));
  }
}
