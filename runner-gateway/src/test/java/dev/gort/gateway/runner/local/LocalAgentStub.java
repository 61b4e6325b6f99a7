package dev.gort.gateway.runner.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import dev.gort.testsupport.StubHttp;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Plays the local runner agent for the gateway's {@code @QuarkusTest}s: takes jobs (one per attempt
 * id, as the agent does), records them with the token they came with, answers status polls as
 * running.
 */
public class LocalAgentStub implements QuarkusTestResourceLifecycleManager {

  static final String TOKEN = "test-local-token";
  static final String SECRET = "test-local-secret";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A job as received: its body and Authorization header. */
  record Received(Map<String, Object> job, String authorization) {}

  static final List<Received> RECEIVED = new CopyOnWriteArrayList<>();
  private static final Map<String, String> BY_ATTEMPT = new ConcurrentHashMap<>();

  private com.sun.net.httpserver.HttpServer server;

  @Override
  public Map<String, String> start() {
    server = StubHttp.start("/api/v1/jobs", this::handle);
    return Map.of(
        "gort.runner.local.url", StubHttp.baseUrl(server),
        "gort.runner.local.token", TOKEN,
        "gort.runner.local.secret", SECRET);
  }

  @Override
  public void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  @SuppressWarnings("unchecked")
  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      byte[] answer;
      int status;
      if ("POST".equals(exchange.getRequestMethod()) && path.equals("/api/v1/jobs")) {
        Map<String, Object> job = JSON.readValue(exchange.getRequestBody(), Map.class);
        RECEIVED.add(new Received(job, exchange.getRequestHeaders().getFirst("Authorization")));
        String attemptId = (String) job.get("attemptId");
        boolean known = BY_ATTEMPT.containsKey(attemptId);
        String jobId = BY_ATTEMPT.computeIfAbsent(attemptId, a -> "local-job-" + BY_ATTEMPT.size());
        status = known ? 200 : 201;
        answer = JSON.writeValueAsBytes(Map.of("jobId", jobId, "status", "running"));
      } else if (path.endsWith("/cancel")) {
        status = 202;
        answer = "{\"status\":\"running\"}".getBytes(StandardCharsets.UTF_8);
      } else {
        status = 200;
        answer = "{\"status\":\"running\"}".getBytes(StandardCharsets.UTF_8);
      }
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(status, answer.length);
      exchange.getResponseBody().write(answer);
    }
  }

  /** The jobs received for {@code runId}. */
  static List<Received> jobsOf(String runId) {
    return RECEIVED.stream().filter(r -> runId.equals(r.job().get("runId"))).toList();
  }
}
