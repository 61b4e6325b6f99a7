package dev.gort.gateway.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.net.InetSocketAddress;
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
 * refused with 503 the first {@code n} times each run is submitted.
 */
public class SimRunnerStub implements QuarkusTestResourceLifecycleManager {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final List<Map<String, Object>> jobs = new ArrayList<>();
  private final Map<String, AtomicInteger> submissions = new ConcurrentHashMap<>();
  private final AtomicInteger ids = new AtomicInteger();
  private HttpServer server;

  @Override
  public Map<String, String> start() {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    server.createContext("/runners/sim/jobs", this::handle);
    server.start();
    return Map.of(
        "quarkus.rest-client.sim-runner.url", "http://127.0.0.1:" + server.getAddress().getPort());
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
        case "POST" -> submit(exchange);
        case "GET" -> {
          synchronized (jobs) {
            respond(exchange, 200, JSON.writeValueAsBytes(jobs));
          }
        }
        default -> respond(exchange, 405, new byte[0]);
      }
    }
  }

  @SuppressWarnings("unchecked")
  private void submit(HttpExchange exchange) throws IOException {
    Map<String, Object> job;
    try {
      job = JSON.readValue(exchange.getRequestBody().readAllBytes(), LinkedHashMap.class);
    } catch (IOException e) {
      respond(exchange, 400, "{\"detail\":\"not JSON\"}".getBytes(StandardCharsets.UTF_8));
      return;
    }
    String experiment = String.valueOf(job.get("experiment"));
    int tries =
        submissions
            .computeIfAbsent(job.get("runId") + "/" + job.get("attempt"), k -> new AtomicInteger())
            .incrementAndGet();
    if (experiment.startsWith("down-") && tries <= Integer.parseInt(experiment.split("-")[1])) {
      respond(exchange, 503, "{\"detail\":\"runner busy\"}".getBytes(StandardCharsets.UTF_8));
      return;
    }
    String jobId = "sim-job-" + ids.incrementAndGet();
    job.put("jobId", jobId);
    job.put("submissions", tries);
    synchronized (jobs) {
      jobs.add(job);
    }
    respond(exchange, 201, JSON.writeValueAsBytes(Map.of("jobId", jobId)));
  }

  private static void respond(HttpExchange exchange, int status, byte[] body) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      exchange.getResponseBody().write(body);
    }
  }
}
