package dev.gort.gateway.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.gort.testsupport.StubHttp;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A runner the tests control, speaking the simulators' generic runner API on a free port: {@code
 * POST /runners/sim/jobs} takes a job and answers 201 {@code {"jobId": ...}}. Tests read what it
 * received over HTTP ({@code GET /runners/sim/jobs}), as they would from the simulators, so nothing
 * depends on which class loader holds this object. An experiment named {@code down-<n>-...} is
 * refused with 503 the first {@code n} times each run is submitted; one named {@code slow-<ms>-...}
 * is listed at once but answered only after {@code ms} milliseconds; one named {@code mute-<n>-...}
 * answers its first {@code n} status polls with 503, and the status polls of one named {@code
 * done-...} say the job {@code passed} (finished, its callback not yet arrived); cancels of a job
 * named {@code nohalt-...} are refused with 503. {@code POST /runners/sim/jobs/{jobId}/cancel}
 * marks a job {@code cancelled}, as the simulators' runner does.
 */
public class SimRunnerStub implements QuarkusTestResourceLifecycleManager {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final List<Map<String, Object>> jobs = new ArrayList<>();
  private final Map<String, AtomicInteger> submissions = new ConcurrentHashMap<>();
  private final AtomicInteger ids = new AtomicInteger();
  private HttpServer server;

  @Override
  public Map<String, String> start() {
    server = StubHttp.start("/runners/sim/jobs", this::handle);
    return Map.of("quarkus.rest-client.sim-runner.url", StubHttp.baseUrl(server));
  }

  @Override
  public void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      switch (exchange.getRequestMethod()) {
        case "POST" -> {
          String path = exchange.getRequestURI().getPath();
          if (path.endsWith("/cancel")) {
            cancel(exchange, path.split("/")[4]);
          } else {
            submit(exchange);
          }
        }
        case "GET" -> {
          String[] path = exchange.getRequestURI().getPath().split("/");
          if (path.length == 5) {
            status(exchange, path[4]);
            return;
          }
          synchronized (jobs) {
            StubHttp.respondJson(exchange, 200, JSON.writeValueAsBytes(jobs));
          }
        }
        default -> StubHttp.respondJson(exchange, 405, new byte[0]);
      }
    }
  }

  /**
   * {@code GET /runners/sim/jobs/{jobId}}, a status poll: 200 {@code {"status": "running"}} (or
   * {@code passed} for experiment {@code done-...}), or 503 for the first {@code n} polls of a job
   * of experiment {@code mute-<n>-...}; 404 if unknown.
   */
  private void status(HttpExchange exchange, String jobId) throws IOException {
    synchronized (jobs) {
      for (Map<String, Object> job : jobs) {
        if (jobId.equals(job.get("jobId"))) {
          int polls = (int) job.get("statusPolls") + 1;
          job.put("statusPolls", polls);
          String experiment = String.valueOf(job.get("experiment"));
          if (withinFirst(experiment, "mute-", polls)) {
            StubHttp.respondJson(
                exchange, 503, "{\"detail\":\"not answering\"}".getBytes(StandardCharsets.UTF_8));
          } else {
            String status = experiment.startsWith("done-") ? "passed" : "running";
            StubHttp.respondJson(
                exchange, 200, JSON.writeValueAsBytes(Map.of("jobId", jobId, "status", status)));
          }
          return;
        }
      }
    }
    StubHttp.respondJson(
        exchange, 404, "{\"detail\":\"no such job\"}".getBytes(StandardCharsets.UTF_8));
  }

  /**
   * {@code POST /runners/sim/jobs/{jobId}/cancel}: 202 and the job shows cancelled; 404 if unknown.
   */
  private void cancel(HttpExchange exchange, String jobId) throws IOException {
    synchronized (jobs) {
      for (Map<String, Object> job : jobs) {
        if (jobId.equals(job.get("jobId"))) {
          job.put("cancelCalls", (int) job.get("cancelCalls") + 1);
          if (String.valueOf(job.get("experiment")).startsWith("nohalt-")) {
            StubHttp.respondJson(
                exchange, 503, "{\"detail\":\"cannot cancel\"}".getBytes(StandardCharsets.UTF_8));
            return;
          }
          job.put("cancelled", true);
          StubHttp.respondJson(exchange, 202, new byte[0]);
          return;
        }
      }
    }
    StubHttp.respondJson(
        exchange, 404, "{\"detail\":\"no such job\"}".getBytes(StandardCharsets.UTF_8));
  }

  @SuppressWarnings("unchecked")
  private void submit(HttpExchange exchange) throws IOException {
    Map<String, Object> job;
    try {
      job = JSON.readValue(exchange.getRequestBody().readAllBytes(), LinkedHashMap.class);
    } catch (IOException e) {
      StubHttp.respondJson(
          exchange, 400, "{\"detail\":\"not JSON\"}".getBytes(StandardCharsets.UTF_8));
      return;
    }
    String experiment = String.valueOf(job.get("experiment"));
    int tries =
        submissions
            .computeIfAbsent(job.get("runId") + "/" + job.get("attempt"), k -> new AtomicInteger())
            .incrementAndGet();
    if (withinFirst(experiment, "down-", tries)) {
      StubHttp.respondJson(
          exchange, 503, "{\"detail\":\"runner busy\"}".getBytes(StandardCharsets.UTF_8));
      return;
    }
    String jobId = "sim-job-" + ids.incrementAndGet();
    job.put("jobId", jobId);
    job.put("submissions", tries);
    job.put("cancelled", false);
    job.put("answered", false);
    job.put("statusPolls", 0);
    job.put("cancelCalls", 0);
    synchronized (jobs) {
      jobs.add(job);
    }
    if (experiment.startsWith("slow-")) {
      pause(Long.parseLong(experiment.split("-")[1]));
    }
    synchronized (jobs) {
      job.put("answered", true);
    }
    StubHttp.respondJson(exchange, 201, JSON.writeValueAsBytes(Map.of("jobId", jobId)));
  }

  /** Whether {@code experiment} is named {@code <prefix><n>-...} and {@code count} is at most n. */
  private static boolean withinFirst(String experiment, String prefix, int count) {
    return experiment.startsWith(prefix) && count <= Integer.parseInt(experiment.split("-")[1]);
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
