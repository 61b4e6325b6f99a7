package dev.gort.localrunner.testing;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Submits jobs to the agent under test as the gateway does, and waits for them. */
public final class Jobs {

  public static final String TOKEN = "test-agent-token";
  public static final String SECRET = "test-agent-secret";

  private Jobs() {}

  public static RequestSpecification asGateway() {
    return given().header("Authorization", "Bearer " + TOKEN);
  }

  /** A job body for a fresh attempt, with the stub's callback URL; change it before sending. */
  public static Map<String, Object> job(String... commands) {
    String attempt = "att-" + UUID.randomUUID();
    Map<String, Object> job = new LinkedHashMap<>();
    job.put("attemptId", attempt);
    job.put("runId", "run-1");
    job.put("attempt", 1);
    job.put("experiment", "demo");
    job.put("revision", "r1");
    job.put("kind", "test");
    job.put("callbackUrl", GatewayStub.get().callbackUrl(attempt, "tok-" + attempt));
    job.put("commands", List.of(commands));
    job.put("timeout", "PT60S");
    return job;
  }

  /** Submits, expects 201, returns the job id. */
  public static String submit(Map<String, Object> job) {
    return asGateway()
        .contentType(ContentType.JSON)
        .body(job)
        .post("/api/v1/jobs")
        .then()
        .statusCode(201)
        .extract()
        .path("jobId");
  }

  public static JsonPath status(String jobId) {
    return asGateway().get("/api/v1/jobs/" + jobId).then().statusCode(200).extract().jsonPath();
  }

  public static JsonPath awaitFinished(String jobId) {
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> "finished".equals(status(jobId).getString("status")));
    return status(jobId);
  }

  public static Path workDir(String jobId) {
    return AgentResource.workDir().resolve(jobId).resolve("work");
  }

  /** The pids the job's commands wrote to files {@code names} in its working directory. */
  public static List<Long> pids(String jobId, String... names) throws IOException {
    List<Long> pids = new ArrayList<>();
    for (String name : names) {
      pids.add(Long.parseLong(Files.readString(workDir(jobId).resolve(name)).trim()));
    }
    return pids;
  }

  public static void awaitFile(String jobId, String name) {
    await()
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(50))
        .until(
            () ->
                Files.isRegularFile(workDir(jobId).resolve(name))
                    && Files.size(workDir(jobId).resolve(name)) > 0);
  }
}
